import * as fs from 'fs/promises';
import * as vscode from 'vscode';
import { CancelledError } from '../../aws/errors';
import { deleteKeyPair } from '../../aws/keyPairs';
import { tildify } from '../../keys/privateKeyFile';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../args';

export interface DeleteKeyPairArgs {
  region: string;
  name: string;
  deleteLocalFile?: boolean;
  confirmed?: boolean;
}

/** Deletes a key pair on AWS after a modal confirmation; the local private key is kept unless asked. */
export async function deleteKeyPairCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args } = commandInput<DeleteKeyPairArgs>(arg, {
    fields: { region: 'string', name: 'string', deleteLocalFile: 'boolean', confirmed: 'boolean' },
    fromNode: regionAnd('name'),
  });
  const region = requireString(args.region, 'region');
  const name = requireString(args.name, 'name');
  const session = wb.sessions.session;
  const keyFile = wb.keyFiles.get(session.profileName, region, name);
  let deleteLocalFile = args.deleteLocalFile ?? false;
  if (!args.confirmed) {
    const keep = vscode.l10n.t('Delete Key Pair');
    const both = vscode.l10n.t('Delete Key Pair and Private Key File');
    const buttons = keyFile && args.deleteLocalFile === undefined ? [keep, both] : [keep];
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the key pair {0} in {1}?', name, region),
      {
        modal: true,
        detail: keyFile
          ? vscode.l10n.t(
              'Instances launched with it keep working. The private key {0} stays on disk unless you choose to delete it too.',
              tildify(keyFile),
            )
          : vscode.l10n.t('Instances launched with it keep working.'),
      },
      ...buttons,
    );
    if (!choice) {
      throw new CancelledError();
    }
    deleteLocalFile ||= choice === both;
  }
  await deleteKeyPair(session, region, name);
  if (deleteLocalFile && keyFile) {
    await fs.rm(keyFile, { force: true });
  }
  await wb.keyFiles.set(session.profileName, region, name, undefined);
  wb.explorer.refresh(region, 'keyPairs');
  void vscode.window.showInformationMessage(
    deleteLocalFile && keyFile
      ? vscode.l10n.t('Key pair {0} deleted in {1}, and {2} removed.', name, region, tildify(keyFile))
      : vscode.l10n.t('Key pair {0} deleted in {1}.', name, region),
  );
}
