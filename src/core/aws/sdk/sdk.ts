// The only module that loads the AWS SDK at run time. It is bundled apart (dist/sdk.js) and
// required on first AWS use through loadSdk(): by the host for commands, by the listing worker on its
// own thread for the tree's other reads and the prices (core/listing/reads.ts) and for profiles only
// the SDK can resolve. Activating the extension loads none of it.
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
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
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
  DescribeAddressesCommand,
  DescribeInstanceConnectEndpointsCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
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
  ElasticLoadBalancingV2Client,
  DescribeLoadBalancersCommand as DescribeV2LoadBalancersCommand,
  paginateDescribeLoadBalancers as paginateDescribeV2LoadBalancers,
  CreateLoadBalancerCommand as CreateV2LoadBalancerCommand,
  DeleteLoadBalancerCommand as DeleteV2LoadBalancerCommand,
  DescribeTagsCommand as DescribeV2TagsCommand,
  DescribeListenersCommand,
  CreateListenerCommand,
  DeleteListenerCommand,
  DescribeTargetGroupsCommand,
  CreateTargetGroupCommand,
  DeleteTargetGroupCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  DeregisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
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
export { SSMClient, GetParametersCommand } from '@aws-sdk/client-ssm';
export { PricingClient, GetProductsCommand } from '@aws-sdk/client-pricing';
export { fromIni } from '@aws-sdk/credential-providers';
export { parseXML } from '@aws-sdk/xml-builder';
export { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
export { EC2InstanceConnectClient, SendSSHPublicKeyCommand } from '@aws-sdk/client-ec2-instance-connect';
export { SignatureV4 } from '@smithy/signature-v4';
export {
  CloudWatchClient,
  PutMetricAlarmCommand,
  DescribeAlarmsCommand,
  DeleteAlarmsCommand,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
