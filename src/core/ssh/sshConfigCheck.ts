// A write to an SSH config file lands only when ssh reads it back as meant. The new text is
// written to a unique temporary file beside the target, read back line by line with the product's
// own tokenizer (sshQuote.ts), then with the real `ssh -G -F <temp> <alias>` where ssh is
// installed, and only then renamed over the target (atomic). A text that ssh would refuse, or that
// resolves the new entry to other values, is never renamed into place: the temporary file is
// removed and a sentence says why.
import * as l10n from '@vscode/l10n';
import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs/promises';
import { UserError } from '../aws/session/errors';
import { percentUnescape, readConfigLine } from './sshQuote';

/** What the new entry must resolve to. */
export interface ExpectedEntry {
  readonly alias: string;
  readonly hostName: string;
  readonly user: string;
  /** As written by the platform (on Windows with `/`), before ssh's %-expansion: what `ssh -G` shows after %% reads as %. */
  readonly identityFile: string;
}

/** The line number (1-based) and text of the first line ssh would refuse, if any. */
export function firstRefusedLine(text: string): { line: number; text: string } | undefined {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => readConfigLine(l) === 'invalid');
  return index < 0 ? undefined : { line: index + 1, text: lines[index] };
}

/** The values of the new entry's lines as the tokenizer reads them, checked against `expected`. */
function checkOwnReading(text: string, expected: ExpectedEntry): string | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => {
    const r = readConfigLine(l);
    return typeof r === 'object' && r.keyword === 'host' && r.args.length === 1 && r.args[0] === expected.alias;
  });
  if (start < 0) {
    return `Host ${expected.alias}`;
  }
  const seen = new Map<string, string[]>();
  for (const l of lines.slice(start + 1)) {
    const r = readConfigLine(l);
    if (typeof r !== 'object') continue;
    if (r.keyword === 'host' || r.keyword === 'match') break;
    seen.set(r.keyword, r.args);
  }
  const want: Array<[string, string]> = [
    ['hostname', expected.hostName],
    ['user', expected.user],
    ['identityfile', expected.identityFile],
  ];
  for (const [keyword, value] of want) {
    const args = seen.get(keyword);
    if (!args || args.length !== 1 || (keyword === 'identityfile' ? percentUnescape(args[0]) : args[0]) !== value) {
      return keyword;
    }
  }
  return undefined;
}

/** `ssh -G -F file alias`: the resolved keywords, or undefined when ssh is not installed. */
export async function sshResolve(
  file: string,
  alias: string,
): Promise<{ ok: true; values: Map<string, string> } | { ok: false; error: string } | undefined> {
  return new Promise((resolve) => {
    execFile('ssh', ['-G', '-F', file, alias], { timeout: 10_000, windowsHide: true, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve(undefined);
      } else if (error) {
        resolve({
          ok: false,
          error:
            stderr
              .split(/\r?\n/)
              .find((l) => l.trim() && !/^Pseudo-terminal/.test(l))
              ?.trim() ?? error.message,
        });
      } else {
        const values = new Map<string, string>();
        for (const line of stdout.split(/\r?\n/)) {
          const space = line.indexOf(' ');
          if (space > 0 && !values.has(line.slice(0, space))) {
            values.set(line.slice(0, space), line.slice(space + 1));
          }
        }
        resolve({ ok: true, values });
      }
    });
  });
}

/**
 * Writes `text` to `file` atomically (mode 0600), after checking that ssh reads it back: no line
 * ssh refuses, and the `expected` entry (when given) resolving to exactly its values.
 */
export async function writeCheckedConfig(file: string, text: string, expected?: ExpectedEntry): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'wx', 0o600);
  let renamed = false;
  try {
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    const refused = firstRefusedLine(text);
    if (refused) {
      throw new UserError(
        l10n.t('Nothing was written to {0}: ssh would refuse its line {1} ({2}).', file, refused.line, refused.text.trim()),
      );
    }
    if (expected) {
      const wrong = checkOwnReading(text, expected);
      if (wrong) {
        throw new UserError(l10n.t('Nothing was written to {0}: ssh would read {1} of {2} differently.', file, wrong, expected.alias));
      }
      const real = await sshResolve(temp, expected.alias);
      if (real && !real.ok) {
        throw new UserError(l10n.t('Nothing was written to {0}: ssh refuses the new text ({1}).', file, real.error));
      }
      if (real?.ok) {
        const got = real.values;
        if (
          got.get('hostname') !== expected.hostName.toLowerCase() ||
          got.get('user') !== expected.user ||
          percentUnescape(got.get('identityfile') ?? '') !== expected.identityFile
        ) {
          throw new UserError(
            l10n.t('Nothing was written to {0}: ssh reads the new entry {1} differently from what was meant.', file, expected.alias),
          );
        }
      }
    }
    await fs.rename(temp, file);
    renamed = true;
  } finally {
    await handle.close().catch(() => undefined);
    if (!renamed) {
      await fs.rm(temp, { force: true });
    }
  }
}
