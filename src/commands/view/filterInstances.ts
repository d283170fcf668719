import * as vscode from 'vscode';
import { parseInstanceFilter } from '../../core/aws/ec2/instances';
import { type Workbench } from '../../workbench';
import { commandInput } from '../commandInput';

export interface FilterArgs {
  /** `web`, `state:running`, `env=prod`, or several separated by spaces; empty clears. */
  filter?: string;
}

/** Filters the instances shown by name or id, state, or tag; the filter shows in the view's description. */
export async function filterInstances(wb: Workbench, arg?: unknown): Promise<{ filter: string } | undefined> {
  const { args } = commandInput<FilterArgs>(arg, { fields: { filter: 'string' }, fromTreeNode: () => ({}) });
  let text = args.filter;
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Instances'),
      value: (wb.treeView.description as string | undefined) ?? '',
      prompt: vscode.l10n.t('Name or id, state:running, or a tag as key=value. Leave empty to show all.'),
      placeHolder: vscode.l10n.t('web state:running env=lab'),
    });
    if (text === undefined) {
      return undefined;
    }
  }
  text = text.trim();
  wb.explorer.setFilter(text ? parseInstanceFilter(text) : undefined);
  wb.treeView.description = text ? vscode.l10n.t('Filter: {0}', text) : undefined;
  await vscode.commands.executeCommand('setContext', 'ec2Workbench.filtered', !!text);
  return { filter: text };
}

export async function clearFilter(wb: Workbench): Promise<void> {
  await filterInstances(wb, { filter: '' });
}
