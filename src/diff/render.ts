/**
 * A scan diff for people (table, Markdown for a pull-request comment) and machines (JSON).
 */
import type { Finding } from '../core/types.js';
import type { ScanDiff } from './index.js';

/** Output formats of `openvet diff`. */
export const DIFF_FORMATS = ['table', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Whether the new findings fail the gate: the verdict rule (any critical or high) on them alone. */
export function newFindingsFail(diff: ScanDiff): boolean {
  return diff.newFindings.some((f) => f.severity === 'critical' || f.severity === 'high');
}

function summary(diff: ScanDiff): string {
  return [
    `${diff.added.length} added`,
    `${diff.removed.length} removed`,
    `${diff.changed.length} version change(s)`,
    `${diff.newFindings.length} new finding(s)`,
    `${diff.resolvedFindings.length} resolved`,
  ].join(', ');
}

function findingLine(f: Finding): string {
  const where = f.componentId ?? f.location?.path ?? '';
  return `[${f.severity}] ${f.ruleId}${where !== '' ? ` ${where}` : ''}: ${f.message}`;
}

function renderTable(diff: ScanDiff): string {
  const out = [`${newFindingsFail(diff) ? 'FAIL' : 'OK'}: ${summary(diff)}`];
  const section = (title: string, lines: readonly string[]): void => {
    if (lines.length === 0) return;
    out.push('', `${title} (${lines.length})`, ...lines.map((l) => `  ${l}`));
  };
  section('New findings', diff.newFindings.map(findingLine));
  section('Resolved findings', diff.resolvedFindings.map(findingLine));
  section(
    'Added components',
    diff.added.map((c) => c.id),
  );
  section(
    'Removed components',
    diff.removed.map((c) => c.id),
  );
  section(
    'Version changes',
    diff.changed.map((c) => `${c.name} (${c.ecosystem}): ${c.from ?? '?'} → ${c.to ?? '?'}`),
  );
  return `${out.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function renderMarkdown(diff: ScanDiff): string {
  const out = [
    `**openvet diff: ${newFindingsFail(diff) ? 'fail' : 'pass'}** — ${summary(diff)}`,
    '',
  ];
  const findings = (title: string, list: readonly Finding[]): void => {
    if (list.length === 0) return;
    out.push(
      `<details${title.startsWith('New') ? ' open' : ''}><summary>${title} (${list.length})</summary>`,
      '',
      '| severity | rule | component | message |',
      '| --- | --- | --- | --- |',
      ...list.map(
        (f) =>
          `| ${f.severity} | ${cell(f.ruleId)} | ${cell(f.componentId ?? '')} | ${cell(f.message)} |`,
      ),
      '',
      '</details>',
      '',
    );
  };
  findings('New findings', diff.newFindings);
  findings('Resolved findings', diff.resolvedFindings);
  const list = (title: string, lines: readonly string[]): void => {
    if (lines.length === 0) return;
    out.push(
      `<details><summary>${title} (${lines.length})</summary>`,
      '',
      ...lines.map((l) => `- ${cell(l)}`),
      '',
      '</details>',
      '',
    );
  };
  list(
    'Added components',
    diff.added.map((c) => `\`${c.id}\``),
  );
  list(
    'Removed components',
    diff.removed.map((c) => `\`${c.id}\``),
  );
  list(
    'Version changes',
    diff.changed.map((c) => `${c.name} (${c.ecosystem}): ${c.from ?? '?'} → ${c.to ?? '?'}`),
  );
  return `${out.join('\n').trimEnd()}\n`;
}

/** Render `diff` in `format`. */
export function renderDiff(diff: ScanDiff, format: DiffFormat): string {
  if (format === 'json') {
    const status = newFindingsFail(diff) ? 'fail' : 'pass';
    return `${JSON.stringify({ status, summary: summary(diff), ...diff }, null, 2)}\n`;
  }
  return format === 'markdown' ? renderMarkdown(diff) : renderTable(diff);
}
