// Private key files: written with mode 0600 from the first byte, never over an existing file.
import { execFile } from 'child_process';
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

export function defaultKeyDirectory(): string {
  return path.join(os.homedir(), '.ssh');
}

/** A path under the home folder written as ~/…, the way people read and type it. */
export function tildify(file: string): string {
  const home = os.homedir();
  return file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
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

/** The operating system and a way to run its tools; tests pass their own to drive the Windows path. */
export interface Platform {
  readonly os: NodeJS.Platform;
  run(command: string, args: string[]): Promise<string>;
}

export const hostPlatform: Platform = {
  os: process.platform,
  run: async (command, args) => (await promisify(execFile)(command, args, { windowsHide: true })).stdout,
};

/** Restricting a new key file to its owner failed (Windows): the file was removed, nothing was written. */
export class RestrictError extends Error {
  readonly code = 'ERESTRICT';
}

/**
 * Writes key material to `file`, which must not exist: opened with exclusive create and mode 0600,
 * so there is no moment where another user could read it, and nothing is ever overwritten.
 * On Windows, where the mode has no effect, the still empty file is first restricted to the
 * current user; if that fails, the file is removed and nothing is written.
 */
export async function writePrivateKey(file: string, material: string, platform: Platform = hostPlatform): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  let complete = false;
  try {
    if (platform.os === 'win32') {
      await restrictToCurrentUser(file, platform).catch((error: unknown) => {
        throw new RestrictError(String((error as Error).message ?? error), { cause: error });
      });
    }
    await handle.writeFile(material.endsWith('\n') ? material : `${material}\n`);
    await handle.sync();
    complete = true;
  } finally {
    await handle.close();
    if (!complete) {
      await fs.rm(file, { force: true }); // A partial key (disk full) is worse than none.
    }
  }
}

/**
 * Windows: remove inherited access and grant only the current user, named by SID (`whoami /user`)
 * so that a localized or renamed account cannot make icacls grant the wrong one.
 */
export async function restrictToCurrentUser(file: string, platform: Platform = hostPlatform): Promise<void> {
  const csv = await platform.run('whoami', ['/user', '/fo', 'csv', '/nh']);
  const sid = /"(S-1-[0-9-]+)"/.exec(csv)?.[1];
  if (!sid) {
    throw new Error(`whoami /user gave no SID: ${csv.trim()}`);
  }
  await platform.run('icacls', [file, '/inheritance:r', '/grant:r', `*${sid}:F`]);
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

export async function restrictPermissions(file: string, platform: Platform = hostPlatform): Promise<void> {
  if (platform.os === 'win32') {
    await restrictToCurrentUser(file, platform);
  } else {
    await fs.chmod(file, 0o600);
  }
}
