/**
 * The compact form of one OSV `affected[]` entry: only what range evaluation reads (the
 * `versions` list and each range's type and events), as plain arrays of strings and small
 * numbers. The store keeps it per (package, advisory) and a lookup parses it for every candidate
 * advisory, so it is built to be small and cheap to parse (a third of the full view's size, one
 * array per range instead of an object per event); `isAffected` evaluates records given whole
 * through the same form, so there is one evaluation algorithm.
 *
 * Layout: `[versions | 0, range, range, …]`, a range being `[type, kind, version, kind,
 * version, …]` with the type `S` (SEMVER), `E` (ECOSYSTEM) or `G` (GIT: no events kept, it is
 * only noted as skipped) and the kinds below, events in the record's order. Ranges of another
 * type and malformed events are left out, as evaluation ignores them.
 */
import type { OsvAffected } from './types.js';

/** Event kinds of a compact range. */
export const INTRODUCED = 0;
export const FIXED = 1;
export const LAST_AFFECTED = 2;
export const LIMIT = 3;

/** `[type, kind, version, kind, version, …]` (see the module comment). */
export type CompactRange = readonly (string | number)[];

/** `[versions | 0, ...ranges]` (see the module comment). */
export type CompactEntry = readonly [readonly string[] | 0, ...CompactRange[]];

const TYPE_CODES: Readonly<Record<string, string>> = { SEMVER: 'S', ECOSYSTEM: 'E', GIT: 'G' };

/** The OSV range type a code stands for (for the reason texts). */
export const RANGE_TYPES: Readonly<Record<string, string>> = {
  S: 'SEMVER',
  E: 'ECOSYSTEM',
  G: 'GIT',
};

/** The OSV event name of a kind (for the reason texts). */
export const EVENT_NAMES = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

/** The compact form of an `affected[]` entry (only `versions` and `ranges` are read). */
export function compactEntry(affected: OsvAffected): CompactEntry {
  const out: (readonly string[] | 0 | CompactRange)[] = [
    Array.isArray(affected.versions) ? affected.versions : 0,
  ];
  for (const range of affected.ranges ?? []) {
    const type = TYPE_CODES[range.type];
    if (type === undefined) continue;
    const compact: (string | number)[] = [type];
    if (type !== 'G' && Array.isArray(range.events))
      for (const event of range.events) {
        // The first of the four keys present, as the OSV schema allows exactly one.
        if (typeof event !== 'object' || event === null) continue;
        const e = event as Record<string, unknown>;
        let kind: number;
        let version: unknown;
        if ('introduced' in e) [kind, version] = [INTRODUCED, e.introduced];
        else if ('fixed' in e) [kind, version] = [FIXED, e.fixed];
        else if ('last_affected' in e) [kind, version] = [LAST_AFFECTED, e.last_affected];
        else if ('limit' in e) [kind, version] = [LIMIT, e.limit];
        else continue;
        if (typeof version === 'string') compact.push(kind, version);
      }
    out.push(compact);
  }
  return out as unknown as CompactEntry;
}
