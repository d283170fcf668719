// The one loopback AWS stand-in of the tests, in front of the emulator (moto). Each request is read
// and parsed once (region and service from the SigV4 credential scope, the action from the query
// body or the JSON target), then the first rule that matches answers it: an AWS error, a reset
// connection, a stall, an answer in the emulator's place (what moto does not model: the Price List
// API, AWS's public SSM parameters, Instance Connect Endpoints), or a rewrite of moto's answer.
// Anything else is forwarded once to the emulator. The fault tests, the price tests (pricingStandIn.ts)
// and the Instance Connect tests (instanceConnectStandIn.ts) all build on it.
import * as http from 'http';
import { AddressInfo } from 'net';

export interface ProxiedRequest {
  readonly region?: string;
  readonly service?: string;
  readonly action?: string;
  /** The access key id the request was signed with (never its secret). */
  readonly accessKeyId?: string;
}

/** A request as the rules see it: what `seen` records, plus its body. */
export interface StandInRequest extends ProxiedRequest {
  readonly body: string;
}

export interface StandInAnswer {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export type Fault =
  | { kind: 'error'; status: number; body: string; contentType?: string }
  | { kind: 'reset' }
  | { kind: 'stall' }
  /** Forwards the request, then rewrites the answer's body. */
  | { kind: 'rewrite'; rewrite: (body: string) => string }
  /** Answers in the emulator's place (a service or call it does not model), from the request's body. */
  | { kind: 'answer'; answer: (body: string, req: StandInRequest) => StandInAnswer | Promise<StandInAnswer> };

export interface FaultRule {
  match(req: StandInRequest): boolean;
  fault: Fault;
  /** How many requests to fault; unlimited when absent. */
  times?: number;
}

/** Told of every forwarded request and the answer it got back (after any rewrite). */
export type Observer = (req: StandInRequest, answer: { status: number; body: string }) => void;

export class AwsStandIn {
  readonly rules: FaultRule[] = [];
  readonly seen: ProxiedRequest[] = [];
  /** Requests forwarded to the emulator. */
  forwarded = 0;
  private readonly observers: Observer[] = [];
  private server: http.Server | undefined;
  private readonly stalled = new Set<http.ServerResponse>();
  url = '';

  constructor(
    private readonly target: string,
    rules: FaultRule[] = [],
  ) {
    this.rules.push(...rules);
  }

  observe(observer: Observer): this {
    this.observers.push(observer);
    return this;
  }

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
    const request: StandInRequest = { ...info, body: body.toString('utf8') };
    const rule = this.rules.find((r) => (r.times === undefined || r.times > 0) && r.match(request));
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
        const answer = await fault.answer(request.body, request);
        res.writeHead(answer.status, { 'content-type': answer.contentType, ...answer.headers });
        res.end(answer.body);
        return;
      }
      if (fault.kind === 'error') {
        res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/xml' });
        res.end(fault.body);
        return;
      }
    }
    this.forwarded++;
    let upstream: Response;
    try {
      upstream = await fetch(`${this.target}${req.url}`, {
        method: req.method,
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length') as Array<[string, string]>,
        ),
        body: ['GET', 'HEAD'].includes(req.method ?? 'GET') ? undefined : body,
      });
    } catch {
      req.socket.destroy(); // The emulator went away: the client sees a dropped connection, as from AWS.
      return;
    }
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, key) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(key)) {
        headers[key] = value;
      }
    });
    const received = Buffer.from(await upstream.arrayBuffer());
    const answer = rule?.fault.kind === 'rewrite' ? Buffer.from(rule.fault.rewrite(received.toString('utf8'))) : received;
    res.writeHead(upstream.status, headers);
    res.end(answer);
    for (const observer of this.observers) {
      observer(request, { status: upstream.status, body: answer.toString('utf8') });
    }
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
