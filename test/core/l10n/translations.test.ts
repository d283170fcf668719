import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../../support/files';

const root = path.resolve(__dirname, '..', '..', '..', '..');
/** A bundle as key → text (an entry with a translator comment is { message, comment }). */
const read = (file: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string | { message: string }>).map(
      ([k, v]) => [k, typeof v === 'string' ? v : v.message],
    ),
  );
const placeholders = (s: string) => (s.match(/\{\d+\}|%[a-zA-Z.]+%|\(command:[^)]+\)/g) ?? []).sort();

describe('Translations', () => {
  for (const [en, fr] of [
    ['package.nls.json', 'package.nls.fr.json'],
    ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.fr.json'],
  ]) {
    it(`${fr} has every key of ${en}, and no other, with the same placeholders and command links`, () => {
      const english = read(en);
      const french = read(fr);
      assert.deepStrictEqual(Object.keys(french).sort(), Object.keys(english).sort());
      for (const key of Object.keys(english)) {
        assert.deepStrictEqual(placeholders(french[key]), placeholders(english[key]), key);
        assert.ok(french[key].trim(), `${key} is translated`);
      }
    });
  }

  it('the English bundle holds exactly the strings the sources pass to vscode.l10n.t and @vscode/l10n', () => {
    const out = tempDir();
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', out, path.join(root, 'src')],
      { stdio: 'ignore' },
    );
    assert.deepStrictEqual(
      Object.keys(JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8'))).sort(),
      Object.keys(read('l10n/bundle.l10n.json')).sort(),
    );
  });

  it('every %key% of package.json has an English text', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    const english = read('package.nls.json');
    assert.deepStrictEqual(
      keys.filter((k) => !(k in english)),
      [],
    );
  });
});
