import * as assert from 'assert';
import {
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateVolumeCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  Instance,
} from '@aws-sdk/client-ec2';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Workbench } from '../../src/workbench';
import { userDataTemplates } from '../../src/core/userData/templates';
import { ec2Error, AwsStandIn, publicParameters } from '../support/awsStandIn';
import { ec2, motoUrl, resetMoto } from '../support/moto';
import { tempDir } from '../support/files';
import { defaultSecurityGroup, defaultSubnet, runInstances, ubuntuImage } from '../support/seed';
import { answerPrompts } from './answer';
import { childLabels, itemOf, nodeAt, workbench } from './helpers';

const UBUNTU_24_AMD64 = '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id';

const cloudwatch = (region: string) =>
  new CloudWatchClient({ region, endpoint: motoUrl(), credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));

async function describe1(region: string, ids: string[]): Promise<Instance[]> {
  const out = await ec2(region).send(new DescribeInstancesCommand({ InstanceIds: ids }));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

describe('Launch and lifecycle', () => {
  let wb: Workbench;
  let subnet: { id: string; az: string; vpcId: string };
  let image: string;
  let sg: string;
  before(async () => {
    wb = await workbench();
    await resetMoto();
    await ec2('eu-west-3').send(new CreateKeyPairCommand({ KeyName: 'lab-key' }));
    subnet = await defaultSubnet('eu-west-3', 'eu-west-3b');
    image = await ubuntuImage('eu-west-3');
    sg = await defaultSecurityGroup('eu-west-3');
    await vscode.commands.executeCommand('ec2Workbench.refresh');
  });
  afterEach(async () => {
    // Close the untitled user-data tabs without the "Save changes?" dialog.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled')) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a user-data template in an untitled tab', async () => {
    const { uri } = await run<{ uri: vscode.Uri }>('newUserData', { template: 'nginx-instance-id' });
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(uri.scheme, 'untitled');
    assert.strictEqual(doc.languageId, 'shellscript');
    assert.strictEqual(doc.getText(), userDataTemplates().find((t) => t.id === 'nginx-instance-id')!.text);
    assert.match(doc.getText(), /X-aws-ec2-metadata-token/);
  });

  it('drives the wizard through its real prompts, with Back, and launches exactly what was chosen', async () => {
    const { uri } = await run<{ uri: vscode.Uri }>('newUserData', { template: 'node-pm2' });
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), '# édité dans VS Code\n'));
    const buffer = editor.document.getText();
    // AWS's public SSM parameters, which the emulator does not publish, from a stand-in in front of it.
    const proxy = await new AwsStandIn(motoUrl()).start();
    proxy.rules.push(publicParameters({ [UBUNTU_24_AMD64]: image }));
    await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    const imageLabels: string[] = [];
    let summaryRows: string[] = [];
    const answers = answerPrompts(wb, [
      { pick: (i) => i.label === 'eu-west-3' },
      { type: 'lab-web' },
      { pick: (i) => i.label === 't2.micro' },
      {
        pick: (i) => {
          imageLabels.push(i.label);
          return i.value === image;
        },
      },
      { back: true },
      { expectActive: (i) => i.value === image },
      { pick: (i) => i.value === image },
      { pick: (i) => i.value === 'lab-key' },
      { pick: (i) => i.value === subnet.id },
      { pick: (i) => i.value === sg },
      { type: '3' },
      { expectActive: (i) => i.value === 60 },
      { pick: (i) => i.value === 30 },
      { expectRows: (r) => (summaryRows = r) },
      { pick: (i) => i.value === 'go' },
    ]);
    try {
      const result = run<{ instanceIds: string[] }>('launchInstance', { userDataUri: uri.toString(), interactive: true });
      await answers.done;
      const { instanceIds } = await result;
      assert.strictEqual(instanceIds.length, 3);
      assert.deepStrictEqual(
        answers.seen.map((s) => s.split(' ')[0]),
        ['1/10', '2/10', '3/10', '4/10', '5/10', '4/10', '5/10', '6/10', '7/10', '8/10', '9/10', '10/10'],
      );
      assert.match(answers.seen[2], /Instance type \(offered in eu-west-3/);
      assert.match(answers.seen[3], /Image \(x86_64\), current release of each distribution/);
      assert.strictEqual(imageLabels[0], 'Ubuntu Server 24.04 LTS', "the lab's choice comes first");
      assert.match(answers.seen[10], /^9\/10 Launch Instance · Stop the instance when idle/);
      assert.strictEqual(answers.seen[11], '10/10 Launch Instance · Check the answers, then launch 3 × t2.micro in eu-west-3');
      const row = (label: string) => summaryRows.find((r) => r.startsWith(`${label}: `));
      assert.strictEqual(row('Names'), 'Names: lab-web-1, lab-web-2, lab-web-3 | ');
      assert.match(row('Image')!, new RegExp(`^Image: ${image} · by Canonical · [0-9-]+ \\| ubuntu/images/`));
      assert.strictEqual(row('Stop when idle'), 'Stop when idle: stops after 30 min below 5% CPU | ');
      const alarms = (await cloudwatch('eu-west-3').send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
      assert.deepStrictEqual(
        alarms.map((a) => [a.AlarmName, a.Period! * a.EvaluationPeriods!, a.Threshold, a.AlarmActions]).sort(),
        instanceIds.map((id) => [`ec2-workbench-idle-${id}`, 30 * 60, 5, ['arn:aws:automate:eu-west-3:ec2:stop']]).sort(),
      );
      const instances = await describe1('eu-west-3', instanceIds);
      for (const i of instances) {
        assert.strictEqual(i.ImageId, image);
        assert.strictEqual(i.InstanceType, 't2.micro');
        assert.strictEqual(i.KeyName, 'lab-key');
        assert.strictEqual(i.SubnetId, subnet.id);
        assert.deepStrictEqual(
          i.SecurityGroups?.map((g) => g.GroupId),
          [sg],
        );
        const tags = Object.fromEntries((i.Tags ?? []).map((t) => [t.Key, t.Value]));
        assert.match(tags.Name ?? '', /^lab-web-[123]$/, 'three instances get three names');
        assert.deepStrictEqual(
          { ...tags, Name: undefined },
          { Name: undefined, 'ec2-workbench': 'lab', 'ec2-workbench:auto-stop': '30/5' },
        );
        const attr = await ec2('eu-west-3').send(new DescribeInstanceAttributeCommand({ InstanceId: i.InstanceId, Attribute: 'userData' }));
        assert.strictEqual(Buffer.from(attr.UserData!.Value!, 'base64').toString('utf8'), buffer);
      }
    } finally {
      answers.dispose();
      await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  it('describes an AMI id typed in the wizard and shows its name and owner in the summary', async () => {
    let rows: string[] = [];
    const answers = answerPrompts(wb, [
      { pick: (i) => i.value === '$enter' },
      { type: image },
      { expectRows: (r) => (rows = r) },
      { escape: true },
    ]);
    try {
      await run('launchInstance', {
        region: 'eu-west-3',
        name: 'typed',
        instanceType: 't2.micro',
        keyName: 'lab-key',
        subnetId: subnet.id,
        securityGroupIds: [sg],
        count: 1,
        userData: '',
        autoStop: false,
        interactive: true,
      });
      await answers.done;
      assert.match(answers.seen[2], /Launch Instance · Check the answers, then launch 1 × t2\.micro in eu-west-3$/);
      assert.ok(
        rows.some((r) => new RegExp(`^Image: ${image} · by Canonical( · [0-9-]+)? \\| ubuntu/images/[^ ]+$`).test(r)),
        rows.join('\n'),
      );
    } finally {
      answers.dispose();
    }
  });

  it('refuses user-data over 16 KB before any call', async () => {
    const proxy = await new AwsStandIn(motoUrl()).start();
    await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    try {
      const args = {
        region: 'eu-west-3',
        name: 'big',
        imageId: image,
        instanceType: 't2.micro',
        keyName: 'lab-key',
        subnetId: subnet.id,
        userData: `#!/bin/sh\n${'x'.repeat(17 * 1024)}`,
      };
      await assert.rejects(run('launchInstance', args), {
        message: 'The user-data is 17.0 KB; EC2 accepts at most 16 KB. Move the bulk into a file the script downloads, then try again.',
      });
      assert.deepStrictEqual(
        proxy.seen.filter((r) => r.action === 'RunInstances'),
        [],
      );
      proxy.rules.push({
        match: (r) => r.action === 'RunInstances',
        fault: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
      });
      await assert.rejects(run('launchInstance', { ...args, userData: '#!/bin/sh\necho hi\n' }), {
        message:
          'The dry run says the profile "moto" may not launch instances in eu-west-3 (UnauthorizedOperation). Nothing was launched. Ask for the ec2:RunInstances permission.',
      });
    } finally {
      await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  it('stops, starts, reboots and terminates, and the tree follows', async () => {
    const { instanceIds } = await run<{ instanceIds: string[] }>('launchInstance', {
      region: 'eu-west-3',
      name: 'cycle',
      imageId: image,
      instanceType: 't3.micro',
      keyName: 'lab-key',
      subnetId: subnet.id,
      count: 2,
    });
    const state = async () => (await describe1('eu-west-3', instanceIds)).map((i) => i.State?.Name);
    await run('stopInstances', { region: 'eu-west-3', instanceIds, confirmed: true });
    assert.deepStrictEqual(await state(), ['stopped', 'stopped']);
    await wb.explorer.settled();
    assert.deepStrictEqual(
      (await wb.explorer.getChildren(await nodeAt(wb, 'eu-west-3', 'Instances')))
        .map((n) => itemOf(wb, n))
        .filter((i) => i.label === 'cycle-1' || i.label === 'cycle-2')
        .map((i) => i.description),
      ['stopped · stops idle 60 min', 'stopped · stops idle 60 min'],
      'an argument object without autoStop gets the default (60 minutes)',
    );
    await run('startInstances', { region: 'eu-west-3', instanceIds });
    assert.deepStrictEqual(await state(), ['running', 'running']);
    await run('rebootInstances', { region: 'eu-west-3', instanceIds });
    await run('terminateInstances', { region: 'eu-west-3', instanceIds, confirmed: true });
    assert.deepStrictEqual(await state(), ['terminated', 'terminated']);
    const alarmsLeft = ((await cloudwatch('eu-west-3').send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []).map((a) => a.AlarmName);
    assert.deepStrictEqual(
      alarmsLeft.filter((n) => instanceIds.some((id) => n?.endsWith(id))),
      [],
      'terminate deletes their stop-when-idle alarms',
    );
    await wb.explorer.settled();
    assert.ok((await childLabels(wb, 'eu-west-3', 'Instances')).includes('cycle-1'));
    await assert.rejects(run('terminateInstances', { region: 'eu-west-3', instanceIds: ['web-1'] }), {
      message: 'instanceIds must be a list of instance ids (i-…).',
    });
  });

  it('cleans up exactly the tagged resources and leaves the others', async () => {
    const untaggedKey = 'mine';
    await ec2('eu-west-3').send(new CreateKeyPairCommand({ KeyName: untaggedKey }));
    const untaggedVolume = (await ec2('eu-west-3').send(new CreateVolumeCommand({ AvailabilityZone: subnet.az, Size: 1 }))).VolumeId!;
    const untaggedGroup = (
      await ec2('eu-west-3').send(new CreateSecurityGroupCommand({ GroupName: 'mine', Description: 'mine', VpcId: subnet.vpcId }))
    ).GroupId!;
    const [untaggedInstance] = await runInstances('eu-west-3', { name: 'mine' });
    const { keyFile } = await run<{ keyFile: string }>('createKeyPair', { region: 'eu-west-3', name: 'lab-made', directory: tempDir() });
    const { volumeId } = await run<{ volumeId: string }>('createVolume', { region: 'eu-west-3', availabilityZone: subnet.az, sizeGiB: 2 });
    await run('createLoadBalancer', { region: 'eu-west-3', name: 'lab-made-elb', subnetIds: [subnet.id] });
    const { instanceIds } = await run<{ instanceIds: string[] }>('launchInstance', {
      region: 'eu-west-3',
      name: 'lab-made',
      imageId: image,
      instanceType: 't3.micro',
      keyName: 'lab-made',
      subnetId: subnet.id,
    });

    // An alarm of EC2 Workbench's whose instance is long gone: Clean Up finds it too.
    await cloudwatch('eu-west-3').send(
      new PutMetricAlarmCommand({
        AlarmName: 'ec2-workbench-idle-i-0123456789abcdef0',
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: 'i-0123456789abcdef0' }],
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 12,
        Threshold: 5,
        ComparisonOperator: 'LessThanThreshold',
        AlarmActions: ['arn:aws:automate:eu-west-3:ec2:stop'],
      }),
    );
    const report = await run<{ deleted: string[]; failed: Array<{ id: string; reason: string }> }>('cleanUp', {
      regions: ['eu-west-3', 'us-east-1'],
      confirmed: true,
    });
    assert.deepStrictEqual(report.failed, []);
    for (const id of ['lab-made-elb', ...instanceIds, volumeId, 'lab-made']) {
      assert.ok(report.deleted.includes(id), `${id} deleted (${report.deleted.join(', ')})`);
    }
    const left = await ec2('eu-west-3').send(new DescribeKeyPairsCommand({}));
    assert.deepStrictEqual(left.KeyPairs!.map((k) => k.KeyName).sort(), ['lab-key', untaggedKey]);
    assert.ok(fs.existsSync(keyFile), 'the local private key is never deleted by clean-up');
    const volumes = (await ec2('eu-west-3').send(new DescribeVolumesCommand({}))).Volumes!.map((v) => v.VolumeId);
    assert.ok(volumes.includes(untaggedVolume) && !volumes.includes(volumeId));
    const groups = (await ec2('eu-west-3').send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!.map((g) => g.GroupId);
    assert.ok(groups.includes(untaggedGroup));
    assert.deepStrictEqual(
      (await describe1('eu-west-3', [untaggedInstance])).map((i) => i.State?.Name),
      ['running'],
    );
    assert.deepStrictEqual(
      (await describe1('eu-west-3', instanceIds)).map((i) => i.State?.Name),
      ['terminated'],
    );
    assert.ok(report.deleted.includes('i-0123456789abcdef0'), 'the orphan alarm');
    assert.deepStrictEqual((await cloudwatch('eu-west-3').send(new DescribeAlarmsCommand({}))).MetricAlarms, [], 'no alarm left');
  });
});
