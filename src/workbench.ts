import * as vscode from 'vscode';
import { ExplorerProvider } from './explorer/explorerProvider';
import { Log } from './shared/log';
import { SessionHolder } from './shared/sessionHolder';

/** The few long-lived objects that commands work with. */
export interface Workbench {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly sessions: SessionHolder;
  readonly explorer: ExplorerProvider;
}
