import * as assert from 'assert';
import { CreateTagsCommand, DescribeSecurityGroupsCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { readSettings } from '../../src/shared/settings';
import { INCLUDE_COMMENT, managedAliases, managedConfigFile, writeSshEntry } from '../../src/core/ssh/sshConfigFile';
import { startAddressServer } from '../support/addressServer';
import { tempDir } from '../support/files';
import { ec2, resetMoto } from '../support/moto';
import { runInstances } from '../support/seed';
import { sshThroughConfig, startSshd } from '../support/sshd';
import { workbench } from './helpers';

const run = <T>(id: string, args: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
// Known hosts go to the temporary home: ssh would otherwise add them to the account's own ~/.ssh.
const USER_ENTRIES = `# written by me\nHost work\n  HostName work.example.com\n  User me\n\nHost *\n  UserKnownHostsFile ${path.join(os.homedir(), '.ssh', 'known_hosts')}\n`;

/** Resolves with the terminal's exit status once it closes (after 60 s: undefined). */
function closing(terminal: vscode.Terminal): Promise<vscode.TerminalExitStatus | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 60_000);
    const sub = vscode.window.onDidCloseTerminal((t) => {
      if (t === terminal) {
        clearTimeout(timer);
        sub.dispose();
        resolve(t.exitStatus);
      }
    });
  });
}

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

  it("writes the entry, logs in to a real sshd with it, and keeps the user's entries byte-identical", async () => {
    const result = await run<{ alias: string; configFile: string; uri: string }>('connectRemoteSsh', {
      region: 'eu-west-3',
      instanceId,
      open: false,
    });
    const alias = `ec2-eu-west-3-${instanceId}`;
    assert.deepStrictEqual(result, {
      alias,
      configFile,
      uri: `vscode-remote://ssh-remote+${alias}${me === 'root' ? '/root' : `/home/${me}`}`,
    });
    const text = fs.readFileSync(configFile, 'utf8');
    assert.strictEqual(text, `Include ${managedConfigFile(configFile)}\n${INCLUDE_COMMENT}\n${USER_ENTRIES}`);
    const own = fs.readFileSync(managedConfigFile(configFile), 'utf8');
    assert.ok(own.includes(`\nHost ${alias}\n  # owner "moto ${process.env.EC2WB_MOTO_URL}"\n`), own);
    assert.match(
      own,
      new RegExp(`User ${me}\\n {2}IdentityFile ${keyFile.replace(/[.]/g, '\\.')}\\n {2}IdentitiesOnly yes\\n {2}HostKeyAlias ${alias}\\n`),
    );
    assert.doesNotMatch(own, /ProxyCommand/);
    const sshd = await startSshd([keyFile]);
    try {
      const login = sshThroughConfig(configFile, alias, sshd.port);
      assert.strictEqual(login.status, 0, login.stderr);
    } finally {
      sshd.stop();
    }
    await run('connectRemoteSsh', { region: 'eu-west-3', instanceId, open: false });
    assert.strictEqual(fs.readFileSync(configFile, 'utf8'), text, 'a second run changes nothing');
    assert.strictEqual(fs.readFileSync(managedConfigFile(configFile), 'utf8'), own);
  });

  it("prunes the entries of terminated instances made with this profile only, never another account's", async () => {
    const owner = `moto ${process.env.EC2WB_MOTO_URL}`;
    // Neither instance exists in this emulator: one entry is ours (its instance is gone), one another profile's.
    await writeSshEntry(configFile, {
      alias: 'ec2-eu-west-3-i-0dead0000000000001',
      hostName: '192.0.2.1',
      user: 'ubuntu',
      identityFile: '/k.pem',
      owner,
    });
    await writeSshEntry(configFile, {
      alias: 'ec2-eu-west-3-i-0f00d000000000002',
      hostName: '192.0.2.2',
      user: 'ubuntu',
      identityFile: '/k.pem',
      owner: 'work',
    });
    await writeSshEntry(configFile, {
      alias: 'ec2-us-east-1-i-0dead0000000000003',
      hostName: '192.0.2.3',
      user: 'ubuntu',
      identityFile: '/k.pem',
      owner,
    });
    await run('connectRemoteSsh', { region: 'eu-west-3', instanceId, open: false });
    const aliases = (await managedAliases(configFile)).map((a) => a.alias);
    assert.ok(!aliases.includes('ec2-eu-west-3-i-0dead0000000000001'), 'our own entry of a terminated instance goes');
    assert.ok(aliases.includes('ec2-eu-west-3-i-0f00d000000000002'), "another profile's entry stays");
    assert.ok(aliases.includes('ec2-us-east-1-i-0dead0000000000003'), "another region is not pruned from eu-west-3's listing");
  });

  it("never takes a program, a file or the address mode from a workspace's settings", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const settingsFile = path.join(folder, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const evil = path.join(folder, 'evil.sh');
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({
        'remote.SSH.path': evil,
        'remote.SSH.configFile': path.join(folder, 'ssh_config'),
        'ec2Workbench.ssh.path': evil,
        'ec2Workbench.ssh.usePrivateIp': true,
        'ec2Workbench.keyDirectory': folder,
        'ec2Workbench.requestTimeoutSeconds': 0,
      }),
    );
    try {
      for (let i = 0; i < 200 && vscode.workspace.getConfiguration('remote.SSH').get('path') !== evil; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      assert.strictEqual(vscode.workspace.getConfiguration('remote.SSH').get('path'), evil, 'VS Code itself reads the workspace value');
      const s = readSettings();
      // The launcher's own user value (scripts/test.mjs), not the workspace's.
      assert.deepStrictEqual([s.ssh.program, s.ssh.configFile, s.ssh.usePrivateIp, s.keyDirectory], ['ssh', configFile, false, '']);
      assert.strictEqual(s.requestTimeoutSeconds, 5, 'a timeout of 0 cannot switch timeouts off');
      const result = await run<{ configFile: string }>('connectRemoteSsh', { region: 'eu-west-3', instanceId, open: false });
      assert.strictEqual(result.configFile, configFile);
      assert.ok(!fs.existsSync(path.join(folder, 'ssh_config')));
    } finally {
      fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
      for (let i = 0; i < 200 && vscode.workspace.getConfiguration('remote.SSH').get('path') !== undefined; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  });

  it('copies an ssh command that a hostile key path cannot break out of', async () => {
    const hostileDir = path.join(tempDir(), 'my keys $(touch pwned) `touch pwned2`');
    fs.mkdirSync(hostileDir);
    const hostileKey = path.join(hostileDir, "it's.pem");
    fs.copyFileSync(keyFile, hostileKey);
    fs.chmodSync(hostileKey, 0o600);
    await run('locatePrivateKey', { region: 'eu-west-3', name: 'ssh-key', keyFile: hostileKey });
    try {
      const { command } = await run<{ command: string }>('copySshCommand', { region: 'eu-west-3', instanceId });
      assert.strictEqual(await vscode.env.clipboard.readText(), command);
      // Pasted into sh with ssh standing in as a function that prints its arguments.
      const cwd = tempDir();
      const out = execFileSync('sh', ['-c', `ssh() { printf '%s\\n' "$@"; }; ${command}`], { cwd, encoding: 'utf8' });
      assert.deepStrictEqual(out.trim().split('\n').slice(0, 2), ['-i', hostileKey]);
      assert.deepStrictEqual(fs.readdirSync(cwd), [], 'nothing ran');
    } finally {
      await run('locatePrivateKey', { region: 'eu-west-3', name: 'ssh-key', keyFile });
    }
  });

  it('without Remote - SSH, the terminal path runs ssh -F <config> <alias>', async () => {
    const argsFile = path.join(tempDir(), 'ssh-args');
    const fakeSsh = path.join(path.dirname(argsFile), 'fake-ssh');
    // Stands in for ssh so no connection to the emulator's invented host is attempted.
    fs.writeFileSync(fakeSsh, `#!/bin/sh\necho "$@" > ${argsFile}\n`, { mode: 0o755 });
    await vscode.workspace.getConfiguration('ec2Workbench').update('ssh.path', fakeSsh, vscode.ConfigurationTarget.Global);
    try {
      assert.strictEqual(vscode.extensions.getExtension('ms-vscode-remote.remote-ssh'), undefined);
      const wb = await workbench();
      wb.lab.done.delete('connect');
      const connected = await run<{ uri: string }>('connectRemoteSsh', { region: 'eu-west-3', instanceId });
      assert.match(connected.uri, /^vscode-remote:\/\/ssh-remote\+ec2-eu-west-3-i-/);
      assert.ok(!wb.lab.done.has('connect'), 'no window opened: the walkthrough step is not ticked');
      const { alias } = await run<{ alias: string }>('openSshTerminal', { region: 'eu-west-3', instanceId });
      const terminal = vscode.window.terminals.find((t) => t.name === `SSH ${alias}`);
      assert.ok(terminal, 'the terminal is open');
      // The entry is in $HOME's config, which ssh does not read by itself (it reads the passwd entry's).
      assert.deepStrictEqual(((terminal.creationOptions as vscode.TerminalOptions).shellArgs as string[]).slice(-3), [
        '-F',
        configFile,
        alias,
      ]);
      for (let i = 0; i < 100 && !fs.existsSync(argsFile); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.strictEqual(fs.readFileSync(argsFile, 'utf8').trim(), `-F ${configFile} ${alias}`);
      terminal.dispose();
    } finally {
      await vscode.workspace.getConfiguration('ec2Workbench').update('ssh.path', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Open SSH Terminal logs in to a real sshd through the written entry, with HOME not the account home', async () => {
    const sshd = await startSshd([keyFile]);
    const settings = vscode.workspace.getConfiguration('ec2Workbench');
    await settings.update('ssh.hostOverrides', { [instanceId]: `127.0.0.1:${sshd.port}` }, vscode.ConfigurationTarget.Global);
    const marker = path.join(tempDir(), 'hostname');
    try {
      assert.notStrictEqual(os.homedir(), os.userInfo().homedir, 'the launcher runs with HOME elsewhere, as the sandbox does');
      const { alias } = await run<{ alias: string }>('openSshTerminal', { region: 'eu-west-3', instanceId });
      const terminal = vscode.window.terminals.find((t) => t.name === `SSH ${alias}`)!;
      const closed = closing(terminal);
      const wb = await workbench();
      wb.lab.done.delete('connect');
      terminal.sendText(`hostname > '${marker}'; exit`);
      assert.strictEqual((await closed)?.code, 0);
      assert.ok(wb.lab.done.has('connect'), 'a session that logged in ticks the walkthrough step');
      assert.strictEqual(fs.readFileSync(marker, 'utf8').trim(), os.hostname());
    } finally {
      await settings.update('ssh.hostOverrides', undefined, vscode.ConfigurationTarget.Global);
      sshd.stop();
    }
  });

  it("keeps the terminal open on ssh's failure until Enter, and exits with ssh's code", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const settings = vscode.workspace.getConfiguration('ec2Workbench');
    await settings.update('ssh.hostOverrides', { [instanceId]: `127.0.0.1:${closedPort}` }, vscode.ConfigurationTarget.Global);
    try {
      const { alias } = await run<{ alias: string }>('openSshTerminal', { region: 'eu-west-3', instanceId });
      const terminal = vscode.window.terminals.find((t) => t.name === `SSH ${alias}`)!;
      const closed = closing(terminal);
      const early = await Promise.race([closed, new Promise((r) => setTimeout(() => r('open'), 3000))]);
      assert.strictEqual(early, 'open', 'the terminal stays open on the reason');
      const wb = await workbench();
      wb.lab.done.delete('connect');
      terminal.sendText('');
      assert.strictEqual((await closed)?.code, 255);
      assert.ok(!wb.lab.done.has('connect'), 'a failed ssh ticks nothing');
    } finally {
      await settings.update('ssh.hostOverrides', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('finds port 22 closed on the default security group and adds exactly one /32 rule', async () => {
    const groupId = (
      await ec2('eu-west-3').send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }))
    ).SecurityGroups![0].GroupId!;
    const rulesFor = async () =>
      (
        (await ec2('eu-west-3').send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups![0].IpPermissions ?? []
      ).filter((p) => (p.IpRanges ?? []).some((r) => r.CidrIp === '203.0.113.7/32'));
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
    await assert.rejects(
      run('connectRemoteSsh', { region: 'eu-west-3', instanceId: other, open: false }),
      /is not safe to write into an SSH config file/,
    );
    await ec2('eu-west-3').send(new CreateTagsCommand({ Resources: [other], Tags: [{ Key: 'ssh-user', Value: 'ubuntu' }] }));
    await ec2('eu-west-3').send(new StopInstancesCommand({ InstanceIds: [other] }));
    await assert.rejects(run('connectRemoteSsh', { region: 'eu-west-3', instanceId: other, open: false }), {
      message: `${other} is stopped. Start it first (EC2: Start Instances), then connect.`,
    });
    assert.strictEqual(fs.readFileSync(configFile, 'utf8'), before);
  });
});
