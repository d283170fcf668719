import * as vscode from 'vscode';
import { UserError } from '../../core/aws/session/errors';
import { type ResourceRef } from '../../explorer/resourceNode';
import { type Workbench } from '../../workbench';
import { commandInput } from '../commandInput';

type Field = 'resourceId' | 'publicDnsName' | 'publicIp' | 'arn';

/** The sentence when a node lacks the value, in the display language (whole sentences, not a noun slotted in). */
const missing: Record<Field, () => string> = {
  resourceId: () => vscode.l10n.t('This resource has no id.'),
  publicDnsName: () => vscode.l10n.t('This resource has no public DNS name.'),
  publicIp: () => vscode.l10n.t('This resource has no public IP address.'),
  arn: () => vscode.l10n.t('This resource has no ARN.'),
};

/** Copy actions of the tree: id, public DNS, public IP, ARN. Takes the node, or `{ value }`. */
export function copyCommand(field: Field) {
  return async (_wb: Workbench, arg?: unknown): Promise<{ value: string }> => {
    const { args, node } = commandInput<{ value: string }>(arg, { fields: { value: 'string' } });
    const value = node ? (node as Partial<ResourceRef>)[field] : args.value;
    if (!value) {
      throw new UserError(missing[field]());
    }
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', value), 3000);
    return { value };
  };
}
