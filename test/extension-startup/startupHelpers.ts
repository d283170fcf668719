// Shared by the two windows of the start-up test (scripts/test.mjs, part "startup"): the first
// window seeds the extension's global state, the second is the same browser page reloaded, as a
// student's next session of VS Code, with the EC2 Workbench view closed.
import * as path from 'path';
import * as vscode from 'vscode';
import { type Activation } from '../../src/workbench';

export function extension(): vscode.Extension<Activation> {
  return vscode.extensions.getExtension<Activation>('ec2-workbench.ec2-workbench')!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds (polling every 100 ms), or fails after `ms` with `what`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The extension's bundles loaded in this extension host (dist/extension.js, dist/startWorkbench.js, dist/sdk.js...). */
export function bundlesLoaded(): string[] {
  return (
    Object.keys(require.cache)
      // Ours only: VS Code's built-in extensions may live under the checkout too (.vscode-test).
      .filter((f) => f.startsWith(path.join(extension().extensionPath, 'dist') + path.sep))
      .map((f) => path.basename(f))
      .sort()
  );
}
