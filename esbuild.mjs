// Bundles the extension: `dist/extension.js` (loaded at activation: the tree and the command ids),
// `dist/commands.js` (the command handlers, on the first command run), `dist/sdk.js` (the AWS SDK,
// on first AWS use) and `dist/listWorker.js` (the explorer's listing worker).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Keeps the lazy requires a runtime require of a sibling bundle: `./sdk` in loadSdk.ts (the AWS SDK,
 * dist/sdk.js), `./handlers` in registerCommands.ts (the command handlers, dist/commands.js) and
 * `./ini` in profiles.ts (the config files' reader, dist/ini.js; inlined in connect.js, which is
 * copied out of dist/ with sdk.js only).
 */
const lazyBundles = ({ ini = true, sdk = './sdk.js' } = {}) => ({
  name: 'lazy-bundles',
  setup(build) {
    if (ini) {
      build.onResolve({ filter: /^\.\/ini$/ }, (args) => (args.importer.endsWith('profiles.ts') ? { path: './ini.js', external: true } : undefined));
    }
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      args.importer.endsWith('loadSdk.ts') ? { path: sdk, external: true } : undefined,
    );
    build.onResolve({ filter: /^\.\/handlers$/ }, (args) =>
      args.importer.endsWith('registerCommands.ts') ? { path: './commands.js', external: true } : undefined,
    );
  },
});

/** dist/sdk.js takes its EC2 exports from dist/workerSdk.js at run time: one copy of the EC2 client in the package. */
const ec2FromWorkerSdk = {
  name: 'ec2-from-worker-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/workerSdk$/ }, () => ({ path: './workerSdk.js', external: true }));
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
  plugins: [lazyBundles()],
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    // When the bundle starts evaluating: the activation benchmark measures from here.
    banner: { js: 'globalThis.__ec2WorkbenchLoadStart = performance.now();' },
    footer: { js: 'globalThis.__ec2WorkbenchLoadEnd = performance.now();' },
  },
  // The AWS SDK for the host; its EC2 client is the one in dist/workerSdk.js, required at run time.
  {
    ...common,
    entryPoints: ['src/aws/sdk.ts'],
    outfile: 'dist/sdk.js',
    mainFields: ['module', 'main'],
    plugins: [...common.plugins, ec2FromWorkerSdk],
  },
  // The shared config files' reader (profiles.ts), without the SDK.
  { ...common, entryPoints: ['src/aws/ini.ts'], outfile: 'dist/ini.js' },
  // The command handlers, required on the first command run.
  { ...common, entryPoints: ['src/commands/handlers.ts'], outfile: 'dist/commands.js' },
  // The explorer's listing worker (src/aws/offThreadLister.ts): signs and sends its calls itself (no SDK);
  // requires ./workerSdk.js on its own thread only for a profile the ini files cannot resolve (role, SSO...).
  { ...common, entryPoints: ['src/aws/listWorker.ts'], outfile: 'dist/listWorker.js', plugins: [lazyBundles({ sdk: './workerSdk.js' })] },
  // The SDK's part the listing worker uses (src/aws/workerSdk.ts).
  { ...common, entryPoints: ['src/aws/workerSdk.ts'], outfile: 'dist/workerSdk.js', mainFields: ['module', 'main'] },
  // The ProxyCommand of EC2 Instance Connect SSH entries; it requires ./sdk.js at run time too.
  {
    ...common,
    entryPoints: ['src/ssh/connectProxy.ts'],
    outfile: 'dist/connect.js',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    plugins: [lazyBundles({ ini: false })],
  },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
