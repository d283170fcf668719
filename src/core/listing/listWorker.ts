// The listing worker: runs the explorer's DescribeRegions and DescribeInstances calls, and the
// condensing of their XML, off the extension host's thread, and posts back compact instance records
// page by page. Started by OffThreadLister (offThreadLister.ts). With the settings the host hands
// over (`direct`: static keys, endpoint) it sends the calls with its own client (directListing.ts)
// and loads no SDK; otherwise (an assumed role, SSO...) a session of its own sends them with the
// SDK (dist/sdk.js, loaded then). It also runs the tree's and the prices' other reads with that
// session (reads.ts), so the host's thread never loads the SDK to show the tree. A second thread
// (this script again, as a condenser) decodes and condenses every other page, of any region.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { AwsSession, type SessionOptions } from '../aws/session/awsSession';
import { type Ec2Instance, listInstances, matchesFilter } from '../aws/ec2/instances';
import { everyOtherPage, listInstancePages, listPages, PAGE_SIZE, type PageBody, pageText } from './instancePages';
import { type SdkCall } from '../aws/session/cliTranscript';
import { summarize, type InstanceSummary } from './instanceSummary';
import { directClient, type DirectListing, directPageRequester, listRegionsDirect } from './directListing';
import { condenseDescribeInstances } from './instanceRecords';
import { type ListRequest, type ListerMessage, serializeError } from './listerProtocol';
import { readHere } from './reads';

const port = parentPort!;
const data = workerData as { options: SessionOptions; observe: boolean } | { condenser: true };

if ('condenser' in data) {
  port.on('message', ({ id, region, body }: { id: number; region: string; body: PageBody }) => {
    // Bytes are decoded here, off the thread that sends the requests.
    port.postMessage({ id, instances: condenseDescribeInstances(region, pageText(body)).instances });
  });
} else {
  serve(data.options, data.observe);
}

/** The condenser thread, started when the worker gets ready or with its first listing of instances. */
interface Waiting {
  resolve: (instances: Ec2Instance[]) => void;
  region: string;
  body: PageBody;
}
let condenser: { worker: Worker; waiting: Map<number, Waiting>; next: number } | undefined;

function startCondenser(): NonNullable<typeof condenser> {
  if (!condenser) {
    const worker = new Worker(__filename, { workerData: { condenser: true } });
    worker.unref();
    const c = { worker, waiting: new Map<number, Waiting>(), next: 1 };
    worker.on('message', ({ id, instances }: { id: number; instances: Ec2Instance[] }) => {
      c.waiting.get(id)?.resolve(instances);
      c.waiting.delete(id);
    });
    // A condenser that fails (or cannot start) hands its pages back: they are condensed here.
    const fail = () => {
      if (condenser === c) {
        condenser = undefined;
      }
      for (const w of c.waiting.values()) {
        w.resolve(condenseDescribeInstances(w.region, pageText(w.body)).instances);
      }
      c.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    condenser = c;
  }
  return condenser;
}

function condenseElsewhere(region: string, body: PageBody): Promise<Ec2Instance[]> {
  const c = startCondenser();
  const id = c.next++;
  return new Promise((resolve) => {
    c.waiting.set(id, { resolve, region, body });
    c.worker.postMessage({ id, region, body }); // Copied: kept here in case the condenser fails.
  });
}

/**
 * Gets ready for the first listing while the view paints: the SDK loaded, the profile read, the
 * default region's client made and its credentials resolved. No AWS call.
 */
async function warm(session: AwsSession): Promise<void> {
  const client = await session.ec2(await session.defaultRegion());
  await client.config.credentials();
}

/** Records per message: each message is copied in the host's thread, so big pages go in slices. */
const SLICE = 250;

/** Pages shared with the condenser thread, across every region listed. */
const shared = everyOtherPage(condenseElsewhere);

/** The full records of each region's last listing for the tree ('shown'): the host holds summaries. */
const kept = new Map<string, Map<string, Ec2Instance>>();

function serve(options: SessionOptions, observe: boolean): void {
  const onCall = observe ? (call: SdkCall) => port.postMessage({ call } satisfies ListerMessage) : undefined;
  // Made on the first request the host cannot hand settings for: it loads the SDK.
  let sdkSession: AwsSession | undefined;
  const session = () => (sdkSession ??= new AwsSession({ ...options, onCall }));

  /** Every instance of the region, page by page, directly or with the SDK. */
  const pages = (request: { region: string; direct?: DirectListing }, onPage: (page: Ec2Instance[]) => void) => {
    const client = request.direct && directClient(request.direct, request.region);
    return client
      ? listPages(directPageRequester(client, request.region, PAGE_SIZE, onCall), request.region, onPage, shared)
      : listInstancePages(session(), request.region, onPage, undefined, shared);
  };

  /** Lists the region and keeps its records; `onPage` sees each page. */
  const listAndKeep = async (request: { region: string; direct?: DirectListing }, onPage?: (page: Ec2Instance[]) => void) => {
    const records = new Map<string, Ec2Instance>();
    await pages(request, (page) => {
      for (const i of page) {
        records.set(i.id, i);
      }
      onPage?.(page);
    });
    kept.set(request.region, records);
    return records;
  };

  /** Full records by id: the last listing's, or asked for (DescribeInstances with their ids). */
  const details = async (request: { region: string; ids: string[]; direct?: DirectListing }): Promise<Ec2Instance[]> => {
    const records = kept.get(request.region);
    const found = request.ids.map((id) => records?.get(id));
    if (found.every((i) => i !== undefined)) {
      return found as Ec2Instance[];
    }
    const client = request.direct && directClient(request.direct, request.region);
    if (client) {
      const input = Object.fromEntries(request.ids.map((id, k) => [`InstanceId.${k + 1}`, id]));
      onCall?.({ service: 'ec2', region: request.region, commandName: 'DescribeInstancesCommand', input: { InstanceIds: request.ids } });
      return condenseDescribeInstances(request.region, await client.send('DescribeInstances', input)).instances;
    }
    return (await listInstances(session(), request.region, request.ids)).map(({ raw: _raw, ...rest }) => rest);
  };

  port.on('message', (request: ListRequest) => {
    const post = (message: ListerMessage) => port.postMessage(message);
    const slices = (page: Ec2Instance[] | InstanceSummary[]) => {
      for (let start = 0; start < page.length || start === 0; start += SLICE) {
        post({ id: request.id, page: page.slice(start, start + SLICE) as Ec2Instance[] | InstanceSummary[] });
      }
    };
    if (request.op === 'instances' || request.op === 'shown' || request.op === 'warm') {
      startCondenser();
    }
    const direct = request.direct;
    let work: Promise<void>;
    if (request.op === 'warm') {
      // Listing directly needs nothing more than this script, evaluated by now.
      work = (direct ? Promise.resolve() : warm(session())).then(() => post({ id: request.id, done: true }));
    } else if (request.op === 'regions') {
      const client = direct && directClient(direct, direct.defaultRegion);
      work = (client ? listRegionsDirect(client, direct.defaultRegion, onCall) : session().listRegions()).then((regions) =>
        post({ id: request.id, regions }),
      );
    } else if (request.op === 'instances') {
      work = pages(request, slices).then(() => post({ id: request.id, done: true }));
    } else if (request.op === 'shown') {
      work = listAndKeep(request, (page) => slices(page.map(summarize))).then(() => post({ id: request.id, done: true }));
    } else if (request.op === 'read') {
      // The tree's other groups and the prices: with the SDK, on this thread.
      work = readHere(request.kind, session(), request.region, request.key).then((value) => post({ id: request.id, value }));
    } else if (request.op === 'details') {
      work = details(request).then((records) => post({ id: request.id, records }));
    } else {
      const filter = request.filter;
      work = (async () => {
        const records = kept.get(request.region) ?? (await listAndKeep(request));
        const ids = [...records.values()].filter((i) => matchesFilter(i, filter)).map((i) => i.id);
        post({ id: request.id, ids });
      })();
    }
    work.catch((error: unknown) => post({ id: request.id, error: serializeError(error) }));
  });
}
