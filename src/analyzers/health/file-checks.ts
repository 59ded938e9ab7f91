/**
 * The bridge to the Scorecard file checks and project-file signals of `./scorecard/`: the
 * default implementation `openvet health` uses, injectable so tests can stub it.
 */
import type { ProcessSignals } from './score.js';
import { projectFileSignals, scorecardFileChecks } from './scorecard/index.js';
import type { ProjectFileSignals } from './scorecard/project-signals.js';
import type { CheckResult, RepoFiles, ScorecardCheckName } from './scorecard/types.js';

/** What the file analysis provides. */
export interface FileChecks {
  scorecardFileChecks(files: RepoFiles): Promise<Partial<Record<ScorecardCheckName, CheckResult>>>;
  projectFileSignals(files: RepoFiles): Promise<ProjectFileSignals>;
}

/** The real file checks of `./scorecard/`. */
export const DEFAULT_FILE_CHECKS: FileChecks = { scorecardFileChecks, projectFileSignals };

/** The process-dimension signals out of the project-file signals. */
export function toProcessSignals(p: ProjectFileSignals | undefined): ProcessSignals {
  if (p === undefined) return {};
  return {
    tests: p.tests.present,
    ciRunsTests: p.ci.runsTests,
    lockfile: p.lockfiles.present,
    changelog: p.changelog.present,
    contributing: p.contributing.present,
    codeowners: p.codeowners.present,
  };
}
