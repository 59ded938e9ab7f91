/**
 * The analyzer contract. Analyzers run after the inventory is built, over all of its
 * components at once (matching advisories, identifying licences, scoring health), and add
 * evidence; some also fill in a component field they own (the licence analyzer sets
 * `Component.license`).
 *
 * As with extractors, the core owns file and network access: an analyzer reads files only
 * through the bounded, root-confined `ScanFs` it is handed. One component that cannot be
 * analysed never stops a scan: the analyzer reports it in `errors` and goes on; an analyzer
 * that throws is recorded as failed and the scan goes on without its evidence.
 */
import type { AdvisorySource } from '../analyzers/vulns/source.js';
import type { ScanFs } from './fs.js';
import type { Component, ComponentLicense, Evidence, Target } from './types.js';

/** What the core hands an analyzer. */
export interface AnalyzeInput {
  /** The inventory, sorted by id. */
  readonly components: readonly Component[];
  /** Evidence so far (the inventory's declared licences, earlier analyzers' evidence). */
  readonly evidence: readonly Evidence[];
  /** The scanned project (never one of the components). */
  readonly target: Target;
  /** Read-only, bounded access to the scan root (and only it). */
  readonly fs: ScanFs;
  /** Environment the scan runs in; never `process.env` directly. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Every path the walker saw (for a single-file scan: that file only). */
  readonly allPaths: ReadonlySet<string>;
  /**
   * Vulnerability data, when the caller has any (the offline database, the OSV API): the core
   * owns data access, the analyzer only asks.
   */
  readonly advisories?: AdvisorySource;
}

/** Fields of a component an analyzer may set. Each is owned by one analyzer. */
export interface ComponentUpdate {
  readonly id: string;
  readonly license?: ComponentLicense;
}

/** A component or file an analyzer could not handle; the scan went on without it. */
export interface AnalyzerError {
  /** Path relative to the scan root (the component's first location when no file is at fault). */
  readonly path: string;
  readonly componentId?: string;
  readonly message: string;
}

/** What an analyzer returns. */
export interface AnalyzeResult {
  /** New evidence (ids unique within the scan; the core sorts). */
  readonly evidence: readonly Evidence[];
  readonly componentUpdates?: readonly ComponentUpdate[];
  /** Fields of the target the analyzer sets. */
  readonly targetUpdate?: { readonly license?: ComponentLicense };
  readonly errors: readonly AnalyzerError[];
  /** Files read, for the plugin status. */
  readonly filesRead?: number;
  /** One sentence for the plugin status (what data was used, what was missing). */
  readonly note?: string;
}

/** A plugin that adds evidence to the inventory. Object literals checked with `satisfies`. */
export interface Analyzer {
  /** Equal to its folder path under `src/analyzers/`, e.g. `license/component`. */
  readonly name: string;
  /** Whether it needs the network; `--offline` drops such plugins in one place. */
  readonly requiresNetwork: boolean;
  analyze(input: AnalyzeInput): Promise<AnalyzeResult>;
}
