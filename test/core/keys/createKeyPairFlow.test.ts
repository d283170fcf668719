import * as assert from 'assert';
import { DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import * as fs from 'fs';
import * as path from 'path';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { describeError } from '../../../src/core/aws/session/errors';
import { createAndSaveKeyPair } from '../../../src/core/keys/createKeyPairFlow';
import { keyPairNameProblem } from '../../../src/core/keys/keyPairName';
import { AwsStandIn } from '../../support/awsStandIn';
import { modeOf, publicKeyOf, tempDir } from '../../support/files';
import { ec2, motoUrl, resetMoto } from '../../support/moto';

async function keyNames(region: string): Promise<string[]> {
  return ((await ec2(region).send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).map((k) => k.KeyName!);
}

async function awsPublicKey(region: string, name: string): Promise<string> {
  const out = await ec2(region).send(new DescribeKeyPairsCommand({ KeyNames: [name], IncludePublicKey: true }));
  return out.KeyPairs![0].PublicKey!.trim().split(' ').slice(0, 2).join(' ');
}

describe('Create key pair and save its private key', () => {
  let session: AwsSession;
  let dir: string;
  beforeEach(async () => {
    await resetMoto();
    session = new AwsSession({ profile: 'moto' });
    dir = path.join(tempDir(), 'keys'); // Missing: the flow creates it with mode 0700.
  });
  afterEach(() => session.dispose());

  for (const keyType of ['rsa', 'ed25519'] as const) {
    it(`writes the ${keyType} key with mode exactly 0600, in a 0700 directory, readable by ssh-keygen`, async () => {
      const saved = await createAndSaveKeyPair(session, { region: 'eu-west-3', name: `lab-${keyType}`, keyType, directory: dir });
      assert.strictEqual(saved.keyFile, path.join(dir, `lab-${keyType}.pem`));
      assert.strictEqual(modeOf(saved.keyFile).toString(8), '600');
      assert.strictEqual(modeOf(dir).toString(8), '700');
      assert.strictEqual(publicKeyOf(saved.keyFile), await awsPublicKey('eu-west-3', `lab-${keyType}`));
    });
  }

  it('leaves an existing file byte-identical and saves where "Save As" says', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const existing = path.join(dir, 'lab.pem');
    fs.writeFileSync(existing, "someone else's key\n", { mode: 0o600 });
    const asked: string[] = [];
    const other = path.join(dir, 'lab-other.pem');
    const saved = await createAndSaveKeyPair(
      session,
      { region: 'eu-west-3', name: 'lab', keyType: 'rsa', directory: dir },
      async (reason) => {
        asked.push(reason);
        return other;
      },
    );
    assert.deepStrictEqual(asked, [`${existing} already exists and is left untouched.`]);
    assert.strictEqual(fs.readFileSync(existing, 'utf8'), "someone else's key\n");
    assert.strictEqual(saved.keyFile, other);
    assert.strictEqual(modeOf(other).toString(8), '600');
    assert.strictEqual(publicKeyOf(other), await awsPublicKey('eu-west-3', 'lab'));
  });

  it('deletes the new key pair on AWS when the key cannot be written and the user gives up', async () => {
    // /sys refuses new files, even to root: the write fails after the key pair exists.
    let asked = 0;
    await assert.rejects(
      createAndSaveKeyPair(session, { region: 'eu-west-3', name: 'lost', keyType: 'rsa', directory: '/sys' }, async () => {
        asked++;
        assert.deepStrictEqual(await keyNames('eu-west-3'), ['lost']); // It exists while the user decides.
        return undefined;
      }),
      (error: Error) => {
        assert.strictEqual(
          describeError(error),
          '/sys/lost.pem cannot be written here (permission denied). The private key was not saved, so the key pair "lost" was deleted in eu-west-3: nothing unusable is left. Try again with another name or directory.',
        );
        return true;
      },
    );
    assert.strictEqual(asked, 1);
    assert.deepStrictEqual(await keyNames('eu-west-3'), []);
  });

  it('refuses invalid names before any call that creates anything', async () => {
    await ec2('eu-west-3').send(new (await import('@aws-sdk/client-ec2')).CreateKeyPairCommand({ KeyName: 'taken' }));
    const proxy = await new AwsStandIn(motoUrl()).start();
    const viaProxy = new AwsSession({ profile: 'moto', endpointUrl: proxy.url });
    try {
      const cases: Array<[string, string]> = [
        ['', 'Enter a key pair name.'],
        ['k'.repeat(256), 'A key pair name has at most 255 characters (this one has 256).'],
        ['clé', 'A key pair name may only use ASCII letters, digits, spaces and punctuation.'],
        ['taken', 'The key pair name "taken" is already used in eu-west-3. Pick another name.'],
      ];
      for (const [name, message] of cases) {
        await assert.rejects(createAndSaveKeyPair(viaProxy, { region: 'eu-west-3', name, keyType: 'rsa', directory: dir }), { message });
      }
      assert.deepStrictEqual(
        proxy.seen.map((r) => r.action),
        ['DescribeKeyPairs'],
      ); // Only the duplicate check reads.
      assert.strictEqual(fs.existsSync(dir), false);
      assert.strictEqual(keyPairNameProblem('k'.repeat(255)), undefined);
    } finally {
      viaProxy.dispose();
      await proxy.close();
    }
  });
});
