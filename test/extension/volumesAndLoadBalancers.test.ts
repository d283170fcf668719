import * as assert from 'assert';
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import * as vscode from 'vscode';
import { Workbench } from '../../src/workbench';
import { startFarm } from '../support/backends';
import { AwsStandIn } from '../support/awsStandIn';
import { ec2, elb, motoUrl, resetMoto } from '../support/moto';
import { defaultSubnet, runInstances } from '../support/seed';
import { childLabels, workbench } from './helpers';

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));

describe('Volumes, load balancers and the load test', () => {
  let wb: Workbench;
  let web: string[];
  let other: string;
  let subnetA: { id: string; az: string };
  before(async () => {
    wb = await workbench();
    await resetMoto();
    subnetA = await defaultSubnet('eu-west-3', 'eu-west-3a');
    const subnetB = await defaultSubnet('eu-west-3', 'eu-west-3b');
    web = await runInstances('eu-west-3', { name: 'web', count: 3, subnetId: subnetA.id });
    [other] = await runInstances('eu-west-3', { name: 'other-az', subnetId: subnetB.id });
    await vscode.commands.executeCommand('ec2Workbench.refresh');
  });

  it('creates, attaches, detaches and deletes a volume', async () => {
    const { volumeId } = await run<{ volumeId: string }>('createVolume', {
      region: 'eu-west-3',
      availabilityZone: subnetA.az,
      sizeGiB: 10,
      name: 'data',
    });
    const state = async () => (await ec2('eu-west-3').send(new DescribeVolumesCommand({ VolumeIds: [volumeId] }))).Volumes![0];
    assert.deepStrictEqual([(await state()).Size, (await state()).VolumeType, (await state()).State], [10, 'gp3', 'available']);
    const { device } = await run<{ device: string }>('attachVolume', { region: 'eu-west-3', volumeId, instanceId: web[0] });
    assert.strictEqual(device, '/dev/sdf');
    assert.deepStrictEqual(
      (await state()).Attachments?.map((a) => [a.InstanceId, a.Device]),
      [[web[0], '/dev/sdf']],
    );
    await run('detachVolume', { region: 'eu-west-3', volumeId, confirmed: true });
    assert.strictEqual((await state()).State, 'available');
    await run('deleteVolume', { region: 'eu-west-3', volumeId, confirmed: true });
    await assert.rejects(state(), /InvalidVolume\.NotFound/);
  });

  it('refuses invalid sizes, device names, other-AZ attachments and load balancer names before any call', async () => {
    const { volumeId } = await run<{ volumeId: string }>('createVolume', { region: 'eu-west-3', availabilityZone: subnetA.az, sizeGiB: 8 });
    const proxy = await new AwsStandIn(motoUrl()).start();
    await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    try {
      await assert.rejects(run('createVolume', { region: 'eu-west-3', availabilityZone: subnetA.az, sizeGiB: 20000 }), {
        message: 'A gp3 volume is 1 to 16384 GiB (whole numbers); 20000 does not fit.',
      });
      await assert.rejects(
        run('createVolume', { region: 'eu-west-3', availabilityZone: subnetA.az, sizeGiB: 2000, volumeType: 'standard' }),
        {
          message: 'A standard volume is 1 to 1024 GiB (whole numbers); 2000 does not fit.',
        },
      );
      await assert.rejects(run('attachVolume', { region: 'eu-west-3', volumeId, instanceId: web[1], device: '/dev/sda1' }), {
        message: 'Use a device name from /dev/sdf to /dev/sdp (got "/dev/sda1").',
      });
      await assert.rejects(
        run('attachVolume', { region: 'eu-west-3', volumeId, instanceId: other }),
        /a volume attaches only to an instance of its own availability zone/,
      );
      for (const [name, message] of [
        ['-lab', 'A load balancer name cannot start or end with a hyphen.'],
        ['x'.repeat(33), `A load balancer name is 1 to 32 letters, digits and hyphens ("${'x'.repeat(33)}" is not).`],
        ['lab_elb', 'A load balancer name is 1 to 32 letters, digits and hyphens ("lab_elb" is not).'],
      ]) {
        await assert.rejects(run('createLoadBalancer', { region: 'eu-west-3', name, subnetIds: [subnetA.id] }), { message });
      }
      const writes = proxy.seen.filter((r) => /^(Create|Attach|Delete)/.test(r.action ?? ''));
      assert.deepStrictEqual(writes, []);
    } finally {
      await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  it('creates a load balancer, registers and deregisters instances, and deletes it', async () => {
    const { dnsName } = await run<{ dnsName: string }>('createLoadBalancer', {
      region: 'eu-west-3',
      name: 'lab-elb',
      subnetIds: [subnetA.id],
    });
    assert.match(dnsName, /^lab-elb/);
    await run('registerInstances', { region: 'eu-west-3', loadBalancerName: 'lab-elb', instanceIds: web });
    const registered = async () =>
      (
        (await elb('eu-west-3').send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['lab-elb'] }))).LoadBalancerDescriptions![0]
          .Instances ?? []
      )
        .map((i) => i.InstanceId)
        .sort();
    assert.deepStrictEqual(await registered(), [...web].sort());
    await run('deregisterInstances', { region: 'eu-west-3', loadBalancerName: 'lab-elb', instanceIds: [web[2]] });
    assert.deepStrictEqual(await registered(), [web[0], web[1]].sort());
    await wb.explorer.settled();
    assert.deepStrictEqual(await childLabels(wb, 'eu-west-3', 'Load balancers'), ['lab-elb']);
    await run('deleteLoadBalancer', { region: 'eu-west-3', loadBalancerName: 'lab-elb', confirmed: true });
    await assert.rejects(
      elb('eu-west-3').send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['lab-elb'] })),
      /AccessPointNotFound|LoadBalancerNotFound/,
    );
  });

  it('runs the load test against three loopback backends and opens the results', async () => {
    const farm = await startFarm();
    try {
      const result = await run<{
        sent: number;
        ok: number;
        statusCodes: Record<string, number>;
        byBackend: Record<string, number>;
        latencyMs: { p50: number };
      }>('loadTest', {
        url: farm.url,
        requests: 120,
        concurrency: 6,
      });
      assert.strictEqual(result.sent, 120);
      assert.deepStrictEqual(result.statusCodes, { 200: 120 });
      assert.deepStrictEqual(result.byBackend, Object.fromEntries(farm.backends.map((b) => [b.instanceId, b.served])));
      await assert.rejects(run('loadTest', { url: farm.url, requests: 100000 }), {
        message: 'The number of requests is 1 to 10000 (got 100000).',
      });
    } finally {
      await farm.close();
    }
  });
});
