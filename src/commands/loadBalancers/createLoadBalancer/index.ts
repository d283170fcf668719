// Create Load Balancer: the type first (Application recommended, Classic as in the lab), then what
// that type needs, a check that the internet can reach the listener, and a summary with the `aws`
// lines. Nothing is created before the summary is confirmed. The folder: context.ts (the state),
// steps.ts (the questions), request.ts (the one builder of the calls and their CLI lines), summary.ts.
import * as vscode from 'vscode';
import * as ui from '../../../shared/ui';
import {
  createApplicationLoadBalancer,
  healthCheckPathProblem,
  portProblem,
  subnetZonesProblem,
  targetGroupNameProblem,
} from '../../../core/aws/elb/applicationLoadBalancers';
import { UserError } from '../../../core/aws/session/errors';
import { allowFromEveryone, balancerIngress, createOpenGroup } from '../../../core/aws/elb/loadBalancerAccess';
import { createLoadBalancer, healthCheckProblem, loadBalancerNameProblem } from '../../../core/aws/elb/classicLoadBalancers';
import { runWizard } from '../../../shared/wizard';
import { type Workbench } from '../../../workbench';
import { commandInput, requireName, requireString } from '../../commandInput';
import { advise } from '../../askOrUse';
import { type CreateContext, type CreateLoadBalancerArgs, type TargetGroupArgs } from './context';
import { applicationSpec, chosenGroups, classicSpec, createLoadBalancerCliLines, listenerPort, vpcOf } from './request';
import { createLoadBalancerSteps, readSubnets, refreshIngress, subnetsProblem } from './steps';
import { closedMessage, describeSummary } from './summary';

export type { CreateLoadBalancerArgs } from './context';

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
    interactive,
    type: args.type ?? (interactive ? undefined : 'classic'),
    tgName: targetGroup?.name,
    tgPort: targetGroup?.port,
    tgPath: targetGroup?.healthCheckPath,
    subnets: [],
    existing: [],
  };
  await refreshIngress(session, ctx);
  await runWizard(wb.prompter, vscode.l10n.t('Create Load Balancer'), ctx, createLoadBalancerSteps(wb), {
    interactive,
    summary: {
      action: vscode.l10n.t('$(add) Create Load Balancer'),
      describe: (c) => describeSummary(c, listenerPort(c), applicationSpec(c, '').targetGroup),
      cli: (c) => createLoadBalancerCliLines(c, session.profileName),
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
    const tg = applicationSpec(ctx, '').targetGroup;
    const problem = targetGroupNameProblem(tg.name) ?? portProblem(tg.port) ?? healthCheckPathProblem(tg.healthCheckPath);
    if (problem) {
      throw new UserError(problem);
    }
    ctx.subnets = [];
    await readSubnets(session, ctx);
    const problemOfSubnets = subnetsProblem(ctx, ctx.subnetIds, ctx.subnets);
    if (problemOfSubnets) {
      throw new UserError(problemOfSubnets);
    }
  } else {
    const hcProblem = healthCheckProblem(classicSpec(ctx).healthCheckTarget);
    if (hcProblem) {
      throw new UserError(hcProblem);
    }
  }
  await readSubnets(session, ctx);
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
      let groupIds = chosenGroups(ctx);
      if (ctx.ingress === 'new') {
        groupIds = [await createOpenGroup(session, region, vpcId, port, ctx.newGroupName)];
      } else if (ctx.ingress === 'addRule' && groupIds[0]) {
        await allowFromEveryone(session, region, groupIds[0], port);
      }
      if (type === 'application') {
        const result = await createApplicationLoadBalancer(session, region, applicationSpec(ctx, vpcId, groupIds));
        return { dnsName: result.dnsName, targetGroupArn: result.targetGroupArn };
      }
      return { dnsName: await createLoadBalancer(session, region, classicSpec(ctx, groupIds)) };
    },
  );
  wb.explorer.refresh(region, 'loadBalancers', 'securityGroups');
  void ui.showInformationMessage(vscode.l10n.t('Load balancer {0} created: {1}. Register instances with it next.', name, created.dnsName));
  return created;
}
