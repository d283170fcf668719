// What the resources of a region cost per hour, on demand: running instances, every volume, classic
// and application load balancers (an ALB's hour; its LCUs depend on use and are shown as a note),
// Elastic IPs and the public IPv4 addresses of running instances. Prices come from
// the PriceBook (memory, then the disk cache, then the Price List API).
import { type ElasticIp, listAddresses } from '../ec2/addresses';
import { type AwsSession } from '../session/awsSession';
import { mapLimit } from '../session/concurrency';
import { type Ec2Instance, listInstances } from '../ec2/instances';
import { type LoadBalancer, listAllLoadBalancers } from '../elb/classicLoadBalancers';
import { type CachedPrice, type PriceCache, type RegionPrices } from './priceCache';
import { fetchProducts, HOURS_PER_MONTH, instancePriceKey, type Price, priceFromList, type PriceKey, queryId } from './pricing';
import { type Ec2Volume, listVolumes } from '../ec2/volumes';

/** What prices read of an instance: a full record or the tree's summary (instanceSummary.ts). */
export type PricedInstance = Pick<
  Ec2Instance,
  'region' | 'id' | 'state' | 'type' | 'platformDetails' | 'publicIp' | 'launchTime' | 'tags'
> & {
  readonly volumes: ReadonlyArray<{ readonly volumeId: string; readonly deleteOnTermination?: boolean }>;
};

export type CostKind = 'instance' | 'volume' | 'loadBalancer' | 'elasticIp' | 'publicIpv4';

export interface CostItem {
  readonly region: string;
  readonly kind: CostKind;
  /** Instance id (for its public IPv4 too), volume id, load balancer name, Elastic IP allocation id. */
  readonly id: string;
  readonly perHour: number;
  readonly currency: string;
  readonly key: PriceKey;
  /** The instance a volume is attached to, or an Elastic IP is associated with. */
  readonly attachedTo?: string;
  /** Charged on top by use (an ALB's LCU-hour): not in `perHour`, so the figure is an estimate. */
  readonly usagePrice?: Price;
}

export interface RegionResources {
  /** What pricing reads of an instance (the tree's summaries carry it: instanceSummary.ts). */
  readonly instances: readonly PricedInstance[];
  readonly volumes: readonly Ec2Volume[];
  /** Classic and application load balancers. */
  readonly loadBalancers: readonly LoadBalancer[];
  readonly addresses: readonly ElasticIp[];
}

export interface RegionEstimate {
  readonly region: string;
  readonly items: readonly CostItem[];
  /** The sum of the items, in `currency`. */
  readonly perHour: number;
  readonly currency: string;
  /** What could not be priced (AWS has no such product there). */
  readonly unpriced: readonly PriceKey[];
  /** Running instances whose platform (PlatformDetails) has no known price row: their price is unknown. */
  readonly unknownPlatform?: readonly string[];
}

const running = (i: PricedInstance) => i.state === 'running';
const billedVolume = (v: Ec2Volume) => !!v.type && v.sizeGiB !== undefined && !['deleting', 'deleted', 'error'].includes(v.state ?? '');

/** What has to be priced for these resources. */
export function priceKeys(res: RegionResources): PriceKey[] {
  const keys = new Set<PriceKey>();
  const eips = new Set(res.addresses.map((a) => a.publicIp));
  const runningIds = new Set(res.instances.filter(running).map((i) => i.id));
  for (const i of res.instances.filter(running)) {
    const key = i.type ? instancePriceKey(i.type, i.platformDetails) : undefined;
    if (key) keys.add(key);
    if (i.publicIp && !eips.has(i.publicIp)) keys.add('ipv4:inUse');
  }
  for (const v of res.volumes.filter(billedVolume)) keys.add(`volume:${v.type}`);
  if (res.loadBalancers.some((lb) => lb.type === 'classic')) keys.add('loadBalancer:classic');
  if (res.loadBalancers.some((lb) => lb.type === 'application')) {
    keys.add('loadBalancer:application');
    keys.add('lcu:application');
  }
  for (const a of res.addresses) keys.add(a.instanceId && runningIds.has(a.instanceId) ? 'ipv4:inUse' : 'ipv4:idle');
  return [...keys].sort();
}

/** One line per billed resource, with its price per hour; what has no price is left out. */
export function costItems(region: string, res: RegionResources, prices: ReadonlyMap<PriceKey, Price | null>): CostItem[] {
  const items: CostItem[] = [];
  const add = (kind: CostKind, id: string, key: PriceKey | undefined, quantity = 1, attachedTo?: string, usage?: PriceKey) => {
    const price = key && prices.get(key);
    if (key && price) {
      const perHour = price.unit === 'GB-Mo' ? (price.perUnit * quantity) / HOURS_PER_MONTH : price.perUnit * quantity;
      const usagePrice = (usage && prices.get(usage)) || undefined;
      items.push({ region, kind, id, perHour, currency: price.currency, key, attachedTo, ...(usagePrice ? { usagePrice } : {}) });
    }
  };
  const eips = new Set(res.addresses.map((a) => a.publicIp));
  const runningIds = new Set(res.instances.filter(running).map((i) => i.id));
  for (const i of res.instances.filter(running)) {
    if (i.type) add('instance', i.id, instancePriceKey(i.type, i.platformDetails));
    if (i.publicIp && !eips.has(i.publicIp)) add('publicIpv4', i.id, 'ipv4:inUse', 1, i.id);
  }
  for (const v of res.volumes.filter(billedVolume)) add('volume', v.id, `volume:${v.type}`, v.sizeGiB, v.attachment?.instanceId);
  for (const lb of res.loadBalancers) {
    if (lb.type === 'application') add('loadBalancer', lb.name, 'loadBalancer:application', 1, undefined, 'lcu:application');
    else add('loadBalancer', lb.name, 'loadBalancer:classic');
  }
  for (const a of res.addresses) {
    const inUse = !!a.instanceId && runningIds.has(a.instanceId);
    add('elasticIp', a.allocationId ?? a.publicIp, inUse ? 'ipv4:inUse' : 'ipv4:idle', 1, a.instanceId);
  }
  return items;
}

export function sumItems(region: string, items: readonly CostItem[], unpriced: readonly PriceKey[] = []): RegionEstimate {
  return {
    region,
    items,
    perHour: items.reduce((sum, i) => sum + i.perHour, 0),
    currency: items[0]?.currency ?? 'USD',
    unpriced,
  };
}

/** Everything in the region that costs by the hour (all pages). */
export async function listRegionResources(session: AwsSession, region: string): Promise<RegionResources> {
  const [instances, volumes, loadBalancers, addresses] = await Promise.all([
    listInstances(session, region),
    listVolumes(session, region),
    listAllLoadBalancers(session, region),
    listAddresses(session, region),
  ]);
  return { instances, volumes, loadBalancers, addresses };
}

/** Prices `resources` (listed when not given). Rejects when the Price List API cannot be used. */
export async function estimateRegion(
  session: AwsSession,
  book: PriceBook,
  region: string,
  resources?: RegionResources,
): Promise<RegionEstimate> {
  const res = resources ?? (await listRegionResources(session, region));
  const keys = priceKeys(res);
  const prices = await book.prices(region, keys);
  const unknownPlatform = res.instances
    .filter((i) => running(i) && i.type && !instancePriceKey(i.type, i.platformDetails))
    .map((i) => i.id);
  return {
    ...sumItems(
      region,
      costItems(region, res, prices),
      keys.filter((k) => !prices.get(k)),
    ),
    ...(unknownPlatform.length ? { unknownPlatform } : {}),
  };
}

/** Price lookups running at once per book: the Price List API is rate-limited per account. */
const FETCH_CONCURRENCY = 3;

/**
 * Prices by region and key: in memory, else in the disk cache (a week), else asked of the Price
 * List API, once however many callers want the same price at the same time.
 */
export class PriceBook {
  private readonly regions = new Map<string, Promise<RegionPrices>>();
  private readonly inFlight = new Map<string, Promise<unknown[]>>();
  private readonly writes = new Map<string, Promise<void>>();

  constructor(
    session: AwsSession,
    private readonly cache?: PriceCache,
    private readonly now: () => number = Date.now,
    /** How products are asked of the Price List API (the explorer: from its listing worker). */
    private readonly askProducts: (region: string, key: PriceKey) => Promise<unknown[]> = (region, key) =>
      fetchProducts(session, region, key),
  ) {}

  /** The prices of `keys` in `region` (null for what AWS does not sell there). */
  async prices(region: string, keys: readonly PriceKey[]): Promise<Map<PriceKey, Price | null>> {
    const known = await this.load(region);
    const fresh = (entry: CachedPrice | undefined) => !!entry && (this.cache ? this.cache.isFresh(entry) : true);
    const missing = keys.filter((k) => !fresh(known[k]));
    if (missing.length) {
      await mapLimit(missing, FETCH_CONCURRENCY, (key) => this.fetch(region, key, known));
      await this.save(region, known);
    }
    return new Map(keys.map((k) => [k, known[k]?.price ?? null]));
  }

  private load(region: string): Promise<RegionPrices> {
    let loaded = this.regions.get(region);
    if (!loaded) {
      loaded = this.cache ? this.cache.read(region) : Promise.resolve({});
      this.regions.set(region, loaded);
    }
    return loaded;
  }

  private async fetch(region: string, key: PriceKey, known: RegionPrices): Promise<void> {
    const id = queryId(region, key);
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.askProducts(region, key);
      this.inFlight.set(id, pending);
      void pending.then(
        () => this.inFlight.delete(id),
        () => this.inFlight.delete(id),
      );
    }
    known[key] = { price: priceFromList(key, await pending) ?? null, fetchedAt: this.now() };
  }

  /** Writes of one region's file follow each other; a failed write only costs a later fetch. */
  private save(region: string, known: RegionPrices): Promise<void> {
    if (!this.cache) {
      return Promise.resolve();
    }
    const cache = this.cache;
    const next = (this.writes.get(region) ?? Promise.resolve()).then(() => cache.write(region, known)).catch(() => undefined);
    this.writes.set(region, next);
    return next;
  }
}
