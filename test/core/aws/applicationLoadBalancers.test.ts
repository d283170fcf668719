import * as assert from 'assert';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, RegisterInstancesWithLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  changeTargets,
  createApplicationLoadBalancer,
  deleteApplicationLoadBalancer,
  describeTargetHealth,
  listListeners,
  listTargetGroups,
  subnetZonesProblem,
  targetGroupNameProblem,
} from '../../../src/core/aws/elb/applicationLoadBalancers';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { balancerForHost, balancerHealth, notInServiceProblem, regionOfElbHost } from '../../../src/core/aws/elb/balancerHealth';
import { deleteLabResources, findLabResources } from '../../../src/core/aws/ec2/labResources';
import { cliLine, type SdkCall } from '../../../src/core/aws/session/cliTranscript';
import { admitsBalancer, balancerIngress, instancesClosedToBalancer } from '../../../src/core/aws/elb/loadBalancerAccess';
import {
  findAnyLoadBalancer,
  healthLine,
  listAllLoadBalancers,
  loadBalancerNameProblem,
} from '../../../src/core/aws/elb/classicLoadBalancers';
import { ec2, elb, motoUrl, resetMoto } from '../../support/moto';
import { defaultSecurityGroup, defaultSubnet, runInstances } from '../../support/seed';

const AWS_CLI = path.resolve(__dirname, '..', '..', '..', '..', '.venv', 'bin', 'aws');

function elbv2(region: string): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client({
    region,
    endpoint: motoUrl(),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
}

describe('Application load balancers (elbv2)', () => {
  let session: AwsSession;
  let calls: SdkCall[];
  beforeEach(async () => {
    await resetMoto();
    calls = [];
    session = new AwsSession({ profile: 'moto', onCall: (c) => calls.push(c) });
  });
  afterEach(() => session.dispose());

  async function twoSubnets(): Promise<{ a: { id: string; az: string; vpcId: string }; b: { id: string; az: string; vpcId: string } }> {
    return { a: await defaultSubnet('eu-west-3', 'eu-west-3a'), b: await defaultSubnet('eu-west-3', 'eu-west-3b') };
  }

  it('creates the target group, the balancer and its HTTP listener, lists them beside classic ones, and deletes listeners with it', async () => {
    const { a, b } = await twoSubnets();
    await elb('eu-west-3').send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'lab-elb',
        Subnets: [a.id],
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      }),
    );
    const created = await createApplicationLoadBalancer(session, 'eu-west-3', {
      name: 'lab-alb',
      vpcId: a.vpcId,
      subnetIds: [a.id, b.id],
      listenerPort: 80,
      targetGroup: { name: 'lab-alb-tg', port: 8080, healthCheckPath: '/health' },
    });
    assert.match(created.dnsName, /^lab-alb-.*\.eu-west-3\.elb\.amazonaws\.com$/);
    const all = await listAllLoadBalancers(session, 'eu-west-3');
    assert.deepStrictEqual(
      all.map((lb) => [lb.name, lb.type]),
      [
        ['lab-alb', 'application'],
        ['lab-elb', 'classic'],
      ],
    );
    const [listener] = await listListeners(session, 'eu-west-3', created.arn);
    assert.deepStrictEqual([listener.protocol, listener.port, listener.targetGroupArns], ['HTTP', 80, [created.targetGroupArn]]);
    const [group] = await listTargetGroups(session, 'eu-west-3', created.arn);
    assert.deepStrictEqual([group.name, group.protocol, group.port, group.healthCheckPath], ['lab-alb-tg', 'HTTP', 8080, '/health']);

    const ids = await runInstances('eu-west-3', { count: 3, subnetId: a.id });
    await changeTargets(session, 'eu-west-3', created.targetGroupArn, ids, true);
    await ec2('eu-west-3').send(new StopInstancesCommand({ InstanceIds: [ids[2]] }));
    const health = await describeTargetHealth(session, 'eu-west-3', created.targetGroupArn);
    const byId = new Map(health.map((h) => [h.instanceId, h]));
    assert.deepStrictEqual([byId.get(ids[0])?.state, byId.get(ids[1])?.state], ['healthy', 'healthy']);
    // moto, like AWS, says why the stopped one is not in service.
    assert.strictEqual(healthLine(byId.get(ids[2])!), 'unused: Target is in the stopped state');
    assert.strictEqual(byId.get(ids[2])?.reasonCode, 'Target.InvalidState');

    await changeTargets(session, 'eu-west-3', created.targetGroupArn, [ids[1]], false);
    assert.deepStrictEqual(
      (await describeTargetHealth(session, 'eu-west-3', created.targetGroupArn)).map((h) => h.instanceId).sort(),
      [ids[0], ids[2]].sort(),
    );

    const cli = calls.filter((c) => c.service === 'elbv2' && /^Create/.test(c.commandName)).map((c) => cliLine(c));
    assert.deepStrictEqual(
      cli.map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['aws elbv2 create-target-group', 'aws elbv2 create-load-balancer', 'aws elbv2 create-listener'],
    );

    await deleteApplicationLoadBalancer(session, 'eu-west-3', created.arn);
    assert.deepStrictEqual(
      calls.filter((c) => /^Delete/.test(c.commandName)).map((c) => c.commandName),
      ['DeleteListenerCommand', 'DeleteLoadBalancerCommand'],
    );
    assert.deepStrictEqual(
      (await listAllLoadBalancers(session, 'eu-west-3')).map((lb) => lb.name),
      ['lab-elb'],
    );
    // The target group stays until asked for (or the clean-up).
    assert.strictEqual((await listTargetGroups(session, 'eu-west-3')).length, 1);
  });

  it('the three aws elbv2 lines it records run as they are with the real AWS CLI', async () => {
    if (!fs.existsSync(AWS_CLI)) {
      throw new Error(`the AWS CLI is missing at ${AWS_CLI}: run "npm test", which installs it`);
    }
    const { a, b } = await twoSubnets();
    const created = await createApplicationLoadBalancer(session, 'eu-west-3', {
      name: 'from-sdk',
      vpcId: a.vpcId,
      subnetIds: [a.id, b.id],
      listenerPort: 80,
      targetGroup: { name: 'from-sdk-tg', port: 80, healthCheckPath: '/' },
    });
    const lines = calls.filter((c) => c.service === 'elbv2' && /^Create/.test(c.commandName)).map((c) => cliLine(c, { profile: 'moto' }));
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
    const runCli = (line: string) =>
      JSON.parse(execFileSync('sh', ['-c', line.replace(/^aws /, `${AWS_CLI} `)], { encoding: 'utf8', env }));
    // A second set made by the CLI from the same lines (new names; the listener gets the CLI's ARNs).
    const group = runCli(lines[0].replace(/from-sdk-tg/g, 'from-cli-tg')).TargetGroups[0];
    const balancer = runCli(lines[1].replace(/from-sdk/g, 'from-cli')).LoadBalancers[0];
    runCli(lines[2].replace(created.arn, balancer.LoadBalancerArn).replace(created.targetGroupArn, group.TargetGroupArn));
    const client = elbv2('eu-west-3');
    const [viaCli] = (await client.send(new DescribeLoadBalancersCommand({ Names: ['from-cli'] }))).LoadBalancers!;
    assert.deepStrictEqual(
      [viaCli.Type, viaCli.Scheme, viaCli.AvailabilityZones?.map((z) => z.SubnetId).sort()],
      ['application', 'internet-facing', [a.id, b.id].sort()],
    );
    const [listener] = (await client.send(new DescribeListenersCommand({ LoadBalancerArn: viaCli.LoadBalancerArn }))).Listeners!;
    assert.deepStrictEqual(
      [listener.Protocol, listener.Port, listener.DefaultActions?.[0].TargetGroupArn],
      ['HTTP', 80, group.TargetGroupArn],
    );
    const [tg] = (await client.send(new DescribeTargetGroupsCommand({ Names: ['from-cli-tg'] }))).TargetGroups!;
    assert.deepStrictEqual([tg.Protocol, tg.Port, tg.HealthCheckPath, tg.VpcId], ['HTTP', 80, '/', a.vpcId]);
    client.destroy();
  });

  it('refuses bad names and a single zone with a sentence', () => {
    assert.strictEqual(
      loadBalancerNameProblem('internal-lab', 'application'),
      'An application load balancer name cannot start with "internal-".',
    );
    assert.strictEqual(loadBalancerNameProblem('lab-', 'application'), 'A load balancer name cannot start or end with a hyphen.');
    assert.strictEqual(loadBalancerNameProblem('a'.repeat(32), 'application'), undefined);
    assert.match(loadBalancerNameProblem('a'.repeat(33), 'application') ?? '', /1 to 32 letters, digits and hyphens/);
    assert.match(targetGroupNameProblem('lab_tg') ?? '', /1 to 32 letters, digits and hyphens \("lab_tg" is not\)/);
    assert.strictEqual(
      subnetZonesProblem([{ id: 'subnet-1', availabilityZone: 'eu-west-3a' }]),
      'An application load balancer needs subnets in at least two availability zones: pick one more subnet.',
    );
    assert.strictEqual(
      subnetZonesProblem([
        { id: 'subnet-1', availabilityZone: 'eu-west-3a' },
        { id: 'subnet-2', availabilityZone: 'eu-west-3a' },
      ]),
      'An application load balancer needs subnets in at least two availability zones; these are all in eu-west-3a. Pick a subnet of another zone.',
    );
    // Issue #30, point 6. Source checked: the Elastic Load Balancing v2 API reference, CreateLoadBalancer,
    // Subnets ("You can specify only one subnet per Availability Zone"), and botocore's elbv2 model.
    assert.strictEqual(
      subnetZonesProblem([
        { id: 'subnet-1', availabilityZone: 'eu-west-3a' },
        { id: 'subnet-2', availabilityZone: 'eu-west-3b' },
        { id: 'subnet-3', availabilityZone: 'eu-west-3a' },
      ]),
      'An application load balancer takes one subnet per availability zone: subnet-1 and subnet-3 are both in eu-west-3a. Keep one of them.',
    );
    assert.strictEqual(regionOfElbHost('lab-alb-1.eu-west-3.elb.amazonaws.com'), 'eu-west-3');
    assert.strictEqual(regionOfElbHost('example.com'), undefined);
  });

  it("finds a balancer's group closed to the internet, and instances whose groups do not admit the balancer", async () => {
    const subnet = await defaultSubnet('eu-west-3', 'eu-west-3a');
    const defaultGroup = await defaultSecurityGroup('eu-west-3');
    // No group given: the VPC's default group, which lets nothing in from the internet.
    assert.strictEqual((await balancerIngress(session, 'eu-west-3', { vpcId: subnet.vpcId, port: 80 })).admitted, false);
    const { GroupId: open } = await ec2('eu-west-3').send(
      new CreateSecurityGroupCommand({ GroupName: 'web-open', Description: 'web', VpcId: subnet.vpcId }),
    );
    await ec2('eu-west-3').send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: open,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    assert.strictEqual((await balancerIngress(session, 'eu-west-3', { groupIds: [open!], port: 80 })).admitted, true);
    assert.strictEqual((await balancerIngress(session, 'eu-west-3', { groupIds: [open!], port: 8080 })).admitted, false);

    const ids = await runInstances('eu-west-3', { count: 2, subnetId: subnet.id });
    const balancer = { groupIds: [open!], subnetCidrs: ['172.31.0.0/20'], port: 80 };
    // The default group admits only itself: the balancer's group is kept out.
    assert.deepStrictEqual(
      (await instancesClosedToBalancer(session, 'eu-west-3', ids, balancer)).map((c) => [c.instanceId, c.groupId]).sort(),
      ids.map((id) => [id, defaultGroup]).sort(),
    );
    assert.strictEqual(
      admitsBalancer([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: open }] }], 80, balancer),
      true,
    );
    assert.strictEqual(
      admitsBalancer([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '172.31.0.0/16' }] }], 80, balancer),
      true,
    );
    assert.strictEqual(
      admitsBalancer([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '172.31.0.0/24' }] }], 80, balancer),
      false,
    );
    assert.strictEqual(
      admitsBalancer([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: open }] }], 80, balancer),
      false,
    );
  });

  // Issue #30, point 3. Sources checked: AWS's ELB guide "Configure security groups for your Classic
  // Load Balancer" ([Default VPC]: made through the API without a group, a classic balancer gets a
  // group default_elb_<id> that ELB makes once per account, with rules for the listener ports;
  // [Nondefault VPC]: the VPC's default group) and the DescribeLoadBalancers API reference
  // (SecurityGroups, SourceSecurityGroup.GroupName). The default_elb group below is made as ELB
  // makes it; the emulator makes one per balancer, without rules.
  it('a classic balancer made without a group in the default VPC gets the default_elb group, not the VPC default group', async () => {
    const region = 'us-west-2';
    const { vpcId } = await defaultSubnet(region);
    // None yet: Elastic Load Balancing makes it with the listener port open.
    const before = await balancerIngress(session, region, { vpcId, port: 80, type: 'classic' });
    assert.deepStrictEqual([before.admitted, before.elbProvided, before.groups], [true, 'new', []]);
    // An application load balancer gets the VPC's default group, closed.
    const alb = await balancerIngress(session, region, { vpcId, port: 80, type: 'application' });
    assert.deepStrictEqual([alb.admitted, alb.groups.map((g) => g.name)], [false, ['default']]);
    const { GroupId: provided } = await ec2(region).send(
      new CreateSecurityGroupCommand({
        GroupName: 'default_elb_fc5fbed3-0405-3b7d-a328-ea290example',
        Description: 'ELB created security group used when no security group is specified during ELB creation',
        VpcId: vpcId,
      }),
    );
    await ec2(region).send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: provided,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const existing = await balancerIngress(session, region, { vpcId, port: 80, type: 'classic' });
    assert.deepStrictEqual([existing.admitted, existing.elbProvided, existing.groups.map((g) => g.id)], [true, 'existing', [provided]]);
    // A later balancer on another port reuses the group: AWS asks to check its rules, so does this.
    const other = await balancerIngress(session, region, { vpcId, port: 8080, type: 'classic' });
    assert.deepStrictEqual([other.admitted, other.groups.map((g) => g.id)], [false, [provided]]);
    // Outside the default VPC: the VPC's default group.
    const { Vpc } = await ec2(region).send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }));
    const own = await balancerIngress(session, region, { vpcId: Vpc!.VpcId!, port: 80, type: 'classic' });
    assert.deepStrictEqual([own.admitted, own.elbProvided, own.groups.map((g) => g.name)], [false, undefined, ['default']]);
  });

  it('says no instance is in service, with the reason, for either type', async () => {
    const { a, b } = await twoSubnets();
    const ids = await runInstances('eu-west-3', { count: 2, subnetId: a.id, name: 'web' });
    await elb('eu-west-3').send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'lab-elb',
        Subnets: [a.id],
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      }),
    );
    const classic = (await findAnyLoadBalancer(session, 'eu-west-3', 'lab-elb'))!;
    assert.match(notInServiceProblem(classic, await balancerHealth(session, classic)) ?? '', /^No instance is registered with lab-elb/);
    await elb('eu-west-3').send(
      new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'lab-elb', Instances: ids.map((InstanceId) => ({ InstanceId })) }),
    );
    assert.strictEqual(notInServiceProblem(classic, await balancerHealth(session, classic)), undefined);
    const created = await createApplicationLoadBalancer(session, 'eu-west-3', {
      name: 'lab-alb',
      vpcId: a.vpcId,
      subnetIds: [a.id, b.id],
      listenerPort: 80,
      targetGroup: { name: 'lab-alb-tg', port: 80, healthCheckPath: '/' },
    });
    await changeTargets(session, 'eu-west-3', created.targetGroupArn, ids, true);
    const alb = (await balancerForHost(session, created.dnsName))!;
    assert.strictEqual(alb.name, 'lab-alb');
    assert.strictEqual(notInServiceProblem(alb, await balancerHealth(session, alb)), undefined);
    await ec2('eu-west-3').send(new StopInstancesCommand({ InstanceIds: ids }));
    assert.match(
      notInServiceProblem(classic, await balancerHealth(session, classic, () => 'web')) ?? '',
      /^No instance behind lab-elb is in service, so every request would fail: web \(i-[0-9a-f]+\): OutOfService\. web \(i-[0-9a-f]+\): OutOfService\. Check /,
    );
    assert.match(notInServiceProblem(alb, await balancerHealth(session, alb)) ?? '', /: unused: Target is in the stopped state\. /);
  });

  it('the clean-up finds tagged application load balancers and target groups and deletes them first, in order', async () => {
    const { a, b } = await twoSubnets();
    const created = await createApplicationLoadBalancer(session, 'eu-west-3', {
      name: 'lab-alb',
      vpcId: a.vpcId,
      subnetIds: [a.id, b.id],
      listenerPort: 80,
      targetGroup: { name: 'lab-alb-tg', port: 80, healthCheckPath: '/' },
    });
    const items = await findLabResources(session, ['eu-west-3']);
    assert.deepStrictEqual(
      items.map((i) => [i.kind, i.id]),
      [
        ['loadBalancer', created.arn],
        ['targetGroup', created.targetGroupArn],
      ],
    );
    calls.length = 0;
    const report = await deleteLabResources(session, items);
    assert.deepStrictEqual(report, { deleted: [created.arn, created.targetGroupArn], failed: [] });
    assert.deepStrictEqual(
      calls.filter((c) => /^Delete/.test(c.commandName)).map((c) => c.commandName),
      ['DeleteListenerCommand', 'DeleteLoadBalancerCommand', 'DeleteTargetGroupCommand'],
    );
    assert.deepStrictEqual(await listAllLoadBalancers(session, 'eu-west-3'), []);
    assert.deepStrictEqual(await listTargetGroups(session, 'eu-west-3'), []);
  });
});
