// Window 2 of the start-up test: the same page reloaded (a new session of VS Code), the EC2 Workbench
// view closed. The reminder appears by itself, a few seconds after start-up.
import * as assert from 'assert';
import { LAB_INSTANCES_KEY, readLabInstances } from '../../../src/core/aws/ec2/labInstances';
import { type Workbench } from '../../../src/workbench';
import { bundlesLoaded, extension, until } from '../startupHelpers';

describe('Start-up, lab instances still running', function () {
  this.timeout(90_000);

  it('shows the reminder without the view being opened', async () => {
    await until('the extension active without being asked (onStartupFinished)', () => extension().isActive);
    const activation = extension().exports;
    // Nothing in this window asks for the workbench: the reminder's timer loads it.
    await until('the workbench loaded by the reminder', () => activation.isLoaded(), 20_000);
    const wb: Workbench = await activation.workbench();
    await until('the reminder shown', () => wb.lastReminder !== undefined, 30_000);
    const recorded = readLabInstances(wb.context.globalState).launched[wb.sessions.session.profileName]['eu-west-3'];
    assert.strictEqual(recorded.length, 2, 'window 1 recorded two instances');
    assert.match(wb.lastReminder!.message, /^2 lab instances have been running for \d+ min( \(about .+\))?\.$/);
    assert.deepStrictEqual([...wb.lastReminder!.instanceIds].sort(), [...recorded].sort());
    assert.strictEqual(wb.treeView.visible, false, 'the view stayed closed');
    assert.ok(bundlesLoaded().includes('startWorkbench.js'));
    await wb.context.globalState.update(LAB_INSTANCES_KEY, undefined);
  });
});
