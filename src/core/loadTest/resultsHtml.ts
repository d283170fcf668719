// The load-test results page: a bar per backend, drawn as inline SVG. No script at all, a strict
// Content Security Policy, and every value escaped (backend names come from the servers answering).
import * as l10n from '@vscode/l10n';
import { type LoadTestResult } from './loadTest';

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The results page; `lang` is the display language its texts are in (for screen readers). */
/** `names`: instance id to Name tag; a bar is labelled by the name (its id on hover), else by the id. */
export function renderResultsHtml(
  r: LoadTestResult,
  nonce: string,
  cspSource: string,
  lang = 'en',
  names: Readonly<Record<string, string>> = {},
): string {
  const title = l10n.t('Load test');
  const backends = l10n.t('Requests per backend instance');
  const decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const summary = l10n.t('{0} requests · {1} OK · {2} failed · {3} s', r.sent, r.ok, r.failed, decimal.format(r.durationMs / 1000));
  const entries = Object.entries(r.byBackend).sort((a, b) => b[1] - a[1]);
  if (r.others?.requests) {
    entries.push([l10n.t('Others'), r.others.requests]);
  }
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const barHeight = 28;
  const width = 560;
  const labelWidth = 190;
  const bars = entries
    .map(([name, n], i) => {
      const w = Math.max(2, Math.round(((width - labelWidth - 80) * n) / max));
      const y = i * (barHeight + 10);
      const pct = r.sent ? Math.round((100 * n) / r.sent) : 0;
      const label = Object.hasOwn(names, name) ? `${names[name]} (${name})` : name;
      return `<g transform="translate(0,${y})" role="listitem" aria-label="${escapeHtml(`${label}: ${n} (${pct}%)`)}">
  <title>${escapeHtml(label)}</title>
  <text x="0" y="${barHeight / 2 + 5}" class="label">${escapeHtml(Object.hasOwn(names, name) ? names[name] : name)}</text>
  <rect x="${labelWidth}" y="0" width="${w}" height="${barHeight}" rx="3" class="bar"/>
  <text x="${labelWidth + w + 8}" y="${barHeight / 2 + 5}" class="value">${n} (${pct}%)</text>
</g>`;
    })
    .join('\n');
  const svgHeight = Math.max(1, entries.length) * (barHeight + 10);
  const codes = Object.entries(r.statusCodes)
    .map(([code, n]) => {
      // "200: 300" in English, "200 : 300" in French (the same field-and-colon text as the tooltips).
      const withColon = l10n.t({
        message: '{0}:',
        args: [code],
        comment: ['A field name followed by a colon, before its value in a tooltip'],
      });
      const [before, after] = withColon.split(code);
      return `<li>${escapeHtml(before)}<span class="${code.startsWith('2') ? 'good' : 'bad'}">${escapeHtml(code)}</span>${escapeHtml(after ?? '')} ${n}</li>`;
    })
    .join('');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; img-src ${cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
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
<h1>${escapeHtml(title)}</h1>
<p class="url">${escapeHtml(r.url)}</p>
<p class="summary">${escapeHtml(summary)}${r.cancelled ? ` · ${escapeHtml(l10n.t('Cancelled before the end.'))}` : ''}</p>
<h2>${escapeHtml(backends)}</h2>
<svg width="${width}" height="${svgHeight}" role="list" aria-label="${escapeHtml(backends)}">
${bars}
</svg>
<h2>${escapeHtml(l10n.t('Status codes'))}</h2>
<ul>${codes}</ul>
<h2>${escapeHtml(l10n.t('Latency (ms)'))}</h2>
<table>${(['p50', 'p95', 'p99'] as const).map((p) => `<tr><td>${p}</td><td>${decimal.format(r.latencyMs[p])}</td></tr>`).join('')}</table>
</body>
</html>`;
}
