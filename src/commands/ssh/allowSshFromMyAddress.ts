import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { CancelledError, UserError } from '../../core/aws/session/errors';
import { type Ec2Instance, getInstance } from '../../core/aws/ec2/instances';
import { allowSshFrom, lookUpPublicAddress, sshAllowedFrom } from '../../core/ssh/sshAccess';
import { readSettings } from '../../shared/settings';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../commandInput';
import { advise } from '../askOrUse';

export interface AllowSshArgs {
  region: string;
  instanceId: string;
  /** The address to allow; looked up (ec2Workbench.ssh.addressLookupUrl) when absent. */
  address?: string;
}

function lookupUrl(): string {
  return readSettings().ssh.addressLookupUrl;
}

/** Adds an inbound rule for TCP 22 from the user's public address /32 to the instance's first security group. */
export async function allowSshFromMyAddressCommand(wb: Workbench, arg?: unknown): Promise<{ groupId: string; cidr: string }> {
  const { args } = commandInput<AllowSshArgs>(arg, {
    fields: { region: 'string', instanceId: 'string', address: 'string' },
    fromNode: regionAnd('instanceId'),
  });
  const region = requireString(args.region, 'region');
  const instanceId = requireString(args.instanceId, 'instanceId');
  const instance = await getInstance(wb.sessions.session, region, instanceId);
  const address = args.address ?? (await lookUpPublicAddress(lookupUrl()));
  const groupId = instance.securityGroups[0]?.id;
  if (!groupId) {
    throw new UserError(vscode.l10n.t('{0} has no security group to add a rule to.', instance.id));
  }
  const cidr = `${address}/32`;
  await allowSshFrom(wb.sessions.session, region, groupId, cidr);
  wb.explorer.refresh(region, 'securityGroups');
  void ui.showInformationMessage(vscode.l10n.t('SSH (TCP 22) is now allowed from {0} in {1}.', cidr, groupId));
  return { groupId, cidr };
}

/**
 * Before connecting: if no security group of the instance lets TCP 22 in from this machine, say so
 * and (interactively) offer to add the rule. Never blocks a call made with arguments.
 */
export async function checkPort22(wb: Workbench, instance: Ec2Instance, interactive: boolean): Promise<void> {
  let address: string;
  try {
    address = await lookUpPublicAddress(lookupUrl());
  } catch (error) {
    wb.log.warn(`Port 22 check skipped: ${(error as Error).message}`);
    return;
  }
  const groups = instance.securityGroups.map((g) => g.id);
  if (await sshAllowedFrom(wb.sessions.session, instance.region, groups, address)) {
    return;
  }
  const message = vscode.l10n.t(
    'Port 22 is closed to your address {0}: no security group of {1} lets SSH in from it, so the connection will time out.',
    address,
    instance.name ?? instance.id,
  );
  if (!interactive) {
    advise(message);
    return;
  }
  const allow = vscode.l10n.t('Allow SSH from My Address');
  const anyway = vscode.l10n.t('Connect Anyway');
  const choice = await ui.showWarningMessage(
    message,
    { modal: true, detail: vscode.l10n.t('Adds an inbound rule tcp 22 from {0}/32.', address) },
    allow,
    anyway,
  );
  if (choice === allow) {
    await allowSshFromMyAddressCommand(wb, { region: instance.region, instanceId: instance.id, address });
  } else if (choice !== anyway) {
    throw new CancelledError(); // Cancel means do not connect.
  }
}
