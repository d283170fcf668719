// Window 1 of the start-up test: nothing was ever launched, so start-up costs one read of the global
// state and nothing else (no workbench, no AWS SDK, so no AWS call can be made); then it records two
// running lab instances, as a launch from EC2 Workbench does, for window 2.
import * as assert from 'assert';
import { LAB_INSTANCES_KEY } from '../../../src/core/aws/ec2/labInstances';
import { runInstances } from '../../support/seed';
import { bundlesLoaded, extension, sleep, until } from '../startupHelpers';

describe('Start-up, nothing launched', function () {
  this.timeout(60_000);

  it('activates at start-up, then loads nothing and asks AWS nothing', async () => {
    await until('the extension active without being asked (onStartupFinished)', () => extension().isActive);
    await sleep(5_000); // Past the reminder's 3 s, had there been anything to remind.
    const activation = extension().exports;
    assert.strictEqual(activation.isLoaded(), false, 'the workbench is not loaded');
    assert.deepStrictEqual(bundlesLoaded(), ['extension.js'], 'only the activation entry is loaded: no SDK, no AWS call');
  });

  it('records two running lab instances for the next window', async () => {
    const ids = await runInstances('eu-west-3', { count: 2, type: 't3.micro', tags: { 'ec2-workbench': 'lab' } });
    const wb = await extension().exports.workbench();
    await wb.context.globalState.update(LAB_INSTANCES_KEY, {
      launched: { [wb.sessions.session.profileName]: { 'eu-west-3': ids } },
      kept: {},
    });
    await sleep(3_000); // Lets the workbench write its state before the page is reloaded.
  });
});
