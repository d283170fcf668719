import * as vscode from 'vscode';
import { describeResource } from '../../core/aws/ec2/describeResource';
import { type Workbench } from '../../workbench';
import { commandInput, requireString } from '../commandInput';

export interface ShowDetailsArgs {
  region: string;
  resourceId: string;
}

/** Opens the describe-* result of a resource as read-only JSON (the lab's describe output, one click away). */
export async function showDetails(wb: Workbench, arg?: unknown): Promise<{ uri: vscode.Uri }> {
  const args = commandInput<ShowDetailsArgs>(arg, {
    fields: { region: 'string', resourceId: 'string' },
    fromNode: (n) => ({ region: n.region, resourceId: n.resourceId }),
  }).args;
  const region = requireString(args.region, 'region');
  const resourceId = requireString(args.resourceId, 'resourceId');
  const record = await describeResource(wb.sessions.session, region, resourceId);
  const uri = wb.details.uri(`/${region}/${resourceId}.json`);
  wb.details.set(uri, `${JSON.stringify(record, null, 2)}\n`);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true });
  return { uri };
}
