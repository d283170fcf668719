// Loaded by `npm run bench` as the extension-host "tests" module: reports activation time, whether
// the AWS SDK bundle was loaded, and (when asked) waits with the view hidden so the benchmark can
// count AWS requests at its proxy. Prints one line: BENCH {json}.
import * as vscode from 'vscode';
import { Workbench } from '../../src/workbench';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<Workbench>('ec2-workbench.ec2-workbench');
  const wb = await ext!.activate();
  const sdkLoaded = Object.keys(require.cache).some((f) => /[\\/]dist[\\/]sdk\.js$/.test(f));
  const idleMs = Number(process.env.EC2WB_BENCH_IDLE_MS ?? 0);
  if (idleMs > 0) {
    await new Promise((r) => setTimeout(r, idleMs));
  }
  // eslint-disable-next-line no-console -- the benchmark reads this line from the extension host console
  console.log(
    `BENCH ${JSON.stringify({ activationMs: wb.timing?.sinceLoadStartMs, evaluationMs: wb.timing?.evaluationMs, activateMs: wb.timing?.activateMs, sdkLoaded, viewVisible: wb.treeView.visible, idleMs })}`,
  );
}
