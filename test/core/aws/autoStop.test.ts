import * as assert from 'assert';
import { CloudWatchClient, DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { execFileSync } from 'child_process';
import * as fc from 'fast-check';
import * as path from 'path';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import {
  autoStopFromTag,
  autoStopProblem,
  listAutoStops,
  putAlarmCli,
  putAutoStop,
  removeAutoStop,
} from '../../../src/core/aws/cloudwatch/autoStop';
import { type SdkCall } from '../../../src/core/aws/session/cliTranscript';
import { AwsStandIn } from '../../support/awsStandIn';
import { ec2, motoUrl, resetMoto } from '../../support/moto';
import { runInstances } from '../../support/seed';

const AWS_CLI = path.resolve(__dirname, '..', '..', '..', '..', '.venv', 'bin', 'aws');
// One client of each for the whole file, destroyed at the end: every client keeps its sockets to the
// emulator open, and the core tests that follow run against the same emulator.
const clients = new Map<string, CloudWatchClient | ReturnType<typeof ec2>>();
const cloudwatch = (region: string) => {
  if (!clients.has(`cw ${region}`)) {
    clients.set(
      `cw ${region}`,
      new CloudWatchClient({ region, endpoint: motoUrl(), credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }),
    );
  }
  return clients.get(`cw ${region}`) as CloudWatchClient;
};
const ec2Of = (region: string) => {
  if (!clients.has(`ec2 ${region}`)) clients.set(`ec2 ${region}`, ec2(region));
  return clients.get(`ec2 ${region}`) as ReturnType<typeof ec2>;
};

async function alarmsOf(region: string) {
  return (await cloudwatch(region).send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
}

async function instanceTags(region: string, id: string): Promise<Record<string, string>> {
  const out = await ec2Of(region).send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return Object.fromEntries((out.Reservations![0].Instances![0].Tags ?? []).map((t) => [t.Key!, t.Value!]));
}

describe('Stop when idle (CloudWatch alarm)', () => {
  let session: AwsSession;
  let calls: SdkCall[];
  beforeEach(async () => {
    await resetMoto();
    calls = [];
    session = new AwsSession({ profile: 'moto', onCall: (c) => calls.push(c) });
  });
  afterEach(() => session.dispose());
  after(() => {
    for (const client of clients.values()) client.destroy();
    clients.clear();
  });

  it('refuses idle times that are not a multiple of 5 from 5 to 1440, and CPU outside (0, 100), before any call', async () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 3000 }), (m) => {
        const ok = m >= 5 && m <= 1440 && m % 5 === 0;
        assert.strictEqual(autoStopProblem({ idleMinutes: m }) === undefined, ok, String(m));
      }),
      { seed: 31, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -50, max: 150, noNaN: true }), (c) => {
        assert.strictEqual(autoStopProblem({ idleMinutes: 60, cpuPercent: c }) === undefined, c > 0 && c < 100, String(c));
      }),
      { seed: 31 },
    );
    for (const bad of [7.5, NaN, '60', undefined, Infinity]) {
      assert.ok(autoStopProblem({ idleMinutes: bad }), String(bad));
    }
    await assert.rejects(putAutoStop(session, 'eu-west-3', 'i-0123456789abcdef0', { idleMinutes: 61 }), /multiple of 5 minutes/);
    assert.deepStrictEqual(calls, [], 'no AWS call for refused settings');
  });

  it('makes exactly the alarm AWS needs: CPUUtilization of that InstanceId, period × periods = idle time, the EC2 stop action, name and tags', async () => {
    const [id] = await runInstances('eu-west-3', { name: 'web-1' });
    const name = await putAutoStop(session, 'eu-west-3', id, { idleMinutes: 60 });
    assert.strictEqual(name, `ec2-workbench-idle-${id}`);
    const [alarm, ...others] = await alarmsOf('eu-west-3');
    assert.strictEqual(others.length, 0);
    assert.strictEqual(alarm.AlarmName, name);
    assert.strictEqual(alarm.Namespace, 'AWS/EC2');
    assert.strictEqual(alarm.MetricName, 'CPUUtilization');
    assert.deepStrictEqual(alarm.Dimensions, [{ Name: 'InstanceId', Value: id }]);
    assert.strictEqual(alarm.Statistic, 'Average');
    assert.strictEqual(alarm.Period, 300);
    assert.strictEqual(alarm.EvaluationPeriods, 12);
    assert.strictEqual(alarm.Period! * alarm.EvaluationPeriods!, 60 * 60);
    assert.strictEqual(alarm.Threshold, 5);
    assert.strictEqual(alarm.ComparisonOperator, 'LessThanThreshold');
    assert.strictEqual(alarm.TreatMissingData, 'notBreaching');
    assert.strictEqual(alarm.ActionsEnabled, true);
    assert.deepStrictEqual(alarm.AlarmActions, ['arn:aws:automate:eu-west-3:ec2:stop']);
    const tags = await cloudwatch('eu-west-3').send(new ListTagsForResourceCommand({ ResourceARN: alarm.AlarmArn }));
    assert.deepStrictEqual(
      tags.Tags?.map((t) => `${t.Key}=${t.Value}`).sort(),
      ['ec2-workbench:instance=' + id, 'ec2-workbench=lab'].sort(),
    );
    assert.deepStrictEqual(autoStopFromTag(await instanceTags('eu-west-3', id)), { idleMinutes: 60, cpuPercent: 5 });
    const [listed] = await listAutoStops(session, 'eu-west-3');
    assert.deepStrictEqual(
      { ...listed, state: undefined },
      { alarmName: name, instanceId: id, idleMinutes: 60, cpuPercent: 5, state: undefined },
    );
    assert.ok(['waiting', 'ok'].includes(listed.state));
  });

  it('changes the alarm in place, then removes it and the instance tag', async () => {
    const [id, other] = await runInstances('eu-west-3', { count: 2 });
    await putAutoStop(session, 'eu-west-3', id, { idleMinutes: 60 });
    await putAutoStop(session, 'eu-west-3', other, { idleMinutes: 30 });
    await putAutoStop(session, 'eu-west-3', id, { idleMinutes: 1440, cpuPercent: 12.5 });
    const alarm = (await alarmsOf('eu-west-3')).find((a) => a.AlarmName === `ec2-workbench-idle-${id}`)!;
    assert.strictEqual(alarm.EvaluationPeriods, 288);
    assert.strictEqual(alarm.Period! * alarm.EvaluationPeriods!, 86400);
    assert.strictEqual(alarm.Threshold, 12.5);
    assert.strictEqual((await alarmsOf('eu-west-3')).length, 2);
    assert.deepStrictEqual(autoStopFromTag(await instanceTags('eu-west-3', id)), { idleMinutes: 1440, cpuPercent: 12.5 });

    assert.deepStrictEqual(await removeAutoStop(session, 'eu-west-3', [id]), [`ec2-workbench-idle-${id}`]);
    assert.deepStrictEqual(
      (await alarmsOf('eu-west-3')).map((a) => a.AlarmName),
      [`ec2-workbench-idle-${other}`],
    );
    assert.strictEqual(autoStopFromTag(await instanceTags('eu-west-3', id)), undefined);
    assert.deepStrictEqual(await removeAutoStop(session, 'eu-west-3', [id]), [], 'nothing left to remove');
  });

  it('a denied PutMetricAlarm is one sentence naming the permission, and nothing is left behind', async () => {
    const proxy = await new AwsStandIn(motoUrl()).start();
    // The JSON 1.0 error body of a CloudWatch denial (awsQueryCompatible: the code also comes in x-amzn-query-error).
    proxy.rules.push({
      match: (r) => r.action === 'PutMetricAlarm',
      fault: {
        kind: 'error',
        status: 400,
        contentType: 'application/x-amz-json-1.0',
        body: JSON.stringify({
          __type: 'com.amazonaws.cloudwatch#AccessDenied',
          message:
            'User: arn:aws:iam::123456789012:user/student is not authorized to perform: cloudwatch:PutMetricAlarm on resource: arn:aws:cloudwatch:eu-west-3:123456789012:alarm:x because no identity-based policy allows the cloudwatch:PutMetricAlarm action',
        }),
      },
    });
    const denied = new AwsSession({ profile: 'moto', endpointUrl: proxy.url, maxAttempts: 1 });
    try {
      const [id] = await runInstances('eu-west-3', {});
      await assert.rejects(
        putAutoStop(denied, 'eu-west-3', id, { idleMinutes: 60 }),
        (e: Error) =>
          e.name === 'UserError' &&
          e.message ===
            `${id} runs without auto-stop: the profile "moto" may not create CloudWatch alarms in eu-west-3. Ask for the cloudwatch:PutMetricAlarm permission.`,
      );
      assert.deepStrictEqual(await alarmsOf('eu-west-3'), []);
      assert.strictEqual(autoStopFromTag(await instanceTags('eu-west-3', id)), undefined);
    } finally {
      denied.dispose();
      await proxy.close();
    }
  });

  it('the CLI line, from the same builder, makes the same alarm with the real AWS CLI', async () => {
    const [id] = await runInstances('eu-west-3', {});
    const line = putAlarmCli('eu-west-3', id, { idleMinutes: 45, cpuPercent: 3 }, 'moto');
    assert.match(line, /^aws cloudwatch put-metric-alarm --alarm-name ec2-workbench-idle-i-[0-9a-f]+ /);
    execFileSync('sh', ['-c', line.replace(/^aws /, `${AWS_CLI} `)], {
      encoding: 'utf8',
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
    });
    const [viaCli] = await alarmsOf('eu-west-3');
    await resetMoto();
    const [again] = await runInstances('eu-west-3', {});
    await putAutoStop(session, 'eu-west-3', again, { idleMinutes: 45, cpuPercent: 3 });
    const [viaSdk] = await alarmsOf('eu-west-3');
    const shape = (a: typeof viaSdk, instanceId: string) => ({
      ...a,
      AlarmName: a.AlarmName?.replace(instanceId, 'X'),
      AlarmArn: a.AlarmArn?.replace(instanceId, 'X'),
      AlarmDescription: a.AlarmDescription?.replace(instanceId, 'X'),
      Dimensions: JSON.stringify(a.Dimensions).replace(instanceId, 'X'),
      AlarmConfigurationUpdatedTimestamp: undefined,
      StateUpdatedTimestamp: undefined,
    });
    assert.deepStrictEqual(shape(viaCli, id), shape(viaSdk, again));
  });
});
