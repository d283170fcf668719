import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { UserError } from '../../aws/errors';
import { importKeyPair, listKeyPairs } from '../../aws/keyPairs';
import { keyPairNameProblem } from '../../keys/keyPairName';
import { Workbench } from '../../workbench';
import { commandInput } from '../args';
import { orAsk, pickRegion } from '../prompts';

export interface ImportKeyPairArgs {
  region: string;
  name: string;
  publicKeyFile: string;
}

const PUBLIC_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/;

/** Imports an existing public key (for example ~/.ssh/id_ed25519.pub) as a key pair. */
export async function importKeyPairCommand(wb: Workbench, arg?: unknown): Promise<{ keyName: string; fingerprint?: string }> {
  const { args } = commandInput<ImportKeyPairArgs>(arg);
  const session = wb.sessions.session;
  const title = vscode.l10n.t('Import Key Pair');
  const region = await orAsk(args.region, () => pickRegion(wb, title));
  const publicKeyFile = await orAsk(args.publicKeyFile, async () => {
    const uris = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Public key to import'),
      defaultUri: vscode.Uri.file(path.join(os.homedir(), '.ssh')),
      filters: { [vscode.l10n.t('Public key')]: ['pub'], [vscode.l10n.t('All files')]: ['*'] },
      canSelectMany: false,
    });
    return uris?.[0]?.fsPath;
  });
  let publicKey: string;
  try {
    publicKey = (await fs.readFile(publicKeyFile, 'utf8')).trim();
  } catch (error) {
    throw new UserError(vscode.l10n.t('{0} cannot be read ({1}).', publicKeyFile, (error as NodeJS.ErrnoException).code ?? ''));
  }
  if (/PRIVATE KEY/.test(publicKey)) {
    throw new UserError(vscode.l10n.t('{0} is a private key. Choose the public key (the .pub file) instead; the private key never leaves this machine.', publicKeyFile));
  }
  if (!PUBLIC_KEY.test(publicKey)) {
    throw new UserError(vscode.l10n.t('{0} is not an OpenSSH public key (expected a line starting with ssh-rsa, ssh-ed25519 or ecdsa-sha2-).', publicKeyFile));
  }
  const existing = (await listKeyPairs(session, region)).map((k) => k.name);
  const suggested = path.basename(publicKeyFile).replace(/\.pub$/, '');
  const name = await orAsk(args.name, () =>
    vscode.window.showInputBox({ title, value: suggested, prompt: vscode.l10n.t('Name of the key pair in {0}', region), validateInput: (v) => keyPairNameProblem(v, existing, region) }),
  );
  const problem = keyPairNameProblem(name, existing, region);
  if (problem) {
    throw new UserError(problem);
  }
  const { fingerprint } = await importKeyPair(session, region, name, publicKey);
  const privateKey = publicKeyFile.replace(/\.pub$/, '');
  if (privateKey !== publicKeyFile && (await fs.stat(privateKey).then(() => true, () => false))) {
    await wb.keyFiles.set(session.profileName, region, name, privateKey);
  }
  wb.explorer.refresh(region, 'keyPairs');
  void vscode.window.showInformationMessage(vscode.l10n.t('Key pair {0} imported into {1}.', name, region));
  return { keyName: name, fingerprint };
}
