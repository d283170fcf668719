// The load test as it goes on a real account: a balancer's name that is not in DNS yet, a server
// that trickles bytes, a hostile X-Instance-Id, and the sandbox's way to reach a stand-in (resolve).
import * as assert from 'assert';
import * as http from 'http';
import { type AddressInfo } from 'net';
import { LoadTestStartError, runLoadTest, targetOf } from '../../../src/core/loadTest/loadTest';
import { startFarm } from '../../support/backends';

async function serve(handler: http.RequestListener): Promise<{ url: string; server: http.Server; seen: string[] }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(String(req.headers.host));
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server, seen };
}

describe('Load test on a real account', () => {
  it('sends the requests for a name to the address `resolve` gives, with the Host header of the URL', async () => {
    const farm = await startFarm(['header', 'header', 'header'], 0, ['i-0aaaaaaaaaaaaaaa1', 'i-0aaaaaaaaaaaaaaa2', 'i-0aaaaaaaaaaaaaaa3']);
    const name = 'lab-elb-1234567890.eu-west-3.elb.amazonaws.com';
    let looked = 0;
    try {
      const r = await runLoadTest({
        url: `http://${name}/`,
        requests: 30,
        concurrency: 3,
        resolve: { [`${name}:80`]: new URL(farm.url).host },
        lookup: async () => {
          looked++;
        },
      });
      assert.deepStrictEqual(r.byBackend, { 'i-0aaaaaaaaaaaaaaa1': 10, 'i-0aaaaaaaaaaaaaaa2': 10, 'i-0aaaaaaaaaaaaaaa3': 10 });
      assert.strictEqual(looked, 0, 'a mapped name is not looked up');
    } finally {
      await farm.close();
    }
    const echo = await serve((_req, res) => res.end('ok'));
    try {
      await runLoadTest({
        url: `http://${name}:8080/`,
        requests: 2,
        concurrency: 1,
        resolve: { [`${name}:8080`]: new URL(echo.url).host },
      });
      assert.deepStrictEqual(echo.seen, [`${name}:8080`, `${name}:8080`], "the Host header is the URL's");
    } finally {
      echo.server.close();
    }
    assert.deepStrictEqual(targetOf(new URL('https://x.example/'), { 'x.example:443': '127.0.0.1' }), {
      hostname: '127.0.0.1',
      port: 443,
      mapped: true,
    });
    assert.deepStrictEqual(targetOf(new URL('http://x.example:8080/'), { 'x.example:80': '127.0.0.1:1' }), {
      hostname: 'x.example',
      port: 8080,
      mapped: false,
    });
  });

  it('resolves every name under a *.<domain>:port key, an exact key first, never the domain itself', () => {
    const resolve = {
      '*.elb.amazonaws.com:80': '127.0.0.1:7001',
      '*.eu-west-3.elb.amazonaws.com:80': '127.0.0.1:7002',
      'a.elb.amazonaws.com:80': '127.0.0.1:7003',
    };
    const at = (url: string) => targetOf(new URL(url), resolve);
    assert.deepStrictEqual(at('http://lab-alb-1.us-east-1.elb.amazonaws.com/'), { hostname: '127.0.0.1', port: 7001, mapped: true });
    assert.deepStrictEqual(at('http://LAB-ELB-2.eu-west-3.elb.amazonaws.com/'), { hostname: '127.0.0.1', port: 7002, mapped: true });
    assert.deepStrictEqual(at('http://a.elb.amazonaws.com/'), { hostname: '127.0.0.1', port: 7003, mapped: true });
    assert.strictEqual(at('http://elb.amazonaws.com/').mapped, false);
    assert.strictEqual(at('http://lab.elb.amazonaws.com:8080/').mapped, false);
    assert.strictEqual(at('http://evil-elb.amazonaws.com.example/').mapped, false);
  });

  it('stops before the first request, with one sentence, when the name is not in DNS yet', async () => {
    await assert.rejects(
      runLoadTest({
        url: 'http://new-elb-1.eu-west-3.elb.amazonaws.com/',
        requests: 300,
        concurrency: 10,
        lookup: async () => {
          throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
        },
      }),
      (error: Error) => {
        assert.ok(error instanceof LoadTestStartError);
        assert.strictEqual(
          error.message,
          'The name new-elb-1.eu-west-3.elb.amazonaws.com is not in DNS yet (new load balancers take a minute or two to appear). Try again in a minute.',
        );
        return true;
      },
    );
  });

  it('stops at its deadline even when a server trickles bytes, aborting the requests in flight', async () => {
    const trickle = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 100); // Never ends; every byte resets an idle timeout.
      res.on('close', () => clearInterval(timer));
    });
    try {
      const started = Date.now();
      const r = await runLoadTest({ url: trickle.url, requests: 50, concurrency: 5, durationCapMs: 1500, requestTimeoutMs: 60_000 });
      const took = Date.now() - started;
      assert.ok(took < 4000, `stopped after ${took} ms`);
      assert.strictEqual(r.ok, 0);
      const perRequest = await runLoadTest({ url: trickle.url, requests: 2, concurrency: 2, requestTimeoutMs: 800 });
      assert.deepStrictEqual(perRequest.statusCodes, { 'error ETIMEDOUT': 2 }, 'each request has a total timeout');
    } finally {
      trickle.server.closeAllConnections();
      trickle.server.close();
    }
  });

  it('counts a backend named __proto__ or constructor like any other', async () => {
    let turn = 0;
    const hostile = await serve((_req, res) => {
      res.setHeader('X-Instance-Id', ['__proto__', 'constructor', 'toString'][turn++ % 3]);
      res.end('ok');
    });
    try {
      const r = await runLoadTest({ url: hostile.url, requests: 9, concurrency: 1 });
      assert.deepStrictEqual(Object.entries(r.byBackend).sort(), [
        ['__proto__', 3],
        ['constructor', 3],
        ['toString', 3],
      ]);
      assert.strictEqual(Object.getPrototypeOf(r.byBackend), Object.prototype);
    } finally {
      hostile.server.close();
    }
  });
});
