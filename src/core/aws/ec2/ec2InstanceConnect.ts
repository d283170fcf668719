// EC2 Instance Connect: pushing a one-time public key (SendSSHPublicKey), finding an Instance
// Connect Endpoint in a VPC, and the SigV4-presigned URL of the endpoint's OpenTunnel WebSocket
// (the request the AWS CLI's `ec2-instance-connect open-tunnel` makes).
import * as l10n from '@vscode/l10n';
import type { AwsCredentialIdentity, SourceData } from '@smithy/types';
import { createHash, createHmac, type Hash, type Hmac } from 'crypto';
import { type AwsSession } from '../session/awsSession';
import { UserError } from '../session/errors';
import { loadSdk } from '../sdk/loadSdk';

/** How long an instance accepts a pushed key (seconds), as EC2 Instance Connect documents it. */
export const PUSHED_KEY_LIFETIME_S = 60;

export async function pushSshPublicKey(
  session: AwsSession,
  region: string,
  request: { instanceId: string; osUser: string; publicKey: string },
): Promise<void> {
  const [{ SendSSHPublicKeyCommand }, client] = await Promise.all([loadSdk(), session.instanceConnect(region)]);
  const out = await client.send(
    new SendSSHPublicKeyCommand({ InstanceId: request.instanceId, InstanceOSUser: request.osUser, SSHPublicKey: request.publicKey }),
  );
  if (out.Success === false) {
    throw new UserError(l10n.t('EC2 Instance Connect did not accept the key for {0}.', request.instanceId));
  }
}

export interface InstanceConnectEndpoint {
  readonly id: string;
  readonly dnsName: string;
  /** The endpoint's FIPS DNS name, where AWS has one. */
  readonly fipsDnsName?: string;
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly securityGroupIds: readonly string[];
}

/** The states in which an endpoint opens tunnels (the ones the AWS CLI accepts). */
const USABLE_STATES = ['create-complete', 'update-in-progress', 'update-failed', 'update-complete'];

/** A usable endpoint of the VPC, the one in `subnetId` first; undefined when the VPC has none. */
export async function findInstanceConnectEndpoint(
  session: AwsSession,
  region: string,
  vpcId: string,
  subnetId?: string,
): Promise<InstanceConnectEndpoint | undefined> {
  const [{ DescribeInstanceConnectEndpointsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const found: InstanceConnectEndpoint[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(
      new DescribeInstanceConnectEndpointsCommand({
        Filters: [
          { Name: 'state', Values: USABLE_STATES },
          { Name: 'vpc-id', Values: [vpcId] },
        ],
        NextToken: token,
      }),
    );
    for (const e of out.InstanceConnectEndpoints ?? []) {
      if (e.InstanceConnectEndpointId && e.DnsName && (!e.VpcId || e.VpcId === vpcId)) {
        found.push({
          id: e.InstanceConnectEndpointId,
          dnsName: e.DnsName,
          fipsDnsName: e.FipsDnsName || undefined,
          vpcId: e.VpcId,
          subnetId: e.SubnetId,
          securityGroupIds: e.SecurityGroupIds ?? [],
        });
      }
    }
    token = out.NextToken;
  } while (token);
  return found.find((e) => subnetId && e.subnetId === subnetId) ?? found[0];
}

/**
 * The address the endpoint opens the tunnel to: the private IPv4 address, else the IPv6 address of
 * an IPv6-only instance (aws-cli v2's `ec2-instance-connect open-tunnel` and `ssh` fall back the same way).
 */
export function endpointTargetAddress(instance: { privateIp?: string; ipv6Address?: string }): string | undefined {
  return instance.privateIp || instance.ipv6Address || undefined;
}

/**
 * The endpoint's host name: its FipsDnsName when FIPS endpoints are configured (AWS_USE_FIPS_ENDPOINT
 * or the profile's use_fips_endpoint), else its DnsName, as aws-cli v2's EICE fetcher chooses; with
 * FIPS configured and no FIPS name, a sentence rather than a silent non-FIPS connection.
 */
export function endpointHostName(endpoint: InstanceConnectEndpoint, useFips: boolean): string {
  if (!useFips) {
    return endpoint.dnsName;
  }
  if (!endpoint.fipsDnsName) {
    throw new UserError(
      l10n.t(
        'FIPS endpoints are configured (AWS_USE_FIPS_ENDPOINT or use_fips_endpoint), but the EC2 Instance Connect Endpoint {0} has no FIPS DNS name. Turn FIPS endpoints off for this profile, or use an endpoint in a region that offers one.',
        endpoint.id,
      ),
    );
  }
  return endpoint.fipsDnsName;
}

function bytes(data: SourceData): string | Uint8Array {
  return typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
}

/** SHA-256 (and its HMAC) from node:crypto, in the shape the SDK's SignatureV4 takes. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

export interface TunnelRequest {
  /** The endpoint's DNS name (or a host:port standing in for it). */
  readonly host: string;
  readonly endpointId: string;
  readonly privateIp: string;
  readonly remotePort: number;
  readonly region: string;
  readonly credentials: AwsCredentialIdentity;
  readonly signingDate?: Date;
  /** The session talks to a custom endpoint URL (an emulator, a stand-in): any host is allowed then. */
  readonly customEndpoint?: boolean;
}

/**
 * The host of an EC2 Instance Connect Endpoint's WebSocket, checked: without a custom endpoint URL it
 * must be AWS's own name for an endpoint of that region (`<id>.ec2-instance-connect-endpoint.<region>
 * .amazonaws.com`, or `.amazonaws.com.cn` in China), so a presigned URL is never made for another host.
 */
export function instanceConnectEndpointHostProblem(host: string, region: string, customEndpoint: boolean): string | undefined {
  if (customEndpoint) {
    return undefined;
  }
  const suffix = `.ec2-instance-connect-endpoint.${region}.amazonaws.com`;
  const name = host.toLowerCase();
  const ok = [suffix, `${suffix}.cn`].some((s) => name.endsWith(s) && /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(name.slice(0, -s.length)));
  return ok
    ? undefined
    : l10n.t(
        'The EC2 Instance Connect Endpoint host {0} is not an AWS endpoint name for {1} (*{2}); no signed request is made for it.',
        JSON.stringify(host),
        region,
        suffix,
      );
}

/**
 * `wss://<endpoint>/openTunnel?instanceConnectEndpointId=…&remotePort=…&privateIpAddress=…`,
 * presigned with SigV4 (service ec2-instance-connect, valid 60 s, signed header: host).
 */
export async function presignTunnelUrl(r: TunnelRequest): Promise<string> {
  const problem = instanceConnectEndpointHostProblem(r.host, r.region, !!r.customEndpoint);
  if (problem) {
    throw new UserError(problem);
  }
  const { SignatureV4 } = await loadSdk();
  const signer = new SignatureV4({ service: 'ec2-instance-connect', region: r.region, credentials: r.credentials, sha256: Sha256 });
  const [hostname, port] = r.host.split(/:(?=\d+$)/);
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'wss:',
      hostname,
      port: port ? Number(port) : undefined,
      path: '/openTunnel',
      query: { instanceConnectEndpointId: r.endpointId, remotePort: String(r.remotePort), privateIpAddress: r.privateIp },
      headers: { host: r.host },
    },
    { expiresIn: 60, signingDate: r.signingDate },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${escape(k)}=${escape(String(v))}`)
    .join('&');
  return `wss://${r.host}/openTunnel?${query}`;
}

/** RFC 3986 escaping, as SigV4 canonicalises the query. */
function escape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
