// Issue #26: hostile servers stay small. A loopback server answers each request with a different
// 15 KB X-Instance-Id (as a misbehaving or malicious backend can): the results keep the 20 busiest
// backends plus "others", labels cut to 64 characters, so their size no longer grows with the
// number of requests (it was 12 MB after 400 requests, about 300 MB at the 10,000 cap).
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { MAX_BACKENDS_SHOWN, MAX_LABEL_LENGTH, runLoadTest } from '../../../src/core/loadTest/loadTest';
import { renderResultsHtml } from '../../../src/core/loadTest/resultsHtml';

async function hostileServer(): Promise<{ url: string; served: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((_req, res) => {
    n++;
    // 15 KB, different for each answer; a few steady backends answer too, so the busiest are real ones.
    const id = n % 4 === 0 ? `i-0steady000000000${n % 3}` : `i-${String(n).padStart(8, '0')}${'x'.repeat(15 * 1024)}`;
    res.writeHead(200, { 'X-Instance-Id': id, Connection: 'close' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    served: () => n,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('Load test against a hostile server', function () {
  this.timeout(180_000);

  it('keeps the 20 busiest backends plus "others", labels cut to 64 characters, whatever the server sends', async () => {
    const server = await hostileServer();
    try {
      const requests = Number(process.env.EC2WB_HOSTILE_REQUESTS) || 2000;
      const r = await runLoadTest({ url: server.url, requests, concurrency: 20 });
      assert.strictEqual(r.ok, requests);
      const labels = Object.keys(r.byBackend);
      assert.ok(labels.length <= MAX_BACKENDS_SHOWN, `${labels.length} backends kept`);
      assert.ok(
        labels.every((l) => [...l].length <= MAX_LABEL_LENGTH),
        'every label is cut',
      );
      assert.deepStrictEqual(labels.slice(0, 3).sort(), ['i-0steady0000000000', 'i-0steady0000000001', 'i-0steady0000000002']);
      const counted = Object.values(r.byBackend).reduce((a, b) => a + b, 0) + (r.others?.requests ?? 0);
      assert.strictEqual(counted, requests, 'every answer is counted, the rest as "others"');
      const size = JSON.stringify(r).length;
      assert.ok(size < 4096, `the result is ${size} bytes`);
      const page = renderResultsHtml(r, 'n', 'vscode-resource:');
      assert.ok(page.length < 32_768, `the results page is ${page.length} bytes`);
      assert.match(page, />Others</);
    } finally {
      await server.close();
    }
  });
});
