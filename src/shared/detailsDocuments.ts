import * as vscode from 'vscode';

export const DETAILS_SCHEME = 'ec2-workbench';

/** Read-only documents holding describe-* results, by URI. */
export class DetailsDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private version = 0;

  /** A new URI for each showing, so an open tab never shows stale content. */
  uri(path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: DETAILS_SCHEME, path, query: `v${++this.version}` });
  }

  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, content: string): void {
    this.contents.set(uri.toString(), content);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}
