/**
 * An `OsvCache` held in memory (Maps). For tests, and for a run without a store where answers
 * should at least not be fetched twice.
 */
import type { OsvRecord } from '../osv/types.js';
import { osvQueryCacheKey } from './cache.js';
import type { Cached, OsvCache, OsvQueryKey } from './cache.js';

/** An in-memory `OsvCache`; `queries` and `records` are exposed for assertions. */
export interface MemoryOsvCache extends OsvCache {
  /** By `osvQueryCacheKey`. */
  readonly queries: Map<string, Cached<readonly string[]>>;
  /** By advisory id. */
  readonly records: Map<string, Cached<OsvRecord>>;
}

/** A new, empty in-memory cache. */
export function createMemoryOsvCache(): MemoryOsvCache {
  const queries = new Map<string, Cached<readonly string[]>>();
  const records = new Map<string, Cached<OsvRecord>>();
  return {
    queries,
    records,
    getQueries(keys: readonly OsvQueryKey[]) {
      const out = new Map<string, Cached<readonly string[]>>();
      for (const key of keys) {
        const cacheKey = osvQueryCacheKey(key);
        const hit = queries.get(cacheKey);
        if (hit !== undefined) out.set(cacheKey, hit);
      }
      return Promise.resolve(out);
    },
    putQueries(entries, fetchedAt) {
      for (const { key, ids } of entries) {
        queries.set(osvQueryCacheKey(key), { value: [...ids], fetchedAt });
      }
      return Promise.resolve();
    },
    getRecords(ids: readonly string[]) {
      const out = new Map<string, Cached<OsvRecord>>();
      for (const id of ids) {
        const hit = records.get(id);
        if (hit !== undefined) out.set(id, hit);
      }
      return Promise.resolve(out);
    },
    putRecords(list, fetchedAt) {
      for (const record of list) records.set(record.id, { value: record, fetchedAt });
      return Promise.resolve();
    },
  };
}
