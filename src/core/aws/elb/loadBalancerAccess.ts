// Whether traffic can reach a load balancer and go on to its instances, and the fixes. On a real
// account a balancer created without a group gets the VPC's default group, which lets nothing in
// from the internet (the load test then hangs), and instances whose groups do not admit the
// balancer stay OutOfService. Both are checked before the work is done, and the fix is offered.
import type { IpPermission } from '@aws-sdk/client-ec2';
import { type AwsSession } from '../session/awsSession';
import { listInstances } from '../ec2/instances';
import { loadSdk } from '../sdk/loadSdk';
import { admits, cidrContains } from '../ec2/network';
import { MANAGED_TAG } from '../session/tags';

export interface GroupRules {
  readonly id: string;
  readonly name?: string;
  readonly vpcId?: string;
  readonly permissions: IpPermission[];
}

async function describeGroups(session: AwsSession, region: string, groupIds: string[]): Promise<GroupRules[]> {
  if (groupIds.length === 0) {
    return [];
  }
  const [{ DescribeSecurityGroupsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
  return (out.SecurityGroups ?? []).map((g) => ({
    id: g.GroupId ?? '',
    name: g.GroupName,
    vpcId: g.VpcId,
    permissions: g.IpPermissions ?? [],
  }));
}

/** The VPC's default group: what AWS gives a load balancer created without one. */
export async function defaultGroupOf(session: AwsSession, region: string, vpcId: string): Promise<string | undefined> {
  const [{ DescribeSecurityGroupsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'group-name', Values: ['default'] },
      ],
    }),
  );
  return out.SecurityGroups?.[0]?.GroupId;
}

export interface BalancerIngress {
  /** The groups the balancer has (or will have: the VPC's default group when none is given). */
  readonly groups: GroupRules[];
  /** True when one of them lets TCP `port` in from everyone (or from `address`). */
  readonly admitted: boolean;
  /**
   * A classic balancer made without a group in the default VPC: Elastic Load Balancing gives it its
   * own `default_elb_<id>` group (one per account, made with rules for the listener ports), not
   * the VPC's `default` group. "new": that group does not exist yet and will open the port.
   */
  readonly elbProvided?: 'new' | 'existing';
}

/** The name Elastic Load Balancing gives the group it makes for classic balancers in the default VPC. */
export const ELB_PROVIDED_GROUP = /^default_elb_/;

async function isDefaultVpc(session: AwsSession, region: string, vpcId: string): Promise<boolean> {
  const [{ DescribeVpcsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  return out.Vpcs?.[0]?.IsDefault === true;
}

/** The `default_elb_*` groups of the VPC (AWS makes one per account), those that admit `port` first. */
async function elbProvidedGroups(session: AwsSession, region: string, vpcId: string, port: number): Promise<GroupRules[]> {
  const [{ DescribeSecurityGroupsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'group-name', Values: ['default_elb_*'] },
      ],
    }),
  );
  return (out.SecurityGroups ?? [])
    .filter((g) => ELB_PROVIDED_GROUP.test(g.GroupName ?? ''))
    .map((g) => ({ id: g.GroupId ?? '', name: g.GroupName, vpcId: g.VpcId, permissions: g.IpPermissions ?? [] }))
    .sort((a, b) => Number(admits(b.permissions, port)) - Number(admits(a.permissions, port)));
}

/**
 * Whether the balancer's groups let its listener port in from the internet (or from `address`).
 * Without groups: a classic balancer in the default VPC gets Elastic Load Balancing's `default_elb_*`
 * group (AWS's ELB guide, "Configure security groups for your Classic Load Balancer"), any other the
 * VPC's `default` group.
 */
export async function balancerIngress(
  session: AwsSession,
  region: string,
  opts: { groupIds?: string[]; vpcId?: string; port: number; address?: string; type?: 'classic' | 'application' },
): Promise<BalancerIngress> {
  let ids = opts.groupIds ?? [];
  if (ids.length === 0 && opts.vpcId && opts.type === 'classic' && (await isDefaultVpc(session, region, opts.vpcId))) {
    const provided = await elbProvidedGroups(session, region, opts.vpcId, opts.port);
    if (provided.length === 0) {
      // Made with the creation, with rules for the listener ports.
      return { groups: [], admitted: true, elbProvided: 'new' };
    }
    const admitted = admits(provided[0].permissions, opts.port);
    return { groups: [provided[0]], admitted, elbProvided: 'existing' };
  }
  if (ids.length === 0 && opts.vpcId) {
    const fallback = await defaultGroupOf(session, region, opts.vpcId);
    ids = fallback ? [fallback] : [];
  }
  const groups = await describeGroups(session, region, ids);
  const admitted = groups.some(
    (g) => admits(g.permissions, opts.port) || (opts.address !== undefined && admits(g.permissions, opts.port, opts.address)),
  );
  return { groups, admitted };
}

/** The name of a new "HTTP <port> from everyone" group: the same one in the summary and in the call. */
export function openGroupName(port: number, now: number = Date.now()): string {
  return `ec2-workbench-http-${port}-${now.toString(36)}`;
}

/** The CreateSecurityGroup request of that group (the summary's CLI line is built from it too). */
export function createOpenGroupInput(vpcId: string, port: number, name: string) {
  return {
    GroupName: name,
    Description: `HTTP ${port} from everyone, for a load balancer (EC2 Workbench)`,
    VpcId: vpcId,
    TagSpecifications: [{ ResourceType: 'security-group' as const, Tags: [{ Key: 'Name', Value: name }, { ...MANAGED_TAG }] }],
  };
}

/** The AuthorizeSecurityGroupIngress request that lets TCP `port` in from everyone. */
export function allowFromEveryoneInput(groupId: string, port: number) {
  return {
    GroupId: groupId,
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTP from everyone' }] },
    ],
  };
}

/** A new group of the VPC that lets TCP `port` in from everyone ("HTTP 80 from everyone"), tagged for the clean-up. */
export async function createOpenGroup(
  session: AwsSession,
  region: string,
  vpcId: string,
  port: number,
  name: string = openGroupName(port),
): Promise<string> {
  const [sdk, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new sdk.CreateSecurityGroupCommand(createOpenGroupInput(vpcId, port, name)));
  const groupId = out.GroupId ?? '';
  await allowFromEveryone(session, region, groupId, port);
  return groupId;
}

export async function allowFromEveryone(session: AwsSession, region: string, groupId: string, port: number): Promise<void> {
  const [{ AuthorizeSecurityGroupIngressCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  await client.send(new AuthorizeSecurityGroupIngressCommand(allowFromEveryoneInput(groupId, port)));
}

/** True when a rule lets TCP `port` in from one of the groups or from an address range covering one of the subnets. */
export function admitsBalancer(
  permissions: IpPermission[],
  port: number,
  balancer: { groupIds: readonly string[]; subnetCidrs: readonly string[] },
): boolean {
  return permissions.some((p) => {
    const protocolOk = p.IpProtocol === '-1' || p.IpProtocol === 'tcp' || p.IpProtocol === '6';
    const portOk = p.IpProtocol === '-1' || ((p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535));
    const fromGroup = (p.UserIdGroupPairs ?? []).some((g) => g.GroupId && balancer.groupIds.includes(g.GroupId));
    const fromRange = (p.IpRanges ?? []).some(
      (r) =>
        r.CidrIp &&
        balancer.subnetCidrs.some((subnet) => {
          const [base, bits] = subnet.split('/');
          return Number(r.CidrIp!.split('/')[1] ?? 32) <= Number(bits ?? 32) && cidrContains(r.CidrIp!, base);
        }),
    );
    return protocolOk && portOk && (fromGroup || fromRange);
  });
}

export interface ClosedInstance {
  readonly instanceId: string;
  readonly name?: string;
  /** The group a rule can be added to (the instance's first). */
  readonly groupId?: string;
}

/** The instances none of whose groups lets the balancer (its groups, or its subnets' ranges) in on `port`. */
export async function instancesClosedToBalancer(
  session: AwsSession,
  region: string,
  instanceIds: string[],
  balancer: { groupIds: string[]; subnetCidrs: string[]; port: number },
): Promise<ClosedInstance[]> {
  const instances = await listInstances(session, region, instanceIds);
  const groups = await describeGroups(session, region, [...new Set(instances.flatMap((i) => i.securityGroups.map((g) => g.id)))]);
  const byId = new Map(groups.map((g) => [g.id, g]));
  return instances
    .filter((i) => !i.securityGroups.some((g) => admitsBalancer(byId.get(g.id)?.permissions ?? [], balancer.port, balancer)))
    .map((i) => ({ instanceId: i.id, name: i.name, groupId: i.securityGroups[0]?.id }));
}

/** Adds "TCP `port` from the balancer's group" to an instance's group. */
export async function allowFromGroup(
  session: AwsSession,
  region: string,
  groupId: string,
  sourceGroupId: string,
  port: number,
): Promise<void> {
  const [{ AuthorizeSecurityGroupIngressCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  await client.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          UserIdGroupPairs: [{ GroupId: sourceGroupId, Description: 'From the load balancer' }],
        },
      ],
    }),
  );
}
