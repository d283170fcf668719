// Before a load test: is at least one instance behind the balancer in service? A test on a balancer
// whose instances are all out of service only collects errors (or hangs), so it is refused with
// AWS's reasons instead.
import * as l10n from '@vscode/l10n';
import { describeTargetHealth, listTargetGroups } from './applicationLoadBalancers';
import { type AwsSession } from '../session/awsSession';
import { describeInstanceHealth, healthLine, type LoadBalancer, listAllLoadBalancers } from './classicLoadBalancers';

/** The region in an ELB DNS name: lab-elb-123.eu-west-3.elb.amazonaws.com → eu-west-3. */
export function regionOfElbHost(host: string): string | undefined {
  return /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.elb\.amazonaws\.com\.?$/i.exec(host)?.[1]?.toLowerCase();
}

/** The load balancer (either type) whose DNS name is `host`, looked for in the given regions and the one its name says. */
export async function balancerForHost(session: AwsSession, host: string, regions: string[] = []): Promise<LoadBalancer | undefined> {
  const lower = host.toLowerCase().replace(/\.$/, '');
  const candidates = [...new Set([...regions, regionOfElbHost(lower)].filter((r): r is string => !!r))];
  for (const region of candidates) {
    const found = (await listAllLoadBalancers(session, region)).find((lb) => lb.dnsName?.toLowerCase() === lower);
    if (found) {
      return found;
    }
  }
  return undefined;
}

export interface BalancerHealth {
  /** Instances (targets) in service: InService for a classic balancer, healthy for an application one. */
  readonly inService: number;
  /** "web-1 (i-0abc): OutOfService: Instance has failed at least the UnhealthyThreshold number of health checks consecutively." */
  readonly lines: string[];
}

export async function balancerHealth(
  session: AwsSession,
  lb: LoadBalancer,
  names: (instanceId: string) => string | undefined = () => undefined,
): Promise<BalancerHealth> {
  const label = (id: string) => (names(id) ? `${names(id)} (${id})` : id);
  if (lb.type === 'classic') {
    const health = await describeInstanceHealth(session, lb.region, lb.name);
    return {
      inService: health.filter((h) => h.state === 'InService').length,
      lines: health.map((h) => `${label(h.instanceId)}: ${healthLine(h)}`),
    };
  }
  const groups = await listTargetGroups(session, lb.region, lb.arn);
  const health = (await Promise.all(groups.map((g) => describeTargetHealth(session, lb.region, g.arn)))).flat();
  return {
    inService: health.filter((h) => h.state === 'healthy').length,
    lines: health.map((h) => `${label(h.instanceId)}: ${healthLine(h)}`),
  };
}

/** Why a load test on `lb` would only collect errors, or undefined when an instance is in service. */
export function notInServiceProblem(lb: LoadBalancer, health: BalancerHealth): string | undefined {
  if (health.inService > 0) {
    return undefined;
  }
  if (health.lines.length === 0) {
    return l10n.t(
      'No instance is registered with {0}, so every request would fail. Register instances first (EC2: Register Instances), then run the test again.',
      lb.name,
    );
  }
  return l10n.t(
    'No instance behind {0} is in service, so every request would fail: {1} Check that the instances run a web server and that their security group lets the load balancer in, then run the test again.',
    lb.name,
    health.lines.map((l) => (/[.!]$/.test(l) ? l : `${l}.`)).join(' '),
  );
}
