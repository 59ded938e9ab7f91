/**
 * The parts of an OSV record that range evaluation reads: the record types of `../osv/types.ts`
 * (spelled as the OSV schema spells them), so that a parsed record's `affected[]` entries are
 * passed in unchanged. Range evaluation needs only `ranges` and `versions` of an entry.
 */
import type { OsvAffected as OsvAffectedEntry, OsvEvent, OsvRange } from '../osv/types.js';

export type { OsvEvent, OsvRange };

/** Range type: `SEMVER` and `ECOSYSTEM` are ordered versions; `GIT` ranges are commit hashes. */
export type OsvRangeType = OsvRange['type'];

/** The version-related fields of one `affected[]` entry. */
export type OsvAffected = Pick<OsvAffectedEntry, 'ranges' | 'versions'>;

/** The answer of `isAffected`: whether the version is affected, and why (or why unknown). */
export interface AffectedResult {
  readonly affected: boolean;
  /** Which rule decided (`listed in versions`, the matching range) or what was skipped. */
  readonly reason?: string;
}
