import * as assert from 'assert';
import { CreateKeyPairCommand, DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { execFileSync } from 'child_process';
import { createHash, createPublicKey } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Workbench } from '../../src/workbench';
import { modeOf, publicKeyOf, tempDir } from '../support/files';
import { ec2, resetMoto } from '../support/moto';
import { childLabels, itemOf, nodeAt, refreshAll, workbench } from './helpers';

const run = <T>(id: string, args: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));

async function keyNames(region: string): Promise<string[]> {
  return ((await ec2(region).send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).map((k) => k.KeyName!).sort();
}

describe('Key pairs', () => {
  let wb: Workbench;
  before(async () => {
    wb = await workbench();
    await resetMoto();
    await refreshAll(wb);
  });

  it('creates a key pair into ~/.ssh by default, mode 0600, and shows where its private key is', async () => {
    const { keyName, keyFile } = await run<{ keyName: string; keyFile: string }>('createKeyPair', { region: 'eu-west-3', name: 'lab-key' });
    assert.strictEqual(keyName, 'lab-key');
    assert.strictEqual(keyFile, path.join(os.homedir(), '.ssh', 'lab-key.pem'));
    assert.strictEqual(modeOf(keyFile).toString(8), '600');
    const aws = await ec2('eu-west-3').send(new DescribeKeyPairsCommand({ KeyNames: ['lab-key'], IncludePublicKey: true }));
    assert.strictEqual(publicKeyOf(keyFile), aws.KeyPairs![0].PublicKey!.trim().split(' ').slice(0, 2).join(' '));
    await wb.explorer.settled();
    const item = itemOf(wb, await nodeAt(wb, 'eu-west-3', 'Key pairs', 'lab-key'));
    assert.strictEqual(item.description, 'rsa · ~/.ssh/lab-key.pem');
    assert.strictEqual(item.contextValue, 'keyPair.local');
  });

  it('rejects when the .pem exists, leaves it byte-identical, and leaves no key pair behind', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'clash.pem');
    fs.writeFileSync(file, 'precious\n', { mode: 0o600 });
    await assert.rejects(run('createKeyPair', { region: 'eu-west-3', name: 'clash', directory: dir }), {
      message: `${file} already exists and is left untouched. Pick another key pair name or key directory. No key pair was created.`,
    });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'precious\n');
    assert.ok(!(await keyNames('eu-west-3')).includes('clash'));
  });

  it('refuses invalid names with a clear message', async () => {
    await assert.rejects(run('createKeyPair', { region: 'eu-west-3', name: 'x'.repeat(256) }), {
      message: 'A key pair name has at most 255 characters (this one has 256).',
    });
    await assert.rejects(run('createKeyPair', { region: 'eu-west-3', name: 'lab-key' }), {
      message: 'The key pair name "lab-key" is already used in eu-west-3. Pick another name.',
    });
  });

  it('imports a public key; the fingerprint matches the local key', async () => {
    const dir = tempDir();
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', path.join(dir, 'id_rsa')]);
    const { keyName, fingerprint } = await run<{ keyName: string; fingerprint: string }>('importKeyPair', {
      region: 'us-east-1',
      name: 'laptop',
      publicKeyFile: path.join(dir, 'id_rsa.pub'),
    });
    assert.strictEqual(keyName, 'laptop');
    // AWS's fingerprint of an imported key: MD5 of the DER public key.
    const spki = createPublicKey(execFileSync('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', path.join(dir, 'id_rsa.pub')])).export({
      type: 'spki',
      format: 'der',
    });
    assert.strictEqual(fingerprint, createHash('md5').update(spki).digest('hex').match(/../g)!.join(':'));
    assert.strictEqual(wb.keyFiles.get('moto', 'us-east-1', 'laptop'), path.join(dir, 'id_rsa'));
    await assert.rejects(
      run('importKeyPair', { region: 'us-east-1', name: 'bad', publicKeyFile: path.join(dir, 'id_rsa') }),
      /is a private key/,
    );
  });

  it('locates a private key created elsewhere and restricts its permissions', async () => {
    const created = await ec2('eu-west-3').send(new CreateKeyPairCommand({ KeyName: 'elsewhere' }));
    const file = path.join(tempDir(), 'elsewhere.pem');
    fs.writeFileSync(file, created.KeyMaterial!, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const { keyFile } = await run<{ keyFile: string }>('locatePrivateKey', {
      region: 'eu-west-3',
      name: 'elsewhere',
      keyFile: file,
      fixPermissions: true,
    });
    assert.strictEqual(keyFile, file);
    assert.strictEqual(modeOf(file).toString(8), '600');
    await wb.explorer.settled();
    assert.strictEqual(itemOf(wb, await nodeAt(wb, 'eu-west-3', 'Key pairs', 'elsewhere')).contextValue, 'keyPair.local');
    await assert.rejects(run('locatePrivateKey', { region: 'eu-west-3', name: 'elsewhere', keyFile: __filename }), /is not a private key/);
  });

  it('deletes a key pair and keeps the local file unless asked', async () => {
    const keyFile = path.join(os.homedir(), '.ssh', 'lab-key.pem');
    await run('deleteKeyPair', { region: 'eu-west-3', name: 'lab-key', confirmed: true });
    assert.ok(!(await keyNames('eu-west-3')).includes('lab-key'));
    assert.ok(fs.existsSync(keyFile));
    const second = await run<{ keyFile: string }>('createKeyPair', { region: 'eu-west-3', name: 'temp', directory: tempDir() });
    await run('deleteKeyPair', { region: 'eu-west-3', name: 'temp', confirmed: true, deleteLocalFile: true });
    assert.ok(!fs.existsSync(second.keyFile));
    await wb.explorer.settled();
    assert.deepStrictEqual(await childLabels(wb, 'eu-west-3', 'Key pairs'), ['elsewhere']);
  });
});
