// `node scripts/bench-driver.mjs`: an independent check of `npm run bench`'s explorer rows, in plain
// Node (no VS Code): the product's own AwsSession -> OffThreadLister.listShown (what the tree asks) -> worker (dist/listWorker.js,
// the bundle that ships) against the same fast AWS-shaped endpoints, beside a raw HTTP client
// (test/bench/rawClient.ts) in the same process. Medians of 5. Prints a table and writes
// bench/driver.json. No moto, no browser: start it when the machine is otherwise quiet.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { Worker } from 'node:worker_threads';
import { PerformanceObserver } from 'node:perf_hooks';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ensureBuilt, ROOT } from './lib/bootstrap.mjs';

const RUNS = 5;
const PER_REGION = 50;
const SCALE = 5000;
const DELAY_MS = 150;
const REGIONS = ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'];
const SCALE_REGION = 'af-south-1';
const spreadDelay = (k) => Math.round(10 + (290 * k) / (REGIONS.length - 1));

ensureBuilt();
const require = createRequire(import.meta.url);
const { AwsSession } = require('../out/src/core/aws/session/awsSession.js');
const { OffThreadLister } = require('../out/src/core/listing/offThreadLister.js');
const { startFastEc2Server, instanceXmlBytes } = require('../out/test/support/fastEc2Server.js');
const { rawListAll } = require('../out/test/bench/rawClient.js');
const { writeAwsFiles } = await import('./lib/awsFiles.mjs');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => Math.round(n * 10) / 10;
const home = mkdtempSync(join(tmpdir(), 'ec2wb-driver-'));
Object.assign(process.env, writeAwsFiles(join(home, '.aws'), { profile: 'bench', endpointUrl: 'http://127.0.0.1:9' }), { HOME: home, AWS_PROFILE: '' });
const worker = join(ROOT, 'dist', 'listWorker.js');

/** A session as the explorer makes one, its listings in the shipped worker bundle. */
function session(url) {
  const s = new AwsSession({ profile: 'bench', endpointUrl: url });
  const lister = new OffThreadLister(s.options, s, worker);
  return { lister, dispose: () => (lister.dispose(), s.dispose()) };
}

async function timed(work) {
  const t0 = performance.now();
  const value = await work();
  return [performance.now() - t0, value];
}

async function allRegions(url) {
  const r = { newSession: [], refresh: [], rawNew: [], rawKept: [] };
  const kept = new Agent({ keepAlive: true });
  for (let i = 0; i < RUNS; i++) {
    const s = session(url);
    const [t, lists] = await timed(() => Promise.all(REGIONS.map((g) => s.lister.listShown(g))));
    if (lists.some((l) => l.length !== PER_REGION)) throw new Error('a region did not list all its instances');
    r.newSession.push(t);
    r.refresh.push((await timed(() => Promise.all(REGIONS.map((g) => s.lister.listShown(g)))))[0]);
    s.dispose();
    const fresh = new Agent({ keepAlive: true });
    r.rawNew.push(await rawListAll(url, REGIONS, fresh));
    fresh.destroy();
    await rawListAll(url, REGIONS, kept); // Connections open (the endpoint closes idle ones after 5 s).
    r.rawKept.push(await rawListAll(url, REGIONS, kept));
  }
  kept.destroy();
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { median: ms(median(v)), runs: v.map(ms) }]));
}

/**
 * A new worker made ready (OffThreadLister.warm(): the thread started, its bundle evaluated, the
 * profile's keys read in this thread), and what loading the SDK's EC2 part would add in a worker
 * (dist/sdk.js, the listing worker's SDK path: the tree's other reads, prices, assumed roles, SSO...).
 */
async function workerStart(url) {
  const ready = [];
  const sdk = [];
  for (let i = 0; i < RUNS; i++) {
    const s = session(url);
    ready.push((await timed(() => s.lister.warm()))[0]);
    s.dispose();
    const w = new Worker(
      `const { parentPort } = require('node:worker_threads'); const t = performance.now(); require(${JSON.stringify(join(ROOT, 'dist', 'sdk.js'))}); parentPort.postMessage(performance.now() - t);`,
      { eval: true },
    );
    sdk.push(await new Promise((resolve, reject) => (w.once('message', resolve), w.once('error', reject))));
    await w.terminate();
  }
  return { ready: { median: ms(median(ready)), runs: ready.map(ms) }, sdkLoad: { median: ms(median(sdk)), runs: sdk.map(ms) } };
}

const counts = { ...Object.fromEntries(REGIONS.map((r) => [r, PER_REGION])), [SCALE_REGION]: SCALE };
const spreadDelays = Object.fromEntries(REGIONS.map((r, k) => [r, spreadDelay(k)]));
const uniform = await startFastEc2Server({ regions: counts, delayMs: DELAY_MS });
const spread = await startFastEc2Server({ regions: counts, delayMs: spreadDelays, setupRoundTrips: 1 });
const load = { before: loadavg().map(ms) };
const out = { machine: { cores: cpus().length, node: process.version }, instanceXmlBytes: instanceXmlBytes() };
try {
  out.workerStart = await workerStart(uniform.url);
  out.uniform = { floorMs: DELAY_MS, ...(await allRegions(uniform.url)) };
  out.spread = { floorNewSessionMs: 2 * 300, floorRefreshMs: 300, ...(await allRegions(spread.url)) };
  const s = session(uniform.url);
  await s.lister.listShown(REGIONS[0]); // The worker warm.
  // Garbage collections of this thread (the host's, in the product) while the 5,000 records arrive.
  const pauses = [];
  const windows = [];
  const observer = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const scale = [];
  const rawScale = [];
  const agent = new Agent({ keepAlive: true });
  for (let i = 0; i < RUNS; i++) {
    const from = performance.now();
    const [t, list] = await timed(() => s.lister.listShown(SCALE_REGION));
    windows.push([from, performance.now()]);
    if (list.length !== SCALE) throw new Error(`expected ${SCALE} instances, got ${list.length}`);
    scale.push(t);
    rawScale.push(await rawListAll(uniform.url, [SCALE_REGION], agent));
  }
  agent.destroy();
  s.dispose();
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  // Only the collections that started while the product listed (the raw client's are its own).
  const during = pauses.filter((e) => windows.some(([a, b]) => e.startTime >= a && e.startTime <= b)).map((e) => e.duration);
  out.scaleGc = { count: during.length, longestMs: ms(Math.max(0, ...during)), totalMs: ms(during.reduce((a, b) => a + b, 0)) };
  out.scale = { instances: SCALE, floorMs: (SCALE / 1000) * DELAY_MS, product: { median: ms(median(scale)), runs: scale.map(ms) }, raw: { median: ms(median(rawScale)), runs: rawScale.map(ms) } };
} finally {
  await uniform.close();
  await spread.close();
}
load.after = loadavg().map(ms);
out.loadAverage = load;
mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'driver.json'), `${JSON.stringify(out, null, 2)}\n`);
const line = (name, floor, raw, product) => `| ${name} | ${floor} | ${raw} | ${product} | ${ms(product / floor)} |`;
process.stdout.write(
  [
    '',
    `Plain-Node driver of the lister · ${out.machine.cores} cores · Node ${out.machine.node} · ${out.instanceXmlBytes} B per instance · load ${load.before.join(' ')} -> ${load.after.join(' ')}`,
    '',
    '| case (medians of 5) | floor | raw | product | product / floor |',
    '| --- | --- | --- | --- | --- |',
    line('17 regions x 50, 150 ms, new session', 150, out.uniform.rawNew.median, out.uniform.newSession.median),
    line('17 regions x 50, 150 ms, Refresh', 150, out.uniform.rawKept.median, out.uniform.refresh.median),
    line('17 regions x 50, 10-300 ms + set-up, new session', 600, out.spread.rawNew.median, out.spread.newSession.median),
    line('17 regions x 50, 10-300 ms, Refresh', 300, out.spread.rawKept.median, out.spread.refresh.median),
    line(`${SCALE} instances, 150 ms`, out.scale.floorMs, out.scale.raw.median, out.scale.product.median),
    '',
    `Garbage collection of this thread while the product listed ${SCALE} instances (${RUNS} times): ${out.scaleGc.count} pauses, longest ${out.scaleGc.longestMs} ms, total ${out.scaleGc.totalMs} ms`,
    `A new worker ready (warm), median: ${out.workerStart.ready.median} ms; loading dist/sdk.js in a worker (its SDK path), median: ${out.workerStart.sdkLoad.median} ms`,
    '',
    'Written to bench/driver.json',
    '',
  ].join('\n'),
);
process.exit(0);
