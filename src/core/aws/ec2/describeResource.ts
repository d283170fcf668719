// The describe-* record of one resource, found by the shape of its id (for "Show details").
import * as l10n from '@vscode/l10n';
import { type AwsSession } from '../session/awsSession';
import { loadSdk } from '../sdk/loadSdk';
import { UserError } from '../session/errors';

export async function describeResource(session: AwsSession, region: string, resourceId: string): Promise<unknown> {
  const sdk = await loadSdk();
  const ec2 = () => session.ec2(region);
  const first = <T>(items: T[] | undefined): T => {
    if (!items?.length) {
      throw new UserError(l10n.t('{0} was not found in {1}. It may have been deleted: refresh the view.', resourceId, region));
    }
    return items[0];
  };
  const prefix = /^([a-z]+)-[0-9a-f]+$/.exec(resourceId)?.[1];
  switch (prefix) {
    case 'i':
      return first(
        (await (await ec2()).send(new sdk.DescribeInstancesCommand({ InstanceIds: [resourceId] }))).Reservations?.[0]?.Instances,
      );
    case 'vol':
      return first((await (await ec2()).send(new sdk.DescribeVolumesCommand({ VolumeIds: [resourceId] }))).Volumes);
    case 'vpc':
      return first((await (await ec2()).send(new sdk.DescribeVpcsCommand({ VpcIds: [resourceId] }))).Vpcs);
    case 'subnet':
      return first((await (await ec2()).send(new sdk.DescribeSubnetsCommand({ SubnetIds: [resourceId] }))).Subnets);
    case 'sg':
      return first((await (await ec2()).send(new sdk.DescribeSecurityGroupsCommand({ GroupIds: [resourceId] }))).SecurityGroups);
    case 'key':
      return first((await (await ec2()).send(new sdk.DescribeKeyPairsCommand({ KeyPairIds: [resourceId] }))).KeyPairs);
  }
  // Otherwise a name: a key pair or a classic load balancer.
  const keyPairs = (await (await ec2()).send(new sdk.DescribeKeyPairsCommand({}))).KeyPairs ?? [];
  const keyPair = keyPairs.find((k) => k.KeyName === resourceId);
  if (keyPair) {
    return keyPair;
  }
  const elb = await session.elb(region);
  const lbs = (await elb.send(new sdk.DescribeLoadBalancersCommand({}))).LoadBalancerDescriptions ?? [];
  return first(lbs.filter((lb) => lb.LoadBalancerName === resourceId));
}
