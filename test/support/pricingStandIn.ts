// A loopback stand-in for the AWS Price List Query API, which moto does not model. It answers
// GetProducts (recognised by its X-Amz-Target header, AWSPriceListService.GetProducts) in AWS's
// shape: PriceList entries are JSON strings, each a product with its attributes and its terms →
// OnDemand → priceDimensions → pricePerUnit. The products below are written after the examples of
// AWS's public documentation (the `aws pricing get-products` example, the Price List API guide);
// their figures are of the same order as AWS's list prices but are this test bed's own. The rows that
// trap a naive reader come from AWS's own sources: per-OS rows keyed by the usage operation (EC2 User
// Guide, "AMI billing information fields"), `marketoption` OnDemand vs CapacityBlock rows and $0.00 rows
// (AWS's Karpenter pricing provider filters on the first and skips the second), and the application
// load balancer's "Load Balancer-Application" family with its <REGION>-LoadBalancerUsage hour and
// <REGION>-LCUUsage LCU-hour, operation LoadBalancing:Application (the AWSELB Price List). Every other
// request is forwarded to `upstream` (moto) by the shared stand-in (awsStandIn.ts), so one endpoint
// serves the whole extension.
import { AwsStandIn, type StandInAnswer, type StandInRequest } from './awsStandIn';

export interface GetProductsRequest {
  readonly ServiceCode?: string;
  readonly Filters?: Array<{ Type: string; Field: string; Value: string }>;
  readonly FormatVersion?: string;
  readonly MaxResults?: number;
  readonly NextToken?: string;
  /** The region of the request's signature (us-east-1 for the Price List API). */
  readonly signedRegion?: string;
}

interface Product {
  serviceCode: string;
  productFamily?: string;
  attributes: Record<string, string>;
  /** Dimensions of the on-demand term: unit and USD price. */
  onDemand: Array<{ unit: string; usd: string; description: string }>;
  reserved?: boolean;
}

const LOCATIONS: Record<string, { name: string; prefix: string }> = {
  'us-east-1': { name: 'US East (N. Virginia)', prefix: '' },
  'eu-west-3': { name: 'EU (Paris)', prefix: 'EUW3-' },
};

/** Per region: [instance type, USD per hour] for Linux, shared tenancy, on demand. */
const INSTANCE_PRICES: Record<string, Array<[string, string]>> = {
  'us-east-1': [
    ['t2.nano', '0.0058000000'],
    ['t2.micro', '0.0116000000'],
    ['t3.micro', '0.0104000000'],
    ['t3.small', '0.0208000000'],
  ],
  'eu-west-3': [
    ['t2.nano', '0.0066000000'],
    ['t2.micro', '0.0132000000'],
    ['t3.micro', '0.0118000000'],
    ['t3.small', '0.0236000000'],
  ],
};

const VOLUME_PRICES: Record<string, Array<[string, string, string]>> = {
  'us-east-1': [
    ['gp2', 'General Purpose', '0.1000000000'],
    ['gp3', 'General Purpose', '0.0800000000'],
    ['standard', 'Magnetic', '0.0500000000'],
  ],
  'eu-west-3': [
    ['gp2', 'General Purpose', '0.1160000000'],
    ['gp3', 'General Purpose', '0.0928000000'],
    ['standard', 'Magnetic', '0.0580000000'],
  ],
};

const LOAD_BALANCER_PRICES: Record<string, string> = { 'us-east-1': '0.0250000000', 'eu-west-3': '0.0282000000' };
/** Application load balancers: [hour, LCU-hour]. */
const ALB_PRICES: Record<string, [string, string]> = {
  'us-east-1': ['0.0225000000', '0.0080000000'],
  'eu-west-3': ['0.0252000000', '0.0088000000'],
};
/** Other platforms than Linux/UNIX: the PlatformDetails, the Price List's operatingSystem and usage operation, and the factor on the Linux price. */
const PLATFORMS: Array<{ platform: string; os: string; operation: string; license: string; factor: number }> = [
  { platform: 'Windows', os: 'Windows', operation: 'RunInstances:0002', license: 'License Included', factor: 2 },
  { platform: 'Red Hat Enterprise Linux', os: 'RHEL', operation: 'RunInstances:0010', license: 'No License required', factor: 3 },
  { platform: 'SUSE Linux', os: 'SUSE', operation: 'RunInstances:000g', license: 'No License required', factor: 4 },
];
/** A GPU type whose Capacity Block row (marketoption CapacityBlock) passes the OS, tenancy and capacity filters. */
const GPU: { region: string; type: string; onDemand: string; capacityBlock: string } = {
  region: 'us-east-1',
  type: 'g5.xlarge',
  onDemand: '1.0060000000',
  capacityBlock: '0.4500000000',
};

function catalogue(): Product[] {
  const products: Product[] = [];
  for (const [region, { name, prefix }] of Object.entries(LOCATIONS)) {
    const common = { regionCode: region, location: name, locationType: 'AWS Region' };
    const types = [...INSTANCE_PRICES[region], ...(region === GPU.region ? [[GPU.type, GPU.onDemand] as [string, string]] : [])];
    for (const [type, usd] of types) {
      const base = {
        ...common,
        servicecode: 'AmazonEC2',
        instanceType: type,
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        licenseModel: 'No License required',
        operation: 'RunInstances',
        marketoption: 'OnDemand',
      };
      if (type === GPU.type) {
        // Before the on-demand row: a Capacity Block row of the same type, Linux, shared, "Used".
        products.push({
          serviceCode: 'AmazonEC2',
          productFamily: 'Compute Instance',
          attributes: { ...base, capacitystatus: 'Used', marketoption: 'CapacityBlock', usagetype: `${prefix}CapacityBlock:${type}` },
          onDemand: [{ unit: 'Hrs', usd: GPU.capacityBlock, description: `Capacity Block Linux ${type} Instance Hour` }],
        });
      }
      if (region === 'eu-west-3' && type === 't3.small') {
        // Before the priced row: a $0.00 row with the same attributes.
        products.push({
          serviceCode: 'AmazonEC2',
          productFamily: 'Compute Instance',
          attributes: { ...base, capacitystatus: 'Used', usagetype: `${prefix}BoxUsage:${type}` },
          onDemand: [{ unit: 'Hrs', usd: '0.0000000000', description: `$0.00 per Linux ${type} Instance Hour` }],
        });
      }
      products.push({
        serviceCode: 'AmazonEC2',
        productFamily: 'Compute Instance',
        attributes: { ...base, capacitystatus: 'Used', usagetype: `${prefix}BoxUsage:${type}` },
        onDemand: [{ unit: 'Hrs', usd, description: `$${Number(usd)} per On Demand Linux ${type} Instance Hour` }],
        reserved: true,
      });
      // What the capacitystatus filter leaves out: the same type reserved but unused.
      products.push({
        serviceCode: 'AmazonEC2',
        productFamily: 'Compute Instance',
        attributes: { ...base, capacitystatus: 'UnusedCapacityReservation', usagetype: `${prefix}UnusedBox:${type}` },
        onDemand: [{ unit: 'Hrs', usd, description: `$${Number(usd)} per Unused Reservation Linux ${type} Instance Hour` }],
      });
      // The same type under other platforms: told apart by their usage operation.
      for (const p of PLATFORMS) {
        products.push({
          serviceCode: 'AmazonEC2',
          productFamily: 'Compute Instance',
          attributes: {
            ...base,
            operatingSystem: p.os,
            licenseModel: p.license,
            operation: p.operation,
            capacitystatus: 'Used',
            usagetype: `${prefix}BoxUsage:${type}`,
          },
          onDemand: [
            { unit: 'Hrs', usd: (Number(usd) * p.factor).toFixed(10), description: `per On Demand ${p.os} ${type} Instance Hour` },
          ],
        });
      }
    }
    for (const [api, volumeType, usd] of VOLUME_PRICES[region]) {
      products.push({
        serviceCode: 'AmazonEC2',
        productFamily: 'Storage',
        attributes: {
          ...common,
          servicecode: 'AmazonEC2',
          volumeApiName: api,
          volumeType,
          storageMedia: api === 'standard' ? 'HDD-backed' : 'SSD-backed',
          usagetype: `${prefix}EBS:VolumeUsage${api === 'standard' ? '' : `.${api}`}`,
        },
        onDemand: [
          { unit: 'GB-Mo', usd, description: `$${Number(usd)} per GB-month of ${volumeType} (${api}) provisioned storage - ${name}` },
        ],
      });
    }
    products.push({
      serviceCode: 'AWSELB',
      productFamily: 'Load Balancer',
      attributes: { ...common, servicecode: 'AWSELB', usagetype: `${prefix}LoadBalancerUsage`, operation: 'LoadBalancing' },
      onDemand: [
        {
          unit: 'Hrs',
          usd: LOAD_BALANCER_PRICES[region],
          description: `$${Number(LOAD_BALANCER_PRICES[region])} per LoadBalancer-hour (or partial hour)`,
        },
      ],
    });
    products.push({
      serviceCode: 'AWSELB',
      productFamily: 'Load Balancer',
      attributes: { ...common, servicecode: 'AWSELB', usagetype: `${prefix}DataProcessing-Bytes`, operation: 'LoadBalancing' },
      onDemand: [{ unit: 'GB', usd: '0.0080000000', description: '$0.008 per GB Data Processed by the LoadBalancer' }],
    });
    const [albHour, albLcu] = ALB_PRICES[region];
    for (const [usage, unit, usd, description, group] of [
      [
        'LoadBalancerUsage',
        'Hrs',
        albHour,
        'per Application LoadBalancer-hour (or partial hour)',
        'Standard Elastic Application Load Balancer',
      ],
      [
        'LCUUsage',
        'LCU-Hrs',
        albLcu,
        'per used Application load balancer capacity unit-hour (or partial hour)',
        'Used Application load balancer capacity units-hr',
      ],
    ]) {
      products.push({
        serviceCode: 'AWSELB',
        productFamily: 'Load Balancer-Application',
        attributes: {
          ...common,
          servicecode: 'AWSELB',
          usagetype: `${prefix}${usage}`,
          operation: 'LoadBalancing:Application',
          groupDescription: group,
        },
        onDemand: [{ unit, usd, description: `$${Number(usd)} ${description}` }],
      });
    }
    const vpcPrefix = prefix || 'USE1-';
    for (const [usage, text, usd] of [
      ['InUseAddress', 'In-use', '0.0050000000'],
      ['IdleAddress', 'Idle', '0.0050000000'],
      ['ContiguousBlock', 'Contiguous block of', '0.0080000000'],
    ]) {
      products.push({
        serviceCode: 'AmazonVPC',
        attributes: {
          ...common,
          servicecode: 'AmazonVPC',
          group: 'VPCPublicIPv4Address',
          groupDescription: `Hourly charge for ${text} Public IPv4 Addresses`,
          usagetype: `${vpcPrefix}PublicIPv4:${usage}`,
          operation: '',
        },
        onDemand: [{ unit: 'Hrs', usd, description: `$${Number(usd)} per ${text} public IPv4 address per hour` }],
      });
    }
  }
  return products;
}

let skuCounter = 0;
function priceListEntry(p: Product): string {
  const sku = `STANDIN${String(++skuCounter).padStart(9, '0')}`;
  const onDemandCode = `${sku}.JRTCKXETXF`;
  const terms: Record<string, unknown> = {
    OnDemand: {
      [onDemandCode]: {
        priceDimensions: Object.fromEntries(
          p.onDemand.map((d, i) => [
            `${onDemandCode}.6YS6EN2CT${i}`,
            {
              unit: d.unit,
              endRange: 'Inf',
              description: d.description,
              appliesTo: [],
              rateCode: `${onDemandCode}.6YS6EN2CT${i}`,
              beginRange: '0',
              pricePerUnit: { USD: d.usd },
            },
          ]),
        ),
        sku,
        effectiveDate: '2026-11-01T00:00:00Z',
        offerTermCode: 'JRTCKXETXF',
        termAttributes: {},
      },
    },
  };
  if (p.reserved) {
    // A reserved term comes first in AWS's answers too: its prices must not be read as on-demand.
    terms.Reserved = {
      [`${sku}.4NA7Y494T4`]: {
        priceDimensions: {
          [`${sku}.4NA7Y494T4.6YS6EN2CT7`]: {
            unit: 'Hrs',
            description: 'Linux/UNIX (Amazon VPC), reserved',
            pricePerUnit: { USD: '0.0010000000' },
          },
        },
        sku,
        offerTermCode: '4NA7Y494T4',
        termAttributes: { LeaseContractLength: '1yr', OfferingClass: 'standard', PurchaseOption: 'No Upfront' },
      },
    };
  }
  return JSON.stringify({
    product: { ...(p.productFamily ? { productFamily: p.productFamily } : {}), attributes: p.attributes, sku },
    serviceCode: p.serviceCode,
    terms: p.reserved ? { Reserved: terms.Reserved, OnDemand: terms.OnDemand } : terms,
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

function matches(p: Product, req: GetProductsRequest): boolean {
  if (p.serviceCode !== req.ServiceCode) {
    return false;
  }
  return (req.Filters ?? []).every((f) => {
    const value = f.Field === 'productFamily' ? p.productFamily : f.Field === 'ServiceCode' ? p.serviceCode : p.attributes[f.Field];
    return f.Type === 'TERM_MATCH' && value === f.Value;
  });
}

export class PricingStandIn extends AwsStandIn {
  /** Every GetProducts request received, in order. */
  readonly requests: GetProductsRequest[] = [];
  /** Answer GetProducts with AccessDeniedException, as for an account without pricing:GetProducts. */
  denied = false;
  private held: Promise<void> | undefined;
  private readonly products = catalogue();
  private readonly entries = new Map<Product, string>(this.products.map((p) => [p, priceListEntry(p)]));

  constructor(upstream: string) {
    super(upstream);
    this.rules.push({ match: (r) => r.service === 'pricing', fault: { kind: 'answer', answer: (_body, req) => this.priceList(req) } });
  }

  /** Holds every GetProducts answer until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  private async priceList(req: StandInRequest): Promise<StandInAnswer> {
    const input = JSON.parse(req.body || '{}') as GetProductsRequest;
    this.requests.push({ ...input, signedRegion: req.region });
    await this.held;
    const reply = (status: number, json: unknown, errorType?: string): StandInAnswer => ({
      status,
      contentType: 'application/x-amz-json-1.1',
      headers: { 'x-amzn-requestid': '00000000-0000-0000-0000-000000000000', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
      body: JSON.stringify(json),
    });
    if (this.denied) {
      return reply(
        400,
        {
          __type: 'AccessDeniedException',
          Message: 'User: arn:aws:iam::123456789012:user/student is not authorized to perform: pricing:GetProducts',
        },
        'AccessDeniedException',
      );
    }
    if (req.action !== 'GetProducts') {
      return reply(
        400,
        { __type: 'InvalidParameterException', Message: `${req.action} is not served by this stand-in` },
        'InvalidParameterException',
      );
    }
    const found = this.products.filter((p) => matches(p, input)).map((p) => this.entries.get(p)!);
    // One page of MaxResults (AWS's default is 100), with a NextToken when more remain.
    const start = Number(input.NextToken ?? 0);
    const size = input.MaxResults ?? 100;
    const page = found.slice(start, start + size);
    return reply(200, {
      FormatVersion: 'aws_v1',
      PriceList: page,
      ...(start + size < found.length ? { NextToken: String(start + size) } : {}),
    });
  }
}

/** The stand-in's list price of an instance type (for expected totals), in USD per hour, for a PlatformDetails value. */
export function standInInstancePrice(region: string, type: string, platform = 'Linux/UNIX'): number {
  const found =
    INSTANCE_PRICES[region]?.find(([t]) => t === type) ?? (region === GPU.region && type === GPU.type ? [type, GPU.onDemand] : undefined);
  if (!found) {
    throw new Error(`the stand-in has no price for ${type} in ${region}`);
  }
  const factor = platform === 'Linux/UNIX' ? 1 : PLATFORMS.find((p) => p.platform === platform)?.factor;
  if (!factor) {
    throw new Error(`the stand-in has no ${platform} rows`);
  }
  return Number((Number(found[1]) * factor).toFixed(10));
}

export function standInApplicationLoadBalancerPrice(region: string): { perHour: number; perLcuHour: number } {
  return { perHour: Number(ALB_PRICES[region][0]), perLcuHour: Number(ALB_PRICES[region][1]) };
}

export function standInVolumePrice(region: string, api: string): number {
  return Number(VOLUME_PRICES[region].find(([a]) => a === api)![2]);
}

export function standInLoadBalancerPrice(region: string): number {
  return Number(LOAD_BALANCER_PRICES[region]);
}

export const STAND_IN_IPV4_PRICE = 0.005;
