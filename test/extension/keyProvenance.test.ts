// Provenance of private key files (issue #26): Clean Up and Delete Key Pair delete only a file EC2
// Workbench wrote itself and that is still that file. The user's own key (an imported
// ~/.ssh/id_ed25519, a symbolic link to it, a located or found .pem, an entry recorded before
// provenance existed, a file replaced since) is compared byte for byte afterwards.
import * as assert from 'assert';
import { CreateKeyPairCommand, CreateTagsCommand, DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Workbench } from '../../src/workbench';
import { tempDir } from '../support/files';
import { ec2, resetMoto } from '../support/moto';
import { workbench } from './helpers';

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
const REGION = 'eu-west-3';

/** Every regular file under `dir` (links read as their target path), as name → bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = fs.lstatSync(file);
    out.set(name, stat.isSymbolicLink() ? Buffer.from(`-> ${fs.readlinkSync(file)}`) : fs.readFileSync(file));
  }
  return out;
}

/** A personal ed25519 key made by the real ssh-keygen, as people have in ~/.ssh. */
function personalKey(dir: string, name = 'id_ed25519'): string {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'me@laptop', '-f', file]);
  return file;
}

/** Tags a key pair ec2-workbench=lab, as anyone in the account can: that alone must never make a local file deletable. */
async function tagAsLab(name: string): Promise<void> {
  const out = await ec2(REGION).send(new DescribeKeyPairsCommand({ KeyNames: [name] }));
  await ec2(REGION).send(
    new CreateTagsCommand({ Resources: [out.KeyPairs![0].KeyPairId!], Tags: [{ Key: 'ec2-workbench', Value: 'lab' }] }),
  );
}

describe('Key file provenance', () => {
  let wb: Workbench;
  let messages: string[];
  let restore: () => void;
  before(async () => {
    wb = await workbench();
  });
  beforeEach(async () => {
    await resetMoto();
    messages = [];
    const original = vscode.window.showInformationMessage;
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = (message: string, ...rest: unknown[]) => {
      messages.push(message);
      return (original as (...a: unknown[]) => unknown)(message, ...rest);
    };
    restore = () => ((vscode.window as { showInformationMessage: unknown }).showInformationMessage = original);
  });
  afterEach(() => restore());

  it('Clean Up keeps an imported ~/.ssh/id_ed25519 and a symlink to it, even when the key pair carries the lab tag', async () => {
    const ssh = tempDir();
    const key = personalKey(ssh);
    fs.symlinkSync(key, path.join(ssh, 'lab-link'));
    fs.symlinkSync(`${key}.pub`, path.join(ssh, 'lab-link.pub'));
    const before = snapshot(ssh);
    await run('importKeyPair', { region: REGION, name: 'laptop', publicKeyFile: `${key}.pub` });
    await run('importKeyPair', { region: REGION, name: 'via-link', publicKeyFile: path.join(ssh, 'lab-link.pub') });
    assert.strictEqual(wb.keyFiles.get('moto', REGION, 'laptop'), key);
    await tagAsLab('laptop');
    await tagAsLab('via-link');
    const report = await run<{ deleted: string[] }>('cleanUp', { regions: [REGION], confirmed: true, deleteLocalKeys: true });
    assert.deepStrictEqual([...report.deleted].sort(), ['laptop', 'via-link'], 'the key pairs themselves are deleted on AWS');
    assert.deepStrictEqual(snapshot(ssh), before, 'the personal key, its public half and the links are byte-identical');
    assert.ok(
      messages.some((m) => m.includes(`${key}, ${path.join(ssh, 'lab-link')} were not created by EC2 Workbench and stay.`)),
      messages.join(' | '),
    );
  });

  it('Delete Key Pair and Private Key File keeps an imported key and says so in one sentence', async () => {
    const ssh = tempDir();
    const key = personalKey(ssh);
    const before = snapshot(ssh);
    await run('importKeyPair', { region: REGION, name: 'laptop', publicKeyFile: `${key}.pub` });
    await run('deleteKeyPair', { region: REGION, name: 'laptop', confirmed: true, deleteLocalFile: true });
    assert.deepStrictEqual(snapshot(ssh), before);
    assert.ok(
      messages.includes(`Key pair laptop deleted in ${REGION}. ${key} was not created by EC2 Workbench and stays.`),
      messages.join(' | '),
    );
    assert.strictEqual(wb.keyFiles.get('moto', REGION, 'laptop'), undefined, 'the link is forgotten, the file stays');
  });

  it('keeps a located key, a key found next to ~/.ssh, and an entry recorded before provenance existed', async () => {
    const dir = tempDir();
    const material = async (name: string) => {
      const created = await ec2(REGION).send(
        new CreateKeyPairCommand({
          KeyName: name,
          TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'ec2-workbench', Value: 'lab' }] }],
        }),
      );
      const file = path.join(dir, `${name}.pem`);
      fs.writeFileSync(file, created.KeyMaterial!, { mode: 0o600 });
      return file;
    };
    const located = await material('located');
    await run('locatePrivateKey', { region: REGION, name: 'located', keyFile: located });
    await material('found');
    const publicKey = (await ec2(REGION).send(new DescribeKeyPairsCommand({ KeyNames: ['found'], IncludePublicKey: true }))).KeyPairs![0]
      .PublicKey;
    assert.strictEqual(await wb.keyFiles.resolve('moto', { region: REGION, name: 'found', publicKey }, [dir]), path.join(dir, 'found.pem'));
    const legacy = await material('legacy');
    // What an earlier version stored: the bare path, no provenance.
    const store = wb.keyFiles['store'];
    await store.update('ec2Workbench.keyFiles', {
      ...store.get<object>('ec2Workbench.keyFiles'),
      [JSON.stringify(['moto', REGION, 'legacy'])]: legacy,
    });
    assert.strictEqual(wb.keyFiles.get('moto', REGION, 'legacy'), legacy);
    const before = snapshot(dir);
    await run('cleanUp', { regions: [REGION], confirmed: true, deleteLocalKeys: true });
    assert.deepStrictEqual(snapshot(dir), before);
  });

  it('deletes a .pem it wrote, but not one replaced since by another file at the same path', async () => {
    const dir = tempDir();
    const ours = await run<{ keyFile: string }>('createKeyPair', { region: REGION, name: 'ours', directory: dir });
    const replaced = await run<{ keyFile: string }>('createKeyPair', { region: REGION, name: 'replaced', directory: dir });
    // The user moves the written key away and puts their own key at that path.
    fs.renameSync(replaced.keyFile, path.join(dir, 'moved.pem'));
    const own = personalKey(dir, 'own');
    fs.copyFileSync(own, replaced.keyFile);
    const ownBytes = fs.readFileSync(replaced.keyFile);
    await run('cleanUp', { regions: [REGION], confirmed: true, deleteLocalKeys: true });
    assert.ok(!fs.existsSync(ours.keyFile), 'the .pem EC2 Workbench wrote, unchanged, is deleted as asked');
    assert.deepStrictEqual(fs.readFileSync(replaced.keyFile), ownBytes, 'a file now at that path is not the one written: kept');
    assert.ok(fs.existsSync(path.join(dir, 'moved.pem')));
    assert.ok(
      messages.some((m) => m.includes(`${replaced.keyFile} is no longer the file EC2 Workbench wrote and stays.`)),
      messages.join(' | '),
    );
  });
});
