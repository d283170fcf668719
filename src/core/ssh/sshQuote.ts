// Every value EC2 Workbench writes into an SSH config file goes through `sshConfigValue`, which
// follows how OpenSSH reads the line back (openssh-portable, readconf.c process_config_line_depth
// and misc.c argv_split, strdelim; ssh.c and readconf.c for what is expanded afterwards):
// - the rest of the line after the keyword is split by argv_split: space and tab separate words; a
//   word may be quoted with " or '; a backslash escapes ', ", \ (and a space outside quotes); a `#`
//   at the start of a word ends the line; an unbalanced quote makes ssh refuse the WHOLE file
//   ("invalid quotes");
// - then IdentityFile expands ~, %-tokens (%% is a %) and ${VAR} (an unset one is fatal); HostName
//   expands %h; Include expands %-tokens and ${VAR} since OpenSSH 9.9 (not before) and is a glob;
//   User expands %-tokens and ${VAR} since OpenSSH 10.0 (not before).
// A value whose meaning would differ between OpenSSH versions, or that no quoting can carry (a
// newline, `${`), is refused with one sentence; nothing is written. No `vscode` import here.
import * as l10n from '@vscode/l10n';
import { UserError } from '../aws/session/errors';

/**
 * OpenSSH's argv_split (misc.c): the words of `s`, or undefined where ssh stops with "invalid
 * quotes" (a quote left open).
 */
export function argvSplit(s: string, terminateOnComment = true): string[] | undefined {
  const argv: string[] = [];
  let i = 0;
  for (; i < s.length; i++) {
    if (s[i] === ' ' || s[i] === '\t') {
      continue;
    }
    if (terminateOnComment && s[i] === '#') {
      break;
    }
    let quote = '';
    let arg = '';
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') {
        const next = s[i + 1];
        if (next === "'" || next === '"' || next === '\\' || (quote === '' && next === ' ')) {
          i++;
          arg += next;
        } else {
          arg += c; // Unrecognised escape: kept.
        }
      } else if (quote === '' && (c === ' ' || c === '\t')) {
        break;
      } else if (quote === '' && (c === '"' || c === "'")) {
        quote = c;
      } else if (quote !== '' && c === quote) {
        quote = '';
      } else {
        arg += c;
      }
    }
    argv.push(arg);
    if (i >= s.length) {
      if (quote !== '') {
        return undefined;
      }
      break;
    }
  }
  return argv;
}

export interface ConfigLine {
  /** Lower case, as ssh matches it. */
  readonly keyword: string;
  readonly args: string[];
  /** The text after the keyword and its separator (what ProxyCommand runs). */
  readonly rest: string;
}

/**
 * One line of an ssh_config as readconf.c reads it: undefined for a blank or comment line,
 * 'invalid' where ssh refuses the line (and with it the whole file).
 */
export function readConfigLine(line: string): ConfigLine | 'invalid' | undefined {
  // Trailing whitespace and form feeds are dropped; the keyword ends at whitespace, a quote or one '='.
  const text = line.replace(/[ \t\r\n\f]+$/, '').replace(/^[ \t\r\n]+/, '');
  if (text === '' || text.startsWith('#')) {
    return undefined;
  }
  const m = /^([^ \t\r\n"=]+)[ \t\r\n]*(=[ \t\r\n]*)?(.*)$/s.exec(text);
  if (!m) {
    return 'invalid';
  }
  const rest = m[3];
  if (rest === '') {
    return 'invalid'; // "no argument after keyword"
  }
  const args = argvSplit(rest);
  return args ? { keyword: m[1].toLowerCase(), args, rest } : 'invalid';
}

/** The fields EC2 Workbench writes, by how OpenSSH treats their value. */
export type SshField = 'Host' | 'HostName' | 'HostKeyAlias' | 'User' | 'IdentityFile' | 'Include';

/** One word argv_split gives back as `word`: bare when nothing in it is special, else in double quotes. */
export function sshWord(word: string): string {
  if (/^[A-Za-z0-9_./:@+,-][A-Za-z0-9_./:@+,=~-]*$/.test(word)) {
    return word;
  }
  return `"${word.replace(/[\\"]/g, '\\$&')}"`;
}

function refuse(field: string, value: string, why: string): never {
  throw new UserError(
    l10n.t('The SSH {0} value {1} cannot be written safely into an SSH config file: {2}', field, JSON.stringify(value), why),
  );
}

/**
 * `value` as the text to write after `field`, such that ssh reads back exactly `value` (after its
 * own expansions), on every OpenSSH version; a sentence (UserError) when no such text exists.
 * Paths are given in the platform's form: on Windows `\` becomes `/`, as OpenSSH for Windows reads it.
 */
export function sshConfigValue(field: SshField, value: string, platform: NodeJS.Platform = process.platform): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(value)) {
    refuse(field, value, l10n.t('it holds a line break or a control character.'));
  }
  if (value === '') {
    refuse(field, value, l10n.t('it is empty.'));
  }
  switch (field) {
    case 'Host':
    case 'HostKeyAlias':
      if (!/^[A-Za-z0-9._-]+$/.test(value)) {
        refuse(field, value, l10n.t('only letters, digits, dots, dashes and underscores are allowed.'));
      }
      return value;
    case 'HostName':
      if (!/^[A-Za-z0-9.:-]+$/.test(value)) {
        refuse(field, value, l10n.t('only a DNS name or an IP address is allowed.'));
      }
      return value;
    case 'User':
      // ssh_valid_ruser-like, and no % or $ (expanded by OpenSSH 10, not by earlier versions).
      if (!/^[A-Za-z0-9_][A-Za-z0-9_.@-]*$/.test(value)) {
        refuse(field, value, l10n.t('only letters, digits, dots, dashes, underscores and @ are allowed.'));
      }
      return value;
    case 'IdentityFile':
    case 'Include': {
      const file = platform === 'win32' ? value.replace(/\\/g, '/') : value;
      const absolute = platform === 'win32' ? /^([A-Za-z]:\/|\/\/[^/]+\/[^/]+)/.test(file) : file.startsWith('/');
      if (!absolute) {
        refuse(field, value, l10n.t('only an absolute path is allowed.'));
      }
      if (file.includes('${')) {
        refuse(field, value, l10n.t('ssh would read "${" as an environment variable, and it cannot be escaped.'));
      }
      if (field === 'Include') {
        if (file.includes('%')) {
          refuse(field, value, l10n.t('OpenSSH 9.9 and later read "%" in an Include path as a token, earlier versions do not.'));
        }
        if (/[*?[\\]/.test(file)) {
          refuse(field, value, l10n.t('an Include path is a pattern, where *, ?, [ and \\ have a meaning.'));
        }
        return sshWord(file);
      }
      return sshWord(file.replace(/%/g, '%%'));
    }
  }
}

/** What `%%` in an expanded value reads as (ssh's percent_expand, for the tokens we never write). */
export function percentUnescape(value: string): string {
  return value.replace(/%%/g, '%');
}
