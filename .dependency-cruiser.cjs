// Import rules `npm run lint` checks with dependency-cruiser (eslint holds the rest): no import
// circles anywhere in src/, and the VS Code-free core never reaches into the VS Code layer.
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import circles hide the order modules start in and tie layers together: break the circle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-stays-vscode-free',
      severity: 'error',
      comment: 'src/core is driven by plain Node tests: it never imports the VS Code layer (eslint keeps `vscode` itself out).',
      from: { path: '^src/core/' },
      to: { path: ['^src/(commands|explorer|costs|shared)/', '^src/[^/]+\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
