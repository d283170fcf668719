// The only module that loads the AWS SDK at run time. It is bundled apart (dist/sdk.js) and
// required on first AWS use through loadSdk(), so activating the extension loads none of it.
export {
  EC2Client,
  DescribeRegionsCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  DescribeSubnetsCommand,
  DescribeAvailabilityZonesCommand,
  DescribeSecurityGroupsCommand,
  paginateDescribeInstances,
  paginateDescribeVolumes,
  CreateKeyPairCommand,
  ImportKeyPairCommand,
  DeleteKeyPairCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  RebootInstancesCommand,
  TerminateInstancesCommand,
  DescribeImagesCommand,
  AuthorizeSecurityGroupIngressCommand,
  waitUntilInstanceRunning,
  RunInstancesCommand,
  CreateSecurityGroupCommand,
  GetConsoleOutputCommand,
  DescribeInstanceAttributeCommand,
  CreateVolumeCommand,
  AttachVolumeCommand,
  DetachVolumeCommand,
  DeleteVolumeCommand,
  DeleteSecurityGroupCommand,
  waitUntilInstanceTerminated,
} from '@aws-sdk/client-ec2';
export {
  ElasticLoadBalancingClient,
  DescribeLoadBalancersCommand,
  DescribeInstanceHealthCommand,
  paginateDescribeLoadBalancers,
  CreateLoadBalancerCommand,
  ConfigureHealthCheckCommand,
  RegisterInstancesWithLoadBalancerCommand,
  DeregisterInstancesFromLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  DescribeTagsCommand as DescribeElbTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing';
export {
  IAMClient,
  GetAccountPasswordPolicyCommand,
  ListUsersCommand,
  GetLoginProfileCommand,
  CreateLoginProfileCommand,
  UpdateLoginProfileCommand,
  DeleteLoginProfileCommand,
  ListAccountAliasesCommand,
  GetUserCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
export { fromIni } from '@aws-sdk/credential-providers';
export { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
export { DescribeInstanceConnectEndpointsCommand } from '@aws-sdk/client-ec2';
export { EC2InstanceConnectClient, SendSSHPublicKeyCommand } from '@aws-sdk/client-ec2-instance-connect';
export { SignatureV4 } from '@smithy/signature-v4';
