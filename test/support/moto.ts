// Access to the moto server the test command started (its URL comes in EC2WB_MOTO_URL).
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { IAMClient } from '@aws-sdk/client-iam';

export function motoUrl(): string {
  const url = process.env.EC2WB_MOTO_URL;
  if (!url) {
    throw new Error('EC2WB_MOTO_URL is not set: run the tests with "npm test", which starts the moto server.');
  }
  return url;
}

/** Empties the emulator. */
export async function resetMoto(): Promise<void> {
  const res = await fetch(`${motoUrl()}/moto-api/reset`, { method: 'POST' });
  if (!res.ok) {
    throw new Error(`moto reset failed: HTTP ${res.status}`);
  }
}

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** SDK clients used by the tests themselves, to seed the emulator and check its state. */
export function ec2(region: string, endpoint = motoUrl()): EC2Client {
  return new EC2Client({ region, endpoint, credentials });
}

export function elb(region: string, endpoint = motoUrl()): ElasticLoadBalancingClient {
  return new ElasticLoadBalancingClient({ region, endpoint, credentials });
}

export function iam(endpoint = motoUrl()): IAMClient {
  return new IAMClient({ region: 'us-east-1', endpoint, credentials });
}
