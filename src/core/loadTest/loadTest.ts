// The lab's exercise: send N requests with C in flight to a URL and count which backend answered
// each (X-Instance-Id header, else the first instance id in the body). No vscode here.
import * as l10n from '@vscode/l10n';
import * as http from 'http';
import * as https from 'https';
import { promises as dns } from 'dns';
import { isIP } from 'net';
import { UserError } from '../aws/session/errors';

export const MAX_REQUESTS = 10_000;
export const MAX_CONCURRENCY = 100;
/** A hostile server (a new X-Instance-Id per answer) stays small: the busiest backends, labels cut, "others" for the rest. */
export const MAX_BACKENDS_SHOWN = 20;
export const MAX_LABEL_LENGTH = 64;
/** Distinct backends counted one by one; answers from any further new one count as "others" straight away. */
export const MAX_BACKENDS_TRACKED = 1000;

export interface LoadTestOptions {
  readonly url: string;
  readonly requests: number;
  readonly concurrency: number;
  /** Stop sending after this long. */
  readonly durationCapMs?: number;
  readonly requestTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Called after each response, for a progress bar. */
  readonly onProgress?: (done: number) => void;
  /**
   * Sends the requests for "host:port" to another address, as curl --resolve does (the Host header
   * and TLS name stay the URL's): `{ "lab-elb-1.eu-west-3.elb.amazonaws.com:80": "127.0.0.1:8081" }`.
   * A key `*.<domain>:port` stands for every name under that domain (an exact key wins).
   */
  readonly resolve?: Readonly<Record<string, string>>;
  /** How the URL's name is looked up before the first request (tests pass their own). */
  readonly lookup?: (hostname: string) => Promise<unknown>;
}

/** The load test could not start: its sentence says why (a name not in DNS yet, for example). */
export class LoadTestStartError extends UserError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface LoadTestResult {
  readonly url: string;
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  readonly statusCodes: Record<string, number>;
  /** The MAX_BACKENDS_SHOWN busiest backends (labels cut to MAX_LABEL_LENGTH characters). */
  readonly byBackend: Record<string, number>;
  /** Answers from all other backends, when there were more than MAX_BACKENDS_SHOWN. */
  readonly others?: { readonly requests: number };
  readonly latencyMs: { p50: number; p95: number; p99: number };
  readonly durationMs: number;
  readonly cancelled: boolean;
}

const INSTANCE_ID = /\bi-(?:[0-9a-f]{17}|[0-9a-f]{8})\b/;

export function loadTestProblem(url: string, requests: number, concurrency: number): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return l10n.t('"{0}" is not a URL (for example http://my-elb-123.eu-west-3.elb.amazonaws.com/).', url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return l10n.t('The load test needs an http or https URL (got {0}).', parsed.protocol);
  }
  if (!Number.isInteger(requests)) {
    return l10n.t('Type a whole number of requests (1 to {0}).', MAX_REQUESTS);
  }
  if (!Number.isInteger(concurrency)) {
    return l10n.t('Type a whole number of requests in flight (1 to {0}).', MAX_CONCURRENCY);
  }
  if (requests < 1 || requests > MAX_REQUESTS) {
    return l10n.t('The number of requests is 1 to {0} (got {1}).', MAX_REQUESTS, requests);
  }
  if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    return l10n.t('The concurrency is 1 to {0} (got {1}).', MAX_CONCURRENCY, concurrency);
  }
  return undefined;
}

/** A label from a server, on one line and at most MAX_LABEL_LENGTH characters (an ellipsis marks a cut). */
export function backendLabel(value: string): string {
  // eslint-disable-next-line no-control-regex
  const chars = [...value.replace(/[\x00-\x1f\x7f]+/g, ' ').trim()];
  return chars.length > MAX_LABEL_LENGTH ? `${chars.slice(0, MAX_LABEL_LENGTH - 1).join('')}…` : chars.join('');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 10) / 10;
}

interface Target {
  readonly hostname: string;
  readonly port: number;
}

/** Where the requests go: the URL's host, or the address `resolve` gives for its host:port. */
export function targetOf(url: URL, resolve: Readonly<Record<string, string>> = {}): Target & { mapped: boolean } {
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const mapped = resolve[`${url.hostname}:${port}`] ?? wildcardEntry(url.hostname.toLowerCase(), port, resolve);
  if (!mapped) {
    return { hostname: url.hostname, port, mapped: false };
  }
  const m = /^(.*?)(?::(\d+))?$/.exec(mapped)!;
  return { hostname: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : port, mapped: true };
}

/** The value of the longest `*.<domain>:port` key whose domain ends `hostname` (a proper subdomain). */
function wildcardEntry(hostname: string, port: number, resolve: Readonly<Record<string, string>>): string | undefined {
  let best: { length: number; value: string } | undefined;
  for (const [key, value] of Object.entries(resolve)) {
    const m = /^\*\.(.+):(\d+)$/.exec(key);
    if (m && Number(m[2]) === port && hostname.endsWith(`.${m[1].toLowerCase()}`) && m[1].length > (best?.length ?? -1)) {
      best = { length: m[1].length, value };
    }
  }
  return best?.value;
}

function once(
  url: URL,
  target: Target,
  agent: http.Agent,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ status: number; backend: string }> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const options = {
      agent,
      timeout: timeoutMs,
      signal,
      hostname: target.hostname,
      port: target.port,
      headers: { host: url.host },
      servername: url.hostname,
    };
    // The whole request has a deadline: a server trickling bytes keeps the socket busy forever otherwise.
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    const req = lib.get(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < 65536) {
          chunks.push(c);
          size += c.length;
        }
      });
      res.on('end', () => {
        clearTimeout(timer);
        const header = res.headers['x-instance-id'];
        const fromHeader = Array.isArray(header) ? header[0] : header;
        const fromBody = INSTANCE_ID.exec(Buffer.concat(chunks).toString('utf8'))?.[0];
        resolve({ status: res.statusCode ?? 0, backend: (fromHeader?.trim() || fromBody) ?? 'unknown' });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Fails fast, before 300 failures, when the host is not in DNS (a new load balancer's name lags). */
async function checkResolvable(target: Target & { mapped: boolean }, lookup: (hostname: string) => Promise<unknown>): Promise<void> {
  if (target.mapped || isIP(target.hostname)) {
    return;
  }
  try {
    await lookup(target.hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'ENOTFOUND';
    throw new LoadTestStartError(
      l10n.t('The name {0} is not in DNS yet (new load balancers take a minute or two to appear). Try again in a minute.', target.hostname),
      code,
    );
  }
}

export async function runLoadTest(o: LoadTestOptions): Promise<LoadTestResult> {
  const problem = loadTestProblem(o.url, o.requests, o.concurrency);
  if (problem) {
    throw new Error(problem);
  }
  const url = new URL(o.url);
  const target = targetOf(url, o.resolve);
  await checkResolvable(target, o.lookup ?? ((host) => dns.lookup(host)));
  const agent = new (url.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: false, maxSockets: o.concurrency });
  // Maps, not objects: a server answering `X-Instance-Id: __proto__` cannot bend the counts.
  const statusCodes = new Map<string, number>();
  const byBackend = new Map<string, number>();
  let untracked = 0;
  /** Counts under the label; false (nothing kept) once MAX_BACKENDS_TRACKED labels are held and this one is new. */
  const count = (m: Map<string, number>, raw: string): boolean => {
    const key = backendLabel(raw) || 'unknown';
    if (!m.has(key) && m.size >= MAX_BACKENDS_TRACKED) {
      return false;
    }
    m.set(key, (m.get(key) ?? 0) + 1);
    return true;
  };
  const latencies: number[] = [];
  const started = Date.now();
  const deadline = o.durationCapMs ? started + o.durationCapMs : Infinity;
  // At the deadline (or on cancel) the requests in flight are aborted too, not awaited.
  const stop = new AbortController();
  const cap = o.durationCapMs ? setTimeout(() => stop.abort(), o.durationCapMs) : undefined;
  const onCancel = () => stop.abort();
  o.signal?.addEventListener('abort', onCancel);
  let next = 0;
  let done = 0;
  let ok = 0;
  let failed = 0;
  const worker = async () => {
    while (next < o.requests && !stop.signal.aborted && Date.now() < deadline) {
      next++;
      const t0 = performance.now();
      try {
        const r = await once(url, target, agent, o.requestTimeoutMs ?? 10_000, stop.signal);
        latencies.push(performance.now() - t0);
        count(statusCodes, String(r.status));
        if (!count(byBackend, r.backend)) {
          untracked++;
        }
        if (r.status >= 200 && r.status < 400) {
          ok++;
        }
      } catch (error) {
        if (stop.signal.aborted) {
          break;
        }
        failed++;
        count(statusCodes, `error ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      done++;
      o.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, o.requests) }, worker));
  clearTimeout(cap);
  o.signal?.removeEventListener('abort', onCancel);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const busiest = [...byBackend].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const others = busiest.slice(MAX_BACKENDS_SHOWN).reduce((sum, [, n]) => sum + n, 0) + untracked;
  return {
    url: o.url,
    sent: done,
    ok,
    failed,
    statusCodes: Object.fromEntries(statusCodes),
    byBackend: Object.fromEntries(busiest.slice(0, MAX_BACKENDS_SHOWN)),
    ...(others ? { others: { requests: others } } : {}),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
    durationMs: Date.now() - started,
    cancelled: !!o.signal?.aborted,
  };
}
