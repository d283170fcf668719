import * as vscode from 'vscode';
import { UserError } from '../../aws/errors';
import { listInstances } from '../../aws/instances';
import {
  changeRegistration, createLoadBalancer, deleteLoadBalancer, healthCheckProblem, ListenerSpec, listLoadBalancers, loadBalancerNameProblem,
} from '../../aws/loadBalancers';
import { listSecurityGroups, listSubnets } from '../../aws/network';
import { Workbench } from '../../workbench';
import { commandInput, requireString } from '../args';
import { confirmOrCancel, orAsk, pickRegion } from '../prompts';
import { stateLabel } from '../../shared/stateLabel';

export interface CreateLoadBalancerArgs {
  region: string;
  name: string;
  subnetIds: string[];
  listeners?: ListenerSpec[];
  securityGroupIds?: string[];
  healthCheckTarget?: string;
}

const DEFAULT_LISTENER: ListenerSpec = { protocol: 'HTTP', loadBalancerPort: 80, instanceProtocol: 'HTTP', instancePort: 80 };

/** Creates a classic load balancer (default: HTTP 80 to 80, health check HTTP:80/). */
export async function createLoadBalancerCommand(wb: Workbench, arg?: unknown): Promise<{ dnsName: string }> {
  const { args, interactive } = commandInput<CreateLoadBalancerArgs>(arg);
  const title = vscode.l10n.t('Create Load Balancer');
  const session = wb.sessions.session;
  const region = await orAsk(args.region, () => pickRegion(wb, title));
  const existing = interactive ? (await listLoadBalancers(session, region)).map((lb) => lb.name) : [];
  const name = await orAsk(args.name, () =>
    vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Name (1 to 32 letters, digits, hyphens)'), value: 'lab-elb', validateInput: (v) => loadBalancerNameProblem(v) ?? (existing.includes(v) ? vscode.l10n.t('{0} already exists in {1}.', v, region) : undefined) }),
  );
  const nameProblem = loadBalancerNameProblem(name);
  if (nameProblem) {
    throw new UserError(nameProblem);
  }
  const subnetIds = await orAsk(args.subnetIds, async () => {
    const subnets = await listSubnets(session, region);
    const picks = await vscode.window.showQuickPick(
      subnets.map((s) => ({ label: s.availabilityZone ?? s.id, description: `${s.id} · ${s.cidr}`, picked: s.defaultForAz, id: s.id })),
      { title, placeHolder: vscode.l10n.t('Subnets, one per availability zone the instances run in'), canPickMany: true },
    );
    return picks?.map((p) => p.id);
  });
  if (!Array.isArray(subnetIds) || subnetIds.length === 0) {
    throw new UserError(vscode.l10n.t('Pick at least one subnet.'));
  }
  const securityGroupIds =
    args.securityGroupIds ??
    (interactive
      ? await orAsk(undefined, async () => {
          const groups = await listSecurityGroups(session, region);
          const pick = await vscode.window.showQuickPick(groups.map((g) => ({ label: g.name ?? g.id, description: g.id, detail: g.inbound.join(', '), id: g.id })), {
            title,
            placeHolder: vscode.l10n.t('Security group (it must let HTTP 80 in)'),
          });
          return pick ? [pick.id] : undefined;
        })
      : []);
  const healthCheckTarget = args.healthCheckTarget ?? 'HTTP:80/';
  const hcProblem = healthCheckProblem(healthCheckTarget);
  if (hcProblem) {
    throw new UserError(hcProblem);
  }
  const listeners = args.listeners ?? [DEFAULT_LISTENER];
  const dnsName = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating load balancer {0}…', name) }, () =>
    createLoadBalancer(session, region, { name, subnetIds, listeners, securityGroupIds, healthCheckTarget }),
  );
  wb.explorer.refresh(region, 'loadBalancers');
  void vscode.window.showInformationMessage(vscode.l10n.t('Load balancer {0} created: {1}. Register instances with it next.', name, dnsName));
  return { dnsName };
}

export interface RegistrationArgs {
  region: string;
  loadBalancerName: string;
  instanceIds: string[];
}

/** Registers or deregisters instances; only instances of the load balancer's VPC are offered. */
export function registrationCommand(register: boolean) {
  return async (wb: Workbench, arg?: unknown): Promise<void> => {
    const { args } = commandInput<RegistrationArgs>(arg, (n) => ({ region: n.region, loadBalancerName: n.resourceId }));
    const region = requireString(args.region, 'region');
    const name = requireString(args.loadBalancerName, 'loadBalancerName');
    const session = wb.sessions.session;
    const lb = (await listLoadBalancers(session, region)).find((l) => l.name === name);
    if (!lb) {
      throw new UserError(vscode.l10n.t('The load balancer {0} was not found in {1}.', name, region));
    }
    const instanceIds = await orAsk(args.instanceIds, async () => {
      const candidates = (await listInstances(session, region)).filter(
        (i) => i.state !== 'terminated' && (!lb.vpcId || i.vpcId === lb.vpcId) && lb.instanceIds.includes(i.id) !== register,
      );
      const picks = await vscode.window.showQuickPick(candidates.map((i) => ({ label: i.name ?? i.id, description: `${i.id} · ${i.availabilityZone} · ${stateLabel(i.state)}`, id: i.id })), {
        title: register ? vscode.l10n.t('Register with {0}', name) : vscode.l10n.t('Deregister from {0}', name),
        canPickMany: true,
      });
      return picks?.length ? picks.map((p) => p.id) : undefined;
    });
    if (!Array.isArray(instanceIds) || instanceIds.length === 0) {
      throw new UserError(vscode.l10n.t('Give at least one instance id.'));
    }
    await changeRegistration(session, region, name, instanceIds, register);
    wb.explorer.refresh(region, 'loadBalancers');
  };
}

export async function deleteLoadBalancerCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args } = commandInput<{ region: string; loadBalancerName: string; confirmed?: boolean }>(arg, (n) => ({ region: n.region, loadBalancerName: n.resourceId }));
  const region = requireString(args.region, 'region');
  const name = requireString(args.loadBalancerName, 'loadBalancerName');
  if (!args.confirmed) {
    await confirmOrCancel(vscode.l10n.t('Delete the load balancer {0}? The instances keep running.', name), vscode.l10n.t('Delete Load Balancer'));
  }
  await deleteLoadBalancer(wb.sessions.session, region, name);
  wb.explorer.refresh(region, 'loadBalancers');
}
