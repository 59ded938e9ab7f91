import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { osvQueryCacheKey, type OsvQueryKey } from '../analyzers/vulns/online/cache.js';
import type { OsvRecord } from '../analyzers/vulns/osv/types.js';
import { openSqliteStore } from './index.js';

async function tempDb(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'openvet-cache-')), 'openvet.db');
}

const t1 = '2026-01-01T00:00:00.000Z';
const t2 = '2026-01-02T00:00:00.000Z';

function osv(id: string, modified: string, summary?: string): OsvRecord {
  return {
    id,
    modified,
    ...(summary !== undefined ? { summary } : {}),
    affected: [{ package: { ecosystem: 'npm', name: 'cached' }, versions: ['1.0.0'] }],
  };
}

// One contract suite per dialect: SQLite always; PostgreSQL joins when it exists.
describe.each([{ dialect: 'sqlite', open: async () => openSqliteStore(await tempDb()) }])(
  'OSV API cache contract ($dialect)',
  ({ open }) => {
    it('returns the ids stored per package version, keyed by osvQueryCacheKey', async () => {
      const store = await open();
      const cache = store.osvCache();
      const django: OsvQueryKey = { ecosystem: 'PyPI', name: 'Django', version: '4.2.0' };
      const none: OsvQueryKey = { ecosystem: 'npm', name: 'left-pad', version: '1.3.0' };
      await cache.putQueries(
        [
          { key: django, ids: ['PYSEC-2', 'GHSA-1'] },
          { key: none, ids: [] },
        ],
        t1,
      );
      const found = await cache.getQueries([
        // The name is normalised per ecosystem: PEP 503 for PyPI.
        { ecosystem: 'PyPI', name: 'django', version: '4.2.0' },
        none,
        { ecosystem: 'PyPI', name: 'django', version: '4.2.1' },
        { ecosystem: 'npm', name: 'Left-Pad', version: '1.3.0' },
      ]);
      expect(found).toEqual(
        new Map([
          [osvQueryCacheKey(django), { value: ['PYSEC-2', 'GHSA-1'], fetchedAt: t1 }],
          [osvQueryCacheKey(none), { value: [], fetchedAt: t1 }],
        ]),
      );
      expect(await cache.getQueries([])).toEqual(new Map());
      await store.close();
    });

    it('replaces an answer and its fetch time when the key is stored again', async () => {
      const store = await open();
      const cache = store.osvCache();
      const key: OsvQueryKey = { ecosystem: 'Go', name: 'example.com/m', version: 'v1.0.0' };
      await cache.putQueries([{ key, ids: ['GO-1'] }], t1);
      await cache.putQueries(
        [
          { key, ids: ['GO-0'] },
          { key, ids: ['GO-1', 'GO-2'] },
        ],
        t2,
      );
      expect((await cache.getQueries([key])).get(osvQueryCacheKey(key))).toEqual({
        value: ['GO-1', 'GO-2'],
        fetchedAt: t2,
      });
      await store.close();
    });

    it('answers for many keys, across the batches of one query', async () => {
      const store = await open();
      const cache = store.osvCache();
      const keys = Array.from({ length: 1200 }, (_, i) => ({
        ecosystem: i % 2 === 0 ? 'npm' : 'crates.io',
        name: `p${i}`,
        version: `${i}.0.0`,
      }));
      await cache.putQueries(
        keys.map((key, i) => ({ key, ids: [`X-${i}`] })),
        t1,
      );
      const found = await cache.getQueries(keys);
      expect(found.size).toBe(1200);
      expect(found.get(osvQueryCacheKey(keys[1199]!))?.value).toEqual(['X-1199']);
      await store.close();
    });

    it('stores fetched records by id, the newest fetch replacing the older copy', async () => {
      const store = await open();
      const cache = store.osvCache();
      await cache.putRecords(
        [osv('GHSA-1', '2024-01-01T00:00:00Z', 'old'), osv('GHSA-2', '2024-01-01T00:00:00Z')],
        t1,
      );
      await cache.putRecords([osv('GHSA-1', '2024-03-01T00:00:00Z', 'new')], t2);
      expect(await cache.getRecords(['GHSA-1', 'GHSA-2', 'GHSA-3', 'GHSA-1'])).toEqual(
        new Map([
          ['GHSA-1', { value: osv('GHSA-1', '2024-03-01T00:00:00Z', 'new'), fetchedAt: t2 }],
          ['GHSA-2', { value: osv('GHSA-2', '2024-01-01T00:00:00Z'), fetchedAt: t1 }],
        ]),
      );
      expect(await cache.getRecords([])).toEqual(new Map());
      await store.close();
    });

    it('never mixes cached API records into the imported advisories', async () => {
      const store = await open();
      await store.osvCache().putRecords([osv('GHSA-9', '2024-01-01T00:00:00Z')], t1);
      expect(await store.advisoriesFor('npm', 'cached')).toEqual([]);
      expect((await store.advisoryStatus()).advisories).toBe(0);
      await store.close();
    });

    it('keeps its entries across reopening the database', async () => {
      const file = await tempDb();
      const store = await openSqliteStore(file);
      const key: OsvQueryKey = { ecosystem: 'npm', name: 'kept', version: '1.0.0' };
      await store.osvCache().putQueries([{ key, ids: ['GHSA-K'] }], t1);
      await store.osvCache().putRecords([osv('GHSA-K', '2024-01-01T00:00:00Z')], t1);
      await store.close();
      const again = await openSqliteStore(file);
      expect((await again.osvCache().getQueries([key])).size).toBe(1);
      expect((await again.osvCache().getRecords(['GHSA-K'])).get('GHSA-K')?.fetchedAt).toBe(t1);
      await again.close();
    });
  },
);
