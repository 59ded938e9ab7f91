/**
 * The Scorecard checks that rest on history or on the forge rather than on files: `Maintained`
 * (computed from the clone's commits), `Code-Review` and `CI-Tests` (null: a clone carries no
 * pull requests, reviews or CI statuses).
 *
 * `Maintained` follows Scorecard's code, read in ossf/scorecard:
 * - checks/evaluation/maintained.go: archived → 0; created in the last 90 days → 0; otherwise
 *   CreateProportionalScoreResult(commits + issue activity, 90/7) where 90/7 is Go integer
 *   division, 12 (checker/check_result.go: score = min(10·success/total, 10), integer division);
 * - probes/hasRecentCommits/impl.go: commits counted are those of `DefaultBranchCommits` whose
 *   CommittedDate (committer date, not author date) is within 90 days;
 * - clients/git/client.go ListCommits: `DefaultBranchCommits` is the newest `commitDepth`
 *   commits in committer-time order, 30 by default (so at most 30 count).
 * docs/checks.md says "at least one commit per week during the previous 90 days" gets the top
 * score, which would be 13 commits; the code gives 10 at 12, and counts commits, not weeks with
 * a commit. We follow the code. Issue activity and the archived flag are not in a clone: the
 * score counts commits only (a lower bound of Scorecard's) and the reason says so. Creation date:
 * the oldest commit is never later than the forge's creation date, so a first commit within 90
 * days proves "created in the last 90 days"; an older one cannot disprove it (an imported
 * repository) and is taken as not recent.
 */
import type { HistoryMetrics } from './history/index.js';
import type { CheckResult, ScorecardCheckName } from './scorecard/types.js';

const LOOK_BACK_DAYS = 90;
/** Scorecard's `activityPerWeek * lookBackDays / daysInOneWeek` in Go integer arithmetic. */
const MAINTAINED_TOTAL = Math.floor((1 * LOOK_BACK_DAYS) / 7);
/** Scorecard's default `--commit-depth`. */
const COMMIT_DEPTH = 30;
const DAY = 86_400;

/** Scorecard's CreateProportionalScore. */
export function proportionalScore(success: number, total: number): number {
  if (total === 0) return 0;
  return Math.min(Math.trunc((10 * success) / total), 10);
}

/** Scorecard's `Maintained` from the history of a clone (see the module comment). */
export function maintainedCheck(history: HistoryMetrics): CheckResult {
  const asOf = Math.floor(Date.parse(history.asOf) / 1000);
  const threshold = asOf - LOOK_BACK_DAYS * DAY;
  const evidence: string[] = [];
  if (history.oldestCommitTime === undefined)
    return { score: null, reason: 'no commits on HEAD up to the as-of date', evidence };
  const first = new Date(history.oldestCommitTime * 1000).toISOString().slice(0, 10);
  evidence.push(`HEAD: oldest commit read dated ${first}`);
  if (history.oldestCommitTime > threshold) {
    if (history.shallow)
      return {
        score: null,
        reason: 'shallow clone: the creation date cannot be told (fetch the full history)',
        evidence,
      };
    return {
      score: 0,
      reason: 'project was created in last 90 days. please review its contents carefully',
      evidence,
    };
  }
  const recent = history.recentCommitTimes.slice(0, COMMIT_DEPTH).filter((t) => t > threshold);
  evidence.push(
    `HEAD: ${recent.length} of the newest ${Math.min(COMMIT_DEPTH, history.recentCommitTimes.length)} commits committed after ${new Date(threshold * 1000).toISOString().slice(0, 10)}`,
  );
  const score = proportionalScore(recent.length, MAINTAINED_TOTAL);
  return {
    score,
    reason:
      `${recent.length} commit(s) found in the last ${LOOK_BACK_DAYS} days -- score normalized to ${score}` +
      ' (commits only: issue activity and the archived flag are not in a clone)',
    evidence,
  };
}

/** Checks that need the forge's data: null, with why. */
export function forgeOnlyChecks(): Pick<
  Record<ScorecardCheckName, CheckResult>,
  'CI-Tests' | 'Code-Review'
> {
  return {
    'CI-Tests': {
      score: null,
      reason: 'needs the CI status of merged pull requests (forge API); a clone does not carry it',
      evidence: [],
    },
    'Code-Review': {
      score: null,
      reason: 'needs the reviews of merged pull requests (forge API); a clone does not carry them',
      evidence: [],
    },
  };
}

/** The history-based Scorecard checks. */
export function historyChecks(
  history: HistoryMetrics,
): Pick<Record<ScorecardCheckName, CheckResult>, 'Maintained' | 'CI-Tests' | 'Code-Review'> {
  return { Maintained: maintainedCheck(history), ...forgeOnlyChecks() };
}

/**
 * Scorecard's Dependency-Update-Tool also counts Dependabot's commits when no configuration file
 * is found (checks/raw/dependency_update_tool.go: SearchCommits by `dependabot[bot]`, committer
 * id 49699333). The file check cannot see commits; the history can: a file-check result of 0 is
 * raised to Scorecard's 10 when the history holds such a commit.
 */
export function withDependabotCommits(
  fileCheck: CheckResult | undefined,
  history: HistoryMetrics,
): CheckResult | undefined {
  if (fileCheck === undefined || fileCheck.score !== 0 || history.dependabotCommit === undefined)
    return fileCheck;
  return {
    score: 10,
    reason: 'update tool detected',
    evidence: [`commit ${history.dependabotCommit}: by dependabot[bot] (Dependabot)`],
  };
}
