// Issue #26: presigned Instance Connect Endpoint URLs are only ever made for AWS's own endpoint
// names (DescribeInstanceConnectEndpoints' DnsName: <id>.ec2-instance-connect-endpoint.<region>.amazonaws.com,
// .amazonaws.com.cn in China), unless the session uses a custom endpoint URL (an emulator).
import * as assert from 'assert';
import { presignTunnelUrl } from '../../../src/core/aws/ec2/ec2InstanceConnect';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const request = (host: string, region = 'eu-west-3', customEndpoint = false) =>
  presignTunnelUrl({
    host,
    endpointId: 'eice-0123456789abcdef0',
    privateIp: '10.0.7.25',
    remotePort: 22,
    region,
    credentials,
    customEndpoint,
  });

describe('Instance Connect Endpoint host check', () => {
  it('signs for AWS endpoint names of the region only', async () => {
    assert.match(await request('eice-0123456789abcdef0.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com'), /^wss:\/\/eice-/);
    assert.match(await request('eice-0123456789abcdef0.ec2-instance-connect-endpoint.cn-north-1.amazonaws.com.cn', 'cn-north-1'), /^wss:/);
    for (const host of [
      'evil.example.com',
      'eice-0123456789abcdef0.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com.evil.com',
      'eice-0123456789abcdef0.ec2-instance-connect-endpoint.us-east-1.amazonaws.com',
      'ec2-instance-connect-endpoint.eu-west-3.amazonaws.com',
      'x.evil.com/.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com',
      '127.0.0.1:8443',
    ]) {
      await assert.rejects(request(host), /is not an AWS endpoint name for eu-west-3 .*no signed request is made for it\.$/, host);
    }
  });

  it('allows a stand-in host when the session has a custom endpoint URL', async () => {
    assert.match(await request('127.0.0.1:8443', 'eu-west-3', true), /^wss:\/\/127\.0\.0\.1:8443\/openTunnel\?/);
  });
});
