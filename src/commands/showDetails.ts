import * as vscode from 'vscode';
import { describeResource } from '../aws/describeResource';
import { Workbench } from '../workbench';
import { argsFrom, requireString } from './args';

export interface ShowDetailsArgs {
  region: string;
  resourceId: string;
}

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

/** Opens the describe-* result of a resource as read-only JSON (the lab's describe output, one click away). */
export async function showDetails(wb: Workbench, arg?: unknown): Promise<{ uri: vscode.Uri }> {
  const args = argsFrom<ShowDetailsArgs>(arg, (n) => ({ region: n.region, resourceId: n.resourceId }));
  const region = requireString(args.region, 'region');
  const resourceId = requireString(args.resourceId, 'resourceId');
  const record = await describeResource(wb.sessions.session, region, resourceId);
  const uri = wb.details.uri(`/${region}/${resourceId}.json`);
  wb.details.set(uri, `${JSON.stringify(record, null, 2)}\n`);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true });
  return { uri };
}
