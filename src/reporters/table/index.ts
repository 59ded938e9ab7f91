/**
 * `--format table`: a terminal summary for people. Components grouped by ecosystem and kind,
 * known vulnerabilities, findings grouped by severity, the files that could not be read and
 * the verdict. Colour only when asked (`options.color`: the CLI sets it on a TTY without
 * NO_COLOR); with `options.width`, every line fits the terminal, long cells cut with `…`.
 */
import { modelSummaries } from '../model-summary.js';
import type { ReportOptions, Reporter } from '../../core/reporter.js';
import type {
  AdvisoryEvidence,
  Component,
  LicenseMismatchEvidence,
  ScanResult,
  Severity,
} from '../../core/types.js';
import {
  componentIndex,
  componentLabel,
  findingLocation,
  findingSubject,
  firstLocation,
  formatLocation,
  SEVERITIES,
  severityCounts,
  sortFindings,
} from '../summary.js';

const HEADERS = ['NAME', 'VERSION', 'ECOSYSTEM', 'KIND', 'SCOPE', 'LICENSE', 'FOUND IN'] as const;
/** Columns are never cut narrower than this (a header stays readable). */
const MIN_COLUMN = 6;
const GAP = '  ';

type Paint = (s: string) => string;

interface Style {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly severity: (severity: string, s: string) => string;
  readonly verdict: (status: string, s: string) => string;
}

const SGR =
  (open: number, close: number): Paint =>
  (s) =>
    `\u001b[${open}m${s}\u001b[${close}m`;
const RED = SGR(31, 39);
const YELLOW = SGR(33, 39);
const GREEN = SGR(32, 39);
const BLUE = SGR(34, 39);
const MAGENTA = SGR(35, 39);
const BOLD = SGR(1, 22);
const DIM = SGR(2, 22);

const SEVERITY_PAINT: Readonly<Record<string, Paint>> = {
  critical: (s) => BOLD(MAGENTA(s)),
  high: RED,
  medium: YELLOW,
  low: BLUE,
  info: DIM,
};

function style(color: boolean): Style {
  const plain: Paint = (s) => s;
  if (!color) return { bold: plain, dim: plain, severity: (_, s) => s, verdict: (_, s) => s };
  return {
    bold: BOLD,
    dim: DIM,
    severity: (severity, s) => (SEVERITY_PAINT[severity] ?? plain)(s),
    verdict: (status, s) =>
      status === 'fail' ? BOLD(RED(s)) : status === 'review' ? BOLD(YELLOW(s)) : BOLD(GREEN(s)),
  };
}

/** Length in characters (code points), which is what a terminal shows for most text. */
function len(s: string): number {
  return Array.from(s).length;
}

/** `s` cut to `width` characters, the last one `…` when something was cut. */
export function truncate(s: string, width: number): string {
  if (len(s) <= width) return s;
  if (width <= 0) return '';
  return `${[...s].slice(0, width - 1).join('')}…`;
}

/**
 * Column widths that fit `width` (when given): each column as wide as its widest cell, then
 * the widest column narrowed one character at a time until the line fits or every column is
 * at its minimum.
 */
export function fitColumns(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  width: number | undefined,
  indent = 0,
): number[] {
  const widths = headers.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ''))));
  if (width === undefined) return widths;
  const total = (): number =>
    indent + widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
  let overflow = total() - width;
  while (overflow > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if ((widths[i] ?? 0) > MIN_COLUMN && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0)))
        widest = i;
    }
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    overflow -= 1;
  }
  return widths;
}

/**
 * One line of cells padded (the last one not) and cut to the column widths, then to `width`
 * (when even the narrowest columns do not fit).
 */
function line(
  cells: readonly string[],
  widths: readonly number[],
  width: number | undefined,
  indent = 0,
): string {
  const text = cells
    .map((cell, i) => {
      const w = widths[i] ?? 0;
      const cut = truncate(cell, w);
      return i === cells.length - 1 ? cut : cut + ' '.repeat(Math.max(0, w - len(cut)));
    })
    .join(GAP)
    .trimEnd();
  return truncate(' '.repeat(indent) + text, width ?? Infinity);
}

function location(c: Component): string {
  const first = firstLocation(c);
  if (first === undefined) return '';
  const where = first.line !== undefined ? `${first.path}:${first.line}` : first.path;
  return c.locations.length > 1 ? `${where} (+${c.locations.length - 1})` : where;
}

/**
 * The concluded licence; `mismatch` when declared and detected disagree; `?` when nothing
 * could be concluded. Without a licence analysis (an older result), the declared string.
 */
function licenseCell(c: Component): string {
  if (c.license === undefined) return c.declaredLicense ?? '-';
  if (c.license.concluded !== undefined) return c.license.concluded;
  return c.license.status === 'mismatch' ? 'mismatch' : '?';
}

function row(c: Component): string[] {
  const version = c.version ?? (c.source?.commit ? `#${c.source.commit.slice(0, 12)}` : '-');
  return [c.name, version, c.ecosystem, c.kind, c.scope, licenseCell(c), location(c)];
}

function count<T extends string>(items: readonly T[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/** Components grouped by ecosystem and kind (one header, a heading per group). */
function componentLines(result: ScanResult, s: Style, width: number | undefined): string[] {
  // People read by ecosystem and name; ids (purls) sort scoped npm names and local code oddly.
  const ordered = [...result.components].sort(
    (a, b) =>
      a.ecosystem.localeCompare(b.ecosystem, 'en') ||
      a.kind.localeCompare(b.kind, 'en') ||
      a.name.localeCompare(b.name, 'en') ||
      (a.version ?? '').localeCompare(b.version ?? '', 'en') ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  if (ordered.length === 0) return [];
  const rows = ordered.map(row);
  const widths = fitColumns(HEADERS, rows, width);
  const lines = ['', s.bold(line(HEADERS, widths, width))];
  let group = '';
  ordered.forEach((c, i) => {
    const key = `${c.ecosystem} ${c.kind}`;
    if (key !== group) {
      group = key;
      const n = ordered.filter((o) => o.ecosystem === c.ecosystem && o.kind === c.kind).length;
      lines.push(s.dim(truncate(`── ${c.ecosystem} · ${c.kind} (${n})`, width ?? Infinity)));
    }
    lines.push(line(rows[i] ?? [], widths, width));
  });
  return lines;
}

const RATINGS = ['critical', 'high', 'medium', 'low', 'none'];

/**
 * Known vulnerabilities, worst first: one line per issue and component (every id it is known
 * by, the fix), then the upgrade that fixes every issue of each affected component. Nothing
 * when there are none; the vulns plugin status says what data was checked.
 */
function vulnerabilityLines(result: ScanResult, s: Style, width: number | undefined): string[] {
  const advisories = result.evidence.filter((e): e is AdvisoryEvidence => e.kind === 'advisory');
  const status = result.plugins.find((p) => p.name === 'vulns');
  const fit = (text: string): string => truncate(text, width ?? Infinity);
  if (advisories.length === 0)
    return status?.reason !== undefined ? ['', fit(`vulnerabilities: ${status.reason}`)] : [];
  const components = componentIndex(result);
  const who = (id: string): string => {
    const c = components.get(id);
    return c ? componentLabel(c) : id;
  };
  const rank = (e: AdvisoryEvidence): number => {
    const i = RATINGS.indexOf(e.severity?.toLowerCase() ?? '');
    return i < 0 ? RATINGS.length : i;
  };
  const ordered = [...advisories].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      who(a.componentId).localeCompare(who(b.componentId), 'en') ||
      (a.advisoryId < b.advisoryId ? -1 : a.advisoryId > b.advisoryId ? 1 : 0),
  );
  const rows = ordered.map((e) => [
    e.severity ?? '?',
    who(e.componentId),
    e.fixed ?? '-',
    [e.advisoryId, ...e.aliases].join(', ') + (e.summary !== undefined ? ` — ${e.summary}` : ''),
  ]);
  const headers = ['SEVERITY', 'COMPONENT', 'FIXED IN', 'ISSUE'];
  const widths = fitColumns(headers, rows, width);
  const affected = [...new Set(advisories.map((e) => e.componentId))];
  const lines = [
    '',
    s.bold(
      fit(
        `${advisories.length} known vulnerabilit${advisories.length === 1 ? 'y' : 'ies'} in ${affected.length} component(s):`,
      ),
    ),
    s.bold(line(headers, widths, width)),
    ...rows.map((r) => {
      const text = line(r, widths, width);
      const rating = (r[0] ?? '').toLowerCase();
      return RATINGS.includes(rating)
        ? s.severity(rating === 'none' ? 'info' : rating, text)
        : text;
    }),
  ];
  const upgrades = affected
    .map((id) => [who(id), advisories.find((e) => e.componentId === id)?.fixedAll] as const)
    .filter((u): u is readonly [string, string] => u[1] !== undefined)
    .sort((a, b) => a[0].localeCompare(b[0], 'en'));
  if (upgrades.length > 0) {
    lines.push('', 'upgrades that fix every known issue:');
    for (const [name, version] of upgrades) lines.push(fit(`  ${name} → ${version}`));
  }
  if (status?.reason !== undefined) lines.push('', fit(`vulnerabilities: ${status.reason}`));
  return lines;
}

/** Findings grouped by severity, worst first; one aligned table across the groups. */
function findingLines(result: ScanResult, s: Style, width: number | undefined): string[] {
  if (result.findings.length === 0) return [];
  const components = componentIndex(result);
  const findings = sortFindings(result.findings);
  const rows = findings.map((f) => {
    const where = findingLocation(f, components);
    return [
      f.ruleId,
      findingSubject(f, components, result),
      where !== undefined ? formatLocation(where) : '-',
      f.message,
    ];
  });
  const headers = ['RULE', 'COMPONENT', 'WHERE', 'FINDING'];
  const widths = fitColumns(headers, rows, width, 2);
  const counts = severityCounts(findings);
  const summary = SEVERITIES.filter((sev) => counts[sev] > 0)
    .map((sev) => `${counts[sev]} ${sev}`)
    .join(', ');
  const lines = [
    '',
    s.bold(truncate(`${findings.length} finding(s): ${summary}`, width ?? Infinity)),
    s.bold(line(headers, widths, width, 2)),
  ];
  let current: Severity | undefined;
  findings.forEach((f, i) => {
    if (f.severity !== current) {
      current = f.severity;
      lines.push(
        s.severity(f.severity, s.bold(`${f.severity.toUpperCase()} (${counts[f.severity]})`)),
      );
    }
    lines.push(line(rows[i] ?? [], widths, width, 2));
  });
  return lines;
}

/** One row per model: transparency of its card, openness, base models. */
function modelLines(result: ScanResult, s: Style, width: number | undefined): string[] {
  const models = modelSummaries(result);
  if (models.length === 0) return [];
  const headers = ['MODEL', 'CARD', 'OPENNESS', 'OSAID', 'BASE MODELS'];
  const rows = models.map((m) => [m.name, m.transparency, m.openness, m.osaid, m.lineage]);
  const widths = fitColumns(headers, rows, width, 2);
  return [
    '',
    s.bold(truncate(`${models.length} model(s):`, width ?? Infinity)),
    s.bold(line(headers, widths, width, 2)),
    ...rows.map((r) => line(r, widths, width, 2)),
  ];
}

function render(result: ScanResult, options: ReportOptions = {}): string {
  const s = style(options.color === true);
  const width =
    options.width !== undefined && Number.isFinite(options.width) && options.width > 0
      ? Math.floor(options.width)
      : undefined;
  const fit = (text: string): string => truncate(text, width ?? Infinity);
  const lines: string[] = [];
  const t = result.target;
  lines.push(
    s.bold(
      fit(
        `openvet ${result.tool.version} — ${t.name}${t.version ? `@${t.version}` : ''} (${t.path})`,
      ),
    ),
  );
  const components = result.components;
  lines.push(
    fit(
      `${components.length} component(s)` +
        (components.length > 0
          ? `: ${count(components.map((c) => c.ecosystem))}; ${count(components.map((c) => c.scope))}`
          : ''),
    ),
  );
  lines.push(...componentLines(result, s, width));
  lines.push(...modelLines(result, s, width));
  const mismatches = result.evidence.filter(
    (e): e is LicenseMismatchEvidence => e.kind === 'license-mismatch',
  );
  if (mismatches.length > 0) {
    lines.push('', s.bold(fit(`${mismatches.length} licence mismatch(es):`)));
    const index = componentIndex(result);
    for (const m of mismatches) {
      const c = index.get(m.componentId);
      lines.push(fit(`  ${c ? componentLabel(c) : m.componentId}: ${m.message}`));
    }
  }
  lines.push(...vulnerabilityLines(result, s, width));
  lines.push(...findingLines(result, s, width));
  if (result.errors.length > 0) {
    lines.push('', s.bold(fit(`${result.errors.length} problem(s):`)));
    for (const e of result.errors)
      lines.push(
        fit(`  ${e.path}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message} [${e.plugin}]`),
      );
  }
  const verdict = fit(`verdict: ${result.verdict.status} — ${result.verdict.summary}`);
  const status = 'verdict: '.length;
  lines.push(
    '',
    verdict.slice(0, status) +
      s.verdict(
        result.verdict.status,
        verdict.slice(status, status + result.verdict.status.length),
      ) +
      verdict.slice(status + result.verdict.status.length),
  );
  return `${lines.join('\n')}\n`;
}

export const reporter = { name: 'table', render } satisfies Reporter;
