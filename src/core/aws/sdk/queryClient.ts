// A client for the EC2 Query API's POST requests without the SDK: SigV4 signing (sigV4.ts), node's
// http/https with keep-alive connections, and the SDK's standard retry behaviour (exponential
// back-off with full jitter, a base of 100 ms, 500 ms when throttled, at most 20 s, a retry quota,
// `maxAttempts` attempts in all). Errors have the shape the SDK gives them (name = AWS's error code,
// message, $metadata.httpStatusCode; network errors keep node's code), so describeError words them
// alike. Used by the listing worker (listWorker.ts), which thus loads no SDK for the explorer's calls.
// Sources: the SDK's @smithy/util-retry (standard strategy, its constants and error lists),
// @smithy/node-http-handler (timeouts, keep-alive) and the EC2 Query protocol's error document
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
import * as http from 'node:http';
import * as https from 'node:https';
import { signQueryRequest, type SigningCredentials } from './sigV4';

export interface QueryClientConfig {
  /** The endpoint's URL (https://ec2.eu-west-3.amazonaws.com, or an emulator's). */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: () => SigningCredentials;
  readonly maxAttempts?: number;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** The EC2 API version the SDK speaks. */
  readonly version?: string;
}

export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** AWS's throttling error codes, as the SDK's standard retry strategy lists them. */
const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

const BASE_DELAY_MS = 100;
const THROTTLING_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;
const INITIAL_QUOTA = 500;
const RETRY_COST = 5;
const TIMEOUT_RETRY_COST = 10;

interface AwsLikeError extends Error {
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number; totalRetryDelay?: number };
  $fault?: 'client' | 'server';
}

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 50 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 50 }),
};

/** The SDK's extended URI encoding of a form value. */
const formEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of the first `<name>` element of an XML document, entities decoded; undefined when absent. */
export function xmlText(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m ? decodeXml(m[1]) : undefined;
}

export function decodeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z]+));/g, (_m, hex?: string, dec?: string, named?: string) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : dec ? String.fromCharCode(parseInt(dec, 10)) : (ENTITIES[named!] ?? ''),
  );
}

/** The error the SDK makes of an EC2 error answer: its first <Error>'s Code and Message. */
export function queryError(status: number, body: string): AwsLikeError {
  const code = xmlText(body, 'Code');
  const error: AwsLikeError = new Error(xmlText(body, 'Message') ?? 'UnknownError');
  error.name = code || (status ? String(status) : 'UnknownError');
  error.$fault = status >= 500 ? 'server' : 'client';
  error.$metadata = { httpStatusCode: status, requestId: xmlText(body, 'RequestID') ?? xmlText(body, 'RequestId') };
  return error;
}

function timeoutError(message: string): AwsLikeError {
  const error: AwsLikeError = new Error(message);
  error.name = 'TimeoutError';
  error.code = 'ETIMEDOUT';
  return error;
}

/** Whether the SDK's standard strategy retries this error, and how: 'throttling', 'transient' or no. */
export function retryKind(error: AwsLikeError): 'throttling' | 'transient' | undefined {
  const status = error.$metadata?.httpStatusCode;
  if (status === 429 || THROTTLING.has(error.name)) {
    return 'throttling';
  }
  if (
    TRANSIENT_NAMES.has(error.name) ||
    (error.code && TRANSIENT_CODES.has(error.code)) ||
    (status !== undefined && TRANSIENT_STATUS.has(status))
  ) {
    return 'transient';
  }
  return undefined;
}

export class QueryClient {
  private readonly url: URL;
  private readonly path: string;
  private quota = INITIAL_QUOTA;

  constructor(private readonly config: QueryClientConfig) {
    this.url = new URL(config.endpoint);
    this.path = `${this.url.pathname.replace(/\/+$/, '')}/`;
  }

  /**
   * POSTs the action with its parameters and returns the answer's XML. `onSent` is called when the
   * first attempt's request has been written (the next one may be prepared meanwhile).
   */
  async send(action: string, params: QueryParams, onSent?: () => void): Promise<string> {
    return (await this.sendForBytes(action, params, onSent)).toString('utf8');
  }

  /** As send(), the answer's bytes undecoded (a big page is decoded where and when its reader wants). */
  async sendForBytes(action: string, params: QueryParams, onSent?: () => void): Promise<Buffer> {
    const parts = [`Action=${formEncode(action)}`, `Version=${formEncode(this.config.version ?? '2016-11-15')}`];
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) {
        parts.push(`${formEncode(key)}=${formEncode(String(value))}`);
      }
    }
    const body = parts.join('&');
    const maxAttempts = Math.max(1, this.config.maxAttempts ?? 3);
    let totalDelay = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const xml = await this.attempt(body, attempt === 1 ? onSent : undefined);
        this.quota = Math.min(INITIAL_QUOTA, this.quota + 1);
        return xml;
      } catch (e) {
        const error = e as AwsLikeError;
        const kind = retryKind(error);
        const cost = error.name === 'TimeoutError' ? TIMEOUT_RETRY_COST : RETRY_COST;
        if (!kind || attempt >= maxAttempts || this.quota < cost) {
          error.$metadata = { ...error.$metadata, attempts: attempt, totalRetryDelay: totalDelay };
          throw error;
        }
        this.quota -= cost;
        const base = kind === 'throttling' ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
        const delay = Math.floor(Math.min(MAX_DELAY_MS, Math.random() * 2 ** attempt * base));
        totalDelay += delay;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private attempt(body: string, onSent?: () => void): Promise<Buffer> {
    const url = this.url;
    const secure = url.protocol === 'https:';
    const headers = signQueryRequest({
      credentials: this.config.credentials(),
      region: this.config.region,
      service: 'ec2',
      host: url.host,
      path: this.path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      date: new Date(),
    });
    headers['content-length'] = String(Buffer.byteLength(body));
    const connectionTimeout = this.config.connectionTimeoutMs ?? 5_000;
    const requestTimeout = this.config.requestTimeoutMs ?? 30_000;
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (!settled) {
          settled = true;
          clearTimeout(connecting);
          reject(error);
        }
      };
      const req = (secure ? https : http).request({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: this.path,
        headers,
        agent: secure ? agents.https : agents.http,
      });
      // No connection within connectionTimeout (a reused socket is connected already).
      const connecting = setTimeout(() => {
        req.destroy(timeoutError(`Socket timed out without establishing a connection within ${connectionTimeout} ms`));
      }, connectionTimeout);
      req.on('socket', (socket) => {
        if (!socket.connecting) {
          clearTimeout(connecting);
        } else {
          socket.once('connect', () => clearTimeout(connecting));
        }
      });
      req.setTimeout(requestTimeout, () => req.destroy(timeoutError(`Connection timed out after ${requestTimeout} ms`)));
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          if (settled) {
            return;
          }
          settled = true;
          clearTimeout(connecting);
          const bytes = Buffer.concat(chunks);
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve(bytes);
          } else {
            reject(queryError(status, bytes.toString('utf8')));
          }
        });
      });
      req.end(body, () => onSent?.());
    });
  }
}
