// The tree holds little (instanceSummary.ts): the listing worker keeps the full records of a region's
// last listing and hands the host what rows show; details and tag filters are asked of the worker.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { listerFor } from '../../../src/core/listing/offThreadLister';
import { INSTANCE_AUTO_STOP_TAG } from '../../../src/core/aws/cloudwatch/autoStop';
import { summarize } from '../../../src/core/listing/instanceSummary';
import { type FastEc2Server, startFastEc2Server } from '../../support/fastEc2Server';

const execFileAsync = promisify(execFile);

describe('What the host holds of listed instances', () => {
  let server: FastEc2Server;
  before(async () => {
    server = await startFastEc2Server({ regions: { 'eu-west-3': 2500 }, delayMs: 5 });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('gets summaries, and the full records of the same listing from the worker by id, with no new request', async () => {
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    const pages: number[] = [];
    const shown = await listerFor(session).listShown('eu-west-3', (page) => pages.push(page.length));
    const full = await listerFor(session).listInstances('eu-west-3');
    const asked = server.count('DescribeInstances');
    const ids = [shown[0].id, shown[1234].id, shown[2499].id];
    const details = await listerFor(session).details('eu-west-3', ids);
    assert.strictEqual(server.count('DescribeInstances'), asked, 'details came from the worker, not from AWS');
    session.dispose();
    assert.strictEqual(shown.length, 2500);
    assert.strictEqual(
      pages.reduce((a, b) => a + b, 0),
      2500,
    );
    assert.deepStrictEqual(
      shown.map((s) => s.id),
      full.map((f) => f.id),
      'sorted as the full records are',
    );
    assert.deepStrictEqual(shown, full.map(summarize));
    assert.deepStrictEqual(
      details,
      ids.map((id) => full.find((f) => f.id === id)),
    );
    assert.strictEqual(Object.keys(shown[0]).includes('securityGroups'), false);
    assert.deepStrictEqual(shown[0].tags, {}, 'no tag but the auto-stop one reaches the host');
    assert.ok(details[0].tags.project.includes('R&D <lab>'), 'the full record has every tag');
  });

  it('asks AWS for a record the worker no longer has (a new session), and matches tag filters in the worker', async () => {
    const first = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    const shown = await listerFor(first).listShown('eu-west-3');
    first.dispose();
    const session = new AwsSession({ profile: 'moto', endpointUrl: server.url });
    server.reset();
    const [one] = await listerFor(session).details('eu-west-3', [shown[7].id]);
    assert.strictEqual(one.id, shown[7].id);
    assert.strictEqual(server.count('DescribeInstances'), 1, 'one DescribeInstances by id');
    await listerFor(session).listShown('eu-west-3');
    const prod = await listerFor(session).matching('eu-west-3', { tag: { key: 'env', value: 'prod' } });
    const none = await listerFor(session).matching('eu-west-3', { tag: { key: INSTANCE_AUTO_STOP_TAG } });
    session.dispose();
    assert.strictEqual(prod.size, 1250, 'odd instances have env=prod');
    assert.strictEqual(none.size, 0);
  });

  it('holds less than half the heap of the full records (measured in a process with gc exposed; figures printed)', async () => {
    // A process of its own: gc() between measures, awaits around it, nothing else on its heap.
    const script = `
      const v8 = require('v8');
      const { AwsSession } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/aws/session/awsSession.js'))});
      const { listerFor } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/listing/offThreadLister.js'))});
      const heap = async () => {
        for (let k = 0; k < 2; k++) { await new Promise((r) => setTimeout(r, 10)); gc(); }
        return v8.getHeapStatistics().used_heap_size;
      };
      (async () => {
        const session = new AwsSession({ profile: 'moto', endpointUrl: process.argv[1] });
        await listerFor(session).listShown('eu-west-3'); // The worker and the code warm.
        await listerFor(session).listInstances('eu-west-3');
        let held = undefined;
        const b1 = await heap();
        held = await listerFor(session).listInstances('eu-west-3');
        const full = (await heap()) - b1;
        held = undefined;
        const b2 = await heap();
        held = await listerFor(session).listShown('eu-west-3');
        const shown = (await heap()) - b2;
        session.dispose();
        process.stdout.write(JSON.stringify({ full, shown, n: held.length }));
      })();`;
    const { stdout } = await execFileAsync(process.execPath, ['--expose-gc', '-e', script, server.url], { env: process.env });
    const { full, shown, n } = JSON.parse(stdout) as { full: number; shown: number; n: number };
    process.stdout.write(
      `      heap held for ${n} instances: full records ${(full / n).toFixed(0)} B each, summaries ${(shown / n).toFixed(0)} B each\n`,
    );
    assert.strictEqual(n, 2500);
    assert.ok(shown > 0 && shown < full / 2, `summaries ${shown} B against full records ${full} B`);
  });
});
