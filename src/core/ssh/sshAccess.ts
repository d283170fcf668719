// Whether an instance's security groups let SSH (TCP 22) in from an address, and the fix.
import * as l10n from '@vscode/l10n';
import { type AwsSession } from '../aws/session/awsSession';
import { loadSdk } from '../aws/sdk/loadSdk';
import { admits, isIpv4 } from '../aws/ec2/network';

/** True when one of the groups lets TCP 22 in from `address` (a rule for 0.0.0.0/0 counts). */
export async function sshAllowedFrom(session: AwsSession, region: string, groupIds: string[], address: string): Promise<boolean> {
  if (groupIds.length === 0) {
    return false;
  }
  const [{ DescribeSecurityGroupsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
  return (out.SecurityGroups ?? []).some((g) => admits(g.IpPermissions, 22, address));
}

export async function allowSshFrom(session: AwsSession, region: string, groupId: string, cidr: string): Promise<void> {
  const [{ AuthorizeSecurityGroupIngressCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  await client.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr, Description: 'SSH from EC2 Workbench user' }] },
      ],
    }),
  );
}

/** This machine's public IPv4 address as seen from the internet (the lookup URL is a setting). */
export async function lookUpPublicAddress(url: string, timeoutMs = 5000): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = (await res.text()).trim();
  if (!res.ok || !isIpv4(text)) {
    throw new Error(l10n.t('{0} did not answer with an IPv4 address.', url));
  }
  return text;
}
