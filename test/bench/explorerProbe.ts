// Loaded by `npm run bench` as the extension-host "tests" module, with ec2Workbench.endpointUrl set
// to the benchmark's fast AWS-shaped endpoint (test/support/fastEc2Server.ts, +150 ms per request).
// Measures the product in the real extension host: the tree filled for every region (new session
// and Refresh), one region of 5,000 instances (its time, the longest block of this thread, the heap
// held), building the tree items and filtering them. Prints one line: BENCH {json}.
import { monitorEventLoopDelay } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import * as vscode from 'vscode';
import { parseInstanceFilter } from '../../src/aws/instances';
import { type ExplorerNode } from '../../src/explorer/explorerNode';
import { type Workbench } from '../../src/workbench';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
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

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<Workbench>('ec2-workbench.ec2-workbench')!;
  const wb = await ext.activate();
  const scaleRegion = process.env.EC2WB_BENCH_SCALE_REGION!;
  const config = vscode.workspace.getConfiguration('ec2Workbench');
  const out: Record<string, unknown> = {};

  // The account's regions, except the large one, as a person with a few machines in each sees them.
  await config.update('regions', (process.env.EC2WB_BENCH_REGIONS ?? '').split(','), vscode.ConfigurationTarget.Global);
  await fillTree(wb); // Remembers the region list (as any earlier session would have).

  // The floor: one region's listing alone (one request), warm, in this host.
  const singles: number[] = [];
  for (const region of (process.env.EC2WB_BENCH_REGIONS ?? '').split(',')) {
    singles.push((await timed(() => wb.sessions.session.lister.listInstances(region)))[0]);
  }
  out.slowestSingleMs = Math.max(...singles);
  out.medianSingleMs = median(singles);

  const newSession: number[] = [];
  const refresh: number[] = [];
  const blocks: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    newSession.push((await timed(async () => (wb.sessions.reset(), fillTree(wb))))[0]);
    refresh.push((await timed(async () => (await vscode.commands.executeCommand('ec2Workbench.refresh'), fillTree(wb))))[0]);
    delay.disable();
    blocks.push(delay.max / 1e6);
  }
  out.allRegionsNewSessionMs = median(newSession);
  out.allRegionsNewSessionRunsMs = newSession;
  out.allRegionsRefreshMs = median(refresh);
  out.allRegionsRefreshRunsMs = refresh;
  out.allRegionsLongestBlockMs = Math.max(...blocks);
  out.requests = Number(process.env.EC2WB_BENCH_COUNT ?? 0);

  // One region of 5,000 instances: listed, then its 5,000 tree items built as the view would.
  await config.update('regions', [scaleRegion], vscode.ConfigurationTarget.Global);
  await fillTree(wb);
  const scale: number[] = [];
  const scaleBlocks: number[] = [];
  const firstCount: number[] = [];
  let heldMb = 0;
  for (let i = 0; i < RUNS; i++) {
    // The worker is warm and the region list remembered: the listing alone is timed below.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    let first = 0;
    const t0 = performance.now();
    const sub = wb.explorer.onDidChangeTreeData((node) => {
      if (!first && node?.id === `region/${scaleRegion}`) {
        first = performance.now() - t0;
      }
    });
    delay.enable();
    wb.explorer.refresh(scaleRegion);
    await wb.explorer.settled();
    scale.push(performance.now() - t0);
    delay.disable();
    sub.dispose();
    firstCount.push(first);
    scaleBlocks.push(delay.max / 1e6);
    let nodes: ExplorerNode[] | undefined = await instancesOf(wb, scaleRegion);
    if (nodes.length !== 5000) {
      throw new Error(`expected 5000 instance nodes, got ${nodes.length}`);
    }
    // Held: what is freed when the region's records and nodes are dropped.
    const withThem = heapMb();
    wb.explorer.regionNode(scaleRegion)!.data.invalidate('instances');
    nodes = undefined;
    heldMb = withThem - heapMb();
    void nodes;
  }
  out.scaleMs = median(scale);
  out.scaleRunsMs = scale;
  out.scaleFirstCountMs = median(firstCount);
  out.scaleLongestBlockMs = Math.max(...scaleBlocks);
  out.scaleHeapHeldMb = heldMb;

  // Building the 5,000 tree items (getChildren + getTreeItem, as VS Code asks), and filtering.
  const [itemsMs, nodes] = await timed(async () => {
    const list = await instancesOf(wb, scaleRegion);
    list.forEach((n) => wb.explorer.getTreeItem(n));
    return list;
  });
  out.treeItemsMs = itemsMs;
  out.treeItems = nodes.length;
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
  out.listingOffThread = wb.sessions.session.lister.offThread;
  await config.update('regions', undefined, vscode.ConfigurationTarget.Global);
  // eslint-disable-next-line no-console -- the benchmark reads this line from the extension host console
  console.log(`BENCH ${JSON.stringify(out)}`);
}
