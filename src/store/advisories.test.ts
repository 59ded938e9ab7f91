import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { OsvRecord } from '../analyzers/vulns/osv/types.js';
import { advisoryInput, openSqliteStore } from './index.js';
import type { AdvisoryInput } from './types.js';

function input(record: OsvRecord): AdvisoryInput {
  return advisoryInput(record, JSON.stringify(record));
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
      expect(await store.hasAdvisories()).toBe(false);
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
      expect(await store.hasAdvisories()).toBe(true);
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

    it("returns per-package views: only that package's entries and what matching reads", async () => {
      const store = await open();
      const full: OsvRecord = {
        schema_version: '1.6.0',
        id: 'GHSA-1',
        modified: '2024-01-01T00:00:00Z',
        published: '2023-12-01T00:00:00Z',
        aliases: ['CVE-2024-1'],
        summary: 'one issue',
        details: 'a long description',
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
        affected: [
          { package: { ecosystem: 'PyPI', name: 'Foo' }, versions: ['1.0'] },
          { package: { ecosystem: 'npm', name: 'foo' }, versions: ['2.0'] },
          { package: { ecosystem: 'PyPI', name: 'foo' }, versions: ['1.1'] },
        ],
        references: [{ type: 'WEB', url: 'https://example.org/1' }],
        database_specific: { severity: 'HIGH', cwe_ids: ['CWE-79'] },
      };
      await store.importAdvisories([input(full)], at);
      const common = {
        id: 'GHSA-1',
        modified: '2024-01-01T00:00:00Z',
        published: '2023-12-01T00:00:00Z',
        aliases: ['CVE-2024-1'],
        summary: 'one issue',
        severity: full.severity,
        database_specific: { severity: 'HIGH' },
      };
      expect(asJson(await store.advisoriesFor('PyPI', 'FOO'))).toEqual([
        { ...common, affected: [full.affected?.[0], full.affected?.[2]] },
      ]);
      expect(asJson(await store.advisoriesFor('npm', 'foo'))).toEqual([
        { ...common, affected: [full.affected?.[1]] },
      ]);
      // Field by field, as matching and reporting read them (from the detail that comes with the
      // lookup, or the view read when first used).
      const [npm] = await store.advisoriesFor('npm', 'foo');
      expect([
        npm?.summary,
        npm?.aliases,
        npm?.severity,
        npm?.database_specific,
        npm?.published,
        npm?.affected,
        npm?.withdrawn,
      ]).toEqual([
        'one issue',
        ['CVE-2024-1'],
        full.severity,
        { severity: 'HIGH' },
        '2023-12-01T00:00:00Z',
        [full.affected?.[1]],
        undefined,
      ]);
      await store.close();
    });

    it('reads the rest of a view when first used, only while the store is open', async () => {
      const store = await open();
      await store.importAdvisories(
        [advisory('D-1', '2024-01-01T00:00:00Z', [['npm', 'd']], { summary: 'v1' })],
        at,
      );
      const [before] = await store.advisoriesFor('npm', 'd');
      // Replaced between the lookup and the first read of its view.
      await store.importAdvisories(
        [advisory('D-1', '2024-02-01T00:00:00Z', [['npm', 'd']], { summary: 'v2' })],
        at,
      );
      // What matching reads came with the lookup; the rest is read when first used: today's.
      expect(before?.summary).toBe('v1');
      expect(before?.affected).toEqual([{ package: { ecosystem: 'npm', name: 'd' } }]);
      expect((asJson([before as OsvRecord]) as OsvRecord[])[0]?.summary).toBe('v2');
      const [after] = await store.advisoriesFor('npm', 'd');
      await store.close();
      expect(after?.summary).toBe('v2');
      expect(() => after?.affected).toThrow(/already closed/);
      await store.close();
    });

    it('looks many packages up at once, keyed by ecosystem and normalised name', async () => {
      const store = await open();
      await store.importAdvisories(
        [
          advisory('B-2', '2024-01-01T00:00:00Z', [['PyPI', 'a']]),
          advisory('B-1', '2024-01-01T00:00:00Z', [
            ['PyPI', 'A'],
            ['npm', 'b'],
          ]),
          advisory('W-1', '2024-01-01T00:00:00Z', [['npm', 'b']], {
            withdrawn: '2024-02-01T00:00:00Z',
          }),
          // More names than one IN list holds, to cross a chunk boundary.
          ...Array.from({ length: 1100 }, (_, i) =>
            advisory(`N-${i}`, '2024-01-01T00:00:00Z', [['npm', `n${i}`]]),
          ),
        ],
        at,
      );
      const keys = [
        { ecosystem: 'PyPI', name: 'a' },
        { ecosystem: 'PyPI', name: 'A' },
        { ecosystem: 'npm', name: 'b' },
        { ecosystem: 'npm', name: 'absent' },
        { ecosystem: 'Go', name: 'example.com/m' },
        ...Array.from({ length: 1100 }, (_, i) => ({ ecosystem: 'npm', name: `n${i}` })),
      ];
      const found = await store.advisoriesForMany(keys);
      expect(found.size).toBe(1104);
      expect(found.get('PyPI\u0000a')?.map((r) => r.id)).toEqual(['B-1', 'B-2']);
      expect(found.get('npm\u0000b')?.map((r) => r.id)).toEqual(['B-1']);
      expect(found.get('npm\u0000absent')).toEqual([]);
      expect(found.get('Go\u0000example.com/m')).toEqual([]);
      for (let i = 0; i < 1100; i += 99)
        expect(found.get(`npm\u0000n${i}`)?.map((r) => r.id)).toEqual([`N-${i}`]);
      expect(await store.advisoriesForMany([])).toEqual(new Map());
      // advisoriesFor is the same lookup for one package.
      expect(await store.advisoriesFor('PyPI', 'A')).toEqual(found.get('PyPI\u0000a'));
      await store.close();
    });

    it('sees imports made after a lookup, by this store or another process', async () => {
      const file = await tempDb();
      const store = await openSqliteStore(file);
      await store.importAdvisories([advisory('C-1', '2024-01-01T00:00:00Z', [['npm', 'c']])], at);
      expect((await store.advisoriesFor('npm', 'c')).map((r) => r.summary)).toEqual([undefined]);
      await store.importAdvisories(
        [advisory('C-1', '2024-02-01T00:00:00Z', [['npm', 'c']], { summary: 'mine' })],
        at,
      );
      expect((await store.advisoriesFor('npm', 'c')).map((r) => r.summary)).toEqual(['mine']);
      const other = await openSqliteStore(file);
      await other.importAdvisories(
        [advisory('C-1', '2024-03-01T00:00:00Z', [['npm', 'c']], { summary: 'theirs' })],
        at,
      );
      await other.close();
      expect((await store.advisoriesFor('npm', 'c')).map((r) => r.summary)).toEqual(['theirs']);
      // A list handed out is the caller's: changing it changes no later answer.
      (await store.advisoriesFor('npm', 'c')).pop();
      expect(await store.advisoriesFor('npm', 'c')).toHaveLength(1);
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
      "DROP TABLE osv_package; DROP TABLE osv_advisory; DROP TABLE osv_source; DROP TABLE osv_api_query; DROP TABLE osv_api_record; DELETE FROM openvet_migration WHERE name <> '0001_scans'",
    );
    raw.close();
    const again = await openSqliteStore(file);
    expect((await again.advisoryStatus()).advisories).toBe(0);
    await again.close();
    expect(tables(file)).toEqual([
      'osv_advisory',
      'osv_api_query',
      'osv_api_record',
      'osv_package',
      'osv_source',
      'scans',
    ]);
  });

  it('moves the lookup index of a 0002 database (osv_affected) to per-package views', async () => {
    const file = await tempDb();
    const store = await openSqliteStore(file);
    await store.close();
    // Rebuild the state 0002 left: osv_affected and whole records, one of them deflated.
    const withdrawn = { ...record('W-1', [['PyPI', 'demo']]), withdrawn: '2024-02-01T00:00:00Z' };
    const plain = record('A-1', [
      ['PyPI', 'Demo'],
      ['npm', 'demo'],
    ]);
    const deflated = { ...record('A-2', [['PyPI', 'demo']]), details: 'long text' };
    const raw = new BetterSqlite3(file);
    raw.exec(`DROP TABLE osv_package; DROP TABLE osv_api_query; DROP TABLE osv_api_record;
      DELETE FROM openvet_migration WHERE name IN ('0003_osv_package', '0004_osv_api_cache', '0005_osv_package_match');
      CREATE TABLE osv_affected (ecosystem TEXT NOT NULL, name TEXT NOT NULL,
        advisory_id TEXT NOT NULL, PRIMARY KEY (advisory_id, ecosystem, name));`);
    const insert = raw.prepare(
      "INSERT INTO osv_advisory VALUES (?, '2024-01-01T00:00:00Z', ?, 'x', 'y', ?)",
    );
    insert.run('W-1', withdrawn.withdrawn, JSON.stringify(withdrawn));
    insert.run('A-1', null, JSON.stringify(plain));
    insert.run('A-2', null, deflateRawSync(JSON.stringify(deflated)));
    raw.close();
    const again = await openSqliteStore(file);
    expect(asJson(await again.advisoriesFor('PyPI', 'demo'))).toEqual([
      { ...plain, affected: [plain.affected[0]] },
      record('A-2', [['PyPI', 'demo']]),
    ]);
    expect((await again.advisoriesFor('npm', 'demo')).map((r) => r.id)).toEqual(['A-1']);
    expect((await again.advisoryStatus()).withdrawn).toBe(1);
    await again.close();
    expect(tables(file)).not.toContain('osv_affected');
  });

  it('moves views kept in a WITHOUT ROWID osv_package (a development build of 0003) to 0005', async () => {
    const file = await tempDb();
    const store = await openSqliteStore(file);
    await store.close();
    const view = record('A-1', [['PyPI', 'demo']]);
    const raw = new BetterSqlite3(file);
    raw.exec(`DROP TABLE osv_package;
      DELETE FROM openvet_migration WHERE name = '0005_osv_package_match';
      CREATE TABLE osv_package (ecosystem TEXT NOT NULL, name TEXT NOT NULL,
        advisory_id TEXT NOT NULL, withdrawn INTEGER NOT NULL, view TEXT NOT NULL,
        PRIMARY KEY (ecosystem, name, advisory_id)) WITHOUT ROWID;`);
    raw
      .prepare("INSERT INTO osv_advisory VALUES ('A-1', '2024-01-01T00:00:00Z', NULL, 'x', 'y', ?)")
      .run(JSON.stringify(view));
    raw
      .prepare("INSERT INTO osv_package VALUES ('PyPI', 'demo', 'A-1', 0, ?)")
      .run(JSON.stringify(view));
    raw.close();
    const again = await openSqliteStore(file);
    expect(asJson(await again.advisoriesFor('PyPI', 'demo'))).toEqual([view]);
    await again.close();
  });
});

function record(id: string, packages: [string, string][]) {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: packages.map(([ecosystem, name]) => ({
      package: { ecosystem, name },
      versions: ['1.0'],
    })),
  };
}

/** Records as JSON has them (a lookup's records read their details when first used). */
function asJson(records: readonly OsvRecord[]): unknown {
  return JSON.parse(JSON.stringify(records));
}

function tables(file: string): string[] {
  const check = new BetterSqlite3(file, { readonly: true });
  const rows = check
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'openvet_%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string }[];
  check.close();
  return rows.map((r) => r.name);
}
