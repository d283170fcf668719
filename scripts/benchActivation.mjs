// `node scripts/benchActivation.mjs [extension folder]`: the activation row of `npm run bench` alone
// (docs/performance.md): fresh windows of the real extension host, each reporting the evaluation of
// dist/extension.js (esbuild's banner and footer marks) plus activate(), the host's own time around
// it, and whether the workbench or the AWS SDK were loaded. Builds the production bundle of the
// folder first (default: this one; another checkout gives a "before" figure on the same machine).
// Prints figures (medians over EC2WB_BENCH_WINDOWS windows, 5 by default); asserts nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVscodeServer, ROOT, run } from './lib/bootstrap.mjs';

const folder = resolve(process.argv[2] ?? ROOT);
const windows = Number(process.env.EC2WB_BENCH_WINDOWS ?? 5);
ensureVscodeServer();
run('node', ['esbuild.mjs', '--production'], { cwd: folder });
run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: folder });
const { runExtensionHostTests } = await import('./lib/extensionHostTests.mjs');

const home = mkdtempSync(join(tmpdir(), 'ec2wb-bench-activation-'));
const runs = [];
for (let i = 0; i < windows; i++) {
  const r = await runExtensionHostTests({
    env: { HOME: home, AWS_PROFILE: '' },
    settings: { 'ec2Workbench.endpointUrl': 'http://127.0.0.1:9' },
    workspace: join(home, `ws${i}`),
    testsPath: join(folder, 'out', 'test', 'bench', 'activationProbe.js'),
    extensionPath: folder,
    quiet: true,
    timeoutMs: 120_000,
  });
  const line = /BENCH (\{.*\})/.exec(r.output);
  if (!line) throw new Error(`activation probe printed nothing (exit ${r.code})`);
  runs.push(JSON.parse(line[1]));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => Math.round(n * 100) / 100;
const ours = runs.map((a) => a.evaluationMs + a.activateMs);
console.log(
  JSON.stringify(
    {
      folder,
      windows,
      oursMedianMs: ms(median(ours)),
      oursRunsMs: ours.map(ms),
      evaluationMedianMs: ms(median(runs.map((a) => a.evaluationMs))),
      activateMedianMs: ms(median(runs.map((a) => a.activateMs))),
      reminderCheckMedianMs: ms(median(runs.map((a) => a.reminderCheckMs ?? NaN))),
      firstUseMedianMs: ms(median(runs.map((a) => a.startWorkbenchMs ?? NaN))),
      hostActivateMedianMs: ms(median(runs.map((a) => a.hostActivateMs))),
      activeAtStart: runs.map((a) => a.activeAtStart),
      workbenchLoaded: runs.map((a) => a.workbenchLoaded ?? a.commandsLoaded),
      sdkLoaded: runs.map((a) => a.sdkLoaded),
    },
    null,
    1,
  ),
);
