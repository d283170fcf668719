// Private key files: written with mode 0600 from the first byte, never over an existing file.
import { execFile } from 'child_process';
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

export function defaultKeyDirectory(): string {
  return path.join(os.homedir(), '.ssh');
}

export function keyFilePath(directory: string, keyName: string): string {
  return path.join(directory, `${keyName.replace(/[^A-Za-z0-9._-]/g, '_')}.pem`);
}

/** Creates the key directory (mode 0700) when missing. */
export async function ensureKeyDirectory(directory: string): Promise<void> {
  await fs.mkdir(directory, { recursive: true, mode: 0o700 });
}

export async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes key material to `file`, which must not exist: opened with exclusive create and mode 0600,
 * so there is no moment where another user could read it, and nothing is ever overwritten.
 * On Windows, where the mode has no effect, access is then restricted to the current user.
 */
export async function writePrivateKey(file: string, material: string): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  let complete = false;
  try {
    await handle.writeFile(material.endsWith('\n') ? material : `${material}\n`);
    await handle.sync();
    complete = true;
  } finally {
    await handle.close();
    if (!complete) {
      await fs.rm(file, { force: true }); // A partial key (disk full) is worse than none.
    }
  }
  if (process.platform === 'win32') {
    await restrictToCurrentUser(file);
  }
}

/** Windows: remove inherited access and grant only the current user (what chmod 600 means elsewhere). */
export async function restrictToCurrentUser(file: string): Promise<void> {
  const user = process.env.USERNAME ?? os.userInfo().username;
  await promisify(execFile)('icacls', [file, '/inheritance:r', '/grant:r', `${user}:F`]);
}

export interface KeyFileCheck {
  readonly mode: number;
  /** Readable or writable by group or others: OpenSSH refuses such a key. */
  readonly tooOpen: boolean;
  readonly looksLikePrivateKey: boolean;
}

export async function checkPrivateKeyFile(file: string): Promise<KeyFileCheck> {
  const stat = await fs.stat(file);
  const head = (await fs.readFile(file, 'utf8')).slice(0, 100);
  return {
    mode: stat.mode & 0o777,
    tooOpen: process.platform !== 'win32' && (stat.mode & 0o077) !== 0,
    looksLikePrivateKey: /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(head),
  };
}

export async function restrictPermissions(file: string): Promise<void> {
  if (process.platform === 'win32') {
    await restrictToCurrentUser(file);
  } else {
    await fs.chmod(file, 0o600);
  }
}
