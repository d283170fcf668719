// VPCs, subnets and security groups.
import * as l10n from '@vscode/l10n';
import type { IpPermission, SecurityGroup, Subnet, Vpc } from '@aws-sdk/client-ec2';
import { type AwsSession } from '../session/awsSession';
import { loadSdk } from '../sdk/loadSdk';
import { nameTag } from '../session/tags';

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

/** The zones of the region this account can use (their letters map to different physical zones per account). */
export async function listAvailabilityZones(session: AwsSession, region: string): Promise<string[]> {
  const [{ DescribeAvailabilityZonesCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }] }));
  return (out.AvailabilityZones ?? [])
    .filter((z) => z.State === 'available' && z.ZoneName)
    .map((z) => z.ZoneName!)
    .sort();
}

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

/**
 * True when one of the rules lets TCP `port` in from `address`, or from everyone (0.0.0.0/0) when
 * no address is given. "All traffic" rules count.
 */
export function admits(permissions: IpPermission[] | undefined, port: number, address?: string): boolean {
  return (permissions ?? []).some((p) => {
    const protocolOk = p.IpProtocol === '-1' || p.IpProtocol === 'tcp' || p.IpProtocol === '6';
    const portOk = p.IpProtocol === '-1' || ((p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535));
    const sourceOk = (p.IpRanges ?? []).some((r) => r.CidrIp && (address ? cidrContains(r.CidrIp, address) : r.CidrIp === '0.0.0.0/0'));
    return protocolOk && portOk && sourceOk;
  });
}

/** True when a rule lets TCP `port` in from anywhere at all (some address, group or prefix list). */
export function opensPort(permissions: IpPermission[] | undefined, port: number): boolean {
  return (permissions ?? []).some(
    (p) =>
      p.IpProtocol === '-1' ||
      ((p.IpProtocol === 'tcp' || p.IpProtocol === '6') && (p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535)),
  );
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    return undefined;
  }
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function isIpv4(text: string): boolean {
  return ipv4ToInt(text) !== undefined;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? 32);
  const a = ipv4ToInt(base);
  const b = ipv4ToInt(ip);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) {
    return false;
  }
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (a & mask) === (b & mask);
}

/** One readable line per source of an inbound rule: "tcp 22 from 0.0.0.0/0", "all traffic from sg-123". */
export function describePermission(p: IpPermission): string[] {
  const protocol = p.IpProtocol === '-1' ? l10n.t('all traffic') : (p.IpProtocol ?? '?');
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
  return (sources.length ? sources : [l10n.t('nowhere')]).map((source) =>
    l10n.t({
      message: '{0}{1} from {2}',
      args: [protocol, ports, source],
      comment: ['A security group rule: protocol, ports with a leading space (may be empty), source: "tcp 22 from 0.0.0.0/0"'],
    }),
  );
}
