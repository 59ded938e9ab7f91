import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOsvApiServer } from '../../../testing/osv-api-server.js';
import type { OsvApiServer } from '../../../testing/osv-api-server.js';
import { UsageError } from '../../../core/errors.js';
import type { OsvRecord } from '../osv/types.js';
import { osvQueryCacheKey } from './cache.js';
import type { OsvQueryKey } from './cache.js';
import { fetchAdvisories } from './client.js';
import type { FetchAdvisoriesOptions } from './client.js';
import { createMemoryOsvCache } from './memory-cache.js';

const T0 = new Date('2026-01-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;

function advisory(
  id: string,
  ecosystem: string,
  name: string,
  events: { introduced?: string; fixed?: string }[],
  extra: Partial<OsvRecord> = {},
): OsvRecord {
  return {
    id,
    modified: '2025-01-01T00:00:00Z',
    summary: `${id} summary`,
    affected: [
      {
        package: { ecosystem, name },
        ranges: [
          {
            type: 'ECOSYSTEM',
            events: events.map((e) =>
              e.introduced !== undefined ? { introduced: e.introduced } : { fixed: e.fixed ?? '' },
            ),
          },
        ],
      },
    ],
    ...extra,
  };
}

const JINJA = advisory('GHSA-aaaa-bbbb-cccc', 'PyPI', 'jinja2', [
  { introduced: '0' },
  { fixed: '2.11.3' },
]);
const JINJA_OLD = advisory('PYSEC-2014-8', 'PyPI', 'Jinja2', [
  { introduced: '0' },
  { fixed: '2.7.2' },
]);
const LODASH = advisory('GHSA-lodash-0001-0001', 'npm', 'lodash', [
  { introduced: '0' },
  { fixed: '4.17.21' },
]);
const ZOPE = advisory('PYSEC-2020-1', 'PyPI', 'Zope_Interface', [
  { introduced: '4.0' },
  { fixed: '5.0' },
]);

let server: OsvApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(records: readonly OsvRecord[], pageSize?: number): Promise<OsvApiServer> {
  server = await startOsvApiServer(records, pageSize === undefined ? {} : { pageSize });
  return server;
}

/** Options with an injected clock and sleep, recording every wait. */
function setup(baseUrl: string, overrides: Partial<FetchAdvisoriesOptions> = {}) {
  const sleeps: number[] = [];
  let now = T0;
  const cache = createMemoryOsvCache();
  const options: FetchAdvisoriesOptions = {
    baseUrl,
    cache,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0,
    userAgent: 'openvet-test',
    ...overrides,
  };
  return {
    options,
    cache,
    sleeps,
    advance: (ms: number): void => {
      now = new Date(now.getTime() + ms);
    },
  };
}

const key = (ecosystem: string, name: string, version: string): OsvQueryKey => ({
  ecosystem,
  name,
  version,
});

function ids(records: readonly OsvRecord[] | undefined): string[] | undefined {
  return records?.map((r) => r.id);
}

function paths(s: OsvApiServer): string[] {
  return s.requests.map((r) => `${r.method} ${r.path}`);
}

describe('fetchAdvisories: the protocol', () => {
  it('asks querybatch, then each advisory once, and returns full records per key', async () => {
    const s = await start([JINJA, JINJA_OLD, LODASH]);
    const { options, cache } = setup(s.url);
    const keys = [
      key('PyPI', 'jinja2', '2.7.0'),
      key('npm', 'lodash', '4.17.20'),
      key('npm', 'lodash', '4.17.21'),
      key('PyPI', 'jinja2', '2.10'),
    ];
    const result = await fetchAdvisories(keys, options);

    expect(result.errors).toEqual([]);
    expect(result.unreachable).toBeUndefined();
    expect(keys.map((k) => ids(result.records.get(osvQueryCacheKey(k))))).toEqual([
      ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2014-8'],
      ['GHSA-lodash-0001-0001'],
      [],
      ['GHSA-aaaa-bbbb-cccc'],
    ]);
    expect(result.records.get(osvQueryCacheKey(keys[1] as OsvQueryKey))?.[0]).toEqual(LODASH);
    expect(paths(s)[0]).toBe('POST /v1/querybatch');
    expect(paths(s).slice(1).sort()).toEqual([
      'GET /v1/vulns/GHSA-aaaa-bbbb-cccc',
      'GET /v1/vulns/GHSA-lodash-0001-0001',
      'GET /v1/vulns/PYSEC-2014-8',
    ]);
    expect(s.requests[0]?.body).toEqual({
      queries: keys.map((k) => ({
        package: { ecosystem: k.ecosystem, name: k.name },
        version: k.version,
      })),
    });
    expect(s.requests.every((r) => r.headers['user-agent'] === 'openvet-test')).toBe(true);
    expect(result.stats).toEqual({
      queries: 4,
      queriesFromCache: 0,
      records: 3,
      recordsFromCache: 0,
      requests: 4,
      staleQueries: 0,
      staleRecords: 0,
    });
    // Empty answers are cached too.
    expect(cache.queries.get(osvQueryCacheKey(keys[2] as OsvQueryKey))?.value).toEqual([]);
    expect(cache.records.size).toBe(3);
  });

  it('sends more than 1000 keys in several batches of at most 1000, keeping their order', async () => {
    const records = [0, 999, 1000, 2400].map((i) =>
      advisory(`GHSA-many-${String(i).padStart(4, '0')}-0000`, 'npm', `pkg-${i}`, [
        { introduced: '0' },
        { fixed: '2.0.0' },
      ]),
    );
    const s = await start(records);
    const { options } = setup(s.url);
    const keys = Array.from({ length: 2500 }, (_, i) => key('npm', `pkg-${i}`, '1.0.0'));
    const result = await fetchAdvisories(keys, options);

    const batches = s.requests.filter((r) => r.path === '/v1/querybatch');
    const sizes = batches.map((r) => (r.body as { queries: unknown[] }).queries.length);
    expect(sizes).toEqual([1000, 1000, 500]);
    const sent = batches.flatMap(
      (r) => (r.body as { queries: { package: { name: string } }[] }).queries,
    );
    expect(sent.map((q) => q.package.name)).toEqual(keys.map((k) => k.name));
    const affected = keys
      .filter((k) => (result.records.get(osvQueryCacheKey(k))?.length ?? 0) > 0)
      .map((k) => k.name);
    expect(affected).toEqual(['pkg-0', 'pkg-999', 'pkg-1000', 'pkg-2400']);
    expect(result.records.size).toBe(2500);
    expect(result.stats.requests).toBe(3 + 4);
  });

  it('has at most `concurrency` record requests in flight', async () => {
    const many = ['0001', '0002', '0003', '0004', '0005', '0006'].map((n) =>
      advisory(`GHSA-conc-${n}-0000`, 'npm', 'big', [{ introduced: '0' }]),
    );
    const s = await start(many);
    s.failNext(6, { kind: 'delay', ms: 200, path: '/v1/vulns/' });
    const { options } = setup(s.url, { concurrency: 2 });
    const result = await fetchAdvisories([key('npm', 'big', '1.0.0')], options);
    expect(result.stats.records).toBe(6);
    expect(s.peakInFlight).toBe(2);
  });

  it.each([0, 1001, 1.5])('rejects batchSize %s', async (batchSize) => {
    await expect(
      fetchAdvisories([], { baseUrl: 'https://api.osv.dev', now: () => T0, batchSize }),
    ).rejects.toBeInstanceOf(UsageError);
  });

  it.each(['api.osv.dev', 'ftp://api.osv.dev', 'https://user:pw@api.osv.dev', 'https://x/?q=1'])(
    'rejects the base URL %s',
    async (baseUrl) => {
      await expect(fetchAdvisories([], { baseUrl, now: () => T0 })).rejects.toBeInstanceOf(
        UsageError,
      );
    },
  );

  it('keeps a path prefix of the base URL and ignores a trailing slash', async () => {
    const s = await start([LODASH]);
    const { options } = setup(`${s.url}/`);
    const result = await fetchAdvisories([key('npm', 'lodash', '4.0.0')], options);
    expect(result.errors).toEqual([]);
    expect(paths(s)[0]).toBe('POST /v1/querybatch');
  });

  it('follows next_page_token per query until the last page', async () => {
    const many = ['0001', '0002', '0003', '0004', '0005'].map((n) =>
      advisory(`GHSA-page-${n}-0000`, 'npm', 'big', [{ introduced: '0' }]),
    );
    const s = await start([...many, LODASH], 2);
    const { options, cache } = setup(s.url);
    const keys = [key('npm', 'big', '1.0.0'), key('npm', 'lodash', '1.0.0')];
    const result = await fetchAdvisories(keys, options);

    expect(result.errors).toEqual([]);
    expect(ids(result.records.get(osvQueryCacheKey(keys[0] as OsvQueryKey)))).toEqual(
      many.map((r) => r.id),
    );
    const batches = s.requests
      .filter((r) => r.path === '/v1/querybatch')
      .map(
        (r) =>
          (r.body as { queries: { package: { name: string }; page_token?: string }[] }).queries,
      );
    // Only the query with more pages is asked again, with its token.
    expect(
      batches.map((qs) => qs.map((q) => [q.package.name, q.page_token !== undefined])),
    ).toEqual([
      [
        ['big', false],
        ['lodash', false],
      ],
      [['big', true]],
      [['big', true]],
    ]);
    expect(cache.queries.get(osvQueryCacheKey(keys[0] as OsvQueryKey))?.value).toHaveLength(5);
  });

  it('stops after maxPagesPerQuery pages, says so and does not cache the cut answer', async () => {
    const many = ['0001', '0002', '0003', '0004', '0005'].map((n) =>
      advisory(`GHSA-page-${n}-0000`, 'npm', 'big', [{ introduced: '0' }]),
    );
    const s = await start(many, 2);
    const { options, cache } = setup(s.url, { maxPagesPerQuery: 2 });
    const k = key('npm', 'big', '1.0.0');
    const result = await fetchAdvisories([k], options);

    expect(result.errors).toEqual([
      'OSV API answer for npm/big@1.0.0 cut at 4 advisories (2 pages); the rest is not shown and the answer is not cached',
    ]);
    expect(result.records.get(osvQueryCacheKey(k))).toHaveLength(4);
    expect(cache.queries.size).toBe(0);
  });

  it('keeps at most maxIdsPerQuery ids per key and does not cache the cut answer', async () => {
    const many = ['0001', '0002', '0003', '0004', '0005'].map((n) =>
      advisory(`GHSA-page-${n}-0000`, 'npm', 'big', [{ introduced: '0' }]),
    );
    const s = await start(many);
    const { options, cache } = setup(s.url, { maxIdsPerQuery: 3 });
    const k = key('npm', 'big', '1.0.0');
    const result = await fetchAdvisories([k], options);

    expect(result.errors).toEqual([
      'OSV API answer for npm/big@1.0.0 cut at 3 advisories (1 page); the rest is not shown and the answer is not cached',
    ]);
    expect(ids(result.records.get(osvQueryCacheKey(k)))).toEqual(many.slice(0, 3).map((r) => r.id));
    expect(cache.queries.size).toBe(0);
  });

  it('normalises PyPI names: one query for spellings of one name, matched whatever the case', async () => {
    const s = await start([JINJA, ZOPE]);
    const { options } = setup(s.url);
    const keys = [
      key('PyPI', 'Jinja2', '2.10'),
      key('PyPI', 'JINJA2', '2.10'),
      key('PyPI', 'zope.interface', '4.5'),
      key('PyPI', 'Zope-Interface', '4.5'),
    ];
    const result = await fetchAdvisories(keys, options);

    expect(result.stats.queries).toBe(2);
    const sent = (s.requests[0]?.body as { queries: { package: { name: string } }[] }).queries;
    expect(sent.map((q) => q.package.name)).toEqual(['Jinja2', 'zope.interface']);
    for (const k of keys) expect(result.records.get(osvQueryCacheKey(k))).toHaveLength(1);
    expect(osvQueryCacheKey(keys[2] as OsvQueryKey)).toBe('PyPI\u0000zope-interface\u00004.5');
  });

  it('reports malformed keys and does not send them', async () => {
    const s = await start([LODASH]);
    const { options } = setup(s.url);
    const result = await fetchAdvisories(
      [key('npm', '', '1.0.0'), key('npm', 'lodash', '4.0.0')],
      options,
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^not asked of the OSV API: npm\/@1\.0\.0/);
    expect((s.requests[0]?.body as { queries: unknown[] }).queries).toHaveLength(1);
  });
});

describe('fetchAdvisories: the cache', () => {
  it('answers a second run from the cache without any request', async () => {
    const s = await start([JINJA, LODASH]);
    const { options } = setup(s.url);
    const keys = [key('PyPI', 'jinja2', '2.10'), key('npm', 'lodash', '4.17.21')];
    const first = await fetchAdvisories(keys, options);
    const sent = s.requests.length;
    const second = await fetchAdvisories(keys, options);

    expect(s.requests.length).toBe(sent);
    expect(second.records).toEqual(first.records);
    expect(second.stats).toEqual({
      queries: 2,
      queriesFromCache: 2,
      records: 1,
      recordsFromCache: 1,
      requests: 0,
      staleQueries: 0,
      staleRecords: 0,
    });
  });

  it('asks again once the expiry has passed, not before', async () => {
    const s = await start([JINJA]);
    const { options, advance } = setup(s.url, { expiryMs: 24 * HOUR });
    const keys = [key('PyPI', 'jinja2', '2.10')];
    await fetchAdvisories(keys, options);
    expect(s.requests).toHaveLength(2);

    advance(23 * HOUR);
    await fetchAdvisories(keys, options);
    expect(s.requests).toHaveLength(2);

    advance(2 * HOUR);
    const third = await fetchAdvisories(keys, options);
    expect(paths(s).slice(2)).toEqual(['POST /v1/querybatch', 'GET /v1/vulns/GHSA-aaaa-bbbb-cccc']);
    expect(third.stats.queriesFromCache).toBe(0);
    expect(third.stats.recordsFromCache).toBe(0);
  });

  it('fetches a fresh cached record again when querybatch names a newer modified time', async () => {
    const s = await start([JINJA, JINJA_OLD]);
    const { options, advance } = setup(s.url);
    await fetchAdvisories([key('PyPI', 'jinja2', '2.7.0')], options);
    expect(s.requests).toHaveLength(3);

    const updated: OsvRecord = {
      ...JINJA,
      modified: '2025-06-01T00:00:00.123456Z',
      summary: 'new',
    };
    s.setRecords([updated, JINJA_OLD]);
    advance(HOUR);
    // Another version of the package: not cached, so querybatch is asked and names both ids.
    const result = await fetchAdvisories([key('PyPI', 'jinja2', '2.6')], options);

    expect(paths(s).slice(3)).toEqual(['POST /v1/querybatch', 'GET /v1/vulns/GHSA-aaaa-bbbb-cccc']);
    const got = result.records.get(osvQueryCacheKey(key('PyPI', 'jinja2', '2.6')));
    expect(got?.map((r) => r.summary)).toEqual(['new', 'PYSEC-2014-8 summary']);
    expect(result.stats.recordsFromCache).toBe(1);
  });
});

describe('fetchAdvisories: failures', () => {
  it('retries a 503 with exponential backoff and jitter, then succeeds', async () => {
    const s = await start([LODASH]);
    const { options, sleeps } = setup(s.url, { random: () => 0.5, baseDelayMs: 1000 });
    s.failNext(2, { kind: 'status', status: 503, path: '/v1/querybatch' });
    const result = await fetchAdvisories([key('npm', 'lodash', '4.0.0')], options);

    expect(result.errors).toEqual([]);
    expect(result.records.get(osvQueryCacheKey(key('npm', 'lodash', '4.0.0')))).toHaveLength(1);
    // Half fixed, half random: 1000 → 500 + 0.5·500, 2000 → 1000 + 0.5·1000.
    expect(sleeps).toEqual([750, 1500]);
    expect(paths(s)).toEqual([
      'POST /v1/querybatch',
      'POST /v1/querybatch',
      'POST /v1/querybatch',
      'GET /v1/vulns/GHSA-lodash-0001-0001',
    ]);
    expect(result.stats.requests).toBe(4);
  });

  it.each([
    ['seconds', '7', 7000],
    ['an HTTP-date', new Date(T0.getTime() + 5000).toUTCString(), 5000],
    ['a value above the cap', '3600', 60_000],
  ])('honours Retry-After given as %s on 429', async (_label, retryAfter, expected) => {
    const s = await start([LODASH]);
    const { options, sleeps } = setup(s.url);
    s.failNext(1, { kind: 'status', status: 429, retryAfter });
    const result = await fetchAdvisories([key('npm', 'lodash', '4.0.0')], options);
    expect(result.errors).toEqual([]);
    expect(sleeps).toEqual([expected]);
  });

  it('does not retry a 400 and says why', async () => {
    const s = await start([LODASH]);
    const { options, sleeps } = setup(s.url);
    s.failNext(1, { kind: 'status', status: 400 });
    const k = key('npm', 'lodash', '4.0.0');
    const result = await fetchAdvisories([k], options);

    expect(s.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result.unreachable).toBeUndefined();
    expect(result.errors).toEqual([
      'OSV API query for npm/lodash@4.0.0 failed: HTTP 400 Bad Request: injected 400',
    ]);
    expect(result.records.has(osvQueryCacheKey(k))).toBe(false);
  });

  it('splits a batch the API rejects with 400 until the rejected query is alone', async () => {
    server = await startOsvApiServer([LODASH], {
      rejectQuery: (q) => (q.version === 'bad' ? 'Invalid version.' : undefined),
    });
    const s = server;
    const { options } = setup(s.url);
    const keys = ['1.0.0', '2.0.0', 'bad', '3.0.0', '4.0.0'].map((v) => key('npm', 'lodash', v));
    const result = await fetchAdvisories(keys, options);

    expect(result.errors).toEqual([
      'OSV API query for npm/lodash@bad failed: HTTP 400 Bad Request: Invalid version.',
    ]);
    expect(keys.map((k) => result.records.get(osvQueryCacheKey(k))?.length)).toEqual([
      1,
      1,
      undefined,
      1,
      1,
    ]);
    const sizes = s.requests
      .filter((r) => r.path === '/v1/querybatch')
      .map((r) => (r.body as { queries: unknown[] }).queries.length);
    // 5 → 3 (rejected) → 2 + 1 (rejected, alone), then the other half of 5.
    expect(sizes).toEqual([5, 3, 2, 1, 2]);
  });

  it('retries after the server closes the connection and after a timeout', async () => {
    const s = await start([LODASH]);
    // Long enough for a normal answer on a busy machine; the delayed one exceeds it.
    const { options, sleeps } = setup(s.url, { timeoutMs: 1000 });
    s.failNext(1, { kind: 'close', path: '/v1/querybatch' });
    s.failNext(1, { kind: 'delay', ms: 10_000, path: '/v1/vulns/' });
    const result = await fetchAdvisories([key('npm', 'lodash', '4.0.0')], options);

    expect(result.errors).toEqual([]);
    expect(result.stats.records).toBe(1);
    expect(sleeps).toHaveLength(2);
    expect(paths(s)).toEqual([
      'POST /v1/querybatch',
      'POST /v1/querybatch',
      'GET /v1/vulns/GHSA-lodash-0001-0001',
      'GET /v1/vulns/GHSA-lodash-0001-0001',
    ]);
  });

  it('reports a cache that fails and still returns what the API answered', async () => {
    const s = await start([LODASH]);
    const { options, cache } = setup(s.url);
    const broken = {
      ...cache,
      putQueries: () => Promise.reject(new Error('database is locked')),
      getRecords: () => Promise.reject(new Error('database is locked')),
    };
    const k = key('npm', 'lodash', '4.0.0');
    const result = await fetchAdvisories([k], { ...options, cache: broken });
    expect(result.errors).toEqual([
      'could not cache OSV answers: database is locked',
      'could not read cached OSV records: database is locked',
    ]);
    expect(ids(result.records.get(osvQueryCacheKey(k)))).toEqual(['GHSA-lodash-0001-0001']);
    expect(cache.records.size).toBe(1);
  });

  it('says the API is unreachable (closed port) and returns the cached data, stale included', async () => {
    const s = await start([JINJA, LODASH]);
    const { options, cache, sleeps, advance } = setup(s.url);
    const keys = [key('PyPI', 'jinja2', '2.10'), key('npm', 'lodash', '4.0.0')];
    await fetchAdvisories([keys[0] as OsvQueryKey], options);
    await s.close();
    server = undefined;
    advance(48 * HOUR);

    const result = await fetchAdvisories(keys, { ...options, cache, batchSize: 1 });

    expect(result.unreachable).toBe(
      `could not reach the OSV API at ${s.url}: connect ECONNREFUSED ${s.url.slice(7)} ` +
        '(4 attempts) — using offline data only (plus 2 expired cache entries)',
    );
    // The first request is tried maxAttempts times, then nothing more is sent.
    expect(result.stats.requests).toBe(4);
    expect(sleeps).toHaveLength(3);
    expect(result.errors).toEqual([]);
    expect(ids(result.records.get(osvQueryCacheKey(keys[0] as OsvQueryKey)))).toEqual([
      'GHSA-aaaa-bbbb-cccc',
    ]);
    expect(result.records.has(osvQueryCacheKey(keys[1] as OsvQueryKey))).toBe(false);
    expect(result.stats).toMatchObject({ staleQueries: 1, staleRecords: 1, records: 1 });
  });

  it('counts an API that only answers 503 as unreachable', async () => {
    const s = await start([LODASH]);
    const { options } = setup(s.url, { maxAttempts: 2 });
    s.failNext(5, { kind: 'status', status: 503 });
    const result = await fetchAdvisories([key('npm', 'lodash', '4.0.0')], options);
    expect(result.unreachable).toBe(
      `could not reach the OSV API at ${s.url}: HTTP 503 Service Unavailable: injected 503 ` +
        '(2 attempts) — using offline data only',
    );
    expect(s.requests).toHaveLength(2);
  });

  it('reports a record that fails the OSV schema check and skips it', async () => {
    const s = await start([LODASH, JINJA]);
    const { options, cache } = setup(s.url);
    const invalid = { ...LODASH, modified: 'yesterday' };
    s.failNext(1, {
      kind: 'respond',
      body: JSON.stringify(invalid),
      path: '/v1/vulns/GHSA-lodash',
    });
    const result = await fetchAdvisories(
      [key('npm', 'lodash', '4.0.0'), key('PyPI', 'jinja2', '2.0')],
      options,
    );

    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^OSV record GHSA-lodash-0001-0001 from the API is invalid, skipped: modified: /,
    );
    expect(result.records.get(osvQueryCacheKey(key('npm', 'lodash', '4.0.0')))).toEqual([]);
    expect(result.stats.records).toBe(1);
    expect([...cache.records.keys()]).toEqual(['GHSA-aaaa-bbbb-cccc']);
  });

  it('reports an id the API names but cannot serve (404), without retrying', async () => {
    const s = await start([LODASH]);
    const { options, sleeps } = setup(s.url);
    s.failNext(1, {
      kind: 'respond',
      status: 404,
      body: JSON.stringify({ code: 5, message: 'Bug not found.' }),
      path: '/v1/vulns/',
    });
    const result = await fetchAdvisories([key('npm', 'lodash', '4.0.0')], options);
    expect(result.errors).toEqual([
      'OSV API /v1/vulns/GHSA-lodash-0001-0001: HTTP 404 Not Found: Bug not found.',
    ]);
    expect(sleeps).toEqual([]);
  });

  it.each([false, true])(
    'does not read a response above maxResponseBytes (chunked: %s)',
    async (chunked) => {
      const big = { ...LODASH, details: 'x'.repeat(200_000) };
      const s = await start([big]);
      const { options } = setup(s.url, { maxResponseBytes: 100_000 });
      s.failNext(1, {
        kind: 'respond',
        body: JSON.stringify(big),
        chunked,
        path: '/v1/vulns/',
      });
      const result = await fetchAdvisories([key('npm', 'lodash', '4.0.0')], options);
      expect(result.errors).toEqual([
        'OSV API /v1/vulns/GHSA-lodash-0001-0001: response larger than 100000 bytes, not read (raise the limit or ask for less)',
      ]);
      expect(result.stats.records).toBe(0);
      // Not retried: the same answer would come again.
      expect(s.requests).toHaveLength(2);
    },
  );

  it('reports invalid ids and a malformed querybatch answer', async () => {
    const s = await start([LODASH]);
    const { options } = setup(s.url);
    s.failNext(1, {
      kind: 'respond',
      body: JSON.stringify({
        results: [{ vulns: [{ id: '../../etc', modified: T0.toISOString() }] }, {}],
      }),
    });
    s.failNext(1, { kind: 'respond', body: JSON.stringify({ results: [] }) });
    const keys = [key('npm', 'lodash', '4.0.0'), key('npm', 'left-pad', '1.0.0')];
    const first = await fetchAdvisories(keys, options);
    expect(first.errors).toEqual([
      'OSV API named an invalid advisory id for npm/lodash@4.0.0: "../../etc"',
    ]);
    expect(first.records.get(osvQueryCacheKey(keys[0] as OsvQueryKey))).toEqual([]);

    const second = await fetchAdvisories([key('npm', 'other', '1.0.0')], options);
    expect(second.errors).toEqual([
      'OSV API querybatch answer not understood: 0 results for 1 queries',
    ]);
  });

  it('follows a redirect within the API origin and refuses one to another host', async () => {
    const s = await start([LODASH]);
    const { options } = setup(s.url);
    s.failNext(1, { kind: 'redirect', location: '/v1/querybatch', path: '/v1/querybatch' });
    const followed = await fetchAdvisories([key('npm', 'lodash', '4.0.0')], options);
    expect(followed.errors).toEqual([]);
    expect(followed.stats.records).toBe(1);

    const elsewhere = s.url.replace('127.0.0.1', 'localhost');
    s.failNext(1, { kind: 'redirect', location: `${elsewhere}/v1/querybatch` });
    const refused = await fetchAdvisories([key('npm', 'lodash', '3.0.0')], options);
    expect(refused.errors).toEqual([
      `OSV API query for npm/lodash@3.0.0 failed: refused a redirect (307) to another origin, ${elsewhere}; set the OSV API URL to the server that answers`,
    ]);
    expect(paths(s).filter((p) => p === 'POST /v1/querybatch')).toHaveLength(3);
  });

  it('gives up waiting on a server that accepts connections but never answers', async () => {
    // A raw server that never responds: only the client's timeout ends each attempt.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const { options } = setup(url, { timeoutMs: 100, maxAttempts: 2 });
      const result = await fetchAdvisories([key('npm', 'lodash', '4.0.0')], options);
      expect(result.unreachable).toBe(
        `could not reach the OSV API at ${url}: no answer within 100 ms (2 attempts) — using offline data only`,
      );
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
