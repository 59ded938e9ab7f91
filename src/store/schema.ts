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

export interface Database {
  scans: ScansTable;
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
};
