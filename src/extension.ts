import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { DETAILS_SCHEME, DetailsDocuments } from './shared/detailsDocuments';
import { ExplorerProvider } from './explorer/explorerProvider';
import { CostService, treeWithCosts } from './costs/costView';
import { KeyFileRegistry } from './core/keys/keyFileRegistry';
import { CliChannel } from './shared/cliChannel';
import { createLog } from './shared/log';
import { LabProgress } from './shared/labProgress';
import { readSettings } from './shared/settings';
import { Prompter } from './shared/prompter';
import { createProfileStatusBar } from './shared/profileStatusBar';
import { SessionHolder } from './shared/sessionHolder';
import { type Workbench } from './workbench';
import { hasLabInstances } from './core/aws/ec2/labInstances';

/** Builds the long-lived objects and registers every feature. Loads no AWS SDK and calls no AWS API. */
export function activate(context: vscode.ExtensionContext): Workbench {
  const activateStart = performance.now();
  // The VS Code-free core (src/core) translates through @vscode/l10n: hand it
  // the same bundle VS Code loaded for the display language (none in English).
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const log = createLog();
  const cli = new CliChannel();
  const sessions = new SessionHolder(cli);
  const keyFiles = new KeyFileRegistry(context.globalState);
  const explorer = new ExplorerProvider(sessions, log, keyFiles, context.globalState);
  const costs = new CostService(sessions, explorer, log, context.globalStorageUri.fsPath);
  const treeView = vscode.window.createTreeView('ec2Workbench.explorer', {
    treeDataProvider: treeWithCosts(explorer, costs),
    showCollapseAll: true,
    canSelectMany: true,
  });
  const details = new DetailsDocuments();
  const prompter = new Prompter();
  const lab = new LabProgress(context.globalState, () => readSettings().profile);
  const wb: Workbench = { context, log, sessions, explorer, treeView, keyFiles, details, prompter, lab, costs };
  explorer.setVisible(treeView.visible);
  context.subscriptions.push(
    log,
    cli,
    sessions,
    explorer,
    costs,
    prompter,
    treeView,
    treeView.onDidChangeVisibility((e) => explorer.setVisible(e.visible)),
    sessions.onDidChange(() => {
      explorer.refresh();
      lab.restore();
    }),
    explorer.onDidConnect(() => lab.mark('credentials')),
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details),
    createProfileStatusBar(sessions),
    ...registerCommands(wb),
  );
  // Issue #31: instances launched from here may still run. One in-memory read when there are none
  // (no AWS call, no bundle loaded); else the reminder runs once the window has settled.
  const reminderStart = performance.now();
  if (hasLabInstances(context.globalState)) {
    const timer = setTimeout(() => void vscode.commands.executeCommand('ec2Workbench.remindRunning'), 3_000);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  const reminderCheckMs = performance.now() - reminderStart;
  const marks = globalThis as { __ec2WorkbenchLoadStart?: number; __ec2WorkbenchLoadEnd?: number };
  const now = performance.now();
  wb.timing = {
    sinceLoadStartMs: now - (marks.__ec2WorkbenchLoadStart ?? now),
    evaluationMs: (marks.__ec2WorkbenchLoadEnd ?? now) - (marks.__ec2WorkbenchLoadStart ?? now),
    activateMs: now - activateStart,
    reminderCheckMs,
  };
  return wb;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
