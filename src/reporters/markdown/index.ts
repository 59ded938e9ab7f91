/**
 * `--format markdown`: a pull-request comment. The verdict first (words, no emoji, so it reads
 * the same in every client and in e-mail notifications), a count per severity, the findings
 * grouped by severity (long groups collapsed in `<details>`), then the inventory, the files
 * that could not be read and what each rule means.
 *
 * GitHub refuses comments over 65,536 characters: findings are cut to fit, with a note that
 * says how many were left out and where to find them.
 */
import type { Reporter } from '../../core/reporter.js';
import type { Finding, ScanResult, Severity } from '../../core/types.js';
import { modelSummaries } from '../model-summary.js';
import { ruleHelp } from '../rule-help.js';
import {
  componentIndex,
  findingLocation,
  findingSubject,
  formatLocation,
  SEVERITIES,
  severityCounts,
  sortFindings,
} from '../summary.js';

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Groups longer than this are collapsed. */
const COLLAPSE_AFTER = 10;
/** Scan problems listed at most (the rest is counted). */
const MAX_PROBLEMS = 50;
/** Room kept for the truncation note and the closing tags. */
const RESERVE = 600;

const TITLE: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/**
 * Text safe in a Markdown table cell: HTML characters as entities (GitHub renders inline HTML),
 * Markdown punctuation escaped, pipes escaped, line breaks flattened.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#!])/g, '\\$1');
}

function findingRow(
  f: Finding,
  result: ScanResult,
  components: ReturnType<typeof componentIndex>,
): string {
  const location = findingLocation(f, components);
  const cells = [
    `\`${f.ruleId.replace(/`/g, '')}\``,
    escapeMarkdown(findingSubject(f, components, result)),
    escapeMarkdown(f.message),
    location !== undefined ? escapeMarkdown(formatLocation(location)) : '',
  ];
  return `| ${cells.join(' | ')} |`;
}

function countsTable(findings: readonly Finding[]): string[] {
  const counts = severityCounts(findings);
  return [
    '| Severity | Findings |',
    '| --- | ---: |',
    ...SEVERITIES.map((s) => `| ${TITLE[s]} | ${counts[s]} |`),
  ];
}

function inventorySection(result: ScanResult): string[] {
  const groups = new Map<string, number>();
  for (const c of result.components) {
    const key = `${c.ecosystem}\u0000${c.kind}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  if (groups.size === 0) return [];
  const rows = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => {
      const [ecosystem, kind] = key.split('\u0000');
      return `| ${escapeMarkdown(ecosystem ?? '')} | ${kind ?? ''} | ${n} |`;
    });
  return [
    '<details><summary>Inventory: ' + `${result.components.length} component(s)</summary>`,
    '',
    '| Ecosystem | Kind | Components |',
    '| --- | --- | ---: |',
    ...rows,
    '',
    '</details>',
    '',
  ];
}

function modelsSection(result: ScanResult): string[] {
  const models = modelSummaries(result);
  if (models.length === 0) return [];
  return [
    `<details><summary>Models: ${models.length}</summary>`,
    '',
    '| Model | Card | Openness | OSAID | Base models |',
    '| --- | --- | --- | --- | --- |',
    ...models.map(
      (m) =>
        `| ${escapeMarkdown(m.name)} | ${m.transparency} | ${m.openness} | ${m.osaid} | ${escapeMarkdown(m.lineage)} |`,
    ),
    '',
    '</details>',
    '',
  ];
}

function problemsSection(result: ScanResult): string[] {
  if (result.errors.length === 0) return [];
  const shown = result.errors.slice(0, MAX_PROBLEMS).map((e) => {
    const where = e.line !== undefined ? `${e.path}:${e.line}` : e.path;
    return `- ${escapeMarkdown(where)}: ${escapeMarkdown(e.message)} (${escapeMarkdown(e.plugin)})`;
  });
  const more = result.errors.length - shown.length;
  return [
    `<details><summary>${result.errors.length} file(s) could not be read</summary>`,
    '',
    ...shown,
    ...(more > 0 ? [`- … and ${more} more`] : []),
    '',
    '</details>',
    '',
  ];
}

function rulesSection(findings: readonly Finding[]): string[] {
  const ids = [...new Set(findings.map((f) => f.ruleId))].sort();
  if (ids.length === 0) return [];
  return [
    '<details><summary>What the rules mean</summary>',
    '',
    ...ids.map((id) => {
      const help = ruleHelp(id);
      return `- \`${id.replace(/`/g, '')}\`: ${escapeMarkdown(help.short)} [Reference](${help.helpUri})`;
    }),
    '',
    '</details>',
    '',
  ];
}

/** The comment for `result`, at most `maxChars` characters long. */
export function renderMarkdown(result: ScanResult, maxChars = GITHUB_COMMENT_LIMIT): string {
  const components = componentIndex(result);
  const findings = sortFindings(result.findings);
  const t = result.target;
  const head = [
    `## openvet: ${result.verdict.status.toUpperCase()}`,
    '',
    `**Verdict: ${result.verdict.status.toUpperCase()}**: ${escapeMarkdown(result.verdict.summary)}`,
    '',
    `Scanned ${escapeMarkdown(`${t.name}${t.version !== undefined ? `@${t.version}` : ''}`)}: ` +
      `${result.components.length} component(s), ${findings.length} finding(s), ` +
      `${result.errors.length} unreadable file(s).`,
    '',
    ...countsTable(findings),
    '',
  ];
  const tail = [
    ...inventorySection(result),
    ...modelsSection(result),
    ...problemsSection(result),
    ...rulesSection(findings),
    `<sub>openvet ${escapeMarkdown(result.tool.version)}</sub>`,
  ];
  const size = (lines: readonly string[]): number =>
    lines.reduce((n, line) => n + line.length + 1, 0);
  let budget = maxChars - size(head) - size(tail) - RESERVE;
  const body: string[] = [];
  let shown = 0;
  let full = false;
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0 || full) continue;
    const collapse = group.length > COLLAPSE_AFTER;
    const open = [
      `### ${TITLE[severity]} (${group.length})`,
      '',
      ...(collapse
        ? [`<details><summary>${group.length} ${severity} finding(s)</summary>`, '']
        : []),
      '| Rule | Component | Finding | Location |',
      '| --- | --- | --- | --- |',
    ];
    const close = ['', ...(collapse ? ['</details>', ''] : [])];
    if (size(open) + size(close) > budget) {
      full = true;
      continue;
    }
    budget -= size(open) + size(close);
    body.push(...open);
    for (const f of group) {
      const row = findingRow(f, result, components);
      if (row.length + 1 > budget) {
        full = true;
        break;
      }
      budget -= row.length + 1;
      body.push(row);
      shown += 1;
    }
    body.push(...close);
  }
  if (shown < findings.length) {
    body.push(
      `> **${findings.length - shown} more finding(s) not shown**: a comment holds at most ` +
        `${maxChars.toLocaleString('en')} characters. The SARIF, HTML and JSON reports list them all.`,
      '',
    );
  }
  if (findings.length === 0) body.push('No findings.', '');
  return `${[...head, ...body, ...tail].join('\n')}\n`;
}

function render(result: ScanResult): string {
  return renderMarkdown(result);
}

export const reporter = { name: 'markdown', render } satisfies Reporter;
