// What the sandbox and the walkthrough rely on: private keys found where people put them, the load
// test reaching a stand-in through `resolve`, clean-up leaving no trace on this machine (SSH entries,
// and the .pem when asked), and walkthrough steps ticked by their outcome, not by their start.
import * as assert from 'assert';
import { CreateKeyPairCommand } from '@aws-sdk/client-ec2';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { LabProgress } from '../../src/shared/labProgress';
import { restoreLabTicks } from '../../src/shared/labTicksAtStartup';
import { managedAliases, writeSshEntry } from '../../src/core/ssh/sshConfigFile';
import type { Workbench } from '../../src/workbench';
import { startFarm } from '../support/backends';
import { ec2, motoUrl, resetMoto } from '../support/moto';
import { defaultSubnet, runInstances, ubuntuImage } from '../support/seed';
import { answerPrompts } from './answer';
import { itemOf, nodeAt, refreshAll, workbench } from './helpers';

const run = <T>(id: string, args?: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
const configFile = () => path.join(os.homedir(), '.ssh', 'config');

describe('Lab outcomes', () => {
  let wb: Workbench;
  before(async () => {
    wb = await workbench();
  });
  beforeEach(async () => {
    await resetMoto();
  });

  it('finds ~/.ssh/<name>.pem of a key pair made elsewhere, checked against its public key, without asking', async () => {
    const { KeyMaterial } = await ec2('eu-west-3').send(new CreateKeyPairCommand({ KeyName: 'found-key' }));
    const pem = path.join(os.homedir(), '.ssh', 'found-key.pem');
    fs.mkdirSync(path.dirname(pem), { recursive: true });
    fs.writeFileSync(pem, KeyMaterial!, { mode: 0o600 });
    await refreshAll(wb);
    const node = await nodeAt(wb, 'eu-west-3', 'Key pairs', 'found-key');
    assert.strictEqual(itemOf(wb, node).description, '~/.ssh/found-key.pem');
    const [instanceId] = await runInstances('eu-west-3', { name: 'uses-found-key', keyName: 'found-key', tags: { 'ssh-user': 'ubuntu' } });
    const { command } = await run<{ command: string }>('copySshCommand', { region: 'eu-west-3', instanceId });
    assert.match(command, new RegExp(`^ssh -i ${pem.replace(/[.]/g, '\\.')} ubuntu@`));
  });

  it('sends the load test to the address the resolve setting or argument gives', async () => {
    const farm = await startFarm(['header', 'header', 'header'], 0, ['i-0bbbbbbbbbbbbbbb1', 'i-0bbbbbbbbbbbbbbb2', 'i-0bbbbbbbbbbbbbbb3']);
    const name = 'lab-elb-42.eu-west-3.elb.amazonaws.com';
    try {
      const r = await run<{ byBackend: Record<string, number> }>('loadTest', {
        url: `http://${name}/`,
        requests: 30,
        concurrency: 3,
        resolve: { [`${name}:80`]: new URL(farm.url).host },
      });
      assert.deepStrictEqual(Object.values(r.byBackend), [10, 10, 10]);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      await farm.close();
    }
  });

  it('clean-up removes the SSH entries of the instances it terminates, and the .pem of deleted key pairs when asked', async () => {
    const { keyFile } = await run<{ keyFile: string }>('createKeyPair', { region: 'eu-west-3', name: 'gone-key' });
    const second = (await run<{ keyFile: string }>('createKeyPair', { region: 'eu-west-3', name: 'second-key' })).keyFile;
    const { instanceIds } = await run<{ instanceIds: string[] }>('launchInstance', {
      region: 'eu-west-3',
      name: 'to-clean',
      imageId: await ubuntuImage('eu-west-3'),
      instanceType: 't2.micro',
      subnetId: (await defaultSubnet('eu-west-3')).id,
      keyName: 'gone-key',
    });
    const alias = `ec2-eu-west-3-${instanceIds[0]}`;
    await writeSshEntry(configFile(), { alias, hostName: '192.0.2.10', user: 'ubuntu', identityFile: keyFile, owner: `moto ${motoUrl()}` });
    await writeSshEntry(configFile(), {
      alias: 'ec2-eu-west-3-i-0ffffffffffffff01',
      hostName: '192.0.2.11',
      user: 'ubuntu',
      identityFile: keyFile,
      owner: 'other',
    });
    await run('cleanUp', { regions: ['eu-west-3'], confirmed: true, deleteLocalKeys: true });
    const aliases = (await managedAliases(configFile())).map((a) => a.alias);
    assert.ok(!aliases.includes(alias), "the terminated instance's entry is gone");
    assert.ok(aliases.includes('ec2-eu-west-3-i-0ffffffffffffff01'), 'other entries stay');
    assert.ok(!fs.existsSync(keyFile), 'the private key of the deleted key pair is deleted, as asked');
    assert.ok(!fs.existsSync(second), "every deleted key pair's key goes when asked");
    assert.strictEqual(wb.keyFiles.get('moto', 'eu-west-3', 'gone-key'), undefined);
  });

  it('clean-up keeps the .pem files unless asked', async () => {
    const { keyFile } = await run<{ keyFile: string }>('createKeyPair', { region: 'eu-west-3', name: 'stays-on-disk' });
    await run('cleanUp', { regions: ['eu-west-3'], confirmed: true });
    assert.ok(fs.existsSync(keyFile));
  });

  it('keeps the steps done per profile, so a later window session shows them ticked', async () => {
    await run('createKeyPair', { region: 'eu-west-3', name: 'kept-tick' });
    assert.ok(wb.lab.done.has('keyPair'));
    // What the next activation builds (a new window session), with the same profile and with another one.
    const nextSession = new LabProgress(wb.context.globalState, () => 'moto');
    assert.ok(nextSession.done.has('keyPair'));
    assert.ok(!new LabProgress(wb.context.globalState, () => 'another-profile').done.has('keyPair'));
    nextSession.restore(); // Leaves the context keys as this session's.
  });

  it('shows the saved ticks at activation, before the workbench loads (the entry reads what LabProgress saves)', async () => {
    await run('createKeyPair', { region: 'eu-west-3', name: 'tick-at-start' });
    const saved = new LabProgress(wb.context.globalState, () => 'moto').done;
    assert.ok(saved.has('keyPair'));
    assert.strictEqual(restoreLabTicks(wb.context.globalState), saved.size);
    assert.strictEqual(restoreLabTicks({ get: () => undefined }), 0, 'nothing saved: nothing to show');
    wb.lab.restore(); // Leaves the context keys as this session's.
  });

  it('ticks "Connect your AWS account" once the profile\'s regions are listed (credentials that work)', async () => {
    wb.lab.done.delete('credentials');
    await run('refresh');
    await refreshAll(wb);
    for (let waited = 0; !wb.lab.done.has('credentials') && waited < 10_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(wb.lab.done.has('credentials'));
  });

  it('ticks a walkthrough step when its outcome happens, not when its command starts', async () => {
    wb.lab.done.clear();
    const answering = answerPrompts(wb, [{ escape: true }]);
    await run('createKeyPair', { region: 'eu-west-3', interactive: true });
    answering.dispose();
    assert.ok(!wb.lab.done.has('keyPair'), 'a cancelled command ticks nothing');
    await assert.rejects(run('createKeyPair', { region: 'eu-west-3', name: ' bad' }), /cannot start or end with a space/);
    assert.ok(!wb.lab.done.has('keyPair'), 'a failed command ticks nothing');
    await run('createKeyPair', { region: 'eu-west-3', name: 'ticks' });
    assert.ok(wb.lab.done.has('keyPair'));
    const farm = await startFarm(['error', 'error', 'error']);
    try {
      await run('loadTest', { url: farm.url, requests: 3, concurrency: 1 });
      assert.ok(!wb.lab.done.has('loadBalancer'), 'a load test where nothing answered OK is not the outcome');
      await farm.close();
      const ok = await startFarm(['header', 'header', 'header']);
      await run('loadTest', { url: ok.url, requests: 3, concurrency: 1 });
      await ok.close();
      assert.ok(wb.lab.done.has('loadBalancer'));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      await farm.close().catch(() => undefined);
    }
  });
});
