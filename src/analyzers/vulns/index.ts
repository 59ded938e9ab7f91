/**
 * The vulnerability analyzer of `openvet scan`: every package component with a version, in an
 * ecosystem with a known version order (npm, PyPI, Go, crates.io), is matched against the
 * advisories the scan's `AdvisorySource` returns for it (offline database, OSV API), with
 * openvet's own range evaluation (`ranges/`) and alias merging (`match/`): one `advisory`
 * evidence per issue, carrying every id, the severity, the fix and why it matched.
 */
import type { Analyzer, AnalyzeInput, AnalyzeResult } from '../../core/analyzer.js';
import type { AdvisoryEvidence, Component } from '../../core/types.js';
import { schemeForEcosystem } from '../../versioning/registry.js';
import { matchAdvisories, smallestFixingAll, type PackageVersion } from './match/index.js';
import { advisoryDataKey } from './source.js';

/** The package version OSV knows the component by, or why it cannot be matched. */
export function packageVersionOf(c: Component): PackageVersion | { skip: string } {
  if (c.kind !== 'package') return { skip: 'not a package' };
  if (schemeForEcosystem(c.ecosystem) === undefined)
    return { skip: `no version order for ${c.ecosystem}` };
  // Local code (workspace, link, directory) has no purl: no advisory database names it.
  if (c.purl === undefined) return { skip: 'local code' };
  if (c.version === undefined || c.version === '') return { skip: 'no version' };
  // OSV writes Go module versions without the `v` openvet keeps from go.mod.
  const version = c.ecosystem === 'Go' ? c.version.replace(/^v/, '') : c.version;
  return { ecosystem: c.ecosystem, name: c.name, version };
}

async function analyze(input: AnalyzeInput): Promise<AnalyzeResult> {
  const source = input.advisories;
  if (source === undefined)
    return {
      evidence: [],
      errors: [],
      note: 'no vulnerability data: run `openvet db import` or scan without --offline',
    };
  const targets: { component: Component; pkg: PackageVersion }[] = [];
  let unversioned = 0;
  for (const component of input.components) {
    const pkg = packageVersionOf(component);
    if ('skip' in pkg) {
      if (pkg.skip === 'no version') unversioned++;
      continue;
    }
    targets.push({ component, pkg });
  }
  const data = await source.lookup(targets.map((t) => t.pkg));
  const evidence: AdvisoryEvidence[] = [];
  let affected = 0;
  for (const { component, pkg } of targets) {
    const records = data.records.get(advisoryDataKey(pkg)) ?? [];
    if (records.length === 0) continue;
    const { matches } = matchAdvisories(pkg, records);
    if (matches.length === 0) continue;
    affected++;
    const fixedAll = smallestFixingAll(pkg, matches, records);
    const location = component.locations[0];
    for (const m of matches) {
      const advisoryId = m.ids[0] as string;
      evidence.push({
        kind: 'advisory',
        id: `advisory:${component.id}:${advisoryId}`,
        componentId: component.id,
        source: 'osv',
        confidence: 'high',
        ...(location !== undefined ? { location } : {}),
        advisoryId,
        aliases: [...m.ids.slice(1), ...m.aliases].sort(),
        ...(m.severity !== undefined ? { severity: m.severity.rating } : {}),
        ...(m.severity?.score !== undefined ? { score: m.severity.score } : {}),
        ...(m.severity?.vector !== undefined ? { vector: m.severity.vector } : {}),
        ...(m.fixed !== undefined ? { fixed: m.fixed } : {}),
        ...(fixedAll !== undefined ? { fixedAll } : {}),
        ...(m.summary !== undefined ? { summary: m.summary } : {}),
        reasons: m.reasons,
      });
    }
  }
  // A source leaves out the package versions it knows nothing about (the API could not be
  // reached and nothing was cached): those were not checked, and the note must not say so.
  const checked = targets.filter((t) => data.records.has(advisoryDataKey(t.pkg))).length;
  const parts = [
    checked === targets.length
      ? `${targets.length} package version(s) checked against ${source.description}`
      : `${checked} of ${targets.length} package version(s) checked against ${source.description} (no data for the others)`,
    `${evidence.length} issue(s) in ${affected} package(s)`,
  ];
  if (unversioned > 0) parts.push(`${unversioned} without a version not checked`);
  return {
    evidence,
    errors: [],
    note: [parts.join('; '), ...data.notes].join('; '),
  };
}

/** The vulnerability analyzer (needs no network itself: the source it is handed may). */
export const analyzer = {
  name: 'vulns',
  requiresNetwork: false,
  analyze,
} satisfies Analyzer;
