// Bundles the extension. Two outputs: `dist/extension.js` (loaded at activation, small) and
// `dist/sdk.js` (the AWS SDK and everything that needs it, required on first AWS use only).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Keeps `import('./sdk')` in src/aws a runtime require of the sibling bundle `./sdk.js`. */
const lazySdk = {
  name: 'lazy-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      args.importer.endsWith('loadSdk.ts') ? { path: './sdk.js', external: true } : undefined,
    );
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
  plugins: [lazySdk],
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
  { ...common, entryPoints: ['src/aws/sdk.ts'], outfile: 'dist/sdk.js', mainFields: ['module', 'main'] },
  // The ProxyCommand of EC2 Instance Connect SSH entries; it requires ./sdk.js at run time too.
  { ...common, entryPoints: ['src/ssh/connectProxy.ts'], outfile: 'dist/connect.js', external: ['vscode', 'bufferutil', 'utf-8-validate'] },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
