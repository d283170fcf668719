// Loaded by `npm run bench` as the extension-host "tests" module: reports whether the extension was
// active before anything asked for it (in the idle window, after its wait: `onStartupFinished`, with its
// small activation entry, fires once the window has started, which can be after this module runs),
// the time the host takes to activate it (loading its code and running activate(); about 0 when
// start-up had activated it already), the activation bundle's own marks, whether the workbench, the
// AWS SDK were loaded (they should not be: nothing was used); and (when asked) waits with the view
// hidden so the benchmark can count AWS requests at its proxy. Prints one line: BENCH {json}.
import * as path from 'path';
import * as vscode from 'vscode';
import { Activation } from '../../src/workbench';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<Activation>('ec2-workbench.ec2-workbench')!;
  const idleMs = Number(process.env.EC2WB_BENCH_IDLE_MS ?? 0);
  if (idleMs > 0) {
    // The idle window asks nothing: VS Code activates the extension itself once start-up has
    // finished (onStartupFinished), which can come after this module runs.
    await new Promise((r) => setTimeout(r, idleMs));
  }
  const activeAtStart = ext.isActive;
  const t0 = performance.now();
  const activation = await ext.activate();
  const hostActivateMs = performance.now() - t0;
  const loaded = (name: string) => Object.keys(require.cache).some((f) => f.endsWith(path.join('dist', name)));
  const workbenchLoaded = activation.isLoaded() || loaded('startWorkbench.js');
  const sdkLoaded = loaded('sdk.js');
  if (idleMs === 0) {
    // What the first use adds (the view shown, a command): requiring dist/startWorkbench.js and building the workbench.
    await activation.workbench();
  }
  // eslint-disable-next-line no-console -- the benchmark reads this line from the extension host console
  console.log(
    `BENCH ${JSON.stringify({
      activeAtStart,
      hostActivateMs,
      evaluationMs: activation.timing.evaluationMs,
      activateMs: activation.timing.activateMs,
      reminderCheckMs: activation.timing.reminderCheckMs,
      sdkLoaded,
      workbenchLoaded,
      commandsLoaded: workbenchLoaded,
      startWorkbenchMs: activation.timing.startWorkbenchMs,
      idleMs,
    })}`,
  );
}
