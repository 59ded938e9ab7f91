/**
 * Whether a package version is affected by one OSV `affected[]` entry, following the OSV
 * schema's evaluation algorithm (https://ossf.github.io/osv-schema/#evaluation):
 *
 * - the version is affected when it is listed in `versions` or lies in one of the `ranges`;
 * - a range's events are sorted by version and replayed as a timeline: `introduced` (with
 *   `"0"` meaning "before every version") turns vulnerability on at and above it, `fixed`
 *   turns it off at and above it, `last_affected` turns it off strictly above it;
 * - `limit` events bound the range from above (`v < limit` for at least one limit; a limit
 *   containing `*` is infinity); with no `limit` the range is unbounded;
 * - `SEMVER` ranges use SemVer order (as OSV applies it); `ECOSYSTEM` ranges the scheme of
 *   the package's ecosystem; `GIT` ranges name commits, which a version cannot be placed among,
 *   so they are skipped and said so.
 *
 * Entries are evaluated in their compact form (`compact.ts`): the store hands that form over
 * for every candidate advisory, and records given whole are reduced to it once per entry.
 */
import { semver } from '../../../versioning/semver/index.js';
import type { VersionScheme } from '../../../versioning/types.js';
import {
  EVENT_NAMES,
  FIXED,
  INTRODUCED,
  LAST_AFFECTED,
  LIMIT,
  RANGE_TYPES,
  compactEntry,
  type CompactEntry,
  type CompactRange,
} from './compact.js';
import type { AffectedResult, OsvAffected } from './types.js';

export type * from './types.js';
export type { CompactEntry, CompactRange } from './compact.js';
export { compactEntry } from './compact.js';

interface PreparedVersions {
  readonly scheme: VersionScheme;
  readonly exact: ReadonlySet<string>;
  /** The well-formed listed versions, parsed and sorted, for equality by the scheme. */
  readonly sorted: readonly unknown[];
}

/** Reason given when a `GIT` range could not be evaluated. */
export const GIT_SKIPPED = 'GIT range skipped';

// Records given whole (the OSV API, tests) are evaluated through their compact form, made once
// per entry object.
const compacted = new WeakMap<OsvAffected, CompactEntry>();
const preparedVersions = new WeakMap<readonly string[], PreparedVersions>();

/** The compact form of an entry (`compactEntry`), made once per entry object. */
export function compactOf(affected: OsvAffected): CompactEntry {
  let hit = compacted.get(affected);
  if (hit === undefined) compacted.set(affected, (hit = compactEntry(affected)));
  return hit;
}

function prepareVersions(versions: readonly string[], scheme: VersionScheme): PreparedVersions {
  const hit = preparedVersions.get(versions);
  if (hit !== undefined && hit.scheme === scheme) return hit;
  const sorted: unknown[] = [];
  for (const v of versions) {
    if (typeof v === 'string' && scheme.valid(v)) sorted.push(scheme.parse(v));
  }
  sorted.sort((a, b) => scheme.compareParsed(a, b));
  const result = { scheme, exact: new Set(versions), sorted };
  preparedVersions.set(versions, result);
  return result;
}

function listed(version: string, versions: readonly string[], scheme: VersionScheme): boolean {
  // Most lists are searched once per lookup: a plain scan for the exact string first, and the
  // sorted parsed form (built once per list) only for the rarer equal-but-differently-written case.
  if (versions.includes(version)) return true;
  if (versions.length === 0 || !scheme.valid(version)) return false;
  const { sorted } = prepareVersions(versions, scheme);
  // Beyond the exact string, a listed version equal under the scheme (`v1.2.3` vs `1.2.3`,
  // `1.0` vs `1.0.0` in PEP 440) matches too; both must be well-formed, so that two strings
  // that only share a fallback place (SemVer garbage) never match.
  if (sorted.length === 0) return false;
  const parsed = scheme.parse(version);
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = scheme.compareParsed(sorted[mid], parsed);
    if (c === 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** `introduced: "0"`: before every version (it has no place to compare). */
function unbounded(range: CompactRange, at: number): boolean {
  return range[at] === INTRODUCED && range[at + 1] === '0';
}

/**
 * Whether the event at `a` comes after the event at `b` in the timeline: by version, `introduced
 * 0` first, and events at the same version in the record's order (a stable sort, as the OSV
 * schema's reference evaluation and osv.dev's enumerated `versions` lists do: "introduced
 * 0.13.0" listed before "fixed 0.13.0" leaves 0.13.0 unaffected, while back-to-back ranges
 * written "fixed 2.0, introduced 2.0" keep 2.0 affected).
 */
function later(range: CompactRange, a: number, b: number, scheme: VersionScheme): boolean {
  const ua = unbounded(range, a);
  const ub = unbounded(range, b);
  if (ua || ub) return ua === ub ? a > b : ub;
  const c = scheme.compareParsed(
    scheme.parse(range[a + 1] as string),
    scheme.parse(range[b + 1] as string),
  );
  return c !== 0 ? c > 0 : a > b;
}

/**
 * Where `parsed` stands in one range: the position of the `introduced` event that makes it
 * vulnerable, or -1.
 *
 * Replaying the sorted timeline leaves the state set by the last event that applies to the
 * version (`introduced` and `fixed` at or below it, `last_affected` strictly below it). That
 * event is found in one pass in the record's order, without sorting: a range is evaluated about
 * once per lookup, so sorting it (and allocating for it) cost more than the evaluation itself.
 */
function vulnerableAt(parsed: unknown, range: CompactRange, scheme: VersionScheme): number {
  let limited = false;
  let belowLimit = false;
  // The last applying event so far: its position, parsed version (undefined: `introduced 0`).
  let last = -1;
  let lastParsed: unknown;
  for (let at = 1; at + 1 < range.length; at += 2) {
    const kind = range[at];
    const bound = range[at + 1] as string;
    if (kind === LIMIT) {
      // `v < limit` for at least one limit; a limit containing `*` is infinity.
      limited = true;
      if (!belowLimit)
        belowLimit = bound.includes('*') || scheme.compareParsed(parsed, scheme.parse(bound)) < 0;
      continue;
    }
    if (kind === INTRODUCED && bound === '0') {
      // Before every version: it applies, and comes after only another `introduced 0`.
      if (last < 0 || lastParsed === undefined) last = at;
      continue;
    }
    const p = scheme.parse(bound);
    const c = scheme.compareParsed(parsed, p);
    if (c < 0 || (c === 0 && kind === LAST_AFFECTED)) continue;
    // Equal versions: this event comes later in the record, so it is later in the timeline.
    if (last < 0 || lastParsed === undefined || scheme.compareParsed(p, lastParsed) >= 0) {
      last = at;
      lastParsed = p;
    }
  }
  if (limited && !belowLimit) return -1;
  return last >= 0 && range[last] === INTRODUCED ? last : -1;
}

/** The matching interval as text: the `introduced` event and the first event closing it. */
function reasonOf(range: CompactRange, from: number, scheme: VersionScheme): string {
  let to = -1;
  for (let at = 1; at + 1 < range.length; at += 2) {
    const kind = range[at];
    if (kind !== FIXED && kind !== LAST_AFFECTED) continue;
    if (later(range, at, from, scheme) && (to < 0 || later(range, to, at, scheme))) to = at;
  }
  const event = (at: number): string =>
    `${EVENT_NAMES[range[at] as number]} ${range[at + 1] as string}`;
  const type = RANGE_TYPES[range[0] as string] as string;
  return to < 0 ? `${type} range: ${event(from)}` : `${type} range: ${event(from)}, ${event(to)}`;
}

// The common answers, shared rather than allocated for every evaluation.
const NOT_AFFECTED: AffectedResult = Object.freeze({ affected: false });
const ONLY_GIT: AffectedResult = Object.freeze({ affected: false, reason: GIT_SKIPPED });
const LISTED: AffectedResult = Object.freeze({ affected: true, reason: 'listed in versions' });

/**
 * `isAffected` on the compact form of an entry (`compactEntry`, or as the store keeps it).
 * `scheme` is the ordering of the package's ecosystem; `SEMVER` ranges always use SemVer order.
 */
export function isAffectedCompact(
  version: string,
  entry: CompactEntry,
  scheme: VersionScheme,
): AffectedResult {
  const versions = entry[0];
  if (versions !== 0 && listed(version, versions, scheme)) return LISTED;
  let skippedGit = false;
  let parsed: unknown;
  let parsedSemver: unknown;
  for (let r = 1; r < entry.length; r++) {
    const range = entry[r] as CompactRange;
    const type = range[0];
    if (type === 'G') {
      skippedGit = true;
      continue;
    }
    const from =
      type === 'S'
        ? vulnerableAt((parsedSemver ??= semver.parse(version)), range, semver)
        : vulnerableAt((parsed ??= scheme.parse(version)), range, scheme);
    if (from >= 0)
      return { affected: true, reason: reasonOf(range, from, type === 'S' ? semver : scheme) };
  }
  return skippedGit ? ONLY_GIT : NOT_AFFECTED;
}

/**
 * Whether `version` of a package is affected by one OSV `affected[]` entry of that package.
 * `scheme` is the ordering of the package's ecosystem (`schemeForEcosystem`); `SEMVER` ranges
 * always use SemVer order. When nothing matched but a `GIT` range was skipped, the reason
 * says so.
 */
export function isAffected(
  version: string,
  affected: OsvAffected,
  scheme: VersionScheme,
): AffectedResult {
  return isAffectedCompact(version, compactOf(affected), scheme);
}

/** The `fixed` versions of a compact entry's `SEMVER` and `ECOSYSTEM` ranges, in record order. */
function fixedOf(entry: CompactEntry): string[] {
  const out = new Set<string>();
  for (let r = 1; r < entry.length; r++) {
    const range = entry[r] as CompactRange;
    for (let at = 1; at + 1 < range.length; at += 2)
      if (range[at] === FIXED) out.add(range[at + 1] as string);
  }
  return [...out];
}

/**
 * The `fixed` versions of an `affected[]` entry's `SEMVER` and `ECOSYSTEM` ranges, without
 * duplicates; in version order when a scheme is given, otherwise in record order.
 */
export function fixedVersions(affected: OsvAffected, scheme?: VersionScheme): string[] {
  const out = new Set<string>();
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') continue;
    for (const event of range.events) {
      if ('fixed' in event && typeof event.fixed === 'string') out.add(event.fixed);
    }
  }
  const list = [...out];
  return scheme === undefined ? list : list.sort((a, b) => scheme.compare(a, b));
}

/**
 * The smallest version above `version` that fixes every advisory in `affectedList` that
 * affects `version` (each entry is one advisory's `affected[]` entry for this package).
 * Candidates are the `fixed` events above `version`; the answer is the lowest one that none
 * of the given entries affects (upgrading into another listed advisory is no fix). Undefined
 * when no entry affects `version`, when an entry that does has no `fixed` event above it
 * (only `last_affected`, or no fix at all), or when no candidate clears every entry.
 */
export function smallestFixing(
  version: string,
  affectedList: readonly OsvAffected[],
  scheme: VersionScheme,
): string | undefined {
  return smallestFixingCompact(version, affectedList.map(compactOf), scheme);
}

/** `smallestFixing` over compact entries (see `isAffectedCompact`). */
export function smallestFixingCompact(
  version: string,
  entries: readonly CompactEntry[],
  scheme: VersionScheme,
): string | undefined {
  const relevant = entries.filter((e) => isAffectedCompact(version, e, scheme).affected);
  if (relevant.length === 0) return undefined;
  const candidates = new Set<string>();
  for (const e of relevant) {
    const above = fixedOf(e).filter((f) => scheme.compare(f, version) > 0);
    if (above.length === 0) return undefined;
    for (const f of above) candidates.add(f);
  }
  const sorted = [...candidates].sort((a, b) => scheme.compare(a, b));
  return sorted.find((c) => entries.every((e) => !isAffectedCompact(c, e, scheme).affected));
}
