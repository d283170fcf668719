import * as vscode from 'vscode';
import { consoleOutput } from '../../core/aws/ec2/launch';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd } from '../commandInput';
import { orAsk, pickInstance } from '../askOrUse';

/** GetConsoleOutput in a read-only editor: how to see what a user-data script did at boot. */
export async function showConsoleOutputCommand(wb: Workbench, arg?: unknown): Promise<{ uri: vscode.Uri }> {
  const { args } = commandInput<{ region: string; instanceId: string }>(arg, {
    fields: { region: 'string', instanceId: 'string' },
    fromNode: regionAnd('instanceId'),
  });
  const target =
    args.region && args.instanceId
      ? { region: args.region, instanceId: args.instanceId }
      : await orAsk(undefined, () => pickInstance(wb, vscode.l10n.t('Show Console Output')));
  const text = await consoleOutput(wb.sessions.session, target.region, target.instanceId);
  const uri = wb.details.uri(`/${target.region}/${target.instanceId}-console.log`);
  wb.details.set(uri, text || vscode.l10n.t('(No console output yet: AWS publishes it a few minutes after boot.)\n'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  return { uri };
}
