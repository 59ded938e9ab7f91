/**
 * `--format table`: a terminal summary for people. Plain text (colour only when asked),
 * columns sized to their content, every component on its own row.
 */
import type { ReportOptions, Reporter } from '../../core/reporter.js';
import type {
  AdvisoryEvidence,
  Component,
  LicenseMismatchEvidence,
  ScanResult,
} from '../../core/types.js';

const HEADERS = ['NAME', 'VERSION', 'ECOSYSTEM', 'KIND', 'SCOPE', 'LICENSE', 'FOUND IN'] as const;

function location(c: Component): string {
  const first = c.locations[0];
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

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

function count<T extends string>(items: readonly T[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

function render(result: ScanResult, options: ReportOptions = {}): string {
  const bold = (s: string): string => (options.color ? `\u001b[1m${s}\u001b[22m` : s);
  const lines: string[] = [];
  const t = result.target;
  lines.push(
    bold(
      `openvet ${result.tool.version} — ${t.name}${t.version ? `@${t.version}` : ''} (${t.path})`,
    ),
  );
  const components = result.components;
  lines.push(
    `${components.length} component(s)` +
      (components.length > 0
        ? `: ${count(components.map((c) => c.ecosystem))}; ${count(components.map((c) => c.scope))}`
        : ''),
  );
  if (components.length > 0) {
    // People read by ecosystem and name; ids (purls) sort scoped npm names and local code oddly.
    const ordered = [...components].sort(
      (a, b) =>
        a.ecosystem.localeCompare(b.ecosystem, 'en') ||
        a.name.localeCompare(b.name, 'en') ||
        (a.version ?? '').localeCompare(b.version ?? '', 'en') ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const rows = ordered.map(row);
    const widths = HEADERS.map((h, i) =>
      Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
    );
    lines.push('', bold(pad(HEADERS, widths)));
    for (const r of rows) lines.push(pad(r, widths));
  }
  const mismatches = result.evidence.filter(
    (e): e is LicenseMismatchEvidence => e.kind === 'license-mismatch',
  );
  if (mismatches.length > 0) {
    lines.push('', bold(`${mismatches.length} licence mismatch(es):`));
    const names = new Map(components.map((c) => [c.id, c]));
    for (const m of mismatches) {
      const c = names.get(m.componentId);
      const who = c ? `${c.name}${c.version ? `@${c.version}` : ''}` : m.componentId;
      lines.push(`  ${who}: ${m.message}`);
    }
  }
  lines.push(...vulnerabilityLines(result, bold));
  if (result.findings.length > 0) {
    lines.push('', bold(`${result.findings.length} finding(s):`));
    for (const f of result.findings) lines.push(`  ${f.severity}  ${f.ruleId}  ${f.message}`);
  }
  if (result.errors.length > 0) {
    lines.push('', bold(`${result.errors.length} problem(s):`));
    for (const e of result.errors)
      lines.push(
        `  ${e.path}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message} [${e.plugin}]`,
      );
  }
  lines.push('', `verdict: ${result.verdict.status} — ${result.verdict.summary}`);
  return `${lines.join('\n')}\n`;
}

const RATINGS = ['critical', 'high', 'medium', 'low', 'none'];

/**
 * Known vulnerabilities, worst first: one line per issue and component (every id it is known
 * by, the fix), then the upgrade that fixes every issue of each affected component. Nothing
 * when there are none; the vulns plugin status says what data was checked.
 */
function vulnerabilityLines(result: ScanResult, bold: (s: string) => string): string[] {
  const advisories = result.evidence.filter((e): e is AdvisoryEvidence => e.kind === 'advisory');
  const status = result.plugins.find((p) => p.name === 'vulns');
  if (advisories.length === 0)
    return status?.reason !== undefined ? ['', `vulnerabilities: ${status.reason}`] : [];
  const names = new Map(result.components.map((c) => [c.id, c]));
  const who = (id: string): string => {
    const c = names.get(id);
    return c ? `${c.name}${c.version ? `@${c.version}` : ''}` : id;
  };
  const rank = (e: AdvisoryEvidence): number => {
    const i = RATINGS.indexOf(e.severity ?? '');
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
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const affected = [...new Set(advisories.map((e) => e.componentId))];
  const lines = [
    '',
    bold(
      `${advisories.length} known vulnerabilit${advisories.length === 1 ? 'y' : 'ies'} in ${affected.length} component(s):`,
    ),
    bold(pad(headers, widths)),
    ...rows.map((r) => pad(r, widths)),
  ];
  const upgrades = affected
    .map((id) => [who(id), advisories.find((e) => e.componentId === id)?.fixedAll] as const)
    .filter((u): u is readonly [string, string] => u[1] !== undefined)
    .sort((a, b) => a[0].localeCompare(b[0], 'en'));
  if (upgrades.length > 0) {
    lines.push('', 'upgrades that fix every known issue:');
    for (const [name, version] of upgrades) lines.push(`  ${name} → ${version}`);
  }
  if (status?.reason !== undefined) lines.push('', `vulnerabilities: ${status.reason}`);
  return lines;
}

export const reporter = { name: 'table', render } satisfies Reporter;
