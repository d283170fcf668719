import * as assert from 'assert';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, RegisterInstancesWithLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { listInstances, matchesFilter, parseInstanceFilter } from '../../../src/core/aws/ec2/instances';
import { describeInstanceHealth, listLoadBalancers } from '../../../src/core/aws/elb/classicLoadBalancers';
import { listSecurityGroups, listSubnets } from '../../../src/core/aws/ec2/network';
import { ec2, elb, resetMoto } from '../../support/moto';
import { defaultSubnet, runInstances } from '../../support/seed';

describe('EC2 inventory', () => {
  let session: AwsSession;
  beforeEach(async () => {
    await resetMoto();
    session = new AwsSession({ profile: 'moto' });
  });
  afterEach(() => session.dispose());

  it('follows pagination: 2,500 instances in one region are all listed', async () => {
    for (let i = 0; i < 5; i++) {
      await runInstances('ap-south-1', { count: 500 });
    }
    const instances = await listInstances(session, 'ap-south-1');
    assert.strictEqual(instances.length, 2500);
    assert.strictEqual(new Set(instances.map((i) => i.id)).size, 2500);
  });

  it('maps names, states, tags and network fields', async () => {
    const [id] = await runInstances('eu-west-3', { name: 'web-1', tags: { env: 'lab' } });
    const [instance] = await listInstances(session, 'eu-west-3');
    assert.strictEqual(instance.id, id);
    assert.strictEqual(instance.name, 'web-1');
    assert.strictEqual(instance.state, 'running');
    assert.deepStrictEqual(instance.tags, { Name: 'web-1', env: 'lab' });
    assert.match(instance.availabilityZone ?? '', /^eu-west-3[a-c]$/);
    assert.ok(instance.privateIp && instance.ownerId);
  });

  it('filters by text, state and tag', async () => {
    await runInstances('eu-west-3', { name: 'web-1', tags: { env: 'lab' } });
    await runInstances('eu-west-3', { name: 'db', tags: { env: 'prod' } });
    const all = await listInstances(session, 'eu-west-3');
    const names = (filter: string) =>
      all
        .filter((i) => matchesFilter(i, parseInstanceFilter(filter)))
        .map((i) => i.name)
        .sort();
    assert.deepStrictEqual(names('WEB'), ['web-1']);
    assert.deepStrictEqual(names('env=prod'), ['db']);
    assert.deepStrictEqual(names('env'), []);
    assert.deepStrictEqual(names('state:running'), ['db', 'web-1']);
    assert.deepStrictEqual(names('state:stopped'), []);
    assert.deepStrictEqual(names(all[0].id), [all[0].name]);
    assert.deepStrictEqual(parseInstanceFilter('web state:Running env=a=b'), {
      text: 'web',
      state: 'running',
      tag: { key: 'env', value: 'a=b' },
    });
  });

  it('describes security group rules readably and lists subnets with their AZ', async () => {
    const subnet = await defaultSubnet('eu-west-3');
    const { GroupId } = await ec2('eu-west-3').send(
      new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: subnet.vpcId }),
    );
    await ec2('eu-west-3').send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.7/32' }] },
          { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    const web = (await listSecurityGroups(session, 'eu-west-3')).find((g) => g.id === GroupId);
    assert.deepStrictEqual(web?.inbound, ['tcp 22 from 203.0.113.7/32', 'tcp 80 from 0.0.0.0/0']);
    const subnets = await listSubnets(session, 'eu-west-3');
    assert.ok(subnets.length >= 3 && subnets.every((s) => s.availabilityZone?.startsWith('eu-west-3') && s.cidr));
    assert.ok(subnets[0].defaultForAz);
  });

  it('lists classic load balancers with listeners and instance health', async () => {
    const subnet = await defaultSubnet('eu-west-3');
    const ids = await runInstances('eu-west-3', { count: 2, subnetId: subnet.id });
    await elb('eu-west-3').send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'lab-elb',
        Subnets: [subnet.id],
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }],
      }),
    );
    await elb('eu-west-3').send(
      new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'lab-elb', Instances: ids.map((InstanceId) => ({ InstanceId })) }),
    );
    const [lb] = await listLoadBalancers(session, 'eu-west-3');
    assert.strictEqual(lb.name, 'lab-elb');
    assert.deepStrictEqual(lb.listeners, ['HTTP 80 → HTTP 8080']);
    assert.deepStrictEqual([...lb.instanceIds].sort(), [...ids].sort());
    const health = await describeInstanceHealth(session, 'eu-west-3', 'lab-elb');
    assert.deepStrictEqual(health.map((h) => h.instanceId).sort(), [...ids].sort());
    assert.ok(health.every((h) => h.state === 'InService' || h.state === 'OutOfService'));
  });
});
