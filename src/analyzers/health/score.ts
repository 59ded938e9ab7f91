/**
 * openvet's health score: four dimensions, each 0–10, and an overall 0–10, computed only from
 * signals that could be measured. A signal that is missing (a check that needs forge data, a
 * release recency with no release ever) is left out, never imputed: scores are weighted means of
 * the signals present, and `confidence` = weight present / total weight.
 *
 * Overall = Σ(signal weight × signal score) / Σ(weight of the signals present), where a signal's
 * weight is its dimension's weight × its share within the dimension. Dimensions (weights):
 *
 * - activity (0.30): human commits in 90 days, min(10, 10·n/12) (w 3; 12 ≈ one a week, as
 *   Scorecard's Maintained); days since the last commit d, 10 up to 30 days then linear to 0 at
 *   365 (w 3); releases in 365 days n, 0 → 0, else min(10, 5 + 1.25·(n − 1)) (w 2); days since
 *   the last release d, 10 up to 90 then linear to 0 at 730, missing when never released (w 2).
 * - people (0.25): active maintainers in 365 days (0, 1, 2, 3, ≥4 → 0, 3, 6, 8, 10) (w 3); truck
 *   factor (1, 2, 3, 4, ≥5 → 2, 5, 7, 8.5, 10; missing when no file has an author) (w 4); CHAOSS
 *   contributor absence factor over 365 days (same scale, 0 → 0) (w 3).
 * - security (0.30): Scorecard checks, weighted by Scorecard's own risk levels (Critical 10,
 *   High 7.5, Medium 5, Low 2.5): Dangerous-Workflow 10, Binary-Artifacts 7.5,
 *   Token-Permissions 7.5, Dependency-Update-Tool 7.5, Pinned-Dependencies 5, Security-Policy 5,
 *   SAST 5, Fuzzing 5.
 * - process (0.15): Code-Review 7.5, Packaging 5, CI-Tests 2.5, License 2.5 (Scorecard scores);
 *   tests present 5, CI running tests 5, lockfile committed 2.5, changelog 2.5, CONTRIBUTING
 *   2.5, CODEOWNERS 2.5 (10 when present, 0 when absent).
 *
 * Hard flags are shown apart and never folded into the score: an archived/deprecated notice, no
 * licence, a dangerous workflow, a single maintainer, no human commit in a year.
 */
import type { HistoryMetrics } from './history/index.js';
import type { CheckResult, ScorecardCheckName } from './scorecard/types.js';

/** The four dimensions. */
export type DimensionName = 'activity' | 'people' | 'security' | 'process';

/** Weights of the dimensions in the overall score (sum 1). */
export const DIMENSION_WEIGHTS: Readonly<Record<DimensionName, number>> = {
  activity: 0.3,
  people: 0.25,
  security: 0.3,
  process: 0.15,
};

/** Project-file facts the process dimension uses (undefined: not determined). */
export interface ProcessSignals {
  readonly tests?: boolean;
  readonly ciRunsTests?: boolean;
  readonly lockfile?: boolean;
  readonly changelog?: boolean;
  readonly contributing?: boolean;
  readonly codeowners?: boolean;
}

/** One signal as scored. */
export interface SignalScore {
  readonly name: string;
  /** Weight within its dimension. */
  readonly weight: number;
  /** 0–10, or null when missing (left out, not imputed). */
  readonly score: number | null;
  /** The measured value it was scored from. */
  readonly value?: number | boolean | string;
  readonly reason?: string;
}

/** One dimension. */
export interface DimensionScore {
  /** Weighted mean of the signals present, 0–10 (one decimal), or null when none is. */
  readonly score: number | null;
  readonly weight: number;
  /** Weight present / total weight within the dimension. */
  readonly confidence: number;
  readonly signals: readonly SignalScore[];
}

/** A problem shown apart from the score. */
export interface HealthFlag {
  readonly id:
    | 'archived-or-deprecated'
    | 'no-license'
    | 'dangerous-workflow'
    | 'single-maintainer'
    | 'no-recent-activity';
  readonly message: string;
  readonly evidence: readonly string[];
}

/** Everything the score is computed from. */
export interface ScoreInput {
  readonly history: HistoryMetrics;
  readonly scorecard: Partial<Record<ScorecardCheckName, CheckResult>>;
  readonly process: ProcessSignals;
  /** A notice saying the project is archived, deprecated or unmaintained (`path:line: text`). */
  readonly deprecationNotice?: string;
}

/** The score. */
export interface HealthScore {
  readonly dimensions: Readonly<Record<DimensionName, DimensionScore>>;
  readonly score: number | null;
  readonly confidence: number;
  readonly flags: readonly HealthFlag[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const clamp10 = (n: number): number => Math.max(0, Math.min(10, n));

/** 10 up to `full` days, then linear down to 0 at `zero` days. */
export function recencyScore(days: number, full: number, zero: number): number {
  if (days <= full) return 10;
  return clamp10((10 * (zero - days)) / (zero - full));
}

/** 1, 2, 3, 4, ≥5 people → 2, 5, 7, 8.5, 10 (0 → 0). */
export function peopleScale(n: number): number {
  return [0, 2, 5, 7, 8.5][n] ?? 10;
}

function weighted(signals: readonly SignalScore[], weight: number): DimensionScore {
  let total = 0;
  let present = 0;
  let sum = 0;
  for (const s of signals) {
    total += s.weight;
    if (s.score === null) continue;
    present += s.weight;
    sum += s.weight * s.score;
  }
  return {
    score: present === 0 ? null : round1(sum / present),
    weight,
    confidence: total === 0 ? 0 : round2(present / total),
    signals,
  };
}

function activity(h: HistoryMetrics): SignalScore[] {
  const n90 = h.commits.humanInWindow.last90Days;
  const rel = h.releases.last365Days;
  return [
    {
      name: 'human-commits-90d',
      weight: 3,
      value: n90,
      score: round1(Math.min(10, (10 * n90) / 12)),
    },
    h.daysSinceLastCommit === undefined
      ? {
          name: 'days-since-last-commit',
          weight: 3,
          score: null,
          reason: 'no commit up to the as-of date',
        }
      : {
          name: 'days-since-last-commit',
          weight: 3,
          value: h.daysSinceLastCommit,
          score: round1(recencyScore(h.daysSinceLastCommit, 30, 365)),
        },
    {
      name: 'releases-365d',
      weight: 2,
      value: rel,
      score: rel === 0 ? 0 : round1(Math.min(10, 5 + 1.25 * (rel - 1))),
    },
    h.releases.daysSinceLastRelease === undefined
      ? { name: 'days-since-last-release', weight: 2, score: null, reason: 'no release tag' }
      : {
          name: 'days-since-last-release',
          weight: 2,
          value: h.releases.daysSinceLastRelease,
          score: round1(recencyScore(h.releases.daysSinceLastRelease, 90, 730)),
        },
  ];
}

function people(h: HistoryMetrics): SignalScore[] {
  const m = h.activeMaintainers.last365Days;
  const shallow = h.shallow ? 'shallow clone: a lower bound' : undefined;
  const caf = h.contributorAbsenceFactor.last365Days;
  return [
    {
      name: 'active-maintainers-365d',
      weight: 3,
      value: m,
      score: [0, 3, 6, 8][m] ?? 10,
      ...(shallow !== undefined ? { reason: shallow } : {}),
    },
    h.truckFactor.value === 0
      ? {
          name: 'truck-factor',
          weight: 4,
          score: null,
          reason: 'no file at HEAD has an author in the history read',
        }
      : {
          name: 'truck-factor',
          weight: 4,
          value: h.truckFactor.value,
          score: peopleScale(h.truckFactor.value),
          ...(shallow !== undefined ? { reason: shallow } : {}),
        },
    { name: 'contributor-absence-factor-365d', weight: 3, value: caf, score: peopleScale(caf) },
  ];
}

const SECURITY_CHECKS: readonly [ScorecardCheckName, number][] = [
  ['Dangerous-Workflow', 10],
  ['Binary-Artifacts', 7.5],
  ['Token-Permissions', 7.5],
  ['Dependency-Update-Tool', 7.5],
  ['Pinned-Dependencies', 5],
  ['Security-Policy', 5],
  ['SAST', 5],
  ['Fuzzing', 5],
];

const PROCESS_CHECKS: readonly [ScorecardCheckName, number][] = [
  ['Code-Review', 7.5],
  ['Packaging', 5],
  ['CI-Tests', 2.5],
  ['License', 2.5],
];

const PROCESS_SIGNALS: readonly [keyof ProcessSignals, string, number][] = [
  ['tests', 'tests-present', 5],
  ['ciRunsTests', 'ci-runs-tests', 5],
  ['lockfile', 'lockfile-committed', 2.5],
  ['changelog', 'changelog', 2.5],
  ['contributing', 'contributing', 2.5],
  ['codeowners', 'codeowners', 2.5],
];

function checkSignals(
  checks: ScoreInput['scorecard'],
  list: readonly [ScorecardCheckName, number][],
): SignalScore[] {
  return list.map(([name, weight]) => {
    const c = checks[name];
    if (c === undefined) return { name, weight, score: null, reason: 'check not run' };
    return { name, weight, score: c.score, reason: c.reason };
  });
}

function flags(input: ScoreInput): HealthFlag[] {
  const out: HealthFlag[] = [];
  const { history: h, scorecard } = input;
  if (input.deprecationNotice !== undefined)
    out.push({
      id: 'archived-or-deprecated',
      message: 'the project says it is archived, deprecated or no longer maintained',
      evidence: [input.deprecationNotice],
    });
  const license = scorecard.License;
  if (license !== undefined && license.score === 0)
    out.push({
      id: 'no-license',
      message: 'no licence file found',
      evidence: [...license.evidence],
    });
  const dw = scorecard['Dangerous-Workflow'];
  if (dw !== undefined && dw.score !== null && dw.score < 10)
    out.push({ id: 'dangerous-workflow', message: dw.reason, evidence: [...dw.evidence] });
  if (h.commits.humanInWindow.last365Days === 0)
    out.push({
      id: 'no-recent-activity',
      message: `no human commit in the 365 days before ${h.asOf.slice(0, 10)}`,
      evidence: h.lastCommitAt !== undefined ? [`last commit ${h.lastCommitAt}`] : [],
    });
  else if (h.activeMaintainers.last365Days <= 1)
    out.push({
      id: 'single-maintainer',
      message: 'one person made every commit of the last 365 days',
      evidence: h.topMaintainers.slice(0, 1).map((p) => `${p.name}: ${p.commits} commit(s)`),
    });
  return out;
}

/** Score a repository (see the module comment for every formula). */
export function scoreHealth(input: ScoreInput): HealthScore {
  const process: SignalScore[] = [
    ...checkSignals(input.scorecard, PROCESS_CHECKS),
    ...PROCESS_SIGNALS.map(([key, name, weight]): SignalScore => {
      const v = input.process[key];
      return v === undefined
        ? { name, weight, score: null, reason: 'not determined' }
        : { name, weight, value: v, score: v ? 10 : 0 };
    }),
  ];
  const dimensions: Record<DimensionName, DimensionScore> = {
    activity: weighted(activity(input.history), DIMENSION_WEIGHTS.activity),
    people: weighted(people(input.history), DIMENSION_WEIGHTS.people),
    security: weighted(checkSignals(input.scorecard, SECURITY_CHECKS), DIMENSION_WEIGHTS.security),
    process: weighted(process, DIMENSION_WEIGHTS.process),
  };
  // Overall: every present signal at its global weight (dimension weight × share in dimension).
  let present = 0;
  let sum = 0;
  for (const d of Object.values(dimensions)) {
    const total = d.signals.reduce((s, x) => s + x.weight, 0);
    for (const s of d.signals) {
      if (s.score === null || total === 0) continue;
      const w = (d.weight * s.weight) / total;
      present += w;
      sum += w * s.score;
    }
  }
  return {
    dimensions,
    score: present === 0 ? null : round1(sum / present),
    confidence: round2(present),
    flags: flags(input),
  };
}
