// Launching instances: a dry run for permissions, then RunInstances with the lab's tags.
import * as l10n from '@vscode/l10n';
import type { _InstanceType, AuthorizeSecurityGroupIngressCommandInput, CreateSecurityGroupCommandInput } from '@aws-sdk/client-ec2';
import { type AwsSession } from '../session/awsSession';
import { UserError } from '../session/errors';
import { loadSdk } from '../sdk/loadSdk';
import { cliLine, type SdkCall } from '../session/cliTranscript';
import { instanceNames } from './names';
import { MANAGED_TAG } from '../session/tags';

export interface LaunchRequest {
  readonly region: string;
  readonly name: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly keyName?: string;
  readonly subnetId?: string;
  readonly securityGroupIds?: readonly string[];
  readonly count: number;
  readonly userData?: string;
}

function runInstancesInput(req: LaunchRequest, dryRun: boolean) {
  return {
    DryRun: dryRun,
    ImageId: req.imageId,
    InstanceType: req.instanceType as _InstanceType,
    MinCount: req.count,
    MaxCount: req.count,
    KeyName: req.keyName,
    SubnetId: req.subnetId,
    SecurityGroupIds: req.securityGroupIds?.length ? [...req.securityGroupIds] : undefined,
    UserData: req.userData ? Buffer.from(req.userData, 'utf8').toString('base64') : undefined,
    MetadataOptions: { HttpTokens: 'required' as const, HttpEndpoint: 'enabled' as const },
    TagSpecifications: [
      { ResourceType: 'instance' as const, Tags: [{ Key: 'Name', Value: req.name }, { ...MANAGED_TAG }] },
      { ResourceType: 'volume' as const, Tags: [{ Key: 'Name', Value: req.name }, { ...MANAGED_TAG }] },
    ],
  };
}

/** Runs the instances after a dry run; resolves to their ids. */
export async function launchInstances(session: AwsSession, req: LaunchRequest): Promise<string[]> {
  const [{ RunInstancesCommand }, client] = await Promise.all([loadSdk(), session.ec2(req.region)]);
  try {
    await client.send(new RunInstancesCommand(runInstancesInput(req, true)));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'UnauthorizedOperation') {
      throw new UserError(
        l10n.t(
          'The dry run says the profile "{0}" may not launch instances in {1} (UnauthorizedOperation). Nothing was launched. Ask for the ec2:RunInstances permission.',
          session.profileName,
          req.region,
        ),
      );
    }
    if (name !== 'DryRunOperation') {
      throw error;
    }
  }
  const out = await client.send(new RunInstancesCommand(runInstancesInput(req, false)));
  const ids = (out.Instances ?? []).map((i) => i.InstanceId ?? '').filter(Boolean);
  // Several instances: each gets its own name (web-1, web-2...), not one Name tag N times.
  const { CreateTagsCommand } = await loadSdk();
  for (const call of nameTagCalls(req, ids)) {
    await client.send(new CreateTagsCommand(call.input as { Resources: string[]; Tags: Array<{ Key: string; Value: string }> }));
  }
  return ids;
}

/** The CreateTags calls that name each of several launched instances (none for one). */
export function nameTagCalls(req: LaunchRequest, instanceIds: readonly string[]): SdkCall[] {
  if (instanceIds.length <= 1) {
    return [];
  }
  const names = instanceNames(req.name, instanceIds.length);
  return instanceIds.map((id, i) => ({
    service: 'ec2' as const,
    region: req.region,
    commandName: 'CreateTagsCommand',
    input: { Resources: [id], Tags: [{ Key: 'Name', Value: names[i] }] },
  }));
}

/** The equivalent AWS CLI command line (user-data as a file reference), for the summary and the log. */
export function runInstancesCli(req: LaunchRequest, profile: string, userDataFile = 'user-data.sh'): string {
  return cliLine(
    {
      service: 'ec2',
      region: req.region,
      commandName: 'RunInstancesCommand',
      input: { ...runInstancesInput(req, false), DryRun: undefined },
    },
    { profile, fileReferences: { UserData: `file://${userDataFile}` } },
  );
}

/** The name of the launch's new group: fixed once, so the summary's CLI lines and the call agree. */
export function labGroupName(now: number = Date.now()): string {
  return `ec2-workbench-web-${now.toString(36)}`;
}

/** The two requests that make the lab's group: SSH from one address, HTTP from everyone. */
export function labSecurityGroupCalls(region: string, vpcId: string, sshCidr: string, name: string, groupId = '<new-group-id>'): SdkCall[] {
  return [
    {
      service: 'ec2',
      region,
      commandName: 'CreateSecurityGroupCommand',
      input: {
        GroupName: name,
        Description: 'SSH from the creator, HTTP from everyone (EC2 Workbench)',
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Name', Value: name }, { ...MANAGED_TAG }] }],
      },
    },
    {
      service: 'ec2',
      region,
      commandName: 'AuthorizeSecurityGroupIngressCommand',
      input: {
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: sshCidr, Description: 'SSH from the creator' }] },
          { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTP' }] },
        ],
      },
    },
  ];
}

/** A security group that opens SSH from one address and HTTP to everyone (the lab's web servers). */
export async function createLabSecurityGroup(
  session: AwsSession,
  region: string,
  vpcId: string,
  sshCidr: string,
  name: string = labGroupName(),
): Promise<string> {
  const [sdk, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const [create] = labSecurityGroupCalls(region, vpcId, sshCidr, name);
  const out = await client.send(new sdk.CreateSecurityGroupCommand(create.input as unknown as CreateSecurityGroupCommandInput));
  const groupId = out.GroupId ?? '';
  const [, authorize] = labSecurityGroupCalls(region, vpcId, sshCidr, name, groupId);
  await client.send(new sdk.AuthorizeSecurityGroupIngressCommand(authorize.input as unknown as AuthorizeSecurityGroupIngressCommandInput));
  return groupId;
}

export async function consoleOutput(session: AwsSession, region: string, instanceId: string): Promise<string> {
  const [{ GetConsoleOutputCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new GetConsoleOutputCommand({ InstanceId: instanceId, Latest: true }));
  return out.Output ? Buffer.from(out.Output, 'base64').toString('utf8') : '';
}
