// The AWS SDK's part the ProxyCommand (ssh/connectProxy.ts, dist/connect.js) uses: credentials from
// the profile, the EC2 Instance Connect client for SendSSHPublicKey, and SigV4 for the endpoint's
// tunnel URL. esbuild.mjs bundles it into connect.js in place of sdk.ts (aws/loadSdk.ts's `./sdk`),
// so a connection loads none of the other clients (no EC2, ELB, IAM...); the real-login tests of
// test/core/ssh/instanceConnect.test.ts run that bundle, and test/core/manifest/bundles.test.ts
// checks what it holds.
export { fromIni } from '@aws-sdk/credential-provider-ini';
export { EC2InstanceConnectClient, SendSSHPublicKeyCommand } from '@aws-sdk/client-ec2-instance-connect';
export { SignatureV4 } from '@smithy/signature-v4';
