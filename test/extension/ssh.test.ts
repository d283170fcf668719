import * as assert from 'assert';
import { CreateTagsCommand, DescribeSecurityGroupsCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { BLOCK_BEGIN } from '../../src/ssh/sshConfigFile';
import { startAddressServer } from '../support/addressServer';
import { tempDir } from '../support/files';
import { ec2, resetMoto } from '../support/moto';
import { runInstances } from '../support/seed';
import { sshThroughConfig, startSshd } from '../support/sshd';
import { workbench } from './helpers';

const run = <T>(id: string, args: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
const USER_ENTRIES = '# written by me\nHost work\n  HostName work.example.com\n  User me\n';

describe('SSH hand-off', () => {
  let instanceId: string;
  let keyFile: string;
  let address: { url: string; close(): Promise<void> };
  const configFile = path.join(os.homedir(), '.ssh', 'config');
  const me = os.userInfo().username;

  before(async () => {
    await workbench();
    await resetMoto();
    address = await startAddressServer('203.0.113.7');
    await vscode.workspace.getConfiguration('ec2Workbench').update('ssh.addressLookupUrl', address.url, vscode.ConfigurationTarget.Global);
    ({ keyFile } = await run<{ keyFile: string }>('createKeyPair', { region: 'eu-west-3', name: 'ssh-key' }));
    // The login user comes from the instance's ssh-user tag: sshd on loopback only knows local users.
    [instanceId] = await runInstances('eu-west-3', { name: 'web-1', keyName: 'ssh-key', tags: { 'ssh-user': me } });
    fs.mkdirSync(path.dirname(configFile), { recursive: true });
    fs.writeFileSync(configFile, USER_ENTRIES);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('ec2Workbench').update('ssh.addressLookupUrl', undefined, vscode.ConfigurationTarget.Global);
    await address.close();
  });

  it('writes the entry, logs in to a real sshd with it, and keeps the user\'s entries byte-identical', async () => {
    const result = await run<{ alias: string; configFile: string; uri: string }>('connectRemoteSsh', { region: 'eu-west-3', instanceId, open: false });
    const alias = `ec2-eu-west-3-${instanceId}`;
    assert.deepStrictEqual(result, { alias, configFile, uri: `vscode-remote://ssh-remote+${alias}${me === 'root' ? '/root' : `/home/${me}`}` });
    const text = fs.readFileSync(configFile, 'utf8');
    assert.ok(text.startsWith(`${BLOCK_BEGIN}\nHost ${alias}\n`), text);
    assert.ok(text.endsWith(`\n${USER_ENTRIES}`), text);
    assert.match(text, new RegExp(`User ${me}\\n {2}IdentityFile ${keyFile.replace(/[.]/g, '\\.')}\\n {2}IdentitiesOnly yes\\n {2}StrictHostKeyChecking accept-new\\n`));
    assert.doesNotMatch(text, /ProxyCommand/);
    const sshd = await startSshd([keyFile]);
    try {
      const login = sshThroughConfig(configFile, alias, sshd.port);
      assert.strictEqual(login.status, 0, login.stderr);
    } finally {
      sshd.stop();
    }
    await run('connectRemoteSsh', { region: 'eu-west-3', instanceId, open: false });
    assert.strictEqual(fs.readFileSync(configFile, 'utf8'), text, 'a second run changes nothing');
  });

  it('without Remote - SSH, the terminal path runs ssh <alias>', async () => {
    const argsFile = path.join(tempDir(), 'ssh-args');
    const fakeSsh = path.join(path.dirname(argsFile), 'fake-ssh');
    // Stands in for ssh so no connection to the emulator's invented host is attempted.
    fs.writeFileSync(fakeSsh, `#!/bin/sh\necho "$@" > ${argsFile}\n`, { mode: 0o755 });
    await vscode.workspace.getConfiguration('ec2Workbench').update('ssh.path', fakeSsh, vscode.ConfigurationTarget.Global);
    try {
      assert.strictEqual(vscode.extensions.getExtension('ms-vscode-remote.remote-ssh'), undefined);
      const connected = await run<{ uri: string }>('connectRemoteSsh', { region: 'eu-west-3', instanceId });
      assert.match(connected.uri, /^vscode-remote:\/\/ssh-remote\+ec2-eu-west-3-i-/);
      const { alias } = await run<{ alias: string }>('openSshTerminal', { region: 'eu-west-3', instanceId });
      const terminal = vscode.window.terminals.find((t) => t.name === `SSH ${alias}`);
      assert.ok(terminal, 'the terminal is open');
      assert.deepStrictEqual((terminal.creationOptions as vscode.TerminalOptions).shellArgs, [alias]);
      for (let i = 0; i < 100 && !fs.existsSync(argsFile); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.strictEqual(fs.readFileSync(argsFile, 'utf8').trim(), alias);
      terminal.dispose();
    } finally {
      await vscode.workspace.getConfiguration('ec2Workbench').update('ssh.path', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('finds port 22 closed on the default security group and adds exactly one /32 rule', async () => {
    const groupId = (await ec2('eu-west-3').send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }))).SecurityGroups![0].GroupId!;
    const rulesFor = async () =>
      ((await ec2('eu-west-3').send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups![0].IpPermissions ?? []).filter((p) =>
        (p.IpRanges ?? []).some((r) => r.CidrIp === '203.0.113.7/32'),
      );
    assert.deepStrictEqual(await rulesFor(), []);
    const added = await run<{ groupId: string; cidr: string }>('allowSshFromMyAddress', { region: 'eu-west-3', instanceId });
    assert.deepStrictEqual(added, { groupId, cidr: '203.0.113.7/32' });
    const rules = await rulesFor();
    assert.strictEqual(rules.length, 1);
    assert.deepStrictEqual([rules[0].IpProtocol, rules[0].FromPort, rules[0].ToPort, rules[0].IpRanges?.length], ['tcp', 22, 22, 1]);
  });

  it('refuses a stopped instance and a hostile ssh-user tag with a clear message, leaving the config as it was', async () => {
    const before = fs.readFileSync(configFile, 'utf8');
    const [other] = await runInstances('eu-west-3', { keyName: 'ssh-key', tags: { 'ssh-user': 'root\n  ProxyCommand sh -c evil' } });
    await assert.rejects(run('connectRemoteSsh', { region: 'eu-west-3', instanceId: other, open: false }), /is not safe to write into an SSH config file/);
    await ec2('eu-west-3').send(new CreateTagsCommand({ Resources: [other], Tags: [{ Key: 'ssh-user', Value: 'ubuntu' }] }));
    await ec2('eu-west-3').send(new StopInstancesCommand({ InstanceIds: [other] }));
    await assert.rejects(run('connectRemoteSsh', { region: 'eu-west-3', instanceId: other, open: false }), {
      message: `${other} is stopped. Start it first (EC2: Start Instances), then connect.`,
    });
    assert.strictEqual(fs.readFileSync(configFile, 'utf8'), before);
  });
});
