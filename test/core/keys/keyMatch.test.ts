// A private key is recognised where people put it only when it is the key pair's own: its public
// half, derived here, must equal the public key AWS holds (compared with ssh-keygen's own answer).
import * as assert from 'assert';
import { CreateKeyPairCommand, DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { listKeyPairs } from '../../../src/core/aws/ec2/keyPairs';
import { KeyFileRegistry } from '../../../src/core/keys/keyFileRegistry';
import { findPrivateKey, publicBlobOf } from '../../../src/core/keys/keyMatch';
import { tempDir } from '../../support/files';
import { ec2, resetMoto } from '../../support/moto';

function memoryStore() {
  const data = new Map<string, unknown>();
  return { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k: string, v: unknown) => void data.set(k, v) };
}

describe("Finding a key pair's private key by its public half", () => {
  for (const [type, args] of [
    ['RSA (PEM)', ['-t', 'rsa', '-b', '2048', '-m', 'PEM']],
    ['ED25519 (OpenSSH format)', ['-t', 'ed25519']],
  ] as const) {
    it(`derives the same public key as ssh-keygen -y for ${type}`, () => {
      const key = path.join(tempDir(), 'k');
      execFileSync('ssh-keygen', ['-q', ...args, '-N', '', '-f', key]);
      assert.strictEqual(
        publicBlobOf(fs.readFileSync(key, 'utf8')),
        execFileSync('ssh-keygen', ['-y', '-f', key], { encoding: 'utf8' }).trim().split(' ')[1],
      );
    });
  }

  it('finds <folder>/<name>.pem of key pairs AWS created, and refuses a different key under the same name', async () => {
    await resetMoto();
    const session = new AwsSession({ profile: 'moto' });
    const [keys, home] = [path.join(tempDir(), 'keys'), path.join(tempDir(), '.ssh')];
    fs.mkdirSync(keys);
    fs.mkdirSync(home);
    try {
      for (const [name, KeyType] of [
        ['lab-rsa', 'rsa'],
        ['lab-ed', 'ed25519'],
      ] as const) {
        const { KeyMaterial } = await ec2('eu-west-3').send(new CreateKeyPairCommand({ KeyName: name, KeyType }));
        fs.writeFileSync(path.join(home, `${name}.pem`), KeyMaterial!, { mode: 0o600 });
      }
      // Another key saved under lab-rsa's name in the key folder: not lab-rsa's.
      execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-f', path.join(keys, 'lab-rsa.pem')]);
      const pairs = await listKeyPairs(session, 'eu-west-3');
      const registry = new KeyFileRegistry(memoryStore());
      for (const pair of pairs) {
        assert.ok(pair.publicKey, `${pair.name} has its public key`);
        assert.strictEqual(await registry.resolve('moto', pair, [keys, home]), path.join(home, `${pair.name}.pem`));
        assert.strictEqual(registry.get('moto', 'eu-west-3', pair.name), path.join(home, `${pair.name}.pem`), 'remembered');
      }
      const rsa = (await ec2('eu-west-3').send(new DescribeKeyPairsCommand({ KeyNames: ['lab-rsa'], IncludePublicKey: true })))
        .KeyPairs![0];
      assert.strictEqual(await findPrivateKey('lab-rsa', rsa.PublicKey, [keys]), undefined, 'the other key is not taken for it');
      assert.strictEqual(await findPrivateKey('missing', rsa.PublicKey, [keys, home]), undefined);
    } finally {
      session.dispose();
    }
  });
});
