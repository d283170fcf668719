import * as vscode from 'vscode';
import { UserError } from '../../core/aws/session/errors';
import { type Workbench } from '../../workbench';
import { launchInstanceCommand } from './launchInstance';

/** Editor-title action: the wizard with this tab as user-data. */
export async function launchWithUserDataCommand(wb: Workbench, arg?: unknown): Promise<unknown> {
  const target = (arg instanceof vscode.Uri ? arg : undefined) ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    throw new UserError(vscode.l10n.t('Open the user-data script in an editor first.'));
  }
  // `interactive: true`: the wizard opens with the user-data step filled.
  // Run directly: a failure is reported once (by this command's funnel), not twice.
  return launchInstanceCommand(wb, { userDataUri: target.toString(), interactive: true });
}
