import type * as vscode from 'vscode';
import { type DetailsDocuments } from './shared/detailsDocuments';
import { type CostService } from './costs/costView';
import { type ExplorerNode } from './explorer/explorerNode';
import { type ExplorerProvider } from './explorer/explorerProvider';
import { type KeyFileRegistry } from './core/keys/keyFileRegistry';
import { type Log } from './shared/log';
import { type LabProgress } from './shared/labProgress';
import { type Prompter } from './shared/prompter';
import { type SessionHolder } from './shared/sessionHolder';

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
  readonly lab: LabProgress;
  /** On-demand prices of what is in view (tree, clean-up review, launch summary). */
  readonly costs: CostService;
  /**
   * For the benchmark: from the start of the bundle's evaluation to the end of activate(), the
   * bundle's evaluation alone, and activate() alone.
   */
  timing?: { sinceLoadStartMs: number; evaluationMs: number; activateMs: number; reminderCheckMs?: number };
}
