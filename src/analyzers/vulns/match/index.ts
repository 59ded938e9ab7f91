/**
 * Which advisories affect one package version: each advisory's `affected[]` entries for the
 * package are evaluated with the ecosystem's version order (ranges/), withdrawn advisories never
 * match, and advisories that are one issue under several ids (GHSA, CVE and PYSEC aliases of each
 * other) become one finding listing every id, with the highest severity and the smallest version
 * that fixes them all.
 */
import { advisoryPackageKey } from '../../../store/advisory-names.js';
import { schemeForEcosystem } from '../../../versioning/registry.js';
import type { OsvAffected, OsvRecord } from '../osv/types.js';
import { isAffected, smallestFixing } from '../ranges/index.js';
import { severityOf, type AdvisorySeverity } from '../severity/index.js';

/** One issue affecting the package: every id it is known by, merged. */
export interface VulnerabilityMatch {
  /** The advisory ids in the data that matched, sorted (the first is the primary id). */
  readonly ids: readonly string[];
  /** Every other id the issue is known by (CVE, GHSA, PYSEC …), sorted, without `ids`. */
  readonly aliases: readonly string[];
  readonly summary?: string;
  /** The highest severity any of its advisories states. */
  readonly severity?: AdvisorySeverity;
  /** The smallest version that fixes every advisory of the issue, when there is one. */
  readonly fixed?: string;
  /** Why each advisory matched ("ECOSYSTEM range: introduced 0, fixed 2.3"), by id. */
  readonly reasons: Readonly<Record<string, string>>;
}

/** What matching needs to know about the package. */
export interface PackageVersion {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
}

/** The result for one package version, with notes (GIT ranges skipped, unknown ecosystem). */
export interface MatchResult {
  readonly matches: readonly VulnerabilityMatch[];
  readonly notes: readonly string[];
}

const RATING_ORDER = ['none', 'low', 'medium', 'high', 'critical'] as const;

/** The advisories among `records` that affect `pkg`, merged by alias. */
export function matchAdvisories(pkg: PackageVersion, records: readonly OsvRecord[]): MatchResult {
  const scheme = schemeForEcosystem(pkg.ecosystem);
  if (!scheme) return { matches: [], notes: [`no version order known for ${pkg.ecosystem}`] };
  const key = advisoryPackageKey(pkg.ecosystem, pkg.name);
  const notes = new Set<string>();
  const hits: { record: OsvRecord; entries: OsvAffected[]; reason: string }[] = [];
  for (const record of records) {
    if (record.withdrawn !== undefined) continue;
    const entries = (record.affected ?? []).filter(
      (a) =>
        a.package !== undefined &&
        sameEcosystem(a.package.ecosystem, pkg.ecosystem) &&
        // The name as written first: normalising (PEP 503) every entry is the slower path.
        (a.package.name === pkg.name || advisoryPackageKey(pkg.ecosystem, a.package.name) === key),
    );
    let reason: string | undefined;
    for (const entry of entries) {
      const result = isAffected(pkg.version, entry, scheme);
      if (result.affected) {
        reason = result.reason ?? 'affected';
        break;
      }
      if (result.reason) notes.add(`${record.id}: ${result.reason}`);
    }
    if (reason !== undefined) hits.push({ record, entries, reason });
  }
  return { matches: mergeByAlias(hits, pkg.version, scheme), notes: [...notes].sort() };
}

/** `Debian:12` is the `Debian` ecosystem: OSV suffixes some ecosystems with a release. */
function sameEcosystem(stated: string, ecosystem: string): boolean {
  return (
    stated === ecosystem ||
    (stated.length > ecosystem.length &&
      stated.startsWith(ecosystem) &&
      stated[ecosystem.length] === ':')
  );
}

/** Groups hits whose ids or aliases overlap (transitively) into one match each. */
function mergeByAlias(
  hits: readonly { record: OsvRecord; entries: OsvAffected[]; reason: string }[],
  version: string,
  scheme: NonNullable<ReturnType<typeof schemeForEcosystem>>,
): VulnerabilityMatch[] {
  // Union-find over the hits, joined through every id they are known by.
  const parent = hits.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const owner = new Map<string, number>();
  hits.forEach((h, i) => {
    for (const id of [h.record.id, ...(h.record.aliases ?? [])]) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, number[]>();
  hits.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const out: VulnerabilityMatch[] = [];
  for (const members of groups.values()) {
    const group = members.map((i) => hits[i] as (typeof hits)[number]);
    const ids = group.map((h) => h.record.id).sort(compareIds);
    const aliases = [...new Set(group.flatMap((h) => h.record.aliases ?? []))]
      .filter((a) => !ids.includes(a))
      .sort(compareIds);
    const severities = group
      .map((h) => severityOf(h.record))
      .filter((s): s is AdvisorySeverity => s !== undefined)
      .sort(
        (a, b) =>
          RATING_ORDER.indexOf(b.rating) - RATING_ORDER.indexOf(a.rating) ||
          (b.score ?? -1) - (a.score ?? -1),
      );
    const fixed = smallestFixing(
      version,
      group.flatMap((h) => h.entries),
      scheme,
    );
    const primary = group.find((h) => h.record.id === ids[0]);
    const summary = primary?.record.summary ?? group.find((h) => h.record.summary)?.record.summary;
    out.push({
      ids,
      aliases,
      ...(summary !== undefined ? { summary } : {}),
      ...(severities[0] !== undefined ? { severity: severities[0] } : {}),
      ...(fixed !== undefined ? { fixed } : {}),
      reasons: Object.fromEntries(group.map((h) => [h.record.id, h.reason])),
    });
  }
  return out.sort((a, b) => compareIds(a.ids[0] as string, b.ids[0] as string));
}

/**
 * The smallest version that fixes every matched issue of a package: the highest of the issues'
 * own smallest fixes, confirmed to be affected by none of the advisories (a later advisory may
 * reopen a fixed range). Undefined when an issue has no fix or the confirmation fails.
 */
export function smallestFixingAll(
  pkg: PackageVersion,
  matches: readonly VulnerabilityMatch[],
  records: readonly OsvRecord[],
): string | undefined {
  if (matches.length === 0) return undefined;
  const scheme = schemeForEcosystem(pkg.ecosystem);
  if (!scheme || matches.some((m) => m.fixed === undefined)) return undefined;
  const highest = matches
    .map((m) => m.fixed as string)
    .sort((a, b) => scheme.compare(b, a))[0] as string;
  return matchAdvisories({ ...pkg, version: highest }, records).matches.length === 0
    ? highest
    : undefined;
}

/** GHSA ids first (the reviewed database), then others, each alphabetically. */
function compareIds(a: string, b: string): number {
  const rank = (id: string): number => (id.startsWith('GHSA-') ? 0 : id.startsWith('CVE-') ? 2 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}
