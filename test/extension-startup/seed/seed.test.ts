// Window 1 of the start-up test: nothing was ever launched, so start-up costs one read of the global
// state and nothing else (no workbench, no AWS SDK, so no AWS call can be made); then it records two
// running lab instances, as a launch from EC2 Workbench does, for window 2.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { LAB_INSTANCES_KEY } from '../../../src/core/aws/ec2/labInstances';
import { type ExplorerNode } from '../../../src/explorer/explorerNode';
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

  it("shows a region's every group and its prices with no AWS SDK on this thread (the listing worker reads them)", async () => {
    await runInstances('eu-west-3', { count: 1, type: 't3.micro' });
    const wb = await extension().exports.workbench();
    const config = vscode.workspace.getConfiguration('ec2Workbench');
    await config.update('regions', ['eu-west-3'], vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('ec2Workbench.explorer.focus');
      await wb.explorer.getChildren();
      await wb.explorer.settled();
      const children = async (node: ExplorerNode) => wb.explorer.getChildren(node);
      const shown = new Map<string, ExplorerNode[]>();
      for (const group of await children(wb.explorer.regionNode('eu-west-3')!)) {
        const label = String(wb.explorer.getTreeItem(group).label);
        const nodes = await children(group);
        // A VPC shows its subnets.
        const below = await Promise.all(nodes.map(async (n) => (wb.explorer.getTreeItem(n).collapsibleState ? children(n) : [])));
        shown.set(label, [...nodes, ...below.flat()]);
      }
      assert.deepStrictEqual(
        [...shown.keys()],
        ['Instances', 'Key pairs', 'Volumes', 'Load balancers', 'VPCs and subnets', 'Security groups'],
      );
      assert.ok(shown.get('Volumes')!.length >= 1, "the instance's root volume");
      assert.ok(shown.get('VPCs and subnets')!.length >= 2, 'the default VPC and its subnets');
      assert.ok(shown.get('Security groups')!.length >= 1, 'the default security group');
      // Prices were asked (the emulator has no Price List API: either a price or the reason none shows).
      await until('the prices asked', () => !!wb.costs.regionEstimate('eu-west-3') || wb.costs.unavailable !== undefined, 30_000);
      assert.ok(!bundlesLoaded().includes('sdk.js'), `bundles loaded here: ${bundlesLoaded().join(', ')}`);
    } finally {
      await config.update('regions', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    }
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
