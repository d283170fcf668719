import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { UserError } from '../../core/aws/session/errors';
import { checkPrivateKeyFile } from '../../core/keys/privateKeyFile';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../commandInput';
import { orAsk } from '../askOrUse';
import { ensureOwnerOnly } from './keyFilePermissions';

export interface LocatePrivateKeyArgs {
  region: string;
  name: string;
  keyFile: string;
  /** Restrict the file to mode 0600 when it is readable by others (asked when absent, interactively). */
  fixPermissions?: boolean;
}

/** Links a local private key file to a key pair created elsewhere, checking its permissions. */
export async function locatePrivateKeyCommand(wb: Workbench, arg?: unknown): Promise<{ keyFile: string }> {
  const { args, interactive } = commandInput<LocatePrivateKeyArgs>(arg, {
    fields: { region: 'string', name: 'string', keyFile: 'string', fixPermissions: 'boolean' },
    fromNode: regionAnd('name'),
  });
  const region = requireString(args.region, 'region');
  const name = requireString(args.name, 'name');
  const keyFile = await orAsk(args.keyFile, async () => {
    const uris = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Private key of {0}', name),
      defaultUri: vscode.Uri.file(path.join(os.homedir(), '.ssh')),
      filters: { [vscode.l10n.t('Private key')]: ['pem', 'key'], [vscode.l10n.t('All files')]: ['*'] },
    });
    return uris?.[0]?.fsPath;
  });
  const check = await checkPrivateKeyFile(keyFile).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(vscode.l10n.t('{0} cannot be read ({1}).', keyFile, error.code ?? ''));
  });
  if (!check.looksLikePrivateKey) {
    throw new UserError(
      vscode.l10n.t('{0} is not a private key in PEM format (the .pem file that AWS gave when the key pair was created).', keyFile),
    );
  }
  await ensureOwnerOnly(keyFile, check, interactive, args.fixPermissions);
  const session = wb.sessions.session;
  await wb.keyFiles.set(session.profileName, region, name, keyFile, 'located');
  wb.explorer.refresh(region, 'keyPairs');
  return { keyFile };
}
