import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { type KeyFileCheck, restrictPermissions, tildify } from '../../core/keys/privateKeyFile';
import { advise } from '../askOrUse';

/**
 * The one place that deals with a private key ssh would refuse for its mode (readable by others):
 * restricted when `fix` says so; else asked once in a modal (interactive); else advice that does
 * not block.
 */
export async function ensureOwnerOnly(keyFile: string, check: KeyFileCheck, interactive: boolean, fix?: boolean): Promise<void> {
  if (!check.tooOpen) {
    return;
  }
  const mode = check.mode.toString(8);
  if (fix === undefined && interactive) {
    const restrict = vscode.l10n.t('Restrict to 600');
    const question = vscode.l10n.t('{0} can be read by other users (mode {1}); ssh refuses to use such a key.', tildify(keyFile), mode);
    fix = (await ui.showWarningMessage(question, { modal: true }, restrict)) === restrict;
  }
  if (fix) {
    await restrictPermissions(keyFile);
  } else {
    advise(
      vscode.l10n.t('{0} can be read by other users (mode {1}); ssh will refuse it until you run chmod 600 on it.', tildify(keyFile), mode),
    );
  }
}
