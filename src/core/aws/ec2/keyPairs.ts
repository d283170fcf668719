// EC2 key pairs.
import * as l10n from '@vscode/l10n';
import type { KeyPairInfo } from '@aws-sdk/client-ec2';
import { type AwsSession } from '../session/awsSession';
import { loadSdk } from '../sdk/loadSdk';
import { MANAGED_TAG } from '../session/tags';

export interface Ec2KeyPair {
  readonly region: string;
  readonly name: string;
  readonly id?: string;
  readonly type?: string;
  readonly fingerprint?: string;
  /** "ssh-rsa AAAA…" or "ssh-ed25519 AAAA…": what a local private key is checked against. */
  readonly publicKey?: string;
  readonly raw: KeyPairInfo;
}

export async function listKeyPairs(session: AwsSession, region: string): Promise<Ec2KeyPair[]> {
  const [{ DescribeKeyPairsCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new DescribeKeyPairsCommand({ IncludePublicKey: true }));
  return (out.KeyPairs ?? [])
    .map((k) => ({
      region,
      name: k.KeyName ?? '',
      id: k.KeyPairId,
      type: k.KeyType,
      fingerprint: k.KeyFingerprint,
      publicKey: k.PublicKey,
      raw: k,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface CreatedKeyPair {
  readonly name: string;
  readonly id?: string;
  readonly fingerprint?: string;
  /** The private key. Never log it, never show it. */
  readonly material: string;
}

export async function createKeyPair(
  session: AwsSession,
  region: string,
  name: string,
  keyType: 'rsa' | 'ed25519',
): Promise<CreatedKeyPair> {
  const [{ CreateKeyPairCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(
    new CreateKeyPairCommand({
      KeyName: name,
      KeyType: keyType,
      KeyFormat: 'pem',
      TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ ...MANAGED_TAG }] }],
    }),
  );
  if (!out.KeyMaterial) {
    throw new Error(l10n.t('AWS created the key pair "{0}" but returned no private key.', name));
  }
  return { name, id: out.KeyPairId, fingerprint: out.KeyFingerprint, material: out.KeyMaterial };
}

export async function importKeyPair(
  session: AwsSession,
  region: string,
  name: string,
  publicKey: string,
): Promise<{ fingerprint?: string }> {
  const [{ ImportKeyPairCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const out = await client.send(new ImportKeyPairCommand({ KeyName: name, PublicKeyMaterial: Buffer.from(publicKey) }));
  return { fingerprint: out.KeyFingerprint };
}

export async function deleteKeyPair(session: AwsSession, region: string, name: string): Promise<void> {
  const [{ DeleteKeyPairCommand }, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  await client.send(new DeleteKeyPairCommand({ KeyName: name }));
}
