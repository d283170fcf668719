// Register / deregister instances, from the instance or from the load balancer, for both types: a
// classic balancer takes the instances themselves, an application one takes them into a target
// group (asked when it has several). Registering checks that the instances' groups let the
// balancer in on the instance port, and offers to add the rule.
import * as vscode from 'vscode';
import { changeTargets, describeTargetHealth, listTargetGroups, type TargetGroup } from '../../core/aws/elb/applicationLoadBalancers';
import { UserError } from '../../core/aws/session/errors';
import { listInstances } from '../../core/aws/ec2/instances';
import { allowFromGroup, type ClosedInstance, defaultGroupOf, instancesClosedToBalancer } from '../../core/aws/elb/loadBalancerAccess';
import { changeRegistration, findAnyLoadBalancer, type LoadBalancer, listAllLoadBalancers } from '../../core/aws/elb/classicLoadBalancers';
import { listSubnets } from '../../core/aws/ec2/network';
import { type AwsSession } from '../../core/aws/session/awsSession';
import { BACK } from '../../shared/prompter';
import { stateLabel } from '../../shared/stateLabel';
import { runWizard, step, type WizardStep } from '../../shared/wizard';
import { type Workbench } from '../../workbench';
import { type ResourceNode } from '../../explorer/resourceNode';
import { commandInput, requireString } from '../commandInput';
import { advise, askRegion } from '../askOrUse';
import { loadBalancerTypeLabel } from '../../explorer/loadBalancerNode';

export interface RegistrationArgs {
  region: string;
  loadBalancerName: string;
  instanceIds: string[];
  /** For an application load balancer with several target groups. */
  targetGroupArn?: string;
}

interface RegistrationContext extends Partial<RegistrationArgs> {
  lb?: LoadBalancer;
  groups?: TargetGroup[];
  /** The instances whose groups do not admit the balancer, and the rule to add. */
  access?: { closed: ClosedInstance[]; sourceGroupId?: string; port: number };
  /** add: add "TCP port from the balancer's group" to each closed instance's group. */
  fix?: 'add' | 'keep';
}

function fromNode(node: ResourceNode): Partial<RegistrationArgs> {
  return node.kind === 'instance'
    ? { region: node.region, instanceIds: [node.resourceId] }
    : { region: node.region, loadBalancerName: node.resourceId };
}

/** The port the balancer sends requests to on the instances. */
function instancePort(lb: LoadBalancer, group: TargetGroup | undefined): number {
  if (lb.type === 'application') {
    return group?.port ?? 80;
  }
  return lb.raw.ListenerDescriptions?.[0]?.Listener?.InstancePort ?? 80;
}

async function resolveBalancer(session: AwsSession, c: RegistrationContext): Promise<void> {
  const lb = await findAnyLoadBalancer(session, c.region!, c.loadBalancerName!);
  if (!lb) {
    throw new UserError(vscode.l10n.t('The load balancer {0} was not found in {1}.', c.loadBalancerName!, c.region!));
  }
  c.lb = lb;
  c.groups = lb.type === 'application' ? await listTargetGroups(session, c.region!, lb.arn) : undefined;
  if (lb.type === 'application') {
    if (c.targetGroupArn && !c.groups!.some((g) => g.arn === c.targetGroupArn)) {
      throw new UserError(vscode.l10n.t('The target group {0} is not one of {1}.', c.targetGroupArn, lb.name));
    }
    if (c.groups!.length === 0) {
      throw new UserError(
        vscode.l10n.t('{0} has no target group to register instances into. Create one with its listener first.', lb.name),
      );
    }
    if (c.groups!.length === 1) {
      c.targetGroupArn = c.groups![0].arn;
    }
  }
}

/** What the instances' groups let in, for the chosen balancer and instances (registering only). */
async function checkAccess(session: AwsSession, c: RegistrationContext): Promise<void> {
  const lb = c.lb!;
  const port = instancePort(
    lb,
    c.groups?.find((g) => g.arn === c.targetGroupArn),
  );
  let sourceGroups = lb.securityGroups;
  if (sourceGroups.length === 0 && lb.vpcId) {
    // A balancer without a group of its own has the VPC's default group (as AWS gives it).
    const fallback = await defaultGroupOf(session, c.region!, lb.vpcId);
    sourceGroups = fallback ? [fallback] : [];
  }
  const subnetCidrs = (await listSubnets(session, c.region!)).filter((s) => lb.subnets.includes(s.id) && s.cidr).map((s) => s.cidr!);
  const closed = await instancesClosedToBalancer(session, c.region!, c.instanceIds ?? [], { groupIds: sourceGroups, subnetCidrs, port });
  c.access = { closed, sourceGroupId: sourceGroups[0], port };
}

function closedMessage(c: RegistrationContext): string {
  const a = c.access!;
  const names = a.closed.map((i) => i.name ?? i.instanceId).join(', ');
  return vscode.l10n.t(
    'The security groups of {0} do not let {1} in on port {2}: the health checks would fail and the instances stay out of service.',
    names,
    c.lb!.name,
    a.port,
  );
}

/** Registers or deregisters instances; only instances of the load balancer's VPC are offered. */
export function registrationCommand(register: boolean) {
  return async (wb: Workbench, arg?: unknown): Promise<void> => {
    const { args, interactive } = commandInput<RegistrationArgs>(arg, {
      fields: { region: 'string', loadBalancerName: 'string', instanceIds: 'string[]', targetGroupArn: 'string' },
      fromNode,
    });
    const session = wb.sessions.session;
    const ctx: RegistrationContext = { ...args };
    const title = register ? vscode.l10n.t('Register Instances') : vscode.l10n.t('Deregister Instances');
    // Once the balancer, its target group and the instances are known, what their groups let in.
    const checkWhenKnown = async (c: RegistrationContext) => {
      c.access = undefined;
      c.fix = undefined;
      if (register && c.lb && c.instanceIds?.length && (c.lb.type === 'classic' || c.targetGroupArn)) {
        await checkAccess(session, c);
      }
    };
    if (ctx.region && ctx.loadBalancerName) {
      await resolveBalancer(session, ctx);
      await checkWhenKnown(ctx);
    }
    const steps: Array<WizardStep<RegistrationContext>> = [
      step('region', (c, at) => askRegion(wb, c, at)),
      step('loadBalancerName', async (c, at) => {
        const items = listAllLoadBalancers(session, c.region!).then((lbs) =>
          lbs.map((lb) => ({
            label: lb.name,
            description: `${loadBalancerTypeLabel(lb.type)} · ${lb.dnsName ?? ''}`,
            value: lb.name,
          })),
        );
        const v = await wb.prompter.pick<string>({
          ...at,
          placeholder: vscode.l10n.t('Load balancer'),
          items,
          active: (n) => n === c.loadBalancerName,
        });
        if (v === BACK) return BACK;
        c.loadBalancerName = v;
        c.targetGroupArn = args.targetGroupArn;
        await resolveBalancer(session, c);
        await checkWhenKnown(c);
      }),
      {
        given: (c) => c.targetGroupArn !== undefined,
        when: (c) => c.lb?.type === 'application' && (c.groups?.length ?? 0) > 1,
        ask: async (c, at) => {
          const v = await wb.prompter.pick<string>({
            ...at,
            placeholder: vscode.l10n.t('Target group of {0}', c.lb!.name),
            items: (c.groups ?? []).map((g) => ({
              label: g.name,
              description: `${g.protocol ?? ''} ${g.port ?? ''}`.trim(),
              detail: g.healthCheckPath ? vscode.l10n.t('health check {0}', g.healthCheckPath) : undefined,
              value: g.arn,
            })),
            active: (arn) => arn === c.targetGroupArn,
          });
          if (v === BACK) return BACK;
          c.targetGroupArn = v;
          await checkWhenKnown(c);
        },
      },
      step('instanceIds', async (c, at) => {
        const lb = c.lb!;
        const registered = new Set(
          lb.type === 'application'
            ? (await describeTargetHealth(session, c.region!, c.targetGroupArn!)).map((t) => t.instanceId)
            : lb.instanceIds,
        );
        const items = listInstances(session, c.region!).then((all) =>
          all
            .filter((i) => i.state !== 'terminated' && (!lb.vpcId || i.vpcId === lb.vpcId) && registered.has(i.id) !== register)
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
        await checkWhenKnown(c);
      }),
      {
        ...step<RegistrationContext>(
          'fix',
          async (c, at) => {
            const a = c.access!;
            const groups = [...new Set(a.closed.map((i) => i.groupId).filter(Boolean))].join(', ');
            const v = await wb.prompter.pick<'add' | 'keep'>({
              ...at,
              placeholder: closedMessage(c),
              items: [
                ...(a.sourceGroupId && groups
                  ? [
                      {
                        label: vscode.l10n.t('$(shield) Add the rule: TCP {0} from {1} to {2}', a.port, a.sourceGroupId, groups),
                        detail: vscode.l10n.t("Lets the load balancer's security group reach the instances"),
                        value: 'add' as const,
                      },
                    ]
                  : []),
                { label: vscode.l10n.t('Register them as they are'), value: 'keep' },
              ],
            });
            if (v === BACK) return BACK;
            c.fix = v;
          },
          true,
        ),
        when: (c) => register && (c.access?.closed.length ?? 0) > 0,
      },
    ];
    await runWizard(wb.prompter, title, ctx, steps, { interactive });
    const region = requireString(ctx.region, 'region');
    requireString(ctx.loadBalancerName, 'loadBalancerName');
    if (!Array.isArray(ctx.instanceIds) || ctx.instanceIds.length === 0) {
      throw new UserError(vscode.l10n.t('Give at least one instance id.'));
    }
    if (!ctx.lb) {
      await resolveBalancer(session, ctx);
    }
    const lb = ctx.lb!;
    if (lb.type === 'application' && !ctx.targetGroupArn) {
      throw new UserError(
        vscode.l10n.t(
          '{0} has several target groups ({1}): give "targetGroupArn".',
          lb.name,
          (ctx.groups ?? []).map((g) => g.name).join(', '),
        ),
      );
    }
    if (register) {
      if (!ctx.access) {
        await checkAccess(session, ctx);
      }
      if (ctx.access!.closed.length && ctx.fix === 'add') {
        for (const groupId of new Set(ctx.access!.closed.map((i) => i.groupId).filter((g): g is string => !!g))) {
          await allowFromGroup(session, region, groupId, ctx.access!.sourceGroupId!, ctx.access!.port);
        }
        wb.explorer.refresh(region, 'securityGroups');
      } else if (ctx.access!.closed.length && ctx.fix === undefined) {
        const message = closedMessage(ctx);
        wb.log.warn(`Register instances with ${lb.name}: ${message}`);
        advise(message);
      }
    }
    if (lb.type === 'application') {
      await changeTargets(session, region, ctx.targetGroupArn!, ctx.instanceIds, register);
    } else {
      await changeRegistration(session, region, lb.name, ctx.instanceIds, register);
    }
    wb.explorer.refresh(region, 'loadBalancers');
  };
}
