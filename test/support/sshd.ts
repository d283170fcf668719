// A real OpenSSH server on loopback for the SSH hand-off tests (Debian's openssh-server).
import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { tempDir } from './files';

export interface Sshd {
  readonly port: number;
  readonly authorizedKeys: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts sshd accepting the public halves of `privateKeyFiles`; with `authorizedKeysCommand`, only
 * the keys that command prints (sshd runs it with the login user's name) instead.
 */
export async function startSshd(privateKeyFiles: string[], options: { authorizedKeysCommand?: string } = {}): Promise<Sshd> {
  const dir = tempDir('ec2wb-sshd-');
  const hostKey = path.join(dir, 'host_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const authorizedKeys = path.join(dir, 'authorized_keys');
  fs.writeFileSync(authorizedKeys, privateKeyFiles.map((f) => execFileSync('ssh-keygen', ['-y', '-f', f], { encoding: 'utf8' })).join(''), {
    mode: 0o600,
  });
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      ...(options.authorizedKeysCommand
        ? [
            'AuthorizedKeysFile none',
            `AuthorizedKeysCommand ${options.authorizedKeysCommand} %u`,
            `AuthorizedKeysCommandUser ${os.userInfo().username}`,
          ]
        : [`AuthorizedKeysFile ${authorizedKeys}`]),
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'UsePAM no',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      '',
    ].join('\n'),
  );
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d) => (log += d));
  const deadline = Date.now() + 10_000;
  while (!/Server listening/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`sshd did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, authorizedKeys, stop: () => child.kill() };
}

/** Logs in through the written config, overriding only the host and port (loopback only). */
export function sshThroughConfig(configFile: string, alias: string, port: number): { status: number | null; stderr: string } {
  const r = spawnSync(
    'ssh',
    [
      '-F',
      configFile,
      '-o',
      'HostName=127.0.0.1',
      '-o',
      `Port=${port}`,
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      alias,
      'true',
    ],
    { encoding: 'utf8', timeout: 20_000 },
  );
  return { status: r.status, stderr: r.stderr };
}

/**
 * sshThroughConfig without blocking: for entries whose ProxyCommand calls servers that this same
 * process runs (the Instance Connect stand-in, the endpoint's WebSocket), which spawnSync would starve.
 */
export function sshLogin(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 30_000,
): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      'ssh',
      ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', ...args, 'true'],
      { env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}
