// Classic load balancers (Elastic Load Balancing, 2012-06-01 API).
import * as l10n from '@vscode/l10n';
import type {
  ConfigureHealthCheckCommandInput,
  CreateAccessPointInput,
  LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import { type ApplicationLoadBalancer, listApplicationLoadBalancers } from './applicationLoadBalancers';
import { type AwsSession } from '../session/awsSession';
import { cliLine } from '../session/cliTranscript';
import { describeError, UserError } from '../session/errors';
import { loadSdk } from '../sdk/loadSdk';
import { MANAGED_TAG } from '../session/tags';

export interface ClassicLoadBalancer {
  readonly type: 'classic';
  readonly region: string;
  readonly name: string;
  readonly dnsName?: string;
  readonly vpcId?: string;
  readonly subnets: string[];
  readonly availabilityZones: string[];
  readonly securityGroups: string[];
  /** "HTTP 80 → HTTP 80". */
  readonly listeners: string[];
  readonly instanceIds: string[];
  readonly healthCheckTarget?: string;
  readonly raw: LoadBalancerDescription;
}

/** An instance's health as DescribeInstanceHealth reports it, with AWS's reason. */
export interface InstanceHealth {
  readonly instanceId: string;
  /** InService, OutOfService, Unknown. */
  readonly state: string;
  /** ELB or Instance: who the reason lies with. */
  readonly reasonCode?: string;
  /** "Instance has failed at least the UnhealthyThreshold number of health checks consecutively." */
  readonly description?: string;
}

/** Either kind of load balancer the explorer shows. */
export type LoadBalancer = ClassicLoadBalancer | ApplicationLoadBalancer;

export async function listLoadBalancers(session: AwsSession, region: string): Promise<ClassicLoadBalancer[]> {
  const [{ paginateDescribeLoadBalancers }, client] = await Promise.all([loadSdk(), session.elb(region)]);
  const result: ClassicLoadBalancer[] = [];
  for await (const page of paginateDescribeLoadBalancers({ client, pageSize: 400 }, {})) {
    for (const raw of page.LoadBalancerDescriptions ?? []) {
      result.push({
        type: 'classic',
        region,
        name: raw.LoadBalancerName ?? '',
        dnsName: raw.DNSName,
        vpcId: raw.VPCId,
        subnets: raw.Subnets ?? [],
        availabilityZones: raw.AvailabilityZones ?? [],
        securityGroups: raw.SecurityGroups ?? [],
        listeners: (raw.ListenerDescriptions ?? []).map(
          ({ Listener: l }) => `${l?.Protocol} ${l?.LoadBalancerPort} → ${l?.InstanceProtocol ?? l?.Protocol} ${l?.InstancePort}`,
        ),
        instanceIds: (raw.Instances ?? []).map((i) => i.InstanceId ?? '').filter(Boolean),
        healthCheckTarget: raw.HealthCheck?.Target,
        raw,
      });
    }
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

export async function describeInstanceHealth(session: AwsSession, region: string, loadBalancerName: string): Promise<InstanceHealth[]> {
  const [{ DescribeInstanceHealthCommand }, client] = await Promise.all([loadSdk(), session.elb(region)]);
  const out = await client.send(new DescribeInstanceHealthCommand({ LoadBalancerName: loadBalancerName }));
  return (out.InstanceStates ?? []).map((s) => ({
    instanceId: s.InstanceId ?? '',
    state: s.State ?? 'Unknown',
    reasonCode: s.ReasonCode && s.ReasonCode !== 'N/A' ? s.ReasonCode : undefined,
    description: s.Description && s.Description !== 'N/A' ? s.Description : undefined,
  }));
}

/** Classic and application load balancers of the region, side by side, sorted by name. */
export async function listAllLoadBalancers(session: AwsSession, region: string): Promise<LoadBalancer[]> {
  const [classic, application] = await Promise.all([listLoadBalancers(session, region), listApplicationLoadBalancers(session, region)]);
  return [...classic, ...application].sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
}

/** The load balancer of either type with this name, or undefined. */
export async function findAnyLoadBalancer(session: AwsSession, region: string, name: string): Promise<LoadBalancer | undefined> {
  return (await listAllLoadBalancers(session, region)).find((lb) => lb.name === name);
}

/** "InService", or "OutOfService: Instance has failed at least the UnhealthyThreshold number of health checks consecutively." */
export function healthLine(h: { state: string; description?: string; reasonCode?: string }): string {
  const why = h.description ?? h.reasonCode;
  return why ? `${h.state}: ${why}` : h.state;
}

export interface ListenerSpec {
  readonly protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  readonly loadBalancerPort: number;
  readonly instanceProtocol?: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  readonly instancePort: number;
}

/**
 * Why a load balancer name is refused, or undefined: 1 to 32 letters, digits and hyphens, no hyphen
 * at either end; an application load balancer's cannot start with "internal-" (AWS keeps it for
 * the DNS names of internal balancers).
 */
export function loadBalancerNameProblem(name: string, type: 'classic' | 'application' = 'classic'): string | undefined {
  if (!/^[A-Za-z0-9-]{1,32}$/.test(name)) {
    return l10n.t('A load balancer name is 1 to 32 letters, digits and hyphens ("{0}" is not).', name);
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    return l10n.t('A load balancer name cannot start or end with a hyphen.');
  }
  if (type === 'application' && name.toLowerCase().startsWith('internal-')) {
    return l10n.t('An application load balancer name cannot start with "internal-".');
  }
  return undefined;
}

/** Health check target as ELB writes it: HTTP:80/ or TCP:22. */
export function healthCheckProblem(target: string): string | undefined {
  return /^(HTTP|HTTPS):\d{1,5}\/\S*$|^(TCP|SSL):\d{1,5}$/.test(target)
    ? undefined
    : l10n.t('"{0}" is not a health check target (for example HTTP:80/ or TCP:22).', target);
}

export interface ClassicLoadBalancerSpec {
  readonly name: string;
  readonly subnetIds: string[];
  readonly listeners: ListenerSpec[];
  readonly securityGroupIds?: string[];
  readonly healthCheckTarget: string;
}

function createInputs(lb: ClassicLoadBalancerSpec): { create: CreateAccessPointInput; healthCheck: ConfigureHealthCheckCommandInput } {
  return {
    create: {
      LoadBalancerName: lb.name,
      Subnets: lb.subnetIds,
      SecurityGroups: lb.securityGroupIds?.length ? lb.securityGroupIds : undefined,
      Listeners: lb.listeners.map((l) => ({
        Protocol: l.protocol,
        LoadBalancerPort: l.loadBalancerPort,
        InstanceProtocol: l.instanceProtocol ?? l.protocol,
        InstancePort: l.instancePort,
      })),
      Tags: [{ ...MANAGED_TAG }],
    },
    healthCheck: {
      LoadBalancerName: lb.name,
      HealthCheck: { Target: lb.healthCheckTarget, Interval: 10, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 2 },
    },
  };
}

/** The two `aws elb` lines the creation stands for, for the wizard's summary. */
export function createLoadBalancerCli(region: string, lb: ClassicLoadBalancerSpec, profile: string): string {
  const { create, healthCheck } = createInputs(lb);
  return [
    cliLine({ service: 'elb', region, commandName: 'CreateLoadBalancerCommand', input: { ...create } }, { profile }),
    cliLine({ service: 'elb', region, commandName: 'ConfigureHealthCheckCommand', input: { ...healthCheck } }, { profile }),
  ].join('\n');
}

export async function createLoadBalancer(session: AwsSession, region: string, lb: ClassicLoadBalancerSpec): Promise<string> {
  const [sdk, client] = await Promise.all([loadSdk(), session.elb(region)]);
  const { create, healthCheck } = createInputs(lb);
  const out = await client.send(new sdk.CreateLoadBalancerCommand(create));
  try {
    await client.send(new sdk.ConfigureHealthCheckCommand(healthCheck));
  } catch (error) {
    throw new UserError(
      l10n.t(
        'The load balancer {0} was created, but its health check could not be set ({1}). Set it from the AWS console or delete the load balancer.',
        lb.name,
        describeError(error),
      ),
      { cause: error },
    );
  }
  return out.DNSName ?? '';
}

export async function changeRegistration(
  session: AwsSession,
  region: string,
  name: string,
  instanceIds: string[],
  register: boolean,
): Promise<void> {
  const [sdk, client] = await Promise.all([loadSdk(), session.elb(region)]);
  const input = { LoadBalancerName: name, Instances: instanceIds.map((InstanceId) => ({ InstanceId })) };
  await client.send(
    register ? new sdk.RegisterInstancesWithLoadBalancerCommand(input) : new sdk.DeregisterInstancesFromLoadBalancerCommand(input),
  );
}

export async function deleteLoadBalancer(session: AwsSession, region: string, name: string): Promise<void> {
  const [{ DeleteLoadBalancerCommand }, client] = await Promise.all([loadSdk(), session.elb(region)]);
  await client.send(new DeleteLoadBalancerCommand({ LoadBalancerName: name }));
}
