import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BLOCK_BEGIN, BLOCK_END, managedAliases, writeSshEntry } from '../../../src/ssh/sshConfigFile';
import { parseAlias, sshAlias, userForImage } from '../../../src/ssh/sshHost';
import { modeOf, tempDir } from '../../support/files';
import { sshThroughConfig, startSshd } from '../../support/sshd';

const BEFORE = '# my hosts\nHost work\n  HostName work.example.com\n  User me\n\n';
const AFTER = 'Host *\n  ServerAliveInterval 30\n';

describe('SSH config block', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'config');
  });

  it('makes aliases of [a-z0-9-] only and parses them back', () => {
    assert.strictEqual(sshAlias('eu-west-3', 'i-0ABC123'), 'ec2-eu-west-3-i-0abc123');
    assert.deepStrictEqual(parseAlias('ec2-eu-west-3-i-0abc123'), { region: 'eu-west-3', instanceId: 'i-0abc123' });
    assert.strictEqual(parseAlias('work'), undefined);
  });

  it('derives the login user from the AMI name', () => {
    assert.strictEqual(userForImage('ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240101'), 'ubuntu');
    assert.strictEqual(userForImage('al2023-ami-2023.4.20240611.0-kernel-6.1-x86_64'), 'ec2-user');
    assert.strictEqual(userForImage('amzn2-ami-hvm-2.0.20180810-x86_64-gp2'), 'ec2-user');
    assert.strictEqual(userForImage('debian-12-amd64-20240507-1740'), 'admin');
    assert.strictEqual(userForImage('my-custom-image'), undefined);
  });

  it('puts its block first in a file that has none, leaving the rest byte-identical', async () => {
    fs.writeFileSync(file, BEFORE + AFTER);
    await writeSshEntry(file, { alias: 'ec2-eu-west-3-i-1', hostName: '1.2.3.4', user: 'ubuntu', identityFile: '/k.pem' });
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.startsWith(`${BLOCK_BEGIN}\nHost ec2-eu-west-3-i-1\n`), text);
    assert.ok(text.endsWith(`${BLOCK_END}\n${BEFORE}${AFTER}`), text);
  });

  it('keeps every byte outside its block, keeps the mode, and is idempotent', async () => {
    fs.writeFileSync(file, `${BEFORE}${BLOCK_BEGIN}\n${BLOCK_END}\n${AFTER}`, { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    const entry = { alias: 'ec2-eu-west-3-i-0abc', hostName: 'ec2-1-2-3-4.eu-west-3.compute.amazonaws.com', user: 'ubuntu', identityFile: '/home/me/.ssh/lab key.pem' };
    await writeSshEntry(file, entry);
    const once = fs.readFileSync(file, 'utf8');
    assert.ok(once.startsWith(BEFORE + BLOCK_BEGIN + '\n'), once);
    assert.ok(once.endsWith(BLOCK_END + '\n' + AFTER), once);
    assert.match(once, /Host ec2-eu-west-3-i-0abc\n {2}HostName ec2-1-2-3-4\.eu-west-3\.compute\.amazonaws\.com\n {2}User ubuntu\n {2}IdentityFile "\/home\/me\/\.ssh\/lab key\.pem"\n {2}IdentitiesOnly yes\n {2}StrictHostKeyChecking accept-new\n/);
    assert.strictEqual(modeOf(file).toString(8), '640');
    const inode = fs.statSync(file).ino;
    await writeSshEntry(file, entry);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), once);
    assert.strictEqual(fs.statSync(file).ino, inode, 'a second run does not even rewrite the file');
    await writeSshEntry(file, { ...entry, alias: 'ec2-us-east-1-i-0def' }, (alias) => alias !== 'ec2-eu-west-3-i-0abc');
    assert.deepStrictEqual(await managedAliases(file), ['ec2-us-east-1-i-0def']);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.startsWith(BEFORE) && text.endsWith(AFTER));
    assert.deepStrictEqual(fs.readdirSync(dir), ['config'], 'no temporary or lock file is left');
  });

  it('creates ~/.ssh/config with mode 0600 when missing', async () => {
    const fresh = path.join(dir, 'sub', 'config');
    await writeSshEntry(fresh, { alias: 'ec2-eu-west-3-i-1', hostName: '1.2.3.4', user: 'ubuntu', identityFile: '/k.pem' });
    assert.strictEqual(modeOf(fresh).toString(8), '600');
  });

  it('refuses values that would add directives', async () => {
    fs.writeFileSync(file, BEFORE);
    await assert.rejects(
      writeSshEntry(file, { alias: 'ec2-eu-west-3-i-1', hostName: 'x\n  ProxyCommand sh -c evil', user: 'ubuntu', identityFile: '/k.pem' }),
      /is not safe to write into an SSH config file/,
    );
    assert.strictEqual(fs.readFileSync(file, 'utf8'), BEFORE);
  });

  it('keeps both entries when two writers race', async () => {
    fs.writeFileSync(file, BEFORE);
    const entries = Array.from({ length: 8 }, (_, i) => ({ alias: `ec2-eu-west-3-i-${i}`, hostName: `10.0.0.${i}`, user: 'ubuntu', identityFile: '/k.pem' }));
    await Promise.all(entries.map((e) => writeSshEntry(file, e)));
    assert.deepStrictEqual((await managedAliases(file)).sort(), entries.map((e) => e.alias).sort());
    assert.ok(fs.readFileSync(file, 'utf8').endsWith(`${BLOCK_END}\n${BEFORE}`));
  });

  it('keeps every entry when two processes (two windows) write at the same time', async () => {
    fs.writeFileSync(file, BEFORE);
    const script = path.resolve(__dirname, '..', '..', 'support', 'writeSshEntries.js');
    const { spawn } = await import('child_process');
    const runWriter = (prefix: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [script, file, prefix, '10'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(err))));
      });
    await Promise.all([runWriter('a'), runWriter('b')]);
    const aliases = (await managedAliases(file)).sort();
    assert.strictEqual(aliases.length, 20, aliases.join(' '));
    assert.ok(fs.readFileSync(file, 'utf8').endsWith(`${BLOCK_END}\n${BEFORE}`));
  });

  it('logs in to a real sshd with the written User and IdentityFile', async function () {
    if (!fs.existsSync('/usr/sbin/sshd')) {
      throw new Error('openssh-server is required (apt-get install openssh-server)');
    }
    const key = path.join(dir, 'lab.pem');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const sshd = await startSshd([key]);
    try {
      await writeSshEntry(file, { alias: 'ec2-eu-west-3-i-0abc', hostName: 'ec2-203-0-113-9.eu-west-3.compute.amazonaws.com', user: os.userInfo().username, identityFile: key });
      const ok = sshThroughConfig(file, 'ec2-eu-west-3-i-0abc', sshd.port);
      assert.strictEqual(ok.status, 0, ok.stderr);
      // The written User matters: another user is refused.
      await writeSshEntry(file, { alias: 'ec2-eu-west-3-i-0abc', hostName: '203.0.113.9', user: 'nobody', identityFile: key });
      assert.notStrictEqual(sshThroughConfig(file, 'ec2-eu-west-3-i-0abc', sshd.port).status, 0);
    } finally {
      sshd.stop();
    }
  });
});
