// `node scripts/cpuProfileSummary.mjs <file.cpuprofile>...`: what a CPU profile of the bench says, in
// a few lines each: the time profiled, how much of it the thread was busy (garbage collection apart),
// the functions and the files with the most self time, and the longest busy stretch (samples in a row
// that were not idle: what blocked the thread longest) with the functions it spent its time in.
// Profiles come from `EC2WB_BENCH_PROFILE_DIR=<dir> npm run bench` (the extension host's thread, a
// file per row) and `node --cpu-prof --cpu-prof-dir=<dir> scripts/bench-driver.mjs` (a file per
// thread: the driver's, and each listing worker and condenser it started, one worker per session).
// `--json` prints the summaries as JSON instead.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const TOP = 8;
const ms = (us) => Math.round(us / 100) / 10;

/** A frame's name: "function (file:line)". */
function frameName({ functionName, url, lineNumber }) {
  const file = url ? basename(url.replace(/^file:\/\//, '')) : '';
  return file ? `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})` : functionName;
}

function fileOf({ functionName, url }) {
  return url ? basename(url.replace(/^file:\/\//, '')) : functionName;
}

function top(map, n = TOP) {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: ms(us) }));
}

function add(map, key, us) {
  map.set(key, (map.get(key) ?? 0) + us);
}

export function summarize(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const { samples, timeDeltas } = profile;
  // A sample's duration is the time until the next sample.
  const duration = (i) => (i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0);
  const byFunction = new Map();
  const byFile = new Map();
  let total = 0;
  let idle = 0;
  let gc = 0;
  let stretch = { from: 0, to: -1, us: 0 };
  let longest = stretch;
  for (let i = 0; i < samples.length; i++) {
    const frame = nodes.get(samples[i]).callFrame;
    const us = duration(i);
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      stretch = { from: i + 1, to: i, us: 0 };
      continue;
    }
    if (frame.functionName === '(garbage collector)') gc += us;
    add(byFunction, frameName(frame), us);
    add(byFile, fileOf(frame), us);
    stretch = { from: stretch.from, to: i, us: stretch.us + us };
    if (stretch.us > longest.us) longest = stretch;
  }
  const inLongest = new Map();
  for (let i = longest.from; i <= longest.to; i++) {
    add(inLongest, frameName(nodes.get(samples[i]).callFrame), duration(i));
  }
  return {
    profiledMs: ms(total),
    busyMs: ms(total - idle),
    gcMs: ms(gc),
    topFunctions: top(byFunction),
    topFiles: top(byFile),
    longestBusyStretch: { ms: ms(longest.us), startsAtMs: ms(timeDeltas.slice(0, longest.from + 1).reduce((a, b) => a + b, 0)), top: top(inLongest, 6) },
  };
}

const files = process.argv.slice(2).filter((a) => a !== '--json');
const summaries = files.map((file) => ({ file: basename(file), ...summarize(JSON.parse(readFileSync(file, 'utf8'))) }));
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
} else {
  for (const s of summaries) {
    const list = (rows) => rows.map((r) => `    ${String(r.ms).padStart(7)} ms  ${r.name}`).join('\n');
    process.stdout.write(
      [
        `${s.file}: ${s.profiledMs} ms profiled, busy ${s.busyMs} ms (garbage collection ${s.gcMs} ms)`,
        '  self time by function:',
        list(s.topFunctions),
        '  self time by file:',
        list(s.topFiles),
        `  longest busy stretch: ${s.longestBusyStretch.ms} ms, from ${s.longestBusyStretch.startsAtMs} ms:`,
        list(s.longestBusyStretch.top),
        '',
      ].join('\n'),
    );
  }
}
