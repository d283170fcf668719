// The listing worker without the SDK (directListing.ts, queryClient.ts, sigV4.ts): the same records,
// retries, errors and signatures as the SDK gives, against the AWS-shaped stand-in (fastEc2Server.ts,
// its XML written as AWS's DescribeInstances answers are) behind the AWS stand-in (awsStandIn.ts,
// errors in the EC2 Query API's error document: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
import * as assert from 'assert';
import { createHash, createHmac } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { describeError } from '../../../src/core/aws/session/errors';
import { listInstances, type Ec2Instance } from '../../../src/core/aws/ec2/instances';
import { OffThreadLister } from '../../../src/core/listing/offThreadLister';
import { signQueryRequest } from '../../../src/core/aws/sdk/sigV4';
import { ec2Error, AwsStandIn } from '../../support/awsStandIn';
import { type FastEc2Server, startFastEc2Server } from '../../support/fastEc2Server';
import { propertyRuns } from '../../support/properties';

const root = path.resolve(__dirname, '../../../..');

/** The shipped worker bundle copied alone into a folder: no dist/sdk.js (nor any SDK) beside it. */
function lonelyWorker(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ec2wb-worker-'));
  const script = path.join(dir, 'listWorker.js');
  fs.copyFileSync(path.join(root, 'dist', 'listWorker.js'), script);
  return script;
}

const withoutRaw = (list: Ec2Instance[]) => list.map(({ raw: _raw, ...rest }) => rest);

async function sentence<T>(work: Promise<T>, region: string): Promise<string> {
  return work.then(
    () => 'listed',
    (e: unknown) => describeError(e, { region, profile: 'moto' }),
  );
}

describe('The listing worker without the SDK', () => {
  let server: FastEc2Server;
  let proxy: AwsStandIn;
  before(async () => {
    server = await startFastEc2Server({ regions: { 'eu-west-3': 2500, 'us-east-1': 3 }, delayMs: 10 });
    proxy = await new AwsStandIn(server.url).start();
  });
  after(async () => {
    await proxy.close();
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    proxy.rules.length = 0;
    proxy.seen.length = 0;
  });

  it("lists with the worker bundle alone (no SDK file beside it) the records the SDK's deserializer gives", async () => {
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    const lister = new OffThreadLister(session.options, session, lonelyWorker());
    const [regions, direct] = await Promise.all([lister.listRegions(), lister.listInstances('eu-west-3')]);
    lister.dispose();
    const viaSdk = await listInstances(session, 'eu-west-3');
    const regionsViaSdk = await session.listRegions();
    session.dispose();
    assert.strictEqual(lister.offThread, true, 'the worker started and answered');
    assert.deepStrictEqual(regions, regionsViaSdk);
    assert.strictEqual(direct.length, 2500);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    assert.deepStrictEqual([...direct].sort(byId), withoutRaw(viaSdk).sort(byId));
    assert.strictEqual(server.count('DescribeInstances'), 3 + 3, 'three pages of 1,000 for each');
  });

  it('retries a throttled page and a reset connection as the SDK does, and the listing completes', async () => {
    const counts: number[] = [];
    for (const inWorker of [true, false]) {
      proxy.seen.length = 0;
      let n = 0;
      proxy.rules.push(
        {
          match: (r) => r.action === 'DescribeInstances' && ++n === 2,
          fault: ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503),
          times: 1,
        },
        { match: (r) => r.action === 'DescribeRegions', fault: { kind: 'reset' }, times: 1 },
      );
      const session = new AwsSession({ profile: 'moto', endpointUrl: proxy.url });
      const lister = inWorker ? new OffThreadLister(session.options, session, lonelyWorker()) : undefined;
      const regions = await (lister ? lister.listRegions() : session.listRegions());
      const list = await (lister ? lister.listInstances('eu-west-3') : listInstances(session, 'eu-west-3'));
      lister?.dispose();
      session.dispose();
      assert.deepStrictEqual(regions, ['eu-west-3', 'us-east-1']);
      assert.strictEqual(list.length, 2500);
      counts.push(proxy.seen.length);
      proxy.rules.length = 0;
    }
    // DescribeRegions twice (reset, then answered), DescribeInstances 4 times (page 2 twice).
    assert.deepStrictEqual(counts, [6, 6], 'the worker and the SDK sent as many requests');
  });

  for (const [what, fault, attempts] of [
    ['throttled at every attempt', ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503), 2],
    ['refused (not retried)', ec2Error('InvalidParameterValue', 'Value (x) for parameter MaxResults is invalid.', 400), 1],
    [
      'a 503 without an XML body',
      { kind: 'error' as const, status: 503, body: '<html>Service Unavailable</html>', contentType: 'text/html' },
      2,
    ],
    ['denied', ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403), 1],
  ] as const) {
    it(`words a listing ${what} as the SDK does, after as many attempts`, async () => {
      const results: Array<[string, number]> = [];
      for (const inWorker of [true, false]) {
        proxy.seen.length = 0;
        proxy.rules.length = 0;
        proxy.rules.push({ match: (r) => r.action === 'DescribeInstances', fault });
        const session = new AwsSession({ profile: 'moto', endpointUrl: proxy.url, maxAttempts: 2 });
        const lister = inWorker ? new OffThreadLister(session.options, session, lonelyWorker()) : undefined;
        const message = await sentence(lister ? lister.listInstances('eu-west-3') : listInstances(session, 'eu-west-3'), 'eu-west-3');
        lister?.dispose();
        session.dispose();
        results.push([message, proxy.seen.length]);
      }
      assert.notStrictEqual(results[0][0], 'listed');
      assert.deepStrictEqual(results[0], results[1], 'worker (first) and SDK (second): the same sentence and attempts');
      assert.strictEqual(results[0][1], attempts);
    });
  }

  describe('credentials handed over by the host', () => {
    let dir: string;
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYsecretKEY';
    const writeKeys = (id: string) =>
      fs.writeFileSync(path.join(dir, 'credentials'), `[rotating]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`, {
        mode: 0o600,
      });
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ec2wb-keys-'));
      fs.writeFileSync(path.join(dir, 'config'), '[profile rotating]\nregion = eu-west-3\n');
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    });
    after(() => {
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('lists through the SDK in the worker (dist/sdk.js) for a profile the ini files cannot resolve alone', async () => {
      const script = "console.log(JSON.stringify({Version:1,AccessKeyId:'AKIAPROCESS000000000',SecretAccessKey:'x'}))";
      fs.writeFileSync(
        path.join(dir, 'config'),
        `[profile rotating]\nregion = eu-west-3\n[profile viaprocess]\nregion = eu-west-3\ncredential_process = ${JSON.stringify(process.execPath)} -e "${script}"\n`,
      );
      try {
        const { directListingConfig } = await import('../../../src/core/listing/directListingConfig');
        assert.strictEqual(await directListingConfig({ profile: 'viaprocess', endpointUrl: proxy.url }), undefined, 'left to the SDK');
        const session = new AwsSession({ profile: 'viaprocess', endpointUrl: proxy.url });
        const lister = new OffThreadLister(session.options, session, path.join(root, 'dist', 'listWorker.js'));
        const listed = await lister.listInstances('us-east-1');
        lister.dispose();
        session.dispose();
        assert.strictEqual(lister.offThread, true);
        assert.strictEqual(listed.length, 3);
        assert.deepStrictEqual(
          proxy.seen.map((r) => [r.action, r.accessKeyId]),
          [['DescribeInstances', 'AKIAPROCESS000000000']],
        );
      } finally {
        fs.writeFileSync(path.join(dir, 'config'), '[profile rotating]\nregion = eu-west-3\n');
      }
    });

    it('signs with the profile keys, and reads them again after AWS rejects them (renewed keys work at once)', async () => {
      writeKeys('AKIAOLDKEY0000000000');
      proxy.rules.push({
        match: (r) => r.accessKeyId === 'AKIAOLDKEY0000000000',
        fault: ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', 401),
      });
      const session = new AwsSession({ profile: 'rotating', endpointUrl: proxy.url });
      const lister = new OffThreadLister(session.options, session, lonelyWorker());
      const rejected = await lister.listInstances('us-east-1').then(
        () => undefined,
        (e: Error) => e,
      );
      assert.ok(rejected, 'the old key was rejected');
      assert.match(describeError(rejected, { profile: 'rotating' }), /rejected the credentials/);
      assert.ok(
        !JSON.stringify({ ...rejected, message: rejected.message, stack: rejected.stack }).includes(secret),
        'the secret is in no error',
      );
      writeKeys('AKIANEWKEY0000000000');
      const listed = await lister.listInstances('us-east-1');
      lister.dispose();
      session.dispose();
      assert.strictEqual(listed.length, 3);
      assert.deepStrictEqual(
        proxy.seen.map((r) => [r.action, r.accessKeyId, r.region]),
        [
          ['DescribeInstances', 'AKIAOLDKEY0000000000', 'us-east-1'],
          ['DescribeInstances', 'AKIANEWKEY0000000000', 'us-east-1'],
        ],
      );
    });
  });
});

/** The SHA-256 @smithy/signature-v4 is given in the SDK (@smithy/hash-node), from node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: unknown) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: unknown): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

function bytes(data: unknown): string | Buffer {
  if (typeof data === 'string') {
    return data;
  }
  if (ArrayBuffer.isView(data)) {
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  return Buffer.from(data as ArrayBuffer);
}

describe("The worker's SigV4 signing", () => {
  it('gives the Authorization header of @smithy/signature-v4 for any Query request', async () => {
    const text = (min: number, max: number) => fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          accessKeyId: fc.stringMatching(/^[A-Z0-9]{16,20}$/),
          secretAccessKey: text(1, 40),
          sessionToken: fc.option(fc.stringMatching(/^[A-Za-z0-9+/= ]{1,60}$/), { nil: undefined }),
          region: fc.constantFrom('eu-west-3', 'us-east-1', 'ap-south-1', 'cn-north-1'),
          host: fc.constantFrom('ec2.eu-west-3.amazonaws.com', '127.0.0.1:5000', 'localhost:4566'),
          path: fc.constantFrom('/', '/prefix/', '/a b/./c/../d/', '/é/'),
          body: text(0, 200),
          date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
        }),
        async (r) => {
          const credentials = { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey, sessionToken: r.sessionToken };
          const ours = signQueryRequest({
            credentials,
            region: r.region,
            service: 'ec2',
            host: r.host,
            path: r.path,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: r.body,
            date: r.date,
          });
          const signer = new SignatureV4({ credentials, region: r.region, service: 'ec2', sha256: Sha256, uriEscapePath: true });
          const [hostname, port] = r.host.split(':');
          const theirs = await signer.sign(
            {
              method: 'POST',
              protocol: 'https:',
              hostname,
              port: port ? Number(port) : undefined,
              path: r.path,
              query: {},
              headers: { 'content-type': 'application/x-www-form-urlencoded', host: r.host },
              body: r.body,
            },
            { signingDate: r.date },
          );
          assert.strictEqual(ours.authorization, theirs.headers.authorization);
          assert.strictEqual(ours['x-amz-date'], theirs.headers['x-amz-date']);
          assert.strictEqual(ours['x-amz-security-token'], theirs.headers['x-amz-security-token']);
        },
      ),
      { ...propertyRuns(200), seed: 29 },
    );
  });
});
