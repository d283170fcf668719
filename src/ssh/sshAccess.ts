// Whether an instance's security groups let SSH (TCP 22) in from an address, and the fix.
import * as l10n from '@vscode/l10n';
import type { IpPermission } from '@aws-sdk/client-ec2';
import { AwsSession } from '../aws/awsSession';
import { loadSdk } from '../aws/loadSdk';

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    return undefined;
  }
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
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

function allowsSshFrom(p: IpPermission, address: string): boolean {
  const protocolOk = p.IpProtocol === '-1' || p.IpProtocol === 'tcp' || p.IpProtocol === '6';
  const portOk = p.IpProtocol === '-1' || ((p.FromPort ?? 0) <= 22 && 22 <= (p.ToPort ?? 65535));
  return protocolOk && portOk && (p.IpRanges ?? []).some((r) => r.CidrIp && cidrContains(r.CidrIp, address));
}

/** True when one of the groups lets TCP 22 in from `address` (a rule for 0.0.0.0/0 counts). */
export async function sshAllowedFrom(session: AwsSession, region: string, groupIds: string[], address: string): Promise<boolean> {
  if (groupIds.length === 0) {
    return false;
  }
  const [{ DescribeSecurityGroupsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
  return (out.SecurityGroups ?? []).some((g) => (g.IpPermissions ?? []).some((p) => allowsSshFrom(p, address)));
}

export async function allowSshFrom(session: AwsSession, region: string, groupId: string, cidr: string): Promise<void> {
  const [{ AuthorizeSecurityGroupIngressCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  await client.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr, Description: 'SSH from EC2 Workbench user' }] }],
    }),
  );
}

/** This machine's public IPv4 address as seen from the internet (the lookup URL is a setting). */
export async function lookUpPublicAddress(url: string, timeoutMs = 5000): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = (await res.text()).trim();
  if (!res.ok || ipv4ToInt(text) === undefined) {
    throw new Error(l10n.t('{0} did not answer with an IPv4 address.', url));
  }
  return text;
}
