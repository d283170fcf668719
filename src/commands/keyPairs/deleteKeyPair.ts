import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { CancelledError } from '../../core/aws/session/errors';
import { deleteKeyPair } from '../../core/aws/ec2/keyPairs';
import { deleteOwnedKeyFile, keyFileVerdict } from '../../core/keys/ownedKeyFile';
import { tildify } from '../../core/keys/privateKeyFile';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../commandInput';
import { keptKeyFilesSentence } from './keptKeyFiles';

export interface DeleteKeyPairArgs {
  region: string;
  name: string;
  deleteLocalFile?: boolean;
  confirmed?: boolean;
}

/**
 * Deletes a key pair on AWS after a modal confirmation; the local private key is kept unless asked,
 * and even then only when EC2 Workbench wrote it and it is unchanged (any other file is named as kept).
 */
export async function deleteKeyPairCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args } = commandInput<DeleteKeyPairArgs>(arg, {
    fields: { region: 'string', name: 'string', deleteLocalFile: 'boolean', confirmed: 'boolean' },
    fromNode: regionAnd('name'),
  });
  const region = requireString(args.region, 'region');
  const name = requireString(args.name, 'name');
  const session = wb.sessions.session;
  const entry = wb.keyFiles.entry(session.profileName, region, name);
  const verdict = entry ? await keyFileVerdict(entry) : 'missing';
  const keyFile = verdict === 'deletable' ? entry?.file : undefined;
  const kept =
    entry && (verdict === 'notOurs' || verdict === 'changed') ? keptKeyFilesSentence([{ file: entry.file, verdict }]) : undefined;
  let deleteLocalFile = args.deleteLocalFile ?? false;
  if (!args.confirmed) {
    const keep = vscode.l10n.t('Delete Key Pair');
    const both = vscode.l10n.t('Delete Key Pair and Private Key File');
    const buttons = keyFile && args.deleteLocalFile === undefined ? [keep, both] : [keep];
    const choice = await ui.showWarningMessage(
      vscode.l10n.t('Delete the key pair {0} in {1}?', name, region),
      {
        modal: true,
        detail: keyFile
          ? vscode.l10n.t(
              'Instances launched with it keep working. The private key {0} stays on disk unless you choose to delete it too.',
              tildify(keyFile),
            )
          : [vscode.l10n.t('Instances launched with it keep working.'), kept].filter(Boolean).join(' '),
      },
      ...buttons,
    );
    if (!choice) {
      throw new CancelledError();
    }
    deleteLocalFile ||= choice === both;
  }
  await deleteKeyPair(session, region, name);
  const outcome = deleteLocalFile && entry ? await deleteOwnedKeyFile(entry) : undefined;
  if (outcome && outcome !== 'missing') {
    wb.log.info(`Private key ${entry?.file} of the deleted key pair ${name}: ${outcome}.`);
  }
  await wb.keyFiles.set(session.profileName, region, name, undefined);
  wb.explorer.refresh(region, 'keyPairs');
  const keptNow =
    entry && (outcome === 'notOurs' || outcome === 'changed') ? keptKeyFilesSentence([{ file: entry.file, verdict: outcome }]) : undefined;
  void ui.showInformationMessage(
    outcome === 'deleted' && entry
      ? vscode.l10n.t('Key pair {0} deleted in {1}, and {2} removed.', name, region, tildify(entry.file))
      : [vscode.l10n.t('Key pair {0} deleted in {1}.', name, region), keptNow].filter(Boolean).join(' '),
  );
}
