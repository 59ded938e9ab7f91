/**
 * The embedded store: SQLite through better-sqlite3 and Kysely. WAL and a busy timeout let
 * parallel openvet runs share one file; a file that is not a database, is damaged, or was
 * migrated by a newer openvet gives a StoreError with what to do, never a stack trace.
 */
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { OsvRecord } from '../analyzers/vulns/osv/types.js';
import type { ScanResult } from '../core/types.js';
import { osvQueryCacheKey, type Cached, type OsvCache } from '../analyzers/vulns/online/cache.js';
import { advisoryLookupKey, advisoryPackageKey } from './advisory-names.js';
import { advisoryPackageKeys, advisoryPackageViews, advisoryView } from './advisory-views.js';
import { PackageDetails, StoredAdvisory } from './stored-advisory.js';
import { migrations, type Database } from './schema.js';
import type {
  AdvisoryImportCounts,
  AdvisoryInput,
  AdvisoryStatus,
  ScanSummary,
  Store,
} from './types.js';

const BUSY_TIMEOUT_MS = 15_000;
const MIGRATION_TABLE = 'openvet_migration';

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Map a driver error to a StoreError that says what to do. */
function storeError(file: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (
    code === 'SQLITE_NOTADB' ||
    code === 'SQLITE_CORRUPT' ||
    /not a database|malformed/i.test(message)
  ) {
    return new StoreError(
      'OPENVET_E_DB_CORRUPT',
      `${file}: the openvet database is damaged or not a database (${message}). Move it aside and run again to start a new one, or pass --db FILE.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StoreError(
      'OPENVET_E_DB',
      `${file}: the database stayed locked by another openvet for ${BUSY_TIMEOUT_MS / 1000} s; try again.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new StoreError(
      'OPENVET_E_DB',
      `${file}: cannot open the database for writing (${message}). Pass --db FILE with a writable path.`,
      { cause: error },
    );
  }
  return new StoreError('OPENVET_E_DB', `${file}: database error: ${message}`, { cause: error });
}

function summary(row: {
  id: number;
  target_path: string;
  target_name: string;
  started_at: string;
  finished_at: string;
  tool_version: string;
  components: number;
  errors: number;
  verdict: string;
}): ScanSummary {
  return {
    id: row.id,
    targetPath: row.target_path,
    targetName: row.target_name,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    toolVersion: row.tool_version,
    components: row.components,
    errors: row.errors,
    verdict: row.verdict as ScanSummary['verdict'],
  };
}

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /**
   * Most parsed advisories kept in memory between lookups (0: none). Repeated lookups of a
   * package (one `vuln match` per purl, a server answering many scans) then skip SQL and JSON.
   */
  readonly advisoryCacheRecords?: number;
}

/** Open (creating and migrating as needed) the SQLite store at `file` (`:memory:` for tests). */
export async function openSqliteStore(
  file: string,
  options: SqliteStoreOptions = {},
): Promise<Store> {
  if (file !== ':memory:') {
    try {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    } catch (error) {
      throw storeError(file, error);
    }
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
    // Reading the schema version touches the file header: a non-database fails here.
    sqlite.pragma('schema_version');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('foreign_keys = ON');
    // In WAL mode NORMAL is still crash-safe (the database is never corrupted; after a power loss
    // the last transactions may be rolled back); FULL only adds an fsync per commit, which an
    // import of many batches and every recorded scan pay for nothing. SQLite's own advice for WAL.
    sqlite.pragma('synchronous = NORMAL');
    // A page cache of up to 64 MiB (the default is 2 MiB): the advisory index of a full osv.dev
    // import is tens of MB, and inserting into it in random name order thrashes a small cache.
    // Memory only, allocated as pages are read; no effect on what is written.
    sqlite.pragma('cache_size = -65536');
    // Reads through a memory map of up to 256 MiB instead of a read() per page: a lookup of
    // 10,000 packages touches pages all over the advisory index (first-pass matching
    // 1.00-1.05 s → 0.93-0.99 s in bench/vulns.mjs). The mapped pages are the file's, shared
    // and evictable; they show in RSS.
    sqlite.pragma('mmap_size = 268435456');
    // Checkpoint the WAL every ~80 MB instead of every ~4 MB: a bulk advisory import otherwise
    // spends a tenth of its time copying pages back and syncing. Disk only (the WAL file grows
    // that much while writing and is removed on close); readers are unaffected.
    sqlite.pragma('wal_autocheckpoint = 20000');
  } catch (error) {
    throw storeError(file, error);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db, file);
  } catch (error) {
    await db.destroy();
    throw storeError(file, error);
  }

  const advisories = advisoryStatements(sqlite, options.advisoryCacheRecords ?? 20_000);
  const apiCache = osvApiCache(db, file);

  return {
    importAdvisories(batch, options) {
      try {
        return Promise.resolve(advisories.importBatch(batch, options.source, options.importedAt));
      } catch (error) {
        return Promise.reject(storeError(file, error));
      }
    },
    async recordAdvisorySource(source) {
      try {
        await db
          .insertInto('osv_source')
          .values({
            path: source.path,
            name: source.name,
            imported_at: source.importedAt,
            counts: JSON.stringify(source.counts),
          })
          .onConflict((oc) =>
            oc.column('path').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              imported_at: eb.ref('excluded.imported_at'),
              counts: eb.ref('excluded.counts'),
            })),
          )
          .execute();
      } catch (error) {
        throw storeError(file, error);
      }
    },
    advisoriesForMany(keys) {
      try {
        return Promise.resolve(advisories.lookup(keys));
      } catch (error) {
        return Promise.reject(storeError(file, error));
      }
    },
    advisoriesFor(ecosystem, name) {
      try {
        const found = advisories.lookup([{ ecosystem, name }]);
        return Promise.resolve(found.get(advisoryLookupKey(ecosystem, name)) ?? []);
      } catch (error) {
        return Promise.reject(storeError(file, error));
      }
    },
    osvCache() {
      return apiCache;
    },
    async hasAdvisories() {
      const row = await db.selectFrom('osv_advisory').select('id').limit(1).executeTakeFirst();
      return row !== undefined;
    },
    async advisoryStatus(): Promise<AdvisoryStatus> {
      try {
        const totals = await db
          .selectFrom('osv_advisory')
          .select((eb) => [
            eb.fn.countAll<number>().as('advisories'),
            eb.fn.count<number>('withdrawn').as('withdrawn'),
          ])
          .executeTakeFirstOrThrow();
        // One advisory may name several packages of one ecosystem: count it once.
        const perEcosystem = await db
          .selectFrom((eb) =>
            eb.selectFrom('osv_package').select(['ecosystem', 'advisory_id']).distinct().as('d'),
          )
          .innerJoin('osv_advisory as v', 'v.id', 'd.advisory_id')
          .select((eb) => [
            'd.ecosystem',
            eb.fn.countAll<number>().as('advisories'),
            eb.fn.count<number>('v.withdrawn').as('withdrawn'),
            eb.fn.max('v.imported_at').as('lastUpdated'),
            eb.fn.max('v.modified').as('newestModified'),
          ])
          .groupBy('d.ecosystem')
          .orderBy('d.ecosystem')
          .execute();
        const sources = await db
          .selectFrom('osv_source')
          .selectAll()
          .orderBy('imported_at', 'desc')
          .orderBy('path')
          .execute();
        return {
          advisories: Number(totals.advisories),
          withdrawn: Number(totals.withdrawn),
          ecosystems: perEcosystem.map((r) => ({
            ecosystem: r.ecosystem,
            advisories: Number(r.advisories),
            withdrawn: Number(r.withdrawn),
            lastUpdated: r.lastUpdated,
            newestModified: r.newestModified,
          })),
          sources: sources.map((r) => ({
            name: r.name,
            path: r.path,
            importedAt: r.imported_at,
            counts: JSON.parse(r.counts) as Record<string, number>,
          })),
        };
      } catch (error) {
        throw storeError(file, error);
      }
    },
    async recordScan(result: ScanResult) {
      try {
        const row = await db
          .insertInto('scans')
          .values({
            target_path: result.target.path,
            target_name: result.target.name,
            started_at: result.startedAt,
            finished_at: result.finishedAt,
            tool_version: result.tool.version,
            components: result.components.length,
            errors: result.errors.length,
            verdict: result.verdict.status,
            result: gzipSync(JSON.stringify(result)),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      } catch (error) {
        throw storeError(file, error);
      }
    },
    async listScans(options = {}) {
      try {
        let query = db
          .selectFrom('scans')
          .select([
            'id',
            'target_path',
            'target_name',
            'started_at',
            'finished_at',
            'tool_version',
            'components',
            'errors',
            'verdict',
          ])
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc');
        if (options.target !== undefined) query = query.where('target_path', '=', options.target);
        if (options.limit !== undefined) query = query.limit(options.limit);
        return (await query.execute()).map(summary);
      } catch (error) {
        throw storeError(file, error);
      }
    },
    async getScan(id: number) {
      try {
        const row = await db
          .selectFrom('scans')
          .select('result')
          .where('id', '=', id)
          .executeTakeFirst();
        if (row === undefined) return undefined;
        return JSON.parse(gunzipSync(row.result).toString('utf8')) as ScanResult;
      } catch (error) {
        throw storeError(file, error);
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Milliseconds since 1970 of an RFC 3339 timestamp, for comparing `modified` values. */
function instant(timestamp: string): number {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Names per `IN (…)` list of one lookup statement; lists are padded to a power of two. */
const LOOKUP_CHUNK = 512;

/**
 * The advisory paths straight on better-sqlite3: prepared statements, one transaction per import
 * batch (Kysely's per-query compilation costs more than the insert itself at tens of thousands of
 * rows per second), and batched lookups. SQLite only; a PostgreSQL store does the same with COPY
 * and `= ANY($1)`.
 */
function advisoryStatements(sqlite: BetterSqlite3.Database, cacheRecords: number) {
  const insertNew = sqlite.prepare<
    [string, string, string | null, string, string, string | Uint8Array]
  >(
    `INSERT INTO osv_advisory (id, modified, withdrawn, source, imported_at, json)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const current = sqlite.prepare<[string], { modified: string; json: string | Uint8Array }>(
    'SELECT modified, json FROM osv_advisory WHERE id = ?',
  );
  const replace = sqlite.prepare<
    [string, string | null, string, string, string | Uint8Array, string]
  >(
    `UPDATE osv_advisory SET modified = ?, withdrawn = ?, source = ?, imported_at = ?, json = ?
     WHERE id = ?`,
  );
  const clearPackage = sqlite.prepare<[string, string, string]>(
    'DELETE FROM osv_package WHERE ecosystem = ? AND name = ? AND advisory_id = ?',
  );
  const addPackage = sqlite.prepare<[string, string, string, number, string, string]>(
    `INSERT OR REPLACE INTO osv_package (ecosystem, name, advisory_id, withdrawn, match, detail)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );

  function addPackages(input: AdvisoryInput): void {
    const withdrawn = input.withdrawn === undefined ? 0 : 1;
    for (const p of input.packages)
      addPackage.run(p.ecosystem, p.name, input.id, withdrawn, p.match, p.detail);
  }

  const importBatch = sqlite.transaction(
    (batch: readonly AdvisoryInput[], source: string, importedAt: string) => {
      let imported = 0;
      let updated = 0;
      let unchanged = 0;
      for (const input of batch) {
        const { id, modified } = input;
        const data = input.deflated ?? input.json;
        const withdrawn = input.withdrawn ?? null;
        // The common case (a new id) is one statement; only a conflict reads the stored row.
        if (insertNew.run(id, modified, withdrawn, source, importedAt, data).changes) {
          imported++;
          addPackages(input);
          continue;
        }
        const existing = current.get(id);
        if (existing === undefined || instant(modified) <= instant(existing.modified)) {
          unchanged++;
          continue;
        }
        // The index rows of the old version are found from its own packages (no index on
        // advisory_id to maintain on every insert just for replacements).
        const old = JSON.parse(
          typeof existing.json === 'string'
            ? existing.json
            : inflateRawSync(existing.json).toString('utf8'),
        ) as OsvRecord;
        for (const p of advisoryPackageKeys(old)) clearPackage.run(p.ecosystem, p.name, id);
        replace.run(modified, withdrawn, source, importedAt, data, id);
        addPackages(input);
        updated++;
      }
      return { imported, updated, unchanged } satisfies AdvisoryImportCounts;
    },
  );

  /**
   * Reads the view of one advisory for one package from the whole stored record, when a
   * `StoredAdvisory` is first asked for more than matching reads.
   */
  function viewLoader(ecosystem: string, name: string): (id: string) => OsvRecord {
    return (id) => {
      if (!sqlite.open)
        throw new StoreError(
          'OPENVET_E_DB',
          `advisory ${id}: its details are read from the database, which is already closed`,
        );
      let row: { modified: string; json: string | Uint8Array } | undefined;
      try {
        row = current.get(id);
      } catch (error) {
        throw storeError(sqlite.name, error);
      }
      // Replaced by an import since the lookup and no longer naming the package: what is left.
      if (row === undefined) return { id, modified: '', affected: [] };
      const record = JSON.parse(
        typeof row.json === 'string' ? row.json : inflateRawSync(row.json).toString('utf8'),
      ) as OsvRecord;
      const view = advisoryPackageViews(record).find(
        (v) => v.ecosystem === ecosystem && v.name === name,
      );
      return view?.view ?? advisoryView(record, []);
    };
  }

  // Lookup statements by IN-list length (powers of two up to LOOKUP_CHUNK).
  const lookupStatements = new Map<number, BetterSqlite3.Statement<unknown[], unknown[]>>();
  function lookupStatement(size: number): BetterSqlite3.Statement<unknown[], unknown[]> {
    let statement = lookupStatements.get(size);
    if (statement === undefined) {
      // One row per package with its candidates as one JSON array: a tenth of the rows to hand
      // to JavaScript, and one JSON.parse per package (about 15% less CPU than a row each).
      statement = sqlite
        .prepare<unknown[], unknown[]>(
          `SELECT name, '[' || group_concat(match, ',') || ']', group_concat(detail, char(30))
           FROM osv_package
           WHERE ecosystem = ? AND name IN (${Array(size).fill('?').join(', ')}) AND withdrawn = 0
           GROUP BY name`,
        )
        .raw();
      lookupStatements.set(size, statement);
    }
    return statement;
  }

  // Parsed lists by lookup key, insertion-ordered for first-in-first-out eviction. Valid while
  // PRAGMA data_version is unchanged (it changes when another connection commits) and cleared by
  // this connection's own imports.
  const cache = new Map<string, OsvRecord[]>();
  let cachedRecords = 0;
  let cacheVersion = -1;
  function remember(key: string, list: OsvRecord[]): void {
    if (cacheRecords <= 0 || list.length > cacheRecords) return;
    cache.set(key, list);
    cachedRecords += list.length;
    for (const [k, v] of cache) {
      if (cachedRecords <= cacheRecords) break;
      cache.delete(k);
      cachedRecords -= v.length;
    }
  }
  function clearCache(): void {
    cache.clear();
    cachedRecords = 0;
  }

  function lookup(
    keys: readonly { readonly ecosystem: string; readonly name: string }[],
  ): Map<string, OsvRecord[]> {
    const out = new Map<string, OsvRecord[]>();
    if (cacheRecords > 0) {
      const version = sqlite.pragma('data_version', { simple: true }) as number;
      if (version !== cacheVersion) {
        clearCache();
        cacheVersion = version;
      }
    }
    // Names still to read, by ecosystem.
    const wanted = new Map<string, Set<string>>();
    for (const { ecosystem, name } of keys) {
      const normalised = advisoryPackageKey(ecosystem, name);
      const key = `${ecosystem}\u0000${normalised}`;
      if (out.has(key)) continue;
      const hit = cache.get(key);
      if (hit !== undefined) {
        out.set(key, hit.slice());
        continue;
      }
      out.set(key, []);
      let names = wanted.get(ecosystem);
      if (names === undefined) wanted.set(ecosystem, (names = new Set()));
      names.add(normalised);
    }
    for (const [ecosystem, nameSet] of wanted) {
      const names = [...nameSet];
      for (let at = 0; at < names.length; at += LOOKUP_CHUNK) {
        const chunk = names.slice(at, at + LOOKUP_CHUNK);
        let size = 1;
        while (size < chunk.length) size *= 2;
        // Padding repeats the last name: IN (…) is a set, the extra entries change nothing.
        const args: string[] = [ecosystem, ...chunk];
        for (let i = chunk.length; i < size; i++) args.push(chunk[chunk.length - 1] as string);
        const rows = lookupStatement(size).all(...args) as [string, string, string][];
        for (const [name, matches, details] of rows) {
          const load = viewLoader(ecosystem, name);
          const parsed = JSON.parse(matches) as unknown[][];
          const detail = new PackageDetails(details);
          out.set(
            `${ecosystem}\u0000${name}`,
            parsed.map((row, i) => new StoredAdvisory(row, detail, i, load)),
          );
        }
      }
      for (const name of names) {
        const key = `${ecosystem}\u0000${name}`;
        const list = out.get(key) as OsvRecord[];
        // group_concat follows the index order (by id) in practice, which SQL does not promise.
        if (!isSortedById(list)) list.sort(byId);
        if (cacheRecords > 0) remember(key, list.slice());
      }
    }
    return out;
  }

  return {
    importBatch(batch: readonly AdvisoryInput[], source: string, importedAt: string) {
      clearCache();
      return importBatch(batch, source, importedAt);
    },
    lookup,
  };
}

function byId(a: OsvRecord, b: OsvRecord): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isSortedById(list: readonly OsvRecord[]): boolean {
  for (let i = 1; i < list.length; i++)
    if ((list[i - 1] as OsvRecord).id > (list[i] as OsvRecord).id) return false;
  return true;
}

/** Rows per multi-row INSERT of the API cache (5 parameters each, far below SQLite's limit). */
const CACHE_CHUNK = 500;

/**
 * The OSV API cache on the store's tables (`osv_api_query`, `osv_api_record`), through Kysely
 * (one code path for every dialect; these are hundreds of rows per scan, not hundreds of
 * thousands). Entries of any age are returned: the API client decides what has expired.
 */
function osvApiCache(db: Kysely<Database>, file: string): OsvCache {
  return {
    async getQueries(keys) {
      try {
        const out = new Map<string, Cached<readonly string[]>>();
        const wanted = new Map<string, Map<string, Set<string>>>();
        for (const key of keys) {
          const name = advisoryPackageKey(key.ecosystem, key.name);
          const byName = wanted.get(key.ecosystem) ?? new Map<string, Set<string>>();
          wanted.set(key.ecosystem, byName);
          const versions = byName.get(name) ?? new Set<string>();
          byName.set(name, versions);
          versions.add(key.version);
        }
        for (const [ecosystem, byName] of wanted) {
          const names = [...byName.keys()];
          for (let at = 0; at < names.length; at += CACHE_CHUNK) {
            const rows = await db
              .selectFrom('osv_api_query')
              .select(['name', 'version', 'ids', 'fetched_at'])
              .where('ecosystem', '=', ecosystem)
              .where('name', 'in', names.slice(at, at + CACHE_CHUNK))
              .execute();
            for (const row of rows) {
              if (byName.get(row.name)?.has(row.version) !== true) continue;
              out.set(osvQueryCacheKey({ ecosystem, name: row.name, version: row.version }), {
                value: JSON.parse(row.ids) as string[],
                fetchedAt: row.fetched_at,
              });
            }
          }
        }
        return out;
      } catch (error) {
        throw storeError(file, error);
      }
    },
    async putQueries(entries, fetchedAt) {
      try {
        // The last answer for a key wins, as if the entries had been written one by one.
        const rows = new Map<
          string,
          { ecosystem: string; name: string; version: string; ids: string; fetched_at: string }
        >();
        for (const { key, ids } of entries) {
          const name = advisoryPackageKey(key.ecosystem, key.name);
          rows.set(osvQueryCacheKey(key), {
            ecosystem: key.ecosystem,
            name,
            version: key.version,
            ids: JSON.stringify([...ids]),
            fetched_at: fetchedAt,
          });
        }
        const values = [...rows.values()];
        await db.transaction().execute(async (trx) => {
          for (let at = 0; at < values.length; at += CACHE_CHUNK)
            await trx
              .insertInto('osv_api_query')
              .values(values.slice(at, at + CACHE_CHUNK))
              .onConflict((oc) =>
                oc.columns(['ecosystem', 'name', 'version']).doUpdateSet((eb) => ({
                  ids: eb.ref('excluded.ids'),
                  fetched_at: eb.ref('excluded.fetched_at'),
                })),
              )
              .execute();
        });
      } catch (error) {
        throw storeError(file, error);
      }
    },
    async getRecords(ids) {
      try {
        const out = new Map<string, Cached<OsvRecord>>();
        const unique = [...new Set(ids)];
        for (let at = 0; at < unique.length; at += CACHE_CHUNK) {
          const rows = await db
            .selectFrom('osv_api_record')
            .select(['id', 'json', 'fetched_at'])
            .where('id', 'in', unique.slice(at, at + CACHE_CHUNK))
            .execute();
          for (const row of rows)
            out.set(row.id, {
              value: JSON.parse(row.json) as OsvRecord,
              fetchedAt: row.fetched_at,
            });
        }
        return out;
      } catch (error) {
        throw storeError(file, error);
      }
    },
    async putRecords(records, fetchedAt) {
      try {
        const rows = new Map<
          string,
          { id: string; modified: string; json: string; fetched_at: string }
        >();
        for (const record of records)
          rows.set(record.id, {
            id: record.id,
            modified: record.modified,
            json: JSON.stringify(record),
            fetched_at: fetchedAt,
          });
        const values = [...rows.values()];
        // A record fetched now replaces the cached copy whatever its `modified`: it is what the
        // API serves today, and fetching it again restarts its expiry.
        await db.transaction().execute(async (trx) => {
          for (let at = 0; at < values.length; at += CACHE_CHUNK)
            await trx
              .insertInto('osv_api_record')
              .values(values.slice(at, at + CACHE_CHUNK))
              .onConflict((oc) =>
                oc.column('id').doUpdateSet((eb) => ({
                  modified: eb.ref('excluded.modified'),
                  json: eb.ref('excluded.json'),
                  fetched_at: eb.ref('excluded.fetched_at'),
                })),
              )
              .execute();
        });
      } catch (error) {
        throw storeError(file, error);
      }
    },
  };
}

/** Run pending migrations; refuse a database migrated by a newer openvet. */
async function migrate(db: Kysely<Database>, file: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
  });
  const known = new Set(Object.keys(migrations));
  const applied = await migrator.getMigrations();
  // getMigrations lists only known ones; read the table for unknown names.
  const tables = await db.introspection.getTables();
  if (tables.some((t) => t.name === MIGRATION_TABLE)) {
    const rows = await (db as unknown as Kysely<Record<string, { name: string }>>)
      .selectFrom(MIGRATION_TABLE)
      .select('name')
      .execute();
    const unknown = rows.map((r) => r.name).filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new StoreError(
        'OPENVET_E_DB_NEWER',
        `${file}: this database was written by a newer openvet (schema ${unknown.sort().at(-1)}); upgrade openvet or pass --db FILE to use another database.`,
      );
    }
  }
  if (applied.every((m) => m.executedAt !== undefined)) return;
  // Several openvet processes may open a new (or older) database at once (parallel CI jobs):
  // Kysely's SQLite migrator takes no lock across processes, so the second one would create
  // tables the first just made. One process migrates; the others wait, then find it done.
  await withMigrationLock(file, async () => {
    const pending = (await migrator.getMigrations()).some((m) => m.executedAt === undefined);
    if (!pending) return;
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined)
      throw error instanceof Error
        ? error
        : new Error(`migration failed: ${JSON.stringify(error)}`);
  });
}

/** A lock older than this was left by a process that died while migrating. */
const STALE_LOCK_MS = 10 * 60_000;
/** How long to wait for another process's migration (rebuilding a full advisory index takes a while). */
const MIGRATION_WAIT_MS = 5 * 60_000;

/**
 * Run `fn` holding `FILE.migrating`, a lock file created exclusively (`wx`): atomic on every
 * local file system, and visible to every process that opens the same database.
 */
async function withMigrationLock(file: string, fn: () => Promise<void>): Promise<void> {
  if (file === ':memory:') return fn();
  const lock = `${path.resolve(file)}.migrating`;
  const deadline = Date.now() + MIGRATION_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let age = 0;
    try {
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      continue; // released between the two calls: try again at once
    }
    if (age > STALE_LOCK_MS) {
      try {
        unlinkSync(lock);
      } catch {
        // another waiter removed it first
      }
      continue;
    }
    if (Date.now() > deadline)
      throw new StoreError(
        'OPENVET_E_DB',
        `${file}: another openvet process has been migrating this database for ${Math.round(age / 1000)} s; try again, or remove ${lock} if no openvet is running`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    await fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
  }
}
