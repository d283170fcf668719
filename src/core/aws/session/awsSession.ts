// A (profile, endpoint) pair and the AWS clients made from it: one per service and region,
// created on first use and shared. Nothing here imports vscode.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EC2InstanceConnectClient } from '@aws-sdk/client-ec2-instance-connect';
import type { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { type SdkCall } from './cliTranscript';
import { type ErrorContext, profileNotFound, UserError } from './errors';
import { loadSdk, type Sdk } from '../sdk/loadSdk';
import { type AwsProfile, findProfile } from './profiles';

export interface SessionOptions {
  readonly profile: string;
  /** Wins over the profile's `endpoint_url` (the ec2Workbench.endpointUrl setting). */
  readonly endpointUrl?: string;
  /** Region used when the profile has none. */
  readonly fallbackRegion?: string;
  /** Abort a request that has not answered within this time. */
  readonly requestTimeoutMs?: number;
  readonly maxAttempts?: number;
  /** Told of every call before it is sent (for the AWS CLI transcript). */
  readonly onCall?: (call: SdkCall) => void;
}

/** Region for global calls (DescribeRegions, IAM) when the profile names none. */
const DEFAULT_REGION = 'us-east-1';
/** Where the Price List Query API answers (it also does in eu-central-1 and ap-south-1). */
const PRICING_REGION = 'us-east-1';

export class AwsSession {
  private readonly clients = new Map<string, Promise<unknown>>();
  private readonly memos = new Map<string, Promise<unknown>>();
  private profileInfo: Promise<AwsProfile> | undefined;
  private credentials: AwsCredentialIdentityProvider | undefined;
  /** What ends with the session (the explorer's listing worker, core/listing/offThreadLister.ts). */
  private readonly disposers: Array<() => void> = [];

  constructor(readonly options: SessionOptions) {}

  get profileName(): string {
    return this.options.profile;
  }

  /** The profile's settings; rejects with a readable message when the profile does not exist. */
  profile(): Promise<AwsProfile> {
    this.profileInfo ??= findProfile(this.options.profile).then((found) => {
      if (!found) {
        this.profileInfo = undefined;
        throw new UserError(profileNotFound(this.options.profile));
      }
      return found;
    });
    return this.profileInfo;
  }

  async endpoint(): Promise<string | undefined> {
    return this.options.endpointUrl || (await this.profile()).endpointUrl || undefined;
  }

  async defaultRegion(): Promise<string> {
    return (await this.profile()).region ?? this.options.fallbackRegion ?? DEFAULT_REGION;
  }

  async errorContext(region?: string): Promise<ErrorContext> {
    const endpoint = await this.endpoint().catch(() => undefined);
    return { profile: this.options.profile, region, endpoint };
  }

  ec2(region: string): Promise<EC2Client> {
    return this.client('ec2', region, (sdk, config) => this.observed('ec2', region, new sdk.EC2Client(config)));
  }

  elb(region: string): Promise<ElasticLoadBalancingClient> {
    return this.client('elb', region, (sdk, config) => this.observed('elb', region, new sdk.ElasticLoadBalancingClient(config)));
  }

  ssm(region: string): Promise<SSMClient> {
    return this.client('ssm', region, (sdk, config) => this.observed('ssm', region, new sdk.SSMClient(config)));
  }

  /** CloudWatch alarms (stop when idle). */
  cloudwatch(region: string): Promise<CloudWatchClient> {
    return this.client('cloudwatch', region, (sdk, config) => this.observed('cloudwatch', region, new sdk.CloudWatchClient(config)));
  }

  /** A value computed once per session and key (instance types per region, for example). */
  memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.memos.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.memos.set(key, value);
      value.catch(() => this.memos.delete(key)); // A failure is tried again next time.
    }
    return value;
  }

  /** Application load balancers, target groups and listeners (`aws elbv2`). */
  elbv2(region: string): Promise<ElasticLoadBalancingV2Client> {
    return this.client('elbv2', region, (sdk, config) => this.observed('elbv2', region, new sdk.ElasticLoadBalancingV2Client(config)));
  }

  /** EC2 Instance Connect (SendSSHPublicKey): used by the SSH ProxyCommand script, which has no transcript. */
  /** Whether FIPS endpoints are configured (AWS_USE_FIPS_ENDPOINT, the profile's use_fips_endpoint), as the SDK resolves it. */
  async useFipsEndpoint(region: string): Promise<boolean> {
    const client = await this.ec2(region);
    return (await client.config.useFipsEndpoint()) === true;
  }

  instanceConnect(region: string): Promise<EC2InstanceConnectClient> {
    return this.client('ec2-instance-connect', region, (sdk, config) => new sdk.EC2InstanceConnectClient(config));
  }

  async iam(): Promise<IAMClient> {
    const region = await this.defaultRegion();
    return this.client('iam', region, (sdk, config) => this.observed('iam', region, new sdk.IAMClient(config)));
  }

  /** The Price List Query API: served from us-east-1 whatever the regions priced. */
  pricing(): Promise<PricingClient> {
    return this.client('pricing', PRICING_REGION, (sdk, config) => this.observed('pricing', PRICING_REGION, new sdk.PricingClient(config)));
  }

  /** Reports each command to onCall before it is sent. */
  private observed<C extends { middlewareStack: { add: (...args: never[]) => void } }>(
    service: SdkCall['service'],
    region: string,
    client: C,
  ): C {
    const onCall = this.options.onCall;
    if (onCall) {
      (client.middlewareStack as unknown as MiddlewareStackLike).add(
        (next, context) => async (args) => {
          onCall({ service, region, commandName: String(context.commandName ?? ''), input: (args.input ?? {}) as Record<string, unknown> });
          return next(args);
        },
        { step: 'initialize', name: 'ec2WorkbenchCliTranscript' },
      );
    }
    return client;
  }

  /** The regions enabled for the account, sorted by name. */
  async listRegions(): Promise<string[]> {
    const [{ DescribeRegionsCommand }, client] = await Promise.all([loadSdk(), this.ec2(await this.defaultRegion())]);
    const out = await client.send(new DescribeRegionsCommand({ AllRegions: false }));
    return (out.Regions ?? [])
      .map((r) => r.RegionName)
      .filter((name): name is string => !!name)
      .sort();
  }

  /** Runs `dispose` when the session ends (a change of profile or endpoint, deactivation). */
  onDispose(dispose: () => void): void {
    this.disposers.push(dispose);
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) {
      dispose();
    }
    for (const client of this.clients.values()) {
      client.then((c) => (c as { destroy(): void }).destroy()).catch(() => undefined);
    }
    this.clients.clear();
  }

  private client<T>(service: string, region: string, make: (sdk: Sdk, config: ClientConfig) => T): Promise<T> {
    const key = `${service}/${region}`;
    let client = this.clients.get(key) as Promise<T> | undefined;
    if (!client) {
      client = this.clientConfig(region).then(([sdk, config]) => make(sdk, config));
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  private async clientConfig(region: string): Promise<[Sdk, ClientConfig]> {
    const [sdk, endpoint] = await Promise.all([loadSdk(), this.endpoint()]);
    this.credentials ??= sdk.fromIni({ profile: this.options.profile, ignoreCache: true });
    const config: ClientConfig = {
      region,
      credentials: this.credentials,
      endpoint,
      maxAttempts: this.options.maxAttempts ?? 3,
      retryMode: 'standard',
      // throwOnRequestTimeout: without it the handler only warns, and a stalled call waits forever.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: this.options.requestTimeoutMs ?? 30_000, throwOnRequestTimeout: true },
    };
    return [sdk, config];
  }
}

interface MiddlewareStackLike {
  add(
    middleware: (
      next: (args: { input?: unknown }) => Promise<unknown>,
      context: { commandName?: string },
    ) => (args: { input?: unknown }) => Promise<unknown>,
    options: { step: 'initialize'; name: string },
  ): void;
}

interface ClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard';
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}
