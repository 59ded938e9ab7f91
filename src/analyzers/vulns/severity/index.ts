/**
 * Severity of an OSV advisory: CVSS v4.0, v3.x or v2 vectors turned into a base score and
 * rating (scores from `ae-cvss-calculator`, which implements every CVSS version's
 * specification), with GitHub's `database_specific.severity` as the fallback when an advisory
 * carries no vector.
 */
import cvss from 'ae-cvss-calculator';

/** The part of the calculator's vector objects used here. */
interface CvssVector {
  isBaseFullyDefined(): boolean;
  calculateScores(): { readonly base?: number };
}

// A CommonJS package whose named exports Node's ESM loader cannot detect: use the default export.
const fromVector = cvss.fromVector as (vector: string) => CvssVector | null | undefined;

/** Qualitative rating (CVSS v3/v4 bands; GHSA's "moderate" is `medium`). */
export type SeverityRating = 'critical' | 'high' | 'medium' | 'low' | 'none';

/** The severity openvet reports for an advisory. */
export interface AdvisorySeverity {
  readonly rating: SeverityRating;
  /** CVSS base score 0–10, when a vector gave one. */
  readonly score?: number;
  /** The vector the score comes from. */
  readonly vector?: string;
  /** Where it comes from: the OSV severity type, or the database's own rating. */
  readonly source: 'CVSS_V4' | 'CVSS_V3' | 'CVSS_V2' | 'database_specific';
}

/** The parts of an OSV record severity is read from. */
export interface SeverityInput {
  readonly severity?: readonly { readonly type?: unknown; readonly score?: unknown }[] | null;
  readonly affected?:
    | readonly {
        readonly severity?: readonly { readonly type?: unknown; readonly score?: unknown }[] | null;
      }[]
    | null;
  readonly database_specific?: unknown;
}

/** Longest vector handed to the calculator (real ones are under 200 characters). */
const MAX_VECTOR = 512;
const PREFERENCE = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'] as const;

/**
 * The advisory's severity: the newest CVSS version it has a valid vector for (record-level, then
 * per-package), else the database's own rating; undefined when it states none.
 */
export function severityOf(record: SeverityInput): AdvisorySeverity | undefined {
  const entries = [
    ...(record.severity ?? []),
    ...(record.affected ?? []).flatMap((a) => a.severity ?? []),
  ];
  for (const type of PREFERENCE) {
    for (const entry of entries) {
      if (entry.type !== type || typeof entry.score !== 'string') continue;
      const scored = scoreVector(entry.score);
      if (scored !== undefined)
        return { rating: ratingOf(scored, type), score: scored, vector: entry.score, source: type };
    }
  }
  const stated = databaseRating(record.database_specific);
  return stated === undefined ? undefined : { rating: stated, source: 'database_specific' };
}

// Scores by vector: advisories share a few thousand distinct vectors, and parsing one with the
// calculator costs tens of microseconds (a third of matching time on large inventories).
const SCORES = new Map<string, number | undefined>();
const MAX_SCORES = 50_000;

/** CVSS base score of a vector, or undefined when it is not a complete, valid vector. */
export function scoreVector(vector: string): number | undefined {
  if (SCORES.has(vector)) return SCORES.get(vector);
  const score = computeScore(vector);
  if (SCORES.size >= MAX_SCORES) SCORES.clear();
  SCORES.set(vector, score);
  return score;
}

function computeScore(vector: string): number | undefined {
  if (vector.length > MAX_VECTOR) return undefined;
  let parsed: CvssVector | null | undefined;
  try {
    parsed = fromVector(vector.trim());
  } catch {
    return undefined;
  }
  if (!parsed || !parsed.isBaseFullyDefined()) return undefined;
  let base: number | undefined;
  try {
    base = parsed.calculateScores().base;
  } catch {
    return undefined;
  }
  return typeof base === 'number' && Number.isFinite(base) && base >= 0 && base <= 10
    ? base
    : undefined;
}

/** Rating bands: CVSS v3.x and v4.0 (FIRST), CVSS v2 (NVD: no "critical", no "none"). */
export function ratingOf(score: number, type: (typeof PREFERENCE)[number]): SeverityRating {
  if (type === 'CVSS_V2') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

const DATABASE_RATINGS: Readonly<Record<string, SeverityRating>> = {
  critical: 'critical',
  high: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
};

/** `database_specific.severity` as GitHub (and others) state it. */
function databaseRating(databaseSpecific: unknown): SeverityRating | undefined {
  if (typeof databaseSpecific !== 'object' || databaseSpecific === null) return undefined;
  const value = (databaseSpecific as { severity?: unknown }).severity;
  return typeof value === 'string' ? DATABASE_RATINGS[value.toLowerCase()] : undefined;
}
