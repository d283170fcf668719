// Delete Load Balancer, either type. An application load balancer goes with its listeners; its
// target groups are offered for deletion too (they cost nothing, but clutter the account).
import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { deleteApplicationLoadBalancer, deleteTargetGroup, listTargetGroups } from '../../core/aws/elb/applicationLoadBalancers';
import { UserError } from '../../core/aws/session/errors';
import { deleteLoadBalancer, findAnyLoadBalancer } from '../../core/aws/elb/classicLoadBalancers';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireString } from '../commandInput';
import { confirmOrCancel } from '../askOrUse';

export interface DeleteLoadBalancerArgs {
  region: string;
  loadBalancerName: string;
  confirmed?: boolean;
  /** An application load balancer's target groups: deleted too when true, kept when false, asked when absent (interactively). */
  deleteTargetGroups?: boolean;
}

export async function deleteLoadBalancerCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args, interactive } = commandInput<DeleteLoadBalancerArgs>(arg, {
    fields: { region: 'string', loadBalancerName: 'string', confirmed: 'boolean', deleteTargetGroups: 'boolean' },
    fromNode: regionAnd('loadBalancerName'),
  });
  const region = requireString(args.region, 'region');
  const name = requireString(args.loadBalancerName, 'loadBalancerName');
  const session = wb.sessions.session;
  const lb = await findAnyLoadBalancer(session, region, name);
  if (!lb) {
    throw new UserError(vscode.l10n.t('The load balancer {0} was not found in {1}.', name, region));
  }
  if (lb.type === 'classic') {
    if (!args.confirmed) {
      await confirmOrCancel(
        vscode.l10n.t('Delete the load balancer {0}? The instances keep running.', name),
        vscode.l10n.t('Delete Load Balancer'),
      );
    }
    await deleteLoadBalancer(session, region, name);
    wb.explorer.refresh(region, 'loadBalancers');
    return;
  }
  const groups = (await listTargetGroups(session, region, lb.arn)).filter((g) => g.loadBalancerArns.every((arn) => arn === lb.arn));
  if (!args.confirmed) {
    await confirmOrCancel(
      vscode.l10n.t('Delete the application load balancer {0} and its listeners? The instances keep running.', name),
      vscode.l10n.t('Delete Load Balancer'),
    );
  }
  await deleteApplicationLoadBalancer(session, region, lb.arn);
  wb.explorer.refresh(region, 'loadBalancers');
  let deleteGroups = args.deleteTargetGroups;
  if (deleteGroups === undefined && interactive && groups.length) {
    const remove = vscode.l10n.t('Delete Target Groups');
    const choice = await ui.showWarningMessage(
      vscode.l10n.t('{0} is deleted. Delete its target groups too?', name),
      { modal: true, detail: groups.map((g) => `• ${g.name}`).join('\n') },
      remove,
    );
    deleteGroups = choice === remove;
  }
  if (deleteGroups) {
    for (const g of groups) {
      await deleteTargetGroup(session, region, g.arn);
    }
  } else if (groups.length) {
    wb.log.info(`Target groups kept after deleting ${name}: ${groups.map((g) => g.name).join(', ')}`);
  }
}
