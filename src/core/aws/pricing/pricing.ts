// On-demand prices from AWS itself: the Price List Query API (GetProducts, served from us-east-1).
// One request per thing priced in a region (an instance type, a volume type, the classic load
// balancer hour, the application load balancer hour and its LCU-hour, the public IPv4 hour), read
// from the answer's terms.OnDemand → priceDimensions → pricePerUnit. No price is written in this code.
// Checked against AWS's own sources: the Price List attributes of AWSELB ("Load Balancer-Application",
// usagetype <REGION>-LoadBalancerUsage / -LCUUsage, operation LoadBalancing:Application), the on-demand
// filters of AWS's Karpenter pricing provider (marketoption OnDemand, capacitystatus Used, tenancy
// Shared, $0 rows skipped), and the EC2 User Guide's "AMI billing information fields" (an instance's
// PlatformDetails and its usage operation, which is the Price List's `operation`).
import type { Filter, GetProductsCommandInput } from '@aws-sdk/client-pricing';
import { type AwsSession } from '../session/awsSession';
import { loadSdk } from '../sdk/loadSdk';

/** What can be priced: the string forms are the keys of the price cache. */
export type PriceKey =
  | `instance:${string}` // an instance type (Linux/UNIX, else `<type>/<usage operation>`), shared tenancy, per hour
  | `volume:${string}` // an EBS volume type, per GB-month
  | 'loadBalancer:classic' // a classic load balancer, per hour
  | 'loadBalancer:application' // an application load balancer, per hour (LCUs on top)
  | 'lcu:application' // an application load balancer capacity unit, per LCU-hour
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

/**
 * The usage operation of each PlatformDetails value, as the EC2 User Guide's "AMI billing information
 * fields" table lists them; the Price List names the same code `operation`. A platform not listed
 * here has no key: its price is shown as unknown rather than guessed.
 */
const USAGE_OPERATIONS: Readonly<Record<string, string>> = {
  'Linux/UNIX': 'RunInstances',
  'Red Hat BYOL Linux': 'RunInstances:00g0',
  'Red Hat Enterprise Linux': 'RunInstances:0010',
  'Red Hat Enterprise Linux with HA': 'RunInstances:1010',
  'Red Hat Enterprise Linux with SQL Server Standard and HA': 'RunInstances:1014',
  'Red Hat Enterprise Linux with SQL Server Enterprise and HA': 'RunInstances:1110',
  'Red Hat Enterprise Linux with SQL Server Standard': 'RunInstances:0014',
  'Red Hat Enterprise Linux with SQL Server Web': 'RunInstances:0210',
  'Red Hat Enterprise Linux with SQL Server Enterprise': 'RunInstances:0110',
  'SQL Server Enterprise': 'RunInstances:0100',
  'SQL Server Standard': 'RunInstances:0004',
  'SQL Server Web': 'RunInstances:0200',
  'SUSE Linux': 'RunInstances:000g',
  'Ubuntu Pro': 'RunInstances:0g00',
  Windows: 'RunInstances:0002',
  'Windows BYOL': 'RunInstances:0800',
  'Windows with SQL Server Enterprise': 'RunInstances:0102',
  'Windows with SQL Server Standard': 'RunInstances:0006',
  'Windows with SQL Server Web': 'RunInstances:0202',
};

/**
 * The key of an instance's hourly price: its type and the usage operation of its PlatformDetails
 * (none given, as from an emulator: Linux/UNIX). Undefined when the platform is not one AWS's table
 * lists: that price is unknown.
 */
export function instancePriceKey(type: string, platformDetails: string | undefined): PriceKey | undefined {
  const operation = USAGE_OPERATIONS[platformDetails ?? 'Linux/UNIX'];
  if (!operation) {
    return undefined;
  }
  return operation === 'RunInstances' ? `instance:${type}` : `instance:${type}/${operation}`;
}

/** What AWS bills a GB-month of EBS storage as, in hours (the figure AWS's own calculator uses). */
export const HOURS_PER_MONTH = 730;

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

/** The GetProducts request for one key in one region (without paging fields). */
export function productsQuery(region: string, key: PriceKey): Pick<GetProductsCommandInput, 'ServiceCode' | 'Filters' | 'FormatVersion'> {
  const [kind, detail] = splitKey(key);
  const where = term('regionCode', region);
  switch (kind) {
    case 'instance': {
      // The usage operation names the OS, its licence and pre-installed software at once.
      const [type, operation = 'RunInstances'] = detail.split('/');
      return {
        ServiceCode: 'AmazonEC2',
        FormatVersion: 'aws_v1',
        Filters: [
          where,
          term('instanceType', type),
          term('operation', operation),
          term('tenancy', 'Shared'),
          term('capacitystatus', 'Used'),
          term('marketoption', 'OnDemand'),
        ],
      };
    }
    case 'volume':
      return {
        ServiceCode: 'AmazonEC2',
        FormatVersion: 'aws_v1',
        Filters: [where, term('productFamily', 'Storage'), term('volumeApiName', detail)],
      };
    case 'loadBalancer':
    case 'lcu': {
      // Classic load balancers are the "Load Balancer" family; ALBs "Load Balancer-Application" (its
      // hour and its LCU-hour in one answer); NLBs have their own.
      const family = detail === 'application' ? 'Load Balancer-Application' : 'Load Balancer';
      return { ServiceCode: 'AWSELB', FormatVersion: 'aws_v1', Filters: [where, term('productFamily', family)] };
    }
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
    case 'loadBalancer:application':
      return /(^|-)LoadBalancerUsage$/.test(usage) && attributes.operation === 'LoadBalancing:Application';
    case 'lcu:application':
      return /(^|-)LCUUsage$/.test(usage) && attributes.operation === 'LoadBalancing:Application';
    case 'ipv4:inUse':
      return /PublicIPv4:InUseAddress$/.test(usage);
    case 'ipv4:idle':
      return /PublicIPv4:IdleAddress$/.test(usage);
    default:
      // Instances: the shared on-demand hour (BoxUsage), never a Capacity Block, dedicated or host row.
      return !key.startsWith('instance:') || /(^|-)BoxUsage:/.test(usage);
  }
}

/** The unit the key is billed in: hours, LCU-hours, or GB-months for storage. */
function unitOf(key: PriceKey): string {
  return key.startsWith('volume:') ? 'GB-Mo' : key.startsWith('lcu:') ? 'LCU-Hrs' : 'Hrs';
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
        // A $0 row is a free tier, a BYOL or a reservation line, never the on-demand price of what runs.
        if (currency && Number.isFinite(perUnit) && perUnit > 0) {
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
    case 'lcu':
      return 'https://aws.amazon.com/elasticloadbalancing/pricing/';
    case 'ipv4':
      return 'https://aws.amazon.com/vpc/pricing/';
    default:
      return 'https://aws.amazon.com/ec2/pricing/on-demand/';
  }
}
