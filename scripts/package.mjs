// `npm run package`: the .vsix users install, with the package README (scripts/lib/packageReadme.mjs).
// vsce takes the README by its path inside the package: README.package.md (git ignores it; the
// package's extension/readme.md is made from it).
import { join } from 'node:path';
import { ROOT, run } from './lib/bootstrap.mjs';
import { writePackageReadme } from './lib/packageReadme.mjs';

writePackageReadme(join(ROOT, 'README.package.md'));
run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--readme-path', 'README.package.md', ...process.argv.slice(2)]);
