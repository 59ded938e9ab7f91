/**
 * Table types for Kysely and the migrations that create them. Migrations live in code (no
 * migration folder to ship) and run in order; a database that has migrations this openvet does
 * not know was written by a newer openvet and is refused.
 */
import { inflateRawSync } from 'node:zlib';
import { sql, type Generated, type Kysely, type Migration } from 'kysely';
import type { OsvRecord } from '../analyzers/vulns/osv/types.js';
import { advisoryDetail, advisoryMatch, advisoryPackageViews } from './advisory-views.js';

export interface ScansTable {
  id: Generated<number>;
  target_path: string;
  target_name: string;
  started_at: string;
  finished_at: string;
  tool_version: string;
  components: number;
  errors: number;
  verdict: string;
  /** The ScanResult as gzip-compressed JSON. */
  result: Uint8Array;
}

/**
 * One OSV advisory, as imported. `json` is the validated record as JSON text, or as raw-DEFLATE
 * compressed JSON bytes (a blob) when it came compressed from an osv.dev zip export.
 */
export interface OsvAdvisoryTable {
  id: string;
  modified: string;
  /** The record's `withdrawn` timestamp; withdrawn advisories are kept but never matched. */
  withdrawn: string | null;
  /** The path of the import that stored this version of the record. */
  source: string;
  /** When this version was stored (the importing run's clock). */
  imported_at: string;
  json: string | Uint8Array;
}

/**
 * The lookup index (since 0003, replacing `osv_affected`; since 0005 with `match` instead of
 * the whole view, and `detail`): one row per (package, advisory) with the name normalised per ecosystem and
 * what matching reads of the advisory for that package (`advisoryMatch`) as JSON text, unique on
 * (ecosystem, name, advisory_id): a lookup reads a package's candidates in id order without
 * touching `osv_advisory`; the rest of a view is read from there for the ones that match.
 */
export interface OsvPackageTable {
  ecosystem: string;
  name: string;
  advisory_id: string;
  /** 1 when the advisory is withdrawn (kept for counts, never returned). */
  withdrawn: number;
  match: string;
  /** The rest of what matching reads (`advisoryDetail`), parsed only for matches. */
  detail: string;
}

/** A cached `/v1/querybatch` answer: the advisory ids for one package version. */
export interface OsvApiQueryTable {
  ecosystem: string;
  /** Normalised per ecosystem (`advisoryPackageKey`). */
  name: string;
  version: string;
  /** JSON array of ids (possibly empty). */
  ids: string;
  fetched_at: string;
}

/** A cached `/v1/vulns/{id}` record. Never mixed into the imported (offline) data. */
export interface OsvApiRecordTable {
  id: string;
  modified: string;
  json: string;
  fetched_at: string;
}

/** One row per imported path: the last import of it and its counts (JSON). */
export interface OsvSourceTable {
  path: string;
  name: string;
  imported_at: string;
  counts: string;
}

export interface Database {
  scans: ScansTable;
  osv_advisory: OsvAdvisoryTable;
  osv_package: OsvPackageTable;
  osv_source: OsvSourceTable;
  osv_api_query: OsvApiQueryTable;
  osv_api_record: OsvApiRecordTable;
}

/** Every migration, in order. Never edit a released one: add a new one. */
export const migrations: Record<string, Migration> = {
  '0001_scans': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('scans')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('target_path', 'text', (c) => c.notNull())
        .addColumn('target_name', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .addColumn('tool_version', 'text', (c) => c.notNull())
        .addColumn('components', 'integer', (c) => c.notNull())
        .addColumn('errors', 'integer', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('result', 'blob', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('scans_target_started')
        .on('scans')
        .columns(['target_path', 'started_at'])
        .execute();
      await sql`select 1`.execute(db);
    },
  },
  '0002_osv': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('osv_advisory')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('modified', 'text', (c) => c.notNull())
        .addColumn('withdrawn', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('json', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('osv_affected')
        .addColumn('ecosystem', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('advisory_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('osv_affected_pk', ['advisory_id', 'ecosystem', 'name'])
        .execute();
      await db.schema
        .createIndex('osv_affected_package')
        .on('osv_affected')
        .columns(['ecosystem', 'name'])
        .execute();
      await db.schema
        .createTable('osv_source')
        .addColumn('path', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003_osv_package': {
    async up(db: Kysely<unknown>) {
      // Kysely runs SQLite migrations outside a transaction; this one rewrites data, so it
      // makes its own: all of it or nothing, and one commit instead of one per insert.
      await sql`BEGIN IMMEDIATE`.execute(db);
      try {
        await fillOsvPackage(db);
        await sql`COMMIT`.execute(db);
      } catch (error) {
        await sql`ROLLBACK`.execute(db);
        throw error;
      }
    },
  },
  '0004_osv_api_cache': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE osv_api_query (
        ecosystem TEXT NOT NULL,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        ids TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (ecosystem, name, version)
      ) WITHOUT ROWID`.execute(db);
      await db.schema
        .createTable('osv_api_record')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('modified', 'text', (c) => c.notNull())
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('fetched_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0005_osv_package_match': {
    async up(db: Kysely<unknown>) {
      // As 0003: its own transaction, all of it or nothing.
      await sql`BEGIN IMMEDIATE`.execute(db);
      try {
        await matchOsvPackage(db);
        await sql`COMMIT`.execute(db);
      } catch (error) {
        await sql`ROLLBACK`.execute(db);
        throw error;
      }
    },
  },
};

/**
 * Migration 0005: the lookup index keeps what matching reads (`advisoryMatch`, `advisoryDetail`)
 * instead of whole views, made from the views an earlier openvet stored, a page at a time; same table name,
 * columns otherwise and index.
 */
async function matchOsvPackage(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE osv_package_match (
    ecosystem TEXT NOT NULL,
    name TEXT NOT NULL,
    advisory_id TEXT NOT NULL,
    withdrawn INTEGER NOT NULL,
    match TEXT NOT NULL,
    detail TEXT NOT NULL
  )`.execute(db);
  // Pages in key order, not by rowid: a database whose osv_package was made WITHOUT ROWID (by a
  // development build of 0003) has no rowid, and the unique key orders every layout.
  let after: readonly [string, string, string] = ['', '', ''];
  for (;;) {
    const page = await sql<{
      ecosystem: string;
      name: string;
      advisory_id: string;
      withdrawn: number;
      view: string;
    }>`SELECT ecosystem, name, advisory_id, withdrawn, view FROM osv_package
      WHERE (ecosystem, name, advisory_id) > (${after[0]}, ${after[1]}, ${after[2]})
      ORDER BY ecosystem, name, advisory_id LIMIT 500`.execute(db);
    if (page.rows.length === 0) break;
    const values = page.rows.map((r) => {
      const view = JSON.parse(r.view) as OsvRecord;
      const entries = view.affected ?? [];
      const match = advisoryMatch(view.id, view.modified, entries);
      const detail = advisoryDetail(view, entries);
      return sql`(${r.ecosystem}, ${r.name}, ${r.advisory_id}, ${r.withdrawn}, ${match}, ${detail})`;
    });
    for (let at = 0; at < values.length; at += 100)
      await sql`INSERT INTO osv_package_match (ecosystem, name, advisory_id, withdrawn, match, detail)
        VALUES ${sql.join(values.slice(at, at + 100))}`.execute(db);
    const last = page.rows.at(-1) as { ecosystem: string; name: string; advisory_id: string };
    after = [last.ecosystem, last.name, last.advisory_id];
  }
  await sql`DROP TABLE osv_package`.execute(db);
  await sql`ALTER TABLE osv_package_match RENAME TO osv_package`.execute(db);
  await sql`CREATE UNIQUE INDEX osv_package_key ON osv_package (ecosystem, name, advisory_id)`.execute(
    db,
  );
}

/**
 * Migration 0003: the per-package views table (see OsvPackageTable), filled from the records an
 * earlier openvet imported, replacing `osv_affected`.
 */
async function fillOsvPackage(db: Kysely<unknown>): Promise<void> {
  // A plain (rowid) table with a unique index, not WITHOUT ROWID clustered by package: an
  // import inserts in advisory order, i.e. in random package order, and with rows of
  // hundreds of bytes a clustered table rewrote most of its pages in every import batch
  // (three times slower to import); the index entries are small, so random inserts into it
  // stay cheap, and a lookup is one index range plus a row read per advisory.
  await db.schema
    .createTable('osv_package')
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('withdrawn', 'integer', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('osv_package_key')
    .on('osv_package')
    .columns(['ecosystem', 'name', 'advisory_id'])
    .unique()
    .execute();
  // Fill it from what an earlier openvet imported (the records are kept whole), a page of
  // records at a time so that memory stays bounded whatever the database holds.
  let after = '';
  for (;;) {
    const page = await sql<{
      id: string;
      json: string | Uint8Array;
      withdrawn: string | null;
    }>`SELECT id, json, withdrawn FROM osv_advisory WHERE id > ${after} ORDER BY id LIMIT 500`.execute(
      db,
    );
    if (page.rows.length === 0) break;
    const values = [];
    for (const row of page.rows) {
      const text =
        typeof row.json === 'string' ? row.json : inflateRawSync(row.json).toString('utf8');
      for (const p of advisoryPackageViews(JSON.parse(text) as OsvRecord))
        values.push(
          sql`(${p.ecosystem}, ${p.name}, ${row.id}, ${row.withdrawn === null ? 0 : 1}, ${JSON.stringify(p.view)})`,
        );
    }
    for (let at = 0; at < values.length; at += 100)
      await sql`INSERT OR IGNORE INTO osv_package (ecosystem, name, advisory_id, withdrawn, view)
        VALUES ${sql.join(values.slice(at, at + 100))}`.execute(db);
    after = (page.rows.at(-1) as { id: string }).id;
  }
  await db.schema.dropTable('osv_affected').execute();
}
