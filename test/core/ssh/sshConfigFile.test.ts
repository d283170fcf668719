import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  INCLUDE_COMMENT,
  includeLine,
  LEGACY_BLOCK_BEGIN,
  LEGACY_BLOCK_END,
  managedAliases,
  managedConfigFile,
  removeSshEntries,
  writeSshEntry,
} from '../../../src/core/ssh/sshConfigFile';
import { parseAlias, sshAlias, userForImage } from '../../../src/core/ssh/sshHost';
import { modeOf, tempDir } from '../../support/files';
import { resolve } from '../../support/sshConfigs';
import { sshThroughConfig, startSshd } from '../../support/sshd';

const USER = '# my hosts\nHost work\n  HostName work.example.com\n  User me\n\nHost *\n  ServerAliveInterval 30\n';
const entry = (alias: string, more: Partial<{ hostName: string; user: string; identityFile: string; owner: string }> = {}) => ({
  alias,
  hostName: '203.0.113.9',
  user: 'ubuntu',
  identityFile: '/k.pem',
  ...more,
});

describe("SSH config: our own file, included from the top of the user's", () => {
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

  it("adds two lines at the top of the user's file and writes its entries in a file of its own", async () => {
    fs.writeFileSync(file, USER, { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    await writeSshEntry(file, entry('ec2-eu-west-3-i-0abc', { identityFile: '/home/me/.ssh/lab key.pem' }));
    const own = managedConfigFile(file);
    assert.strictEqual(own, path.join(dir, 'ec2-workbench', 'config'));
    assert.strictEqual(fs.readFileSync(file, 'utf8'), `Include ${own}\n${INCLUDE_COMMENT}\n${USER}`);
    assert.strictEqual(modeOf(file).toString(8), '640', "the user's mode is kept");
    assert.strictEqual(modeOf(own).toString(8), '600');
    assert.strictEqual(modeOf(path.dirname(own)).toString(8), '700');
    assert.match(
      fs.readFileSync(own, 'utf8'),
      /\nHost ec2-eu-west-3-i-0abc\n {2}HostName 203\.0\.113\.9\n {2}User ubuntu\n {2}IdentityFile "\/home\/me\/\.ssh\/lab key\.pem"\n {2}IdentitiesOnly yes\n {2}HostKeyAlias ec2-eu-west-3-i-0abc\n {2}StrictHostKeyChecking accept-new\n$/,
    );
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['config', 'ec2-workbench']);
    assert.deepStrictEqual(fs.readdirSync(path.dirname(own)), ['config'], 'no temporary or lock file is left');
  });

  it("uses the short relative Include only for the account's own ~/.ssh/config", () => {
    assert.strictEqual(includeLine(path.join(os.userInfo().homedir, '.ssh', 'config')), 'Include ec2-workbench/config');
    assert.strictEqual(includeLine('/tmp/a b/config'), 'Include "/tmp/a b/ec2-workbench/config"');
  });

  it('keeps the host key with the instance: HostKeyAlias is the alias, so a recycled address is not "CHANGED"', async () => {
    fs.writeFileSync(file, '');
    await writeSshEntry(file, entry('ec2-eu-west-3-i-0abc', { hostName: 'ec2-203-0-113-9.eu-west-3.compute.amazonaws.com' }));
    assert.ok(resolve(file, 'ec2-eu-west-3-i-0abc').split('\n').includes('hostkeyalias ec2-eu-west-3-i-0abc'));
    // After a stop/start the address changes: the entry follows, the host key alias stays.
    await writeSshEntry(file, entry('ec2-eu-west-3-i-0abc', { hostName: 'ec2-198-51-100-4.eu-west-3.compute.amazonaws.com' }));
    const after = resolve(file, 'ec2-eu-west-3-i-0abc').split('\n');
    assert.ok(after.includes('hostname ec2-198-51-100-4.eu-west-3.compute.amazonaws.com'));
    assert.ok(after.includes('hostkeyalias ec2-eu-west-3-i-0abc'));
  });

  it('keeps CRLF files CRLF', async () => {
    const crlf = USER.replace(/\n/g, '\r\n');
    fs.writeFileSync(file, crlf);
    await writeSshEntry(file, entry('ec2-eu-west-3-i-1'));
    assert.strictEqual(fs.readFileSync(file, 'utf8'), `Include ${managedConfigFile(file)}\r\n${INCLUDE_COMMENT}\r\n${crlf}`);
  });

  it('keeps bytes that are not UTF-8', async () => {
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nHost old\n  HostName 192.0.2.1\n')]);
    fs.writeFileSync(file, latin1);
    await writeSshEntry(file, entry('ec2-eu-west-3-i-1'));
    const text = fs.readFileSync(file);
    assert.ok(text.subarray(text.length - latin1.length).equals(latin1));
  });

  it('writes nothing at all the second time (bytes, inode and mode of both files)', async () => {
    fs.writeFileSync(file, USER);
    const e = entry('ec2-eu-west-3-i-0abc');
    await writeSshEntry(file, e);
    const state = () =>
      [file, managedConfigFile(file)].map((f) => ({
        text: fs.readFileSync(f, 'utf8'),
        ino: fs.statSync(f).ino,
        mode: fs.statSync(f).mode,
        mtime: fs.statSync(f).mtimeMs,
      }));
    const once = state();
    await writeSshEntry(file, e);
    assert.deepStrictEqual(state(), once);
  });

  it("moves the block older versions wrote at the top of the user's file into its own file", async () => {
    const legacy = `${LEGACY_BLOCK_BEGIN}\nHost ec2-us-east-1-i-0old\n  HostName 198.51.100.7\n  User ec2-user\n  IdentityFile /old.pem\n${LEGACY_BLOCK_END}\n`;
    fs.writeFileSync(file, legacy + USER);
    await writeSshEntry(file, entry('ec2-eu-west-3-i-0new'));
    assert.strictEqual(fs.readFileSync(file, 'utf8'), `Include ${managedConfigFile(file)}\n${INCLUDE_COMMENT}\n${USER}`);
    assert.deepStrictEqual(
      (await managedAliases(file)).map((a) => a.alias),
      ['ec2-eu-west-3-i-0new', 'ec2-us-east-1-i-0old'],
    );
    assert.ok(resolve(file, 'ec2-us-east-1-i-0old').split('\n').includes('hostname 198.51.100.7'));
  });

  it('prunes only what the caller says, and records who made each entry', async () => {
    await writeSshEntry(file, entry('ec2-eu-west-3-i-0a', { owner: 'lab' }));
    await writeSshEntry(file, entry('ec2-eu-west-3-i-0b', { owner: 'work http://127.0.0.1:5000' }));
    assert.deepStrictEqual(await managedAliases(file), [
      { alias: 'ec2-eu-west-3-i-0a', owner: 'lab' },
      { alias: 'ec2-eu-west-3-i-0b', owner: 'work http://127.0.0.1:5000' },
    ]);
    await writeSshEntry(file, entry('ec2-eu-west-3-i-0c', { owner: 'lab' }), (e) => e.owner !== 'lab');
    assert.deepStrictEqual(
      (await managedAliases(file)).map((a) => a.alias),
      ['ec2-eu-west-3-i-0b', 'ec2-eu-west-3-i-0c'],
    );
  });

  it('removes the entries clean-up says are gone, from its own file only', async () => {
    fs.writeFileSync(file, USER);
    await writeSshEntry(file, entry('ec2-eu-west-3-i-0a'));
    await writeSshEntry(file, entry('ec2-eu-west-3-i-0b'));
    const userText = fs.readFileSync(file, 'utf8');
    assert.deepStrictEqual(await removeSshEntries(file, (e) => e.alias === 'ec2-eu-west-3-i-0a'), ['ec2-eu-west-3-i-0a']);
    assert.deepStrictEqual(
      (await managedAliases(file)).map((a) => a.alias),
      ['ec2-eu-west-3-i-0b'],
    );
    assert.strictEqual(fs.readFileSync(file, 'utf8'), userText, "the user's file is not touched");
    assert.deepStrictEqual(await removeSshEntries(path.join(dir, 'none', 'config'), () => true), [], 'no file of ours, nothing to do');
  });

  it('writes Port for an address override (a forwarded port, a local stand-in)', async () => {
    await writeSshEntry(file, { ...entry('ec2-eu-west-3-i-0p'), hostName: '127.0.0.1', port: 2222 });
    const lines = resolve(file, 'ec2-eu-west-3-i-0p').split('\n');
    assert.ok(lines.includes('hostname 127.0.0.1') && lines.includes('port 2222'));
    await assert.rejects(writeSshEntry(file, { ...entry('ec2-eu-west-3-i-0p'), port: 70000 }), /is not safe to write/);
  });

  it('creates the config with mode 0600 when there is none', async () => {
    const fresh = path.join(dir, 'sub', 'config');
    await writeSshEntry(fresh, entry('ec2-eu-west-3-i-1'));
    assert.strictEqual(modeOf(fresh).toString(8), '600');
    assert.strictEqual(fs.readFileSync(fresh, 'utf8'), `Include ${managedConfigFile(fresh)}\n${INCLUDE_COMMENT}\n`);
  });

  it('writes through a symlinked config (stow, chezmoi) and keeps the link', async () => {
    const dotfiles = path.join(dir, 'dotfiles', 'ssh');
    fs.mkdirSync(dotfiles, { recursive: true });
    const target = path.join(dotfiles, 'config');
    fs.writeFileSync(target, USER);
    fs.symlinkSync(target, file);
    await writeSshEntry(file, entry('ec2-eu-west-3-i-1'));
    assert.ok(fs.lstatSync(file).isSymbolicLink(), 'still a link');
    assert.strictEqual(fs.readlinkSync(file), target);
    assert.ok(fs.readFileSync(target, 'utf8').startsWith(`Include ${managedConfigFile(file)}\n${INCLUDE_COMMENT}\n${USER}`));
    assert.deepStrictEqual(fs.readdirSync(dotfiles), ['config'], 'nothing of ours in the dotfiles repository');
    assert.ok(fs.existsSync(path.join(dir, 'ec2-workbench', 'config')));
  });

  it("leaves a read-only config (home-manager's Nix store link) untouched and says which line to add", async () => {
    const store = path.join(dir, 'nix', 'store', 'abc-home-manager-files');
    fs.mkdirSync(store, { recursive: true });
    const target = path.join(store, 'config');
    fs.writeFileSync(target, USER);
    fs.chmodSync(target, 0o444);
    fs.symlinkSync(target, file);
    await assert.rejects(writeSshEntry(file, entry('ec2-eu-west-3-i-1')), {
      message: `Your SSH config ${file} cannot be written (it links to ${target}). Add this line at its top by hand, then connect again: Include ${managedConfigFile(file)}`,
    });
    assert.strictEqual(fs.readFileSync(target, 'utf8'), USER);
    assert.ok(fs.lstatSync(file).isSymbolicLink());
    // With the line added by hand, the next write does not touch the user's file again.
    fs.chmodSync(target, 0o644);
    fs.writeFileSync(target, `Include ${managedConfigFile(file)}\n${USER}`);
    fs.chmodSync(target, 0o444);
    await writeSshEntry(file, entry('ec2-eu-west-3-i-1'));
    assert.ok(resolve(file, 'ec2-eu-west-3-i-1').split('\n').includes('hostname 203.0.113.9'));
  });

  it('refuses values that would add directives', async () => {
    fs.writeFileSync(file, USER);
    await assert.rejects(
      writeSshEntry(file, entry('ec2-eu-west-3-i-1', { hostName: 'x\n  ProxyCommand sh -c evil' })),
      /is not safe to write into an SSH config file/,
    );
    assert.strictEqual(fs.readFileSync(file, 'utf8'), USER);
    assert.ok(!fs.existsSync(managedConfigFile(file)));
  });

  it('keeps every entry when writers race in one process and in two (two windows)', async () => {
    fs.writeFileSync(file, USER);
    const entries = Array.from({ length: 8 }, (_, i) => entry(`ec2-eu-west-3-i-${i}`));
    await Promise.all(entries.map((e) => writeSshEntry(file, e)));
    assert.deepStrictEqual(
      (await managedAliases(file)).map((a) => a.alias),
      entries.map((e) => e.alias).sort(),
    );

    const script = path.resolve(__dirname, '..', '..', 'support', 'writeSshEntries.js');
    const runWriter = (prefix: string) =>
      new Promise<void>((ok, fail) => {
        const child = spawn(process.execPath, [script, file, prefix, '10'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(err))));
      });
    await Promise.all([runWriter('a'), runWriter('b')]);
    assert.strictEqual((await managedAliases(file)).length, 28);
    assert.strictEqual(
      fs.readFileSync(file, 'utf8'),
      `Include ${managedConfigFile(file)}\n${INCLUDE_COMMENT}\n${USER}`,
      'the Include is added once',
    );
  });

  it('takes over a stale lock (a window that crashed) without two writers getting it', async () => {
    const lock = `${managedConfigFile(file)}.lock`;
    fs.mkdirSync(lock, { recursive: true });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    await Promise.all([writeSshEntry(file, entry('ec2-eu-west-3-i-1')), writeSshEntry(file, entry('ec2-eu-west-3-i-2'))]);
    assert.deepStrictEqual(
      (await managedAliases(file)).map((a) => a.alias),
      ['ec2-eu-west-3-i-1', 'ec2-eu-west-3-i-2'],
    );
    assert.ok(!fs.existsSync(lock));
  });

  it('logs in to a real sshd even when the user sets User, IdentityFile and IdentitiesOnly no globally', async function () {
    if (!fs.existsSync('/usr/sbin/sshd')) {
      throw new Error('openssh-server is required (apt-get install openssh-server)');
    }
    const key = path.join(dir, 'lab.pem');
    const other = path.join(dir, 'id_other');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    fs.writeFileSync(file, `User nobody\nIdentityFile ${other}\nIdentitiesOnly no\n\nHost *\n  User daemon\n`);
    const sshd = await startSshd([key]);
    try {
      await writeSshEntry(
        file,
        entry('ec2-eu-west-3-i-0abc', {
          hostName: 'ec2-203-0-113-9.eu-west-3.compute.amazonaws.com',
          user: os.userInfo().username,
          identityFile: key,
        }),
      );
      const ok = sshThroughConfig(file, 'ec2-eu-west-3-i-0abc', sshd.port);
      assert.strictEqual(ok.status, 0, ok.stderr);
      // The written User matters: another user is refused.
      await writeSshEntry(file, entry('ec2-eu-west-3-i-0abc', { user: 'nobody', identityFile: key }));
      assert.notStrictEqual(sshThroughConfig(file, 'ec2-eu-west-3-i-0abc', sshd.port).status, 0);
    } finally {
      sshd.stop();
    }
  });
});
