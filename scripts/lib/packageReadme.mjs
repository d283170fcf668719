// The README that goes into the .vsix: the repository's README.md with only the pictures the
// package carries (.vscodeignore: the walkthrough's, in both languages). Every other picture becomes
// its caption in italics, so the extension's page in VS Code shows no broken image and the package
// stays under 1 MB; a link to another file of the repository keeps its text only.
// `node scripts/lib/packageReadme.mjs <out>` writes it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

export function packagedPictures() {
  return readFileSync(join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!media/screenshots/'))
    .map((line) => line.slice(1).trim());
}

export function packageReadme() {
  const shipped = new Set(packagedPictures());
  return (
    readFileSync(join(ROOT, 'README.md'), 'utf8')
      .replace(/!\[([^\]]*)\]\((media\/screenshots\/[a-z0-9-]+\.png)\)/g, (whole, alt, path) => (shipped.has(path) ? whole : `*${alt}*`))
      // A link to another file of the repository (docs/*.md, CONTRIBUTING.md) has no target in the
      // package: its text stays, the link goes.
      .replace(/(?<!!)\[([^\]]+)\]\((?!https?:|#)[^)]+\)/g, '$1')
  );
}

export function writePackageReadme(out) {
  writeFileSync(out, packageReadme());
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writePackageReadme(process.argv[2] ?? join(ROOT, 'README.package.md'));
}
