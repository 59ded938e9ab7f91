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
 * Sorted events and parsed bounds are cached per range object (a WeakMap, so they go with the
 * record), because matching evaluates the same advisories for many components.
 */
import { semver } from '../../../versioning/semver/index.js';
import type { VersionScheme } from '../../../versioning/types.js';
import type { AffectedResult, OsvAffected, OsvEvent, OsvRange } from './types.js';

export type * from './types.js';

type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

interface PreparedEvent {
  readonly kind: EventKind;
  readonly version: string;
  readonly parsed: unknown;
  /** `introduced: "0"` (before every version) or a `limit` containing `*` (after every one). */
  readonly unbounded: boolean;
}

interface PreparedRange {
  /** The scheme the bounds were parsed with (a range is evaluated under one scheme). */
  readonly scheme: VersionScheme;
  /** `introduced`, `fixed` and `last_affected` events in version order. */
  readonly timeline: readonly PreparedEvent[];
  readonly limits: readonly PreparedEvent[];
}

interface PreparedVersions {
  readonly scheme: VersionScheme;
  readonly exact: ReadonlySet<string>;
  /** The well-formed listed versions, parsed and sorted, for equality by the scheme. */
  readonly sorted: readonly unknown[];
}

/** Reason given when a `GIT` range could not be evaluated. */
export const GIT_SKIPPED = 'GIT range skipped';

function eventOf(event: OsvEvent): { kind: EventKind; version: string } | undefined {
  if ('introduced' in event) return { kind: 'introduced', version: event.introduced };
  if ('fixed' in event) return { kind: 'fixed', version: event.fixed };
  if ('last_affected' in event) return { kind: 'last_affected', version: event.last_affected };
  if ('limit' in event) return { kind: 'limit', version: event.limit };
  return undefined;
}

// One lookup per range: the scheme is stored with the prepared form and checked, since a
// record's range is in practice always evaluated under the same scheme.
const preparedRanges = new WeakMap<OsvRange, PreparedRange>();
const preparedVersions = new WeakMap<readonly string[], PreparedVersions>();

function prepareRange(range: OsvRange, scheme: VersionScheme): PreparedRange {
  const hit = preparedRanges.get(range);
  if (hit !== undefined && hit.scheme === scheme) return hit;
  const timeline: PreparedEvent[] = [];
  const limits: PreparedEvent[] = [];
  for (const raw of range.events) {
    const e = eventOf(raw);
    if (e === undefined || typeof e.version !== 'string') continue;
    const unbounded =
      (e.kind === 'introduced' && e.version === '0') ||
      (e.kind === 'limit' && e.version.includes('*'));
    // Explicit fields, not a spread: spreading was the single largest cost of preparing.
    const event: PreparedEvent = {
      kind: e.kind,
      version: e.version,
      parsed: scheme.parse(e.version),
      unbounded,
    };
    (e.kind === 'limit' ? limits : timeline).push(event);
  }
  timeline.sort((a, b) => {
    if (a.unbounded || b.unbounded) {
      if (a.unbounded !== b.unbounded) return a.unbounded ? -1 : 1;
    } else {
      const c = scheme.compareParsed(a.parsed, b.parsed);
      if (c !== 0) return c;
    }
    // Events at the same version keep the record's order (a stable sort, as the OSV schema's
    // reference evaluation and osv.dev's enumerated `versions` lists do): "introduced 0.13.0"
    // listed before "fixed 0.13.0" leaves 0.13.0 unaffected, while back-to-back ranges written
    // "fixed 2.0, introduced 2.0" keep 2.0 affected.
    return 0;
  });
  const result = { scheme, timeline, limits };
  preparedRanges.set(range, result);
  return result;
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
  const { exact, sorted } = prepareVersions(versions, scheme);
  if (exact.has(version)) return true;
  // Beyond the exact string, a listed version equal under the scheme (`v1.2.3` vs `1.2.3`,
  // `1.0` vs `1.0.0` in PEP 440) matches too; both must be well-formed, so that two strings
  // that only share a fallback place (SemVer garbage) never match.
  if (sorted.length === 0 || !scheme.valid(version)) return false;
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

function beforeLimits(parsed: unknown, range: PreparedRange, scheme: VersionScheme): boolean {
  if (range.limits.length === 0) return true;
  return range.limits.some((l) => l.unbounded || scheme.compareParsed(parsed, l.parsed) < 0);
}

/** The range's matching interval as text, when `version` is in it; otherwise undefined. */
function inRange(version: string, range: OsvRange, scheme: VersionScheme): string | undefined {
  const p = prepareRange(range, scheme);
  const parsed = scheme.parse(version);
  if (!beforeLimits(parsed, p, scheme)) return undefined;
  let vulnerable = false;
  let from: PreparedEvent | undefined;
  let to: PreparedEvent | undefined;
  for (const e of p.timeline) {
    if (e.kind === 'introduced') {
      if (e.unbounded || scheme.compareParsed(parsed, e.parsed) >= 0) {
        vulnerable = true;
        from = e;
        to = undefined;
      }
    } else if (e.kind === 'fixed') {
      if (scheme.compareParsed(parsed, e.parsed) >= 0) vulnerable = false;
      else if (vulnerable) to ??= e;
    } else if (scheme.compareParsed(parsed, e.parsed) > 0) {
      vulnerable = false;
    } else if (vulnerable) {
      to ??= e;
    }
  }
  if (!vulnerable) return undefined;
  const lower = from === undefined ? '' : `${from.kind} ${from.version}`;
  return to === undefined
    ? `${range.type} range: ${lower}`
    : `${range.type} range: ${lower}, ${to.kind} ${to.version}`;
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
  if (affected.versions !== undefined && listed(version, affected.versions, scheme)) {
    return { affected: true, reason: 'listed in versions' };
  }
  let skippedGit = false;
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') {
      skippedGit = true;
      continue;
    }
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
    const reason = inRange(version, range, range.type === 'SEMVER' ? semver : scheme);
    if (reason !== undefined) return { affected: true, reason };
  }
  return skippedGit ? { affected: false, reason: GIT_SKIPPED } : { affected: false };
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
  const relevant = affectedList.filter((a) => isAffected(version, a, scheme).affected);
  if (relevant.length === 0) return undefined;
  const candidates = new Set<string>();
  for (const a of relevant) {
    const above = fixedVersions(a).filter((f) => scheme.compare(f, version) > 0);
    if (above.length === 0) return undefined;
    for (const f of above) candidates.add(f);
  }
  const sorted = [...candidates].sort((a, b) => scheme.compare(a, b));
  return sorted.find((c) => affectedList.every((a) => !isAffected(c, a, scheme).affected));
}
