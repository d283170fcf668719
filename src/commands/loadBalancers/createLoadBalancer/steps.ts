// The questions of Create Load Balancer, in order: type, region, name, subnets, security group, what
// to do about a group that keeps the internet out, and an application balancer's target group.
import * as vscode from 'vscode';
import { freeName } from '../../../core/aws/ec2/names';
import { admits, type Ec2Subnet, listSecurityGroups, listSubnets } from '../../../core/aws/ec2/network';
import {
  healthCheckPathProblem,
  portProblem,
  subnetZonesProblem,
  targetGroupNameProblem,
} from '../../../core/aws/elb/applicationLoadBalancers';
import { listAllLoadBalancers, loadBalancerNameProblem } from '../../../core/aws/elb/classicLoadBalancers';
import { balancerIngress } from '../../../core/aws/elb/loadBalancerAccess';
import { type AwsSession } from '../../../core/aws/session/awsSession';
import { BACK } from '../../../shared/prompter';
import { step, type WizardStep } from '../../../shared/wizard';
import { type Workbench } from '../../../workbench';
import { askRegion } from '../../askOrUse';
import { type CreateContext, isApplication, NEW_GROUP } from './context';
import { defaultTargetGroupName, listenerPort, vpcOf } from './request';
import { closedMessage } from './summary';

/** The region's subnets, read once. */
export async function readSubnets(session: AwsSession, c: CreateContext): Promise<void> {
  if (c.subnets.length === 0) {
    c.subnets = await listSubnets(session, c.region!);
  }
}

/** Interactively, once the subnets (hence the VPC) and the group are known: does the group admit the listener port? */
export async function refreshIngress(session: AwsSession, c: CreateContext): Promise<void> {
  c.admitted = undefined;
  if (!c.interactive || !c.region || !c.subnetIds?.length || c.securityGroupIds === undefined) {
    return;
  }
  if (c.securityGroupIds.includes(NEW_GROUP)) {
    c.ingress = 'new';
    return;
  }
  await readSubnets(session, c);
  const check = await balancerIngress(session, c.region, {
    groupIds: c.securityGroupIds,
    vpcId: vpcOf(c),
    port: listenerPort(c),
    type: c.type ?? 'classic',
  });
  c.admitted = check.admitted;
  c.closedGroup = check.groups[0] && { id: check.groups[0].id, name: check.groups[0].name };
  c.ingress = check.admitted ? 'ok' : undefined;
}

export function createLoadBalancerSteps(wb: Workbench): Array<WizardStep<CreateContext>> {
  const session = wb.sessions.session;
  return [
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
      await refreshIngress(session, c);
    }),
    step('region', (c, at) => askRegion(wb, c, at)),
    step('name', async (c, at) => {
      const loading = listAllLoadBalancers(session, c.region!).then((lbs) => {
        c.existing = lbs.map((lb) => ({ name: lb.name, type: lb.type }));
      });
      const type = c.type ?? 'classic';
      // The prefill is a name not taken yet (lab-elb taken: lab-elb-2), so it is not red at once.
      await loading.catch(() => undefined);
      const taken = new Set(c.existing.filter((e) => e.type === type).map((e) => e.name));
      const v = await wb.prompter.input({
        ...at,
        prompt: vscode.l10n.t('Name (1 to 32 letters, digits, hyphens)'),
        value: c.name ?? freeName(type === 'application' ? 'lab-alb' : 'lab-elb', taken),
        validate: (n) =>
          loadBalancerNameProblem(n, type) ??
          (c.existing.some((e) => e.name === n && e.type === type) ? vscode.l10n.t('{0} already exists in {1}.', n, c.region!) : undefined),
        busyWhile: loading,
      });
      if (v === BACK) return BACK;
      c.name = v;
    }),
    step('subnetIds', async (c, at) => {
      const subnets = listSubnets(session, c.region!).then((all) => (c.subnets = all));
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
        placeholder: isApplication(c)
          ? vscode.l10n.t('Subnets, in at least two availability zones')
          : vscode.l10n.t('Subnets, one per availability zone the instances run in'),
        items,
        picked: (id) => (c.subnetIds ?? defaults).includes(id),
        validate: (ids) => subnetsProblem(c, ids, c.subnets),
      });
      if (v === BACK) return BACK;
      c.subnetIds = v;
      await refreshIngress(session, c);
    }),
    step(
      'securityGroupIds',
      async (c, at) => {
        await readSubnets(session, c);
        const vpcId = c.subnets.find((s) => s.id === c.subnetIds?.[0])?.vpcId;
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
        await refreshIngress(session, c);
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
    { ...step<CreateContext>('tgName', askTargetGroupName(wb), true), when: isApplication },
    { ...step<CreateContext>('tgPort', askTargetGroupPort(wb), true), when: isApplication },
    { ...step<CreateContext>('tgPath', askHealthCheckPath(wb), true), when: isApplication },
  ];
}

/** Why these subnets do not do for the type: none, two of one VPC in two zones for an application load balancer. */
export function subnetsProblem(c: CreateContext, ids: readonly string[], known: Ec2Subnet[]): string | undefined {
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
