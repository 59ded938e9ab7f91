/**
 * Table types for Kysely and the migrations that create them. Migrations live in code (no
 * migration folder to ship) and run in order; a database that has migrations this openvet does
 * not know was written by a newer openvet and is refused.
 */
import { sql, type Generated, type Kysely, type Migration } from 'kysely';

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

/** The lookup index: one row per (advisory, package) with the name normalised per ecosystem. */
export interface OsvAffectedTable {
  ecosystem: string;
  name: string;
  advisory_id: string;
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
  osv_affected: OsvAffectedTable;
  osv_source: OsvSourceTable;
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
};
