// Loads the AWS SDK on first use. The bundler keeps `./sdk` as a separate file, dist/sdk.js
// (see esbuild.mjs), so activation parses and evaluates none of it.
import type * as SdkModule from './sdk';

export type Sdk = typeof SdkModule;

let pending: Promise<Sdk> | undefined;

export function loadSdk(): Promise<Sdk> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pending ??= Promise.resolve().then(() => require('./sdk') as Sdk);
  return pending;
}
