import * as vscode from 'vscode';
import { UserError } from '../../aws/errors';
import { listInstances } from '../../aws/instances';
import {
  changeRegistration,
  type ClassicLoadBalancer,
  createLoadBalancer,
  createLoadBalancerCli,
  deleteLoadBalancer,
  healthCheckProblem,
  type ListenerSpec,
  listLoadBalancers,
  loadBalancerNameProblem,
} from '../../aws/loadBalancers';
import { admits, listSecurityGroups, listSubnets } from '../../aws/network';
import { BACK } from '../../shared/prompter';
import { runWizard, step } from '../../shared/wizard';
import { type Workbench } from '../../workbench';
import { commandInput, regionAnd, requireName, requireString } from '../args';
import { askRegion, confirmOrCancel } from '../prompts';
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
  const { args, interactive } = commandInput<CreateLoadBalancerArgs>(arg, {
    fields: {
      region: 'string',
      name: 'string',
      subnetIds: 'string[]',
      listeners: 'object[]',
      securityGroupIds: 'string[]',
      healthCheckTarget: 'string',
    },
  });
  const session = wb.sessions.session;
  const ctx: Partial<CreateLoadBalancerArgs> = { ...args };
  const existing: string[] = [];
  const spec = (c: Partial<CreateLoadBalancerArgs>) => ({
    name: c.name!,
    subnetIds: c.subnetIds ?? [],
    listeners: c.listeners ?? [DEFAULT_LISTENER],
    securityGroupIds: c.securityGroupIds,
    healthCheckTarget: c.healthCheckTarget ?? 'HTTP:80/',
  });
  await runWizard(
    wb.prompter,
    vscode.l10n.t('Create Load Balancer'),
    ctx,
    [
      step('region', (c, at) => askRegion(wb, c, at)),
      step('name', async (c, at) => {
        const loading = listLoadBalancers(session, c.region!).then((lbs) =>
          existing.splice(0, existing.length, ...lbs.map((lb) => lb.name)),
        );
        const v = await wb.prompter.input({
          ...at,
          prompt: vscode.l10n.t('Name (1 to 32 letters, digits, hyphens)'),
          value: c.name ?? 'lab-elb',
          validate: (n) =>
            loadBalancerNameProblem(n) ?? (existing.includes(n) ? vscode.l10n.t('{0} already exists in {1}.', n, c.region!) : undefined),
          busyWhile: loading,
        });
        if (v === BACK) return BACK;
        c.name = v;
      }),
      step('subnetIds', async (c, at) => {
        const items = listSubnets(session, c.region!).then((subnets) =>
          subnets.map((s) => ({
            label: s.availabilityZone ?? s.id,
            description: `${s.id} · ${s.cidr}`,
            detail: s.vpcId,
            value: s.id,
            defaultForAz: s.defaultForAz,
          })),
        );
        const defaults = (await items).filter((i) => i.defaultForAz).map((i) => i.value);
        const v = await wb.prompter.pickMany<string>({
          ...at,
          placeholder: vscode.l10n.t('Subnets, one per availability zone the instances run in'),
          items,
          picked: (id) => (c.subnetIds ?? defaults).includes(id),
          validate: (ids) => (ids.length === 0 ? vscode.l10n.t('Pick at least one subnet.') : undefined),
        });
        if (v === BACK) return BACK;
        c.subnetIds = v;
      }),
      step(
        'securityGroupIds',
        async (c, at) => {
          const subnets = await listSubnets(session, c.region!);
          const vpcId = subnets.find((s) => s.id === c.subnetIds?.[0])?.vpcId;
          const groups = (await listSecurityGroups(session, c.region!)).filter((g) => !vpcId || g.vpcId === vpcId);
          // The group that lets HTTP in from everyone comes preselected: with the VPC's default group
          // (nothing in from the internet) the load test would hang.
          const open = groups.find((g) => admits(g.raw.IpPermissions, 80));
          const v = await wb.prompter.pick<string>({
            ...at,
            placeholder: vscode.l10n.t('Security group (it must let HTTP 80 in)'),
            items: groups.map((g) => ({
              label: `${admits(g.raw.IpPermissions, 80) ? '$(pass) ' : ''}${g.name ?? g.id}`,
              description: g.id,
              detail: g.inbound.join(', ') || vscode.l10n.t('no inbound rule: nothing can reach the instance'),
              value: g.id,
            })),
            active: (id) => id === (c.securityGroupIds?.[0] ?? open?.id),
          });
          if (v === BACK) return BACK;
          c.securityGroupIds = [v];
        },
        true,
      ),
    ],
    {
      interactive,
      summary: {
        action: vscode.l10n.t('$(add) Create Load Balancer'),
        describe: (c) =>
          [
            `${c.name} · ${c.region}`,
            vscode.l10n.t('HTTP 80 to port 80, health check {0}', c.healthCheckTarget ?? 'HTTP:80/'),
            (c.subnetIds ?? []).join(' '),
            (c.securityGroupIds ?? []).join(' ') || vscode.l10n.t('default security group'),
          ].join(' · '),
        cli: (c) => createLoadBalancerCli(c.region!, spec(c), session.profileName),
      },
    },
  );
  const region = requireString(ctx.region, 'region');
  const name = requireName(ctx.name, 'name');
  const nameProblem = loadBalancerNameProblem(name);
  if (nameProblem) {
    throw new UserError(nameProblem);
  }
  if (!Array.isArray(ctx.subnetIds) || ctx.subnetIds.length === 0) {
    throw new UserError(vscode.l10n.t('Pick at least one subnet.'));
  }
  const hcProblem = healthCheckProblem(spec(ctx).healthCheckTarget);
  if (hcProblem) {
    throw new UserError(hcProblem);
  }
  const dnsName = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating load balancer {0}…', name) },
    () => createLoadBalancer(session, region, spec(ctx)),
  );
  wb.explorer.refresh(region, 'loadBalancers');
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Load balancer {0} created: {1}. Register instances with it next.', name, dnsName),
  );
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
    const { args, interactive } = commandInput<RegistrationArgs>(arg, {
      fields: { region: 'string', loadBalancerName: 'string', instanceIds: 'string[]' },
      fromNode: regionAnd('loadBalancerName'),
    });
    const session = wb.sessions.session;
    const ctx: Partial<RegistrationArgs> = { ...args };
    const title = register ? vscode.l10n.t('Register Instances') : vscode.l10n.t('Deregister Instances');
    await runWizard(
      wb.prompter,
      title,
      ctx,
      [
        step('region', (c, at) => askRegion(wb, c, at)),
        step('loadBalancerName', async (c, at) => {
          const items = listLoadBalancers(session, c.region!).then((lbs) =>
            lbs.map((lb) => ({ label: lb.name, description: lb.dnsName, value: lb.name })),
          );
          const v = await wb.prompter.pick<string>({
            ...at,
            placeholder: vscode.l10n.t('Load balancer'),
            items,
            active: (n) => n === c.loadBalancerName,
          });
          if (v === BACK) return BACK;
          c.loadBalancerName = v;
        }),
        step('instanceIds', async (c, at) => {
          const lb = await findLoadBalancer(wb, c.region!, c.loadBalancerName!);
          const items = listInstances(session, c.region!).then((all) =>
            all
              .filter((i) => i.state !== 'terminated' && (!lb.vpcId || i.vpcId === lb.vpcId) && lb.instanceIds.includes(i.id) !== register)
              .map((i) => ({
                label: i.name ?? i.id,
                description: `${i.id} · ${i.availabilityZone} · ${stateLabel(i.state)}`,
                value: i.id,
              })),
          );
          const v = await wb.prompter.pickMany<string>({
            ...at,
            placeholder: register
              ? vscode.l10n.t('Instances to register with {0}', lb.name)
              : vscode.l10n.t('Instances to deregister from {0}', lb.name),
            items,
            picked: (id) => (c.instanceIds ?? []).includes(id),
            validate: (ids) => (ids.length === 0 ? vscode.l10n.t('Tick at least one instance.') : undefined),
          });
          if (v === BACK) return BACK;
          c.instanceIds = v;
        }),
      ],
      { interactive },
    );
    const region = requireString(ctx.region, 'region');
    const name = requireString(ctx.loadBalancerName, 'loadBalancerName');
    await findLoadBalancer(wb, region, name);
    if (!Array.isArray(ctx.instanceIds) || ctx.instanceIds.length === 0) {
      throw new UserError(vscode.l10n.t('Give at least one instance id.'));
    }
    await changeRegistration(session, region, name, ctx.instanceIds, register);
    wb.explorer.refresh(region, 'loadBalancers');
  };
}

async function findLoadBalancer(wb: Workbench, region: string, name: string): Promise<ClassicLoadBalancer> {
  const lb = (await listLoadBalancers(wb.sessions.session, region)).find((l) => l.name === name);
  if (!lb) {
    throw new UserError(vscode.l10n.t('The load balancer {0} was not found in {1}.', name, region));
  }
  return lb;
}

export async function deleteLoadBalancerCommand(wb: Workbench, arg?: unknown): Promise<void> {
  const { args } = commandInput<{ region: string; loadBalancerName: string; confirmed?: boolean }>(arg, {
    fields: { region: 'string', loadBalancerName: 'string', confirmed: 'boolean' },
    fromNode: regionAnd('loadBalancerName'),
  });
  const region = requireString(args.region, 'region');
  const name = requireString(args.loadBalancerName, 'loadBalancerName');
  if (!args.confirmed) {
    await confirmOrCancel(
      vscode.l10n.t('Delete the load balancer {0}? The instances keep running.', name),
      vscode.l10n.t('Delete Load Balancer'),
    );
  }
  await deleteLoadBalancer(wb.sessions.session, region, name);
  wb.explorer.refresh(region, 'loadBalancers');
}
