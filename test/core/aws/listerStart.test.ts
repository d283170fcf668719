// What the first listing waits for: the profile read without the SDK bundle, and the listing
// worker started (warm) while the view paints, with no AWS call. And a burst of single-page regions
// shared with the second thread.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { listerFor } from '../../../src/core/listing/offThreadLister';
import { condenseDescribeInstances } from '../../../src/core/listing/instanceRecords';
import { everyOtherPage, listInstancePages, pageText } from '../../../src/core/listing/instancePages';
import { type Ec2Instance } from '../../../src/core/aws/ec2/instances';
import { type FastEc2Server, startFastEc2Server } from '../../support/fastEc2Server';

describe('The first listing of a session', () => {
  let server: FastEc2Server;
  before(async () => {
    server = await startFastEc2Server({ regions: { 'eu-west-3': 3 }, delayMs: 20 });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it("reads the profile with the config files' reader alone: no SDK client is loaded", () => {
    // A process of its own, so that nothing another test loaded is in its module cache.
    const script = `
      const { AwsSession } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/aws/session/awsSession.js'))});
      const s = new AwsSession({ profile: 'moto' });
      s.profile().then((p) => {
        const loaded = Object.keys(require.cache).filter((f) => /client-ec2|[\\\\/]sdk\\.js$|credential-provider/.test(f));
        process.stdout.write(JSON.stringify({ name: p.name, endpoint: !!p.endpointUrl, loaded }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { env: process.env, encoding: 'utf8' })) as {
      name: string;
      endpoint: boolean;
      loaded: string[];
    };
    assert.strictEqual(out.name, 'moto');
    assert.strictEqual(out.endpoint, true, 'the profile was read, its endpoint_url included');
    assert.deepStrictEqual(out.loaded, []);
  });

  it('starts the worker and gets it ready with no AWS call; the listing that follows uses it', async () => {
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    await listerFor(session).warm();
    assert.strictEqual(server.requests.length, 0, 'no request while getting ready');
    const instances = await listerFor(session).listInstances('eu-west-3');
    session.dispose();
    assert.strictEqual(listerFor(session).offThread, true);
    assert.strictEqual(instances.length, 3);
    assert.deepStrictEqual(
      server.requests.map((r) => r.action),
      ['DescribeInstances'],
    );
  });

  it('lists with the shipped worker bundle, which holds no SDK and requires dist/sdk.js on its own thread only', async () => {
    const root = path.resolve(__dirname, '../../../..');
    const { OffThreadLister } = await import('../../../src/core/listing/offThreadLister');
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    const lister = new OffThreadLister(session.options, session, path.join(root, 'dist', 'listWorker.js'));
    const [regions, instances] = await Promise.all([lister.listRegions(), lister.listInstances('eu-west-3')]);
    lister.dispose();
    session.dispose();
    assert.strictEqual(lister.offThread, true, 'the bundled worker started');
    assert.deepStrictEqual(regions, ['eu-west-3']);
    assert.strictEqual(instances.length, 3);
    const bundle = fs.readFileSync(path.join(root, 'dist', 'listWorker.js'), 'utf8');
    assert.match(bundle, /require\("\.\/sdk"\)/);
    assert.doesNotMatch(bundle, /@aws-sdk|@smithy/);
  });

  it('gets ready quietly when the profile does not exist: the listing words the problem', async () => {
    const session = new AwsSession({ profile: 'no-such-profile', endpointUrl: server.url });
    await listerFor(session).warm(); // Resolves: nothing to show yet.
    const error = await listerFor(session)
      .listInstances('eu-west-3')
      .then(
        () => undefined,
        (e: Error) => e.message,
      );
    session.dispose();
    assert.match(String(error), /no-such-profile/);
    assert.strictEqual(server.requests.length, 0);
  });
});

describe('A burst of single-page regions, shared with the second thread', () => {
  const regions = ['ap-south-1', 'eu-north-1', 'eu-west-1', 'eu-west-3', 'sa-east-1', 'us-east-1'];
  let server: FastEc2Server;
  before(async () => {
    server = await startFastEc2Server({ regions: Object.fromEntries(regions.map((r, k) => [r, 10 + k])), delayMs: 20 });
  });
  after(() => server.close());

  it('gives every other page, of any region, to the helper, single pages included', async () => {
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    const taken: string[] = [];
    const helper = everyOtherPage(async (region, body) => {
      assert.ok(body instanceof Uint8Array, 'the page is handed over undecoded');
      taken.push(region); // Condensed here, as the second thread would.
      return condenseDescribeInstances(region, pageText(body)).instances;
    });
    const lists = await Promise.all(
      regions.map(async (region) => {
        const got: Ec2Instance[] = [];
        await listInstancePages(session, region, (page) => got.push(...page), undefined, helper);
        return got;
      }),
    );
    session.dispose();
    assert.deepStrictEqual(
      lists.map((l) => l.length),
      [10, 11, 12, 13, 14, 15],
    );
    assert.strictEqual(taken.length, 3, `the helper took ${taken.join(', ')}`);
    assert.strictEqual(new Set(taken).size, 3, 'three different single-page regions');
  });

  it('lists every region through the worker and its condenser thread', async () => {
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    const lists = await Promise.all(regions.map((r) => listerFor(session).listInstances(r)));
    session.dispose();
    assert.strictEqual(listerFor(session).offThread, true);
    assert.deepStrictEqual(
      lists.map((l) => l.length),
      [10, 11, 12, 13, 14, 15],
    );
    assert.deepStrictEqual(
      lists.map((l) => new Set(l.map((i) => i.region)).size),
      [1, 1, 1, 1, 1, 1],
    );
  });
});
