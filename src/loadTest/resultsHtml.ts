// The load-test results page: a bar per backend, drawn as inline SVG. No script at all, a strict
// Content Security Policy, and every value escaped (backend names come from the servers answering).
import { LoadTestResult } from './loadTest';

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface ResultsLabels {
  readonly title: string;
  readonly requests: string;
  readonly backends: string;
  readonly statusCodes: string;
  readonly latency: string;
  readonly cancelled: string;
}

const ENGLISH: ResultsLabels = {
  title: 'Load test',
  requests: 'requests',
  backends: 'Requests per backend instance',
  statusCodes: 'Status codes',
  latency: 'Latency (ms)',
  cancelled: 'Cancelled before the end.',
};

export function renderResultsHtml(r: LoadTestResult, nonce: string, cspSource: string, labels: ResultsLabels = ENGLISH): string {
  const entries = Object.entries(r.byBackend).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const barHeight = 28;
  const width = 560;
  const labelWidth = 190;
  const bars = entries
    .map(([name, n], i) => {
      const w = Math.max(2, Math.round(((width - labelWidth - 80) * n) / max));
      const y = i * (barHeight + 10);
      const pct = r.sent ? Math.round((100 * n) / r.sent) : 0;
      return `<g transform="translate(0,${y})" role="listitem" aria-label="${escapeHtml(`${name}: ${n} (${pct}%)`)}">
  <text x="0" y="${barHeight / 2 + 5}" class="label">${escapeHtml(name)}</text>
  <rect x="${labelWidth}" y="0" width="${w}" height="${barHeight}" rx="3" class="bar"/>
  <text x="${labelWidth + w + 8}" y="${barHeight / 2 + 5}" class="value">${n} (${pct}%)</text>
</g>`;
    })
    .join('\n');
  const svgHeight = Math.max(1, entries.length) * (barHeight + 10);
  const codes = Object.entries(r.statusCodes)
    .map(([code, n]) => `<li><span class="${code.startsWith('2') ? 'good' : 'bad'}">${escapeHtml(code)}</span>: ${n}</li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; img-src ${cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(labels.title)}</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 12px 20px; }
  h1 { font-size: 1.3em; margin-bottom: 0.2em; }
  .url { color: var(--vscode-descriptionForeground); word-break: break-all; }
  .bar { fill: var(--vscode-charts-blue); }
  .label, .value { fill: var(--vscode-foreground); font-size: 13px; font-family: var(--vscode-editor-font-family); }
  .good { color: var(--vscode-charts-green); } .bad { color: var(--vscode-charts-red); }
  table { border-collapse: collapse; } td { padding: 2px 14px 2px 0; }
  .summary { font-size: 1.1em; }
</style>
</head>
<body>
<h1>${escapeHtml(labels.title)}</h1>
<p class="url">${escapeHtml(r.url)}</p>
<p class="summary">${r.sent} ${escapeHtml(labels.requests)} · ${r.ok} OK · ${r.failed} failed · ${(r.durationMs / 1000).toFixed(1)} s${r.cancelled ? ` · ${escapeHtml(labels.cancelled)}` : ''}</p>
<h2>${escapeHtml(labels.backends)}</h2>
<svg width="${width}" height="${svgHeight}" role="list" aria-label="${escapeHtml(labels.backends)}">
${bars}
</svg>
<h2>${escapeHtml(labels.statusCodes)}</h2>
<ul>${codes}</ul>
<h2>${escapeHtml(labels.latency)}</h2>
<table><tr><td>p50</td><td>${r.latencyMs.p50}</td></tr><tr><td>p95</td><td>${r.latencyMs.p95}</td></tr><tr><td>p99</td><td>${r.latencyMs.p99}</td></tr></table>
</body>
</html>`;
}
