import type * as vscode from 'vscode';
import { type DetailsDocuments } from './shared/detailsDocuments';
import { type CostService } from './costs/costService';
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
  /** What the start-up reminder last showed, set when it shows (tests and screenshots read it). */
  lastReminder?: { readonly message: string; readonly instanceIds: readonly string[] };
}

/** Figures for the benchmark (milliseconds). */
export interface ActivationTiming {
  /** From the start of dist/extension.js's evaluation to the end of activate(). */
  sinceLoadStartMs: number;
  /** The activation bundle's evaluation alone, and activate() alone. */
  evaluationMs: number;
  activateMs: number;
  /** The start-up reminder's check (a read of the extension's global state). */
  reminderCheckMs: number;
  /** Requiring dist/startWorkbench.js and building the workbench, once it is first used. */
  startWorkbenchMs?: number;
}

/** What activate() returns (the extension's exports): the workbench itself loads on first use. */
export interface Activation {
  readonly timing: ActivationTiming;
  /** Whether the workbench (tree, prices, commands) is loaded yet. */
  isLoaded(): boolean;
  /** Loads the workbench if needed (tests and benchmarks; the UI loads it by using it). */
  workbench(): Promise<Workbench>;
}
