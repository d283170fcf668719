import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const pictures = (text: string) => text.match(/media\/screenshots\/[a-z0-9-]+\.png/g) ?? [];

describe('Packaged pictures', () => {
  const packaged = fs
    .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!media/screenshots/'))
    .map((line) => line.slice(1));

  it('the .vsix takes exactly the pictures the walkthrough shows, in both languages', () => {
    const walkthrough = new Set<string>();
    for (const nls of ['package.nls.json', 'package.nls.fr.json']) {
      for (const value of Object.values(JSON.parse(fs.readFileSync(path.join(root, nls), 'utf8')) as Record<string, string>)) {
        pictures(value).forEach((p) => walkthrough.add(p));
      }
    }
    assert.deepStrictEqual([...packaged].sort(), [...walkthrough].sort());
    assert.ok(packaged.some((p) => p.endsWith('-fr.png')) && packaged.some((p) => !p.endsWith('-fr.png')));
  });

  it('every picture README shows exists, and the package README shows only packaged ones (the others as captions)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const shown = [...new Set(pictures(readme))];
    assert.deepStrictEqual(
      shown.filter((p) => !fs.existsSync(path.join(root, p))),
      [],
    );
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ec2wb-readme-')), 'README.md');
    execFileSync(process.execPath, [path.join(root, 'scripts', 'lib', 'packageReadme.mjs'), out]);
    const packageReadme = fs.readFileSync(out, 'utf8');
    assert.deepStrictEqual(
      pictures(packageReadme).filter((p) => !packaged.includes(p)),
      [],
    );
    const dropped = shown.filter((p) => !packaged.includes(p));
    assert.ok(dropped.length > 0);
    // A dropped picture leaves its caption: the same text, less the pictures.
    assert.strictEqual(packageReadme.replace(/\*[^*\n]*\*/g, '').length < readme.length, true);
    assert.match(packageReadme, /\| \*Key pair\* \|/);
  });
});
