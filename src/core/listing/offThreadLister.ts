// The explorer's listings, run in a worker thread (listWorker.ts) so that the SDK's parsing of large
// answers never blocks the extension host's thread, which every other extension shares. The worker
// starts on first use and stops after five minutes without work; when it cannot start, the same
// listing runs in this thread.
import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import { type Worker } from 'node:worker_threads';
import { type AwsSession, type SessionOptions } from '../aws/session/awsSession';
import {
  compareInstances,
  type Ec2Instance,
  type InstanceFilter,
  listInstances as listInThread,
  matchesFilter,
} from '../aws/ec2/instances';
import { type InstanceSummary, sharedValues, summarize } from './instanceSummary';
import { listInstancePages } from './instancePages';
import { type DirectListing } from './directListing';
import { directListingConfig } from './directListingConfig';
import { deserializeError, type ListerMessage, type ListRequest, type ListRequestBody } from './listerProtocol';
import { type ReadKind, readHere, type ReadValue } from './reads';

/** A worker with nothing to do stops after this long (its SDK and heap are freed). */
const IDLE_MS = 5 * 60_000;

/** The credentials handed to the worker are read again from the files after this long. */
const CREDENTIALS_TTL_MS = 5_000;

/** Error names after which the credentials are read again at once (renewed keys, a fixed typo). */
const CREDENTIAL_ERRORS = new Set([
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
]);

interface Pending {
  onPage?: (page: never[]) => void;
  /** Applied to each record of a page as it arrives (summaries' shared values). */
  each?: (record: never) => unknown;
  /** The same request in this thread, when the worker could not start. */
  fallback: () => Promise<unknown>;
  instances: unknown[];
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

export class OffThreadLister {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  private disabled = false;
  /** Whether the current worker has answered once (it started and loaded its script). */
  private answered = false;
  /** Full records listed in this thread, by region (only when no worker could start). */
  private readonly inThreadRecords = new Map<string, Map<string, Ec2Instance>>();
  /** The worker's settings for listing without the SDK, and when they were read. */
  private direct: { value: Promise<DirectListing | undefined>; at: number } | undefined;

  constructor(
    private readonly options: SessionOptions,
    private readonly inThread: AwsSession,
    /** The worker's script: listWorker.js beside this module (dist/ when bundled, out/ when compiled). */
    private readonly script = join(__dirname, 'listWorker.js'),
  ) {}

  /** Whether listings run in a worker (false once a worker failed to start). */
  get offThread(): boolean {
    return !this.disabled;
  }

  /**
   * Starts the worker and has it load what a listing needs (SDK, profile, credentials), with no AWS
   * call: called when the view becomes visible, so this overlaps the first paint. Never rejects.
   */
  warm(): Promise<void> {
    if (this.worker || this.disabled) {
      return Promise.resolve();
    }
    return this.request<unknown>({ op: 'warm' }, async () => undefined).then(
      () => undefined,
      () => undefined, // A profile or credentials problem is worded by the listing that follows.
    );
  }

  listRegions(): Promise<string[]> {
    return this.request({ op: 'regions' }, () => this.inThread.listRegions());
  }

  /** Every instance of the region, sorted; `onPage` sees each page as it arrives. */
  async listInstances(region: string, onPage?: (page: Ec2Instance[]) => void): Promise<Ec2Instance[]> {
    const all = await this.request<Ec2Instance[]>(
      { op: 'instances', region },
      async () => {
        const instances: Ec2Instance[] = [];
        await listInstancePages(this.inThread, region, (page) => {
          instances.push(...page);
          onPage?.(page);
        });
        return instances;
      },
      onPage,
    );
    return all.sort(compareInstances);
  }

  /**
   * The region's instances as the tree shows them (summaries, sorted), `onPage` told of each page;
   * the full records stay in the worker (in this thread only when no worker could start).
   */
  async listShown(region: string, onPage?: (page: InstanceSummary[]) => void): Promise<InstanceSummary[]> {
    const all = await this.request<InstanceSummary[]>(
      { op: 'shown', region },
      async () => {
        const records = new Map<string, Ec2Instance>();
        const shown: InstanceSummary[] = [];
        await listInstancePages(this.inThread, region, (page) => {
          const summaries = page.map(summarize);
          page.forEach((i) => records.set(i.id, i));
          shown.push(...summaries);
          onPage?.(summaries);
        });
        this.inThreadRecords.set(region, records);
        return shown;
      },
      onPage,
      sharedValues(),
    );
    return all.sort(compareInstances);
  }

  /** Full records of instances of the region's last listing (asked of AWS when not kept). */
  details(region: string, ids: string[]): Promise<Ec2Instance[]> {
    return this.request<Ec2Instance[]>({ op: 'details', region, ids }, async () => {
      const kept = this.inThreadRecords.get(region);
      const found = ids.map((id) => kept?.get(id));
      if (found.every((i) => i !== undefined)) {
        return found as Ec2Instance[];
      }
      return (await listInThread(this.inThread, region, ids)).map(({ raw: _raw, ...rest }) => rest);
    });
  }

  /** The ids of the region's last listing that pass the filter (tags are known in the worker only). */
  matching(region: string, filter: InstanceFilter): Promise<Set<string>> {
    return this.request<string[]>({ op: 'match', region, filter }, async () =>
      [...(this.inThreadRecords.get(region)?.values() ?? [])].filter((i) => matchesFilter(i, filter)).map((i) => i.id),
    ).then((ids) => new Set(ids));
  }

  /** Another of the tree's or the prices' reads (reads.ts), in the worker: the SDK loads there, not here. */
  read<K extends ReadKind>(kind: K, region: string, key?: string): Promise<ReadValue<K>> {
    return this.request<ReadValue<K>>({ op: 'read', kind, region, key }, () => readHere(kind, this.inThread, region, key));
  }

  dispose(): void {
    clearTimeout(this.idle);
    void this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) {
      p.reject(new Error('The AWS session was closed.'));
    }
    this.pending.clear();
  }

  /**
   * The profile's credentials, endpoint and default region for the worker (read with the ini reader
   * alone; undefined when only the SDK can resolve them). Read again after CREDENTIALS_TTL_MS and
   * after a credentials error, so renewed keys are used without a new session.
   */
  private directListing(): Promise<DirectListing | undefined> {
    const now = performance.now();
    if (!this.direct || now - this.direct.at > CREDENTIALS_TTL_MS) {
      const value = directListingConfig(this.options);
      value.catch(() => (this.direct = undefined));
      this.direct = { value, at: now };
    }
    return this.direct.value;
  }

  private request<T>(
    request: ListRequestBody,
    fallback: () => Promise<T>,
    onPage?: (page: never[]) => void,
    each?: (record: never) => unknown,
  ): Promise<T> {
    const worker = this.ensureWorker();
    if (!worker) {
      return fallback();
    }
    clearTimeout(this.idle);
    const id = this.nextId++;
    // The worker starts loading its script while the files are read.
    const direct = this.directListing().catch((error: unknown) => error as Error);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { onPage, each, fallback, instances: [], resolve: resolve as (value: never) => void, reject });
      void direct.then((settings) => {
        if (!this.pending.has(id)) {
          return; // Disposed meanwhile.
        }
        if (settings instanceof Error) {
          this.settle(id, () => reject(settings));
          return;
        }
        this.worker?.postMessage({ ...request, id, direct: settings } satisfies ListRequest);
      });
    });
  }

  /** Ends a request without the worker's answer. */
  private settle(id: number, end: () => void): void {
    this.pending.delete(id);
    end();
    this.idleWhenDone();
  }

  private idleWhenDone(): void {
    if (this.pending.size === 0) {
      clearTimeout(this.idle);
      this.idle = setTimeout(() => this.dispose(), IDLE_MS);
      this.idle.unref();
    }
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.disabled) {
      return this.worker;
    }
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first listing only
      const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
      const { onCall, ...options } = this.options;
      const worker = new Worker(this.script, { workerData: { options, observe: !!onCall } });
      worker.unref();
      worker.on('message', (message: ListerMessage) => this.receive(message));
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', () => this.fail(worker, new Error('The listing worker stopped.')));
      this.worker = worker;
      this.answered = false;
    } catch {
      this.disabled = true;
    }
    return this.worker;
  }

  private receive(message: ListerMessage): void {
    this.answered = true;
    if ('call' in message) {
      this.options.onCall?.(message.call);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) {
      return;
    }
    if ('page' in message) {
      const page = pending.each ? message.page.map(pending.each as (r: unknown) => never) : (message.page as never[]);
      pending.instances.push(...page);
      pending.onPage?.(page);
      return;
    }
    this.pending.delete(message.id);
    if ('error' in message) {
      if (CREDENTIAL_ERRORS.has(message.error.name ?? '')) {
        this.direct = undefined;
      }
      pending.reject(deserializeError(message.error));
    } else if ('regions' in message) {
      pending.resolve(message.regions as never);
    } else if ('records' in message) {
      pending.resolve(message.records as never);
    } else if ('ids' in message) {
      pending.resolve(message.ids as never);
    } else if ('value' in message) {
      pending.resolve(message.value as never);
    } else {
      pending.resolve(pending.instances as never);
    }
    this.idleWhenDone();
  }

  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) {
      return;
    }
    this.worker = undefined;
    // A worker that dies before its first answer could not start here (its script missing, workers
    // not allowed): list in this thread from now on, starting with what was asked.
    const retry = !this.answered;
    this.disabled ||= retry;
    for (const p of this.pending.values()) {
      if (retry) {
        p.fallback().then(p.resolve as (value: unknown) => void, p.reject);
      } else {
        p.reject(error);
      }
    }
    this.pending.clear();
  }
}

const listers = new WeakMap<AwsSession, OffThreadLister>();

/**
 * The explorer's listings (regions, instances) for a session, run off the extension host's thread:
 * one worker per session, made on first use and ended with the session. The session itself holds
 * credentials and clients only.
 */
export function listerFor(session: AwsSession): OffThreadLister {
  let lister = listers.get(session);
  if (!lister) {
    const made = new OffThreadLister(session.options, session);
    session.onDispose(() => made.dispose());
    listers.set(session, made);
    lister = made;
  }
  return lister;
}
