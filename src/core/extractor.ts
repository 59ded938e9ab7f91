/**
 * The extractor contract (after OSV-SCALIBR's filesystem extractors).
 *
 * The core owns all file access: it walks the tree, asks each extractor cheaply whether it
 * wants a path, and hands the extractor a bounded, read-only view of that file (and of the
 * scan root, for formats that must look at siblings). The extractor parses and returns
 * package records; the core turns records into components (ids, purls, merging, edges).
 *
 * One bad file never stops a scan: an extractor throws (ideally an `InputError` with a line)
 * and the runner records a per-file error and carries on.
 */
import type {
  ComponentKind,
  ComponentSource,
  Ecosystem,
  Hash,
  LicenseStatement,
  Scope,
} from './types.js';
import type { ScanFs } from './fs.js';

/** A file or directory the walker found, as an extractor sees it. */
export interface FileEntry {
  /** Path relative to the scan root, `/`-separated, no leading `./`. */
  readonly path: string;
  /** Last path segment. */
  readonly base: string;
  /** Size in bytes (files only; 0 for directories). */
  readonly size: number;
  /** Directories only: the names of its entries (files and subdirectories), sorted. */
  readonly children?: readonly string[];
}

/**
 * One package (or model, or dataset) as a file declares it. Extractors return these; the core
 * assigns ids and purls and merges records of the same component found in several files.
 */
export interface PackageRecord {
  readonly kind?: ComponentKind;
  readonly ecosystem: Ecosystem;
  /** Name as written; the core canonicalises it for the ecosystem (PEP 503 for PyPI). */
  readonly name: string;
  /** Exact version when locked. Absent when the source only has a range or nothing. */
  readonly version?: string;
  /**
   * Dependency groups the source puts it in (`dev`, `optional`, `peer`, `bundled`, `test`,
   * poetry/uv group names, …). Empty or absent means the production group.
   */
  readonly groups?: readonly string[];
  /** true: the project names it directly; false: transitive; undefined: cannot tell. */
  readonly direct?: boolean;
  /**
   * The scope, when the extractor derived it from more than `groups` and `direct` say: e.g. a
   * pnpm 9 or bun.lock package that only development dependencies lead to is `dev`, though the
   * lockfile puts it in no group.
   */
  readonly scope?: Scope;
  /** 1-based line of the declaration, when the format has meaningful lines. */
  readonly line?: number;
  /**
   * The file (relative to the scan root) that declares the record, when it is not the extracted
   * file itself, e.g. a requirements file pulled in with `-r`. `line` is then a line of that file.
   */
  readonly declaredIn?: string;
  /** Other files belonging to the component (model shards, card, config), relative to root. */
  readonly files?: readonly string[];
  /** Licence as the file states it. */
  readonly declaredLicense?: string;
  /**
   * Every licence statement of the record, each with how it is stated, when there is more than
   * `declaredLicense` says (Python's `License:` plus trove classifiers, a model card's
   * `license_name`/`license_link`) or it is not an SPDX field. Replaces `declaredLicense` as the
   * source of declared-licence evidence when present.
   */
  readonly licenseStatements?: readonly LicenseStatement[];
  readonly source?: ComponentSource;
  readonly hashes?: readonly Hash[];
  /** Format-specific facts worth keeping. */
  readonly properties?: Readonly<Record<string, string>>;
  /**
   * A key naming this record within the file, for dependency edges (e.g. the
   * `node_modules/a/node_modules/b` path of package-lock v2, or `name@version`).
   * Defaults to `name@version`.
   */
  readonly key?: string;
  /** Keys (see `key`) of the records in the same file this one depends on. */
  readonly dependsOn?: readonly string[];
}

/** The project's own package as a manifest or lockfile describes it (becomes the scan target). */
export interface RootRecord {
  readonly ecosystem: Ecosystem;
  readonly name?: string;
  readonly version?: string;
  readonly declaredLicense?: string;
  /** Keys of the records the root depends on directly. */
  readonly dependsOn?: readonly string[];
}

/** What an extractor returns for one file. */
export interface ExtractResult {
  readonly packages: readonly PackageRecord[];
  /** The project described by this file, when the format records it. */
  readonly root?: RootRecord;
  /**
   * Records of files that share a key scope resolve `dependsOn` keys across those files (e.g.
   * every METADATA file of one `site-packages`). Defaults to the extracted file alone.
   */
  readonly keyScope?: string;
  /** Non-fatal problems (a line skipped, an include not found). Reported as scan errors. */
  readonly warnings?: readonly {
    readonly message: string;
    readonly line?: number;
    readonly path?: string;
  }[];
}

/** What the core hands an extractor. */
export interface ExtractInput {
  /** The file (or directory, for directory extractors) being extracted. */
  readonly entry: FileEntry;
  /** Read-only, bounded access to the scan root (and only it). */
  readonly fs: ScanFs;
  /** Environment the scan runs in (for `$HF_HOME` and the like); never `process.env` directly. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Every path the walker saw, for extractors that need to know about siblings. */
  readonly allPaths: ReadonlySet<string>;
}

/** A plugin that turns files into package records. Object literals checked with `satisfies`. */
export interface Extractor {
  /** Equal to its folder path under `src/extractors/`, e.g. `npm/package-lock`. */
  readonly name: string;
  readonly ecosystem: Ecosystem;
  /** Whether it needs the network; `--offline` drops such plugins in one place. */
  readonly requiresNetwork: boolean;
  /**
   * `file`: called for each file the walker finds.
   * `directory`: called for each directory (`node_modules`, a model folder, …).
   */
  readonly target: 'file' | 'directory';
  /** Cheap check on the path alone (and the size): does this extractor want it? */
  required(entry: FileEntry): boolean;
  /**
   * Parse it. Throw an `InputError` (with a line where known) when the file is malformed.
   */
  extract(input: ExtractInput): Promise<ExtractResult>;
  /**
   * Directory extractors only: the walker does not descend into a directory this returns
   * true for (e.g. `node_modules`, which the npm extractor reads as an installed tree).
   */
  readonly claimsDirectory?: (entry: FileEntry) => boolean;
}
