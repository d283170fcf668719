import * as assert from 'assert';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  DeleteSubnetCommand,
  DescribeSecurityGroupsCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand as DescribeClassicCommand } from '@aws-sdk/client-elastic-load-balancing';
import {
  CreateListenerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import * as vscode from 'vscode';
import { type ExplorerNode } from '../../src/explorer/explorerNode';
import { Workbench } from '../../src/workbench';
import { answerPrompts } from './answer';
import { startFarm } from '../support/backends';
import { FaultProxy } from '../support/faultProxy';
import { ec2, elb, motoUrl, resetMoto } from '../support/moto';
import { defaultSecurityGroup, defaultSubnet, runInstances } from '../support/seed';
import { child, itemOf, labelsOf, nodeAt, refreshAll, workbench } from './helpers';

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));

function elbv2(region: string): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client({
    region,
    endpoint: motoUrl(),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
}

const describe_ = (wb: Workbench, node: ExplorerNode) => String(itemOf(wb, node).description ?? '');
const tooltipOf = (wb: Workbench, node: ExplorerNode) => {
  const t = itemOf(wb, node).tooltip;
  // Read as it renders: Markdown escapes of the text removed (issue #27: spaces stay spaces).
  return (typeof t === 'string' ? t : (t?.value ?? '')).replace(/&nbsp;/g, ' ').replace(/\\([^\w\s])/g, '$1');
};

describe('Application load balancers beside classic ones', () => {
  let wb: Workbench;
  let web: string[];
  let subnetA: { id: string; az: string; vpcId: string };
  let subnetB: { id: string; az: string; vpcId: string };
  let openGroup: string;
  before(async () => {
    wb = await workbench();
    await resetMoto();
    subnetA = await defaultSubnet('eu-west-3', 'eu-west-3a');
    subnetB = await defaultSubnet('eu-west-3', 'eu-west-3b');
    web = await runInstances('eu-west-3', { name: 'web', count: 3, subnetId: subnetA.id });
    const { GroupId } = await ec2('eu-west-3').send(
      new CreateSecurityGroupCommand({ GroupName: 'lb-open', Description: 'lb', VpcId: subnetA.vpcId }),
    );
    openGroup = GroupId!;
    await ec2('eu-west-3').send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: openGroup,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    await refreshAll(wb);
  });

  it('creates an ALB with its target group and listener, registers three instances, shows their health, load-tests it, deregisters one, deletes it and cleans up', async () => {
    const created = await run<{ dnsName: string; targetGroupArn: string }>('createLoadBalancer', {
      region: 'eu-west-3',
      name: 'lab-alb',
      type: 'application',
      subnetIds: [subnetA.id, subnetB.id],
      securityGroupIds: [openGroup],
      targetGroup: { name: 'lab-web', port: 80, healthCheckPath: '/' },
    });
    assert.match(created.dnsName, /^lab-alb-.*\.eu-west-3\.elb\.amazonaws\.com$/);
    const client = elbv2('eu-west-3');
    const [lb] = (await client.send(new DescribeLoadBalancersCommand({ Names: ['lab-alb'] }))).LoadBalancers!;
    assert.deepStrictEqual([lb.Type, lb.SecurityGroups], ['application', [openGroup]]);
    const [listener] = (await client.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners!;
    assert.deepStrictEqual(
      [listener.Protocol, listener.Port, listener.DefaultActions?.[0].TargetGroupArn],
      ['HTTP', 80, created.targetGroupArn],
    );

    // Beside a classic one, from the instance side for one of them.
    await run('createLoadBalancer', { region: 'eu-west-3', name: 'lab-elb', subnetIds: [subnetA.id], securityGroupIds: [openGroup] });
    await run('registerInstances', { region: 'eu-west-3', loadBalancerName: 'lab-alb', instanceIds: web });
    const targets = async () =>
      ((await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: created.targetGroupArn }))).TargetHealthDescriptions ?? [])
        .map((d) => d.Target!.Id!)
        .sort();
    assert.deepStrictEqual(await targets(), [...web].sort());

    await refreshAll(wb);
    const group = await nodeAt(wb, 'eu-west-3', 'Load balancers');
    const balancers = await wb.explorer.getChildren(group);
    assert.deepStrictEqual(labelsOf(wb, balancers), ['lab-alb', 'lab-elb']);
    assert.match(describe_(wb, balancers[0]), /^Application · lab-alb-/);
    assert.match(describe_(wb, balancers[1]), /^Classic · /);
    const albChildren = await wb.explorer.getChildren(balancers[0]);
    assert.deepStrictEqual(labelsOf(wb, albChildren), ['Listener HTTP 80', 'lab-web']);
    assert.strictEqual(describe_(wb, albChildren[0]), 'forward to lab-web');
    assert.strictEqual(describe_(wb, albChildren[1]), 'target group · HTTP 80 · health check /');
    const targetNodes = await wb.explorer.getChildren(albChildren[1]);
    assert.deepStrictEqual(labelsOf(wb, targetNodes).sort(), web.map((id) => `web (${id})`).sort());
    assert.deepStrictEqual(
      targetNodes.map((n) => describe_(wb, n)),
      ['healthy', 'healthy', 'healthy'],
    );

    // The load test through a loopback stand-in for the balancer's name, as for the classic one.
    const farm = await startFarm(['header', 'header', 'header'], 0, web);
    try {
      const result = await run<{ sent: number; statusCodes: Record<string, number>; byBackend: Record<string, number> }>('loadTest', {
        url: `http://${created.dnsName}/`,
        requests: 60,
        concurrency: 4,
        resolve: { [`${created.dnsName}:80`]: new URL(farm.url).host },
      });
      assert.deepStrictEqual(result.statusCodes, { 200: 60 });
      assert.deepStrictEqual(result.byBackend, Object.fromEntries(farm.backends.map((b) => [b.instanceId, 20])));
    } finally {
      await farm.close();
    }

    await run('deregisterInstances', { region: 'eu-west-3', loadBalancerName: 'lab-alb', instanceIds: [web[2]] });
    assert.deepStrictEqual(await targets(), [web[0], web[1]].sort());

    await run('deleteLoadBalancer', { region: 'eu-west-3', loadBalancerName: 'lab-alb', confirmed: true });
    assert.deepStrictEqual((await client.send(new DescribeLoadBalancersCommand({}))).LoadBalancers, []);
    // The target group is kept (it was not asked for), and the clean-up finds it.
    const groupsLeft = async () => (await client.send(new DescribeTargetGroupsCommand({}))).TargetGroups?.map((g) => g.TargetGroupName);
    assert.deepStrictEqual(await groupsLeft(), ['lab-web']);
    const report = await run<{ deleted: string[]; failed: unknown[] }>('cleanUp', {
      regions: ['eu-west-3'],
      confirmed: true,
      deleteLocalKeys: false,
    });
    assert.deepStrictEqual(report.failed, []);
    assert.ok(report.deleted.includes(created.targetGroupArn), report.deleted.join(', '));
    assert.ok(report.deleted.includes('lab-elb'), report.deleted.join(', '));
    assert.deepStrictEqual(await groupsLeft(), []);
    await assert.rejects(
      elb('eu-west-3').send(new DescribeClassicCommand({ LoadBalancerNames: ['lab-elb'] })),
      /AccessPointNotFound|LoadBalancerNotFound/,
    );
    client.destroy();
  });

  it('registers into the target group asked for when the balancer has several, or the one given', async () => {
    const created = await run<{ dnsName: string; targetGroupArn: string }>('createLoadBalancer', {
      region: 'eu-west-3',
      name: 'two-groups',
      type: 'application',
      subnetIds: [subnetA.id, subnetB.id],
      securityGroupIds: [openGroup],
    });
    const client = elbv2('eu-west-3');
    const [lb] = (await client.send(new DescribeLoadBalancersCommand({ Names: ['two-groups'] }))).LoadBalancers!;
    const [other] = (
      await client.send(new CreateTargetGroupCommand({ Name: 'api-tg', Protocol: 'HTTP', Port: 8080, VpcId: subnetA.vpcId }))
    ).TargetGroups!;
    await client.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 8080,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: other.TargetGroupArn }],
      }),
    );
    const targetsOf = async (arn: string) =>
      ((await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions ?? []).map(
        (d) => d.Target!.Id!,
      );
    const answering = answerPrompts(wb, [{ pick: (i) => i.label === 'api-tg' }]);
    await run('registerInstances', { region: 'eu-west-3', loadBalancerName: 'two-groups', instanceIds: [web[0]] });
    await answering.done;
    answering.dispose();
    assert.match(answering.seen[0], /Target group of two-groups/);
    assert.deepStrictEqual(await targetsOf(other.TargetGroupArn!), [web[0]]);
    assert.deepStrictEqual(await targetsOf(created.targetGroupArn), []);
    // Given: no question.
    await run('registerInstances', {
      region: 'eu-west-3',
      loadBalancerName: 'two-groups',
      instanceIds: [web[1]],
      targetGroupArn: created.targetGroupArn,
    });
    assert.deepStrictEqual(await targetsOf(created.targetGroupArn), [web[1]]);
    await run('deleteLoadBalancer', { region: 'eu-west-3', loadBalancerName: 'two-groups', confirmed: true, deleteTargetGroups: true });
    const left = (await client.send(new DescribeTargetGroupsCommand({}))).TargetGroups?.map((g) => g.TargetGroupName) ?? [];
    assert.ok(!left.includes('api-tg') && !left.includes('two-groups-tg'), left.join(', '));
    client.destroy();
  });

  it('refuses bad names, one subnet and one zone with a sentence, before any call that creates something', async () => {
    // A second subnet in the zone of subnetA: AWS takes one subnet per zone (issue #30, point 6; source:
    // the elbv2 CreateLoadBalancer API reference, Subnets). The emulator accepts two.
    const { Subnet: sameZone } = await ec2('eu-west-3').send(
      new CreateSubnetCommand({ VpcId: subnetA.vpcId, AvailabilityZone: subnetA.az, CidrBlock: '172.31.200.0/24' }),
    );
    const proxy = await new FaultProxy(motoUrl()).start();
    await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    try {
      const alb = (extra: Record<string, unknown>) =>
        run('createLoadBalancer', {
          region: 'eu-west-3',
          name: 'lab-alb',
          type: 'application',
          subnetIds: [subnetA.id, subnetB.id],
          ...extra,
        });
      for (const [extra, message] of [
        [{ name: 'internal-lab' }, 'An application load balancer name cannot start with "internal-".'],
        [{ name: 'lab-alb-' }, 'A load balancer name cannot start or end with a hyphen.'],
        [{ name: 'x'.repeat(33) }, `A load balancer name is 1 to 32 letters, digits and hyphens ("${'x'.repeat(33)}" is not).`],
        [{ name: 'lab.alb' }, 'A load balancer name is 1 to 32 letters, digits and hyphens ("lab.alb" is not).'],
        [
          { subnetIds: [subnetA.id] },
          'An application load balancer needs subnets in at least two availability zones: pick one more subnet.',
        ],
        [
          { subnetIds: [subnetA.id, subnetA.id] },
          `An application load balancer needs subnets in at least two availability zones; these are all in ${subnetA.az}. Pick a subnet of another zone.`,
        ],
        [
          { subnetIds: [subnetA.id, subnetB.id, sameZone!.SubnetId!] },
          `An application load balancer takes one subnet per availability zone: ${subnetA.id} and ${sameZone!.SubnetId!} are both in ${subnetA.az}. Keep one of them.`,
        ],
        [{ targetGroup: { name: 'web_tg' } }, 'A target group name is 1 to 32 letters, digits and hyphens ("web_tg" is not).'],
        [
          { targetGroup: { healthCheckPath: 'health' } },
          'A health check path starts with "/" and has no spaces (for example / or /health; got "health").',
        ],
        [{ targetGroup: { port: 70000 } }, 'A port is a whole number from 1 to 65535 (got 70000).'],
        [{ targetGroup: { size: 2 } }, 'The argument object has no field "targetGroup.size" (its fields: name, port, healthCheckPath).'],
        [{ type: 'network' }, /The argument object needs "type" to be/],
      ] as Array<[Record<string, unknown>, string | RegExp]>) {
        await assert.rejects(alb(extra), typeof message === 'string' ? { message } : message);
      }
      await assert.rejects(
        run('createLoadBalancer', { region: 'eu-west-3', name: 'lab-elb', subnetIds: [subnetA.id], targetGroup: { port: 80 } }),
        { message: '"targetGroup" goes with "type": "application" (a classic load balancer has no target group).' },
      );
      const writes = proxy.seen.filter((r) => /^(Create|Register|Authorize|Delete)/.test(r.action ?? ''));
      assert.deepStrictEqual(writes, []);
    } finally {
      await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
      await ec2('eu-west-3').send(new DeleteSubnetCommand({ SubnetId: sameZone!.SubnetId! }));
    }
  });

  it('the wizard asks the type first (Application recommended, Classic as in the lab), then what an ALB needs, and its summary shows the aws elbv2 lines', async () => {
    const answering = answerPrompts(wb, [
      { expectActive: (i) => i.value === 'application' },
      { pick: (i) => i.value === 'application' },
      { pick: (i) => i.value === 'eu-west-3' },
      { typeInvalid: 'internal-web', message: /cannot start with "internal-"/ },
      { type: 'wizard-alb' },
      { pickMany: (i) => i.value === subnetA.id || i.value === subnetB.id },
      { pick: (i) => i.value === openGroup },
      { expectValue: 'wizard-alb-tg' },
      { type: 'wizard-tg' },
      { type: '8080' },
      { type: '/health' },
      { pick: (i) => i.value === 'copy' },
      { escape: true },
    ]);
    const result = await run('createLoadBalancer');
    await answering.done;
    assert.strictEqual(result, undefined, 'cancelled silently');
    answering.dispose();
    assert.deepStrictEqual(
      answering.seen.map((s) => s.replace(/ · .*/, '')),
      [
        '1/9 Create Load Balancer',
        '2/9 Create Load Balancer',
        '3/9 Create Load Balancer',
        '4/9 Create Load Balancer',
        '5/9 Create Load Balancer',
        '6/9 Create Load Balancer',
        '7/9 Create Load Balancer',
        '8/9 Create Load Balancer',
        '9/9 Create Load Balancer',
        '9/9 Create Load Balancer',
      ],
    );
    const cli = (await vscode.env.clipboard.readText()).split('\n');
    assert.deepStrictEqual(
      cli.map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['aws elbv2 create-target-group', 'aws elbv2 create-load-balancer', 'aws elbv2 create-listener'],
    );
    assert.match(
      cli[0],
      / --name wizard-tg --protocol HTTP --port 8080 --vpc-id vpc-\w+ --target-type instance --health-check-path \/health /,
    );
    assert.match(
      cli[1],
      new RegExp(
        ` --name wizard-alb --type application --scheme internet-facing --subnets ${subnetA.id} ${subnetB.id} --security-groups ${openGroup} `,
      ),
    );
    assert.match(
      cli[2],
      / --load-balancer-arn '<load-balancer-arn>' --protocol HTTP --port 80 --default-actions '\[\{"Type":"forward","TargetGroupArn":"<target-group-arn>"\}\]'/,
    );
    assert.match(answering.seen[0], /Type of load balancer/);
    assert.match(answering.seen[8], /Application, HTTP 80 → target group wizard-tg \(HTTP 8080, health check \/health\)/);
    const names = (await elbv2('eu-west-3').send(new DescribeLoadBalancersCommand({}))).LoadBalancers?.map((l) => l.LoadBalancerName);
    assert.ok(!names?.includes('wizard-alb'), 'nothing created after Escape');
  });
});

describe('The load balancer exercise as it goes on a real account (#19)', () => {
  let wb: Workbench;
  let subnetA: { id: string; az: string; vpcId: string };
  let subnetB: { id: string; az: string; vpcId: string };
  let web: string[];
  before(async () => {
    wb = await workbench();
    await resetMoto();
    subnetA = await defaultSubnet('eu-west-3', 'eu-west-3a');
    subnetB = await defaultSubnet('eu-west-3', 'eu-west-3b');
    web = await runInstances('eu-west-3', { name: 'web', count: 2, subnetId: subnetA.id });
    await refreshAll(wb);
  });

  const rulesOf = async (groupId: string) =>
    (await ec2('eu-west-3').send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups![0].IpPermissions ?? [];

  it('creating on the default group (nothing in from the internet) offers a group "HTTP 80 from everyone", and creates it with the balancer', async () => {
    const defaultGroup = await defaultSecurityGroup('eu-west-3');
    const answering = answerPrompts(wb, [{ pick: (i) => i.value === 'new' }, { pick: (i) => i.value === 'go' }]);
    await run('createLoadBalancer', {
      region: 'eu-west-3',
      name: 'lab-elb',
      type: 'classic',
      subnetIds: [subnetA.id],
      securityGroupIds: [defaultGroup],
      interactive: true,
    });
    await answering.done;
    answering.dispose();
    assert.match(answering.seen[0], /The security group default does not let HTTP 80 in from the internet/);
    const [lb] = (await elb('eu-west-3').send(new DescribeClassicCommand({ LoadBalancerNames: ['lab-elb'] }))).LoadBalancerDescriptions!;
    assert.strictEqual(lb.SecurityGroups?.length, 1);
    assert.notStrictEqual(lb.SecurityGroups![0], defaultGroup);
    const rules = await rulesOf(lb.SecurityGroups![0]);
    assert.deepStrictEqual(
      rules.map((r) => [r.IpProtocol, r.FromPort, r.ToPort, r.IpRanges?.map((x) => x.CidrIp)]),
      [['tcp', 80, 80, ['0.0.0.0/0']]],
    );
  });

  it('registering instances whose group does not admit the balancer offers the rule, and adds exactly it', async () => {
    const defaultGroup = await defaultSecurityGroup('eu-west-3');
    const [lb] = (await elb('eu-west-3').send(new DescribeClassicCommand({ LoadBalancerNames: ['lab-elb'] }))).LoadBalancerDescriptions!;
    const balancerGroup = lb.SecurityGroups![0];
    const answering = answerPrompts(wb, [{ pick: (i) => i.value === 'add' }]);
    await run('registerInstances', { region: 'eu-west-3', loadBalancerName: 'lab-elb', instanceIds: web, interactive: true });
    await answering.done;
    answering.dispose();
    assert.match(answering.seen[0], /do not let lab-elb in on port 80: the health checks would fail/);
    const added = (await rulesOf(defaultGroup)).filter((r) => r.UserIdGroupPairs?.some((p) => p.GroupId === balancerGroup));
    assert.deepStrictEqual(
      added.map((r) => [r.IpProtocol, r.FromPort, r.ToPort]),
      [['tcp', 80, 80]],
    );
    // Now admitted: registering again asks nothing.
    await run('registerInstances', { region: 'eu-west-3', loadBalancerName: 'lab-elb', instanceIds: web, interactive: true });
  });

  it("shows each instance's health with AWS's reason code and description", async () => {
    const description = 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.';
    const proxy = await new FaultProxy(motoUrl()).start();
    proxy.rules.push({
      match: (r) => r.action === 'DescribeInstanceHealth',
      // moto says N/A; AWS says why.
      fault: {
        kind: 'rewrite',
        rewrite: (body) =>
          body.replace(/<member>(?:(?!<\/member>)[\s\S])*<\/member>/g, (member) =>
            member.includes(web[1])
              ? member
                  .replace('<Description>N/A</Description>', `<Description>${description}</Description>`)
                  .replace('<ReasonCode>N/A</ReasonCode>', '<ReasonCode>Instance</ReasonCode>')
                  .replace('<State>InService</State>', '<State>OutOfService</State>')
              : member,
          ),
      },
    });
    await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', proxy.url, vscode.ConfigurationTarget.Global);
    try {
      await refreshAll(wb);
      const balancer = await nodeAt(wb, 'eu-west-3', 'Load balancers', 'lab-elb');
      const one = await child(wb, balancer, `web (${web[1]})`);
      assert.strictEqual(describe_(wb, one), `OutOfService: ${description}`);
      assert.ok(tooltipOf(wb, one).includes('**Reason code:** Instance'), tooltipOf(wb, one));
      assert.ok(tooltipOf(wb, one).includes(description));
      const other = await child(wb, balancer, `web (${web[0]})`);
      assert.strictEqual(describe_(wb, other), 'InService');
    } finally {
      await vscode.workspace.getConfiguration('ec2Workbench').update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  it('the load test refuses a balancer with no instance in service, with the reasons, before the first request', async () => {
    const created = await run<{ dnsName: string; targetGroupArn: string }>('createLoadBalancer', {
      region: 'eu-west-3',
      name: 'stopped-alb',
      type: 'application',
      subnetIds: [subnetA.id, subnetB.id],
    });
    await run('registerInstances', { region: 'eu-west-3', loadBalancerName: 'stopped-alb', instanceIds: web });
    await ec2('eu-west-3').send(new StopInstancesCommand({ InstanceIds: web }));
    const farm = await startFarm(['header', 'header'], 0, web);
    try {
      await assert.rejects(
        run('loadTest', {
          url: `http://${created.dnsName}/`,
          requests: 10,
          resolve: { [`${created.dnsName}:80`]: new URL(farm.url).host },
        }),
        {
          message: `No instance behind stopped-alb is in service, so every request would fail: web (${web[0]}): unused: Target is in the stopped state. web (${web[1]}): unused: Target is in the stopped state. Check that the instances run a web server and that their security group lets the load balancer in, then run the test again.`,
        },
      );
      assert.deepStrictEqual(
        farm.backends.map((b) => b.served),
        [0, 0],
      );
    } finally {
      await farm.close();
    }
  });
});
