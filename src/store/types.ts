/**
 * The one Store interface. SQLite (embedded, default) today; PostgreSQL later, through the
 * same Kysely code path.
 */
import type { OsvCache } from '../analyzers/vulns/online/cache.js';
import type { OsvRecord } from '../analyzers/vulns/osv/types.js';
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

/** One package an advisory names, as the lookup index stores it (see `advisoryInput`). */
export interface AdvisoryPackageRow {
  readonly ecosystem: string;
  /** Normalised for the ecosystem (`advisoryPackageKey`). */
  readonly name: string;
  /** What matching reads of the advisory for this package (`advisoryMatch`), as JSON text. */
  readonly match: string;
  /** The rest matching reads, parsed only for matches (`advisoryDetail`), as JSON text. */
  readonly detail: string;
}

/**
 * One validated OSV advisory to store: what the store needs of it, worked out by the importer
 * (`advisoryInput`) so that the parsed record can be dropped before the batch is written.
 */
export interface AdvisoryInput {
  readonly id: string;
  readonly modified: string;
  readonly withdrawn?: string;
  /** The record as JSON text, as read (kept whole in `osv_advisory`). */
  readonly json: string;
  /**
   * The same JSON compressed with raw DEFLATE, when the input already had it so (an osv.dev zip
   * entry): stored instead of `json`, smaller and faster to write.
   */
  readonly deflated?: Uint8Array;
  /** The packages it names, one row each. */
  readonly packages: readonly AdvisoryPackageRow[];
}

/** What `importAdvisories` did with one batch. */
export interface AdvisoryImportCounts {
  /** Ids not in the store before. */
  readonly imported: number;
  /** Ids replaced by a record with a newer `modified`. */
  readonly updated: number;
  /** Ids kept as they were: the incoming `modified` is the same or older. */
  readonly unchanged: number;
}

/** An import recorded in `osv_source`. */
export interface AdvisorySource {
  /** What was imported, e.g. `PyPI` (the ecosystems seen, comma-separated). */
  readonly name: string;
  /** The path as given to `openvet db import`. */
  readonly path: string;
  readonly importedAt: string;
  /** The counts of that import (imported, updated, unchanged, withdrawn, invalid). */
  readonly counts: Readonly<Record<string, number>>;
}

/** Advisory counts of one ecosystem. */
export interface AdvisoryEcosystemStatus {
  readonly ecosystem: string;
  /** Advisories naming a package of this ecosystem, withdrawn ones included. */
  readonly advisories: number;
  readonly withdrawn: number;
  /** When an advisory of this ecosystem was last added or replaced. */
  readonly lastUpdated: string;
  /** The newest `modified` among them. */
  readonly newestModified: string;
}

/** What `openvet db status` shows. */
export interface AdvisoryStatus {
  readonly advisories: number;
  readonly withdrawn: number;
  readonly ecosystems: readonly AdvisoryEcosystemStatus[];
  readonly sources: readonly AdvisorySource[];
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
  /**
   * Store a batch of validated OSV advisories in one transaction. A record replaces a stored one
   * only when its `modified` is newer; `importedAt` is when this happened (injected clock).
   */
  importAdvisories(
    batch: readonly AdvisoryInput[],
    options: { readonly source: string; readonly importedAt: string },
  ): Promise<AdvisoryImportCounts>;
  /** Record one finished import (replacing an earlier import of the same path). */
  recordAdvisorySource(source: AdvisorySource): Promise<void>;
  /**
   * The advisories, withdrawn ones excluded, that name a package of `ecosystem` called `name`
   * (normalised for the ecosystem, e.g. PEP 503 for PyPI), sorted by id. Each is the advisory's
   * view for that package: id, modified, published, aliases, summary, severity,
   * `database_specific.severity`, and only the `affected[]` entries naming the package (details,
   * references, credits and other packages' entries are left out: matching never reads them).
   *
   * Each is a `StoredAdvisory`: `id` and `modified` come with the lookup, with what matching
   * reads; the other fields are read from the store the first time one is used (only matching
   * advisories ever are), so use them before `close()`. `JSON.stringify` gives the whole view;
   * a spread (`{ ...record }`) copies only `id` and `modified`.
   */
  advisoriesFor(ecosystem: string, name: string): Promise<OsvRecord[]>;
  /**
   * `advisoriesFor` for many packages in one go (batched queries, each view parsed once). Keyed
   * by `${ecosystem}\u0000${advisoryPackageKey(ecosystem, name)}`; every requested key is
   * present, with an empty list when nothing names it.
   */
  advisoriesForMany(
    keys: readonly { readonly ecosystem: string; readonly name: string }[],
  ): Promise<Map<string, OsvRecord[]>>;
  /**
   * The cache of OSV API answers (query results and fetched records). Kept apart from the
   * imported advisories: `advisoriesFor` never returns a cached API record.
   */
  osvCache(): OsvCache;
  /** Counts per ecosystem and the imports made, for `openvet db status`. */
  advisoryStatus(): Promise<AdvisoryStatus>;
  /** Whether any advisory was imported (cheap: a scan asks it before every run). */
  hasAdvisories(): Promise<boolean>;
  close(): Promise<void>;
}
