// Loopback stand-ins for what EC2 Instance Connect does beyond moto:
// - the shared AWS stand-in (awsStandIn.ts) with rules that forward SendSSHPublicKey to moto (which
//   answers it) and record the pushed key, play the EC2 Instance Connect agent's part by writing that
//   key where an sshd AuthorizedKeysCommand reads it (only the key pushed last, for its OS user, for
//   60 s), answer DescribeInstanceConnectEndpoints (which moto does not model) with AWS's XML shape,
//   and forward everything else to moto;
// - the endpoint's OpenTunnel WebSocket over TLS, which checks the presigned URL's SigV4 signature
//   and parameters by its own computation, then relays the stream to a loopback sshd.
import { execFileSync } from 'child_process';
import { createHash, createHmac } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { WebSocketServer } from 'ws';
import { AwsStandIn } from './awsStandIn';

/** A folder sshd accepts an AuthorizedKeysCommand in: owned by root (or us), not writable by others, nor any parent (so not under /tmp). */
export function secureDir(): string {
  // sshd runs an AuthorizedKeysCommand only from a path no other user can write to, every folder up
  // to the root included: the checkout's .vscode-test when the checkout is in such a place, else the
  // account's own home (a checkout under /tmp, which anyone can write to, is not).
  const inCheckout = path.resolve(__dirname, '..', '..', '..', '.vscode-test');
  const safe = (dir: string): boolean => {
    for (let d = dir; ; d = path.dirname(d)) {
      if (fs.existsSync(d) && (fs.statSync(d).mode & 0o022) !== 0) {
        return false;
      }
      if (path.dirname(d) === d) {
        return true;
      }
    }
  };
  const base = safe(path.dirname(inCheckout)) ? inCheckout : path.join(os.userInfo().homedir, '.ec2wb-test-eic');
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  const dir = fs.mkdtempSync(path.join(base, 'eic-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export interface Push {
  readonly region?: string;
  readonly instanceId: string;
  readonly osUser: string;
  readonly publicKey: string;
  /** moto's answer, forwarded as is. */
  readonly answer: { status: number; body: string };
}

export interface EndpointRecord {
  readonly id: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly dnsName: string;
  readonly securityGroupId: string;
  readonly state?: string;
}

export class InstanceConnectStandIn extends AwsStandIn {
  readonly pushes: Push[] = [];
  readonly endpoints: EndpointRecord[] = [];
  /** Answer SendSSHPublicKey with this IAM denial instead of forwarding it. */
  deny = false;
  /** Rewrites moto's DescribeInstances answers (for what the emulator does not model, such as an IPv6-only instance). */
  rewriteDescribeInstances: ((xml: string) => string) | undefined;
  readonly dir = secureDir();
  readonly pushedKeyFile = path.join(this.dir, 'pushed');
  /** The AuthorizedKeysCommand (argument: the login user) standing in for the agent on the instance. */
  readonly authorizedKeysCommand = path.join(this.dir, 'eic-agent.sh');

  constructor(target: string) {
    super(target);
    fs.writeFileSync(
      this.authorizedKeysCommand,
      [
        '#!/bin/sh',
        '# The key pushed last, only for the OS user it was pushed for, only for 60 s.',
        `f='${this.pushedKeyFile}'`,
        '[ -f "$f" ] || exit 0',
        'age=$(( $(date +%s) - $(stat -c %Y "$f") ))',
        '[ "$age" -lt 60 ] || exit 0',
        '[ "$(head -n 1 "$f")" = "$1" ] || exit 0',
        'tail -n +2 "$f"',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const arn = 'arn:aws:iam::123456789012:user/student';
    this.rules.push(
      {
        match: (r) => r.action === 'SendSSHPublicKey' && this.deny,
        fault: {
          kind: 'answer',
          answer: (_body, req) => ({
            status: 400,
            contentType: 'application/x-amz-json-1.1',
            headers: { 'x-amzn-requestid': 'stand-in' },
            body: JSON.stringify({
              __type: 'AccessDeniedException',
              Message: `User: ${arn} is not authorized to perform: ec2-instance-connect:SendSSHPublicKey on resource: arn:aws:ec2:${req.region}:123456789012:instance/i-0 because no identity-based policy allows the ec2-instance-connect:SendSSHPublicKey action`,
            }),
          }),
        },
      },
      {
        match: (r) => r.action === 'DescribeInstanceConnectEndpoints',
        fault: {
          kind: 'answer',
          answer: (body) => ({ status: 200, contentType: 'text/xml', body: this.describeEndpoints(new URLSearchParams(body)) }),
        },
      },
      {
        match: (r) => r.action === 'DescribeInstances' && this.rewriteDescribeInstances !== undefined,
        fault: { kind: 'rewrite', rewrite: (xml) => (this.rewriteDescribeInstances ? this.rewriteDescribeInstances(xml) : xml) },
      },
    );
    this.observe((req, answer) => {
      if (req.action === 'SendSSHPublicKey') {
        const input = JSON.parse(req.body) as { InstanceId: string; InstanceOSUser: string; SSHPublicKey: string };
        this.pushes.push({
          region: req.region,
          instanceId: input.InstanceId,
          osUser: input.InstanceOSUser,
          publicKey: input.SSHPublicKey,
          answer,
        });
        if (answer.status === 200) {
          fs.writeFileSync(this.pushedKeyFile, `${input.InstanceOSUser}\n${input.SSHPublicKey}\n`);
        }
      }
    });
  }

  /** Simulates the key's lifetime passing: the last push is now two minutes old. */
  expire(): void {
    const past = new Date(Date.now() - 120_000);
    fs.utimesSync(this.pushedKeyFile, past, past);
  }

  override async close(): Promise<void> {
    await super.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** DescribeInstanceConnectEndpoints as EC2 answers it, with its `vpc-id` and `state` filters applied. */
  private describeEndpoints(params: URLSearchParams): string {
    const filters = new Map<string, string[]>();
    for (let i = 1; params.has(`Filter.${i}.Name`); i++) {
      const values: string[] = [];
      for (let j = 1; params.has(`Filter.${i}.Value.${j}`); j++) {
        values.push(params.get(`Filter.${i}.Value.${j}`)!);
      }
      filters.set(params.get(`Filter.${i}.Name`)!, values);
    }
    const items = this.endpoints
      .filter((e) => !filters.get('vpc-id') || filters.get('vpc-id')!.includes(e.vpcId))
      .filter((e) => !filters.get('state') || filters.get('state')!.includes(e.state ?? 'create-complete'))
      .map(
        (e) =>
          `<item><ownerId>123456789012</ownerId><instanceConnectEndpointId>${e.id}</instanceConnectEndpointId>` +
          `<instanceConnectEndpointArn>arn:aws:ec2:eu-west-3:123456789012:instance-connect-endpoint/${e.id}</instanceConnectEndpointArn>` +
          `<state>${e.state ?? 'create-complete'}</state><stateMessage/><dnsName>${e.dnsName}</dnsName>` +
          `<fipsDnsName>${e.dnsName.replace('.ec2-instance-connect-endpoint.', '.fips.ec2-instance-connect-endpoint.')}</fipsDnsName>` +
          `<networkInterfaceIdSet><item>eni-0123456789abcdef0</item></networkInterfaceIdSet><vpcId>${e.vpcId}</vpcId>` +
          `<availabilityZone>eu-west-3a</availabilityZone><createdAt>2026-01-01T00:00:00.000Z</createdAt><subnetId>${e.subnetId}</subnetId>` +
          `<preserveClientIp>false</preserveClientIp><securityGroupIdSet><item>${e.securityGroupId}</item></securityGroupIdSet><tagSet/></item>`,
      )
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstanceConnectEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>stand-in</requestId><instanceConnectEndpointSet>${items}</instanceConnectEndpointSet></DescribeInstanceConnectEndpointsResponse>`;
  }
}

export interface VerifyOptions {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly now?: Date;
}

/**
 * Checks a presigned OpenTunnel URL as the endpoint would: SigV4 query authentication for the
 * service ec2-instance-connect, signed header host, not expired, then the tunnel's parameters.
 * Resolves to the parameters, or throws why it is refused. Written from the SigV4 specification,
 * independently of the SDK's signer.
 */
export function verifyTunnelUrl(url: string, host: string, o: VerifyOptions): Record<string, string> {
  const u = new URL(url, `wss://${host}`);
  const q = Object.fromEntries(u.searchParams.entries());
  const refuse = (why: string): never => {
    throw new Error(why);
  };
  if (u.pathname !== '/openTunnel') refuse(`path ${u.pathname}`);
  if (q['X-Amz-Algorithm'] !== 'AWS4-HMAC-SHA256') refuse('algorithm');
  const [akid, day, region, service, term] = (q['X-Amz-Credential'] ?? '').split('/');
  if (akid !== o.accessKeyId || region !== o.region || service !== 'ec2-instance-connect' || term !== 'aws4_request') {
    refuse(`credential scope ${q['X-Amz-Credential']}`);
  }
  if (q['X-Amz-SignedHeaders'] !== 'host') refuse(`signed headers ${q['X-Amz-SignedHeaders']}`);
  const date = q['X-Amz-Date'] ?? '';
  const signedAt = Date.parse(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const expires = Number(q['X-Amz-Expires']);
  const now = (o.now ?? new Date()).getTime();
  if (!(expires > 0 && expires <= 60) || !(now >= signedAt - 300_000 && now <= signedAt + expires * 1000) || !date.startsWith(day)) {
    refuse(`expired or badly dated (${date}, ${expires} s)`);
  }
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalQuery = Object.entries(q)
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [enc(k), enc(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const canonical = ['GET', u.pathname, canonicalQuery, `host:${host}`, '', 'host', sha('')].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha(canonical)].join('\n');
  const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
  let key = hmac(`AWS4${o.secretAccessKey}`, day);
  for (const part of [region, service, 'aws4_request']) {
    key = hmac(key, part);
  }
  if (hmac(key, toSign).toString('hex') !== q['X-Amz-Signature']) refuse('signature does not match');
  return q;
}

export interface TunnelServer {
  readonly host: string;
  readonly caFile: string;
  /** The parameters of each tunnel accepted. */
  readonly opened: Array<Record<string, string>>;
  readonly refused: string[];
  /** Answer the handshake with 403 (a caller without ec2-instance-connect:OpenTunnel). */
  deny: boolean;
  close(): Promise<void>;
}

/** The endpoint's OpenTunnel WebSocket over TLS on loopback (certificate for 127.0.0.1 in caFile), relaying to `sshdPort`. */
export async function startTunnelServer(o: VerifyOptions & { sshdPort: number; endpointId: string }): Promise<TunnelServer> {
  const dir = secureDir();
  const keyFile = path.join(dir, 'key.pem');
  const caFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '1',
    ].concat(['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']),
    { stdio: 'ignore' },
  );
  const server = https.createServer({ key: fs.readFileSync(keyFile), cert: fs.readFileSync(caFile) });
  const state: TunnelServer = {
    host: '',
    caFile,
    opened: [],
    refused: [],
    deny: false,
    close: async () => {
      wss.clients.forEach((c) => c.terminate());
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  const wss = new WebSocketServer({
    server,
    verifyClient: (info: { req: http.IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) => {
      if (state.deny) {
        done(false, 403, 'Forbidden');
        return;
      }
      try {
        const q = verifyTunnelUrl(info.req.url ?? '', String(info.req.headers.host), o);
        // The endpoint takes a private IPv4 or an IPv6 address (aws-cli v2's open-tunnel sends Ipv6Address when there is no private IPv4).
        if (q.instanceConnectEndpointId !== o.endpointId || q.remotePort !== '22' || !net.isIP(q.privateIpAddress ?? '')) {
          throw new Error(`parameters ${JSON.stringify(q)}`);
        }
        state.opened.push(q);
        done(true);
      } catch (error) {
        state.refused.push((error as Error).message);
        done(false, 403, 'Forbidden');
      }
    },
  });
  wss.on('connection', (ws) => {
    const socket = net.connect(o.sshdPort, '127.0.0.1');
    socket.on('data', (d) => ws.send(d, { binary: true }));
    socket.on('close', () => ws.close(1000));
    socket.on('error', () => ws.close(1011, 'connection to the instance failed'));
    ws.on('message', (d: Buffer) => socket.write(d));
    ws.on('close', () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (state as { host: string }).host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return state;
}
