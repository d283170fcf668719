// Connect without a key file, driven through the commands: the default route (no key known: EC2
// Instance Connect), the OS user pushed (ssh-user tag, else the AMI's), a real ssh login through
// the written entry twice with the pushed key expired between, a private instance through an
// Instance Connect Endpoint (loopback TLS WebSocket checking the presigned URL), and the steps when
// there is no endpoint. Every address contacted is loopback.
import * as assert from 'assert';
import {
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { managedConfigFile, removeSshEntries } from '../../src/core/ssh/sshConfigFile';
import { InstanceConnectStandIn, startTunnelServer, type TunnelServer } from '../support/instanceConnectStandIn';
import { ec2, motoUrl, resetMoto } from '../support/moto';
import { defaultSubnet, runInstances } from '../support/seed';
import { type Sshd, sshLogin, startSshd } from '../support/sshd';
import { answerPrompts } from './answer';
import { workbench } from './helpers';

const run = <T>(id: string, args: unknown) => Promise.resolve(vscode.commands.executeCommand<T>(`ec2Workbench.${id}`, args));
const REGION = 'eu-west-3';
type Connected = { alias: string; configFile: string; uri: string };

describe('Connect without a key file (EC2 Instance Connect)', function () {
  this.timeout(120_000);
  const me = os.userInfo().username;
  const settings = () => vscode.workspace.getConfiguration('ec2Workbench');
  let standIn: InstanceConnectStandIn;
  let sshd: Sshd;
  let tunnel: TunnelServer;
  const overrides: Record<string, string> = {};
  const written = new Set<string>();

  const privateInstance = async (vpcId: string, cidr: string, tags: Record<string, string>) => {
    const subnet = await ec2(REGION).send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr }));
    const [id] = await runInstances(REGION, { subnetId: subnet.Subnet!.SubnetId!, tags });
    const out = await ec2(REGION).send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const instance = out.Reservations![0].Instances![0];
    assert.ok(!instance.PublicIpAddress, 'the emulator gave the instance no public address');
    return { id, privateIp: instance.PrivateIpAddress!, subnetId: subnet.Subnet!.SubnetId! };
  };

  before(async () => {
    await workbench();
    await resetMoto();
    standIn = await new InstanceConnectStandIn(motoUrl()).start();
    sshd = await startSshd([], { authorizedKeysCommand: standIn.authorizedKeysCommand });
    tunnel = await startTunnelServer({
      accessKeyId: 'testing',
      secretAccessKey: 'testing',
      region: REGION,
      sshdPort: sshd.port,
      endpointId: 'eice-0fedcba9876543210',
    });
    // Every AWS call of the extension and of the ProxyCommand goes through the stand-in, in front of moto.
    await settings().update('endpointUrl', standIn.url, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    // The entries written here go, so that later suites find the SSH config as they left it.
    await removeSshEntries(path.join(os.homedir(), '.ssh', 'config'), (e) => written.has(e.alias));
    await settings().update('endpointUrl', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('ssh.hostOverrides', undefined, vscode.ConfigurationTarget.Global);
    sshd?.stop();
    await tunnel?.close();
    await standIn?.close();
  });

  const override = async (id: string, where: string) => {
    written.add(`ec2-${REGION}-${id}`);
    overrides[id] = where;
    await settings().update('ssh.hostOverrides', { ...overrides }, vscode.ConfigurationTarget.Global);
  };

  it('without a key file, pushes a one-time key at every connection: a real ssh login twice, the key expired between', async () => {
    const [id] = await runInstances(REGION, { name: 'no-pem', tags: { 'ssh-user': me } });
    await override(id, `127.0.0.1:${sshd.port}`);
    const result = await run<Connected>('connectRemoteSsh', { region: REGION, instanceId: id, open: false });
    const own = fs.readFileSync(managedConfigFile(result.configFile), 'utf8');
    const block = own.slice(own.indexOf(`Host ${result.alias}`)).split('\n\n')[0];
    const storage = (await workbench()).context.globalStorageUri.fsPath;
    assert.ok(block.includes(`  IdentityFile ${path.join(storage, 'instance-connect', 'id_ed25519')}\n`), block);
    assert.match(
      block,
      new RegExp(
        `\\n {2}ProxyCommand .*connect\\.js --profile moto --endpoint-url ${standIn.url} --region ${REGION} --instance ${id} --user ${me} `,
      ),
    );
    assert.ok(!/testing|aws_secret/i.test(own), 'no credential in the SSH config');
    assert.strictEqual(fs.statSync(path.join(storage, 'instance-connect', 'id_ed25519')).mode & 0o777, 0o600);

    const login = () => sshLogin(['-F', result.configFile, result.alias]);
    const first = await login();
    assert.strictEqual(first.status, 0, first.stderr);
    assert.deepStrictEqual(
      standIn.pushes.map((p) => [p.instanceId, p.osUser, p.publicKey.split(' ')[0], p.answer.status]),
      [[id, me, 'ssh-ed25519', 200]],
    );
    // The lab's `ssh -i key.pem user@host` has no key to name here: the copied command uses the entry.
    const { command } = await run<{ command: string }>('copySshCommand', { region: REGION, instanceId: id });
    // The entry is not in the file ssh reads by itself (the passwd entry's ~/.ssh/config): -F names it.
    assert.strictEqual(command, `ssh -F ${result.configFile} ${result.alias}`);
    standIn.expire(); // Minutes later, as when Remote - SSH reconnects: the pushed key has expired.
    const second = await login();
    assert.strictEqual(second.status, 0, second.stderr);
    assert.strictEqual(standIn.pushes.length, 2);
  });

  it("pushes the key for the AMI's user without an ssh-user tag; via keyFile without a key pair says why", async () => {
    const [id] = await runInstances(REGION, { name: 'ubuntu-box' });
    await override(id, `127.0.0.1:${sshd.port}`);
    const { alias, configFile } = await run<Connected>('connectWithInstanceConnect', { region: REGION, instanceId: id, open: false });
    await sshLogin(['-F', configFile, alias]); // No "ubuntu" account on this machine: only the push matters here.
    assert.deepStrictEqual([standIn.pushes.at(-1)?.instanceId, standIn.pushes.at(-1)?.osUser], [id, 'ubuntu']);
    await assert.rejects(run('connectRemoteSsh', { region: REGION, instanceId: id, via: 'keyFile', open: false }), {
      message: `ubuntu-box was launched without a key pair, so there is no key file to log in with. Connect with a one-time key (EC2 Instance Connect) instead.`,
    });
    await assert.rejects(run('openSshTerminal', { region: REGION, instanceId: id, via: 'sideways' }), {
      message: 'The argument object needs "via" to be one of "keyFile", "instanceConnect".',
    });
  });

  it("reaches an instance without a public address through its VPC's Instance Connect Endpoint: a real ssh login", async () => {
    const { vpcId } = await defaultSubnet(REGION);
    const target = await privateInstance(vpcId, '172.31.240.0/24', { 'ssh-user': me, Name: 'private-web' });
    standIn.endpoints.push({
      id: 'eice-0fedcba9876543210',
      vpcId,
      subnetId: target.subnetId,
      dnsName: 'eice-0fedcba9876543210.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com',
      securityGroupId: 'sg-0123456789abcdef0',
    });
    // The endpoint's DNS name is replaced by the loopback WebSocket, as instances' addresses are.
    await override('eice-0fedcba9876543210', tunnel.host);
    const { alias, configFile } = await run<Connected>('connectRemoteSsh', { region: REGION, instanceId: target.id, open: false });
    written.add(alias);
    const own = fs.readFileSync(managedConfigFile(configFile), 'utf8');
    const block = own.slice(own.indexOf(`Host ${alias}`)).split('\n\n')[0];
    assert.ok(block.includes(`  HostName ${target.privateIp}\n`), block);
    assert.match(block, new RegExp(`--eice-id eice-0fedcba9876543210 --eice-host ${tunnel.host} `));
    const r = await sshLogin(['-F', configFile, alias], { ...process.env, NODE_EXTRA_CA_CERTS: tunnel.caFile });
    assert.strictEqual(r.status, 0, `${r.stderr}\nrefused: ${tunnel.refused.join('; ')}`);
    assert.deepStrictEqual(
      tunnel.opened.map((q) => [q.instanceConnectEndpointId, q.privateIpAddress, q.remotePort]),
      [['eice-0fedcba9876543210', target.privateIp, '22']],
    );
  });

  // Issue #30, point 5. Source checked: aws-cli v2, awscli/customizations/ec2instanceconnect/ssh.py and
  // opentunnel.py: without a private IPv4 the endpoint is asked for the instance's Ipv6Address. The
  // emulator has no IPv6-only instances: its DescribeInstances answer is rewritten as EC2 writes one
  // (no privateIpAddress, an ipv6Address).
  it('reaches an IPv6-only instance through the endpoint, at its IPv6 address: a real ssh login', async () => {
    const { vpcId } = await defaultSubnet(REGION);
    const target = await privateInstance(vpcId, '172.31.241.0/24', { 'ssh-user': me, Name: 'v6-web' });
    const ipv6 = '2600:1f14:abc:de00::25';
    standIn.rewriteDescribeInstances = (xml) =>
      xml
        .split(`<privateIpAddress>${target.privateIp}</privateIpAddress>`)
        .join('')
        .replace(`<instanceId>${target.id}</instanceId>`, `<instanceId>${target.id}</instanceId><ipv6Address>${ipv6}</ipv6Address>`);
    if (!standIn.endpoints.some((e) => e.vpcId === vpcId)) {
      standIn.endpoints.push({
        id: 'eice-0fedcba9876543210',
        vpcId,
        subnetId: target.subnetId,
        dnsName: 'eice-0fedcba9876543210.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com',
        securityGroupId: 'sg-0123456789abcdef0',
      });
      await override('eice-0fedcba9876543210', tunnel.host);
    }
    try {
      const { alias, configFile } = await run<Connected>('connectRemoteSsh', { region: REGION, instanceId: target.id, open: false });
      written.add(alias);
      const own = fs.readFileSync(managedConfigFile(configFile), 'utf8');
      const block = own.slice(own.indexOf(`Host ${alias}`)).split('\n\n')[0];
      assert.ok(block.includes(`  HostName ${ipv6}\n`), block);
      const r = await sshLogin(['-F', configFile, alias], { ...process.env, NODE_EXTRA_CA_CERTS: tunnel.caFile });
      assert.strictEqual(r.status, 0, `${r.stderr}\nrefused: ${tunnel.refused.join('; ')}`);
      assert.strictEqual(tunnel.opened.at(-1)?.privateIpAddress, ipv6);
    } finally {
      standIn.rewriteDescribeInstances = undefined;
    }
  });

  // Issue #30, point 8. Source checked: the EC2 User Guide, "Install EC2 Instance Connect" (the agent
  // ships with Amazon Linux 2/2023, Ubuntu 20.04+ and macOS; Debian's images do not have it).
  it('says before connecting that a Debian image has no Instance Connect agent, and offers the key file', async () => {
    const wb = await workbench();
    const { vpcId } = await defaultSubnet(REGION);
    const base = await privateInstance(vpcId, '172.31.242.0/24', { Name: 'image-source' });
    const { ImageId } = await ec2(REGION).send(new CreateImageCommand({ InstanceId: base.id, Name: 'debian-12-amd64-20251112-2294' }));
    // A key pair, so that the key file is offered beside the one-time key.
    await ec2(REGION).send(new CreateKeyPairCommand({ KeyName: 'debian-key' }));
    const out = await ec2(REGION).send(
      new RunInstancesCommand({
        ImageId,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        KeyName: 'debian-key',
        SubnetId: base.subnetId,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'debian-box' }] }],
      }),
    );
    const id = out.Instances![0].InstanceId!;
    if (!standIn.endpoints.some((e) => e.vpcId === vpcId)) {
      standIn.endpoints.push({
        id: 'eice-0fedcba9876543210',
        vpcId,
        subnetId: base.subnetId,
        dnsName: 'eice-0fedcba9876543210.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com',
        securityGroupId: 'sg-0123456789abcdef0',
      });
    }
    const offered: string[] = [];
    const answers = answerPrompts(wb, [
      {
        pick: (i) => {
          offered.push(String(i.value));
          return i.value === 'instanceConnect';
        },
      },
    ]);
    try {
      const result = run<Connected>('connectRemoteSsh', {
        region: REGION,
        instanceId: id,
        via: 'instanceConnect',
        open: false,
        interactive: true,
      });
      // The question comes before the entry is written (a call that ends first asked nothing).
      await Promise.race([answers.done, result.then(() => assert.fail('connected without saying the image has no agent'))]);
      assert.match(answers.seen[0], /debian-box has no EC2 Instance Connect agent \(debian-12-amd64-20251112-2294\)/);
      assert.match(answers.seen[0], /The key would be pushed, then ssh refused/);
      assert.deepStrictEqual([...new Set(offered)], ['keyFile', 'instanceConnect']);
      const { alias } = await result;
      written.add(alias);
    } finally {
      answers.dispose();
    }
  });

  it('says what to create when the VPC has no Instance Connect Endpoint, and writes no entry', async () => {
    const vpc = await ec2(REGION).send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }));
    const vpcId = vpc.Vpc!.VpcId!;
    const target = await privateInstance(vpcId, '10.42.1.0/24', { Name: 'isolated' });
    const configFile = path.join(os.homedir(), '.ssh', 'config');
    const before = fs.existsSync(managedConfigFile(configFile)) ? fs.readFileSync(managedConfigFile(configFile), 'utf8') : '';
    await assert.rejects(run('connectRemoteSsh', { region: REGION, instanceId: target.id, open: false }), {
      message: `isolated has no public address and its VPC ${vpcId} has no EC2 Instance Connect Endpoint. Create one in the VPC console (Endpoints, Create endpoint, type "EC2 Instance Connect Endpoint", in a subnet of ${vpcId}), allow TCP port 22 from the endpoint's security group in the security group of isolated, then connect again.`,
    });
    const after = fs.existsSync(managedConfigFile(configFile)) ? fs.readFileSync(managedConfigFile(configFile), 'utf8') : '';
    assert.strictEqual(after, before);
  });
});
