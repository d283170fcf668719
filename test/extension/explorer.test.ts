import * as assert from 'assert';
import { CreateKeyPairCommand, CreateVolumeCommand, StopInstancesCommand, AttachVolumeCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, RegisterInstancesWithLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import * as vscode from 'vscode';
import { Workbench } from '../../src/workbench';
import { ec2Error, AwsStandIn, queryError } from '../support/awsStandIn';
import { ec2, elb, motoUrl, resetMoto } from '../support/moto';
import { defaultSubnet, runInstances } from '../support/seed';
import { ExplorerNode } from '../../src/explorer/explorerNode';
import { startFastEc2Server } from '../support/fastEc2Server';
import { childLabels, itemOf, nodeAt, refreshAll, rootNodes, workbench } from './helpers';

describe('Explorer', () => {
  let wb: Workbench;
  let web: string[];
  let db: string;
  let volumeId: string;

  before(async () => {
    wb = await workbench();
    await resetMoto();
    const subnet = await defaultSubnet('eu-west-3');
    await ec2('eu-west-3').send(new CreateKeyPairCommand({ KeyName: 'lab-key' }));
    web = [
      ...(await runInstances('eu-west-3', { name: 'web-1', keyName: 'lab-key', subnetId: subnet.id })),
      ...(await runInstances('eu-west-3', { name: 'web-2', keyName: 'lab-key', subnetId: subnet.id })),
    ];
    [db] = await runInstances('eu-west-3', { name: 'database', subnetId: subnet.id });
    await runInstances('us-east-1', { name: 'dev-box' });
    volumeId = (await ec2('eu-west-3').send(new CreateVolumeCommand({ AvailabilityZone: subnet.az, Size: 8, VolumeType: 'gp3' })))
      .VolumeId!;
    await ec2('eu-west-3').send(new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: web[0], Device: '/dev/sdf' }));
    await elb('eu-west-3').send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'lab-elb',
        Subnets: [subnet.id],
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      }),
    );
    await elb('eu-west-3').send(
      new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'lab-elb', Instances: web.map((InstanceId) => ({ InstanceId })) }),
    );
    await refreshAll(wb);
  });

  it('shows each region with its count of running instances', async () => {
    assert.strictEqual(itemOf(wb, await nodeAt(wb, 'eu-west-3')).description, '3 running');
    assert.strictEqual(itemOf(wb, await nodeAt(wb, 'us-east-1')).description, '1 running');
    assert.strictEqual(itemOf(wb, await nodeAt(wb, 'ap-south-1')).description, 'no instances');
  });

  it('groups resources by kind under their region', async () => {
    assert.deepStrictEqual(await childLabels(wb, 'eu-west-3'), [
      'Instances',
      'Key pairs',
      'Volumes',
      'Load balancers',
      'VPCs and subnets',
      'Security groups',
    ]);
    assert.deepStrictEqual(await childLabels(wb, 'eu-west-3', 'Instances'), ['database', 'web-1', 'web-2']);
    assert.deepStrictEqual(await childLabels(wb, 'us-east-1', 'Instances'), ['dev-box']);
    assert.deepStrictEqual(await childLabels(wb, 'eu-west-3', 'Key pairs'), ['lab-key']);
    assert.deepStrictEqual(await childLabels(wb, 'us-east-1', 'Key pairs'), ['No key pairs']);
    assert.deepStrictEqual(await childLabels(wb, 'eu-west-3', 'Load balancers'), ['lab-elb']);
    const web1Node = await nodeAt(wb, 'eu-west-3', 'Instances', 'web-1');
    await web1Node.prepareTooltip?.(); // The full record (key pair...) comes from the listing worker on hover.
    const web1 = itemOf(wb, web1Node);
    assert.match(String(web1.description), /^running · \d+\.\d+\.\d+\.\d+$/);
    assert.match(String(web1.contextValue), /^instance\.running\.public$/);
    // Spaces stay breakable in tooltips (issue #27); Markdown tokens are escaped.
    assert.match((web1.tooltip as vscode.MarkdownString).value, /Key pair:\*\* lab\\-key/);
    const attached = await childLabels(wb, 'eu-west-3', 'Instances', 'web-1');
    assert.strictEqual(attached.length, 2); // The root volume and the one attached above.
    assert.ok(attached.includes(volumeId));
    const volume = itemOf(wb, await nodeAt(wb, 'eu-west-3', 'Volumes', volumeId));
    assert.strictEqual(volume.description, `8 GiB · gp3 · in-use · → ${web[0]} /dev/sdf`);
  });

  it('shows registered instances with their health under a load balancer', async () => {
    const lb = await nodeAt(wb, 'eu-west-3', 'Load balancers', 'lab-elb');
    const rows = (await wb.explorer.getChildren(lb)).map((n) => itemOf(wb, n));
    assert.deepStrictEqual(rows.map((r) => r.label).sort(), [`web-1 (${web[0]})`, `web-2 (${web[1]})`]);
    assert.ok(rows.every((r) => /^(InService|OutOfService)/.test(String(r.description))));
  });

  it('shows VPCs with their subnets (CIDR, AZ, default-for-AZ, free addresses)', async () => {
    const vpcs = await wb.explorer.getChildren(await nodeAt(wb, 'eu-west-3', 'VPCs and subnets'));
    assert.strictEqual(vpcs.length, 1);
    assert.match(String(itemOf(wb, vpcs[0]).description), /^172\.31\.0\.0\/16 · default$/);
    const subnets = (await wb.explorer.getChildren(vpcs[0])).map((n) => String(itemOf(wb, n).description));
    assert.strictEqual(subnets.length, 3);
    assert.ok(
      subnets.every((d) => /^172\.31\.\d+\.0\/20 · eu-west-3[abc] · default for AZ · \d+ free$/.test(d)),
      subnets.join('\n'),
    );
  });

  it('gives every item of the whole tree a screen-reader label that starts with what it shows', async () => {
    const seen: string[] = [];
    const walk = async (parent: ExplorerNode | undefined, depth: number): Promise<void> => {
      for (const node of await wb.explorer.getChildren(parent)) {
        const item = itemOf(wb, node);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        const spoken = item.accessibilityInformation?.label ?? '';
        assert.ok(label && spoken.startsWith(label), `"${label}" is read as "${spoken}"`);
        if (item.description) {
          assert.ok(spoken.includes(String(item.description)), `"${label}" is read without its description "${String(item.description)}"`);
        }
        seen.push(spoken);
        // Every root item is checked; the seeded region and IAM are walked to the leaves.
        const deep = depth > 0 || label === 'eu-west-3' || label === 'IAM (global)';
        if (deep && depth < 5 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
          await walk(node, depth + 1);
        }
      }
    };
    await walk(undefined, 0);
    // Regions, groups, instances, key pairs, volumes, load balancer rows, VPCs, subnets, groups, IAM.
    assert.ok(seen.length > 30, `only ${seen.length} items walked`);
    assert.ok(
      seen.some((s) => s.startsWith('web-1, running')),
      seen.join('\n'),
    );
  });

  it('shows a stopped instance as stopped after refresh', async () => {
    await ec2('eu-west-3').send(new StopInstancesCommand({ InstanceIds: [db] }));
    await vscode.commands.executeCommand('ec2Workbench.refresh', { region: 'eu-west-3' });
    await wb.explorer.settled();
    const item = itemOf(wb, await nodeAt(wb, 'eu-west-3', 'Instances', 'database'));
    assert.strictEqual(item.description, 'stopped');
    assert.strictEqual(item.contextValue, 'instance.stopped');
    assert.strictEqual(itemOf(wb, await nodeAt(wb, 'eu-west-3')).description, '2 running');
  });

  it('filters instances and shows the filter in the view description', async () => {
    await vscode.commands.executeCommand('ec2Workbench.filterInstances', { filter: 'web' });
    try {
      assert.deepStrictEqual(await childLabels(wb, 'eu-west-3', 'Instances'), ['web-1', 'web-2']);
      assert.strictEqual(wb.treeView.description, 'Filter: web');
      await vscode.commands.executeCommand('ec2Workbench.filterInstances', { filter: 'state:stopped' });
      assert.deepStrictEqual(await childLabels(wb, 'eu-west-3', 'Instances'), ['database']);
    } finally {
      await vscode.commands.executeCommand('ec2Workbench.clearFilter');
    }
    assert.strictEqual(wb.treeView.description, undefined);
    assert.deepStrictEqual(await childLabels(wb, 'eu-west-3', 'Instances'), ['web-1', 'web-2', 'database']);
  });

  it('opens the describe record of a resource as read-only JSON', async () => {
    const node = await nodeAt(wb, 'eu-west-3', 'Instances', 'web-2');
    const { uri } = (await vscode.commands.executeCommand('ec2Workbench.showDetails', node)) as { uri: vscode.Uri };
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.languageId, 'json');
    assert.strictEqual(JSON.parse(doc.getText()).InstanceId, web[1]);
    const lb = (await vscode.commands.executeCommand('ec2Workbench.showDetails', { region: 'eu-west-3', resourceId: 'lab-elb' })) as {
      uri: vscode.Uri;
    };
    assert.strictEqual(JSON.parse((await vscode.workspace.openTextDocument(lb.uri)).getText()).LoadBalancerName, 'lab-elb');
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('ec2Workbench.showDetails', { region: 'eu-west-3', resourceId: 'i-0123456789abcdef0' }),
      ),
      /./,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('copies ids and addresses from a node', async () => {
    const node = await nodeAt(wb, 'eu-west-3', 'Instances', 'web-1');
    await vscode.commands.executeCommand('ec2Workbench.copyId', node);
    assert.strictEqual(await vscode.env.clipboard.readText(), web[0]);
    await vscode.commands.executeCommand('ec2Workbench.copyArn', node);
    assert.match(await vscode.env.clipboard.readText(), new RegExp(`^arn:aws:ec2:eu-west-3:\\d{12}:instance/${web[0]}$`));
  });

  it('shows access denied in one region as an error node there, while other regions list their instances', async () => {
    const proxy = await new AwsStandIn(motoUrl()).start();
    proxy.rules.push({
      match: (r) => r.region === 'us-east-1' && r.action === 'DescribeInstances',
      fault: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    });
    const config = vscode.workspace.getConfiguration('ec2Workbench');
    await config.update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    try {
      await wb.explorer.getChildren();
      await wb.explorer.settled();
      const region = await nodeAt(wb, 'us-east-1');
      assert.strictEqual(itemOf(wb, region).description, 'error');
      const [error] = await wb.explorer.getChildren(region);
      const item = itemOf(wb, error);
      assert.strictEqual(
        item.label,
        'Access denied in us-east-1: the profile "moto" is not allowed to do this. Ask your administrator for the permission, or use another profile.',
      );
      assert.deepStrictEqual(item.command?.arguments, [{ region: 'us-east-1' }]);
      assert.deepStrictEqual(await childLabels(wb, 'eu-west-3', 'Instances'), ['web-1', 'web-2', 'database']);
      // Retry after the cause is gone.
      proxy.rules.length = 0;
      await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
      await wb.explorer.settled();
      assert.deepStrictEqual(await childLabels(wb, 'us-east-1', 'Instances'), ['dev-box']);
    } finally {
      await config.update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  it('fails the same way in every expandable node (load balancer health, VPC subnets, IAM): the reason, Retry, and recovery', async () => {
    const proxy = await new AwsStandIn(motoUrl()).start();
    proxy.rules.push(
      {
        match: (r) => r.action === 'DescribeInstanceHealth',
        fault: queryError('AccessDenied', 'User is not authorized to perform: elasticloadbalancing:DescribeInstanceHealth', 403),
      },
      {
        match: (r) => r.action === 'DescribeSubnets',
        fault: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
      },
      {
        match: (r) => r.action === 'ListUsers',
        fault: queryError('AccessDenied', 'User is not authorized to perform: iam:ListUsers', 403),
      },
    );
    const config = vscode.workspace.getConfiguration('ec2Workbench');
    await config.update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    const denied =
      'Access denied in eu-west-3: the profile "moto" is not allowed to do this. Ask your administrator for the permission, or use another profile.';
    try {
      await wb.explorer.getChildren();
      await wb.explorer.settled();
      const errorOf = async (node: ExplorerNode) => {
        const children = await wb.explorer.getChildren(node);
        assert.strictEqual(children.length, 1);
        return itemOf(wb, children[0]);
      };
      const health = await errorOf(await nodeAt(wb, 'eu-west-3', 'Load balancers', 'lab-elb'));
      assert.deepStrictEqual(
        [health.label, health.contextValue, health.command?.command, health.command?.arguments],
        [denied, 'error', 'ec2Workbench.refresh', [{ region: 'eu-west-3' }]],
      );
      const [vpc] = await wb.explorer.getChildren(await nodeAt(wb, 'eu-west-3', 'VPCs and subnets'));
      const subnets = await errorOf(vpc);
      assert.deepStrictEqual([subnets.label, subnets.contextValue], [denied, 'error']);
      const iamError = await errorOf(await nodeAt(wb, 'IAM (global)'));
      assert.deepStrictEqual(
        [iamError.label, iamError.contextValue, iamError.command?.arguments],
        [
          'Access denied: the profile "moto" is not allowed to do this. Ask your administrator for the permission, or use another profile.',
          'error',
          [],
        ],
      );
      proxy.rules.length = 0;
      await vscode.commands.executeCommand(health.command!.command, ...(health.command!.arguments ?? []));
      await wb.explorer.settled();
      assert.strictEqual((await childLabels(wb, 'eu-west-3', 'Load balancers', 'lab-elb')).length, 2);
    } finally {
      await config.update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });
});

describe('Explorer polling', () => {
  it('polls a region while an instance is in transition, only while the view is visible, then stops', async function () {
    this.timeout(60_000);
    const wb = await workbench();
    await resetMoto();
    await runInstances('eu-west-1', { name: 'booting' });
    const proxy = await new AwsStandIn(motoUrl()).start();
    // The emulator starts instances at once: the proxy shows the first two answers as "pending".
    proxy.rules.push({
      match: (r) => r.region === 'eu-west-1' && r.action === 'DescribeInstances',
      fault: {
        kind: 'rewrite',
        rewrite: (body) => body.replace(/<code>16<\/code>\s*<name>running<\/name>/, '<code>0</code><name>pending</name>'),
      },
      times: 2,
    });
    const config = vscode.workspace.getConfiguration('ec2Workbench');
    await config.update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    const calls = () => proxy.seen.filter((r) => r.region === 'eu-west-1' && r.action === 'DescribeInstances').length;
    try {
      await wb.explorer.getChildren();
      await wb.explorer.settled();
      assert.match(String(itemOf(wb, await nodeAt(wb, 'eu-west-1', 'Instances', 'booting')).description), /^pending/);
      // Hidden view: the poll that falls due waits.
      await new Promise((r) => setTimeout(r, 2600));
      assert.strictEqual(calls(), 1, 'no call while the view is hidden');
      await vscode.commands.executeCommand('ec2Workbench.explorer.focus');
      for (let i = 0; i < 100 && calls() < 3; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      // Pending once more (second answer), then after 4 s of back-off, running.
      for (let i = 0; i < 100 && calls() < 3; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await wb.explorer.settled();
      assert.strictEqual(calls(), 3);
      assert.match(String(itemOf(wb, await nodeAt(wb, 'eu-west-1', 'Instances', 'booting')).description), /^running/);
      await new Promise((r) => setTimeout(r, 5000));
      assert.strictEqual(calls(), 3, 'polling stops once nothing is in transition');
    } finally {
      await config.update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    }
  });
});

describe('Explorer across many regions', () => {
  let wb: Workbench;
  const config = () => vscode.workspace.getConfiguration('ec2Workbench');

  before(async () => {
    wb = await workbench();
    await resetMoto();
    await runInstances('eu-west-3', { name: 'web-1' });
    await runInstances('us-east-1', { name: 'dev-box' });
  });

  afterEach(async () => {
    await config().update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('hideEmptyRegions', undefined, vscode.ConfigurationTarget.Global);
    await refreshAll(wb);
  });

  it('lists the regions with instances first and folds the empty ones into one node', async () => {
    await refreshAll(wb);
    await new Promise((r) => setTimeout(r, 100)); // The root update that folds the empty regions.
    const roots = await wb.explorer.getChildren();
    const labels = roots.map((n) => String(itemOf(wb, n).label));
    assert.deepStrictEqual(labels.slice(0, 3), ['IAM (global)', 'eu-west-3', 'us-east-1']);
    const fold = roots[roots.length - 1];
    assert.strictEqual(roots.length, 4, labels.join(', '));
    const folded = await wb.explorer.getChildren(fold);
    assert.ok(folded.length >= 15, `${folded.length} regions folded`);
    assert.strictEqual(itemOf(wb, fold).label, `${folded.length} regions with no instances`);
    assert.ok(folded.every((n) => itemOf(wb, n).description === 'no instances'));
    assert.ok(!folded.some((n) => ['eu-west-3', 'us-east-1'].includes(String(itemOf(wb, n).label))));
    // The setting hides them altogether.
    await config().update('hideEmptyRegions', true, vscode.ConfigurationTarget.Global);
    assert.deepStrictEqual(
      (await wb.explorer.getChildren()).map((n) => itemOf(wb, n).label),
      ['IAM (global)', 'eu-west-3', 'us-east-1'],
    );
  });

  it('moves a region out of the fold when an instance appears there', async () => {
    await refreshAll(wb);
    await runInstances('ap-south-1', { name: 'newcomer' });
    wb.explorer.refresh('ap-south-1');
    await wb.explorer.settled();
    await new Promise((r) => setTimeout(r, 100));
    const labels = (await wb.explorer.getChildren()).map((n) => String(itemOf(wb, n).label));
    assert.deepStrictEqual(labels.slice(0, 4), ['IAM (global)', 'ap-south-1', 'eu-west-3', 'us-east-1']);
  });

  it('shows the remembered regions at once, before the account answers, and adds a new region after the check', async () => {
    const proxy = await new AwsStandIn(motoUrl()).start();
    // First listing through this endpoint: ap-northeast-3 is not in the answer (not enabled yet).
    proxy.rules.push({
      match: (r) => r.action === 'DescribeRegions',
      fault: {
        kind: 'rewrite',
        rewrite: (body) => body.replace(/<item>(?:(?!<item>)[\s\S])*?<regionName>ap-northeast-3<\/regionName>[\s\S]*?<\/item>/, ''),
      },
      times: 1,
    });
    await config().update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    try {
      await refreshAll(wb);
      assert.ok(!(await wb.explorer.getChildren()).some((n) => n.id === 'region/ap-northeast-3'));
      const asked = proxy.seen.length;
      // Next time, DescribeRegions hangs: the view still paints every remembered region, and has
      // already asked each of them for its instances.
      proxy.rules.push({ match: (r) => r.action === 'DescribeRegions', fault: { kind: 'stall' }, times: 1 });
      await vscode.commands.executeCommand('ec2Workbench.refresh');
      const roots = await Promise.race([
        wb.explorer.getChildren(),
        new Promise<never>((_r, no) => setTimeout(() => no(new Error('the root waited for DescribeRegions')), 5000)),
      ]);
      assert.ok(roots.some((n) => n.id === 'region/eu-west-3'));
      await wb.explorer.settled();
      const since = proxy.seen.slice(asked);
      assert.deepStrictEqual(since.filter((r) => r.action === 'DescribeRegions').length, 1);
      assert.ok(since.filter((r) => r.action === 'DescribeInstances').length >= 16);
      // Once the check answers (a refresh, the stall rule spent), the newly enabled region appears.
      await vscode.commands.executeCommand('ec2Workbench.refresh');
      const first = await wb.explorer.getChildren();
      assert.ok(!first.some((n) => n.id === 'region/ap-northeast-3'), 'painted from memory first');
      let shown = false;
      for (let i = 0; i < 100 && !shown; i++) {
        await new Promise((r) => setTimeout(r, 100));
        shown = (await rootNodes(wb)).some((n) => n.id === 'region/ap-northeast-3');
      }
      assert.ok(shown, 'the new region is shown after the check');
    } finally {
      await proxy.close();
    }
  });

  it('counts a large region from its first page, before the rest has arrived', async () => {
    const fast = await startFastEc2Server({ regions: { 'eu-west-3': 2500, 'us-east-1': 1 }, delayMs: 300 });
    const descriptions: string[] = [];
    const sub = wb.explorer.onDidChangeTreeData((node) => {
      if (node?.id === 'region/eu-west-3') {
        descriptions.push(String(itemOf(wb, node).description));
      }
    });
    await config().update('endpointUrl', fast.url, vscode.ConfigurationTarget.Global);
    try {
      await refreshAll(wb);
      assert.strictEqual(descriptions[0], '188 running, 250 listed, loading more…');
      assert.strictEqual(descriptions[descriptions.length - 1], '1875 running');
      // Filtering thousands of compact records answers at once.
      await vscode.commands.executeCommand('ec2Workbench.filterInstances', { filter: 'web-12' });
      const shown = await childLabels(wb, 'eu-west-3', 'Instances');
      assert.deepStrictEqual(shown.length, 111); // web-12, web-120..129, web-1200..1299
    } finally {
      sub.dispose();
      await vscode.commands.executeCommand('ec2Workbench.clearFilter');
      await fast.close();
    }
  });
});
