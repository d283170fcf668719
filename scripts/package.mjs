// `npm run package`: the .vsix users install, with the package README (scripts/lib/packageReadme.mjs).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run } from './lib/bootstrap.mjs';
import { writePackageReadme } from './lib/packageReadme.mjs';

mkdirSync(join(ROOT, '.vscode-test'), { recursive: true });
const readme = writePackageReadme(join(ROOT, '.vscode-test', 'README.package.md'));
run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--readme-path', readme, ...process.argv.slice(2)]);
