import * as assert from 'assert';
import { spawnSync } from 'child_process';
import fc from 'fast-check';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { accountHome, resolveSshConfigFile, sshConfigArgs, sshDefaultConfigFile } from '../../../src/core/ssh/sshConfigPath';
import { sshTerminalProcess } from '../../../src/core/ssh/sshTerminal';
import { tempDir } from '../../support/files';

/** What `ssh -G` says `alias` resolves to (no connection), run with HOME set to `home`. */
function resolvedHostName(args: string[], alias: string, home: string): string {
  const r = spawnSync('ssh', ['-G', ...args, alias], { encoding: 'utf8', env: { ...process.env, HOME: home } });
  assert.strictEqual(r.status, 0, r.stderr);
  return /^hostname (.*)$/m.exec(r.stdout)![1];
}

describe('SSH config path: the file ssh reads, found as OpenSSH finds it', () => {
  it('is ~/.ssh/config of the passwd entry, not of $HOME, and real ssh agrees', () => {
    const home = tempDir('ec2wb-home-');
    const file = path.join(home, '.ssh', 'config');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'Host ec2wb-probe-alias\n  HostName 192.0.2.55\n');
    assert.strictEqual(sshDefaultConfigFile(), path.join(os.userInfo().homedir, '.ssh', 'config'));
    assert.notStrictEqual(accountHome(), home);
    // ssh with HOME pointing at the file's home does not read it: the alias stays unresolved.
    assert.strictEqual(resolvedHostName([], 'ec2wb-probe-alias', home), 'ec2wb-probe-alias');
    // With the arguments we give it, it does.
    const args = sshConfigArgs(file);
    assert.deepStrictEqual(args, ['-F', file]);
    assert.strictEqual(resolvedHostName(args, 'ec2wb-probe-alias', home), '192.0.2.55');
  });

  it('takes remote.SSH.configFile, with ~ expanded as Remote - SSH does, and needs no -F for the default', () => {
    assert.strictEqual(resolveSshConfigFile('', '/home/ann', '/tmp/h'), '/home/ann/.ssh/config');
    assert.strictEqual(resolveSshConfigFile('  ', '/home/ann', '/tmp/h'), '/home/ann/.ssh/config');
    assert.strictEqual(resolveSshConfigFile('~/.ssh/other', '/home/ann', '/tmp/h'), '/tmp/h/.ssh/other');
    assert.strictEqual(resolveSshConfigFile('/etc/ssh/my_config', '/home/ann', '/tmp/h'), '/etc/ssh/my_config');
    assert.deepStrictEqual(sshConfigArgs('/home/ann/.ssh/config', '/home/ann'), []);
    assert.deepStrictEqual(sshConfigArgs('/home/ann/.ssh/../.ssh/config', '/home/ann'), []);
    assert.deepStrictEqual(sshConfigArgs('/tmp/h/.ssh/config', '/home/ann'), ['-F', '/tmp/h/.ssh/config']);
  });

  it("gives -F exactly when the resolved file is not ssh's default (generated paths)", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9 ._$#-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean(), (parts, tilde) => {
        const configured = tilde ? `~/${parts.join('/')}` : `/${parts.join('/')}`;
        const file = resolveSshConfigFile(configured, '/home/ann', '/tmp/h');
        assert.ok(path.isAbsolute(file), file);
        const args = sshConfigArgs(file, '/home/ann');
        const isDefault = path.resolve(file) === '/home/ann/.ssh/config';
        assert.deepStrictEqual(args, isDefault ? [] : ['-F', file]);
      }),
      { seed: 27, numRuns: 300 },
    );
  });
});

describe('SSH terminal process: ssh with -F when needed, its reason kept on screen when it fails', () => {
  const line = 'ssh stopped with exit code {0}; its reason is above. Press Enter.';

  it("keeps real ssh's reason and says the exit code, then exits with ssh's status", async () => {
    const dir = tempDir("ec2wb-term $(touch pwned) '");
    const file = path.join(dir, 'config');
    const port = await closedPort();
    fs.writeFileSync(file, `Host ec2wb-closed\n  HostName 127.0.0.1\n  Port ${port}\n  BatchMode yes\n`);
    const { shellPath, shellArgs } = sshTerminalProcess('ssh', file, 'ec2wb-closed', line, 'linux');
    assert.strictEqual(shellPath, '/bin/sh');
    assert.deepStrictEqual(shellArgs.slice(-3), ['-F', file, 'ec2wb-closed']);
    const r = spawnSync(shellPath, shellArgs, { cwd: dir, input: '\n', encoding: 'utf8', env: { ...process.env, HOME: dir } });
    assert.strictEqual(r.status, 255);
    assert.match(r.stderr, new RegExp(`port ${port}: Connection refused`));
    assert.strictEqual(r.stdout, '\nssh stopped with exit code 255; its reason is above. Press Enter. ');
    assert.deepStrictEqual(fs.readdirSync(dir), ['config'], 'nothing in the path ran');
  });

  it('closes at once after a clean exit, and runs ssh itself on Windows', () => {
    const ok = sshTerminalProcess('true', '/x/config', 'a', line, 'linux', '/x/..');
    const r = spawnSync(ok.shellPath, ok.shellArgs, { encoding: 'utf8' });
    assert.deepStrictEqual([r.status, r.stdout], [0, '']);
    assert.deepStrictEqual(sshTerminalProcess('C:\\ssh.exe', 'C:\\c', 'a', line, 'win32', 'C:\\u'), {
      shellPath: 'C:\\ssh.exe',
      shellArgs: ['-F', 'C:\\c', 'a'],
    });
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
