// The ProxyCommand of an EC2 Instance Connect SSH entry, bundled apart as dist/connect.js and run
// by ssh with the Node that VS Code runs. At every connection (Remote - SSH's reconnects too) it
// pushes the extension's public key for the OS user (SendSSHPublicKey, valid 60 s), then relays
// ssh's stdin/stdout: over TCP to the instance's address, or, for an instance without a public
// address, through the OpenTunnel WebSocket of an EC2 Instance Connect Endpoint. Its arguments
// name a profile, never a credential; the SDK reads the credentials as the extension does.
import * as l10n from '@vscode/l10n';
import * as fs from 'fs/promises';
import * as net from 'net';
import * as tls from 'tls';
import { AwsSession } from '../aws/session/awsSession';
import { describeError, UserError } from '../aws/session/errors';
import { presignTunnelUrl, pushSshPublicKey } from '../aws/ec2/ec2InstanceConnect';
import { connectThroughProxy, proxyFor } from './httpsProxy';
import { type ProxyTarget, readProxyArgs } from './proxyArgs';

export interface ProxyOptions extends ProxyTarget {
  /** %h and %p: the instance's address (private for an endpoint) and port. */
  readonly host: string;
  readonly port: number;
  /** Through an Instance Connect Endpoint: its id and the host to open the WebSocket on. */
  readonly endpointId?: string;
  readonly endpointHost?: string;
}

export function parseProxyArgs(argv: string[]): ProxyOptions & { l10nFile?: string } {
  const { args, missing } = readProxyArgs(argv);
  if (missing.length > 0) {
    throw new UserError(`${missing[0]} is required.`);
  }
  return {
    profile: args.profile || 'default',
    endpointUrl: args.endpointUrl || undefined,
    region: args.region!,
    instanceId: args.instanceId!,
    user: args.user!,
    publicKeyFile: args.publicKeyFile!,
    host: args.host!,
    port: Number(args.port),
    endpointId: args.endpointId,
    endpointHost: args.endpointHost,
    l10nFile: args.l10nFile,
  };
}

/** Pushes the key, then relays stdin/stdout until either side closes. */
export async function runProxy(o: ProxyOptions, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): Promise<void> {
  const session = new AwsSession({ profile: o.profile, endpointUrl: o.endpointUrl, requestTimeoutMs: 20_000 });
  try {
    const publicKey = (await fs.readFile(o.publicKeyFile, 'utf8')).trim();
    await pushSshPublicKey(session, o.region, { instanceId: o.instanceId, osUser: o.user, publicKey });
    if (o.endpointId) {
      const client = await session.instanceConnect(o.region);
      const credentials = await client.config.credentials();
      const url = await presignTunnelUrl({
        host: o.endpointHost || o.endpointId,
        endpointId: o.endpointId,
        privateIp: o.host,
        remotePort: o.port,
        region: o.region,
        credentials,
        customEndpoint: !!o.endpointUrl,
      });
      await relayWebSocket(url, o, io);
    } else {
      await relayTcp(o.host, o.port, io);
    }
  } catch (error) {
    throw new UserError(describeError(error, await session.errorContext(o.region)), { cause: error });
  } finally {
    session.dispose();
  }
}

function relayTcp(host: string, port: number, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      io.input.pipe(socket);
      socket.pipe(io.output);
    });
    socket.once('error', (e: NodeJS.ErrnoException) =>
      reject(new UserError(l10n.t('Could not connect to {0} port {1} ({2}).', host, String(port), e.code ?? e.message))),
    );
    socket.once('close', () => resolve());
  });
}

async function relayWebSocket(
  url: string,
  o: ProxyOptions,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
): Promise<void> {
  const { default: WebSocket } = await import('ws');
  // Through HTTPS_PROXY when one is set for the endpoint's host, as aws-cli v2's open-tunnel does.
  const target = new URL(url);
  const proxy = proxyFor(target.hostname);
  const tunneled = proxy ? await connectThroughProxy(proxy, target.hostname, Number(target.port || 443)) : undefined;
  await new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(url, {
      perMessageDeflate: false,
      handshakeTimeout: 20_000,
      ...(tunneled && {
        createConnection: ((opts: tls.ConnectionOptions) =>
          tls.connect({
            ...opts,
            path: undefined,
            socket: tunneled,
            servername: net.isIP(target.hostname) ? '' : target.hostname,
          })) as unknown as typeof net.createConnection,
      }),
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString('utf8')));
      res.on('end', () => {
        if (res.statusCode === 403) {
          // The endpoint refuses a caller without the permission: the same sentence as the API's own denial.
          reject(
            Object.assign(new Error(`not authorized to perform: ec2-instance-connect:OpenTunnel ${body}`), {
              name: 'AccessDeniedException',
            }),
          );
        } else {
          reject(
            new UserError(
              l10n.t(
                'The EC2 Instance Connect Endpoint {0} refused the tunnel (HTTP {1}): {2}',
                o.endpointId!,
                String(res.statusCode),
                body.trim() || '-',
              ),
            ),
          );
        }
      });
    });
    ws.once('error', (e) =>
      reject(new UserError(l10n.t('The tunnel through the EC2 Instance Connect Endpoint {0} failed: {1}', o.endpointId!, e.message))),
    );
    ws.once('open', () => {
      io.input.on('data', (chunk: Buffer) => {
        ws.send(chunk, { binary: true });
        if (ws.bufferedAmount > 4 * 1024 * 1024) {
          io.input.pause();
          const wait = setInterval(() => {
            if (ws.bufferedAmount < 1024 * 1024 || ws.readyState !== WebSocket.OPEN) {
              clearInterval(wait);
              io.input.resume();
            }
          }, 20);
        }
      });
      io.input.once('end', () => ws.close(1000));
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        ws.terminate();
        reject(new UserError(l10n.t('The EC2 Instance Connect Endpoint sent text instead of the SSH stream: {0}', data.toString('utf8'))));
        return;
      }
      if (!io.output.write(data)) {
        ws.pause();
        io.output.once('drain', () => ws.resume());
      }
    });
    ws.once('close', (code, reason) => {
      if (code === 1000 || code === 1005) {
        resolve();
      } else {
        reject(
          new UserError(
            l10n.t('The EC2 Instance Connect Endpoint closed the tunnel ({0}): {1}', String(code), reason.toString('utf8') || '-'),
          ),
        );
      }
    });
  });
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseProxyArgs>;
  try {
    options = parseProxyArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`EC2 Workbench: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if (options.l10nFile) {
    try {
      l10n.config({ fsPath: options.l10nFile });
    } catch {
      // English, then.
    }
  }
  try {
    await runProxy(options, { input: process.stdin, output: process.stdout });
    process.exit(0);
  } catch (error) {
    // ssh prints the ProxyCommand's stderr: one sentence, which Remote - SSH shows in its log.
    process.stderr.write(`EC2 Workbench: ${describeError(error)}\n`);
    process.exit(1);
  }
}

if (require.main === module) {
  void main();
}
