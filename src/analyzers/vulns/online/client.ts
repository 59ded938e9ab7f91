/**
 * The OSV API client (https://google.github.io/osv.dev/api/): which advisories affect each
 * package version, as full OSV records, through the cache.
 *
 * 1. Keys whose `querybatch` answer is in the cache and younger than the expiry are not asked
 *    again. The others go to `POST /v1/querybatch` in batches of at most 1000 (the API's
 *    limit), in order; a result with `next_page_token` is asked again with `page_token` (a
 *    bounded number of pages and ids per key). Every complete answer, empty ones included, is
 *    cached.
 * 2. Every id named is then read from the cache when it is fresh and not older than the
 *    `modified` time `querybatch` gave for it; otherwise `GET /v1/vulns/{id}` (a few at a time),
 *    validated with the OSV schema check, cached.
 * 3. When the API cannot be reached at all (the first request fails on every attempt), the run
 *    stops asking, says so in one sentence (`unreachable`) and returns what the cache has, old
 *    entries included (counted as stale): old data is better than none, and the offline data
 *    still applies.
 *
 * Nothing here throws for network or API problems; per-request and per-record problems are
 * `errors`. Only invalid options throw (`UsageError`).
 */
import { mapPool } from '../../../core/pool.js';
import { UsageError } from '../../../core/errors.js';
import { validateOsvRecord } from '../osv/validate.js';
import type { OsvRecord } from '../osv/types.js';
import { osvQueryCacheKey } from './cache.js';
import type { Cached, OsvCache, OsvQueryKey } from './cache.js';
import { oneLine, requestJson } from './http.js';
import type { HttpOptions, HttpResult } from './http.js';
import { compareTimestamps } from './timestamps.js';

/** The API's documented maximum number of queries in one `querybatch`. */
export const OSV_MAX_BATCH_SIZE = 1000;

/** Options of `fetchAdvisories`. Only `baseUrl` and `now` are required. */
export interface FetchAdvisoriesOptions {
  /** The API root, e.g. `https://api.osv.dev` (a path prefix is kept: `https://proxy/osv`). */
  readonly baseUrl: string;
  /** Defaults to `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch;
  readonly cache?: OsvCache;
  readonly now: () => Date;
  /** Age after which a cached answer is asked again. Default 24 h. */
  readonly expiryMs?: number;
  /** Attempts per request, the first included. Default 4. */
  readonly maxAttempts?: number;
  /** Per attempt. Default 30 s. */
  readonly timeoutMs?: number;
  /** Queries per `querybatch` request, 1–1000. Default 1000. */
  readonly batchSize?: number;
  /** `/v1/vulns/{id}` requests in flight. Default 8. */
  readonly concurrency?: number;
  /** Waits between attempts. Default: a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /** Default `openvet`. */
  readonly userAgent?: string;
  /** Largest response body read. Default 32 MiB. */
  readonly maxResponseBytes?: number;
  /** Pages followed per query. Default 100. */
  readonly maxPagesPerQuery?: number;
  /** Advisory ids accepted per query. Default 10,000. */
  readonly maxIdsPerQuery?: number;
  /** First backoff delay (doubles per retry, with jitter). Default 1 s. */
  readonly baseDelayMs?: number;
  /** Cap of one wait, backoff or `Retry-After`. Default 60 s. */
  readonly maxDelayMs?: number;
}

/** Counts of one run, for the scan's status line and for tests. */
export interface OnlineAdvisoriesStats {
  /** Distinct package versions asked about. */
  readonly queries: number;
  /** Of those, answered from a fresh cache entry. */
  readonly queriesFromCache: number;
  /** Distinct advisory records returned. */
  readonly records: number;
  /** Of those, read from a fresh cache entry. */
  readonly recordsFromCache: number;
  /** HTTP requests sent (retries and followed redirects included). */
  readonly requests: number;
  /** Package versions answered from an expired cache entry because the API failed. */
  readonly staleQueries: number;
  /** Records taken from an expired (or outdated) cache entry because the API failed. */
  readonly staleRecords: number;
}

/** The answer of `fetchAdvisories`. */
export interface OnlineAdvisories {
  /**
   * By `osvQueryCacheKey`: the full records of the advisories the API names for that package
   * version, sorted by id (an empty list: none). A key is absent when nothing is known about
   * it (the API failed for it and the cache has no entry).
   */
  readonly records: Map<string, OsvRecord[]>;
  /** One line per problem: a failed request, an invalid record or id, a truncated answer. */
  readonly errors: string[];
  /** Set when the API could not be reached at all: one sentence for the user. */
  readonly unreachable?: string;
  readonly stats: OnlineAdvisoriesStats;
}

interface Settings {
  readonly base: string;
  readonly now: () => Date;
  readonly expiryMs: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly maxPagesPerQuery: number;
  readonly maxIdsPerQuery: number;
  readonly http: HttpOptions;
}

interface Stats {
  queries: number;
  queriesFromCache: number;
  records: number;
  recordsFromCache: number;
  requests: number;
  staleQueries: number;
  staleRecords: number;
}

/** State of one run shared by the two phases. */
interface Run {
  readonly settings: Settings;
  readonly cache: OsvCache | undefined;
  readonly errors: string[];
  readonly stats: Stats;
  /** Some request succeeded: a later failure is not "unreachable". */
  answered: boolean;
  /** Why no further request is sent in this run. */
  stopped?: string;
  /** Set with `stopped` when nothing was ever answered. */
  unreachableCause?: string;
}

/** A key to ask, with its cache key. */
interface Query {
  readonly cacheKey: string;
  readonly key: OsvQueryKey;
}

/** An advisory id as `querybatch` names it, with its `modified` time when given. */
type IdList = Map<string, string | undefined>;

// OSV ids: a database prefix and an identifier, e.g. GHSA-xxxx-xxxx-xxxx, PYSEC-2021-66,
// RHSA-2023:1234, openSUSE-SU-2024:1-1. Anything else is not put into a URL path.
const OSV_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const MAX_KEY_FIELD_LENGTH = 1000;

/**
 * The OSV advisories of each package version in `keys`, through `options.cache`; see the
 * module comment for the protocol. Never throws for network or API problems.
 */
export async function fetchAdvisories(
  keys: readonly OsvQueryKey[],
  options: FetchAdvisoriesOptions,
): Promise<OnlineAdvisories> {
  const stats: Stats = {
    queries: 0,
    queriesFromCache: 0,
    records: 0,
    recordsFromCache: 0,
    requests: 0,
    staleQueries: 0,
    staleRecords: 0,
  };
  const settings = resolveSettings(options, () => {
    stats.requests++;
  });
  const run: Run = { settings, cache: options.cache, errors: [], stats, answered: false };

  const queries = distinctQueries(keys, run.errors);
  stats.queries = queries.length;
  const cachedQueries =
    run.cache === undefined || queries.length === 0
      ? new Map<string, Cached<readonly string[]>>()
      : await guard(
          run,
          'read cached OSV answers',
          new Map<string, Cached<readonly string[]>>(),
          (cache) => cache.getQueries(queries.map((q) => q.key)),
        );

  const idsByKey = new Map<string, IdList>();
  const toAsk: Query[] = [];
  for (const query of queries) {
    const hit = cachedQueries.get(query.cacheKey);
    if (hit !== undefined && isFresh(hit.fetchedAt, settings)) {
      idsByKey.set(query.cacheKey, new Map(hit.value.map((id) => [id, undefined])));
      stats.queriesFromCache++;
    } else {
      toAsk.push(query);
    }
  }

  const asked = await askQueries(run, toAsk);
  for (const query of toAsk) {
    const ids = asked.get(query.cacheKey);
    if (ids !== undefined) {
      idsByKey.set(query.cacheKey, ids);
      continue;
    }
    // The API gave no (complete) answer: an expired cache entry is better than nothing.
    const hit = cachedQueries.get(query.cacheKey);
    if (hit !== undefined) {
      idsByKey.set(query.cacheKey, new Map(hit.value.map((id) => [id, undefined])));
      stats.staleQueries++;
    }
  }

  const records = await resolveRecords(run, idsByKey);
  const byKey = new Map<string, OsvRecord[]>();
  const returned = new Set<string>();
  for (const [cacheKey, ids] of idsByKey) {
    const list: OsvRecord[] = [];
    for (const id of [...ids.keys()].sort()) {
      const record = records.get(id);
      if (record === undefined) continue;
      list.push(record);
      returned.add(id);
    }
    byKey.set(cacheKey, list);
  }
  stats.records = returned.size;

  const result: OnlineAdvisories = { records: byKey, errors: run.errors, stats: { ...stats } };
  if (run.unreachableCause === undefined) return result;
  return { ...result, unreachable: unreachableSentence(run) };
}

function unreachableSentence(run: Run): string {
  const stale = run.stats.staleQueries + run.stats.staleRecords;
  const plus = stale === 0 ? '' : ` (plus ${stale} expired cache entries)`;
  return (
    `could not reach the OSV API at ${run.settings.base}: ${run.unreachableCause ?? ''}` +
    ` — using offline data only${plus}`
  );
}

function resolveSettings(options: FetchAdvisoriesOptions, onRequest: () => void): Settings {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new UsageError(`OSV API URL "${options.baseUrl}" is not a URL (expected https://…)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`OSV API URL "${options.baseUrl}" must start with https:// or http://`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new UsageError(
      `OSV API URL "${options.baseUrl}" must not contain a query, fragment or credentials`,
    );
  }
  const batchSize = integer('batchSize', options.batchSize ?? OSV_MAX_BATCH_SIZE, 1);
  if (batchSize > OSV_MAX_BATCH_SIZE) {
    throw new UsageError(`batchSize ${batchSize} is above the OSV API limit of 1000 queries`);
  }
  return {
    base: url.href.replace(/(?<!\/)\/+$/, ''),
    now: options.now,
    expiryMs: integer('expiryMs', options.expiryMs ?? 24 * 60 * 60 * 1000, 0),
    batchSize,
    concurrency: integer('concurrency', options.concurrency ?? 8, 1),
    maxPagesPerQuery: integer('maxPagesPerQuery', options.maxPagesPerQuery ?? 100, 1),
    maxIdsPerQuery: integer('maxIdsPerQuery', options.maxIdsPerQuery ?? 10_000, 1),
    http: {
      fetch: options.fetch ?? globalThis.fetch,
      maxAttempts: integer('maxAttempts', options.maxAttempts ?? 4, 1),
      timeoutMs: integer('timeoutMs', options.timeoutMs ?? 30_000, 1),
      maxResponseBytes: integer('maxResponseBytes', options.maxResponseBytes ?? 32 * 2 ** 20, 1),
      userAgent: options.userAgent ?? 'openvet',
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      now: options.now,
      baseDelayMs: integer('baseDelayMs', options.baseDelayMs ?? 1000, 0),
      maxDelayMs: integer('maxDelayMs', options.maxDelayMs ?? 60_000, 0),
      onRequest,
    },
  };
}

function integer(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`OSV API option ${name} must be an integer ≥ ${min}, not ${value}`);
  }
  return value;
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isFresh(fetchedAt: string, settings: Settings): boolean {
  const age = settings.now().getTime() - Date.parse(fetchedAt);
  // A time in the future (the clock went back) counts as expired: asking again is harmless.
  return Number.isFinite(age) && age >= 0 && age < settings.expiryMs;
}

/** The keys once each (by cache key, first spelling kept); malformed keys are reported. */
function distinctQueries(keys: readonly OsvQueryKey[], errors: string[]): Query[] {
  const seen = new Map<string, Query>();
  for (const key of keys) {
    const bad = [key.ecosystem, key.name, key.version].some(
      (field) => typeof field !== 'string' || field === '' || field.length > MAX_KEY_FIELD_LENGTH,
    );
    if (bad) {
      errors.push(
        `not asked of the OSV API: ${oneLine(`${key.ecosystem}/${key.name}@${key.version}`, 200)} ` +
          `(ecosystem, name and version must be non-empty, at most ${MAX_KEY_FIELD_LENGTH} characters)`,
      );
      continue;
    }
    const cacheKey = osvQueryCacheKey(key);
    if (!seen.has(cacheKey)) seen.set(cacheKey, { cacheKey, key });
  }
  return [...seen.values()];
}

/**
 * A cache operation whose failure (a locked or broken store) is reported, not thrown: the
 * answers just fetched are still good for this run.
 */
async function guard<T>(
  run: Run,
  what: string,
  fallback: T,
  operation: (cache: OsvCache) => Promise<T>,
): Promise<T> {
  if (run.cache === undefined) return fallback;
  try {
    return await operation(run.cache);
  } catch (error) {
    run.errors.push(
      `could not ${what}: ${oneLine(error instanceof Error ? error.message : String(error), 200)}`,
    );
    return fallback;
  }
}

/** One request, unless the run has stopped; keeps `answered`/`stopped` up to date. */
async function call(
  run: Run,
  path: string,
  request: { readonly method: 'GET' | 'POST'; readonly body?: unknown },
): Promise<HttpResult | undefined> {
  if (run.stopped !== undefined) return undefined;
  const result = await requestJson(`${run.settings.base}${path}`, request, run.settings.http);
  // Any answer but 429/5xx shows the API is there (a 400 is about the request, not the API).
  if (result.ok || (result.kind === 'status' && !result.retryable)) run.answered = true;
  if (result.ok || !result.retryable || run.stopped !== undefined) return result;
  const cause = `${result.message} (${result.attempts} ${result.attempts === 1 ? 'attempt' : 'attempts'})`;
  // The network is gone: every further request would wait through its retries too. An API
  // that only ever answered 429/5xx is as good as unreachable; once it has answered, one
  // failing record is that record's problem.
  if (result.kind === 'network' || !run.answered) {
    run.stopped = cause;
    if (!run.answered) run.unreachableCause = cause;
  }
  return result;
}

/** `querybatch` for every key, batch after batch; the complete answers, cached. */
async function askQueries(run: Run, queries: readonly Query[]): Promise<Map<string, IdList>> {
  const answers = new Map<string, IdList>();
  for (let start = 0; start < queries.length; start += run.settings.batchSize) {
    if (run.stopped !== undefined) break;
    await askChunk(run, queries.slice(start, start + run.settings.batchSize), answers);
  }
  return answers;
}

/**
 * One batch into `answers`. The API rejects a whole batch with 400 when one query in it is
 * malformed; rather than lose the online answer for every other key, the batch is split in
 * halves until the rejected queries are alone (about 2·log2(n) more requests per bad query).
 */
async function askChunk(
  run: Run,
  batch: readonly Query[],
  answers: Map<string, IdList>,
): Promise<void> {
  const outcome = await askBatch(run, batch);
  if (outcome === 'rejected') {
    const half = Math.ceil(batch.length / 2);
    await askChunk(run, batch.slice(0, half), answers);
    await askChunk(run, batch.slice(half), answers);
    return;
  }
  const { complete, partial } = outcome;
  for (const [cacheKey, ids] of [...complete, ...partial]) answers.set(cacheKey, ids);
  if (run.cache !== undefined && complete.size > 0) {
    const keyOf = new Map(batch.map((q) => [q.cacheKey, q.key]));
    const entries = [...complete].map(([cacheKey, ids]) => ({
      key: keyOf.get(cacheKey) as OsvQueryKey,
      ids: [...ids.keys()],
    }));
    const fetchedAt = run.settings.now().toISOString();
    await guard(run, 'cache OSV answers', undefined, (cache) =>
      cache.putQueries(entries, fetchedAt),
    );
  }
}

interface PagedQuery extends Query {
  readonly ids: IdList;
  pages: number;
  pageToken?: string;
}

/**
 * One batch with its pagination. `complete`: answers to cache. `partial`: answers cut short
 * by the page or id bound, used in this run but not cached (an error says so). `rejected`:
 * the first request of a batch of several was refused with 400 (the caller splits it).
 */
async function askBatch(
  run: Run,
  batch: readonly Query[],
): Promise<{ complete: Map<string, IdList>; partial: Map<string, IdList> } | 'rejected'> {
  const complete = new Map<string, IdList>();
  const partial = new Map<string, IdList>();
  let pending: PagedQuery[] = batch.map((q) => ({ ...q, ids: new Map(), pages: 0 }));
  while (pending.length > 0) {
    const body = {
      queries: pending.map((q) => ({
        package: { ecosystem: q.key.ecosystem, name: q.key.name },
        version: q.key.version,
        ...(q.pageToken !== undefined ? { page_token: q.pageToken } : {}),
      })),
    };
    const result = await call(run, '/v1/querybatch', { method: 'POST', body });
    if (result === undefined) break;
    if (!result.ok) {
      const firstRound = pending.every((q) => q.pages === 0);
      if (result.status === 400 && firstRound && pending.length > 1) return 'rejected';
      // When this made the API unreachable, `unreachable` says it once for the whole run.
      if (run.unreachableCause !== undefined) break;
      run.errors.push(
        pending.length === 1
          ? `OSV API query for ${describe((pending[0] as PagedQuery).key)} failed: ${result.message}`
          : `OSV API querybatch (${pending.length} package versions) failed: ${result.message}`,
      );
      break;
    }
    const parsed = parseBatchResults(result.json, pending.length);
    if (typeof parsed === 'string') {
      run.errors.push(`OSV API querybatch answer not understood: ${parsed}`);
      break;
    }
    const next: PagedQuery[] = [];
    pending.forEach((query, i) => {
      const page = parsed[i] as BatchResult;
      query.pages++;
      let cut = false;
      for (const vuln of page.vulns) {
        if (!OSV_ID.test(vuln.id)) {
          run.errors.push(
            `OSV API named an invalid advisory id for ${describe(query.key)}: "${oneLine(vuln.id, 80)}"`,
          );
          continue;
        }
        if (!query.ids.has(vuln.id) && query.ids.size >= run.settings.maxIdsPerQuery) {
          cut = true;
          break;
        }
        query.ids.set(vuln.id, newest(query.ids.get(vuln.id), vuln.modified));
      }
      if (!cut && page.nextPageToken === undefined) {
        complete.set(query.cacheKey, query.ids);
      } else if (cut || query.pages >= run.settings.maxPagesPerQuery) {
        run.errors.push(
          `OSV API answer for ${describe(query.key)} cut at ${query.ids.size} advisories ` +
            `(${query.pages} ${query.pages === 1 ? 'page' : 'pages'}); the rest is not shown and the answer is not cached`,
        );
        partial.set(query.cacheKey, query.ids);
      } else {
        query.pageToken = page.nextPageToken;
        next.push(query);
      }
    });
    pending = next;
  }
  return { complete, partial };
}

function newest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return (compareTimestamps(a, b) ?? 0) >= 0 ? a : b;
}

function describe(key: OsvQueryKey): string {
  return oneLine(`${key.ecosystem}/${key.name}@${key.version}`, 200);
}

interface BatchResult {
  readonly vulns: readonly { readonly id: string; readonly modified?: string }[];
  readonly nextPageToken?: string;
}

/** The `results` of a querybatch answer, one per query, or what is wrong with it. */
function parseBatchResults(json: unknown, expected: number): BatchResult[] | string {
  if (typeof json !== 'object' || json === null || !('results' in json)) {
    return 'no "results" array';
  }
  const { results } = json;
  if (!Array.isArray(results)) return '"results" is not an array';
  if (results.length !== expected) {
    return `${results.length} results for ${expected} queries`;
  }
  const out: BatchResult[] = [];
  for (const [i, item] of results.entries()) {
    // A query without advisories may come back as an empty object.
    if (typeof item !== 'object' || item === null) return `results[${i}] is not an object`;
    const { vulns, next_page_token: token } = item as {
      vulns?: unknown;
      next_page_token?: unknown;
    };
    if (vulns !== undefined && vulns !== null && !Array.isArray(vulns)) {
      return `results[${i}].vulns is not an array`;
    }
    const list: { id: string; modified?: string }[] = [];
    for (const [j, vuln] of ((vulns as unknown[] | undefined | null) ?? []).entries()) {
      if (typeof vuln !== 'object' || vuln === null)
        return `results[${i}].vulns[${j}] is not an object`;
      const { id, modified } = vuln as { id?: unknown; modified?: unknown };
      if (typeof id !== 'string') return `results[${i}].vulns[${j}].id is not a string`;
      list.push(typeof modified === 'string' ? { id, modified } : { id });
    }
    if (token !== undefined && token !== null && typeof token !== 'string') {
      return `results[${i}].next_page_token is not a string`;
    }
    out.push(
      typeof token === 'string' && token !== ''
        ? { vulns: list, nextPageToken: token }
        : { vulns: list },
    );
  }
  return out;
}

/**
 * The full record of every id: from the cache when fresh and as new as `querybatch` says,
 * otherwise from `/v1/vulns/{id}` (falling back to whatever the cache has).
 */
async function resolveRecords(
  run: Run,
  idsByKey: ReadonlyMap<string, IdList>,
): Promise<Map<string, OsvRecord>> {
  const wanted = new Map<string, string | undefined>();
  for (const ids of idsByKey.values()) {
    for (const [id, modified] of ids) wanted.set(id, newest(wanted.get(id), modified));
  }
  const records = new Map<string, OsvRecord>();
  if (wanted.size === 0) return records;
  const cached =
    run.cache === undefined
      ? new Map<string, Cached<OsvRecord>>()
      : await guard(run, 'read cached OSV records', new Map<string, Cached<OsvRecord>>(), (cache) =>
          cache.getRecords([...wanted.keys()]),
        );

  const toFetch: string[] = [];
  for (const [id, modified] of wanted) {
    const hit = cached.get(id);
    const outdated =
      hit !== undefined &&
      modified !== undefined &&
      (compareTimestamps(hit.value.modified, modified) ?? -1) < 0;
    if (hit !== undefined && !outdated && isFresh(hit.fetchedAt, run.settings)) {
      records.set(id, hit.value);
      run.stats.recordsFromCache++;
    } else {
      toFetch.push(id);
    }
  }

  const fetched = await mapPool(toFetch, run.settings.concurrency, (id) => fetchRecord(run, id));
  const fresh: OsvRecord[] = [];
  let notFetched = 0;
  toFetch.forEach((id, i) => {
    const outcome = fetched[i] as RecordOutcome;
    if (outcome.ok) {
      records.set(id, outcome.record);
      fresh.push(outcome.record);
      return;
    }
    if (outcome.error !== undefined) run.errors.push(outcome.error);
    const hit = cached.get(id);
    if (hit !== undefined) {
      records.set(id, hit.value);
      run.stats.staleRecords++;
    } else if (outcome.error === undefined) {
      notFetched++;
    }
  });
  if (notFetched > 0 && run.unreachableCause === undefined) {
    run.errors.push(
      `${notFetched} advisory records were not fetched because the OSV API stopped answering: ` +
        (run.stopped ?? ''),
    );
  }
  if (run.cache !== undefined && fresh.length > 0) {
    const fetchedAt = run.settings.now().toISOString();
    await guard(run, 'cache OSV records', undefined, (cache) => cache.putRecords(fresh, fetchedAt));
  }
  return records;
}

type RecordOutcome =
  | { readonly ok: true; readonly record: OsvRecord }
  /** `error` is undefined when the request was not sent (the run had stopped). */
  | { readonly ok: false; readonly error?: string };

async function fetchRecord(run: Run, id: string): Promise<RecordOutcome> {
  const result = await call(run, `/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET' });
  if (result === undefined) return { ok: false };
  if (!result.ok) return { ok: false, error: `OSV API /v1/vulns/${id}: ${result.message}` };
  const validation = validateOsvRecord(result.json);
  if (!validation.ok) {
    return {
      ok: false,
      error: `OSV record ${id} from the API is invalid, skipped: ${validation.reason}`,
    };
  }
  if (validation.record.id !== id) {
    return {
      ok: false,
      error: `OSV API answered /v1/vulns/${id} with record ${oneLine(validation.record.id, 80)}, skipped`,
    };
  }
  return { ok: true, record: validation.record };
}
