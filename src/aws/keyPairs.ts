// EC2 key pairs.
import type { KeyPairInfo } from '@aws-sdk/client-ec2';
import { AwsSession } from './awsSession';
import { loadSdk } from './loadSdk';

export interface Ec2KeyPair {
  readonly region: string;
  readonly name: string;
  readonly id?: string;
  readonly type?: string;
  readonly fingerprint?: string;
  readonly raw: KeyPairInfo;
}

export async function listKeyPairs(session: AwsSession, region: string): Promise<Ec2KeyPair[]> {
  const [{ DescribeKeyPairsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeKeyPairsCommand({}));
  return (out.KeyPairs ?? [])
    .map((k) => ({ region, name: k.KeyName ?? '', id: k.KeyPairId, type: k.KeyType, fingerprint: k.KeyFingerprint, raw: k }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
