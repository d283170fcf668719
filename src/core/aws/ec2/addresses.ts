// Elastic IP addresses (DescribeAddresses): AWS bills each one by the hour, attached or not.
import { type AwsSession } from '../session/awsSession';
import { loadSdk } from '../sdk/loadSdk';

export interface ElasticIp {
  readonly region: string;
  readonly publicIp: string;
  readonly allocationId?: string;
  /** Set when the address is associated with an instance or a network interface. */
  readonly associationId?: string;
  readonly instanceId?: string;
}

export async function listAddresses(session: AwsSession, region: string): Promise<ElasticIp[]> {
  const [{ DescribeAddressesCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeAddressesCommand({}));
  return (out.Addresses ?? [])
    .filter((a) => a.PublicIp)
    .map((a) => ({
      region,
      publicIp: a.PublicIp!,
      allocationId: a.AllocationId,
      associationId: a.AssociationId,
      instanceId: a.InstanceId || undefined,
    }));
}
