import * as vscode from 'vscode';
import * as ui from '../shared/ui';
import { describeError, isCancellation } from '../core/aws/session/errors';
import { plainMessage } from '../core/text/plainText';
import { isResourceNode } from '../explorer/resourceNode';
import { type Workbench } from '../workbench';
import { type CommandId } from './commandIds';
import { isTreeNode } from './commandInput';

/**
 * The one error funnel of every command: cancellation is silent; anything else is shown as one
 * readable sentence with a "Show Log" action and logged in full. It is rethrown with that sentence
 * only to a caller that passed an argument object (a test, a task, another extension), which gets
 * the same message the user saw. Run from the UI (the palette, a menu on a tree item, a
 * walkthrough button: no argument or a tree node) the command resolves, so VS Code does not add a
 * second, raw "Error running command..." notification in English. The activation entry (extension.ts)
 * registers the ids; this runs behind them once the workbench is loaded.
 */
export function commandRunner<A, R>(
  wb: Workbench,
  id: CommandId,
  handler: (wb: Workbench, args?: A, ...more: unknown[]) => Promise<R>,
): (args?: A, ...more: unknown[]) => Promise<R | undefined> {
  return async (args?: A, ...more: unknown[]) => {
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
      if (passedArgumentObject(args)) {
        throw new Error(plainMessage(message), { cause: error });
      }
      return undefined;
    }
  };
}

/** True for a plain argument object, false for nothing or a tree node (what the UI passes). */
export function passedArgumentObject(args: unknown): boolean {
  return typeof args === 'object' && args !== null && !Array.isArray(args) && !isResourceNode(args) && !isTreeNode(args);
}

/**
 * Runs another command on behalf of the user (a notification's button): its failure has been
 * shown and logged by the funnel already, so it is not thrown again.
 */
export async function runForUser(id: string, args: object): Promise<void> {
  await vscode.commands.executeCommand(id, args).then(undefined, () => undefined);
}
