// Issue #26: every value written into an SSH file survives ssh's tokenizer. Values are generated
// with fast-check from what real machines hold (quotes, backslashes, $, ${HOME}, %, #, spaces, tabs,
// non-ASCII, Windows drive and UNC paths). For each: the write is refused with a sentence (and
// nothing is written), or the real `ssh -G` reads both files, every host of the corpus
// (test/fixtures/ssh-configs) resolves as before, and the new entry resolves to exactly that value.
// Runs with a fixed seed; EC2WB_FC_RUNS=1000 npm test -- core runs more cases (test/support/properties.ts).
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../../src/core/aws/session/errors';
import { proxyCommandLine } from '../../../src/core/ssh/proxyCommand';
import { writeCheckedConfig } from '../../../src/core/ssh/sshConfigCheck';
import { managedConfigFile, writeSshEntry } from '../../../src/core/ssh/sshConfigFile';
import { argvSplit, percentUnescape, readConfigLine, sshConfigValue, sshWord } from '../../../src/core/ssh/sshQuote';
import { tempDir } from '../../support/files';
import { propertyRuns } from '../../support/properties';
import { concreteAliases, resolve } from '../../support/sshConfigs';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'ssh-configs');
const fixtures = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith('.conf'))
  .sort();

/** Pieces of names real folders and accounts have. */
const piece = fc.constantFrom(
  "'",
  '"',
  '\\',
  '$',
  '${HOME}',
  '$HOME',
  '%',
  '%%',
  '%h',
  '#',
  ' ',
  '\t',
  'é',
  'Ω',
  '日本',
  '🙂',
  "O'Brien",
  "it's keys",
  'a',
  'b',
  'key',
  '.',
  '-',
  '_',
  '=',
  '~',
  ',',
  '*',
  '[',
  '(',
  ')',
  '&',
  ';',
  '`',
  '!',
  '@',
);
const segment = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join('').replace(/^\.+$/, 'x'));
const posixPath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/tmp/${s.join('/')}/key.pem`);
const windowsPath = fc.oneof(
  fc
    .tuple(fc.constantFrom('C', 'D', 'z'), fc.array(segment, { minLength: 1, maxLength: 3 }))
    .map(([d, s]) => `${d}:\\Users\\${s.join('\\')}\\key.pem`),
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `\\\\server\\share\\${s.join('\\')}\\key.pem`),
);
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
);

function refusedWithSentence(error: unknown): boolean {
  return error instanceof UserError && /\.$/.test(error.message) && !error.message.includes('\n');
}

describe('SSH quoting (OpenSSH argv_split rules), over generated values', function () {
  this.timeout(300_000);

  it('the tokenizer reads back every word sshWord writes, whatever the characters', () => {
    fc.assert(
      fc.property(anyText, (word) => {
        // eslint-disable-next-line no-control-regex
        fc.pre(!/[\x00-\x1f\x7f]/.test(word) && word !== '');
        assert.deepStrictEqual(argvSplit(sshWord(word)), [word]);
        const line = readConfigLine(`  IdentityFile ${sshWord(word)}`);
        assert.ok(typeof line === 'object' && line.args.length === 1 && line.args[0] === word);
      }),
      propertyRuns(2000),
    );
  });

  it('every path is refused with a sentence, or reads back as exactly that path (POSIX, Windows drive and UNC)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          posixPath.map((p) => ['linux', p] as const),
          windowsPath.map((p) => ['win32', p] as const),
        ),
        ([platform, file]) => {
          for (const field of ['IdentityFile', 'Include'] as const) {
            let written: string;
            try {
              written = sshConfigValue(field, file, platform);
            } catch (error) {
              assert.ok(refusedWithSentence(error), String(error));
              continue;
            }
            const args = argvSplit(written);
            const meant = platform === 'win32' ? file.replace(/\\/g, '/') : file;
            assert.ok(args && args.length === 1, written);
            assert.strictEqual(field === 'IdentityFile' ? percentUnescape(args[0]) : args[0], meant);
            assert.ok(!args[0].includes('${'), 'no environment variable for ssh to expand');
          }
        },
      ),
      propertyRuns(2000),
    );
  });

  it('reads back what ssh reads: a lone quote makes the line invalid, as "invalid quotes" in ssh', () => {
    assert.strictEqual(readConfigLine("IdentityFile /home/o'brien/key.pem"), 'invalid');
    assert.deepStrictEqual(argvSplit('"a b" c\\ d \'e"f\' #g'), ['a b', 'c d', 'e"f']);
    assert.deepStrictEqual(argvSplit('a\\x'), ['a\\x']);
  });

  it("a key folder with a ' (O'Brien, it's keys) no longer makes ssh refuse the whole config", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'config');
    const user = 'Host github.com\n  User git\n';
    fs.writeFileSync(file, user);
    const key = "/home/o'brien/keys/lab.pem"; // as the table: no space, so nothing quoted it before
    await writeSshEntry(file, { alias: 'ec2-eu-west-3-i-0abc1234', hostName: '203.0.113.9', user: 'ubuntu', identityFile: key });
    assert.ok(resolve(file, 'github.com').split('\n').includes('user git'), 'the other hosts still resolve');
    assert.ok(resolve(file, 'ec2-eu-west-3-i-0abc1234').split('\n').includes(`identityfile ${key}`));
  });

  it('never renames a text ssh would refuse into place: the target keeps its bytes and no temporary file stays', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'config');
    fs.writeFileSync(target, 'Host a\n  HostName 192.0.2.1\n');
    await assert.rejects(writeCheckedConfig(target, "Host b\n  IdentityFile /home/o'brien/k.pem\n"), (e: unknown) =>
      refusedWithSentence(e),
    );
    await assert.rejects(
      writeCheckedConfig(target, 'Host b\n  HostName 192.0.2.2\n  User u\n  IdentityFile /k\n', {
        alias: 'b',
        hostName: '192.0.2.2',
        user: 'other',
        identityFile: '/k',
      }),
      (e: unknown) => refusedWithSentence(e),
    );
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'Host a\n  HostName 192.0.2.1\n');
    assert.deepStrictEqual(fs.readdirSync(dir), ['config']);
  });

  it('refuses % in a ProxyCommand argument on Windows (cmd.exe expands it), with a sentence', () => {
    const spec = {
      program: ['C:\\Program Files\\node.exe', 'C:\\Users\\x\\connect.js'],
      profile: 'lab%PATH%',
      region: 'eu-west-3',
      instanceId: 'i-0abc',
      user: 'ubuntu',
      publicKeyFile: 'C:\\k.pub',
    };
    assert.throws(
      () => proxyCommandLine({ ...spec, platform: 'win32' }),
      (e: unknown) => refusedWithSentence(e),
    );
    const posix = { ...spec, program: ['/usr/bin/node', '/x/connect.js'], publicKeyFile: '/k.pub', platform: 'linux' as const };
    assert.ok(proxyCommandLine(posix).includes("'lab%%PATH%%'"), 'elsewhere % is doubled for ssh, and the shell leaves it');
  });

  it("writes each generated path, user and config folder with the real ssh reading both files; the corpus's hosts resolve as before", async () => {
    const before = new Map<string, Map<string, string>>();
    const runs = propertyRuns(100);
    let written = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fixtures),
        fc.array(segment, { minLength: 0, maxLength: 2 }),
        posixPath,
        fc.oneof(
          { arbitrary: fc.constantFrom('ubuntu', 'ec2-user', 'admin', 'Administrator', 'bob.smith', 'me@corp'), weight: 3 },
          { arbitrary: anyText, weight: 1 },
        ),
        async (fixture, configDirs, keyFile, user) => {
          const original = fs.readFileSync(path.join(CORPUS, fixture));
          const dir = path.join(tempDir('ec2wb-prop-'), ...configDirs.map((d) => d.replace(/[/]/g, '_')));
          fs.mkdirSync(dir, { recursive: true });
          const file = path.join(dir, 'config');
          fs.writeFileSync(file, original, { mode: 0o600 });
          const aliases = concreteAliases(original.toString('utf8'));
          if (!before.has(fixture)) {
            before.set(fixture, new Map(aliases.map((a) => [a, resolve(file, a)])));
          }
          const entry = { alias: 'ec2-eu-west-3-i-0abc1234', hostName: '203.0.113.9', user, identityFile: keyFile };
          try {
            await writeSshEntry(file, entry);
          } catch (error) {
            assert.ok(refusedWithSentence(error), `not a one-sentence refusal: ${String(error)}`);
            assert.ok(fs.readFileSync(file).equals(original), "a refused write leaves the user's file as it was");
            assert.ok(!fs.existsSync(managedConfigFile(file)), 'and writes no file of its own');
            refused++;
            return;
          }
          written++;
          for (const alias of aliases) {
            assert.strictEqual(resolve(file, alias), before.get(fixture)!.get(alias), `${fixture}: ${alias} resolves as before`);
          }
          const lines = resolve(file, entry.alias).split('\n');
          const value = (k: string) => lines.find((l) => l.startsWith(`${k} `))?.slice(k.length + 1);
          assert.strictEqual(percentUnescape(value('identityfile') ?? ''), keyFile);
          assert.strictEqual(value('user'), user);
          assert.strictEqual(value('hostname'), '203.0.113.9');
        },
      ),
      runs,
    );
    // The generators must exercise both outcomes, or the property proves little.
    assert.ok(written >= runs.numRuns / 4, `${written} written of ${runs.numRuns}`);
    assert.ok(refused >= 1, `${refused} refused`);
  });
});
