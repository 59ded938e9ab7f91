/**
 * The client against the local API serving every real PyPI advisory of the corpus: each
 * record comes back, intact and valid, for a version it lists; records the simple reference
 * check below says cannot affect a version never come back for it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOsvApiServer } from '../../../testing/osv-api-server.js';
import type { OsvApiServer } from '../../../testing/osv-api-server.js';
import { unzip } from '../../../testing/zip.js';
import { normalizePypiName } from '../../../core/purl.js';
import { validateOsvRecord } from '../osv/validate.js';
import type { OsvRecord } from '../osv/types.js';
import { osvQueryCacheKey } from './cache.js';
import type { OsvQueryKey } from './cache.js';
import { fetchAdvisories } from './client.js';
import { createMemoryOsvCache } from './memory-cache.js';

const CORPUS_ZIP = '../shared/corpora/osv/pypi/all.zip';
const present = existsSync(CORPUS_ZIP);

(present ? describe : describe.skip)(
  `fetchAdvisories over the local API serving ${CORPUS_ZIP}${present ? '' : ' (skipped: ../shared/corpora is absent)'}`,
  () => {
    let records: OsvRecord[] = [];
    let server: OsvApiServer;

    beforeAll(async () => {
      records = [];
      for (const data of unzip(readFileSync(CORPUS_ZIP)).values()) {
        const validation = validateOsvRecord(JSON.parse(data.toString('utf8')));
        if (validation.ok) records.push(validation.record);
      }
      server = await startOsvApiServer(records, { pageSize: 7 });
    });
    afterAll(async () => {
      await server.close();
    });

    it('returns every record for a version it lists, as served', async () => {
      // One key per record: its package and the first version it lists explicitly.
      const expected = new Map<string, { key: OsvQueryKey; id: string }[]>();
      for (const record of records) {
        const affected = record.affected?.find(
          (a) => a.package?.ecosystem === 'PyPI' && (a.versions?.length ?? 0) > 0,
        );
        const version = affected?.versions?.[0];
        if (affected?.package === undefined || version === undefined) continue;
        const key = { ecosystem: 'PyPI', name: affected.package.name, version };
        const list = expected.get(osvQueryCacheKey(key)) ?? [];
        list.push({ key, id: record.id });
        expected.set(osvQueryCacheKey(key), list);
      }
      // Every third key (about 270, with some 900 records) keeps the test quick on a busy machine.
      const sample = [...expected].filter((_, i) => i % 3 === 0);
      expected.clear();
      for (const [cacheKey, list] of sample) expected.set(cacheKey, list);
      const keys = sample.map(([, list]) => (list[0] as { key: OsvQueryKey }).key);
      expect(keys.length).toBeGreaterThan(250);

      const cache = createMemoryOsvCache();
      const result = await fetchAdvisories(keys, {
        baseUrl: server.url,
        cache,
        now: () => new Date('2026-01-10T12:00:00Z'),
        sleep: () => Promise.resolve(),
        batchSize: 100,
      });

      expect(result.errors).toEqual([]);
      expect(result.stats.queries).toBe(keys.length);
      const byId = new Map(records.map((r) => [r.id, r]));
      for (const [cacheKey, list] of expected) {
        const got = result.records.get(cacheKey) ?? [];
        const gotIds = new Set(got.map((r) => r.id));
        for (const { id } of list) expect(gotIds.has(id), `${id} for ${cacheKey}`).toBe(true);
        for (const record of got) {
          expect(record).toEqual(byId.get(record.id));
          // Reference check: a returned record names this package (PEP 503) at all.
          const [, name] = cacheKey.split('\u0000');
          const names = (record.affected ?? []).map((a) =>
            normalizePypiName(a.package?.name ?? ''),
          );
          expect(names).toContain(name);
        }
      }
      // Pages of 7 ids: packages with many advisories were paged.
      expect(server.requests.filter((r) => r.path === '/v1/querybatch').length).toBeGreaterThan(
        Math.ceil(keys.length / 100),
      );
      expect(cache.records.size).toBe(result.stats.records);
    });
  },
);
