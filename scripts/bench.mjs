// `npm run bench`: figures for activation, size, the explorer in the real extension host against
// fast AWS-shaped endpoints (test/support/fastEc2Server.ts: AWS-indented items of about 10.6 KB),
// and the moto and AWS CLI column. All on loopback. Two latency models: 150 ms for every region, and
// 10 to 300 ms by region plus a round trip of connection set-up. Each target is computed from the
// configured latency (the floor), with a raw HTTP client's time in the same run beside it.
// Prints a table and writes bench/results.json. Targets are reported, never enforced.
// docs/performance.md says what each row measures and how to read it.
// EC2WB_BENCH_ONLY=explorer runs the explorer rows alone (no moto column, no activation windows) and
// prints them without writing bench/results.json; EC2WB_BENCH_PROFILE_DIR=<dir> also profiles them
// (a .cpuprofile per row; scripts/cpuProfileSummary.mjs reads them).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { AWSCLI_VERSION, ensureBuilt, ensureMoto, ensureNodeModules, ensureVscodeServer, MOTO_VERSION, ROOT, run } from './lib/bootstrap.mjs';

const REGION_COUNT = 17;
const PER_REGION = 50;
const SCALE = 5000;
const DELAY_MS = 150;
const WINDOWS = 5;
/** The AWS CLI loop (17 regions, one after another) is run this many times (EC2WB_BENCH_CLI_RUNS). */
const CLI_RUNS = Number(process.env.EC2WB_BENCH_CLI_RUNS ?? 5);
/** The second latency model: region k of 17 answers after 10 + 290 k / 16 ms, and a new connection costs one round trip more. */
const spreadDelay = (k) => Math.round(10 + (290 * k) / (REGION_COUNT - 1));
const SETUP_ROUND_TRIPS = 1;
const EXPLORER_ONLY = process.env.EC2WB_BENCH_ONLY === 'explorer';
if (process.env.EC2WB_BENCH_PROFILE_DIR) mkdirSync(process.env.EC2WB_BENCH_PROFILE_DIR, { recursive: true });

ensureNodeModules();
ensureMoto();
ensureVscodeServer();
ensureBuilt();
const venv = join(ROOT, '.venv'); // ensureMoto() installs the AWS CLI beside moto.

const require = createRequire(import.meta.url);
const { AwsSession } = require('../out/src/core/aws/session/awsSession.js');
const { listerFor } = require('../out/src/core/listing/offThreadLister.js');
const { startFastEc2Server, instanceXmlBytes } = require('../out/test/support/fastEc2Server.js');
const { mapLimit } = require('../out/src/core/aws/session/concurrency.js');
const { EC2Client, RunInstancesCommand, DescribeImagesCommand } = require('@aws-sdk/client-ec2');
const { startMoto } = await import('./lib/moto.mjs');
const { startLatencyProxy } = await import('./lib/latencyProxy.mjs');
const { writeAwsFiles } = await import('./lib/awsFiles.mjs');
const { runExtensionHostTests } = await import('./lib/extensionHostTests.mjs');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => Math.round(n * 10) / 10;
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const moto = await startMoto();
const home = mkdtempSync(join(tmpdir(), 'ec2wb-bench-'));
const awsEnv = writeAwsFiles(join(home, '.aws'), { profile: 'bench', endpointUrl: moto.url });
Object.assign(process.env, awsEnv, { HOME: home });
const results = { machine: { cores: cpus().length, node: process.version }, versions: { moto: MOTO_VERSION, awscli: AWSCLI_VERSION, vscodeServer: '1.139.1 (code-server 4.139.1)' } };

try {
  // 1. Size: the production bundle and the .vsix.
  run('node', ['esbuild.mjs', '--production']);
  const vsix = join(home, 'ec2-workbench.vsix');
  run('node', [join(ROOT, 'scripts', 'package.mjs'), '--out', vsix], { stdio: 'ignore' });
  const bytes = (name) => statSync(join(ROOT, 'dist', name)).size;
  results.size = { extensionJsBytes: bytes('extension.js'), startWorkbenchJsBytes: bytes('startWorkbench.js'), listWorkerJsBytes: bytes('listWorker.js'), iniJsBytes: bytes('ini.js'), sdkJsBytes: bytes('sdk.js'), vsixBytes: statSync(vsix).size };

  // Seed the emulator: 17 regions x 50 instances (the moto column).
  const session = new AwsSession({ profile: 'bench', endpointUrl: moto.url });
  const regions = (await session.listRegions()).filter((r) => !r.startsWith('cn-')).slice(0, REGION_COUNT);
  const scaleRegion = (await session.listRegions()).find((r) => !regions.includes(r) && !r.startsWith('cn-'));
  const seed = async (region, count) => {
    const c = new EC2Client({ region, endpoint: moto.url, credentials });
    const { Images = [] } = await c.send(new DescribeImagesCommand({ Owners: ['099720109477'] }));
    for (let left = count; left > 0; left -= 500) {
      await c.send(new RunInstancesCommand({ ImageId: Images[0].ImageId, InstanceType: 't3.micro', MinCount: Math.min(500, left), MaxCount: Math.min(500, left) }));
    }
  };
  if (!EXPLORER_ONLY) await mapLimit(regions, 4, (r) => seed(r, PER_REGION));
  session.dispose();
  const proxy = await startLatencyProxy(moto.url, DELAY_MS);
  if (!EXPLORER_ONLY) {

    // 2. The moto column: the product's core listing (every region at once, in its worker) through a
    // proxy adding 150 ms, the slowest single call, and the lab's way (the AWS CLI, one region after
    // another). Bound by the emulator's own CPU time (about 90 ms per DescribeInstances of 50).
    const viaProxy = () => new AwsSession({ profile: 'bench', endpointUrl: proxy.url });
    const motoRuns = [];
    const callsPerRefresh = [];
    for (let i = 0; i < 3; i++) {
      const s = viaProxy();
      proxy.reset();
      const t0 = performance.now();
      const names = (await listerFor(s).listRegions()).filter((r) => regions.includes(r));
      const lists = await Promise.all(names.map((r) => listerFor(s).listInstances(r)));
      motoRuns.push(performance.now() - t0);
      callsPerRefresh.push({ ...proxy.counts.byAction, total: proxy.counts.total });
      if (lists.some((l) => l.length !== PER_REGION)) throw new Error('a region did not list all its instances');
      s.dispose();
    }
    const floorSession = viaProxy();
    await listerFor(floorSession).listInstances(regions[0]); // Warm the worker (SDK, credentials, connection).
    const motoSingles = [];
    for (const r of regions) {
      const t0 = performance.now();
      await listerFor(floorSession).listInstances(r);
      motoSingles.push(performance.now() - t0);
    }
    floorSession.dispose();
    const cliEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_CONFIG_FILE: '/dev/null' };
    delete cliEnv.AWS_PROFILE;
    const cliRuns = [];
    for (let i = 0; i < CLI_RUNS; i++) {
      const t0 = performance.now();
      for (const r of regions) {
        // Asynchronous: the proxy answering it runs in this process.
        await promisify(execFile)(join(venv, 'bin', 'aws'), ['ec2', 'describe-instances', '--region', r, '--endpoint-url', proxy.url, '--output', 'json'], { env: cliEnv, maxBuffer: 64 << 20 });
      }
      cliRuns.push(performance.now() - t0);
    }
    const cliMs = median(cliRuns);
    results.moto = {
      regions: regions.length,
      instancesPerRegion: PER_REGION,
      addedLatencyMs: DELAY_MS,
      allRegionsMs: ms(median(motoRuns)),
      allRegionsRunsMs: motoRuns.map(ms),
      slowestSingleCallMs: ms(Math.max(...motoSingles)),
      awsCliSequentialMs: ms(cliMs),
      awsCliRuns: CLI_RUNS,
      awsCliRunsMs: cliRuns.map(ms),
      speedupOverCli: ms(cliMs / median(motoRuns)),
      callsPerFullListing: callsPerRefresh[0],
    };
  }

  // 3. The fast endpoints, in the real extension host: the same 17 regions x 50 instances (AWS's
  // layout, about 10.6 KB of XML each) and one region of 5,000. One endpoint adds 150 ms to every
  // answer; the other 10 to 300 ms by region, and one round trip more on each new connection.
  const counts = { ...Object.fromEntries(regions.map((r) => [r, PER_REGION])), [scaleRegion]: SCALE };
  const uniform = await startFastEc2Server({ regions: counts, delayMs: DELAY_MS });
  const spreadDelays = Object.fromEntries(regions.map((r, k) => [r, spreadDelay(k)]));
  const spread = await startFastEc2Server({ regions: counts, delayMs: spreadDelays, setupRoundTrips: SETUP_ROUND_TRIPS });
  const probeEnv = {
    ...awsEnv,
    HOME: home,
    AWS_PROFILE: '',
    EC2WB_BENCH_REGIONS: regions.join(','),
    EC2WB_BENCH_SCALE_REGION: scaleRegion,
    EC2WB_BENCH_UNIFORM_URL: uniform.url,
    EC2WB_BENCH_SPREAD_URL: spread.url,
  };
  // A profiled run uses the development build, whose functions keep their names.
  if (process.env.EC2WB_BENCH_PROFILE_DIR) run('node', ['esbuild.mjs']);
  const explorerRun = await runExtensionHostTests({
    env: probeEnv,
    settings: { 'ec2Workbench.profile': 'bench', 'ec2Workbench.endpointUrl': uniform.url },
    workspace: join(home, 'explorer'),
    testsPath: join(ROOT, 'out', 'test', 'bench', 'explorerProbe.js'),
    quiet: true,
    timeoutMs: 900_000,
  });
  const explorerLine = /BENCH (\{.*\})/.exec(explorerRun.output);
  if (!explorerLine) throw new Error(`explorer probe printed nothing (exit ${explorerRun.code}):\n${explorerRun.output.slice(-3000)}`);
  const { uniform: hostUniform, spread: hostSpread, pricesOn, ...host } = JSON.parse(explorerLine[1]);
  // What the price feature asked (the endpoints answer DescribeRegions and DescribeInstances only; the
  // feature is off until the probe's last row).
  const priceRequests = uniform.requests.filter((r) => r.action !== 'DescribeInstances' && r.action !== 'DescribeRegions').length;
  await uniform.close();
  await spread.close();
  const maxSpread = Math.max(...Object.values(spreadDelays));
  results.fastEndpoint = {
    instanceXmlBytes: instanceXmlBytes(),
    instanceXmlBytesUnindented: instanceXmlBytes(false),
    uniform: { addedLatencyMs: DELAY_MS, floorNewSessionMs: DELAY_MS, floorRefreshMs: DELAY_MS, ...hostUniform },
    spread: {
      addedLatencyMs: spreadDelays,
      setupRoundTrips: SETUP_ROUND_TRIPS,
      floorNewSessionMs: (1 + SETUP_ROUND_TRIPS) * maxSpread,
      floorRefreshMs: maxSpread,
      ...hostSpread,
    },
    scaleInstances: SCALE,
    scaleLatencyFloorMs: Math.ceil(SCALE / 1000) * DELAY_MS,
    ...host,
    pricesOn: { ...pricesOn, requests: priceRequests },
  };

  if (EXPLORER_ONLY) {
    await proxy.close();
  } else {
    // 4. Activation in the real extension host: fresh windows, each timing its activation (our part
    // from the bundle's own marks); then one window idle 60 s with the view hidden, asking nothing,
    // which also tells whether VS Code activated the extension by itself (onStartupFinished).
    const activation = [];
    const hostEnv = { ...awsEnv, HOME: home, AWS_PROFILE: '' };
    const probe = join(ROOT, 'out', 'test', 'bench', 'activationProbe.js');
    for (let i = 0; i < WINDOWS; i++) {
      const r = await runExtensionHostTests({ env: hostEnv, settings: { 'ec2Workbench.profile': 'bench', 'ec2Workbench.endpointUrl': proxy.url }, workspace: join(home, `ws${i}`), testsPath: probe, quiet: true, timeoutMs: 120_000 });
      const line = /BENCH (\{.*\})/.exec(r.output);
      if (!line) throw new Error(`activation probe printed nothing (exit ${r.code})`);
      activation.push(JSON.parse(line[1]));
    }
    proxy.reset();
    const idle = await runExtensionHostTests({
      env: { ...hostEnv, EC2WB_BENCH_IDLE_MS: '60000' },
      settings: { 'ec2Workbench.profile': 'bench', 'ec2Workbench.endpointUrl': proxy.url },
      workspace: join(home, 'idle'),
      testsPath: probe,
      quiet: true,
      timeoutMs: 180_000,
    });
    const idleData = JSON.parse(/BENCH (\{.*\})/.exec(idle.output)[1]);
    results.activation = {
      windows: WINDOWS,
      measured: 'in each fresh window: ours = evaluating dist/extension.js (marks at its first and last line) + running activate(); host = the whole extension.activate() as the host times it, its own work included',
      hostMedianMs: ms(median(activation.map((a) => a.hostActivateMs))),
      oursMedianMs: ms(median(activation.map((a) => a.evaluationMs + a.activateMs))),
      oursRunsMs: activation.map((a) => ms(a.evaluationMs + a.activateMs)),
      hostOverheadMedianMs: ms(median(activation.map((a) => a.hostActivateMs - a.evaluationMs - a.activateMs))),
      hostRunsMs: activation.map((a) => ms(a.hostActivateMs)),
      bundleEvaluationMedianMs: ms(median(activation.map((a) => a.evaluationMs))),
      activateFunctionMedianMs: ms(median(activation.map((a) => a.activateMs))),
      // The idle window asks nothing and looks after its wait: VS Code activated it by itself.
      activeAtStart: idleData.activeAtStart,
      sdkLoadedAtActivation: activation.some((a) => a.sdkLoaded),
      commandsLoadedAtActivation: activation.some((a) => a.commandsLoaded),
      firstUseMedianMs: ms(median(activation.map((a) => a.startWorkbenchMs ?? NaN))),
    };
    results.calls = { idle60sHidden: { requests: proxy.counts.total, workbenchLoaded: idleData.workbenchLoaded } };
    await proxy.close();

    const f = results.fastEndpoint;
    const filterWorst = Math.max(...Object.values(f.filterMs));
    const row = (name, value, target, met) => ({ name, value: typeof value === 'number' ? ms(value) : value, target, met });
    const within = (value, factor, floor, raw) => [`<= ${factor} x ${ms(floor)} = ${ms(factor * floor)} (raw client ${ms(raw)})`, value <= factor * floor];
    const blocks = Math.max(f.uniform.longestBlockMs, f.spread.longestBlockMs, f.scaleLongestBlockMs);
    const a = results.activation;
    results.targets = [
      row('activation, ours: bundle evaluation + activate(), median (ms)', a.oursMedianMs, `< 10 (host's own part beside it: ${a.hostOverheadMedianMs})`, a.oursMedianMs < 10),
      row('activation as the host times it, median (ms)', a.hostMedianMs, '-', null),
      row('active without being asked, 60 s after start-up (onStartupFinished)', a.activeAtStart, 'true', a.activeAtStart === true),
      row('AWS SDK or the workbench (tree, prices, commands) loaded at activation', a.sdkLoadedAtActivation || a.commandsLoadedAtActivation, 'false', !(a.sdkLoadedAtActivation || a.commandsLoadedAtActivation)),
      row('.vsix size (bytes)', results.size.vsixBytes, '< 1 MB', results.size.vsixBytes < 1_048_576),
      row(`all ${REGION_COUNT} regions, 150 ms, new session (ms)`, f.uniform.newSessionMs, ...within(f.uniform.newSessionMs, 2, f.uniform.floorNewSessionMs, f.uniform.rawNewConnectionsMs)),
      row(`all ${REGION_COUNT} regions, 150 ms, Refresh (ms)`, f.uniform.refreshMs, ...within(f.uniform.refreshMs, 1.5, f.uniform.floorRefreshMs, f.uniform.rawKeptConnectionsMs)),
      row(`all ${REGION_COUNT} regions, 10-300 ms + set-up, new session (ms)`, f.spread.newSessionMs, ...within(f.spread.newSessionMs, 2, f.spread.floorNewSessionMs, f.spread.rawNewConnectionsMs)),
      row(`all ${REGION_COUNT} regions, 10-300 ms, Refresh (ms)`, f.spread.refreshMs, ...within(f.spread.refreshMs, 1.5, f.spread.floorRefreshMs, f.spread.rawKeptConnectionsMs)),
      row(`${SCALE} instances in one region (ms)`, f.scaleMs, `<= 1.3 x ${f.scaleLatencyFloorMs} = ${ms(1.3 * f.scaleLatencyFloorMs)}`, f.scaleMs <= 1.3 * f.scaleLatencyFloorMs),
      row('  its first count in the tree, from the request (ms)', f.scaleFirstCountMs, `<= 2 x ${DELAY_MS} (one page)`, f.scaleFirstCountMs > 0 && f.scaleFirstCountMs <= 2 * DELAY_MS),
      row('longest block of the host thread, listing (ms)', blocks, '< 50', blocks < 50),
      row(`heap held by ${SCALE} instances and their nodes (MB)`, f.scaleHeapHeldMb, '< 10', f.scaleHeapHeldMb < 10),
      row(`build ${SCALE} tree items, records already listed (ms)`, f.treeItemsMs, '-', null),
      row(`filter ${SCALE} instances, slowest filter (ms)`, filterWorst, '< 100', filterWorst < 100),
      row(`prices on: all regions, Refresh (ms; ${f.pricesOn.requests} price requests)`, f.pricesOn.refreshMs, '-', null),
      row('prices on: longest block of the host thread (ms)', f.pricesOn.longestBlockMs, '< 50', f.pricesOn.longestBlockMs < 50),
      row('moto: all regions, product core (ms)', results.moto.allRegionsMs, '-', null),
      row(`moto: speed-up over the AWS CLI loop (median of ${CLI_RUNS})`, results.moto.speedupOverCli, '>= 10', results.moto.speedupOverCli >= 10),
      row('requests in 60 s idle, view hidden', results.calls.idle60sHidden.requests, '0', results.calls.idle60sHidden.requests === 0),
    ];
  }
} finally {
  moto.stop();
  run('node', ['esbuild.mjs']); // Back to the development build the tests use.
}

if (EXPLORER_ONLY) {
  process.stdout.write(`${JSON.stringify(results.fastEndpoint, null, 2)}\n`);
} else {
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const rows = results.targets.map((t) => `| ${t.name} | ${t.value} | ${t.target} | ${t.met === null ? '-' : t.met ? 'yes' : 'NO'} |`);
  const f = results.fastEndpoint;
  process.stdout.write(
    [
      '',
      `EC2 Workbench benchmark · ${results.machine.cores} cores · Node ${results.machine.node} · moto ${MOTO_VERSION} · awscli ${AWSCLI_VERSION} · VS Code server 1.139.1`,
      `Fast AWS-shaped endpoints (${f.instanceXmlBytes} B of XML per instance, AWS's layout), in the extension host, prices off:`,
      `  ${REGION_COUNT} regions x ${PER_REGION}, 150 ms: new session ${ms(f.uniform.newSessionMs)} ms (raw ${ms(f.uniform.rawNewConnectionsMs)}), Refresh ${ms(f.uniform.refreshMs)} ms (raw ${ms(f.uniform.rawKeptConnectionsMs)})`,
      `  ${REGION_COUNT} regions x ${PER_REGION}, 10-300 ms + set-up: new session ${ms(f.spread.newSessionMs)} ms (floor ${f.spread.floorNewSessionMs}, raw ${ms(f.spread.rawNewConnectionsMs)}), Refresh ${ms(f.spread.refreshMs)} ms (floor ${f.spread.floorRefreshMs}, raw ${ms(f.spread.rawKeptConnectionsMs)})`,
      `  ${SCALE} instances in one region: ${ms(f.scaleMs)} ms (floor ${f.scaleLatencyFloorMs} ms), first count after ${ms(f.scaleFirstCountMs)} ms, longest block ${ms(f.scaleLongestBlockMs)} ms, heap held ${ms(f.scaleHeapHeldMb)} MB`,
      `  filters: ${Object.entries(f.filterMs).map(([k, v]) => `${k} ${ms(v)} ms`).join('; ')}`,
      `moto column (+${DELAY_MS} ms): all regions ${results.moto.allRegionsMs} ms, slowest single call ${results.moto.slowestSingleCallMs} ms, AWS CLI loop ${results.moto.awsCliSequentialMs} ms (median of ${CLI_RUNS}: ${results.moto.awsCliRunsMs.join(', ')})`,
      `Activation (${WINDOWS} windows): ours ${results.activation.oursRunsMs.join(', ')} ms (evaluation ${results.activation.bundleEvaluationMedianMs}, activate() ${results.activation.activateFunctionMedianMs}); as the host times it ${results.activation.hostRunsMs.join(', ')} ms`,
      `Sizes: ${Object.entries(results.size).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      '',
      '| figure | value | target | met |',
      '| --- | --- | --- | --- |',
      ...rows,
      '',
      'Written to bench/results.json',
      '',
    ].join('\n'),
  );
}
