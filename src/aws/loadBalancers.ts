// Classic load balancers (Elastic Load Balancing, 2012-06-01 API).
import type { LoadBalancerDescription } from '@aws-sdk/client-elastic-load-balancing';
import { AwsSession } from './awsSession';
import { loadSdk } from './loadSdk';

export interface ClassicLoadBalancer {
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

export interface InstanceHealth {
  readonly instanceId: string;
  readonly state: string;
  readonly reason?: string;
}

export async function listLoadBalancers(session: AwsSession, region: string): Promise<ClassicLoadBalancer[]> {
  const [{ paginateDescribeLoadBalancers }, client] = await Promise.all([loadSdk(), session.elb(region)]);
  const result: ClassicLoadBalancer[] = [];
  for await (const page of paginateDescribeLoadBalancers({ client, pageSize: 400 }, {})) {
    for (const raw of page.LoadBalancerDescriptions ?? []) {
      result.push({
        region,
        name: raw.LoadBalancerName ?? '',
        dnsName: raw.DNSName,
        vpcId: raw.VPCId,
        subnets: raw.Subnets ?? [],
        availabilityZones: raw.AvailabilityZones ?? [],
        securityGroups: raw.SecurityGroups ?? [],
        listeners: (raw.ListenerDescriptions ?? []).map(({ Listener: l }) =>
          `${l?.Protocol} ${l?.LoadBalancerPort} → ${l?.InstanceProtocol ?? l?.Protocol} ${l?.InstancePort}`,
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
    reason: s.Description && s.Description !== 'N/A' ? s.Description : s.ReasonCode && s.ReasonCode !== 'N/A' ? s.ReasonCode : undefined,
  }));
}
