// Loaded by `npm run bench` as the extension-host "tests" module. Two fast AWS-shaped endpoints
// (test/support/fastEc2Server.ts) serve the same regions: one with the same latency for every
// region, one with latencies from 10 to 300 ms and a round trip of connection set-up on each new
// connection. Measures, in the real extension host, with the price feature off (it is measured on
// a row of its own at the end):
// - every region filled in the tree, new session and Refresh, beside a raw HTTP client (same pages,
//   bytes read and not parsed) run in this same process: new connections and kept-alive ones;
// - one region of 5,000 instances: its time, the first count in the tree (from the request to the
//   first partial page), the longest block of this thread, the heap its records and nodes hold;
// - building its 5,000 tree items from the records already listed (no listing in the timing), and filtering;
// - Refresh with the price feature on, and the longest block while prices are asked.
// With EC2WB_BENCH_PROFILE_DIR set, each row is also profiled (this thread, a .cpuprofile per row;
// `node scripts/cpuProfileSummary.mjs` reads them): the profiler's overhead is in that run's figures.
// Prints one line: BENCH {json}.
import { writeFileSync } from 'fs';
import { Agent } from 'http';
import { Session } from 'inspector';
import { join } from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import * as vscode from 'vscode';
import { parseInstanceFilter } from '../../src/core/aws/ec2/instances';
import { type ExplorerNode } from '../../src/explorer/explorerNode';
import { type RegionNode } from '../../src/explorer/regionNode';
import { type Activation, type Workbench } from '../../src/workbench';
import { rawListAll } from './rawClient';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function heapMb(): Promise<number> {
  // An await first: V8 keeps the value last awaited alive until the next await.
  await tick();
  gc();
  await tick();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await work();
  return [performance.now() - t0, value];
}

/** Every region shown, each with its answer: what a person waits for after opening the view. */
async function fillTree(wb: Workbench): Promise<void> {
  await wb.explorer.getChildren();
  await wb.explorer.settled();
}

async function instancesOf(wb: Workbench, region: string): Promise<ExplorerNode[]> {
  const regionNode = wb.explorer.regionNode(region)!;
  const [group] = await wb.explorer.getChildren(regionNode);
  return wb.explorer.getChildren(group);
}

/** The longest block of this thread during `work` (ms), and its result. */
async function blocking<T>(work: () => Promise<T>): Promise<[number, T]> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const value = await work();
  delay.disable();
  return [delay.max / 1e6, value];
}

const profileDir = process.env.EC2WB_BENCH_PROFILE_DIR;

/** `work`, profiled when asked and named (a CPU profile of this thread written as `<name>.host.cpuprofile`). */
async function profiled<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!profileDir || !name) {
    return work();
  }
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(join(profileDir, `${name}.host.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

const config = () => vscode.workspace.getConfiguration('ec2Workbench');
const set = (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global);

/** One latency model: every region, new session and Refresh, beside the raw client. */
async function allRegions(wb: Workbench, url: string, regions: string[], model: string): Promise<Record<string, unknown>> {
  await set('endpointUrl', url); // A new session on this endpoint.
  await set('regions', regions);
  await fillTree(wb); // Remembers the region list (as any earlier session would have).
  const newSession: number[] = [];
  const refresh: number[] = [];
  const rawNew: number[] = [];
  const rawKept: number[] = [];
  const blocks: number[] = [];
  const kept = new Agent({ keepAlive: true });
  for (let i = 0; i < RUNS; i++) {
    // The third run is profiled when asked (new session and Refresh apart).
    const [block] = await blocking(async () => {
      const reset = async () => (wb.sessions.reset(), fillTree(wb));
      newSession.push((await profiled(i === 2 ? `${model}-new` : undefined, () => timed(reset)))[0]);
      const refreshed = async () => (await vscode.commands.executeCommand('ec2Workbench.refresh'), fillTree(wb));
      refresh.push((await profiled(i === 2 ? `${model}-refresh` : undefined, () => timed(refreshed)))[0]);
    });
    blocks.push(block);
    const fresh = new Agent({ keepAlive: true });
    rawNew.push(await rawListAll(url, regions, fresh));
    fresh.destroy();
    await rawListAll(url, regions, kept); // Connections open (the endpoint closes idle ones after 5 s).
    rawKept.push(await rawListAll(url, regions, kept));
  }
  kept.destroy();
  return {
    newSessionMs: median(newSession),
    newSessionRunsMs: newSession,
    refreshMs: median(refresh),
    refreshRunsMs: refresh,
    rawNewConnectionsMs: median(rawNew),
    rawKeptConnectionsMs: median(rawKept),
    longestBlockMs: Math.max(...blocks),
  };
}

/** The heap held by the region's records and nodes: dropped and measured, then listed and measured. */
async function heapHeld(wb: Workbench, region: string): Promise<{ heldMb: number; nodes: number }> {
  const node = (): RegionNode => wb.explorer.regionNode(region)!;
  node().data.invalidate('instances');
  const before = await heapMb();
  wb.explorer.refresh(region);
  await wb.explorer.settled();
  const nodes = await instancesOf(wb, region);
  const after = await heapMb();
  return { heldMb: after - before, nodes: nodes.length }; // `nodes` is alive until here.
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<Activation>('ec2-workbench.ec2-workbench')!;
  const wb: Workbench = await (await ext.activate()).workbench();
  const regions = (process.env.EC2WB_BENCH_REGIONS ?? '').split(',');
  const scaleRegion = process.env.EC2WB_BENCH_SCALE_REGION!;
  const uniformUrl = process.env.EC2WB_BENCH_UNIFORM_URL!;
  const spreadUrl = process.env.EC2WB_BENCH_SPREAD_URL!;
  const out: Record<string, unknown> = {};
  await set('showCosts', false); // The price feature is measured on its own row, at the end.

  out.uniform = await allRegions(wb, uniformUrl, regions, 'uniform');
  out.spread = await allRegions(wb, spreadUrl, regions, 'spread');

  // One region of 5,000 instances, on the uniform endpoint; the worker warm, the region list remembered.
  await set('endpointUrl', uniformUrl);
  await set('regions', [scaleRegion]);
  await fillTree(wb);
  const scale: number[] = [];
  const scaleBlocks: number[] = [];
  const firstCount: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let first = 0;
    let t0 = 0;
    const sub = wb.explorer.onDidChangeTreeData((node) => {
      // The first time the tree is told of a partial count: the first page is in.
      const summary = (node as RegionNode | undefined)?.summary;
      if (!first && node?.id === `region/${scaleRegion}` && summary && 'partial' in summary && summary.partial) {
        first = performance.now() - t0;
      }
    });
    const [block] = await profiled(i === 2 ? 'scale' : undefined, () =>
      blocking(async () => {
        t0 = performance.now();
        wb.explorer.refresh(scaleRegion);
        await wb.explorer.settled();
        scale.push(performance.now() - t0);
      }),
    );
    sub.dispose();
    firstCount.push(first);
    scaleBlocks.push(block);
  }
  out.scaleMs = median(scale);
  out.scaleRunsMs = scale;
  out.scaleFirstCountMs = median(firstCount);
  out.scaleFirstCountRunsMs = firstCount;
  out.scaleLongestBlockMs = Math.max(...scaleBlocks);
  const held = await heapHeld(wb, scaleRegion);
  if (held.nodes !== 5000) {
    throw new Error(`expected 5000 instance nodes, got ${held.nodes}`);
  }
  out.scaleHeapHeldMb = held.heldMb;

  // Building the 5,000 tree items (getChildren + getTreeItem, as VS Code asks) from the records
  // listed above: the region's listing is settled, so nothing is fetched in the timing.
  await wb.explorer.settled();
  const itemRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [t, list] = await timed(async () => {
      const nodes = await instancesOf(wb, scaleRegion);
      nodes.forEach((n) => wb.explorer.getTreeItem(n));
      return nodes;
    });
    itemRuns.push(t);
    out.treeItems = list.length;
  }
  out.treeItemsMs = median(itemRuns);
  out.treeItemsRunsMs = itemRuns;
  const filters: Record<string, number> = {};
  for (const text of ['web-12', 'state:stopped', 'env=prod', 'team=team-3 state:running']) {
    const filter = parseInstanceFilter(text);
    const runs: number[] = [];
    let shown = 0;
    for (let i = 0; i < RUNS; i++) {
      wb.explorer.setFilter(filter);
      const [t, list] = await timed(() => instancesOf(wb, scaleRegion));
      runs.push(t);
      shown = list.length;
    }
    filters[`${text} (${shown} shown)`] = median(runs);
  }
  wb.explorer.setFilter(undefined);
  out.filterMs = filters;

  // The price feature on its own row: every region, Refresh with prices on, and the longest block
  // of this thread until its requests are done (3 s: the fast endpoint rejects them at once).
  await set('endpointUrl', uniformUrl);
  await set('regions', regions);
  await fillTree(wb);
  await set('showCosts', true);
  const [priceBlock, priceMs] = await profiled('pricesOn', () =>
    blocking(async () => {
      const [t] = await timed(async () => (await vscode.commands.executeCommand('ec2Workbench.refresh'), fillTree(wb)));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return t;
    }),
  );
  out.pricesOn = { refreshMs: priceMs, longestBlockMs: priceBlock };
  out.listingOffThread = wb.explorer.lister.offThread;
  await set('regions', undefined);
  // eslint-disable-next-line no-console -- the benchmark reads this line from the extension host console
  console.log(`BENCH ${JSON.stringify(out)}`);
}
