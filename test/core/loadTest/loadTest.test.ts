import * as l10n from '@vscode/l10n';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadTestProblem, runLoadTest } from '../../../src/core/loadTest/loadTest';
import { escapeHtml, renderResultsHtml } from '../../../src/core/loadTest/resultsHtml';
import fc from 'fast-check';
import { startFarm } from '../../support/backends';

describe('Load test', () => {
  it('spreads over three backends behind a round-robin proxy; counts match what each served', async () => {
    const farm = await startFarm(['header', 'header', 'body']);
    try {
      const r = await runLoadTest({ url: farm.url, requests: 300, concurrency: 10 });
      assert.strictEqual(r.sent, 300);
      assert.strictEqual(r.ok, 300);
      assert.deepStrictEqual(r.statusCodes, { 200: 300 });
      const expected = Object.fromEntries(farm.backends.map((b) => [b.instanceId, b.served]));
      assert.deepStrictEqual(r.byBackend, expected);
      assert.strictEqual(
        Object.values(r.byBackend).reduce((a, b) => a + b, 0),
        300,
      );
      assert.deepStrictEqual(Object.values(r.byBackend), [100, 100, 100]);
      assert.ok(r.latencyMs.p50 > 0 && r.latencyMs.p50 <= r.latencyMs.p95 && r.latencyMs.p95 <= r.latencyMs.p99);
    } finally {
      await farm.close();
    }
  });

  it('shows a backend that returns 500s in the status codes', async () => {
    const farm = await startFarm(['header', 'error', 'header']);
    try {
      const r = await runLoadTest({ url: farm.url, requests: 90, concurrency: 5 });
      assert.deepStrictEqual(r.statusCodes, { 200: 60, 500: 30 });
      assert.strictEqual(r.ok, 60);
      assert.strictEqual(r.byBackend[farm.backends[1].instanceId], 30);
    } finally {
      await farm.close();
    }
  });

  it('stops promptly when cancelled', async () => {
    const farm = await startFarm(['header', 'header', 'header'], 20);
    const abort = new AbortController();
    try {
      const started = Date.now();
      const running = runLoadTest({ url: farm.url, requests: 10_000, concurrency: 4, signal: abort.signal });
      setTimeout(() => abort.abort(), 200);
      const r = await running;
      assert.ok(Date.now() - started < 1500, `stopped after ${Date.now() - started} ms`);
      assert.ok(r.cancelled && r.sent < 200, `sent ${r.sent}`);
    } finally {
      await farm.close();
    }
  });

  it('refuses bad input before sending anything', () => {
    assert.strictEqual(loadTestProblem('ftp://x', 10, 1), 'The load test needs an http or https URL (got ftp:).');
    assert.strictEqual(loadTestProblem('http://x/', 20000, 1), 'The number of requests is 1 to 10000 (got 20000).');
    assert.strictEqual(loadTestProblem('http://x/', 10, 0), 'The concurrency is 1 to 100 (got 0).');
    assert.match(loadTestProblem('not a url', 10, 1) ?? '', /is not a URL/);
  });

  it('renders results with a strict CSP and every value escaped', () => {
    const html = renderResultsHtml(
      {
        url: 'http://x/?a=<script>',
        sent: 2,
        ok: 1,
        failed: 0,
        statusCodes: { 200: 1, 500: 1 },
        byBackend: { '<img src=x onerror=alert(1)>': 2 },
        latencyMs: { p50: 1, p95: 2, p99: 3 },
        durationMs: 10,
        cancelled: false,
      },
      'NONCE123',
      'vscode-webview://x',
    );
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-NONCE123'; img-src vscode-webview:\/\/x;">/,
    );
    assert.doesNotMatch(html, /<script|<img /);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /a=&lt;script&gt;/);
  });

  it("labels each bar with the instance's Name tag (its id on hover), as text, whatever the tag holds", () => {
    const result = (byBackend: Record<string, number>) => ({
      url: 'http://x/',
      sent: 4,
      ok: 4,
      failed: 0,
      statusCodes: { 200: 4 },
      byBackend,
      latencyMs: { p50: 1, p95: 2, p99: 3 },
      durationMs: 10,
      cancelled: false,
    });
    const html = renderResultsHtml(result({ 'i-0a': 3, 'i-0b': 1 }), 'N', 'vscode-webview://x', 'en', { 'i-0a': 'web-1' });
    assert.match(html, /<title>web-1 \(i-0a\)<\/title>\n {2}<text [^>]*class="label">web-1<\/text>/);
    assert.match(html, /<text [^>]*class="label">i-0b<\/text>/, 'an instance without a name keeps its id');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const page = renderResultsHtml(result({ 'i-0a': 4 }), 'N', 'vscode-webview://x', 'en', { 'i-0a': name });
        const label = /<text [^>]*class="label">([^<]*)<\/text>/.exec(page)?.[1];
        assert.strictEqual(label, escapeHtml(name));
        assert.ok(page.includes(`<title>${escapeHtml(`${name} (i-0a)`)}</title>`));
      }),
      { seed: 27, numRuns: 200 },
    );
  });

  it('renders results in the display language it is given (French through @vscode/l10n)', () => {
    const root = path.resolve(__dirname, '..', '..', '..', '..');
    l10n.config({ contents: JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) });
    try {
      const html = renderResultsHtml(
        {
          url: 'http://x/',
          sent: 300,
          ok: 299,
          failed: 1,
          statusCodes: { 200: 299 },
          byBackend: { 'i-1': 300 },
          latencyMs: { p50: 12.5, p95: 30, p99: 38.7 },
          durationMs: 1450,
          cancelled: false,
        },
        'N',
        'vscode-webview://x',
        'fr',
      );
      assert.match(html, /<html lang="fr">/);
      assert.match(html, /<h1>Test de charge<\/h1>/);
      assert.match(html, /300 requêtes · 299 OK · 1 en échec · 1,5 s/);
      assert.match(html, /<td>p50<\/td><td>12,5<\/td>/);
      assert.match(html, /<li><span class="good">200<\/span> : 299<\/li>/, 'French puts a space before the colon');
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
