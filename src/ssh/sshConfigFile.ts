// The block of the user's SSH config that EC2 Workbench owns, between two marker lines. Only the
// block is parsed and rewritten (with the ssh-config library); every byte outside it is kept.
// Writes are atomic (temporary file, then rename), keep the file's mode, and are serialised
// between processes with a lock file so two windows writing at once both keep their entries.
import * as l10n from '@vscode/l10n';
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import SSHConfig from 'ssh-config';
import { checkedValue } from './sshHost';

export const BLOCK_BEGIN = '# >>> EC2 Workbench: managed block, edits inside are replaced >>>';
export const BLOCK_END = '# <<< EC2 Workbench <<<';

export interface SshEntry {
  readonly alias: string;
  readonly hostName: string;
  readonly user: string;
  readonly identityFile: string;
}

export function defaultSshConfigFile(): string {
  return path.join(os.homedir(), '.ssh', 'config');
}

interface Parts {
  before: string;
  block: string;
  after: string;
}

function split(text: string): Parts {
  const begin = text.indexOf(BLOCK_BEGIN);
  const end = begin >= 0 ? text.indexOf(BLOCK_END, begin) : -1;
  if (begin < 0 || end < 0) {
    // First write: the block goes at the top, because the first value ssh finds wins, so a
    // user's `Host *` defaults below cannot override the entries' User or IdentityFile.
    return { before: '', block: '', after: text };
  }
  const blockStart = begin + BLOCK_BEGIN.length + 1; // After the marker's newline.
  const afterStart = end + BLOCK_END.length + (text[end + BLOCK_END.length] === '\n' ? 1 : 0);
  return { before: text.slice(0, begin), block: text.slice(blockStart, end), after: text.slice(afterStart) };
}

function join(parts: Parts): string {
  const block = parts.block.replace(/\n*$/, '\n');
  const before = parts.before === '' || parts.before.endsWith('\n') ? parts.before : `${parts.before}\n`;
  return `${before}${BLOCK_BEGIN}\n${block}${BLOCK_END}\n${parts.after}`;
}

/** The aliases currently in the managed block. */
export async function managedAliases(file: string): Promise<string[]> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return hosts(SSHConfig.parse(split(text).block));
}

function hosts(config: SSHConfig): string[] {
  return [...config].filter((l) => 'param' in l && l.param === 'Host').map((l) => String((l as { value: unknown }).value));
}

/**
 * Puts `entry` in the managed block (replacing an entry of the same alias) and drops the entries
 * for which `keep` says false. Leaves the file untouched when nothing changes.
 */
export async function writeSshEntry(file: string, entry: SshEntry, keep: (alias: string) => boolean = () => true): Promise<void> {
  for (const [what, value] of [['Host', entry.alias], ['HostName', entry.hostName], ['User', entry.user], ['IdentityFile', entry.identityFile]]) {
    checkedValue(what, value);
  }
  await withLock(file, async () => {
    const original = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        return undefined;
      }
      throw e;
    });
    const parts = split(original ?? '');
    const config = SSHConfig.parse(parts.block);
    for (const alias of hosts(config)) {
      if (alias === entry.alias || !keep(alias)) {
        config.remove({ Host: alias });
      }
    }
    config.append({
      Host: entry.alias,
      HostName: entry.hostName,
      User: entry.user,
      IdentityFile: entry.identityFile,
      IdentitiesOnly: 'yes',
      StrictHostKeyChecking: 'accept-new',
    });
    // Same order as before when the entry already existed: sort by alias for a stable block.
    const sorted = SSHConfig.parse('');
    for (const alias of hosts(config).sort()) {
      const section = config.find({ Host: alias });
      if (section) {
        sorted.push(section);
      }
    }
    const next = join({ ...parts, block: sorted.toString().replace(/^\n+/, '') });
    if (next !== original) {
      await atomicWrite(file, next);
    }
  });
}

async function atomicWrite(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const mode = await fs.stat(file).then(
    (s) => s.mode & 0o777,
    () => 0o600,
  );
  const temp = `${file}.ec2wb-${process.pid}-${Date.now()}.tmp`;
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.chmod(temp, mode); // The umask may have narrowed it.
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Runs `work` while holding `<file>.ec2wb.lock` (exclusive create); a lock older than 30 s is stale. */
async function withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.ec2wb.lock`;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await (await fs.open(lock, 'wx', 0o600)).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const age = await fs.stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 30_000) {
        await fs.rm(lock, { force: true });
      } else if (Date.now() > deadline) {
        throw new Error(l10n.t('{0} is held by another window; try again.', lock), { cause: error });
      } else {
        await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
      }
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lock, { force: true });
  }
}
