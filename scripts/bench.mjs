// `npm run bench`: figures for activation, size, all-region listing (beside the AWS CLI) and scale.
// Everything runs on loopback: moto, a proxy adding 150 ms per request, the real VS Code extension
// host. Prints a table and writes bench/results.json. Targets are reported, never enforced.
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

ensureNodeModules();
ensureMoto();
ensureVscodeServer();
ensureBuilt();
const venv = join(ROOT, '.venv'); // ensureMoto() installs the AWS CLI beside moto.

const require = createRequire(import.meta.url);
const { AwsSession } = require('../out/src/aws/awsSession.js');
const { listInstances } = require('../out/src/aws/instances.js');
const { mapLimit } = require('../out/src/aws/concurrency.js');
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
  run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', vsix], { stdio: 'ignore' });
  results.size = { extensionJsBytes: statSync(join(ROOT, 'dist', 'extension.js')).size, sdkJsBytes: statSync(join(ROOT, 'dist', 'sdk.js')).size, vsixBytes: statSync(vsix).size };

  // Seed: 17 regions x 50 instances, and 5,000 in one more region.
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
  await mapLimit(regions, 4, (r) => seed(r, PER_REGION));
  session.dispose();

  // 2. All-region listing through the latency proxy: the explorer's way (parallel, bounded), the
  // floor (the slowest single call), and the lab's way (the AWS CLI, one region after another).
  const proxy = await startLatencyProxy(moto.url, DELAY_MS);
  const viaProxy = () => new AwsSession({ profile: 'bench', endpointUrl: proxy.url });
  const parallelRuns = [];
  const callsPerRefresh = [];
  for (let i = 0; i < 3; i++) {
    const s = viaProxy();
    proxy.reset();
    const t0 = performance.now();
    const names = (await s.listRegions()).filter((r) => regions.includes(r));
    const lists = await mapLimit(names, 12, (r) => listInstances(s, r)); // The explorer's concurrency.
    parallelRuns.push(performance.now() - t0);
    callsPerRefresh.push({ ...proxy.counts.byAction, total: proxy.counts.total });
    if (lists.some((l) => l.length !== PER_REGION)) throw new Error('a region did not list all its instances');
    s.dispose();
  }
  // The same listing straight to the emulator: what the emulator itself costs (it is one Python
  // process; on a small machine its CPU time, not the network, bounds the parallel listing).
  const direct = new AwsSession({ profile: 'bench', endpointUrl: moto.url });
  const tDirect = performance.now();
  await mapLimit(regions, 12, (r) => listInstances(direct, r));
  const directMs = performance.now() - tDirect;
  direct.dispose();
  const floorSession = viaProxy();
  await listInstances(floorSession, regions[0]); // Warm the client (credentials, connection).
  const singles = [];
  for (const r of regions) {
    const t0 = performance.now();
    await listInstances(floorSession, r);
    singles.push(performance.now() - t0);
  }
  floorSession.dispose();
  const cliEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_CONFIG_FILE: '/dev/null' };
  delete cliEnv.AWS_PROFILE;
  const t0 = performance.now();
  for (const r of regions) {
    // Asynchronous: the proxy answering it runs in this process.
    await promisify(execFile)(join(venv, 'bin', 'aws'), ['ec2', 'describe-instances', '--region', r, '--endpoint-url', proxy.url, '--output', 'json'], { env: cliEnv, maxBuffer: 64 << 20 });
  }
  const cliMs = performance.now() - t0;
  const parallelMs = median(parallelRuns);
  const floorMs = Math.max(...singles);
  results.allRegions = {
    regions: regions.length,
    instancesPerRegion: PER_REGION,
    addedLatencyMs: DELAY_MS,
    explorerMs: ms(parallelMs),
    explorerRunsMs: parallelRuns.map(ms),
    floorSlowestSingleCallMs: ms(floorMs),
    explorerWithoutAddedLatencyMs: ms(directMs),
    latencyHiddenByParallelism: `${ms(parallelMs - directMs)} ms of added latency seen, against ${REGION_COUNT * DELAY_MS} ms if sequential`,
    awsCliSequentialMs: ms(cliMs),
    ratioToFloor: ms(parallelMs / floorMs),
    speedupOverCli: ms(cliMs / parallelMs),
  };
  results.calls = { perFullRefresh: callsPerRefresh[0] };

  // 3. Scale: 5,000 instances in one region (seeded now, so the all-region figures above are taken
  // with 850 instances in the emulator), listed without the proxy; heap growth in this process.
  await seed(scaleRegion, SCALE);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const s5 = new AwsSession({ profile: 'bench', endpointUrl: moto.url });
  const t5 = performance.now();
  const many = await listInstances(s5, scaleRegion);
  const scaleMs = performance.now() - t5;
  global.gc?.();
  const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  results.scale = { region: scaleRegion, instances: many.length, listMs: ms(scaleMs), heapGrowthMb: ms(heapGrowthMb), heapMeasuredIn: 'the benchmark process (Node), holding the list' };
  s5.dispose();

  // 4. Activation in the real extension host: 5 fresh windows; then one window idle 60 s with the view hidden.
  const activation = [];
  let sdkLoadedAtActivation = false;
  const hostEnv = { ...awsEnv, HOME: home, AWS_PROFILE: '' };
  const probe = join(ROOT, 'out', 'test', 'bench', 'activationProbe.js');
  for (let i = 0; i < WINDOWS; i++) {
    const r = await runExtensionHostTests({ env: hostEnv, settings: { 'ec2Workbench.profile': 'bench', 'ec2Workbench.endpointUrl': proxy.url }, workspace: join(home, `ws${i}`), testsPath: probe, quiet: true, timeoutMs: 120_000 });
    const line = /BENCH (\{.*\})/.exec(r.output);
    if (!line) throw new Error(`activation probe printed nothing (exit ${r.code})`);
    const data = JSON.parse(line[1]);
    activation.push(data);
    sdkLoadedAtActivation ||= data.sdkLoaded;
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
    medianMs: ms(median(activation.map((a) => a.activationMs))),
    runsMs: activation.map((a) => ms(a.activationMs)),
    bundleEvaluationMedianMs: ms(median(activation.map((a) => a.evaluationMs))),
    activateFunctionMedianMs: ms(median(activation.map((a) => a.activateMs))),
    note: 'medianMs spans the start of the bundle evaluation to the end of activate(), so it includes the extension host\'s own work between loading the module and calling activate()',
    sdkLoadedAtActivation,
  };
  results.calls.idle60sHidden = { requests: proxy.counts.total, viewVisible: idleData.viewVisible };
  await proxy.close();

  const a = results.allRegions;
  results.targets = [
    { name: 'activation median (ms)', value: results.activation.medianMs, target: '< 10', met: results.activation.medianMs < 10 },
    { name: '  of which bundle evaluation (ms)', value: results.activation.bundleEvaluationMedianMs, target: '-', met: true },
    { name: '  of which activate() (ms)', value: results.activation.activateFunctionMedianMs, target: '-', met: true },
    { name: 'SDK loaded at activation', value: sdkLoadedAtActivation, target: 'false', met: !sdkLoadedAtActivation },
    { name: '.vsix size (bytes)', value: results.size.vsixBytes, target: '< 1 MB', met: results.size.vsixBytes < 1_048_576 },
    { name: 'all regions / slowest single call', value: a.ratioToFloor, target: '<= 1.5', met: a.ratioToFloor <= 1.5 },
    { name: 'speed-up over the AWS CLI loop', value: a.speedupOverCli, target: '>= 10', met: a.speedupOverCli >= 10 },
    { name: `list ${SCALE} instances (ms)`, value: results.scale.listMs, target: '< 2000', met: results.scale.listMs < 2000 },
    { name: `heap growth for ${SCALE} instances (MB)`, value: results.scale.heapGrowthMb, target: '< 50', met: results.scale.heapGrowthMb < 50 },
    { name: 'requests per region on refresh', value: ms((callsPerRefresh[0].total - 1) / REGION_COUNT), target: '<= 1 per page', met: callsPerRefresh[0].total - 1 <= REGION_COUNT },
    { name: 'requests in 60 s idle, view hidden', value: results.calls.idle60sHidden.requests, target: '0', met: results.calls.idle60sHidden.requests === 0 },
  ];
} finally {
  moto.stop();
  run('node', ['esbuild.mjs']); // Back to the development build the tests use.
}

mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const rows = results.targets.map((t) => `| ${t.name} | ${t.value} | ${t.target} | ${t.met ? 'yes' : 'NO'} |`);
process.stdout.write(
  [
    '',
    `EC2 Workbench benchmark · ${results.machine.cores} cores · Node ${results.machine.node} · moto ${MOTO_VERSION} · awscli ${AWSCLI_VERSION} · VS Code server 1.139.1`,
    `All regions (${REGION_COUNT} x ${PER_REGION} instances, +${DELAY_MS} ms per request): explorer ${results.allRegions.explorerMs} ms, slowest single call ${results.allRegions.floorSlowestSingleCallMs} ms, AWS CLI loop ${results.allRegions.awsCliSequentialMs} ms`,
    `  same listing without the added latency: ${results.allRegions.explorerWithoutAddedLatencyMs} ms (the emulator's own time); ${results.allRegions.latencyHiddenByParallelism}`,
    `Sizes: dist/extension.js ${results.size.extensionJsBytes} B, dist/sdk.js ${results.size.sdkJsBytes} B, .vsix ${results.size.vsixBytes} B`,
    '',
    '| figure | value | target | met |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    'Written to bench/results.json',
    '',
  ].join('\n'),
);
