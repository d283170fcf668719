// The tree's other groups and the prices are read in the listing worker, with its own SDK session:
// the same values as in this thread (moto), the calls still told to this thread's AWS CLI channel,
// errors worded the same, and the host process loads no SDK client for them.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { AllocateAddressCommand, CreateKeyPairCommand, CreateVolumeCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { type SdkCall } from '../../../src/core/aws/session/cliTranscript';
import { describeError } from '../../../src/core/aws/session/errors';
import { listerFor } from '../../../src/core/listing/offThreadLister';
import { type ReadKind, readHere } from '../../../src/core/listing/reads';
import { closedPortUrl } from '../../support/fakeAwsServer';
import { ec2, elb, motoUrl, resetMoto } from '../../support/moto';
import { defaultSubnet } from '../../support/seed';

const REGION = 'eu-west-3';
const KINDS: ReadKind[] = ['keyPairs', 'volumes', 'loadBalancers', 'vpcs', 'subnets', 'securityGroups', 'addresses', 'autoStops'];

describe("The tree's other reads, in the listing worker", () => {
  before(async () => {
    await resetMoto();
    await ec2(REGION).send(new CreateKeyPairCommand({ KeyName: 'lab & <key> été' }));
    await ec2(REGION).send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 8, VolumeType: 'gp3' }));
    await ec2(REGION).send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const subnet = await defaultSubnet(REGION, `${REGION}a`);
    await elb(REGION).send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'lab-elb',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
        Subnets: [subnet.id],
      }),
    );
  });

  it('gives what the same read gives in this thread, and tells this thread of each call', async () => {
    const calls: SdkCall[] = [];
    const session = new AwsSession({ profile: 'moto', onCall: (c) => calls.push(c) });
    try {
      for (const kind of KINDS) {
        const inWorker = await listerFor(session).read(kind, REGION);
        const here = await readHere(kind, session, REGION);
        assert.deepStrictEqual(inWorker, here, kind);
      }
      assert.strictEqual(listerFor(session).offThread, true, 'the worker answered');
      const volumes = await listerFor(session).read('volumes', REGION);
      assert.deepStrictEqual(
        volumes.map((v) => [v.sizeGiB, v.type]),
        [[8, 'gp3']],
      );
      assert.deepStrictEqual(
        (await listerFor(session).read('keyPairs', REGION)).map((k) => k.name),
        ['lab & <key> été'],
      );
      assert.deepStrictEqual(
        (await listerFor(session).read('loadBalancers', REGION)).map((lb) => [lb.name, lb.type]),
        [['lab-elb', 'classic']],
      );
      // Each read twice (worker, then here), both told to the AWS CLI channel.
      const volumeCalls = calls.filter((c) => c.commandName === 'DescribeVolumesCommand');
      assert.strictEqual(volumeCalls.length, 3);
    } finally {
      session.dispose();
    }
  });

  it('words a failure as the same read in this thread does', async () => {
    const url = await closedPortUrl();
    const session = new AwsSession({ profile: 'moto', endpointUrl: url, maxAttempts: 1 });
    const sentence = (work: Promise<unknown>) =>
      work.then(
        () => 'read',
        (e: unknown) => describeError(e, { region: REGION, profile: 'moto' }),
      );
    try {
      const inWorker = await sentence(listerFor(session).read('volumes', REGION));
      const here = await sentence(readHere('volumes', session, REGION));
      assert.notStrictEqual(inWorker, 'read');
      assert.strictEqual(inWorker, here);
    } finally {
      session.dispose();
    }
  });

  it('loads no AWS SDK client in the host process: the shipped worker requires dist/sdk.js on its own thread', () => {
    // A process of its own, so that nothing another test loaded is in its module cache.
    const out = (file: string) => JSON.stringify(path.resolve(__dirname, '../../../src', file));
    const script = `
      const { AwsSession } = require(${out('core/aws/session/awsSession.js')});
      const { OffThreadLister } = require(${out('core/listing/offThreadLister.js')});
      const session = new AwsSession({ profile: 'moto', endpointUrl: ${JSON.stringify(motoUrl())} });
      const lister = new OffThreadLister(session.options, session, ${JSON.stringify(path.resolve(__dirname, '../../../../dist/listWorker.js'))});
      Promise.all([lister.read('volumes', '${REGION}'), lister.read('loadBalancers', '${REGION}')]).then(([volumes, lbs]) => {
        const loaded = Object.keys(require.cache).filter((f) => /client-|[\\\\/]sdk\\.js$|credential-provider/.test(f));
        process.stdout.write(JSON.stringify({ volumes: volumes.length, lbs: lbs.length, offThread: lister.offThread, loaded }));
        lister.dispose();
        session.dispose();
      });`;
    const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { env: process.env, encoding: 'utf8' })) as {
      volumes: number;
      lbs: number;
      offThread: boolean;
      loaded: string[];
    };
    assert.deepStrictEqual(result, { volumes: 1, lbs: 1, offThread: true, loaded: [] });
  });
});
