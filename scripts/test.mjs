// `npm test`: lint, type check, core tests (plain Node) and extension-host tests (a real VS Code),
// both against a moto server started here on loopback. Installs what is missing on first run.
// The last line sums every part: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ensureMoto, ensureNodeModules, ensureVscodeServer, ROOT } from './lib/bootstrap.mjs';

const only = process.argv.slice(2); // e.g. `npm test -- core`, `npm test -- extension` or `npm test -- french`
const wants = (part) => only.length === 0 || only.includes(part);
const results = []; // { part, passed, failed }

function record(part, passed, failed) {
  results.push({ part, passed, failed });
  process.stdout.write(`\n[${part}] ${passed} passed, ${failed} failed\n\n`);
}

/** Counts from mocha's spec reporter output ("N passing", "N failing"). */
function mochaCounts(output, exitCode) {
  const passed = Number(/(\d+) passing/.exec(output)?.[1] ?? 0);
  const failed = Number(/(\d+) failing/.exec(output)?.[1] ?? 0);
  // A crash before mocha reports still counts as a failure.
  return { passed, failed: failed === 0 && exitCode !== 0 ? 1 : failed };
}

function check(part, cmd, args) {
  process.stdout.write(`[${part}] ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  record(part, r.status === 0 ? 1 : 0, r.status === 0 ? 0 : 1);
}

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

ensureNodeModules();
ensureMoto();
if (wants('extension') || wants('french')) {
  ensureVscodeServer();
}
try {
  ensureBuilt();
} catch (error) {
  process.stdout.write(`${error.message}\nbuild: 0 passed, 1 failed\n0 passed, 1 failed\n`);
  process.exit(1);
}

const { startMoto } = await import('./lib/moto.mjs');
const { writeAwsFiles } = await import('./lib/awsFiles.mjs');
const { runExtensionHostTests } = await import('./lib/extensionHostTests.mjs');

if (wants('lint')) {
  check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
  check('format', bin('prettier'), ['--check', 'src/**/*.ts', 'test/**/*.ts']);
  // No import circles, and the core never reaches into the VS Code layer (.dependency-cruiser.cjs).
  check('imports', bin('depcruise'), ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);
}
if (wants('typecheck')) check('typecheck', bin('tsc'), ['--noEmit', '-p', '.']);

const moto = await startMoto();
const home = mkdtempSync(join(tmpdir(), 'ec2wb-home-'));
const env = {
  HOME: home,
  EC2WB_MOTO_URL: moto.url,
  AWS_PROFILE: '',
  ...writeAwsFiles(join(home, '.aws'), { profile: 'moto', endpointUrl: moto.url }),
};
// ssh reads the account's own ~/.ssh/config (passwd entry, not HOME): the tests name theirs, as a
// user of remote.SSH.configFile does, so nothing is written outside the temporary home.
const sshConfig = join(home, '.ssh', 'config');
try {
  if (wants('core')) {
    // One mocha process, one emulator for every core test, EC2 Instance Connect's real ssh logins
    // included. (Their timeouts of earlier runs were moto blocked on a full output pipe: see
    // scripts/lib/processes.mjs.)
    const grep = process.env.EC2WB_TEST_GREP ? ['--grep', process.env.EC2WB_TEST_GREP] : [];
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--recursive', '--timeout', '60000', 'out/test/core/**/*.test.js', ...grep],
      { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 20 * 60_000 },
    );
    process.stdout.write(r.stdout);
    const c = mochaCounts(r.stdout, r.status);
    record('core', c.passed, c.failed);
  }
  if (wants('extension')) {
    const r = await runExtensionHostTests({
      env,
      settings: { 'ec2Workbench.profile': 'moto', 'remote.SSH.configFile': sshConfig },
      workspace: join(home, 'workspace'),
    });
    const c = mochaCounts(r.output, r.code);
    record('extension', c.passed, c.failed);
  }
  if (wants('extension') || wants('startup')) {
    // Start-up (issue #31): a window with nothing launched, then the same page reloaded with two lab
    // instances recorded and the view closed: the reminder comes by itself.
    const r = await runExtensionHostTests({
      env,
      settings: { 'ec2Workbench.profile': 'moto' },
      workspace: join(home, 'workspace-startup'),
      testsPath: ['seed', 'check'].map((w) => join(ROOT, 'out', 'test', 'extension-startup', w, 'index.js')),
      timeoutMs: 5 * 60_000,
    });
    // The two windows' mocha reports: "N passing" twice.
    const passed = [...r.output.matchAll(/(\d+) passing/g)].reduce((n, m) => n + Number(m[1]), 0);
    const failed = [...r.output.matchAll(/(\d+) failing/g)].reduce((n, m) => n + Number(m[1]), 0);
    record('startup', passed, failed === 0 && r.code !== 0 ? 1 : failed);
  }
  if (wants('french')) {
    // The same extension in a VS Code whose display language is French.
    const r = await runExtensionHostTests({
      env,
      settings: { 'ec2Workbench.profile': 'moto', 'remote.SSH.configFile': sshConfig },
      workspace: join(home, 'workspace-fr'),
      testsPath: join(ROOT, 'out', 'test', 'extension-fr', 'index.js'),
      locale: 'fr',
    });
    const c = mochaCounts(r.output, r.code);
    record('french', c.passed, c.failed);
  }
} finally {
  moto.stop();
  rmSync(home, { recursive: true, force: true });
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`${results.map((r) => `${r.part}: ${r.passed} passed, ${r.failed} failed`).join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
