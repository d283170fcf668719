import * as vscode from 'vscode';
import { CancelledError, UserError } from '../../aws/errors';
import { userDataTemplates, type TemplateId } from '../../userData/templates';
import { type Workbench } from '../../workbench';
import { commandInput } from '../args';
import { launchInstanceCommand } from './launchInstance/index';

/** Opens an untitled editor tab with a user-data template, where the user edits the script. */
export async function newUserDataCommand(_wb: Workbench, arg?: unknown): Promise<{ uri: vscode.Uri }> {
  let id = commandInput<{ template: TemplateId }>(arg, { fields: { template: 'string' } }).args.template;
  if (id === undefined) {
    const pick = await vscode.window.showQuickPick(
      userDataTemplates().map((t) => ({ label: t.label, detail: t.detail, id: t.id })),
      { title: vscode.l10n.t('New User-Data Script'), placeHolder: vscode.l10n.t('Template') },
    );
    if (!pick) {
      throw new CancelledError();
    }
    id = pick.id;
  }
  const template = userDataTemplates().find((t) => t.id === id);
  if (!template) {
    throw new UserError(vscode.l10n.t('Unknown template "{0}": use node-pm2, nginx-instance-id or cloud-config.', String(id)));
  }
  const doc = await vscode.workspace.openTextDocument({ language: template.language, content: template.text });
  await vscode.window.showTextDocument(doc);
  return { uri: doc.uri };
}

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
