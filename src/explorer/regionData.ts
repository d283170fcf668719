// What the explorer knows about one region: each kind of resource is fetched on first need and
// kept until invalidated, so a region's nodes share one call per kind.
import { type AwsSession } from '../core/aws/session/awsSession';
import { listerFor } from '../core/listing/offThreadLister';
import { type AutoStopAlarm } from '../core/aws/cloudwatch/autoStop';
import { type Ec2Instance, type InstanceFilter } from '../core/aws/ec2/instances';
import { type InstanceSummary } from '../core/listing/instanceSummary';
import { type Ec2KeyPair } from '../core/aws/ec2/keyPairs';
import { type LoadBalancer } from '../core/aws/elb/classicLoadBalancers';
import { type Ec2SecurityGroup, type Ec2Subnet, type Ec2Vpc } from '../core/aws/ec2/network';
import { type Ec2Volume } from '../core/aws/ec2/volumes';
import { type ReadKind, type ReadValue } from '../core/listing/reads';

/** Read in the listing worker, which loads the SDK on its own thread (reads.ts). */
const read =
  <K extends ReadKind>(kind: K) =>
  (session: AwsSession, region: string): Promise<ReadValue<K>> =>
    listerFor(session).read(kind, region);

const loaders = {
  // Off the extension host's thread, page by page (see offThreadLister.ts): what the rows show,
  // the full records kept in the listing worker (details()).
  instances: (session: AwsSession, region: string, onPage?: (page: InstanceSummary[]) => void) =>
    listerFor(session).listShown(region, onPage),
  keyPairs: read('keyPairs'),
  volumes: read('volumes'),
  loadBalancers: read('loadBalancers'),
  vpcs: read('vpcs'),
  subnets: read('subnets'),
  securityGroups: read('securityGroups'),
  // EC2 Workbench's stop-when-idle alarms: asked only when an instance's tooltip needs one.
  autoStops: read('autoStops'),
};

export type ResourceKind = keyof typeof loaders;

interface Resources {
  instances: InstanceSummary[];
  keyPairs: Ec2KeyPair[];
  volumes: Ec2Volume[];
  loadBalancers: LoadBalancer[];
  vpcs: Ec2Vpc[];
  subnets: Ec2Subnet[];
  securityGroups: Ec2SecurityGroup[];
  autoStops: AutoStopAlarm[];
}

export class RegionData {
  private readonly cache = new Map<ResourceKind, Promise<unknown>>();

  constructor(
    readonly region: string,
    private readonly session: () => AwsSession,
    /** Told of each page of instances as it arrives, before the whole list is known. */
    private readonly onInstancesPage?: (page: InstanceSummary[]) => void,
  ) {}

  get<K extends ResourceKind>(kind: K): Promise<Resources[K]> {
    let pending = this.cache.get(kind) as Promise<Resources[K]> | undefined;
    if (!pending) {
      const load = loaders[kind] as (s: AwsSession, r: string, onPage?: (page: InstanceSummary[]) => void) => Promise<Resources[K]>;
      pending = load(this.session(), this.region, kind === 'instances' ? this.onInstancesPage : undefined);
      this.cache.set(kind, pending);
      // A failure is shown once, then fetched again on the next look (Retry).
      pending.catch(() => this.cache.get(kind) === pending && this.cache.delete(kind));
    }
    return pending;
  }

  /** The full record of a listed instance (kept in the listing worker; asked of AWS when it has none). */
  async instanceDetails(id: string): Promise<Ec2Instance | undefined> {
    await this.get('instances').catch(() => undefined); // The listing the records come from.
    return (await listerFor(this.session()).details(this.region, [id]))[0];
  }

  /** The ids of the listed instances that pass the filter (matched where the full records are). */
  async matching(filter: InstanceFilter): Promise<Set<string>> {
    await this.get('instances');
    return listerFor(this.session()).matching(this.region, filter);
  }

  /** Forgets the given kinds (all when none given) so the next look fetches them again. */
  invalidate(...kinds: ResourceKind[]): void {
    if (kinds.length === 0) {
      this.cache.clear();
    }
    for (const kind of kinds) {
      this.cache.delete(kind);
    }
  }
}
