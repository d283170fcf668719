// The explorer's two listings (DescribeRegions, DescribeInstances pages) sent by the listing worker's
// own Query API client (queryClient.ts) instead of the SDK: the worker then loads no SDK at all. The
// host hands over what the SDK would have resolved (directListingConfig.ts): the profile's
// credentials, the endpoint, the default region. A region outside AWS's standard partition with no
// endpoint set (China, GovCloud) is left to the SDK (undefined here), which knows those endpoints.
import { type SdkCall } from '../aws/session/cliTranscript';
import { type PageRequester } from './instancePages';
import { QueryClient, decodeXml } from '../aws/sdk/queryClient';
import { type SigningCredentials } from '../aws/sdk/sigV4';

/** What the host resolved for a listing without the SDK (posted to the worker with each request). */
export interface DirectListing {
  readonly credentials: SigningCredentials;
  /** The endpoint set (setting or profile); AWS's regional endpoint when absent. */
  readonly endpoint?: string;
  /** Where DescribeRegions is sent. */
  readonly defaultRegion: string;
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
}

/** AWS's standard partition (the SDK's partitions.json regex for "aws"): endpoints ec2.<region>.amazonaws.com. */
const AWS_PARTITION = /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/;

/** The endpoint of a region's EC2 API, or undefined when only the SDK knows it. */
export function ec2Endpoint(direct: DirectListing, region: string): string | undefined {
  if (direct.endpoint) {
    return direct.endpoint;
  }
  return AWS_PARTITION.test(region) ? `https://ec2.${region}.amazonaws.com` : undefined;
}

/** One client per region and credentials (its retry quota is the region's, as an SDK client's is). */
const clients = new Map<string, { client: QueryClient; credentials: { current: SigningCredentials } }>();

export function directClient(direct: DirectListing, region: string): QueryClient | undefined {
  const endpoint = ec2Endpoint(direct, region);
  if (!endpoint) {
    return undefined;
  }
  const key = `${endpoint}\n${region}\n${direct.maxAttempts ?? ''}\n${direct.requestTimeoutMs ?? ''}`;
  let entry = clients.get(key);
  if (!entry) {
    const credentials = { current: direct.credentials };
    const client = new QueryClient({
      endpoint,
      region,
      credentials: () => credentials.current,
      maxAttempts: direct.maxAttempts ?? 3,
      requestTimeoutMs: direct.requestTimeoutMs ?? 30_000,
    });
    entry = { client, credentials };
    clients.set(key, entry);
  }
  entry.credentials.current = direct.credentials; // The latest the host resolved.
  return entry.client;
}

/** The regions enabled for the account, sorted by name (as AwsSession.listRegions gives them). */
export async function listRegionsDirect(client: QueryClient, region: string, onCall?: (call: SdkCall) => void): Promise<string[]> {
  const input = { AllRegions: false };
  onCall?.({ service: 'ec2', region, commandName: 'DescribeRegionsCommand', input });
  const xml = await client.send('DescribeRegions', input);
  const names: string[] = [];
  for (const m of xml.matchAll(/<regionName>([^<]*)<\/regionName>/g)) {
    const name = decodeXml(m[1]).trim();
    if (name) {
      names.push(name);
    }
  }
  return names.sort();
}

/** DescribeInstances pages of `pageSize`, for listPages (instancePages.ts). */
export function directPageRequester(
  client: QueryClient,
  region: string,
  pageSize: number,
  onCall?: (call: SdkCall) => void,
): PageRequester {
  return (token) => {
    const input = { MaxResults: pageSize, NextToken: token };
    onCall?.({ service: 'ec2', region, commandName: 'DescribeInstancesCommand', input });
    let left: () => void = () => undefined;
    const leaving = new Promise<void>((resolve) => (left = resolve));
    const xml = client.sendForBytes('DescribeInstances', input, left);
    xml.catch(() => left());
    return { xml, leaving };
  };
}
