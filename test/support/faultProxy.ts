// A loopback HTTP proxy in front of the emulator that can inject faults per request: an AWS error
// response, a reset connection, or a stall. Requests are matched on their region (from the SigV4
// credential scope), their action, or both.
import * as http from 'http';
import { AddressInfo } from 'net';

export interface ProxiedRequest {
  readonly region?: string;
  readonly service?: string;
  readonly action?: string;
  /** The access key id the request was signed with (never its secret). */
  readonly accessKeyId?: string;
}

export type Fault =
  | { kind: 'error'; status: number; body: string; contentType?: string }
  | { kind: 'reset' }
  | { kind: 'stall' }
  /** Forwards the request, then rewrites the answer's body. */
  | { kind: 'rewrite'; rewrite: (body: string) => string }
  /** Answers in the emulator's place (a service or call it does not model), from the request's body. */
  | { kind: 'answer'; answer: (body: string, req: ProxiedRequest) => { status: number; body: string; contentType: string } };

export interface FaultRule {
  match(req: ProxiedRequest): boolean;
  fault: Fault;
  /** How many requests to fault; unlimited when absent. */
  times?: number;
}

export class FaultProxy {
  readonly rules: FaultRule[] = [];
  readonly seen: ProxiedRequest[] = [];
  private server: http.Server | undefined;
  private readonly stalled = new Set<http.ServerResponse>();
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.stalled) {
      res.destroy();
    }
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
    const action =
      /(?:^|&)Action=([^&]+)/.exec(body.toString())?.[1] ??
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop();
    const info: ProxiedRequest = { region: scope?.[2], service: scope?.[3], action, accessKeyId: scope?.[1] };
    this.seen.push(info);
    const rule = this.rules.find((r) => (r.times === undefined || r.times > 0) && r.match(info));
    if (rule) {
      if (rule.times !== undefined) {
        rule.times--;
      }
      const fault = rule.fault;
      if (fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'stall') {
        this.stalled.add(res);
        return;
      }
      if (fault.kind === 'answer') {
        const answer = fault.answer(body.toString('utf8'), info);
        res.writeHead(answer.status, { 'content-type': answer.contentType });
        res.end(answer.body);
        return;
      }
      if (fault.kind === 'error') {
        res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/xml' });
        res.end(fault.body);
        return;
      }
    }
    const upstream = await fetch(`${this.target}${req.url}`, {
      method: req.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length') as Array<[string, string]>,
      ),
      body: ['GET', 'HEAD'].includes(req.method ?? 'GET') ? undefined : body,
    });
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, key) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(key)) {
        headers[key] = value;
      }
    });
    res.writeHead(upstream.status, headers);
    const answer = Buffer.from(await upstream.arrayBuffer());
    res.end(rule?.fault.kind === 'rewrite' ? rule.fault.rewrite(answer.toString('utf8')) : answer);
  }
}

export function ec2Error(code: string, message: string, status = 400): Fault {
  return {
    kind: 'error',
    status,
    body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>`,
  };
}

/** An error as the query APIs other than EC2 (Elastic Load Balancing, IAM) write it. */
export function queryError(code: string, message: string, status = 400): Fault {
  return {
    kind: 'error',
    status,
    body: `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
  };
}

/**
 * AWS's public SSM parameters (/aws/service/...), which the emulator does not publish: GetParameters
 * answered as AWS answers it (JSON 1.1; unknown names in InvalidParameters), from `values`.
 */
export function publicParameters(
  byRegion: Readonly<Record<string, string>> | ((region: string) => Readonly<Record<string, string>>),
): FaultRule {
  return {
    match: (r) => r.service === 'ssm' && r.action === 'GetParameters',
    fault: {
      kind: 'answer',
      answer: (body, req) => {
        const values = typeof byRegion === 'function' ? byRegion(req.region ?? '') : byRegion;
        const names = (JSON.parse(body) as { Names?: string[] }).Names ?? [];
        return {
          status: 200,
          contentType: 'application/x-amz-json-1.1',
          body: JSON.stringify({
            Parameters: names
              .filter((n) => n in values)
              .map((n) => ({
                Name: n,
                Type: 'String',
                Value: values[n],
                Version: 1,
                DataType: 'aws:ec2:image',
                ARN: `arn:aws:ssm:${req.region}::parameter${n}`,
              })),
            InvalidParameters: names.filter((n) => !(n in values)),
          }),
        };
      },
    },
  };
}
