import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { listKeyPairs } from '../../core/aws/ec2/keyPairs';
import { createAndSaveKeyPair } from '../../core/keys/createKeyPairFlow';
import { keyPairNameProblem } from '../../core/keys/keyPairName';
import { defaultKeyDirectory } from '../../core/keys/privateKeyFile';
import { tildify } from '../../core/keys/privateKeyFile';
import { readSettings } from '../../shared/settings';
import { type Workbench } from '../../workbench';
import { commandInput, requireName, requireString } from '../commandInput';
import { BACK } from '../../shared/prompter';
import { runWizard, step } from '../../shared/wizard';
import { askRegion } from '../askOrUse';

export interface CreateKeyPairArgs {
  region: string;
  name: string;
  keyType?: 'rsa' | 'ed25519';
  directory?: string;
}

/** Creates a key pair and saves its private key as `<keyDirectory>/<name>.pem`, mode 0600. */
export async function createKeyPairCommand(wb: Workbench, arg?: unknown): Promise<{ keyName: string; keyFile: string }> {
  const { args, interactive } = commandInput<CreateKeyPairArgs>(arg, {
    fields: { region: 'string', name: 'string', keyType: ['rsa', 'ed25519'], directory: 'string' },
  });
  const session = wb.sessions.session;
  const ctx = await runWizard(
    wb.prompter,
    vscode.l10n.t('Create Key Pair'),
    { ...args },
    [
      step('region', (c, at) => askRegion(wb, c, at)),
      step('name', async (c, at) => {
        const existing: string[] = [];
        const loading = listKeyPairs(session, c.region!).then((keys) => existing.push(...keys.map((k) => k.name)));
        const v = await wb.prompter.input({
          ...at,
          prompt: vscode.l10n.t('Name of the new key pair in {0}. The private key is saved as <name>.pem.', c.region!),
          placeholder: 'lab-key',
          value: c.name,
          validate: (value) => keyPairNameProblem(value, existing, c.region),
          busyWhile: loading,
        });
        if (v === BACK) return BACK;
        c.name = v;
      }),
      step(
        'keyType',
        async (c, at) => {
          const v = await wb.prompter.pick<'rsa' | 'ed25519'>({
            ...at,
            placeholder: vscode.l10n.t('Key type'),
            items: [
              { label: 'RSA', description: vscode.l10n.t('2048 bits, works everywhere (default)'), value: 'rsa' },
              { label: 'ED25519', description: vscode.l10n.t('shorter and faster; not for Windows instances'), value: 'ed25519' },
            ],
            active: (t) => t === c.keyType,
          });
          if (v === BACK) return BACK;
          c.keyType = v;
        },
        true,
      ),
    ],
    { interactive },
  );
  const region = requireString(ctx.region, 'region');
  const name = requireName(ctx.name, 'name');
  const keyType = ctx.keyType ?? 'rsa';
  const directory = args.directory ?? (readSettings().keyDirectory || defaultKeyDirectory());

  const askSaveAs = interactive
    ? async (reason: string, suggested: string) => {
        const saveAs = vscode.l10n.t('Save As...');
        const choice = await ui.showWarningMessage(
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

  const saved = await ui.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating key pair {0} in {1}…', name, region) },
    () => createAndSaveKeyPair(session, { region, name, keyType, directory }, askSaveAs),
  );
  await wb.keyFiles.set(session.profileName, region, saved.keyName, saved.keyFile, 'created');
  wb.log.info(`Key pair "${saved.keyName}" created in ${region}; private key saved to ${saved.keyFile} (mode 600).`);
  wb.explorer.refresh(region, 'keyPairs');
  void ui.showInformationMessage(
    vscode.l10n.t(
      'Key pair {0} created in {1}. Private key saved to {2}, readable only by you.',
      saved.keyName,
      region,
      tildify(saved.keyFile),
    ),
  );
  return { keyName: saved.keyName, keyFile: saved.keyFile };
}
