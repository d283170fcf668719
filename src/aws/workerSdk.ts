// The part of the AWS SDK the listing worker uses (listWorker.ts): the EC2 client with its two
// listing commands and the shared-file credentials. Bundled apart as dist/workerSdk.js (esbuild.mjs
// points the worker bundle's `./sdk` at it), so a new worker loads about 850 KB instead of the
// whole dist/sdk.js (1 MB: load balancers, IAM, SSM, pricing, every credential provider).
export { EC2Client, DescribeRegionsCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
export { fromIni } from '@aws-sdk/credential-provider-ini';
