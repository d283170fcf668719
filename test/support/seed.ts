// Seeds the emulator for tests with the real SDK.
import {
  CreateTagsCommand,
  DescribeImagesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  RunInstancesCommand,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import { CreateUserCommand, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { ec2, iam } from './moto';

/** An IAM user, and the strict account password policy of many schools: 14 characters and all four kinds. */
export async function userUnderStrictPolicy(userName: string): Promise<void> {
  await iam().send(new CreateUserCommand({ UserName: userName }));
  await iam().send(
    new UpdateAccountPasswordPolicyCommand({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
    }),
  );
}

export async function ubuntuImage(region: string): Promise<string> {
  const { Images = [] } = await ec2(region).send(new DescribeImagesCommand({ Owners: ['099720109477'] }));
  const id = Images.find((i) => /ubuntu/.test(i.Name ?? ''))?.ImageId;
  if (!id) {
    throw new Error(`no Ubuntu image in the emulator's ${region}`);
  }
  return id;
}

export async function defaultSubnet(region: string, az?: string): Promise<{ id: string; az: string; vpcId: string }> {
  const { Subnets = [] } = await ec2(region).send(new DescribeSubnetsCommand({}));
  const s = Subnets.find((x) => x.DefaultForAz && (!az || x.AvailabilityZone === az)) ?? Subnets[0];
  return { id: s.SubnetId!, az: s.AvailabilityZone!, vpcId: s.VpcId! };
}

/** The default security group of the default VPC (AWS attaches it when none is given; moto does not). */
export async function defaultSecurityGroup(region: string): Promise<string> {
  const out = await ec2(region).send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }));
  return out.SecurityGroups![0].GroupId!;
}

export async function runInstances(
  region: string,
  options: { name?: string; count?: number; keyName?: string; type?: _InstanceType; subnetId?: string; tags?: Record<string, string> } = {},
): Promise<string[]> {
  const client = ec2(region);
  const out = await client.send(
    new RunInstancesCommand({
      ImageId: await ubuntuImage(region),
      InstanceType: options.type ?? 't2.micro',
      MinCount: options.count ?? 1,
      MaxCount: options.count ?? 1,
      KeyName: options.keyName,
      SubnetId: options.subnetId,
      SecurityGroupIds: [await defaultSecurityGroup(region)],
    }),
  );
  const ids = (out.Instances ?? []).map((i) => i.InstanceId!);
  const tags = { ...(options.name ? { Name: options.name } : {}), ...options.tags };
  if (Object.keys(tags).length) {
    await client.send(new CreateTagsCommand({ Resources: ids, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
  }
  return ids;
}
