import * as vscode from 'vscode';

/** The extension's one log channel ("EC2 Workbench" in the Output view). Never give it secrets. */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('EC2 Workbench', { log: true });
}
