// Application load balancers (Elastic Load Balancing v2, `aws elbv2`): the balancer, its HTTP
// listener and the target group the listener forwards to, and the health of each target.
import * as l10n from '@vscode/l10n';
import type {
  CreateListenerCommandInput,
  CreateLoadBalancerCommandInput,
  CreateTargetGroupCommandInput,
  LoadBalancer as V2LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { type AwsSession } from '../session/awsSession';
import { cliLine } from '../session/cliTranscript';
import { describeError, UserError } from '../session/errors';
import { loadSdk } from '../sdk/loadSdk';
import { MANAGED_TAG } from '../session/tags';

export interface ApplicationLoadBalancer {
  readonly type: 'application';
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly dnsName?: string;
  readonly vpcId?: string;
  readonly subnets: string[];
  readonly availabilityZones: string[];
  readonly securityGroups: string[];
  /** internet-facing or internal. */
  readonly scheme?: string;
  /** provisioning, active, failed... */
  readonly state?: string;
  readonly raw: V2LoadBalancer;
}

export interface TargetGroup {
  readonly region: string;
  readonly arn: string;
  readonly name: string;
  readonly protocol?: string;
  readonly port?: number;
  readonly vpcId?: string;
  readonly healthCheckPath?: string;
  readonly loadBalancerArns: string[];
}

export interface Listener {
  readonly arn: string;
  readonly protocol?: string;
  readonly port?: number;
  /** The target groups its default action forwards to. */
  readonly targetGroupArns: string[];
}

/** A target's health as DescribeTargetHealth reports it: healthy, unhealthy, unused, draining, initial... */
export interface TargetHealth {
  readonly instanceId: string;
  readonly port?: number;
  readonly state: string;
  /** Target.FailedHealthChecks, Target.NotRegistered, Target.InvalidState... */
  readonly reasonCode?: string;
  readonly description?: string;
}

export async function listApplicationLoadBalancers(session: AwsSession, region: string): Promise<ApplicationLoadBalancer[]> {
  const [{ paginateDescribeV2LoadBalancers }, client] = await Promise.all([loadSdk(), session.elbv2(region)]);
  const result: ApplicationLoadBalancer[] = [];
  for await (const page of paginateDescribeV2LoadBalancers({ client, pageSize: 400 }, {})) {
    for (const raw of page.LoadBalancers ?? []) {
      if (raw.Type && raw.Type !== 'application') {
        continue; // Network and gateway load balancers are not part of the lab.
      }
      result.push({
        type: 'application',
        region,
        name: raw.LoadBalancerName ?? '',
        arn: raw.LoadBalancerArn ?? '',
        dnsName: raw.DNSName,
        vpcId: raw.VpcId,
        subnets: (raw.AvailabilityZones ?? []).map((z) => z.SubnetId ?? '').filter(Boolean),
        availabilityZones: (raw.AvailabilityZones ?? []).map((z) => z.ZoneName ?? '').filter(Boolean),
        securityGroups: raw.SecurityGroups ?? [],
        scheme: raw.Scheme,
        state: raw.State?.Code,
        raw,
      });
    }
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

export async function listListeners(session: AwsSession, region: string, loadBalancerArn: string): Promise<Listener[]> {
  const [{ DescribeListenersCommand }, client] = await Promise.all([loadSdk(), session.elbv2(region)]);
  const out = await client.send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn }));
  return (out.Listeners ?? [])
    .map((l) => ({
      arn: l.ListenerArn ?? '',
      protocol: l.Protocol,
      port: l.Port,
      targetGroupArns: (l.DefaultActions ?? []).flatMap((a) => [
        ...(a.TargetGroupArn ? [a.TargetGroupArn] : []),
        ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn ?? '').filter((arn) => arn && arn !== a.TargetGroupArn),
      ]),
    }))
    .sort((a, b) => (a.port ?? 0) - (b.port ?? 0));
}

/** The target groups of a load balancer, or of the whole region when no ARN is given. */
export async function listTargetGroups(session: AwsSession, region: string, loadBalancerArn?: string): Promise<TargetGroup[]> {
  const [{ DescribeTargetGroupsCommand }, client] = await Promise.all([loadSdk(), session.elbv2(region)]);
  const result: TargetGroup[] = [];
  let Marker: string | undefined;
  do {
    const out = await client.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: loadBalancerArn, Marker }));
    for (const g of out.TargetGroups ?? []) {
      result.push({
        region,
        arn: g.TargetGroupArn ?? '',
        name: g.TargetGroupName ?? '',
        protocol: g.Protocol,
        port: g.Port,
        vpcId: g.VpcId,
        healthCheckPath: g.HealthCheckPath,
        loadBalancerArns: g.LoadBalancerArns ?? [],
      });
    }
    Marker = out.NextMarker;
  } while (Marker);
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

export async function describeTargetHealth(session: AwsSession, region: string, targetGroupArn: string): Promise<TargetHealth[]> {
  const [{ DescribeTargetHealthCommand }, client] = await Promise.all([loadSdk(), session.elbv2(region)]);
  const out = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
  return (out.TargetHealthDescriptions ?? []).map((d) => ({
    instanceId: d.Target?.Id ?? '',
    port: d.Target?.Port,
    state: d.TargetHealth?.State ?? 'unknown',
    reasonCode: d.TargetHealth?.Reason || undefined,
    description: d.TargetHealth?.Description || undefined,
  }));
}

/** Why a target group name is refused, or undefined: 1 to 32 letters, digits and hyphens, no hyphen at either end. */
export function targetGroupNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9-]{1,32}$/.test(name)) {
    return l10n.t('A target group name is 1 to 32 letters, digits and hyphens ("{0}" is not).', name);
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    return l10n.t('A target group name cannot start or end with a hyphen.');
  }
  return undefined;
}

/** A health check path is an absolute path of the web server: "/", "/health". */
export function healthCheckPathProblem(path: string): string | undefined {
  return /^\/[\x21-\x7e]{0,1023}$/.test(path)
    ? undefined
    : l10n.t('A health check path starts with "/" and has no spaces (for example / or /health; got "{0}").', path);
}

export function portProblem(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535
    ? undefined
    : l10n.t('A port is a whole number from 1 to 65535 (got {0}).', port);
}

/** The subnets must be in at least two availability zones: AWS refuses an application load balancer with one. */
export function subnetZonesProblem(subnets: ReadonlyArray<{ id: string; availabilityZone?: string }>): string | undefined {
  const zones = new Set(subnets.map((s) => s.availabilityZone ?? s.id));
  if (subnets.length < 2) {
    return l10n.t('An application load balancer needs subnets in at least two availability zones: pick one more subnet.');
  }
  if (zones.size < 2) {
    return l10n.t(
      'An application load balancer needs subnets in at least two availability zones; these are all in {0}. Pick a subnet of another zone.',
      [...zones][0],
    );
  }
  // CreateLoadBalancer (elbv2) takes "only one subnet per Availability Zone" (its API reference, Subnets).
  const seen = new Map<string, string>();
  for (const s of subnets) {
    const zone = s.availabilityZone;
    const other = zone ? seen.get(zone) : undefined;
    if (zone && other !== undefined && other !== s.id) {
      return l10n.t(
        'An application load balancer takes one subnet per availability zone: {0} and {1} are both in {2}. Keep one of them.',
        other,
        s.id,
        zone,
      );
    }
    if (zone) seen.set(zone, s.id);
  }
  return undefined;
}

export interface ApplicationLoadBalancerSpec {
  readonly name: string;
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly securityGroupIds?: string[];
  /** The HTTP listener's port (80). */
  readonly listenerPort: number;
  readonly targetGroup: { readonly name: string; readonly port: number; readonly healthCheckPath: string };
}

const TG_ARN = '<target-group-arn>';
const LB_ARN = '<load-balancer-arn>';

function createInputs(
  lb: ApplicationLoadBalancerSpec,
  arns: { targetGroup: string; loadBalancer: string },
): { targetGroup: CreateTargetGroupCommandInput; loadBalancer: CreateLoadBalancerCommandInput; listener: CreateListenerCommandInput } {
  return {
    targetGroup: {
      Name: lb.targetGroup.name,
      Protocol: 'HTTP',
      Port: lb.targetGroup.port,
      VpcId: lb.vpcId,
      TargetType: 'instance',
      HealthCheckPath: lb.targetGroup.healthCheckPath,
      HealthCheckIntervalSeconds: 10,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
      Tags: [{ ...MANAGED_TAG }],
    },
    loadBalancer: {
      Name: lb.name,
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: lb.subnetIds,
      SecurityGroups: lb.securityGroupIds?.length ? lb.securityGroupIds : undefined,
      Tags: [{ ...MANAGED_TAG }],
    },
    listener: {
      LoadBalancerArn: arns.loadBalancer,
      Protocol: 'HTTP',
      Port: lb.listenerPort,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: arns.targetGroup }],
      Tags: [{ ...MANAGED_TAG }],
    },
  };
}

/** The three `aws elbv2` lines the creation stands for (the ARNs AWS returns are placeholders). */
export function createApplicationLoadBalancerCli(region: string, lb: ApplicationLoadBalancerSpec, profile: string): string {
  const inputs = createInputs(lb, { targetGroup: TG_ARN, loadBalancer: LB_ARN });
  return [
    cliLine({ service: 'elbv2', region, commandName: 'CreateTargetGroupCommand', input: { ...inputs.targetGroup } }, { profile }),
    cliLine({ service: 'elbv2', region, commandName: 'CreateLoadBalancerCommand', input: { ...inputs.loadBalancer } }, { profile }),
    cliLine({ service: 'elbv2', region, commandName: 'CreateListenerCommand', input: { ...inputs.listener } }, { profile }),
  ].join('\n');
}

export interface CreatedApplicationLoadBalancer {
  readonly arn: string;
  readonly dnsName: string;
  readonly targetGroupArn: string;
}

/**
 * Creates the target group, the load balancer, then its HTTP listener forwarding to the group. When
 * a later step fails, what the earlier ones created is deleted again, so nothing half made is left.
 */
export async function createApplicationLoadBalancer(
  session: AwsSession,
  region: string,
  lb: ApplicationLoadBalancerSpec,
): Promise<CreatedApplicationLoadBalancer> {
  const [sdk, client] = await Promise.all([loadSdk(), session.elbv2(region)]);
  const pending = createInputs(lb, { targetGroup: '', loadBalancer: '' });
  const group = await client.send(new sdk.CreateTargetGroupCommand(pending.targetGroup));
  const targetGroupArn = group.TargetGroups?.[0]?.TargetGroupArn ?? '';
  let arn = '';
  try {
    const created = await client.send(new sdk.CreateV2LoadBalancerCommand(pending.loadBalancer));
    arn = created.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
    const inputs = createInputs(lb, { targetGroup: targetGroupArn, loadBalancer: arn });
    await client.send(new sdk.CreateListenerCommand(inputs.listener));
    return { arn, dnsName: created.LoadBalancers?.[0]?.DNSName ?? '', targetGroupArn };
  } catch (error) {
    if (arn) {
      await client.send(new sdk.DeleteV2LoadBalancerCommand({ LoadBalancerArn: arn })).catch(() => undefined);
    }
    await client.send(new sdk.DeleteTargetGroupCommand({ TargetGroupArn: targetGroupArn })).catch(() => undefined);
    throw new UserError(
      l10n.t('The application load balancer {0} could not be created: {1} Nothing was left behind.', lb.name, describeError(error)),
      { cause: error },
    );
  }
}

export async function changeTargets(
  session: AwsSession,
  region: string,
  targetGroupArn: string,
  instanceIds: string[],
  register: boolean,
): Promise<void> {
  const [sdk, client] = await Promise.all([loadSdk(), session.elbv2(region)]);
  const input = { TargetGroupArn: targetGroupArn, Targets: instanceIds.map((Id) => ({ Id })) };
  await client.send(register ? new sdk.RegisterTargetsCommand(input) : new sdk.DeregisterTargetsCommand(input));
}

/** Deletes the listeners, then the load balancer (its target groups stay: see deleteTargetGroup). */
export async function deleteApplicationLoadBalancer(session: AwsSession, region: string, arn: string): Promise<void> {
  const [sdk, client] = await Promise.all([loadSdk(), session.elbv2(region)]);
  for (const listener of await listListeners(session, region, arn)) {
    await client.send(new sdk.DeleteListenerCommand({ ListenerArn: listener.arn }));
  }
  await client.send(new sdk.DeleteV2LoadBalancerCommand({ LoadBalancerArn: arn }));
}

/**
 * Deletes a target group. Right after its load balancer is deleted AWS may still say it is in use
 * for a few seconds: that answer is retried.
 */
export async function deleteTargetGroup(session: AwsSession, region: string, arn: string, retryDelayMs = 3000): Promise<void> {
  const [sdk, client] = await Promise.all([loadSdk(), session.elbv2(region)]);
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new sdk.DeleteTargetGroupCommand({ TargetGroupArn: arn }));
      return;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceInUseException' || attempt >= 5) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
  }
}
