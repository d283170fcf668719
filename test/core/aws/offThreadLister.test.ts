import * as assert from 'assert';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { listerFor } from '../../../src/core/listing/offThreadLister';
import { type SdkCall } from '../../../src/core/aws/session/cliTranscript';
import { describeError } from '../../../src/core/aws/session/errors';
import { peekNextToken } from '../../../src/core/listing/instancePages';
import { listInstances } from '../../../src/core/aws/ec2/instances';
import { resetMoto } from '../../support/moto';
import { runInstances } from '../../support/seed';
import { closedPortUrl, ec2ErrorXml, startFakeAwsServer } from '../../support/fakeAwsServer';
import { type FastEc2Server, startFastEc2Server } from '../../support/fastEc2Server';

describe('The explorer listing, off the extension host thread', () => {
  let server: FastEc2Server;
  before(async () => {
    server = await startFastEc2Server({ regions: { 'eu-west-3': 2500, 'us-east-1': 3, 'ap-south-1': 0 }, delayMs: 100 });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('lists every page in a worker, as compact records without the SDK objects, handed over in slices as each page comes', async () => {
    const calls: SdkCall[] = [];
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url, onCall: (c) => calls.push(c) });
    const pages: number[] = [];
    const instances = await listerFor(session).listInstances('eu-west-3', (page) => pages.push(page.length));
    session.dispose();
    assert.strictEqual(listerFor(session).offThread, true, 'the worker started');
    // Three pages of AWS's (1,000, 1,000, 500), handed over in slices of 250 records at most.
    assert.deepStrictEqual(pages, [250, 250, 250, 250, 250, 250, 250, 250, 250, 250]);
    assert.strictEqual(instances.length, 2500);
    assert.strictEqual(new Set(instances.map((i) => i.id)).size, 2500);
    const web7 = instances.find((i) => i.name === 'web-7')!;
    assert.strictEqual(web7.raw, undefined);
    assert.strictEqual(web7.state, 'stopped');
    assert.strictEqual(web7.tags.env, 'prod');
    assert.strictEqual(web7.publicIp, '198.51.0.7');
    assert.ok(web7.launchTime instanceof Date);
    assert.deepStrictEqual(
      web7.volumes.map((v) => v.device),
      ['/dev/sda1', '/dev/sdf'],
    );
    assert.strictEqual(instances[0].state, 'running', 'running first, as the in-thread listing sorts');
    // The worker's calls still reach the AWS CLI channel of this thread.
    assert.deepStrictEqual(
      calls.map((c) => [c.commandName, c.region, c.input.NextToken === undefined]),
      [
        ['DescribeInstancesCommand', 'eu-west-3', true],
        ['DescribeInstancesCommand', 'eu-west-3', false],
        ['DescribeInstancesCommand', 'eu-west-3', false],
      ],
    );
  });

  it('asks for the next page as soon as its token is in the answer, before the page is parsed and shown', async () => {
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    const shown: number[] = [];
    await listerFor(session).listInstances('eu-west-3', () => shown.push(performance.now()));
    session.dispose();
    const asked = server.requests.filter((r) => r.action === 'DescribeInstances').map((r) => r.at);
    assert.strictEqual(asked.length, 3);
    // Page 2 was requested before page 1 reached this thread, page 3 before page 2 did.
    assert.ok(asked[1] < shown[0], `page 2 asked at ${asked[1].toFixed(1)}, page 1 shown at ${shown[0].toFixed(1)}`);
    assert.ok(asked[2] < shown[4], `page 3 asked at ${asked[2].toFixed(1)}, page 2 shown at ${shown[4].toFixed(1)}`);
  });

  it('lists the regions and several regions at once in one worker', async () => {
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    const regions = await listerFor(session).listRegions();
    const lists = await Promise.all(regions.map((r) => listerFor(session).listInstances(r)));
    session.dispose();
    assert.deepStrictEqual(regions, ['ap-south-1', 'eu-west-3', 'us-east-1']);
    assert.deepStrictEqual(
      lists.map((l) => l.length),
      [0, 2500, 3],
    );
  });

  it('words an AWS error from the worker as it would an error of this thread', async () => {
    const denied = await startFakeAwsServer(403, ec2ErrorXml('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const session = new AwsSession({ profile: 'moto', endpointUrl: denied.url, maxAttempts: 1 });
    const inThread = await session.listRegions().catch((e: unknown) => describeError(e, { region: 'eu-west-3', profile: 'moto' }));
    const fromWorker = await listerFor(session)
      .listInstances('eu-west-3')
      .catch((e: unknown) => describeError(e, { region: 'eu-west-3', profile: 'moto' }));
    session.dispose();
    await denied.close();
    assert.match(String(fromWorker), /not allowed|not authorized|permission/i);
    assert.strictEqual(fromWorker, inThread);
  });

  it('words a network failure from the worker with its code', async () => {
    const url = await closedPortUrl();
    const session = new AwsSession({ profile: 'moto', endpointUrl: url, maxAttempts: 1 });
    const message = await listerFor(session)
      .listInstances('eu-west-3')
      .then(
        () => 'listed',
        (e: unknown) => describeError(e, { region: 'eu-west-3', endpoint: url }),
      );
    session.dispose();
    assert.match(message, /ECONNREFUSED|could not reach|refused/i);
  });

  it('runs the same listing in this thread when no worker can start', async () => {
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    const { OffThreadLister } = await import('../../../src/core/listing/offThreadLister');
    const lister = new OffThreadLister(session.options, session, '/nonexistent/listWorker.js');
    const instances = await lister.listInstances('us-east-1').catch((e: unknown) => e);
    lister.dispose();
    session.dispose();
    assert.ok(Array.isArray(instances), `listed in thread: ${String(instances)}`);
    assert.strictEqual((instances as unknown[]).length, 3);
  });

  it("condenses moto's answers into the same records as the SDK's own deserializer gives", async () => {
    await resetMoto();
    await runInstances('eu-west-3', { name: 'web-1', tags: { env: 'lab', 'a&b': '<x>' } });
    await runInstances('eu-west-3', { count: 3 });
    const session = new AwsSession({ profile: 'moto' });
    const viaSdk = (await listInstances(session, 'eu-west-3')).map(({ raw: _raw, ...rest }) => rest);
    const condensed = await listerFor(session).listInstances('eu-west-3');
    session.dispose();
    assert.strictEqual(condensed.length, 4);
    assert.deepStrictEqual(condensed, viaSdk);
  });

  it('reads the next token out of raw XML, entities decoded', () => {
    assert.strictEqual(peekNextToken('<a><reservationSet/><nextToken>ab&amp;c+/=</nextToken></a>'), 'ab&c+/=');
    assert.strictEqual(peekNextToken('<a><reservationSet/></a>'), undefined);
    assert.strictEqual(peekNextToken('<a><nextToken></nextToken></a>'), undefined);
    // Before or after the set, never inside it (a tag's text holding the words is escaped there).
    const set =
      '<reservationSet><item><tagSet><item><value>&lt;nextToken&gt;no&lt;/nextToken&gt;</value></item></tagSet></item></reservationSet>';
    assert.strictEqual(peekNextToken(`<a>${set}<nextToken>after</nextToken></a>`), 'after');
    assert.strictEqual(peekNextToken(`<a><nextToken>before</nextToken>${set}</a>`), 'before');
    assert.strictEqual(peekNextToken(`<a>${set}</a>`), undefined);
    assert.strictEqual(peekNextToken(`<a><reservationSet/><nextToken>t</nextToken></a>`), 't');
    // The same from the answer's bytes (the page is decoded only after its next page has left).
    for (const xml of [`<a>${set}<nextToken>été&amp;</nextToken></a>`, `<a><nextToken>b</nextToken>${set}</a>`, `<a>${set}</a>`, '<a/>']) {
      assert.strictEqual(peekNextToken(new TextEncoder().encode(xml)), peekNextToken(xml), xml);
    }
    assert.strictEqual(peekNextToken(new TextEncoder().encode(`<a>${set}<nextToken>été&amp;</nextToken></a>`)), 'été&');
  });
});
