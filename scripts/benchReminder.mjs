// `node scripts/benchReminder.mjs`: what the start-up reminder costs a user with nothing to remind
// (issue #31). It times the check activate() runs (labInstancesAtStartup.ts hasLabInstances: one read of the extension's
// global state) on an empty state and on a state with launched instances, and checks that it loads
// no AWS SDK module (so it can make no AWS call). Prints figures; asserts nothing about time.
// Run `node esbuild.mjs && node_modules/.bin/tsc -p .` first (it reads out/).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib/bootstrap.mjs';

const require = createRequire(import.meta.url);
const { hasLabInstances } = require(join(ROOT, 'out', 'src', 'aws', 'labInstancesAtStartup.js'));
const { LAB_INSTANCES_KEY } = require(join(ROOT, 'out', 'src', 'aws', 'labInstances.js'));

const memento = (value) => ({ get: (key) => (key === LAB_INSTANCES_KEY ? value : undefined) });
const empty = memento(undefined);
const some = memento({ launched: { default: { 'eu-west-3': ['i-0123456789abcdef0', 'i-0123456789abcdef1'] } }, kept: {} });

function time(state, runs = 5) {
  const per = [];
  for (let r = 0; r < runs; r++) {
    const n = 100_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) hasLabInstances(state);
    per.push((performance.now() - t0) / n);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)];
}

// The first call, cold (what one activation pays), then the steady per-call median.
const t0 = performance.now();
const answer = hasLabInstances(empty);
const firstMs = performance.now() - t0;
const sdkLoaded = Object.keys(require.cache).some((f) => f.includes('@aws-sdk'));
console.log(
  JSON.stringify({
    nothingToRemind: { answer, firstCallMs: Number(firstMs.toFixed(4)), medianCallMs: Number(time(empty).toFixed(6)), target: '< 5 ms' },
    somethingToRemind: { answer: hasLabInstances(some), medianCallMs: Number(time(some).toFixed(6)) },
    awsSdkLoaded: sdkLoaded,
  }),
);
