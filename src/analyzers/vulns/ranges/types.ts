/**
 * The parts of an OSV record that range evaluation reads, spelled as the OSV schema spells them
 * (https://ossf.github.io/osv-schema/#affectedranges-field), so that a parsed record's
 * `affected[]` entries can be passed in unchanged.
 */

/** Range type: `SEMVER` and `ECOSYSTEM` are ordered versions; `GIT` ranges are commit hashes. */
export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

/** One event of a range's timeline: exactly one of the four keys. */
export type OsvEvent =
  | { readonly introduced: string }
  | { readonly fixed: string }
  | { readonly last_affected: string }
  | { readonly limit: string };

/** One `affected[].ranges[]` entry. */
export interface OsvRange {
  readonly type: OsvRangeType;
  /** The repository of a `GIT` range. */
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
}

/** The version-related fields of one `affected[]` entry. */
export interface OsvAffected {
  readonly ranges?: readonly OsvRange[];
  /** Exact affected versions, in the ecosystem's syntax. */
  readonly versions?: readonly string[];
}

/** The answer of `isAffected`: whether the version is affected, and why (or why unknown). */
export interface AffectedResult {
  readonly affected: boolean;
  /** Which rule decided (`listed in versions`, the matching range) or what was skipped. */
  readonly reason?: string;
}
