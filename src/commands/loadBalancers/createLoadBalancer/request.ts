// The one builder of what Create Load Balancer sends: the same inputs make the calls and the CLI
// lines of the summary (the core's createInputs builders sit under both).
import { type ApplicationLoadBalancerSpec, createApplicationLoadBalancerCli } from '../../../core/aws/elb/applicationLoadBalancers';
import { type ClassicLoadBalancerSpec, createLoadBalancerCli, type ListenerSpec } from '../../../core/aws/elb/classicLoadBalancers';
import { allowFromEveryoneInput, createOpenGroupInput, openGroupName } from '../../../core/aws/elb/loadBalancerAccess';
import { cliLine } from '../../../core/aws/session/cliTranscript';
import { type CreateContext, isApplication, NEW_GROUP } from './context';

export const DEFAULT_LISTENER: ListenerSpec = { protocol: 'HTTP', loadBalancerPort: 80, instanceProtocol: 'HTTP', instancePort: 80 };

/** The default target group name: the balancer's, with "-tg", within 32 characters. */
export function defaultTargetGroupName(name: string): string {
  return `${name.slice(0, 29).replace(/-+$/, '')}-tg`;
}

export function listenerPort(c: CreateContext): number {
  return c.type === 'application' ? 80 : (c.listeners ?? [DEFAULT_LISTENER])[0].loadBalancerPort;
}

/** The VPC of the first subnet chosen (a placeholder until the subnets are read). */
export function vpcOf(c: CreateContext): string {
  return c.subnets.find((s) => s.id === c.subnetIds?.[0])?.vpcId ?? '<vpc-id>';
}

/** The groups chosen, without the "new group" choice. */
export function chosenGroups(c: CreateContext): string[] {
  return (c.securityGroupIds ?? []).filter((g) => g !== NEW_GROUP);
}

export function classicSpec(c: CreateContext, securityGroupIds = chosenGroups(c)): ClassicLoadBalancerSpec {
  return {
    name: c.name!,
    subnetIds: c.subnetIds ?? [],
    listeners: c.listeners ?? [DEFAULT_LISTENER],
    securityGroupIds,
    healthCheckTarget: c.healthCheckTarget ?? 'HTTP:80/',
  };
}

export function applicationSpec(c: CreateContext, vpcId: string, securityGroupIds = chosenGroups(c)): ApplicationLoadBalancerSpec {
  return {
    name: c.name!,
    vpcId,
    subnetIds: c.subnetIds ?? [],
    securityGroupIds,
    listenerPort: 80,
    targetGroup: { name: c.tgName ?? defaultTargetGroupName(c.name!), port: c.tgPort ?? 80, healthCheckPath: c.tgPath ?? '/' },
  };
}

/** The `aws` lines of the summary, in the order the calls are made. */
export function createLoadBalancerCliLines(c: CreateContext, profile: string): string {
  const lines: string[] = [];
  const port = listenerPort(c);
  const region = c.region!;
  if (c.ingress === 'new') {
    const input = createOpenGroupInput(vpcOf(c), port, (c.newGroupName ??= openGroupName(port)));
    lines.push(cliLine({ service: 'ec2', region, commandName: 'CreateSecurityGroupCommand', input }, { profile }));
  }
  if (c.ingress === 'new' || c.ingress === 'addRule') {
    const groupId = c.ingress === 'new' ? '<new-group-id>' : (c.securityGroupIds?.[0] ?? '<group-id>');
    const input = allowFromEveryoneInput(groupId, port);
    lines.push(cliLine({ service: 'ec2', region, commandName: 'AuthorizeSecurityGroupIngressCommand', input }, { profile }));
  }
  const groups = c.ingress === 'new' ? ['<new-group-id>'] : (c.securityGroupIds ?? []);
  lines.push(
    isApplication(c)
      ? createApplicationLoadBalancerCli(region, applicationSpec(c, vpcOf(c), groups), profile)
      : createLoadBalancerCli(region, classicSpec(c, groups), profile),
  );
  return lines.join('\n');
}
