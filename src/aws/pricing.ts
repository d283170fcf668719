// On-demand prices from AWS itself: the Price List Query API (GetProducts, served from us-east-1).
// One request per thing priced in a region (an instance type, a volume type, the classic load
// balancer hour, the public IPv4 hour), read from the answer's terms.OnDemand → priceDimensions →
// pricePerUnit. No price is written in this code.
import type { Filter, GetProductsCommandInput } from '@aws-sdk/client-pricing';
import { type AwsSession } from './awsSession';
import { loadSdk } from './loadSdk';

/** What can be priced: the string forms are the keys of the price cache. */
export type PriceKey =
  | `instance:${string}` // an instance type, Linux, shared tenancy, per hour
  | `volume:${string}` // an EBS volume type, per GB-month
  | 'loadBalancer:classic' // a classic load balancer, per hour
  | 'ipv4:inUse' // a public IPv4 address in use, per hour
  | 'ipv4:idle'; // an Elastic IP not attached to a running instance, per hour

export interface Price {
  /** In `currency` per `unit`. */
  readonly perUnit: number;
  /** As AWS writes it: "Hrs" or "GB-Mo". */
  readonly unit: string;
  /** As AWS answered (USD for every commercial region). */
  readonly currency: string;
}

/** What AWS bills a GB-month of EBS storage as, in hours (the figure AWS's own calculator uses). */
export const HOURS_PER_MONTH = 730;

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

/** The GetProducts request for one key in one region (without paging fields). */
export function productsQuery(region: string, key: PriceKey): Pick<GetProductsCommandInput, 'ServiceCode' | 'Filters' | 'FormatVersion'> {
  const [kind, detail] = splitKey(key);
  const where = term('regionCode', region);
  switch (kind) {
    case 'instance':
      return {
        ServiceCode: 'AmazonEC2',
        FormatVersion: 'aws_v1',
        Filters: [
          where,
          term('instanceType', detail),
          term('operatingSystem', 'Linux'),
          term('tenancy', 'Shared'),
          term('preInstalledSw', 'NA'),
          term('capacitystatus', 'Used'),
        ],
      };
    case 'volume':
      return {
        ServiceCode: 'AmazonEC2',
        FormatVersion: 'aws_v1',
        Filters: [where, term('productFamily', 'Storage'), term('volumeApiName', detail)],
      };
    case 'loadBalancer':
      // Classic load balancers are the "Load Balancer" family; ALB and NLB have their own.
      return { ServiceCode: 'AWSELB', FormatVersion: 'aws_v1', Filters: [where, term('productFamily', 'Load Balancer')] };
    case 'ipv4':
      // Public IPv4 addresses have no product family: their group names them.
      return { ServiceCode: 'AmazonVPC', FormatVersion: 'aws_v1', Filters: [where, term('group', 'VPCPublicIPv4Address')] };
  }
  throw new Error(`unknown price key ${key}`);
}

function splitKey(key: PriceKey): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}

interface PriceListProduct {
  product?: { productFamily?: string; attributes?: Record<string, string> };
  terms?: {
    OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: Record<string, string> }> }>;
  };
}

/** A PriceList entry: a JSON string (the SDK may wrap it in an object whose toString() is the JSON). */
function parseEntry(entry: unknown): PriceListProduct | undefined {
  try {
    const text = typeof entry === 'string' ? entry : String(entry);
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as PriceListProduct) : undefined;
  } catch {
    return undefined;
  }
}

/** Which product of the answer the key means, when the filters leave several. */
function wanted(key: PriceKey, attributes: Record<string, string>): boolean {
  const usage = attributes.usagetype ?? '';
  switch (key) {
    case 'loadBalancer:classic':
      return /LoadBalancerUsage$/.test(usage) && !/Outposts/.test(usage);
    case 'ipv4:inUse':
      return /PublicIPv4:InUseAddress$/.test(usage);
    case 'ipv4:idle':
      return /PublicIPv4:IdleAddress$/.test(usage);
    default:
      return true;
  }
}

/** The unit the key is billed in: hours, or GB-months for storage. */
function unitOf(key: PriceKey): string {
  return key.startsWith('volume:') ? 'GB-Mo' : 'Hrs';
}

/**
 * The on-demand price of `key` among the entries of GetProducts answers, or undefined when none
 * has one. USD when AWS gives it, else the first currency it gives.
 */
export function priceFromList(key: PriceKey, entries: readonly unknown[]): Price | undefined {
  for (const entry of entries) {
    const product = parseEntry(entry);
    if (!product || !wanted(key, product.product?.attributes ?? {})) {
      continue;
    }
    for (const offer of Object.values(product.terms?.OnDemand ?? {})) {
      for (const dimension of Object.values(offer.priceDimensions ?? {})) {
        if (dimension.unit !== unitOf(key)) {
          continue;
        }
        const prices = dimension.pricePerUnit ?? {};
        const currency = 'USD' in prices ? 'USD' : Object.keys(prices)[0];
        const perUnit = currency ? Number(prices[currency]) : NaN;
        if (currency && Number.isFinite(perUnit)) {
          return { perUnit, unit: dimension.unit, currency };
        }
      }
    }
  }
  return undefined;
}

/** Pages read at most per key: a filtered query answers in one page; this only bounds a runaway answer. */
const MAX_PAGES = 5;

/**
 * Every product AWS lists for the query of `key` in `region` (keys that share a query, such as the
 * in-use and idle IPv4 hours, share the answer).
 */
export async function fetchProducts(session: AwsSession, region: string, key: PriceKey): Promise<unknown[]> {
  const [{ GetProductsCommand }, client] = await Promise.all([loadSdk(), session.pricing()]);
  const query = productsQuery(region, key);
  const entries: unknown[] = [];
  let NextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await client.send(new GetProductsCommand({ ...query, MaxResults: 100, NextToken }));
    entries.push(...((out.PriceList ?? []) as unknown[]));
    NextToken = out.NextToken;
    if (!NextToken) {
      break;
    }
  }
  return entries;
}

/** The same query for two keys: they are answered by one call. */
export function queryId(region: string, key: PriceKey): string {
  return JSON.stringify(productsQuery(region, key));
}

/** The AWS page that explains the price of `key`, for the links next to the figures. */
export function pricingPage(key: PriceKey): string {
  switch (splitKey(key)[0]) {
    case 'volume':
      return 'https://aws.amazon.com/ebs/pricing/';
    case 'loadBalancer':
      return 'https://aws.amazon.com/elasticloadbalancing/pricing/';
    case 'ipv4':
      return 'https://aws.amazon.com/vpc/pricing/';
    default:
      return 'https://aws.amazon.com/ec2/pricing/on-demand/';
  }
}
