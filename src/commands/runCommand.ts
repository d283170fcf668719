import * as vscode from 'vscode';
import * as ui from '../shared/ui';
import { describeError, isCancellation } from '../aws/errors';
import { plainMessage } from '../aws/plainText';
import { type Workbench } from '../workbench';

/**
 * The one error funnel of every command: cancellation is silent; anything else is shown as one
 * readable sentence with a "Show Log" action, logged in full, and rethrown with that sentence so
 * a caller of executeCommand gets the same message the user saw.
 */
export function registerCommand<A, R>(
  wb: Workbench,
  id: string,
  handler: (wb: Workbench, args?: A, ...more: unknown[]) => Promise<R>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (args?: A, ...more: unknown[]) => {
    try {
      const result = await handler(wb, args, ...more);
      wb.lab.commandSucceeded(id, result);
      return result;
    } catch (error) {
      if (isCancellation(error)) {
        return undefined;
      }
      const region = typeof (args as { region?: unknown })?.region === 'string' ? (args as { region: string }).region : undefined;
      const message = describeError(error, await wb.sessions.session.errorContext(region));
      wb.log.error(`${id} failed: ${message}`, error);
      const showLog = vscode.l10n.t('Show Log');
      void ui.showErrorMessage(message, showLog).then((choice) => {
        if (choice === showLog) {
          wb.log.show();
        }
      });
      // VS Code shows a rejected menu command's message too ("Error running command…"): as text as well.
      throw new Error(plainMessage(message), { cause: error });
    }
  });
}
