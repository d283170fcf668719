// Everything behind the activation entry (extension.ts): the tree, prices, sessions and every command
// handler. Bundled as dist/startWorkbench.js and required on first use (the view shown, a command run,
// the start-up reminder), so activating the extension evaluates none of it. Loads no AWS SDK and
// calls no AWS API by itself.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { commandRunners, type CommandRunner } from './commands/registerCommands';
import { DETAILS_SCHEME, DetailsDocuments } from './shared/detailsDocuments';
import { ExplorerProvider } from './explorer/explorerProvider';
import { type ExplorerNode } from './explorer/explorerNode';
import { CostService } from './costs/costService';
import { treeWithCosts } from './costs/treeWithCosts';
import { KeyFileRegistry } from './core/keys/keyFileRegistry';
import { CliChannel } from './shared/cliChannel';
import { createLog } from './shared/log';
import { LabProgress } from './shared/labProgress';
import { readSettings } from './shared/settings';
import { Prompter } from './shared/prompter';
import { createProfileStatusBar } from './shared/profileStatusBar';
import { SessionHolder } from './shared/sessionHolder';
import { type Workbench } from './workbench';

export interface StartedWorkbench {
  readonly wb: Workbench;
  /** What the activation entry's tree view shows (the explorer with its prices). */
  readonly tree: vscode.TreeDataProvider<ExplorerNode>;
  readonly commands: Readonly<Record<string, CommandRunner>>;
}

/** Builds the long-lived objects behind the tree view and the command ids the activation entry registered. */
export function startWorkbench(context: vscode.ExtensionContext, treeView: vscode.TreeView<ExplorerNode>): StartedWorkbench {
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
    treeView.onDidChangeVisibility((e) => explorer.setVisible(e.visible)),
    sessions.onDidChange(() => {
      explorer.refresh();
      lab.restore();
    }),
    explorer.onDidConnect(() => lab.mark('credentials')),
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details),
    createProfileStatusBar(sessions),
  );
  return { wb, tree: treeWithCosts(explorer, costs), commands: commandRunners(wb) };
}
