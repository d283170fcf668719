import * as vscode from 'vscode';
import { type KeyFileVerdict } from '../../core/keys/ownedKeyFile';
import { tildify } from '../../core/keys/privateKeyFile';

export interface KeptKeyFile {
  readonly file: string;
  readonly verdict: KeyFileVerdict | 'deletable';
}

/**
 * One sentence per reason naming the private key files that stay on disk because EC2 Workbench did
 * not write them or they changed since; undefined when none stays for such a reason.
 */
export function keptKeyFilesSentence(files: readonly KeptKeyFile[]): string | undefined {
  const names = (verdict: KeyFileVerdict) =>
    files
      .filter((f) => f.verdict === verdict)
      .map((f) => tildify(f.file))
      .join(', ');
  const count = (verdict: KeyFileVerdict) => files.filter((f) => f.verdict === verdict).length;
  const sentences: string[] = [];
  if (count('notOurs') === 1) {
    sentences.push(vscode.l10n.t('{0} was not created by EC2 Workbench and stays.', names('notOurs')));
  } else if (count('notOurs') > 1) {
    sentences.push(vscode.l10n.t('{0} were not created by EC2 Workbench and stay.', names('notOurs')));
  }
  if (count('changed') === 1) {
    sentences.push(vscode.l10n.t('{0} is no longer the file EC2 Workbench wrote and stays.', names('changed')));
  } else if (count('changed') > 1) {
    sentences.push(vscode.l10n.t('{0} are no longer the files EC2 Workbench wrote and stay.', names('changed')));
  }
  return sentences.length ? sentences.join(' ') : undefined;
}
