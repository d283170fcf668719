// The lab's exercise: send N requests with C in flight to a URL and count which backend answered
// each (X-Instance-Id header, else the first instance id in the body). No vscode here.
import * as l10n from '@vscode/l10n';
import * as http from 'http';
import * as https from 'https';

export const MAX_REQUESTS = 10_000;
export const MAX_CONCURRENCY = 100;

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
}

export interface LoadTestResult {
  readonly url: string;
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  readonly statusCodes: Record<string, number>;
  readonly byBackend: Record<string, number>;
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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 10) / 10;
}

function once(url: URL, agent: http.Agent, timeoutMs: number, signal?: AbortSignal): Promise<{ status: number; backend: string }> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.get(url, { agent, timeout: timeoutMs, signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < 65536) {
          chunks.push(c);
          size += c.length;
        }
      });
      res.on('end', () => {
        const header = res.headers['x-instance-id'];
        const fromHeader = Array.isArray(header) ? header[0] : header;
        const fromBody = INSTANCE_ID.exec(Buffer.concat(chunks).toString('utf8'))?.[0];
        resolve({ status: res.statusCode ?? 0, backend: (fromHeader?.trim() || fromBody) ?? 'unknown' });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export async function runLoadTest(o: LoadTestOptions): Promise<LoadTestResult> {
  const problem = loadTestProblem(o.url, o.requests, o.concurrency);
  if (problem) {
    throw new Error(problem);
  }
  const url = new URL(o.url);
  const agent = new (url.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: false, maxSockets: o.concurrency });
  const statusCodes: Record<string, number> = {};
  const byBackend: Record<string, number> = {};
  const latencies: number[] = [];
  const started = Date.now();
  const deadline = o.durationCapMs ? started + o.durationCapMs : Infinity;
  let next = 0;
  let done = 0;
  let ok = 0;
  let failed = 0;
  const worker = async () => {
    while (next < o.requests && !o.signal?.aborted && Date.now() < deadline) {
      next++;
      const t0 = performance.now();
      try {
        const r = await once(url, agent, o.requestTimeoutMs ?? 10_000, o.signal);
        latencies.push(performance.now() - t0);
        statusCodes[r.status] = (statusCodes[r.status] ?? 0) + 1;
        byBackend[r.backend] = (byBackend[r.backend] ?? 0) + 1;
        if (r.status >= 200 && r.status < 400) {
          ok++;
        }
      } catch (error) {
        if (o.signal?.aborted) {
          break;
        }
        failed++;
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        statusCodes[`error ${code}`] = (statusCodes[`error ${code}`] ?? 0) + 1;
      }
      done++;
      o.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, o.requests) }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    url: o.url,
    sent: done,
    ok,
    failed,
    statusCodes,
    byBackend,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
    durationMs: Date.now() - started,
    cancelled: !!o.signal?.aborted,
  };
}
