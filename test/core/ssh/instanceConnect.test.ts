// EC2 Instance Connect end to end, with real programs: the one-time key read by ssh-keygen, the key
// pushed through moto's SendSSHPublicKey by dist/connect.js run as the entry's ProxyCommand, a real
// sshd that accepts only the key pushed last for 60 s (the agent's part, played by the stand-in),
// and a private instance reached through a loopback Instance Connect Endpoint that checks the
// presigned URL's SigV4 signature. The presigned URL is compared with the AWS CLI's own (botocore).
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import {
  endpointHostName,
  endpointTargetAddress,
  findInstanceConnectEndpoint,
  presignTunnelUrl,
  pushSshPublicKey,
} from '../../../src/core/aws/ec2/ec2InstanceConnect';
import { ensureOneTimeKey } from '../../../src/core/keys/oneTimeKey';
import { proxyCommandLine } from '../../../src/core/ssh/proxyCommand';
import { managedConfigFile, writeSshEntry } from '../../../src/core/ssh/sshConfigFile';
import { startConnectProxy } from '../../support/connectProxyServer';
import { modeOf, publicKeyOf, tempDir } from '../../support/files';
import { InstanceConnectStandIn, startTunnelServer, verifyTunnelUrl } from '../../support/instanceConnectStandIn';
import { motoUrl, resetMoto } from '../../support/moto';
import { runInstances } from '../../support/seed';
import { type Sshd, sshLogin, startSshd } from '../../support/sshd';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const CONNECT = path.join(ROOT, 'dist', 'connect.js');
const REGION = 'eu-west-3';
const me = os.userInfo().username;
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

describe('EC2 Instance Connect: one-time key, ProxyCommand, endpoint tunnel', function () {
  this.timeout(120_000);
  let standIn: InstanceConnectStandIn;
  let sshd: Sshd;
  let keyDir: string;
  let instanceId: string;

  before(async () => {
    await resetMoto();
    standIn = await new InstanceConnectStandIn(motoUrl()).start();
    sshd = await startSshd([], { authorizedKeysCommand: standIn.authorizedKeysCommand });
    keyDir = path.join(tempDir(), 'global storage', 'instance-connect');
    [instanceId] = await runInstances(REGION, { name: 'web-eic' });
  });
  after(async () => {
    sshd?.stop();
    await standIn?.close();
  });

  it('makes one ed25519 key, 0600, in OpenSSH format that ssh-keygen reads, and keeps it', async () => {
    const key = await ensureOneTimeKey(keyDir);
    assert.strictEqual(modeOf(key.privateKeyFile), 0o600);
    assert.match(fs.readFileSync(key.privateKeyFile, 'utf8'), /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    assert.strictEqual(publicKeyOf(key.privateKeyFile), key.publicKey.split(' ').slice(0, 2).join(' '));
    assert.match(key.publicKey, /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} /);
    assert.deepStrictEqual(await ensureOneTimeKey(keyDir), key, 'made once');
  });

  it('pushes the key through moto at every connection and logs in to a real sshd twice, the pushed key expired in between', async () => {
    const key = await ensureOneTimeKey(keyDir);
    const config = path.join(tempDir(), 'config');
    const alias = `ec2-${REGION}-${instanceId}`;
    const proxyCommand = proxyCommandLine({
      program: [process.execPath, CONNECT],
      profile: 'moto',
      endpointUrl: standIn.url,
      region: REGION,
      instanceId,
      user: me,
      publicKeyFile: key.publicKeyFile,
    });
    await writeSshEntry(config, {
      alias,
      hostName: 'ec2-203-0-113-9.eu-west-3.compute.amazonaws.com',
      user: me,
      identityFile: key.privateKeyFile,
      proxyCommand,
    });
    const own = fs.readFileSync(managedConfigFile(config), 'utf8');
    assert.ok(!/testing|aws_secret|AKIA/i.test(own), 'no credential in the SSH config');
    // Loopback only: the invented DNS name is replaced by the sshd's address, which %h and %p carry to the script.
    const login = () => sshLogin(['-F', config, '-o', 'HostName=127.0.0.1', '-o', `Port=${sshd.port}`, alias]);

    const first = await login();
    assert.strictEqual(first.status, 0, first.stderr);
    assert.strictEqual(standIn.pushes.length, 1);
    const [push] = standIn.pushes;
    assert.deepStrictEqual([push.region, push.instanceId, push.osUser, push.publicKey], [REGION, instanceId, me, key.publicKey]);
    assert.deepStrictEqual([push.answer.status, JSON.parse(push.answer.body).Success], [200, true], "moto's SendSSHPublicKey answered");

    // More than the key's 60 s later: the key alone no longer opens the door…
    standIn.expire();
    const direct = () =>
      sshLogin([
        '-i',
        key.privateKeyFile,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'IdentityAgent=none',
        '-p',
        String(sshd.port),
        `${me}@127.0.0.1`,
      ]);
    assert.notStrictEqual((await direct()).status, 0, 'an expired key is refused');
    // …but the entry pushes it again (as Remote - SSH's reconnect would run it) and logs in.
    const second = await login();
    assert.strictEqual(second.status, 0, second.stderr);
    assert.strictEqual(standIn.pushes.length, 2);
    assert.strictEqual((await direct()).status, 0, 'within 60 s of a push, the key is accepted');

    // Only the key pushed last counts: another key pushed now shuts this one out.
    const other = await ensureOneTimeKey(path.join(tempDir(), 'other'));
    const session = new AwsSession({ profile: 'moto', endpointUrl: standIn.url });
    await pushSshPublicKey(session, REGION, { instanceId, osUser: me, publicKey: other.publicKey });
    session.dispose();
    assert.notStrictEqual((await direct()).status, 0, 'a key that is not the last pushed is refused');
  });

  it('refuses an OS user it was not pushed for', async () => {
    const key = await ensureOneTimeKey(keyDir);
    const config = path.join(tempDir(), 'config');
    const alias = `ec2-${REGION}-${instanceId}`;
    const proxyCommand = proxyCommandLine({
      program: [process.execPath, CONNECT],
      profile: 'moto',
      endpointUrl: standIn.url,
      region: REGION,
      instanceId,
      user: 'ubuntu',
      publicKeyFile: key.publicKeyFile,
    });
    await writeSshEntry(config, {
      alias,
      hostName: '127.0.0.1',
      port: sshd.port,
      user: me,
      identityFile: key.privateKeyFile,
      proxyCommand,
    });
    const r = await sshLogin(['-F', config, alias]);
    assert.notStrictEqual(r.status, 0);
    assert.strictEqual(standIn.pushes.at(-1)?.osUser, 'ubuntu');
  });

  it('tunnels through an Instance Connect Endpoint whose WebSocket checks the SigV4 presigned URL, to a real ssh login', async () => {
    const tunnel = await startTunnelServer({ ...credentials, region: REGION, sshdPort: sshd.port, endpointId: 'eice-0123456789abcdef0' });
    try {
      const key = await ensureOneTimeKey(keyDir);
      const config = path.join(tempDir(), 'config');
      const alias = `ec2-${REGION}-${instanceId}`;
      const proxyCommand = proxyCommandLine({
        program: [process.execPath, CONNECT],
        profile: 'moto',
        endpointUrl: standIn.url,
        region: REGION,
        instanceId,
        user: me,
        publicKeyFile: key.publicKeyFile,
        endpoint: { id: 'eice-0123456789abcdef0', host: tunnel.host },
      });
      // The private address is never contacted: it only travels to the endpoint as a parameter.
      await writeSshEntry(config, { alias, hostName: '10.0.7.25', user: me, identityFile: key.privateKeyFile, proxyCommand });
      const env = { ...process.env, NODE_EXTRA_CA_CERTS: tunnel.caFile };
      const r = await sshLogin(['-F', config, alias], env);
      assert.strictEqual(r.status, 0, `${r.stderr}\nrefused: ${tunnel.refused.join('; ')}`);
      assert.strictEqual(tunnel.opened.length, 1);
      const q = tunnel.opened[0];
      assert.deepStrictEqual(
        [q.instanceConnectEndpointId, q.privateIpAddress, q.remotePort, q['X-Amz-Expires']],
        ['eice-0123456789abcdef0', '10.0.7.25', '22', '60'],
      );
      assert.strictEqual(standIn.pushes.at(-1)?.osUser, me, 'the key is pushed before the tunnel opens');

      tunnel.deny = true;
      const denied = await sshLogin(['-F', config, alias], env);
      assert.notStrictEqual(denied.status, 0);
      assert.match(
        denied.stderr,
        /EC2 Workbench: The profile "moto" is not allowed to connect with EC2 Instance Connect in eu-west-3: it needs the IAM permission ec2-instance-connect:OpenTunnel\./,
      );
    } finally {
      await tunnel.close();
    }
  });

  // Issue #30, point 5. Sources checked: aws-cli v2, awscli/customizations/ec2instanceconnect/
  // opentunnel.py and ssh.py (an instance without a private IPv4 is reached at its Ipv6Address),
  // websocket.py (HTTP_PROXY/HTTPS_PROXY and NO_PROXY honoured for the tunnel, basic credentials from
  // the URL) and eicefetcher.py (FipsDnsName when use_fips_endpoint is set, an error when there is none).
  it('tunnels to an IPv6-only instance, through HTTPS_PROXY when it is set (a loopback CONNECT proxy), to a real ssh login', async () => {
    const tunnel = await startTunnelServer({ ...credentials, region: REGION, sshdPort: sshd.port, endpointId: 'eice-0123456789abcdef0' });
    const proxy = await startConnectProxy();
    try {
      const key = await ensureOneTimeKey(keyDir);
      const config = path.join(tempDir(), 'config');
      const alias = `ec2-${REGION}-${instanceId}-v6`;
      const proxyCommand = proxyCommandLine({
        program: [process.execPath, CONNECT],
        profile: 'moto',
        endpointUrl: standIn.url,
        region: REGION,
        instanceId,
        user: me,
        publicKeyFile: key.publicKeyFile,
        endpoint: { id: 'eice-0123456789abcdef0', host: tunnel.host },
      });
      const ipv6 = endpointTargetAddress({ ipv6Address: '2600:1f14:abc:de00::25' })!;
      await writeSshEntry(config, { alias, hostName: ipv6, user: me, identityFile: key.privateKeyFile, proxyCommand });
      // The proxy URL carries basic credentials; the AWS calls go to the stand-in directly (NO_PROXY).
      const proxyUrl = proxy.url.replace('http://', 'http://student:s%40cret@');
      const env = { ...process.env, NODE_EXTRA_CA_CERTS: tunnel.caFile, HTTPS_PROXY: proxyUrl, NO_PROXY: '' };
      const r = await sshLogin(['-F', config, alias], env);
      assert.strictEqual(r.status, 0, `${r.stderr}\nrefused: ${tunnel.refused.join('; ')}`);
      assert.deepStrictEqual(
        tunnel.opened.map((q) => q.privateIpAddress),
        ['2600:1f14:abc:de00::25'],
      );
      assert.deepStrictEqual(proxy.connects, [tunnel.host], 'the tunnel went through the proxy');
      assert.deepStrictEqual(proxy.authorizations, [`Basic ${Buffer.from('student:s@cret').toString('base64')}`]);
      // NO_PROXY naming the endpoint's host: straight to it.
      const direct = await sshLogin(['-F', config, alias], { ...env, NO_PROXY: 'localhost,127.0.0.1' });
      assert.strictEqual(direct.status, 0, direct.stderr);
      assert.strictEqual(proxy.connects.length, 1);
      assert.strictEqual(tunnel.opened.length, 2);
    } finally {
      await proxy.close();
      await tunnel.close();
    }
  });

  it("uses the endpoint's FipsDnsName when FIPS endpoints are configured, and says so when it has none", async () => {
    const session = new AwsSession({ profile: 'moto', endpointUrl: standIn.url });
    try {
      standIn.endpoints.push({
        id: 'eice-0aaaabbbbccccdddd',
        vpcId: 'vpc-0fips000000000000',
        subnetId: 'subnet-0fips0000000000',
        dnsName: 'eice-0aaaabbbbccccdddd.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com',
        securityGroupId: 'sg-0123456789abcdef0',
      });
      const found = await findInstanceConnectEndpoint(session, REGION, 'vpc-0fips000000000000');
      assert.ok(found);
      assert.strictEqual(endpointHostName(found, false), found.dnsName);
      assert.strictEqual(
        endpointHostName(found, true),
        'eice-0aaaabbbbccccdddd.fips.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com',
      );
      assert.throws(
        () => endpointHostName({ ...found, fipsDnsName: undefined }, true),
        /FIPS endpoints are configured .* has no FIPS DNS name/,
      );
      assert.strictEqual(await session.useFipsEndpoint(REGION), false);
    } finally {
      standIn.endpoints.pop();
      session.dispose();
    }
    // As the SDK resolves it: the environment variable, then the profile's setting.
    process.env.AWS_USE_FIPS_ENDPOINT = 'true';
    const fromEnv = new AwsSession({ profile: 'moto', endpointUrl: standIn.url });
    try {
      assert.strictEqual(await fromEnv.useFipsEndpoint(REGION), true);
    } finally {
      delete process.env.AWS_USE_FIPS_ENDPOINT;
      fromEnv.dispose();
    }
  });

  it('says which permission is missing when SendSSHPublicKey is denied', async () => {
    const key = await ensureOneTimeKey(keyDir);
    standIn.deny = true;
    try {
      const child = spawn(
        process.execPath,
        [
          CONNECT,
          '--profile',
          'moto',
          '--endpoint-url',
          standIn.url,
          '--region',
          REGION,
          '--instance',
          instanceId,
          '--user',
          me,
          '--public-key',
          key.publicKeyFile,
          '--host',
          '127.0.0.1',
          '--port',
          String(sshd.port),
        ],
        { stdio: ['pipe', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => child.on('close', resolve));
      assert.strictEqual(code, 1);
      assert.strictEqual(
        stderr.trim(),
        'EC2 Workbench: The profile "moto" is not allowed to connect with EC2 Instance Connect in eu-west-3: it needs the IAM permission ec2-instance-connect:SendSSHPublicKey. Ask your administrator for it, or connect with a key file.',
      );
    } finally {
      standIn.deny = false;
    }
  });

  it("signs the tunnel URL as the AWS CLI's open-tunnel does (botocore), and the endpoint stand-in checks the signature", async function () {
    const python = path.join(ROOT, '.venv', 'bin', 'python');
    // botocore's RequestSigner with the request the AWS CLI's eicesigner builds (read in aws-cli's
    // awscli/customizations/ec2instanceconnect/eicesigner.py).
    const script = [
      'import sys, botocore.session',
      'from urllib.parse import urlencode',
      'from botocore.signers import RequestSigner',
      "s = botocore.session.get_session(); s.set_credentials('testing', 'testing')",
      "m = s.get_service_model('ec2-instance-connect')",
      "signer = RequestSigner(m.service_id, 'eu-west-3', m.signing_name, m.signature_version, s.get_credentials(), s.get_component('event_emitter'))",
      "qs = urlencode({'instanceConnectEndpointId': 'eice-0123456789abcdef0', 'remotePort': 22, 'privateIpAddress': '10.0.7.25'})",
      "host = 'eice-0123456789abcdef0.ec2-instance-connect-endpoint.eu-west-3.amazonaws.com'",
      "req = {'url': f'wss://{host}/openTunnel?{qs}', 'body': {}, 'headers': {'host': host}, 'method': 'GET', 'query_string': '', 'url_path': '/', 'context': {}}",
      "print(signer.generate_presigned_url(request_dict=req, operation_name='openTunnel', expires_in=60))",
    ].join('\n');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^AWS_/.test(k)));
    const r = spawnSync(python, ['-c', script], {
      encoding: 'utf8',
      env: { ...env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    });
    if (r.status !== 0 && /No module named 'botocore'/.test(r.stderr)) {
      assert.fail(`botocore is missing from .venv (npm test installs the AWS CLI): ${r.stderr}`);
    }
    assert.strictEqual(r.status, 0, r.stderr);
    const cli = new URL(r.stdout.trim());
    const host = cli.host;
    const date = cli.searchParams.get('X-Amz-Date')!;
    const signingDate = new Date(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    const ours = new URL(
      await presignTunnelUrl({
        host,
        endpointId: 'eice-0123456789abcdef0',
        privateIp: '10.0.7.25',
        remotePort: 22,
        region: REGION,
        credentials,
        signingDate,
      }),
    );
    const sorted = (u: URL) => [...u.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
    assert.deepStrictEqual(sorted(ours), sorted(cli), 'the same parameters and signature as the AWS CLI');
    assert.strictEqual(`${ours.protocol}//${ours.host}${ours.pathname}`, `wss://${host}/openTunnel`);

    const verify = { ...credentials, region: REGION, now: signingDate };
    assert.strictEqual(verifyTunnelUrl(cli.pathname + cli.search, host, verify).privateIpAddress, '10.0.7.25');
    const tampered = cli.pathname + cli.search.replace('10.0.7.25', '10.0.7.26');
    assert.throws(() => verifyTunnelUrl(tampered, host, verify), /signature does not match/);
    assert.throws(
      () => verifyTunnelUrl(cli.pathname + cli.search, host, { ...verify, now: new Date(signingDate.getTime() + 61_000) }),
      /expired/,
    );
    assert.throws(() => verifyTunnelUrl(cli.pathname + cli.search, host, { ...verify, secretAccessKey: 'other' }), /signature/);
  });

  it('writes nothing unsafe into the ProxyCommand line', () => {
    const base = {
      program: ['/n/node', '/x/connect.js'],
      profile: 'p',
      region: REGION,
      instanceId,
      user: 'ubuntu',
      publicKeyFile: '/k.pub',
    };
    assert.throws(() => proxyCommandLine({ ...base, user: 'root\n  ProxyCommand evil' }), /not safe/);
    assert.throws(() => proxyCommandLine({ ...base, profile: "x'; touch /tmp/pwned; '" }), /not safe/);
    assert.throws(() => proxyCommandLine({ ...base, endpoint: { id: 'eice-01', host: 'a b' } }), /not safe/);
    assert.strictEqual(
      proxyCommandLine({ ...base, profile: 'my $(profile)', publicKeyFile: '/k 100%/id.pub' }),
      `/n/node /x/connect.js --profile 'my $(profile)' --region ${REGION} --instance ${instanceId} --user ubuntu --public-key '/k 100%%/id.pub' --host %h --port %p`,
    );
  });
});
