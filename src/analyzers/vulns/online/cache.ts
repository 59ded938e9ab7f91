/**
 * What the OSV API client needs from a cache (the store implements it): full advisory records
 * by id, and the ids a `querybatch` query returned for one package version, each with the time
 * it was fetched so that entries older than the expiry are fetched again.
 */
import { advisoryLookupKey } from '../../../store/advisory-names.js';
import type { OsvRecord } from '../osv/types.js';

/** One package version as asked of `/v1/querybatch`. */
export interface OsvQueryKey {
  /** OSV ecosystem name, e.g. `PyPI`, `npm`, `Go`, `crates.io`. */
  readonly ecosystem: string;
  /** The package name as the component has it (the cache normalises per ecosystem). */
  readonly name: string;
  readonly version: string;
}

/** A cached value and when it was fetched. */
export interface Cached<T> {
  readonly value: T;
  /** ISO 8601. */
  readonly fetchedAt: string;
}

/** The cache of OSV API answers. */
export interface OsvCache {
  /** The cached advisory ids for each key that has an entry (any age; the caller checks expiry). */
  getQueries(keys: readonly OsvQueryKey[]): Promise<Map<string, Cached<readonly string[]>>>;
  /** Store the ids the API returned for each key (an empty list is a valid answer). */
  putQueries(
    entries: readonly { readonly key: OsvQueryKey; readonly ids: readonly string[] }[],
    fetchedAt: string,
  ): Promise<void>;
  /** The cached full records for the ids that have an entry (any age). */
  getRecords(ids: readonly string[]): Promise<Map<string, Cached<OsvRecord>>>;
  /** Store full records fetched from `/v1/vulns/{id}` (replacing older copies). */
  putRecords(records: readonly OsvRecord[], fetchedAt: string): Promise<void>;
}

/**
 * The key of one query in the cache and in `OsvCache.getQueries`'s map: ecosystem, the name
 * normalised for the ecosystem (PEP 503 for PyPI, …) and the version, separated by NUL.
 */
export function osvQueryCacheKey(key: OsvQueryKey): string {
  return `${advisoryLookupKey(key.ecosystem, key.name)}\u0000${key.version}`;
}
