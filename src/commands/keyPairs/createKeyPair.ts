import * as vscode from 'vscode';
import { listKeyPairs } from '../../aws/keyPairs';
import { createAndSaveKeyPair } from '../../keys/createKeyPairFlow';
import { keyPairNameProblem } from '../../keys/keyPairName';
import { defaultKeyDirectory } from '../../keys/privateKeyFile';
import { tildify } from '../../explorer/keyPairNode';
import { readSettings } from '../../shared/settings';
import { Workbench } from '../../workbench';
import { commandInput } from '../args';
import { orAsk, pickRegion } from '../prompts';

export interface CreateKeyPairArgs {
  region: string;
  name: string;
  keyType?: 'rsa' | 'ed25519';
  directory?: string;
}

/** Creates a key pair and saves its private key as `<keyDirectory>/<name>.pem`, mode 0600. */
export async function createKeyPairCommand(wb: Workbench, arg?: unknown): Promise<{ keyName: string; keyFile: string }> {
  const { args, interactive } = commandInput<CreateKeyPairArgs>(arg);
  const session = wb.sessions.session;
  const title = vscode.l10n.t('Create Key Pair');
  const region = await orAsk(args.region, () => pickRegion(wb, title));
  const name = await orAsk(args.name, async () => {
    const existing = (await listKeyPairs(session, region)).map((k) => k.name);
    return vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Name of the new key pair in {0}. The private key is saved as <name>.pem.', region),
      placeHolder: 'lab-key',
      validateInput: (value) => keyPairNameProblem(value, existing, region),
    });
  });
  const keyType = await orAsk(args.keyType ?? (interactive ? undefined : 'rsa'), async () => {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'RSA', description: vscode.l10n.t('2048 bits, works everywhere (default)'), value: 'rsa' as const },
        { label: 'ED25519', description: vscode.l10n.t('shorter and faster; not for Windows instances'), value: 'ed25519' as const },
      ],
      { title, placeHolder: vscode.l10n.t('Key type') },
    );
    return pick?.value;
  });
  const directory = args.directory ?? (readSettings().keyDirectory || defaultKeyDirectory());

  const askSaveAs = interactive
    ? async (reason: string, suggested: string) => {
        const saveAs = vscode.l10n.t('Save As...');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('{0} Where should the private key be saved?', reason),
          { modal: true },
          saveAs,
        );
        if (choice !== saveAs) {
          return undefined;
        }
        const uri = await vscode.window.showSaveDialog({
          title: vscode.l10n.t('Save the private key of {0}', name),
          defaultUri: vscode.Uri.file(suggested.replace(/\.pem$/, '-1.pem')),
          filters: { [vscode.l10n.t('Private key')]: ['pem'] },
        });
        return uri?.fsPath;
      }
    : undefined;

  const saved = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating key pair {0} in {1}…', name, region) },
    () => createAndSaveKeyPair(session, { region, name, keyType, directory }, askSaveAs),
  );
  await wb.keyFiles.set(session.profileName, region, saved.keyName, saved.keyFile);
  wb.log.info(`Key pair "${saved.keyName}" created in ${region}; private key saved to ${saved.keyFile} (mode 600).`);
  wb.explorer.refresh(region, 'keyPairs');
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Key pair {0} created in {1}. Private key saved to {2}, readable only by you.', saved.keyName, region, tildify(saved.keyFile)),
  );
  return { keyName: saved.keyName, keyFile: saved.keyFile };
}
