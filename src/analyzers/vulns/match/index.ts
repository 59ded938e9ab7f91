/**
 * Which advisories affect one package version: each advisory's `affected[]` entries for the
 * package are evaluated with the ecosystem's version order (ranges/), withdrawn advisories never
 * match, and advisories that are one issue under several ids (GHSA, CVE and PYSEC aliases of each
 * other) become one finding listing every id, with the highest severity and the smallest version
 * that fixes them all.
 */
import { advisoryPackageKey } from '../../../store/advisory-names.js';
import { StoredAdvisory } from '../../../store/stored-advisory.js';
import { schemeForEcosystem, type VersionScheme } from '../../../versioning/registry.js';
import type { OsvRecord } from '../osv/types.js';
import {
  compactOf,
  isAffectedCompact,
  smallestFixingCompact,
  type CompactEntry,
} from '../ranges/index.js';
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
  const hits: Hit[] = [];
  for (const record of records) {
    const entries = StoredAdvisory.entriesOf(record) ?? packageEntries(record, pkg, key);
    if (entries === undefined) continue;
    let reason: string | undefined;
    for (const entry of entries) {
      const result = isAffectedCompact(pkg.version, entry, scheme);
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

/**
 * The compact entries of a record given whole that name the package (a store lookup returns
 * only the package's own, already compact), or undefined for a withdrawn record.
 */
function packageEntries(
  record: OsvRecord,
  pkg: PackageVersion,
  key: string,
): CompactEntry[] | undefined {
  if (record.withdrawn !== undefined) return undefined;
  const out: CompactEntry[] = [];
  for (const a of record.affected ?? [])
    if (
      a.package !== undefined &&
      sameEcosystem(a.package.ecosystem, pkg.ecosystem) &&
      // The name as written first: normalising (PEP 503) every entry is the slower path.
      (a.package.name === pkg.name || advisoryPackageKey(pkg.ecosystem, a.package.name) === key)
    )
      out.push(compactOf(a));
  return out;
}

/** An advisory that affects the package: its entries for the package and why it matched. */
interface Hit {
  readonly record: OsvRecord;
  readonly entries: readonly CompactEntry[];
  readonly reason: string;
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
  hits: readonly Hit[],
  version: string,
  scheme: VersionScheme,
): VulnerabilityMatch[] {
  // The common cases, without the bookkeeping of merging.
  if (hits.length === 0) return [];
  if (hits.length === 1) return [matchOf(hits, version, scheme)];
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
  const groups = new Map<number, Hit[]>();
  hits.forEach((h, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [h]);
    else group.push(h);
  });
  const out: VulnerabilityMatch[] = [];
  for (const group of groups.values()) out.push(matchOf(group, version, scheme));
  return out.sort((a, b) => compareIds(a.ids[0] as string, b.ids[0] as string));
}

/** One finding for a group of hits that are one issue (plain loops: this runs for every hit). */
function matchOf(
  group: readonly Hit[],
  version: string,
  scheme: VersionScheme,
): VulnerabilityMatch {
  const ids: string[] = [];
  const known = new Set<string>();
  const entries: CompactEntry[] = [];
  const reasons: Record<string, string> = {};
  let severity: AdvisorySeverity | undefined;
  for (const h of group) {
    ids.push(h.record.id);
    for (const a of h.record.aliases ?? []) known.add(a);
    for (const e of h.entries) entries.push(e);
    reasons[h.record.id] = h.reason;
    const s = severityOf(StoredAdvisory.severityInputOf(h.record) ?? h.record);
    // The highest rating, then the highest score; the first of equals.
    if (s !== undefined && (severity === undefined || higher(s, severity))) severity = s;
  }
  ids.sort(compareIds);
  const aliases = [...known].filter((a) => !ids.includes(a)).sort(compareIds);
  const fixed = smallestFixingCompact(version, entries, scheme);
  const primary = group.find((h) => h.record.id === ids[0]);
  const summary = primary?.record.summary ?? group.find((h) => h.record.summary)?.record.summary;
  return {
    ids,
    aliases,
    ...(summary !== undefined ? { summary } : {}),
    ...(severity !== undefined ? { severity } : {}),
    ...(fixed !== undefined ? { fixed } : {}),
    reasons,
  };
}

/** Whether `a` is a worse severity than `b`: a higher rating, or the same with a higher score. */
function higher(a: AdvisorySeverity, b: AdvisorySeverity): boolean {
  return (
    (RATING_ORDER.indexOf(a.rating) - RATING_ORDER.indexOf(b.rating) ||
      (a.score ?? -1) - (b.score ?? -1)) > 0
  );
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
