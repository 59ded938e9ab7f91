/**
 * An OSV record (OSV schema 1.x, https://ossf.github.io/osv-schema/) as openvet reads it after
 * validation. Field names follow the schema exactly so that a stored record round-trips as JSON
 * and range evaluation (`../ranges/`) reads `affected[]` entries as they are.
 */

/** One `severity` entry: a scoring system and its vector or rating. */
export interface OsvSeverity {
  readonly type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'Ubuntu';
  readonly score: string;
}

/** One range event: exactly one of the four keys is present. */
export type OsvEvent =
  | { readonly introduced: string }
  | { readonly fixed: string }
  | { readonly last_affected: string }
  | { readonly limit: string };

/** One `affected[].ranges[]` entry. `repo` is present for `GIT` ranges. */
export interface OsvRange {
  readonly type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

/** One `affected[]` entry: a package and the versions of it the advisory applies to. */
export interface OsvAffected {
  readonly package?: { readonly ecosystem: string; readonly name: string; readonly purl?: string };
  readonly severity?: readonly OsvSeverity[] | null;
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
  readonly ecosystem_specific?: Readonly<Record<string, unknown>>;
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

/** One `references[]` entry. */
export interface OsvReference {
  readonly type: string;
  readonly url: string;
}

/** One `credits[]` entry. */
export interface OsvCredit {
  readonly name: string;
  readonly contact?: readonly string[];
  readonly type?: string;
}

/** A validated OSV record. */
export interface OsvRecord {
  readonly schema_version?: string;
  readonly id: string;
  readonly modified: string;
  readonly published?: string;
  readonly withdrawn?: string;
  readonly aliases?: readonly string[] | null;
  readonly related?: readonly string[];
  readonly upstream?: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly severity?: readonly OsvSeverity[] | null;
  readonly affected?: readonly OsvAffected[] | null;
  readonly references?: readonly OsvReference[] | null;
  readonly credits?: readonly OsvCredit[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
}
