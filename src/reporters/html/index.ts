/**
 * `--format html`: one self-contained file to share: verdict summary, charts (licence
 * categories, finding severities, health), a sortable and filterable component table, and
 * component details with their evidence, model cards and lineage.
 *
 * Self-contained and offline: chart.js is inlined from its UMD build, the data is embedded as
 * JSON, and a Content-Security-Policy forbids every network fetch and every script but the
 * two inline ones (by hash), so even a mistake in escaping could not run injected script.
 * The page is built with DOM APIs (`textContent`), never by parsing data as HTML.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Reporter } from '../../core/reporter.js';
import type { ScanResult } from '../../core/types.js';
import { ruleHelp } from '../rule-help.js';
import { severityCounts } from '../summary.js';
import { CLIENT_SCRIPT } from './client.js';
import { STYLE } from './style.js';

let chartSource: string | undefined;

/**
 * chart.js's UMD build (it defines `window.Chart`), read once. The package's `exports` map
 * does not expose `dist/`, so the file is found next to the entry point it does expose.
 */
export function chartJsSource(): string {
  if (chartSource !== undefined) return chartSource;
  const entry = createRequire(import.meta.url).resolve('chart.js');
  const file = path.join(path.dirname(entry), 'chart.umd.min.js');
  const text = readFileSync(file, 'utf8')
    // The source map is not shipped in the report.
    .replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
  chartSource = escapeInlineScript(text);
  return chartSource;
}

/**
 * Make code safe inside `<script>…</script>`: the HTML parser ends the element at `</script`
 * and changes state at `<!--`, wherever they are in the code. Both only occur inside string
 * literals, where `<\/` and `<\!--` mean the same characters.
 */
export function escapeInlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` as `\u` escapes (so
 * `</script>` and `<!--` cannot appear), and the line separators JavaScript once disallowed.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text safe in HTML element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The Content-Security-Policy of the report: no network, only the report's own code. */
export function contentSecurityPolicy(
  scripts: readonly string[],
  styles: readonly string[],
): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    `style-src ${styles.map(sha256).join(' ')}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** What the page's script reads: the result and the help of the rules it raised. */
function payload(result: ScanResult): unknown {
  const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  return {
    result,
    rules: Object.fromEntries(
      ruleIds.map((id) => {
        const help = ruleHelp(id);
        return [id, { name: help.name, short: help.short, helpUri: help.helpUri }];
      }),
    ),
  };
}

function render(result: ScanResult): string {
  const t = result.target;
  const title = `openvet report: ${t.name}${t.version !== undefined ? `@${t.version}` : ''}`;
  const chart = chartJsSource();
  const client = escapeInlineScript(CLIENT_SCRIPT);
  const counts = severityCounts(result.findings);
  const status = result.verdict.status;
  const countCells = Object.entries(counts)
    .map(
      ([severity, n]) =>
        `<div class="count sev-${severity}"><span class="n">${n}</span> <span class="label">${severity}</span></div>`,
    )
    .join('');
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Our own text (keywords and base64 hashes): no `"` or `&` to escape.
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy([chart, client], [STYLE])}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">Scanned ${escapeHtml(t.path)} with openvet ${escapeHtml(result.tool.version)} at ${escapeHtml(result.finishedAt)}</p>`,
    '</header>',
    '<main>',
    `<section id="verdict" class="verdict verdict-${escapeHtml(status)}" aria-label="Verdict">`,
    `<p class="status">Verdict: <strong>${escapeHtml(status.toUpperCase())}</strong></p>`,
    `<p class="summary">${escapeHtml(result.verdict.summary)}</p>`,
    `<div class="counts">${countCells}</div>`,
    `<p class="inventory">${result.components.length} component(s), ${result.evidence.length} piece(s) of evidence, ${result.findings.length} finding(s), ${result.errors.length} unreadable file(s)</p>`,
    '</section>',
    '<section id="charts" aria-label="Charts">',
    '<figure><figcaption>Licence categories</figcaption><div class="chart"><canvas id="chart-licenses" role="img" aria-label="Components per licence category"></canvas></div></figure>',
    '<figure><figcaption>Findings by severity</figcaption><div class="chart"><canvas id="chart-severities" role="img" aria-label="Findings per severity"></canvas></div></figure>',
    '<figure><figcaption>Project health</figcaption><div class="chart"><canvas id="chart-health" role="img" aria-label="Components per health score band"></canvas></div></figure>',
    '</section>',
    '<section id="findings"><h2>Findings</h2><div class="controls"><label>Severity <select id="finding-severity"><option value="">all</option></select></label></div><table class="data"><thead><tr><th>Severity</th><th>Rule</th><th>Component</th><th>Finding</th><th>Location</th></tr></thead><tbody></tbody></table><p class="empty" hidden>No findings.</p></section>',
    '<section id="components"><h2>Components</h2>',
    '<div class="controls">',
    '<label>Filter <input id="filter" type="search" placeholder="name, version, licence, purl" autocomplete="off"></label>',
    '<label>Ecosystem <select id="filter-ecosystem"><option value="">all</option></select></label>',
    '<label>Kind <select id="filter-kind"><option value="">all</option></select></label>',
    '<label><input id="filter-findings" type="checkbox"> with findings only</label>',
    '<span id="shown" aria-live="polite"></span>',
    '</div>',
    '<table class="data sortable"><thead><tr></tr></thead><tbody></tbody></table>',
    '</section>',
    '<section id="details" aria-live="polite"><h2>Component details</h2><p class="hint">Select a component in the table.</p></section>',
    '<section id="models"><h2>Models and datasets</h2></section>',
    '<section id="problems"><h2>Files that could not be read</h2></section>',
    '</main>',
    `<script type="application/json" id="openvet-data">${embedJson(payload(result))}</script>`,
    `<script>${chart}</script>`,
    `<script>${client}</script>`,
    '</body>',
    '</html>',
  ];
  return `${html.join('\n')}\n`;
}

export const reporter = { name: 'html', render } satisfies Reporter;
