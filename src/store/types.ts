/**
 * The one Store interface. SQLite (embedded, default) today; PostgreSQL later, through the
 * same Kysely code path.
 */
import type { ScanResult } from '../core/types.js';

/** A recorded scan, as `openvet history` lists it. */
export interface ScanSummary {
  readonly id: number;
  readonly targetPath: string;
  readonly targetName: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly toolVersion: string;
  readonly components: number;
  readonly errors: number;
  readonly verdict: ScanResult['verdict']['status'];
}

export interface Store {
  /** Record a finished scan; returns its id. */
  recordScan(result: ScanResult): Promise<number>;
  /** Most recent first. */
  listScans(options?: {
    readonly limit?: number;
    readonly target?: string;
  }): Promise<ScanSummary[]>;
  /** The full result of one scan, or undefined. */
  getScan(id: number): Promise<ScanResult | undefined>;
  close(): Promise<void>;
}
