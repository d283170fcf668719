// The tree's and the prices' reads other than instances, by name: the listing worker runs them
// (listWorker.ts, with its own SDK session), so showing a group or pricing a region never loads the
// AWS SDK on the extension host's thread; OffThreadLister.read() runs the same function in the host
// when no worker could start. Values cross threads by structured clone: plain data only.
import { listAddresses } from '../aws/ec2/addresses';
import { type AwsSession } from '../aws/session/awsSession';
import { listAutoStops } from '../aws/cloudwatch/autoStop';
import { listKeyPairs } from '../aws/ec2/keyPairs';
import { listAllLoadBalancers } from '../aws/elb/classicLoadBalancers';
import { listSecurityGroups, listSubnets, listVpcs } from '../aws/ec2/network';
import { fetchProducts, type PriceKey } from '../aws/pricing/pricing';
import { listVolumes } from '../aws/ec2/volumes';

export const reads = {
  keyPairs: (session: AwsSession, region: string) => listKeyPairs(session, region),
  volumes: (session: AwsSession, region: string) => listVolumes(session, region),
  loadBalancers: (session: AwsSession, region: string) => listAllLoadBalancers(session, region),
  vpcs: (session: AwsSession, region: string) => listVpcs(session, region),
  subnets: (session: AwsSession, region: string) => listSubnets(session, region),
  securityGroups: (session: AwsSession, region: string) => listSecurityGroups(session, region),
  addresses: (session: AwsSession, region: string) => listAddresses(session, region),
  autoStops: (session: AwsSession, region: string) => listAutoStops(session, region),
  /** The Price List API's products for a price key (`key`) in the region. */
  products: (session: AwsSession, region: string, key?: string) => fetchProducts(session, region, key as PriceKey),
};

export type ReadKind = keyof typeof reads;
export type ReadValue<K extends ReadKind> = Awaited<ReturnType<(typeof reads)[K]>>;

/** Runs a read in this thread. */
export function readHere<K extends ReadKind>(kind: K, session: AwsSession, region: string, key?: string): Promise<ReadValue<K>> {
  return (reads[kind] as (s: AwsSession, r: string, k?: string) => Promise<ReadValue<K>>)(session, region, key);
}
