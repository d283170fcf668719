import * as assert from 'assert';
import { DescribeInstancesCommand, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import { LAB_INSTANCES_KEY, readLabInstances } from '../../src/core/aws/ec2/labInstances';
import { hasLabInstances } from '../../src/core/aws/ec2/labInstancesAtStartup';
import { Workbench } from '../../src/workbench';
import { AwsStandIn } from '../support/awsStandIn';
import { ec2, motoUrl, resetMoto } from '../support/moto';
import { runInstances } from '../support/seed';
import { workbench } from './helpers';

interface Reminder {
  message: string;
  instanceIds: string[];
  choice?: string;
}

const remind = (args?: unknown) =>
  Promise.resolve(vscode.commands.executeCommand<Reminder | undefined>('ec2Workbench.remindRunning', args));

async function states(ids: string[]): Promise<string[]> {
  const out = await ec2('eu-west-3').send(new DescribeInstancesCommand({ InstanceIds: ids }));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.State?.Name ?? '');
}

describe('Start-up reminder', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let proxy: AwsStandIn;
  before(async () => {
    wb = await workbench();
    proxy = await new AwsStandIn(motoUrl()).start();
    await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await wb.context.globalState.update(LAB_INSTANCES_KEY, undefined);
    await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
    await proxy.close();
  });
  beforeEach(async () => {
    await resetMoto();
    await wb.context.globalState.update(LAB_INSTANCES_KEY, undefined);
  });

  it('says nothing and calls nothing when no lab instance was launched', async () => {
    assert.strictEqual(hasLabInstances(wb.context.globalState), false);
    const before = proxy.seen.length;
    assert.strictEqual(await remind(), undefined);
    assert.strictEqual(proxy.seen.length, before, 'no AWS call');
  });

  it('one notification for the lab instances still running (one call per region); Stop stops them', async () => {
    const ids = await runInstances('eu-west-3', { count: 3, type: 't3.micro' });
    const [gone] = await runInstances('eu-west-3', {});
    await ec2('eu-west-3').send(new TerminateInstancesCommand({ InstanceIds: [gone] }));
    await wb.context.globalState.update(LAB_INSTANCES_KEY, {
      launched: { [wb.sessions.session.profileName]: { 'eu-west-3': [...ids, gone] } },
      kept: {},
    });
    const before = proxy.seen.length;
    const reminder = await remind({ answer: 'stop' });
    assert.ok(reminder);
    assert.match(reminder.message, /^3 lab instances have been running for \d+ (min|h)( \d\d min)?( \(about .+\))?\.$/);
    assert.deepStrictEqual([...reminder.instanceIds].sort(), [...ids].sort());
    const ec2Regions = new Set(
      proxy.seen
        .slice(before)
        .filter((r) => r.service === 'ec2')
        .map((r) => r.region),
    );
    assert.deepStrictEqual([...ec2Regions], ['eu-west-3'], 'only the region that had lab instances is asked');
    assert.deepStrictEqual(
      await states(ids),
      ['stopped', 'stopped', 'stopped'].map((s) => s),
    );
    assert.deepStrictEqual(
      readLabInstances(wb.context.globalState).launched[wb.sessions.session.profileName]['eu-west-3'].sort(),
      [...ids].sort(),
      'the terminated one is forgotten',
    );
    assert.strictEqual(await remind(), undefined, 'nothing runs any more: nothing to say');
  });

  it('Keep: no reminder for them until they are started again', async () => {
    const ids = await runInstances('eu-west-3', { count: 1 });
    await wb.context.globalState.update(LAB_INSTANCES_KEY, {
      launched: { [wb.sessions.session.profileName]: { 'eu-west-3': ids } },
      kept: {},
    });
    const before = proxy.seen.length;
    const first = await remind({ answer: 'keep' });
    assert.deepStrictEqual(
      proxy.seen
        .slice(before)
        .filter((r) => r.service === 'ec2')
        .map((r) => `${r.region} ${r.action}`),
      ['eu-west-3 DescribeInstances'],
      'one call per region that had lab instances',
    );
    assert.match(first?.message ?? '', /^1 lab instance has been running for /);
    assert.strictEqual(await remind(), undefined);
    await ec2('eu-west-3').send(new StopInstancesCommand({ InstanceIds: ids }));
    assert.strictEqual(await remind(), undefined, 'stopped: nothing to say');
  });
});
