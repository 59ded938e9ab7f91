/**
 * What several reporters say the same way: severity order, component labels, where a finding
 * is, counts. Pure functions over a ScanResult.
 */
import type { Component, Finding, Location, ScanResult, Severity } from '../core/types.js';

/** Severities, worst first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(severity: string): number {
  const i = SEVERITIES.indexOf(severity as Severity);
  return i < 0 ? SEVERITIES.length : i;
}

/** Findings worst first, then by rule, component and fingerprint: the same order whatever the input order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.componentId ?? '', b.componentId ?? '') ||
      compare(a.fingerprint, b.fingerprint) ||
      compare(a.message, b.message),
  );
}

/** How many findings of each severity (every severity present, zero included). */
export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (f.severity in counts) counts[f.severity] += 1;
  return counts;
}

/** `name@version`, `name#commit` for a VCS source without a version, or the name. */
export function componentLabel(c: Component): string {
  if (c.version !== undefined) return `${c.name}@${c.version}`;
  if (c.source?.commit !== undefined) return `${c.name}#${c.source.commit.slice(0, 12)}`;
  return c.name;
}

/** Components by id. */
export function componentIndex(result: ScanResult): ReadonlyMap<string, Component> {
  return new Map(result.components.map((c) => [c.id, c]));
}

/** The label of the component a finding is about (its id when unknown; the project when none). */
export function findingSubject(
  finding: Finding,
  components: ReadonlyMap<string, Component>,
  result: ScanResult,
): string {
  if (finding.componentId === undefined) return result.target.name;
  const c = components.get(finding.componentId);
  return c !== undefined ? componentLabel(c) : finding.componentId;
}

/**
 * The first place a component is declared (by path, then line): locations are sorted in a
 * ScanResult, but a reporter does not rely on it, so the output never depends on input order.
 */
export function firstLocation(c: Component): Location | undefined {
  let first: Location | undefined;
  for (const l of c.locations) {
    if (
      first === undefined ||
      l.path < first.path ||
      (l.path === first.path && (l.line ?? 0) < (first.line ?? 0))
    )
      first = l;
  }
  return first;
}

/**
 * Where a finding is: its own location, else the first place its component is declared, else
 * nothing (a finding about the project as a whole).
 */
export function findingLocation(
  finding: Finding,
  components: ReadonlyMap<string, Component>,
): Location | undefined {
  if (finding.location !== undefined) return finding.location;
  if (finding.componentId === undefined) return undefined;
  const c = components.get(finding.componentId);
  return c !== undefined ? firstLocation(c) : undefined;
}

/** `path`, `path:line` or `path:line-endLine`. */
export function formatLocation(location: Location): string {
  if (location.line === undefined) return location.path;
  if (location.endLine !== undefined && location.endLine !== location.line)
    return `${location.path}:${location.line}-${location.endLine}`;
  return `${location.path}:${location.line}`;
}
