// VPCs, subnets and security groups.
import type { IpPermission, SecurityGroup, Subnet, Vpc } from '@aws-sdk/client-ec2';
import { AwsSession } from './awsSession';
import { loadSdk } from './loadSdk';

export interface Ec2Vpc {
  readonly region: string;
  readonly id: string;
  readonly name?: string;
  readonly cidr?: string;
  readonly isDefault: boolean;
  readonly raw: Vpc;
}

export interface Ec2Subnet {
  readonly region: string;
  readonly id: string;
  readonly name?: string;
  readonly vpcId?: string;
  readonly cidr?: string;
  readonly availabilityZone?: string;
  readonly defaultForAz: boolean;
  readonly freeAddresses?: number;
  readonly raw: Subnet;
}

export interface Ec2SecurityGroup {
  readonly region: string;
  readonly id: string;
  readonly name?: string;
  readonly vpcId?: string;
  readonly description?: string;
  /** Inbound rules, readable: "tcp 22 from 0.0.0.0/0". */
  readonly inbound: string[];
  readonly raw: SecurityGroup;
}

const nameTag = (tags?: Array<{ Key?: string; Value?: string }>) => tags?.find((t) => t.Key === 'Name')?.Value || undefined;

export async function listVpcs(session: AwsSession, region: string): Promise<Ec2Vpc[]> {
  const [{ DescribeVpcsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeVpcsCommand({}));
  return (out.Vpcs ?? [])
    .map((v) => ({ region, id: v.VpcId ?? '', name: nameTag(v.Tags), cidr: v.CidrBlock, isDefault: !!v.IsDefault, raw: v }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.id.localeCompare(b.id));
}

export async function listSubnets(session: AwsSession, region: string): Promise<Ec2Subnet[]> {
  const [{ DescribeSubnetsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeSubnetsCommand({}));
  return (out.Subnets ?? [])
    .map((s) => ({
      region,
      id: s.SubnetId ?? '',
      name: nameTag(s.Tags),
      vpcId: s.VpcId,
      cidr: s.CidrBlock,
      availabilityZone: s.AvailabilityZone,
      defaultForAz: !!s.DefaultForAz,
      freeAddresses: s.AvailableIpAddressCount,
      raw: s,
    }))
    .sort((a, b) => Number(b.defaultForAz) - Number(a.defaultForAz) || (a.availabilityZone ?? '').localeCompare(b.availabilityZone ?? ''));
}

export async function listSecurityGroups(session: AwsSession, region: string): Promise<Ec2SecurityGroup[]> {
  const [{ DescribeSecurityGroupsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeSecurityGroupsCommand({}));
  return (out.SecurityGroups ?? [])
    .map((g) => ({
      region,
      id: g.GroupId ?? '',
      name: g.GroupName,
      vpcId: g.VpcId,
      description: g.Description,
      inbound: (g.IpPermissions ?? []).flatMap(describePermission),
      raw: g,
    }))
    .sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id));
}

/** One readable line per source of an inbound rule: "tcp 22 from 0.0.0.0/0", "all traffic from sg-123". */
export function describePermission(p: IpPermission): string[] {
  const protocol = p.IpProtocol === '-1' ? 'all traffic' : (p.IpProtocol ?? '?');
  let ports = '';
  if (p.IpProtocol !== '-1' && p.FromPort !== undefined) {
    ports = p.FromPort === p.ToPort ? ` ${p.FromPort}` : ` ${p.FromPort}-${p.ToPort}`;
    if (p.FromPort === -1) {
      ports = '';
    }
  }
  const sources = [
    ...(p.IpRanges ?? []).map((r) => r.CidrIp),
    ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
    ...(p.UserIdGroupPairs ?? []).map((g) => g.GroupId),
    ...(p.PrefixListIds ?? []).map((l) => l.PrefixListId),
  ].filter((s): s is string => !!s);
  return (sources.length ? sources : ['nowhere']).map((source) => `${protocol}${ports} from ${source}`);
}
