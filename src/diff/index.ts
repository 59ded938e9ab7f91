/**
 * Change gating: what changed between two scans of one project (`openvet diff OLD NEW`, and
 * `openvet scan --baseline FILE`). Components are compared by id (a purl with its version, so
 * an upgrade is one removal and one addition, reported together as a version change);
 * findings by their fingerprint, which is stable across runs for the same problem in the same
 * place: a finding whose fingerprint the baseline has is not new.
 */
import { InputError } from '../core/errors.js';
import type { Component, Finding, Severity, Verdict } from '../core/types.js';

/** What a diff needs from a scan result: the parts every openvet JSON report has. */
export interface ScanSnapshot {
  readonly components: readonly Pick<Component, 'id' | 'name' | 'ecosystem' | 'kind' | 'version'>[];
  readonly findings: readonly Finding[];
}

/** A component whose version changed (same ecosystem, kind and name). */
export interface VersionChange {
  readonly name: string;
  readonly ecosystem: string;
  readonly from?: string;
  readonly to?: string;
  readonly oldId: string;
  readonly newId: string;
}

/** The difference between a baseline and a new scan. */
export interface ScanDiff {
  readonly added: readonly ScanSnapshot['components'][number][];
  readonly removed: readonly ScanSnapshot['components'][number][];
  readonly changed: readonly VersionChange[];
  readonly newFindings: readonly Finding[];
  readonly resolvedFindings: readonly Finding[];
  /** Findings present in both. */
  readonly unchangedFindings: number;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function identity(c: ScanSnapshot['components'][number]): string {
  return `${c.ecosystem}\u0000${c.kind}\u0000${c.name}`;
}

/** Compare a baseline (`before`) with a new scan (`after`). */
export function diffScans(before: ScanSnapshot, after: ScanSnapshot): ScanDiff {
  const beforeIds = new Set(before.components.map((c) => c.id));
  const afterIds = new Set(after.components.map((c) => c.id));
  let added = after.components.filter((c) => !beforeIds.has(c.id));
  let removed = before.components.filter((c) => !afterIds.has(c.id));
  // An added and a removed component of the same name are a version change when each side has
  // exactly one (several versions of one package side by side are left as added/removed).
  const count = (list: typeof added): Map<string, number> => {
    const map = new Map<string, number>();
    for (const c of list) map.set(identity(c), (map.get(identity(c)) ?? 0) + 1);
    return map;
  };
  const addedCount = count(added);
  const removedCount = count(removed);
  const changed: VersionChange[] = [];
  const changedKeys = new Set<string>();
  for (const c of added) {
    const key = identity(c);
    if (addedCount.get(key) !== 1 || removedCount.get(key) !== 1) continue;
    const old = removed.find((r) => identity(r) === key);
    if (old === undefined) continue;
    changedKeys.add(key);
    changed.push({
      name: c.name,
      ecosystem: c.ecosystem,
      ...(old.version !== undefined ? { from: old.version } : {}),
      ...(c.version !== undefined ? { to: c.version } : {}),
      oldId: old.id,
      newId: c.id,
    });
  }
  added = added.filter((c) => !changedKeys.has(identity(c)));
  removed = removed.filter((c) => !changedKeys.has(identity(c)));
  const beforePrints = new Set(before.findings.map((f) => f.fingerprint));
  const afterPrints = new Set(after.findings.map((f) => f.fingerprint));
  return {
    added: [...added].sort((a, b) => byString(a.id, b.id)),
    removed: [...removed].sort((a, b) => byString(a.id, b.id)),
    changed: changed.sort((a, b) => byString(a.name, b.name) || byString(a.ecosystem, b.ecosystem)),
    newFindings: after.findings.filter((f) => !beforePrints.has(f.fingerprint)),
    resolvedFindings: before.findings.filter((f) => !afterPrints.has(f.fingerprint)),
    unchangedFindings: after.findings.filter((f) => beforePrints.has(f.fingerprint)).length,
  };
}

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Read a ScanResult JSON (openvet's `--format json`) as a snapshot, checking only what a diff
 * relies on, so that reports of older and newer openvet versions compare. `name` is for errors.
 */
export function parseSnapshot(text: string, name: string): ScanSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${name}: not JSON (${(error as Error).message})`);
  }
  if (!isObject(value) || !Array.isArray(value.components) || !Array.isArray(value.findings)) {
    throw new InputError(
      `${name}: not an openvet scan result (expected the JSON of \`openvet scan --format json\`, with components and findings)`,
    );
  }
  const components = value.components.map((c: unknown, i: number) => {
    if (!isObject(c) || typeof c.id !== 'string' || typeof c.name !== 'string')
      throw new InputError(`${name}: components[${i}] has no id or name`);
    return {
      id: c.id,
      name: c.name,
      ecosystem: String(c.ecosystem) as Component['ecosystem'],
      kind: String(c.kind) as Component['kind'],
      ...(typeof c.version === 'string' ? { version: c.version } : {}),
    };
  });
  const findings = value.findings.map((f: unknown, i: number) => {
    if (!isObject(f) || typeof f.fingerprint !== 'string' || typeof f.ruleId !== 'string')
      throw new InputError(`${name}: findings[${i}] has no ruleId or fingerprint`);
    if (!SEVERITIES.includes(f.severity as Severity))
      throw new InputError(
        `${name}: findings[${i}] has an unknown severity ${JSON.stringify(f.severity)}`,
      );
    return f as unknown as Finding;
  });
  return { components, findings };
}

/**
 * The verdict with a baseline: findings the baseline already had are reported but do not fail
 * the gate; the verdict fails only on a failing finding that is new. A finding fails when the
 * verdict lists its fingerprint in `failing` (a policy was applied) or, without a policy, when
 * it is critical or high.
 */
export function verdictAgainstBaseline(
  verdict: Verdict,
  findings: readonly Finding[],
  baseline: ScanSnapshot,
  baselineName: string,
): Verdict {
  const known = new Set(baseline.findings.map((f) => f.fingerprint));
  const failing =
    verdict.failing ??
    findings
      .filter((f) => f.severity === 'critical' || f.severity === 'high')
      .map((f) => f.fingerprint);
  const newFailing = failing.filter((fp) => !known.has(fp));
  const fresh = findings.filter((f) => !known.has(f.fingerprint)).length;
  const note = `baseline ${baselineName}: ${fresh} new finding(s), ${findings.length - fresh} already known`;
  const status: Verdict['status'] =
    newFailing.length > 0 ? 'fail' : fresh > 0 ? 'review' : findings.length > 0 ? 'review' : 'pass';
  return {
    ...verdict,
    status: verdict.status === 'pass' ? 'pass' : status,
    summary: `${verdict.summary}; ${note}`,
    ...(verdict.failing !== undefined ? { failing: newFailing.sort() } : {}),
  };
}
