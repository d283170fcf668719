import * as vscode from 'vscode';
import { DetailsDocuments } from './commands/showDetails';
import { ExplorerNode } from './explorer/explorerNode';
import { ExplorerProvider } from './explorer/explorerProvider';
import { KeyFileRegistry } from './keys/keyFileRegistry';
import { Log } from './shared/log';
import { Prompter } from './shared/prompter';
import { SessionHolder } from './shared/sessionHolder';

/** The few long-lived objects that commands work with (also what activate() returns, for tests). */
export interface Workbench {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly sessions: SessionHolder;
  readonly explorer: ExplorerProvider;
  readonly treeView: vscode.TreeView<ExplorerNode>;
  readonly keyFiles: KeyFileRegistry;
  readonly details: DetailsDocuments;
  readonly prompter: Prompter;
  /**
   * For the benchmark: from the start of the bundle's evaluation to the end of activate(), the
   * bundle's evaluation alone, and activate() alone.
   */
  timing?: { sinceLoadStartMs: number; evaluationMs: number; activateMs: number };
}
