// How EC2 Workbench touches the user's SSH config. Its entries live in a file of its own,
// `ec2-workbench/config` beside the user's config, and the user's config gets two lines at its very
// top: `Include ec2-workbench/config` and a comment. OpenSSH restores the including file's state
// after an Include, so nothing the user wrote (global lines before the first Host, IgnoreUnknown,
// Host * defaults) is re-scoped, and our hosts, read first, win over the user's global User or
// IdentityFile. The user's file is written once (to add those lines), through symlinks, keeping
// every other byte, its line endings and its mode; later writes touch only our own file.
// Writers (several windows) are serialised with proper-lockfile; writes are atomic.
import * as l10n from '@vscode/l10n';
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../aws/session/errors';
import { firstRefusedLine, writeCheckedConfig } from './sshConfigCheck';
import { checkedValue } from './sshHost';
import { argvSplit, readConfigLine, sshConfigValue } from './sshQuote';

// The Include comes first: Remote - SSH lists the hosts of included files only for an Include at
// the very top of the file (microsoft/vscode-remote-release#4339).
export const INCLUDE_COMMENT = '# ^ Added by EC2 Workbench for its EC2 hosts. To undo: delete both lines and ec2-workbench/';
const MANAGED_HEADER = [
  '# EC2 Workbench: SSH hosts of EC2 instances, written by the extension (edits here are replaced).',
  '# Included from the top of your SSH config; delete that Include line and this folder to undo.',
];
const OWNER_PREFIX = '# owner ';

// Loaded on the first write, not at activation (graceful-fs, under proper-lockfile, patches fs when loaded).
const writeFileAtomic = async (file: string, data: string | Buffer, options: { mode?: number }) =>
  (await import('write-file-atomic')).default(file, data, options);
const lockfile = () => import('proper-lockfile');

/** The block that versions before 0.2 wrote into the user's file; moved out on the next write. */
export const LEGACY_BLOCK_BEGIN = '# >>> EC2 Workbench: managed block, edits inside are replaced >>>';
export const LEGACY_BLOCK_END = '# <<< EC2 Workbench <<<';

export interface SshEntry {
  readonly alias: string;
  readonly hostName: string;
  readonly user: string;
  readonly identityFile: string;
  /** Only when not 22 (a forwarded port, a local stand-in). */
  readonly port?: number;
  /** Who made the entry (profile and endpoint): pruning only ever removes one's own entries. */
  readonly owner?: string;
  /** EC2 Instance Connect: the line that pushes the one-time key and relays (src/core/ssh/proxyCommand.ts). */
  readonly proxyCommand?: string;
}

export interface ManagedAlias {
  readonly alias: string;
  readonly owner?: string;
}

/** Who an entry belongs to: the profile, and the endpoint when it is not AWS's own. */
export function entryOwner(profile: string, endpoint: string | undefined): string {
  return endpoint ? `${profile} ${endpoint}` : profile;
}

/** Our own file, in the folder of the user's config (as named, not where a symlink points). */
export function managedConfigFile(userConfigFile: string): string {
  return path.join(path.dirname(userConfigFile), 'ec2-workbench', 'config');
}

/**
 * The Include line for our file. OpenSSH reads a relative Include from ~/.ssh of the account
 * (not $HOME), so the short form is used only when the config sits there.
 */
export function includeLine(userConfigFile: string): string {
  const dir = path.dirname(userConfigFile);
  if (path.resolve(dir) === path.join(os.userInfo().homedir, '.ssh')) {
    return 'Include ec2-workbench/config';
  }
  return `Include ${sshConfigValue('Include', managedConfigFile(userConfigFile))}`;
}

/** The aliases in our file, with who made them. */
export async function managedAliases(userConfigFile: string): Promise<ManagedAlias[]> {
  const text = await readIfExists(managedConfigFile(userConfigFile));
  return sections(text ?? '').map(({ alias, owner }) => ({ alias, owner }));
}

/**
 * Puts `entry` in our file (replacing an entry of the same alias), drops the entries for which
 * `keep` says false, and makes sure the user's config includes our file. Writes nothing when
 * nothing changes.
 */
export async function writeSshEntry(
  userConfigFile: string,
  entry: SshEntry,
  keep: (e: ManagedAlias) => boolean = () => true,
): Promise<void> {
  const fields: Array<[string, string]> = [
    ['Host', entry.alias],
    ['HostName', entry.hostName],
    ['User', entry.user],
  ];
  for (const [what, value] of fields) {
    checkedValue(what, value);
  }
  // eslint-disable-next-line no-control-regex
  if (entry.proxyCommand !== undefined && /[\x00-\x1f\x7f]/.test(entry.proxyCommand)) {
    checkedValue('ProxyCommand', entry.proxyCommand);
  }
  if (entry.port !== undefined && !(Number.isInteger(entry.port) && entry.port > 0 && entry.port < 65536)) {
    checkedValue('Port', String(entry.port), /^$/);
  }
  // Every value quoted the way ssh reads it back, or refused with a sentence before anything is written.
  const text = entryText(entry);
  const include = includeLine(userConfigFile);
  const ownFile = managedConfigFile(userConfigFile);
  await fs.mkdir(path.dirname(ownFile), { recursive: true, mode: 0o700 });
  await withLock(ownFile, async () => {
    // Read and written as latin1: one character per byte, so bytes that are not UTF-8 survive.
    const userText = await readIfExists(userConfigFile, 'latin1');
    // The Include line in UTF-8 (a non-ASCII folder name), as bytes of that latin1 text.
    const { text: userNext, legacy } = withInclude(userText ?? '', Buffer.from(include, 'utf8').toString('latin1'));

    // An entry ssh refuses (written by an older version, before values were quoted) is dropped: ssh refused the whole file for it.
    const kept = sections((await readIfExists(ownFile)) ?? '').filter(
      (s) => s.alias !== entry.alias && keep(s) && !firstRefusedLine(s.text),
    );
    const legacySections = sections(legacy).filter((s) => s.alias !== entry.alias && !kept.some((k) => k.alias === s.alias));
    const all = [...kept, ...legacySections, { alias: entry.alias, owner: entry.owner, text }].sort((a, b) =>
      a.alias.localeCompare(b.alias),
    );
    const ownNext = serialize(all);

    // Our file first: once the Include line is in place, it must point at a complete file.
    if (ownNext !== (await readIfExists(ownFile))) {
      await writeCheckedConfig(ownFile, ownNext, {
        alias: entry.alias,
        hostName: entry.hostName,
        user: entry.user,
        identityFile: process.platform === 'win32' ? entry.identityFile.replace(/\\/g, '/') : entry.identityFile,
      });
    }
    if (userNext !== userText) {
      await writeUserConfig(userConfigFile, userNext);
    }
  });
}

/**
 * Removes our entries for which `remove` says true (the instances clean-up terminated). Touches
 * only our own file, never the user's; resolves to the aliases removed.
 */
export async function removeSshEntries(userConfigFile: string, remove: (e: ManagedAlias) => boolean): Promise<string[]> {
  const ownFile = managedConfigFile(userConfigFile);
  if (!(await readIfExists(ownFile))) {
    return [];
  }
  return withLock(ownFile, async () => {
    const all = sections((await readIfExists(ownFile)) ?? '');
    const gone = all.filter(remove);
    if (gone.length) {
      await writeCheckedConfig(ownFile, serialize(all.filter((s) => !remove(s))));
    }
    return gone.map((s) => s.alias);
  });
}

function serialize(all: Section[]): string {
  return `${MANAGED_HEADER.join('\n')}\n${all.map((s) => `\n${s.text.trimEnd()}\n`).join('')}`;
}

function entryText(entry: SshEntry): string {
  if (entry.proxyCommand && !argvSplit(entry.proxyCommand)) {
    checkedValue('ProxyCommand', entry.proxyCommand, /^$/); // ssh would refuse the line: "invalid quotes".
  }
  return [
    `Host ${sshConfigValue('Host', entry.alias)}`,
    ...(entry.owner ? [`  ${OWNER_PREFIX}${JSON.stringify(entry.owner)}`] : []),
    `  HostName ${sshConfigValue('HostName', entry.hostName)}`,
    ...(entry.port && entry.port !== 22 ? [`  Port ${entry.port}`] : []),
    `  User ${sshConfigValue('User', entry.user)}`,
    `  IdentityFile ${sshConfigValue('IdentityFile', entry.identityFile)}`,
    '  IdentitiesOnly yes',
    ...(entry.proxyCommand ? [`  ProxyCommand ${entry.proxyCommand}`] : []),
    // Known host keys follow the instance, not its recycled public address or DNS name.
    `  HostKeyAlias ${sshConfigValue('HostKeyAlias', entry.alias)}`,
    '  StrictHostKeyChecking accept-new',
  ].join('\n');
}

interface Section {
  readonly alias: string;
  readonly owner?: string;
  readonly text: string;
}

/** The Host sections of a file we wrote (read with ssh's tokenizer, never re-serialised: bytes stay as written). */
function sections(text: string): Section[] {
  const result: Array<{ alias: string; owner?: string; lines: string[] }> = [];
  for (const line of text.split(/\r?\n/)) {
    const read = readConfigLine(line);
    if (typeof read === 'object' && read.keyword === 'host') {
      result.push({ alias: read.args.join(' '), lines: [line.trimStart()] });
    } else if (result.length && line.trim() !== '') {
      const current = result[result.length - 1];
      current.lines.push(line);
      const comment = line.trim();
      if (current.owner === undefined && comment.startsWith(OWNER_PREFIX)) {
        try {
          current.owner = String(JSON.parse(comment.slice(OWNER_PREFIX.length)));
        } catch {
          current.owner = undefined;
        }
      }
    }
  }
  return result.map(({ alias, owner, lines }) => ({ alias, owner, text: lines.join('\n') }));
}

/**
 * The user's config with our two lines at its top (in its own line endings), and without the
 * block older versions wrote (whose entries are returned to move them to our file).
 */
function withInclude(text: string, include: string): { text: string; legacy: string } {
  let legacy = '';
  const begin = text.indexOf(LEGACY_BLOCK_BEGIN);
  const end = begin >= 0 ? text.indexOf(LEGACY_BLOCK_END, begin) : -1;
  if (begin >= 0 && end >= 0) {
    legacy = text.slice(begin + LEGACY_BLOCK_BEGIN.length, end);
    let stop = end + LEGACY_BLOCK_END.length;
    stop += /^\r?\n/.exec(text.slice(stop))?.[0].length ?? 0;
    text = text.slice(0, begin) + text.slice(stop);
  }
  if (includesOwnFile(text, include)) {
    return { text, legacy };
  }
  const eol = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n';
  return { text: `${include}${eol}${INCLUDE_COMMENT}${eol}${text}`, legacy };
}

/** True when the Include line is already there, before any Host or Match line. */
function includesOwnFile(text: string, include: string): boolean {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === include) {
      return true;
    }
    if (/^(host|match)(\s|=)/i.test(line)) {
      return false;
    }
  }
  return false;
}

/**
 * Writes the user's config through a symlink (stow, chezmoi, yadm keep the link), atomically,
 * keeping the mode. A file nobody may write (home-manager links it into the Nix store) is left
 * as it is, with a sentence saying which line to add by hand.
 */
async function writeUserConfig(file: string, text: string): Promise<void> {
  const target = await fs.realpath(file).catch(() => file);
  const stat = await fs.stat(target).catch(() => undefined);
  const byHand = () =>
    new UserError(
      l10n.t(
        'Your SSH config {0} cannot be written{1}. Add this line at its top by hand, then connect again: {2}',
        file,
        target !== file
          ? l10n.t({ message: ' (it links to {0})', args: [target], comment: ['Appended to "cannot be written", with its leading space'] })
          : '',
        includeLine(file),
      ),
    );
  if (stat && (stat.mode & 0o222) === 0) {
    throw byHand();
  }
  try {
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // write-file-atomic resolves the symlink itself and keeps the existing mode and owner.
    await writeFileAtomic(file, Buffer.from(text, 'latin1'), stat ? {} : { mode: 0o600 });
  } catch (error) {
    if (['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '')) {
      throw byHand();
    }
    throw error;
  }
}

async function withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await (
      await lockfile()
    ).lock(file, {
      realpath: false,
      lockfilePath: `${file}.lock`,
      stale: 10_000,
      retries: { retries: 100, minTimeout: 20, maxTimeout: 200, randomize: true },
    });
  } catch (error) {
    throw new UserError(l10n.t('{0} is held by another window; try again.', `${file}.lock`), { cause: error });
  }
  try {
    return await work();
  } finally {
    await release();
  }
}

async function readIfExists(file: string, encoding: BufferEncoding = 'utf8'): Promise<string | undefined> {
  return fs.readFile(file, encoding).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') {
      return undefined;
    }
    throw e;
  });
}
