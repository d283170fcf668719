// Helpers for tests that compare how OpenSSH resolves hosts before and after a write.
import { spawnSync } from 'child_process';
import { INCLUDE_COMMENT } from '../../src/core/ssh/sshConfigFile';

/** The concrete aliases on a config's Host lines (no wildcard, no negation). */
export function concreteAliases(text: string): string[] {
  const aliases = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*host(?:\s*=\s*|\s+)(.*)$/i.exec(line);
    if (!m) {
      continue;
    }
    const value = m[1].replace(/\s+#.*$/, '');
    for (const token of value.match(/"[^"]*"|\S+/g) ?? []) {
      const alias = token.replace(/^"|"$/g, '');
      if (alias && !/[*?!]/.test(alias)) {
        aliases.add(alias);
      }
    }
  }
  return [...aliases];
}

/** `ssh -G -F <file> <alias>`: how OpenSSH resolves the alias, without connecting. */
export function resolve(file: string, alias: string): string {
  const r = spawnSync('ssh', ['-G', '-F', file, alias], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) {
    throw new Error(`ssh -G ${alias} failed on ${file}: ${r.stderr.trim()}`);
  }
  return r.stdout;
}

/** The file without the two lines EC2 Workbench adds at its top (Include and comment). */
export function withoutOwnLines(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const m = new RegExp(`^Include [^\\r\\n]*(\\r?\\n)${escape(INCLUDE_COMMENT)}\\1`).exec(text);
  return m ? Buffer.from(text.slice(m[0].length), 'latin1') : bytes;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
