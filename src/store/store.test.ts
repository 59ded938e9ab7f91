import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import { openSqliteStore, resolveDbPath } from './index.js';

const run = promisify(execFile);

function result(name: string, startedAt: string, components = 2): ScanResult {
  return {
    schemaVersion: '1.0',
    tool: { name: 'openvet', version: '0.1.0' },
    target: { path: `/p/${name}`, type: 'directory', name, dependsOn: [] },
    startedAt,
    finishedAt: startedAt,
    components: Array.from({ length: components }, (_, i) => ({
      id: `pkg:npm/c${i}@1.0.0`,
      kind: 'package' as const,
      ecosystem: 'npm' as const,
      name: `c${i}`,
      version: '1.0.0',
      scope: 'direct' as const,
      groups: [],
      locations: [{ path: 'package-lock.json', line: 3 }],
      foundBy: ['npm/package-lock'],
      dependsOn: [],
    })),
    evidence: [],
    findings: [],
    errors: [{ path: 'bad.lock', plugin: 'x', message: 'broken' }],
    plugins: [],
    verdict: { status: 'pass', summary: 'ok' },
    stats: { filesWalked: 1, filesSkipped: 0 },
  };
}

async function tempDb(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'openvet-store-')), 'sub', 'openvet.db');
}

// One contract suite per dialect: SQLite always; PostgreSQL joins when it exists.
describe.each([{ dialect: 'sqlite', open: async () => openSqliteStore(await tempDb()) }])(
  'store contract ($dialect)',
  ({ open }) => {
    it('records scans and lists them newest first with their counts', async () => {
      const store = await open();
      const a = await store.recordScan(result('alpha', '2026-01-01T00:00:00.000Z', 3));
      const b = await store.recordScan(result('beta', '2026-02-01T00:00:00.000Z', 1));
      const list = await store.listScans();
      expect(list.map((s) => [s.id, s.targetName, s.components, s.errors, s.verdict])).toEqual([
        [b, 'beta', 1, 1, 'pass'],
        [a, 'alpha', 3, 1, 'pass'],
      ]);
      expect(await store.listScans({ limit: 1 })).toHaveLength(1);
      expect((await store.listScans({ target: '/p/alpha' })).map((s) => s.id)).toEqual([a]);
      await store.close();
    });

    it('returns the full stored result', async () => {
      const store = await open();
      const original = result('gamma', '2026-03-01T00:00:00.000Z', 5);
      const id = await store.recordScan(original);
      expect(await store.getScan(id)).toEqual(original);
      expect(await store.getScan(id + 1000)).toBeUndefined();
      await store.close();
    });
  },
);

describe('sqlite store', () => {
  it('reopens an existing database without re-running migrations', async () => {
    const file = await tempDb();
    const first = await openSqliteStore(file);
    await first.recordScan(result('a', '2026-01-01T00:00:00.000Z'));
    await first.close();
    const second = await openSqliteStore(file);
    expect(await second.listScans()).toHaveLength(1);
    await second.close();
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a file that is not a database with a clear error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'openvet-store-'));
    const file = path.join(dir, 'garbage.db');
    await writeFile(
      file,
      'this is certainly not an SQLite database file, just some text padding it out '.repeat(20),
    );
    const error = await openSqliteStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('OPENVET_E_DB_CORRUPT');
    expect((error as StoreError).message).toContain(file);
    expect((error as StoreError).message).toContain('--db');
  });

  it('refuses a database migrated by a newer openvet', async () => {
    const file = await tempDb();
    const store = await openSqliteStore(file);
    await store.close();
    const raw = new BetterSqlite3(file);
    raw
      .prepare(
        "insert into openvet_migration (name, timestamp) values ('9999_future', '2030-01-01')",
      )
      .run();
    raw.close();
    const error = await openSqliteStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('OPENVET_E_DB_NEWER');
    expect((error as StoreError).message).toMatch(/newer openvet/);
  });

  it('keeps every record when several processes write at once', async () => {
    const file = await tempDb();
    (await openSqliteStore(file)).close().catch(() => undefined);
    const script = `
      import { openSqliteStore } from ${JSON.stringify(path.resolve('src/store/sqlite.ts'))};
      const store = await openSqliteStore(process.argv[2]);
      for (let i = 0; i < 15; i++) {
        await store.recordScan({ schemaVersion: '1.0', tool: { name: 'openvet', version: 't' }, target: { path: 'p' + process.pid, type: 'directory', name: 'n', dependsOn: [] }, startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), components: [], evidence: [], findings: [], errors: [], plugins: [], verdict: { status: 'pass', summary: '' }, stats: { filesWalked: 0, filesSkipped: 0 } });
      }
      await store.close();
    `;
    const tsx = path.resolve('node_modules/.bin/tsx');
    const scriptFile = path.join(path.dirname(file), 'writer.mts');
    await writeFile(scriptFile, script);
    await Promise.all([1, 2, 3].map(() => run(tsx, [scriptFile, file], { timeout: 60_000 })));
    const raw = new BetterSqlite3(file);
    expect(raw.prepare('select count(*) as n from scans').get()).toEqual({ n: 45 });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });
});

describe('several processes opening a new database at once', () => {
  it('migrates it once; every process gets a working store', async () => {
    const file = await tempDb();
    const script = `
      import { openSqliteStore } from ${JSON.stringify(path.resolve('src/store/sqlite.ts'))};
      const store = await openSqliteStore(process.argv[2]);
      await store.hasAdvisories();
      await store.close();
    `;
    const tsx = path.resolve('node_modules/.bin/tsx');
    await mkdir(path.dirname(file), { recursive: true });
    const scriptFile = path.join(path.dirname(file), 'opener.mts');
    await writeFile(scriptFile, script);
    const runs = await Promise.allSettled(
      [1, 2, 3, 4, 5, 6].map(() => run(tsx, [scriptFile, file], { timeout: 60_000 })),
    );
    expect(runs.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(
      runs.map(() => 'ok'),
    );
    const raw = new BetterSqlite3(file);
    const names = raw.prepare('select name from openvet_migration order by name').all();
    raw.close();
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names.map((n) => (n as { name: string }).name)).size).toBe(names.length);
  });
});

describe('resolveDbPath', () => {
  it.each([
    {
      flag: '/x/flag.db',
      env: { OPENVET_DB: '/x/env.db', HOME: '/home/u' },
      expected: '/x/flag.db',
    },
    { flag: undefined, env: { OPENVET_DB: '/x/env.db', HOME: '/home/u' }, expected: '/x/env.db' },
    {
      flag: undefined,
      env: { XDG_DATA_HOME: '/data', HOME: '/home/u' },
      expected: '/data/openvet/openvet.db',
    },
    {
      flag: undefined,
      env: { XDG_DATA_HOME: 'relative', HOME: '/home/u' },
      expected: '/home/u/.local/share/openvet/openvet.db',
    },
    {
      flag: undefined,
      env: { HOME: '/home/u' },
      expected: '/home/u/.local/share/openvet/openvet.db',
    },
  ])('$expected', ({ flag, env, expected }) => {
    expect(resolveDbPath(flag, env)).toBe(expected);
  });
});
