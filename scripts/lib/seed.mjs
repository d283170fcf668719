import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// Demo resources for the sandbox and the screenshots: what a student has midway through the lab.
import {
  AttachVolumeCommand, CreateImageCommand, CreateKeyPairCommand, CreateTagsCommand, CreateVolumeCommand, DescribeImagesCommand, DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand, EC2Client, RunInstancesCommand, StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand, ElasticLoadBalancingClient, RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  CreateListenerCommand, CreateLoadBalancerCommand as CreateV2LoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const tags = (name) => [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }];

async function ubuntuImage(ec2) {
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'] }));
  const image = Images.filter((i) => /ubuntu/.test(i.Name ?? '')).sort((a, b) => (b.Name ?? '').localeCompare(a.Name ?? ''))[0];
  if (!image?.ImageId) throw new Error('the emulator has no Ubuntu image');
  return image.ImageId;
}

async function run(ec2, imageId, name, subnetId, keyName) {
  // AWS attaches the VPC's default security group when none is given; moto needs it said.
  const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }));
  const out = await ec2.send(new RunInstancesCommand({
    ImageId: imageId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, KeyName: keyName, SubnetId: subnetId,
    SecurityGroupIds: SecurityGroups.slice(0, 1).map((g) => g.GroupId),
    TagSpecifications: tags(name),
  }));
  return out.Instances[0].InstanceId;
}

/**
 * `sshUser`: the login user written as the `ssh-user` tag of web-1, for a sandbox whose local sshd
 * stands in for that instance (only local accounts can log in there).
 */
export async function seedDemo(endpoint, { keyDirectory, sshUser } = {}) {
  const paris = new EC2Client({ region: 'eu-west-3', endpoint, credentials });
  const virginia = new EC2Client({ region: 'us-east-1', endpoint, credentials });
  const elb = new ElasticLoadBalancingClient({ region: 'eu-west-3', endpoint, credentials });

  const labKey = await paris.send(new CreateKeyPairCommand({ KeyName: 'lab-key' }));
  if (keyDirectory) {
    // The demo key's private half, as a student would have saved it by hand (see "Locate Private Key...").
    mkdirSync(keyDirectory, { recursive: true, mode: 0o700 });
    writeFileSync(join(keyDirectory, 'lab-key.pem'), labKey.KeyMaterial, { mode: 0o600 });
  }
  const { Subnets = [] } = await paris.send(new DescribeSubnetsCommand({}));
  const subnet = Subnets.find((s) => s.AvailabilityZone === 'eu-west-3a') ?? Subnets[0];
  const image = await ubuntuImage(paris);
  const web = [];
  for (const name of ['web-1', 'web-2', 'web-3']) {
    web.push(await run(paris, image, name, subnet.SubnetId, 'lab-key'));
  }
  if (sshUser) {
    await paris.send(new CreateTagsCommand({ Resources: [web[0]], Tags: [{ Key: 'ssh-user', Value: sshUser }] }));
  }
  const db = await run(paris, image, 'database', subnet.SubnetId, 'lab-key');
  // An application load balancer beside the lab's classic one: web-1..3 healthy, and the stopped
  // database registered by mistake, which AWS reports with its reason.
  const elbv2 = new ElasticLoadBalancingV2Client({ region: 'eu-west-3', endpoint, credentials });
  const subnetB = Subnets.find((s) => s.AvailabilityZone === 'eu-west-3b') ?? Subnets[1];
  const { TargetGroups: [group] } = await elbv2.send(new CreateTargetGroupCommand({
    Name: 'lab-web', Protocol: 'HTTP', Port: 80, VpcId: subnet.VpcId, TargetType: 'instance', HealthCheckPath: '/',
  }));
  const { LoadBalancers: [alb] } = await elbv2.send(new CreateV2LoadBalancerCommand({
    Name: 'lab-alb', Type: 'application', Scheme: 'internet-facing', Subnets: [subnet.SubnetId, subnetB.SubnetId],
  }));
  await elbv2.send(new CreateListenerCommand({
    LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn }],
  }));
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: group.TargetGroupArn, Targets: [...web, db].map((Id) => ({ Id })) }));
  elbv2.destroy();
  await paris.send(new StopInstancesCommand({ InstanceIds: [db] }));

  const volume = await paris.send(new CreateVolumeCommand({
    AvailabilityZone: subnet.AvailabilityZone, Size: 8, VolumeType: 'gp3',
    TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'web-data' }] }],
  }));
  await paris.send(new AttachVolumeCommand({ VolumeId: volume.VolumeId, InstanceId: web[0], Device: '/dev/sdf' }));

  const lb = await elb.send(new CreateLoadBalancerCommand({
    LoadBalancerName: 'lab-elb', Subnets: [subnet.SubnetId],
    Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
  }));
  await elb.send(new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'lab-elb', Instances: web.map((InstanceId) => ({ InstanceId })) }));

  const { Subnets: usSubnets = [] } = await virginia.send(new DescribeSubnetsCommand({}));
  const dev = await run(virginia, await ubuntuImage(virginia), 'dev-box', usSubnets[0].SubnetId, undefined);
  await virginia.send(new CreateTagsCommand({ Resources: [dev], Tags: [{ Key: 'Owner', Value: 'student' }] }));
  // The end of the lab: a student user, and a password policy to meet.
  const iam = new IAMClient({ region: 'us-east-1', endpoint, credentials });
  await iam.send(new CreateUserCommand({ UserName: 'student' }));
  await iam.send(new CreateUserCommand({ UserName: 'teacher' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'teacher', Password: 'Teacher!Demo-2026' }));
  await iam.send(new UpdateAccountPasswordPolicyCommand({
    MinimumPasswordLength: 12, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true,
  }));
  // Current releases as AWS's public SSM parameters name them (the emulator publishes none): images
  // made here with the names the distributions give theirs, answered by the sandbox's stand-in.
  const publicParameters = {};
  for (const [client, instance] of [[paris, web[1]], [virginia, dev]]) {
    const region = await client.config.region();
    const make = async (Name) => (await client.send(new CreateImageCommand({ InstanceId: instance, Name, Description: Name }))).ImageId;
    publicParameters[region] = {
      '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id': await make('ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251120'),
      '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id': await make('ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20251118'),
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64': await make('al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64'),
      '/aws/service/debian/release/12/latest/amd64': await make('debian-12-amd64-20251112-2294'),
    };
  }
  for (const client of [paris, virginia, elb, iam]) client.destroy();
  return { web, db, dev, volumeId: volume.VolumeId, loadBalancerDns: lb.DNSName, publicParameters };
}
