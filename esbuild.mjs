// Bundles the extension. One story: each module is in one bundle, and a bundle loads another only
// through a run-time require of a sibling file kept external by its exact specifier (no plugin keyed
// on an importer's file name):
// - dist/extension.js (src/extension.ts): the activation entry; command ids, the lazy tree provider
//   and the start-up reminder's check. Requires `./startWorkbench` on first use.
// - dist/startWorkbench.js (src/startWorkbench.ts): the tree, prices, sessions and every command.
//   Requires `./sdk` (core/aws/sdk/loadSdk.ts) on first AWS use and `./ini` (core/aws/session/profiles.ts) to read profiles.
// - dist/sdk.js (src/core/aws/sdk/sdk.ts): the AWS SDK, for the host's commands and the listing worker.
// - dist/connect.js (src/core/ssh/connectProxy.ts): the ProxyCommand, self-contained with the SDK's part it
//   uses (src/core/aws/sdk/connectSdk.ts).
// - dist/ini.js, dist/listWorker.js: see each entry below.
// test/core/manifest/bundles.test.ts checks, from esbuild's metafile, that no module is in two of
// extension.js, startWorkbench.js and sdk.js.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');

/**
 * In dist/connect.js, loadSdk()'s `./sdk` is src/core/aws/sdk/connectSdk.ts (keyed on that specifier, which
 * only core/aws/sdk/loadSdk.ts uses; test/core/manifest/bundles.test.ts fails if connect.js holds another client).
 */
const connectSdk = {
  name: 'connect-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, () => ({ path: new URL('./src/core/aws/sdk/connectSdk.ts', import.meta.url).pathname }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  metafile,
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', './startWorkbench'],
    // When the bundle starts evaluating: the activation benchmark measures from here.
    banner: { js: 'globalThis.__ec2WorkbenchLoadStart = performance.now();' },
    footer: { js: 'globalThis.__ec2WorkbenchLoadEnd = performance.now();' },
  },
  // Everything behind the activation entry, required on first use.
  { ...common, entryPoints: ['src/startWorkbench.ts'], outfile: 'dist/startWorkbench.js', external: ['vscode', './sdk', './ini'] },
  // The AWS SDK: the host's commands, and the listing worker's reads on its own thread.
  { ...common, entryPoints: ['src/core/aws/sdk/sdk.ts'], outfile: 'dist/sdk.js', mainFields: ['module', 'main'] },
  // The shared config files' reader (profiles.ts), without the SDK.
  { ...common, entryPoints: ['src/core/aws/session/ini.ts'], outfile: 'dist/ini.js' },
  // The explorer's listing worker (src/core/listing/offThreadLister.ts): lists instances with its own
  // signing and HTTP (no SDK); requires ./sdk.js on its own thread for the tree's other reads, the
  // prices, and a profile the ini files cannot resolve (role, SSO...).
  { ...common, entryPoints: ['src/core/listing/listWorker.ts'], outfile: 'dist/listWorker.js', external: ['vscode', './ini', './sdk'] },
  // The ProxyCommand of EC2 Instance Connect SSH entries, self-contained (staged alone into global
  // storage): the SDK's part it uses (src/core/aws/sdk/connectSdk.ts) and the config files' reader inlined.
  {
    ...common,
    entryPoints: ['src/core/ssh/connectProxy.ts'],
    outfile: 'dist/connect.js',
    mainFields: ['module', 'main'],
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    plugins: [connectSdk],
  },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (metafile) {
    // `node esbuild.mjs --metafile`: dist/meta.json, each output file with the modules in it.
    const fs = await import('node:fs');
    const outputs = Object.assign({}, ...results.map((r) => r.metafile.outputs));
    fs.writeFileSync('dist/meta.json', JSON.stringify({ outputs }));
  }
}
