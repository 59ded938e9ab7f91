/**
 * The embedded store: SQLite through better-sqlite3 and Kysely. WAL and a busy timeout let
 * parallel openvet runs share one file; a file that is not a database, is damaged, or was
 * migrated by a newer openvet gives a StoreError with what to do, never a stack trace.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { OsvRecord } from '../analyzers/vulns/osv/types.js';
import type { ScanResult } from '../core/types.js';
import { advisoryPackageKey } from './advisory-names.js';
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

/** Open (creating and migrating as needed) the SQLite store at `file` (`:memory:` for tests). */
export async function openSqliteStore(file: string): Promise<Store> {
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

  const advisories = advisoryStatements(sqlite);

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
    async advisoriesFor(ecosystem, name) {
      try {
        const rows = await db
          .selectFrom('osv_affected as a')
          .innerJoin('osv_advisory as v', 'v.id', 'a.advisory_id')
          .select('v.json')
          .where('a.ecosystem', '=', ecosystem)
          .where('a.name', '=', advisoryPackageKey(ecosystem, name))
          .where('v.withdrawn', 'is', null)
          .orderBy('v.id')
          .execute();
        return rows.map(
          (r) =>
            JSON.parse(
              typeof r.json === 'string' ? r.json : inflateRawSync(r.json).toString('utf8'),
            ) as OsvRecord,
        );
      } catch (error) {
        throw storeError(file, error);
      }
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
            eb.selectFrom('osv_affected').select(['ecosystem', 'advisory_id']).distinct().as('d'),
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

/**
 * The bulk path of the advisory import, straight on better-sqlite3: prepared statements in one
 * transaction per batch (Kysely's per-query compilation costs more than the insert itself at
 * tens of thousands of rows per second). SQLite only; a PostgreSQL store does the same with COPY.
 */
function advisoryStatements(sqlite: BetterSqlite3.Database) {
  const current = sqlite.prepare<[string], { modified: string }>(
    'SELECT modified FROM osv_advisory WHERE id = ?',
  );
  const upsert = sqlite.prepare<
    [string, string, string | null, string, string, string | Uint8Array]
  >(
    `INSERT INTO osv_advisory (id, modified, withdrawn, source, imported_at, json)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET modified = excluded.modified, withdrawn = excluded.withdrawn,
       source = excluded.source, imported_at = excluded.imported_at, json = excluded.json`,
  );
  const clearAffected = sqlite.prepare<[string]>('DELETE FROM osv_affected WHERE advisory_id = ?');
  const addAffected = sqlite.prepare<[string, string, string]>(
    'INSERT OR IGNORE INTO osv_affected (ecosystem, name, advisory_id) VALUES (?, ?, ?)',
  );
  const importBatch = sqlite.transaction(
    (batch: readonly AdvisoryInput[], source: string, importedAt: string) => {
      let imported = 0;
      let updated = 0;
      let unchanged = 0;
      for (const { record, json, deflated } of batch) {
        const existing = current.get(record.id);
        if (existing !== undefined) {
          if (instant(record.modified) <= instant(existing.modified)) {
            unchanged++;
            continue;
          }
          clearAffected.run(record.id);
          updated++;
        } else {
          imported++;
        }
        upsert.run(
          record.id,
          record.modified,
          record.withdrawn ?? null,
          source,
          importedAt,
          deflated ?? json,
        );
        for (const entry of record.affected ?? []) {
          if (entry.package === undefined) continue;
          const { ecosystem, name } = entry.package;
          addAffected.run(ecosystem, advisoryPackageKey(ecosystem, name), record.id);
        }
      }
      return { imported, updated, unchanged } satisfies AdvisoryImportCounts;
    },
  );
  return { importBatch };
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
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined)
    throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}
