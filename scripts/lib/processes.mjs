// Starting and stopping the loopback servers the tests, the benchmarks and the sandbox use.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `url` until it answers any HTTP status, or fails after `timeoutMs`. */
export async function waitForHttp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${url}: the server exited with code ${child.exitCode} before answering`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Spawns a long-running process in its own process group; `stop()` ends the group. Its output goes
 * to a file, not a pipe, unless `log` streams it: the test runner waits in spawnSync while mocha runs,
 * so nothing would read a pipe then, and a server that logs every request (moto) would block on a
 * full pipe and stop answering every client (the "not understood" timeouts of earlier runs).
 */
export function startProcess(command, args, { env, log } = {}) {
  if (!log) {
    const dir = mkdtempSync(join(tmpdir(), 'ec2wb-proc-'));
    const file = join(dir, 'output.log');
    const fd = openSync(file, 'a');
    const child = spawn(command, args, { env: env ?? process.env, detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const output = () => {
      try {
        return readFileSync(file, 'utf8').split('\n').slice(-400).join('\n');
      } catch {
        return '';
      }
    };
    return { child, stop: stopper(child, () => rmSync(dir, { recursive: true, force: true })), output };
  }
  const child = spawn(command, args, { env: env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const keep = (chunk) => {
    const text = chunk.toString();
    lines.push(text);
    if (lines.length > 400) lines.shift();
    process.stdout.write(text);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, stop: stopper(child), output: () => lines.join('') };
}

function stopper(child, cleanUp = () => {}) {
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    cleanUp();
  };
  process.once('exit', stop);
  return stop;
}
