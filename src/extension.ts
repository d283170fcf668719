import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { ExplorerProvider } from './explorer/explorerProvider';
import { createLog } from './shared/log';
import { createProfileStatusBar } from './shared/profileStatusBar';
import { SessionHolder } from './shared/sessionHolder';
import { Workbench } from './workbench';

/** Builds the long-lived objects and registers every feature. Loads no AWS SDK and calls no AWS API. */
export function activate(context: vscode.ExtensionContext): Workbench {
  const log = createLog();
  const sessions = new SessionHolder();
  const explorer = new ExplorerProvider(sessions, log);
  const wb: Workbench = { context, log, sessions, explorer };
  context.subscriptions.push(
    log,
    sessions,
    explorer,
    vscode.window.createTreeView('ec2Workbench.explorer', { treeDataProvider: explorer, showCollapseAll: true }),
    createProfileStatusBar(sessions),
    ...registerCommands(wb),
  );
  return wb;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
