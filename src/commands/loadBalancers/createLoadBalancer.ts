// Create Load Balancer: the type first (Application recommended, Classic as in the lab), then what
// that type needs, a check that the internet can reach the listener, and a summary with the `aws`
// lines. Nothing is created before the summary is confirmed.
import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { freeName } from '../../core/aws/ec2/names';
import {
  type ApplicationLoadBalancerSpec,
  createApplicationLoadBalancer,
  createApplicationLoadBalancerCli,
  healthCheckPathProblem,
  portProblem,
  subnetZonesProblem,
  targetGroupNameProblem,
} from '../../core/aws/elb/applicationLoadBalancers';
import { cliLine } from '../../core/aws/session/cliTranscript';
import { UserError } from '../../core/aws/session/errors';
import {
  allowFromEveryone,
  allowFromEveryoneInput,
  balancerIngress,
  createOpenGroup,
  createOpenGroupInput,
  openGroupName,
} from '../../core/aws/elb/loadBalancerAccess';
import {
  createLoadBalancer,
  createLoadBalancerCli,
  healthCheckProblem,
  type ListenerSpec,
  listAllLoadBalancers,
  loadBalancerNameProblem,
} from '../../core/aws/elb/classicLoadBalancers';
import { admits, type Ec2Subnet, listSecurityGroups, listSubnets } from '../../core/aws/ec2/network';
import { BACK } from '../../shared/prompter';
import { runWizard, step, type WizardStep } from '../../shared/wizard';
import { type Workbench } from '../../workbench';
import { commandInput, requireName, requireString } from '../commandInput';
import { advise, askRegion } from '../askOrUse';

export interface TargetGroupArgs {
  name?: string;
  port?: number;
  healthCheckPath?: string;
}

export interface CreateLoadBalancerArgs {
  region: string;
  name: string;
  type?: 'classic' | 'application';
  subnetIds: string[];
  listeners?: ListenerSpec[];
  securityGroupIds?: string[];
  healthCheckTarget?: string;
  targetGroup?: TargetGroupArgs;
}

/** The wizard's answers: the arguments, and what to do about a group that keeps the internet out. */
interface CreateContext extends Partial<CreateLoadBalancerArgs> {
  /** ok: the groups admit the listener port; new: create "HTTP 80 from everyone"; addRule: add it to the chosen group; keep. */
  ingress?: 'ok' | 'new' | 'addRule' | 'keep';
  /** Whether the chosen group lets the listener port in from the internet (known once subnets and group are). */
  admitted?: boolean;
  closedGroup?: { id: string; name?: string };
  /** The name of the "HTTP from everyone" group to create, fixed when the summary shows it. */
  newGroupName?: string;
  tgName?: string;
  tgPort?: number;
  tgPath?: string;
}

const DEFAULT_LISTENER: ListenerSpec = { protocol: 'HTTP', loadBalancerPort: 80, instanceProtocol: 'HTTP', instancePort: 80 };
const NEW_GROUP = '$new';

/** The default target group name: the balancer's, with "-tg", within 32 characters. */
function defaultTargetGroupName(name: string): string {
  return `${name.slice(0, 29).replace(/-+$/, '')}-tg`;
}

function checkTargetGroupArgs(value: unknown): TargetGroupArgs | undefined {
  if (value === undefined) {
    return undefined;
  }
  const fields: Record<string, 'string' | 'number'> = { name: 'string', port: 'number', healthCheckPath: 'string' };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!fields[key]) {
      throw new UserError(
        vscode.l10n.t('The argument object has no field "targetGroup.{0}" (its fields: {1}).', key, Object.keys(fields).join(', ')),
      );
    }
    if (v !== undefined && typeof v !== fields[key]) {
      throw new UserError(vscode.l10n.t('The argument object needs "targetGroup.{0}" to be a {1}.', key, fields[key]));
    }
  }
  return value as TargetGroupArgs;
}

/** Creates a classic load balancer (HTTP 80 to 80, health check HTTP:80/) or an application one (HTTP listener, new target group). */
export async function createLoadBalancerCommand(wb: Workbench, arg?: unknown): Promise<{ dnsName: string; targetGroupArn?: string }> {
  const { args, interactive } = commandInput<CreateLoadBalancerArgs>(arg, {
    fields: {
      region: 'string',
      name: 'string',
      type: ['classic', 'application'],
      subnetIds: 'string[]',
      listeners: 'object[]',
      securityGroupIds: 'string[]',
      healthCheckTarget: 'string',
      targetGroup: 'object',
    },
  });
  const targetGroup = checkTargetGroupArgs(args.targetGroup);
  if (targetGroup && args.type !== 'application') {
    throw new UserError(vscode.l10n.t('"targetGroup" goes with "type": "application" (a classic load balancer has no target group).'));
  }
  const session = wb.sessions.session;
  const ctx: CreateContext = {
    ...args,
    type: args.type ?? (interactive ? undefined : 'classic'),
    tgName: targetGroup?.name,
    tgPort: targetGroup?.port,
    tgPath: targetGroup?.healthCheckPath,
  };
  const existing: Array<{ name: string; type: string }> = [];
  const subnetsOf = (region: string) => listSubnets(session, region);
  const listenerPort = (c: CreateContext) => (c.type === 'application' ? 80 : (c.listeners ?? [DEFAULT_LISTENER])[0].loadBalancerPort);
  const classicSpec = (c: CreateContext) => ({
    name: c.name!,
    subnetIds: c.subnetIds ?? [],
    listeners: c.listeners ?? [DEFAULT_LISTENER],
    securityGroupIds: (c.securityGroupIds ?? []).filter((g) => g !== NEW_GROUP),
    healthCheckTarget: c.healthCheckTarget ?? 'HTTP:80/',
  });
  const albSpec = (c: CreateContext, vpcId: string): ApplicationLoadBalancerSpec => ({
    name: c.name!,
    vpcId,
    subnetIds: c.subnetIds ?? [],
    securityGroupIds: (c.securityGroupIds ?? []).filter((g) => g !== NEW_GROUP),
    listenerPort: 80,
    targetGroup: { name: c.tgName ?? defaultTargetGroupName(c.name!), port: c.tgPort ?? 80, healthCheckPath: c.tgPath ?? '/' },
  });
  let knownSubnets: Ec2Subnet[] = [];
  const vpcOf = (c: CreateContext) => knownSubnets.find((s) => s.id === c.subnetIds?.[0])?.vpcId ?? '<vpc-id>';
  // Until the type is chosen, the steps counted are those of the recommended one.
  const alb = (c: CreateContext) => c.type !== 'classic';
  /** Interactively, once the subnets (hence the VPC) and the group are known: does the group admit the listener port? */
  const refreshIngress = async (c: CreateContext) => {
    c.admitted = undefined;
    if (!interactive || !c.region || !c.subnetIds?.length || c.securityGroupIds === undefined) {
      return;
    }
    if (c.securityGroupIds.includes(NEW_GROUP)) {
      c.ingress = 'new';
      return;
    }
    knownSubnets = knownSubnets.length ? knownSubnets : await subnetsOf(c.region);
    const check = await balancerIngress(session, c.region, {
      groupIds: c.securityGroupIds,
      vpcId: vpcOf(c),
      port: listenerPort(c),
      type: c.type ?? 'classic',
    });
    c.admitted = check.admitted;
    c.closedGroup = check.groups[0] && { id: check.groups[0].id, name: check.groups[0].name };
    c.ingress = check.admitted ? 'ok' : undefined;
  };

  const steps: Array<WizardStep<CreateContext>> = [
    step('type', async (c, at) => {
      const v = await wb.prompter.pick<'classic' | 'application'>({
        ...at,
        placeholder: vscode.l10n.t('Type of load balancer'),
        items: [
          {
            label: vscode.l10n.t('$(star-full) Application Load Balancer'),
            description: vscode.l10n.t('recommended'),
            detail: vscode.l10n.t("Listener → target group; the AWS console's first choice; needs two zones"),
            value: 'application',
          },
          {
            label: vscode.l10n.t('Classic Load Balancer'),
            description: vscode.l10n.t('as in the lab'),
            detail: vscode.l10n.t('The previous generation, the one the lab creates with "aws elb create-load-balancer".'),
            value: 'classic',
          },
        ],
        active: (t) => t === (c.type ?? 'application'),
      });
      if (v === BACK) return BACK;
      c.type = v;
      await refreshIngress(c);
    }),
    step('region', (c, at) => askRegion(wb, c, at)),
    step('name', async (c, at) => {
      const loading = listAllLoadBalancers(session, c.region!).then((lbs) =>
        existing.splice(0, existing.length, ...lbs.map((lb) => ({ name: lb.name, type: lb.type }))),
      );
      const type = c.type ?? 'classic';
      // The prefill is a name not taken yet (lab-elb taken: lab-elb-2), so it is not red at once.
      await loading.catch(() => undefined);
      const taken = new Set(existing.filter((e) => e.type === type).map((e) => e.name));
      const v = await wb.prompter.input({
        ...at,
        prompt: vscode.l10n.t('Name (1 to 32 letters, digits, hyphens)'),
        value: c.name ?? freeName(type === 'application' ? 'lab-alb' : 'lab-elb', taken),
        validate: (n) =>
          loadBalancerNameProblem(n, type) ??
          (existing.some((e) => e.name === n && e.type === type) ? vscode.l10n.t('{0} already exists in {1}.', n, c.region!) : undefined),
        busyWhile: loading,
      });
      if (v === BACK) return BACK;
      c.name = v;
    }),
    step('subnetIds', async (c, at) => {
      const subnets = subnetsOf(c.region!).then((all) => (knownSubnets = all));
      const items = subnets.then((all) =>
        all.map((s) => ({
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
        placeholder: alb(c)
          ? vscode.l10n.t('Subnets, in at least two availability zones')
          : vscode.l10n.t('Subnets, one per availability zone the instances run in'),
        items,
        picked: (id) => (c.subnetIds ?? defaults).includes(id),
        validate: (ids) => subnetsProblem(c, ids, knownSubnets),
      });
      if (v === BACK) return BACK;
      c.subnetIds = v;
      await refreshIngress(c);
    }),
    step(
      'securityGroupIds',
      async (c, at) => {
        knownSubnets = knownSubnets.length ? knownSubnets : await subnetsOf(c.region!);
        const vpcId = knownSubnets.find((s) => s.id === c.subnetIds?.[0])?.vpcId;
        const groups = (await listSecurityGroups(session, c.region!)).filter((g) => !vpcId || g.vpcId === vpcId);
        const port = listenerPort(c);
        // A group that lets the listener port in from everyone comes first: with the VPC's default
        // group (nothing in from the internet) the load test would hang.
        const open = groups.find((g) => admits(g.raw.IpPermissions, port));
        const v = await wb.prompter.pick<string>({
          ...at,
          placeholder: vscode.l10n.t('Security group (it must let HTTP {0} in)', port),
          items: [
            {
              label: vscode.l10n.t('$(add) New security group: HTTP {0} from everyone', port),
              detail: vscode.l10n.t('Created with the load balancer, tagged for the clean-up'),
              value: NEW_GROUP,
            },
            ...groups.map((g) => ({
              label: `${admits(g.raw.IpPermissions, port) ? '$(pass) ' : ''}${g.name ?? g.id}`,
              description: g.id,
              detail: g.inbound.join(', ') || vscode.l10n.t('no inbound rule: nothing can reach the instance'),
              value: g.id,
            })),
          ],
          active: (id) => id === (c.securityGroupIds?.[0] ?? open?.id ?? NEW_GROUP),
        });
        if (v === BACK) return BACK;
        c.securityGroupIds = [v];
        await refreshIngress(c);
      },
      true,
    ),
    // The chosen group (or the VPC's default one AWS gives when none is chosen) must let the listener
    // port in from the internet; if not, say so and offer the fix.
    {
      ...step<CreateContext>(
        'ingress',
        async (c, at) => {
          const port = listenerPort(c);
          const group = c.closedGroup;
          const v = await wb.prompter.pick<'new' | 'addRule' | 'keep'>({
            ...at,
            placeholder: closedMessage(group?.name ?? group?.id, port),
            items: [
              {
                label: vscode.l10n.t('$(add) New security group: HTTP {0} from everyone', port),
                detail: vscode.l10n.t('Created with the load balancer, tagged for the clean-up'),
                value: 'new',
              },
              ...(group
                ? [
                    {
                      label: vscode.l10n.t('$(shield) Add HTTP {0} from everyone to {1}', port, group.name ?? group.id),
                      description: group.id,
                      value: 'addRule' as const,
                    },
                  ]
                : []),
              {
                label: vscode.l10n.t('Keep it as it is'),
                detail: vscode.l10n.t('Requests from the internet will time out'),
                value: 'keep',
              },
            ],
          });
          if (v === BACK) return BACK;
          c.ingress = v;
        },
        true,
      ),
      when: (c) => c.admitted === false,
    },
    { ...step<CreateContext>('tgName', askTargetGroupName(wb), true), when: alb },
    { ...step<CreateContext>('tgPort', askTargetGroupPort(wb), true), when: alb },
    { ...step<CreateContext>('tgPath', askHealthCheckPath(wb), true), when: alb },
  ];
  await refreshIngress(ctx);
  await runWizard(wb.prompter, vscode.l10n.t('Create Load Balancer'), ctx, steps, {
    interactive,
    summary: {
      action: vscode.l10n.t('$(add) Create Load Balancer'),
      describe: (c) => describeSummary(c, listenerPort(c), albSpec(c, '').targetGroup),
      cli: (c) => {
        const lines: string[] = [];
        const port = listenerPort(c);
        const region = c.region!;
        if (c.ingress === 'new') {
          lines.push(
            cliLine(
              {
                service: 'ec2',
                region,
                commandName: 'CreateSecurityGroupCommand',
                input: createOpenGroupInput(vpcOf(c), port, (c.newGroupName ??= openGroupName(port))),
              },
              { profile: session.profileName },
            ),
          );
        }
        if (c.ingress === 'new' || c.ingress === 'addRule') {
          const groupId = c.ingress === 'new' ? '<new-group-id>' : (c.securityGroupIds?.[0] ?? '<group-id>');
          lines.push(
            cliLine(
              {
                service: 'ec2',
                region,
                commandName: 'AuthorizeSecurityGroupIngressCommand',
                input: allowFromEveryoneInput(groupId, port),
              },
              { profile: session.profileName },
            ),
          );
        }
        const groups = c.ingress === 'new' ? ['<new-group-id>'] : (c.securityGroupIds ?? []);
        lines.push(
          alb(c)
            ? createApplicationLoadBalancerCli(region, { ...albSpec(c, vpcOf(c)), securityGroupIds: groups }, session.profileName)
            : createLoadBalancerCli(region, { ...classicSpec(c), securityGroupIds: groups }, session.profileName),
        );
        return lines.join('\n');
      },
    },
  });

  // Everything is checked before the first call that creates something.
  const region = requireString(ctx.region, 'region');
  const name = requireName(ctx.name, 'name');
  const type = ctx.type ?? 'classic';
  const nameProblem = loadBalancerNameProblem(name, type);
  if (nameProblem) {
    throw new UserError(nameProblem);
  }
  if (!Array.isArray(ctx.subnetIds) || ctx.subnetIds.length === 0) {
    throw new UserError(vscode.l10n.t('Pick at least one subnet.'));
  }
  if (type === 'application') {
    if (ctx.subnetIds.length < 2) {
      throw new UserError(subnetZonesProblem(ctx.subnetIds.map((id) => ({ id })))!);
    }
    const tg = albSpec(ctx, '').targetGroup;
    const problem = targetGroupNameProblem(tg.name) ?? portProblem(tg.port) ?? healthCheckPathProblem(tg.healthCheckPath);
    if (problem) {
      throw new UserError(problem);
    }
    knownSubnets = await subnetsOf(region);
    const problemOfSubnets = subnetsProblem(ctx, ctx.subnetIds, knownSubnets);
    if (problemOfSubnets) {
      throw new UserError(problemOfSubnets);
    }
  } else {
    const hcProblem = healthCheckProblem(classicSpec(ctx).healthCheckTarget);
    if (hcProblem) {
      throw new UserError(hcProblem);
    }
  }
  knownSubnets = knownSubnets.length ? knownSubnets : await subnetsOf(region);
  const vpcId = vpcOf(ctx);
  const port = listenerPort(ctx);
  if (ctx.ingress === undefined) {
    // Called with arguments: the advice does not block.
    const check = await balancerIngress(session, region, { groupIds: ctx.securityGroupIds, vpcId, port, type });
    if (!check.admitted) {
      const group = check.groups[0];
      const message = closedMessage(group?.name ?? group?.id, port);
      wb.log.warn(`Create load balancer ${name}: ${message}`);
      advise(message);
    }
  }

  const created = await ui.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating load balancer {0}…', name) },
    async () => {
      let groupIds = (ctx.securityGroupIds ?? []).filter((g) => g !== NEW_GROUP);
      if (ctx.ingress === 'new') {
        groupIds = [await createOpenGroup(session, region, vpcId, port, ctx.newGroupName)];
      } else if (ctx.ingress === 'addRule' && groupIds[0]) {
        await allowFromEveryone(session, region, groupIds[0], port);
      }
      if (type === 'application') {
        const result = await createApplicationLoadBalancer(session, region, { ...albSpec(ctx, vpcId), securityGroupIds: groupIds });
        return { dnsName: result.dnsName, targetGroupArn: result.targetGroupArn };
      }
      return { dnsName: await createLoadBalancer(session, region, { ...classicSpec(ctx), securityGroupIds: groupIds }) };
    },
  );
  wb.explorer.refresh(region, 'loadBalancers', 'securityGroups');
  void ui.showInformationMessage(vscode.l10n.t('Load balancer {0} created: {1}. Register instances with it next.', name, created.dnsName));
  return created;
}

function closedMessage(group: string | undefined, port: number): string {
  return group
    ? vscode.l10n.t(
        'The security group {0} does not let HTTP {1} in from the internet: requests to the load balancer would time out.',
        group,
        port,
      )
    : vscode.l10n.t('No security group lets HTTP {0} in from the internet: requests to the load balancer would time out.', port);
}

function describeSummary(c: CreateContext, port: number, tg: ApplicationLoadBalancerSpec['targetGroup']): string {
  const groups =
    c.ingress === 'new'
      ? vscode.l10n.t('new security group HTTP {0} from everyone', port)
      : (c.securityGroupIds ?? []).join(' ') || vscode.l10n.t('default security group');
  if (c.type === 'application') {
    return [
      `${c.name} · ${c.region}`,
      vscode.l10n.t('Application, HTTP {0} → target group {1} (HTTP {2}, health check {3})', port, tg.name, tg.port, tg.healthCheckPath),
      (c.subnetIds ?? []).join(' '),
      groups,
    ].join(' · ');
  }
  return [
    `${c.name} · ${c.region}`,
    vscode.l10n.t('Classic, HTTP 80 to port 80, health check {0}', c.healthCheckTarget ?? 'HTTP:80/'),
    (c.subnetIds ?? []).join(' '),
    groups,
  ].join(' · ');
}

/** Why these subnets do not do for the type: none, two of one VPC in two zones for an application load balancer. */
function subnetsProblem(c: CreateContext, ids: readonly string[], known: Ec2Subnet[]): string | undefined {
  if (ids.length === 0) {
    return vscode.l10n.t('Pick at least one subnet.');
  }
  const chosen = ids.map((id) => known.find((s) => s.id === id) ?? { id, availabilityZone: undefined, vpcId: undefined });
  if (new Set(chosen.map((s) => s.vpcId)).size > 1) {
    return vscode.l10n.t('The subnets must all be in the same VPC.');
  }
  return c.type === 'application' ? subnetZonesProblem(chosen) : undefined;
}

function askTargetGroupName(wb: Workbench): WizardStep<CreateContext>['ask'] {
  return async (c, at) => {
    const v = await wb.prompter.input({
      ...at,
      prompt: vscode.l10n.t('Name of the new target group the HTTP listener forwards to (protocol HTTP)'),
      value: c.tgName ?? defaultTargetGroupName(c.name ?? 'lab-alb'),
      validate: targetGroupNameProblem,
    });
    if (v === BACK) return BACK;
    c.tgName = v;
  };
}

function askTargetGroupPort(wb: Workbench): WizardStep<CreateContext>['ask'] {
  return async (c, at) => {
    const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
    const v = await wb.prompter.input({
      ...at,
      prompt: vscode.l10n.t('Port the instances serve HTTP on'),
      value: String(c.tgPort ?? 80),
      validate: (text) => portProblem(whole(text)),
    });
    if (v === BACK) return BACK;
    c.tgPort = whole(v);
  };
}

function askHealthCheckPath(wb: Workbench): WizardStep<CreateContext>['ask'] {
  return async (c, at) => {
    const v = await wb.prompter.input({
      ...at,
      prompt: vscode.l10n.t('Health check path (a page every instance serves with 200)'),
      value: c.tgPath ?? '/',
      validate: healthCheckPathProblem,
    });
    if (v === BACK) return BACK;
    c.tgPath = v;
  };
}
