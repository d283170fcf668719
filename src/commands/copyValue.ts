import * as vscode from 'vscode';
import { UserError } from '../aws/errors';
import { ResourceRef } from '../explorer/resourceNode';
import { Workbench } from '../workbench';
import { nodeFrom } from './args';

type Field = 'resourceId' | 'publicDnsName' | 'publicIp' | 'arn';

const names: Record<Field, string> = {
  resourceId: 'id',
  publicDnsName: 'public DNS name',
  publicIp: 'public IP address',
  arn: 'ARN',
};

/** Copy actions of the tree: id, public DNS, public IP, ARN. Takes the node, or `{ value }`. */
export function copyCommand(field: Field) {
  return async (_wb: Workbench, arg?: unknown): Promise<{ value: string }> => {
    const node: Partial<ResourceRef> | undefined = nodeFrom(arg);
    const value = node ? node[field] : (arg as { value?: string } | undefined)?.value;
    if (!value) {
      throw new UserError(vscode.l10n.t('This resource has no {0}.', names[field]));
    }
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', value), 3000);
    return { value };
  };
}
