import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { OsvRecord } from '../analyzers/vulns/osv/types.js';
import { openSqliteStore } from './index.js';
import type { AdvisoryInput } from './types.js';

function input(record: OsvRecord): AdvisoryInput {
  return { record, json: JSON.stringify(record) };
}

function advisory(
  id: string,
  modified: string,
  packages: [string, string][],
  extra: Partial<OsvRecord> = {},
): AdvisoryInput {
  return input({
    id,
    modified,
    affected: packages.map(([ecosystem, name]) => ({ package: { ecosystem, name } })),
    ...extra,
  });
}

async function tempDb(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'openvet-adv-')), 'openvet.db');
}

const at = { source: '/data/all.zip', importedAt: '2026-01-01T00:00:00.000Z' };

describe.each([{ dialect: 'sqlite', open: async () => openSqliteStore(await tempDb()) }])(
  'advisory store contract ($dialect)',
  ({ open }) => {
    it('imports, then replaces only by a newer modified and counts what it did', async () => {
      const store = await open();
      expect(
        await store.importAdvisories(
          [
            advisory('A-1', '2024-01-01T00:00:00Z', [['PyPI', 'Foo.Bar']]),
            advisory('A-2', '2024-01-01T00:00:00Z', [['npm', 'left-pad']]),
          ],
          at,
        ),
      ).toEqual({ imported: 2, updated: 0, unchanged: 0 });
      expect(
        await store.importAdvisories(
          [
            advisory('A-1', '2024-01-01T00:00:00.000Z', [['PyPI', 'foo-bar']], { summary: 'same' }),
            advisory('A-2', '2023-01-01T00:00:00Z', [['npm', 'left-pad']], { summary: 'older' }),
            advisory('A-2', '2025-01-01T00:00:00Z', [['npm', 'right-pad']], { summary: 'newer' }),
            advisory('A-3', '2025-01-01T00:00:00Z', [['npm', 'left-pad']]),
          ],
          at,
        ),
      ).toEqual({ imported: 1, updated: 1, unchanged: 2 });
      expect((await store.advisoriesFor('PyPI', 'FOO_bar')).map((r) => [r.id, r.summary])).toEqual([
        ['A-1', undefined],
      ]);
      expect((await store.advisoriesFor('npm', 'left-pad')).map((r) => r.id)).toEqual(['A-3']);
      expect((await store.advisoriesFor('npm', 'right-pad')).map((r) => r.summary)).toEqual([
        'newer',
      ]);
      // npm names are compared as written.
      expect(await store.advisoriesFor('npm', 'Left-Pad')).toEqual([]);
      await store.close();
    });

    it('keeps withdrawn advisories, never returns them, and counts them per ecosystem', async () => {
      const store = await open();
      await store.importAdvisories(
        [
          advisory('W-1', '2024-01-01T00:00:00Z', [['PyPI', 'demo']], {
            withdrawn: '2024-02-01T00:00:00Z',
          }),
          // One advisory naming two packages of one ecosystem counts once.
          advisory('A-1', '2024-03-01T00:00:00Z', [
            ['PyPI', 'demo'],
            ['PyPI', 'Demo'],
            ['PyPI', 'other'],
            ['Go', 'example.com/m'],
          ]),
        ],
        at,
      );
      expect((await store.advisoriesFor('PyPI', 'demo')).map((r) => r.id)).toEqual(['A-1']);
      await store.recordAdvisorySource({
        name: 'Go, PyPI',
        path: '/data/all.zip',
        importedAt: at.importedAt,
        counts: { imported: 2 },
      });
      expect(await store.advisoryStatus()).toEqual({
        advisories: 2,
        withdrawn: 1,
        ecosystems: [
          {
            ecosystem: 'Go',
            advisories: 1,
            withdrawn: 0,
            lastUpdated: at.importedAt,
            newestModified: '2024-03-01T00:00:00Z',
          },
          {
            ecosystem: 'PyPI',
            advisories: 2,
            withdrawn: 1,
            lastUpdated: at.importedAt,
            newestModified: '2024-03-01T00:00:00Z',
          },
        ],
        sources: [
          {
            name: 'Go, PyPI',
            path: '/data/all.zip',
            importedAt: at.importedAt,
            counts: { imported: 2 },
          },
        ],
      });
      // A later import of the same path replaces its source row.
      await store.recordAdvisorySource({
        name: 'PyPI',
        path: '/data/all.zip',
        importedAt: '2026-02-01T00:00:00.000Z',
        counts: { imported: 0 },
      });
      expect((await store.advisoryStatus()).sources).toHaveLength(1);
      await store.close();
    });

    it('starts empty', async () => {
      const store = await open();
      expect(await store.advisoryStatus()).toEqual({
        advisories: 0,
        withdrawn: 0,
        ecosystems: [],
        sources: [],
      });
      await store.close();
    });
  },
);

describe('advisory tables migration', () => {
  it('adds the OSV tables to a database created before them, keeping its scans', async () => {
    const file = await tempDb();
    // A database as the first release left it: only the first migration applied.
    const store = await openSqliteStore(file);
    await store.close();
    const raw = new BetterSqlite3(file);
    raw.exec(
      "DROP TABLE osv_affected; DROP TABLE osv_advisory; DROP TABLE osv_source; DELETE FROM openvet_migration WHERE name = '0002_osv'",
    );
    raw.close();
    const again = await openSqliteStore(file);
    expect((await again.advisoryStatus()).advisories).toBe(0);
    await again.close();
    const check = new BetterSqlite3(file, { readonly: true });
    const indexes = check
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'osv_affected' ORDER BY name",
      )
      .all() as { name: string }[];
    check.close();
    expect(indexes.map((i) => i.name)).toContain('osv_affected_package');
  });
});
