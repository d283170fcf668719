// The property of issue "Your ~/.ssh stays yours", checked with OpenSSH itself on a corpus of
// SSH configs modelled on public dotfiles (test/fixtures/ssh-configs, SOURCES.md says from where):
// after EC2 Workbench writes an entry, `ssh -G` prints the same for every host the user named,
// every byte of the user's file outside our own lines is kept, the new entry resolves to the
// instance, and writing it again changes nothing.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { proxyCommandLine } from '../../../src/core/ssh/proxyCommand';
import { managedConfigFile, writeSshEntry } from '../../../src/core/ssh/sshConfigFile';
import { tempDir } from '../../support/files';
import { concreteAliases, resolve, withoutOwnLines } from '../../support/sshConfigs';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'ssh-configs');
const fixtures = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith('.conf'))
  .sort();

describe('SSH config corpus: no host of the user resolves differently', function () {
  this.timeout(120_000);

  it('has at least 15 configs, CRLF ones among them', () => {
    assert.ok(fixtures.length >= 15, `${fixtures.length} fixtures`);
    assert.ok(fixtures.filter((f) => fs.readFileSync(path.join(CORPUS, f), 'latin1').includes('\r\n')).length >= 2, 'CRLF fixtures');
  });

  for (const name of fixtures) {
    it(name, async () => {
      const dir = tempDir('ec2wb-corpus-');
      const file = path.join(dir, 'config');
      const original = fs.readFileSync(path.join(CORPUS, name));
      fs.writeFileSync(file, original, { mode: 0o600 });
      const aliases = concreteAliases(original.toString('utf8'));
      assert.ok(aliases.length >= 3, `${name} names at least 3 hosts`);
      const before = new Map(aliases.map((a) => [a, resolve(file, a)]));

      const key = path.join(dir, 'keys', 'lab key.pem');
      const entry = {
        alias: 'ec2-eu-west-3-i-0abc1234',
        hostName: 'ec2-203-0-113-9.eu-west-3.compute.amazonaws.com',
        user: 'ubuntu',
        identityFile: key,
      };
      await writeSshEntry(file, entry);
      // An EC2 Instance Connect entry too: a ProxyCommand through an endpoint, and the one-time key.
      const eic = {
        alias: 'ec2-eu-west-3-i-0abc5678',
        hostName: '10.0.7.25',
        user: 'ubuntu',
        identityFile: path.join(dir, 'global storage', 'instance-connect', 'id_ed25519'),
        proxyCommand: proxyCommandLine({
          program: ['/usr/bin/node', path.join(dir, 'global storage', 'connect.js')],
          profile: 'lab',
          region: 'eu-west-3',
          instanceId: 'i-0abc5678',
          user: 'ubuntu',
          publicKeyFile: path.join(dir, 'global storage', 'instance-connect', 'id_ed25519.pub'),
          endpoint: { id: 'eice-0123456789abcdef0', host: 'eice-0123456789abcdef0.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com' },
        }),
      };
      await writeSshEntry(file, eic);

      for (const alias of aliases) {
        const after = resolve(file, alias);
        if (after !== before.get(alias)) {
          const was = new Set(before.get(alias)!.split('\n'));
          const changed = after.split('\n').filter((l) => !was.has(l));
          assert.fail(`${name}: host "${alias}" resolves differently after the write: ${changed.join(' | ') || '(lines removed)'}`);
        }
      }
      const text = fs.readFileSync(file);
      assert.ok(withoutOwnLines(text).equals(original), `${name}: the user's bytes are kept (line endings included)`);

      const own = resolve(file, entry.alias).split('\n');
      assert.ok(own.includes(`hostname ${entry.hostName}`), `${name}: HostName of the entry`);
      assert.ok(own.includes('user ubuntu'), `${name}: User of the entry (${own.find((l) => l.startsWith('user '))})`);
      assert.strictEqual(
        own.find((l) => l.startsWith('identityfile ')),
        `identityfile ${key}`,
        `${name}: the .pem comes first`,
      );
      assert.ok(own.includes('identitiesonly yes'), `${name}: IdentitiesOnly of the entry`);
      const eicResolved = resolve(file, eic.alias).split('\n');
      assert.ok(
        eicResolved.includes(`proxycommand ${eic.proxyCommand}`),
        `${name}: the ProxyCommand of the Instance Connect entry (${eicResolved.find((l) => l.startsWith('proxycommand'))})`,
      );
      assert.strictEqual(
        eicResolved.find((l) => l.startsWith('identityfile ')),
        `identityfile ${eic.identityFile}`,
        `${name}: the one-time key comes first`,
      );

      const stats = [file, managedConfigFile(file)].map((f) => ({
        bytes: fs.readFileSync(f),
        ino: fs.statSync(f).ino,
        mode: fs.statSync(f).mode,
      }));
      await writeSshEntry(file, entry);
      await writeSshEntry(file, eic);
      const again = [file, managedConfigFile(file)].map((f) => ({
        bytes: fs.readFileSync(f),
        ino: fs.statSync(f).ino,
        mode: fs.statSync(f).mode,
      }));
      assert.deepStrictEqual(again, stats, `${name}: a second write changes nothing`);
    });
  }
});
