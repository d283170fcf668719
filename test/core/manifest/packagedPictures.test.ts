import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const pictures = (text: string) => text.match(/media\/screenshots\/[a-z0-9-]+\.png/g) ?? [];

describe('Packaged pictures', () => {
  it('the .vsix takes exactly the screenshots README and the walkthrough (both languages) show, and each exists', () => {
    const shown = new Set(pictures(fs.readFileSync(path.join(root, 'README.md'), 'utf8')));
    for (const nls of ['package.nls.json', 'package.nls.fr.json']) {
      for (const value of Object.values(JSON.parse(fs.readFileSync(path.join(root, nls), 'utf8')) as Record<string, string>)) {
        pictures(value).forEach((p) => shown.add(p));
      }
    }
    const packaged = fs
      .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!media/screenshots/'))
      .map((line) => line.slice(1));
    assert.deepStrictEqual(packaged.sort(), [...shown].sort());
    assert.deepStrictEqual(
      packaged.filter((p) => !fs.existsSync(path.join(root, p))),
      [],
    );
    assert.ok(packaged.some((p) => p.endsWith('-fr.png')) && packaged.some((p) => !p.endsWith('-fr.png')));
  });
});
