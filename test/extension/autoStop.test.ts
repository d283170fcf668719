import * as assert from 'assert';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import { type InstanceNode } from '../../src/explorer/instanceNode';
import { Workbench } from '../../src/workbench';
import { AwsStandIn } from '../support/awsStandIn';
import { ec2, motoUrl, resetMoto } from '../support/moto';
import { defaultSubnet, runInstances, ubuntuImage } from '../support/seed';
import { answerPrompts } from './answer';
import { itemOf, nodeAt, refreshAll, workbench } from './helpers';

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
const cloudwatch = () =>
  new CloudWatchClient({ region: 'eu-west-3', endpoint: motoUrl(), credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
const alarms = async () => (await cloudwatch().send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];

describe('Stop when idle', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let id: string;
  before(async () => {
    wb = await workbench();
    await resetMoto();
    [id] = await runInstances('eu-west-3', { name: 'idle-web' });
    await refreshAll(wb);
  });

  it('setAutoStop makes the alarm, the tree shows it and its state on hover, then changes and turns it off', async () => {
    const made = await run<{ alarmName?: string }>('setAutoStop', { region: 'eu-west-3', instanceId: id, idleMinutes: 90, cpuPercent: 3 });
    assert.deepStrictEqual(made, { alarmName: `ec2-workbench-idle-${id}` });
    const [alarm] = await alarms();
    assert.strictEqual(alarm.Period! * alarm.EvaluationPeriods!, 90 * 60);
    assert.strictEqual(alarm.Threshold, 3);
    assert.deepStrictEqual(alarm.Dimensions, [{ Name: 'InstanceId', Value: id }]);
    assert.deepStrictEqual(alarm.AlarmActions, ['arn:aws:automate:eu-west-3:ec2:stop']);

    await refreshAll(wb);
    const node = (await nodeAt(wb, 'eu-west-3', 'Instances', 'idle-web')) as InstanceNode;
    const item = itemOf(wb, node);
    assert.match(String(item.description), / · stops idle 90 min$/);
    await node.completeTooltip(item.tooltip);
    const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ');
    // moto leaves a new alarm in OK (AWS starts it in INSUFFICIENT_DATA): either is a known state.
    assert.match(tooltip, /Stops when idle:\*\* after 90 min below 3% CPU · (OK: not idle|waiting for data)/);

    await run('setAutoStop', { region: 'eu-west-3', instanceId: id, idleMinutes: 30 });
    assert.strictEqual((await alarms())[0].EvaluationPeriods, 6);

    assert.deepStrictEqual(await run('setAutoStop', { region: 'eu-west-3', instanceId: id, off: true }), {});
    assert.deepStrictEqual(await alarms(), []);
    await refreshAll(wb);
    const after = itemOf(wb, await nodeAt(wb, 'eu-west-3', 'Instances', 'idle-web'));
    assert.doesNotMatch(String(after.description), /stops idle/);
  });

  it('from the menu: the current setting is preselected and "Turn off" removes it', async () => {
    await run('setAutoStop', { region: 'eu-west-3', instanceId: id, idleMinutes: 120 });
    await refreshAll(wb);
    const node = await nodeAt(wb, 'eu-west-3', 'Instances', 'idle-web');
    const answers = answerPrompts(wb, [{ expectActive: (i) => i.value === 120 }, { pick: (i) => i.value === '$off' }]);
    try {
      await run('setAutoStop', node);
      await answers.done;
    } finally {
      answers.dispose();
    }
    assert.match(answers.seen[0], /^1\/1 Stop When Idle: idle-web · Stop the instance when idle/);
    assert.deepStrictEqual(await alarms(), []);
  });

  it('refuses bad settings before any call, with one sentence', async () => {
    await assert.rejects(run('setAutoStop', { region: 'eu-west-3', instanceId: id, idleMinutes: 7 }), {
      message: 'The idle time must be a multiple of 5 minutes from 5 to 1440 (CPU is measured every 5 minutes); got 7.',
    });
    await assert.rejects(run('setAutoStop', { region: 'eu-west-3', instanceId: id, idleMinutes: 60, cpuPercent: 100 }), {
      message: 'The CPU threshold must be a percentage above 0 and below 100; got 100.',
    });
    await assert.rejects(run('setAutoStop', { region: 'eu-west-3', instanceId: id, idleMinutes: 60, off: true }), {
      message: 'Give either "off" or "idleMinutes", not both.',
    });
    await assert.rejects(run('launchInstance', { region: 'eu-west-3', autoStop: { idleMinutes: 2000 } }), {
      message: 'The idle time must be a multiple of 5 minutes from 5 to 1440 (CPU is measured every 5 minutes); got 2000.',
    });
    assert.deepStrictEqual(await alarms(), []);
  });

  it('a denied cloudwatch:PutMetricAlarm does not undo the launch: one sentence says so and names the permission', async () => {
    const proxy = await new AwsStandIn(motoUrl()).start();
    proxy.rules.push({
      match: (r) => r.action === 'PutMetricAlarm',
      fault: {
        kind: 'error',
        status: 400,
        contentType: 'application/x-amz-json-1.0',
        body: JSON.stringify({
          __type: 'com.amazonaws.cloudwatch#AccessDenied',
          message: 'User: arn:aws:iam::123456789012:user/student is not authorized to perform: cloudwatch:PutMetricAlarm',
        }),
      },
    });
    const warnings: string[] = [];
    const original = wb.log.warn.bind(wb.log);
    wb.log.warn = (message: string, ...rest: unknown[]) => {
      warnings.push(String(message));
      original(message, ...rest);
    };
    try {
      await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
      const subnet = await defaultSubnet('eu-west-3', 'eu-west-3a');
      const { instanceIds } = await run<{ instanceIds: string[] }>('launchInstance', {
        region: 'eu-west-3',
        name: 'denied-alarm',
        imageId: await ubuntuImage('eu-west-3'),
        instanceType: 't2.micro',
        keyName: '',
        subnetId: subnet.id,
        autoStop: { idleMinutes: 60 },
      });
      assert.strictEqual(instanceIds.length, 1);
      const out = await ec2('eu-west-3').send(new DescribeInstancesCommand({ InstanceIds: instanceIds }));
      assert.notStrictEqual(out.Reservations?.[0].Instances?.[0].State?.Name, 'terminated', 'the launch stands');
      assert.ok(
        warnings.includes(
          `${instanceIds[0]} runs without auto-stop: the profile "moto" may not create CloudWatch alarms in eu-west-3. Ask for the cloudwatch:PutMetricAlarm permission.`,
        ),
        warnings.join('\n'),
      );
      assert.deepStrictEqual(await alarms(), []);
    } finally {
      wb.log.warn = original;
      await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });
});
