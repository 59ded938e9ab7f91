/**
 * The health of one repository from a local clone, offline: history metrics (one `git log`
 * pass), Scorecard checks (file checks from `./scorecard/`, history checks from here), project
 * files, and the score with its confidence and hard flags. `openvet health` prints this.
 */
import { describeError } from '../../core/errors.js';
import { DEFAULT_FILE_CHECKS, toProcessSignals, type FileChecks } from './file-checks.js';
import { openRepository } from './git.js';
import { historyChecks, withDependabotCommits } from './history-checks.js';
import { analyzeHistory, emptyHistory, type HistoryMetrics } from './history/index.js';
import { findDeprecationNotice } from './notices.js';
import { gitHeadFiles, trackedFiles } from './repo/git-head.js';
import { workTreeFiles } from './repo/work-tree.js';
import { scoreHealth, type DimensionName, type DimensionScore, type HealthFlag } from './score.js';
import type { ProjectFileSignals } from './scorecard/project-signals.js';
import type { CheckResult, RepoFiles, ScorecardCheckName } from './scorecard/types.js';

/** Every Scorecard check openvet reports, in Scorecard's documentation order. */
export const SCORECARD_CHECKS: readonly ScorecardCheckName[] = [
  'Binary-Artifacts',
  'CI-Tests',
  'Code-Review',
  'Dangerous-Workflow',
  'Dependency-Update-Tool',
  'Fuzzing',
  'License',
  'Maintained',
  'Packaging',
  'Pinned-Dependencies',
  'SAST',
  'Security-Policy',
  'Token-Permissions',
];

/** What `openvet health` reports (its JSON output). */
export interface HealthReport {
  readonly repository: {
    /** The path as given. */
    readonly path: string;
    /** The work tree's top level or the bare repository. */
    readonly dir: string;
    readonly bare: boolean;
    readonly shallow: boolean;
    /** Where the file checks read files from. */
    readonly files: 'work-tree' | 'HEAD';
  };
  readonly asOf: string;
  readonly history: HistoryMetrics;
  readonly scorecard: Readonly<Record<ScorecardCheckName, CheckResult>>;
  /** Tests, CI, lockfile, changelog, CONTRIBUTING, CODEOWNERS, SECURITY.md contents. */
  readonly projectFiles?: ProjectFileSignals;
  readonly dimensions: Readonly<Record<DimensionName, DimensionScore>>;
  readonly score: number | null;
  readonly confidence: number;
  readonly flags: readonly HealthFlag[];
  /** What could not be done, and why. */
  readonly notes: readonly string[];
}

/** Options of {@link analyzeRepository}. */
export interface AnalyzeRepositoryOptions {
  readonly asOf: Date;
  /** The real clock (age of the newest commit). */
  readonly now?: Date;
  /** The file checks (default: `./scorecard/`); tests inject their own. */
  readonly fileChecks?: FileChecks;
}

/** Analyse the repository at `target` (throws InputError when it is not a git repository). */
export async function analyzeRepository(
  target: string,
  options: AnalyzeRepositoryOptions,
): Promise<HealthReport> {
  const repo = await openRepository(target);
  const notes: string[] = [];
  if (!repo.hasCommits) notes.push('the repository has no commit yet');
  if (repo.shallow)
    notes.push('shallow clone: history metrics are lower bounds (git fetch --unshallow)');

  let files: RepoFiles & { close?: () => Promise<void>; truncated?: string };
  if (repo.bare) files = repo.hasCommits ? await gitHeadFiles(repo.dir) : emptyFiles();
  else {
    // The tracked files only (as Scorecard reads the committed tree), as they are on disk.
    const tracked = await trackedFiles(repo.dir);
    files = await workTreeFiles(repo.dir, { paths: tracked.paths });
    if (tracked.truncated !== undefined) notes.push(`file listing cut: ${tracked.truncated}`);
  }
  try {
    if (files.truncated !== undefined) notes.push(`file listing cut: ${files.truncated}`);
    const history = repo.hasCommits
      ? await analyzeHistory(repo.dir, {
          asOf: options.asOf,
          ...(options.now !== undefined ? { now: options.now } : {}),
        })
      : emptyHistory(options.asOf);
    if (history.truncated !== undefined) notes.push(history.truncated);

    let fileResults: Partial<Record<ScorecardCheckName, CheckResult>> = {};
    let projectFiles: ProjectFileSignals | undefined;
    const fc = options.fileChecks ?? DEFAULT_FILE_CHECKS;
    try {
      fileResults = await fc.scorecardFileChecks(files);
    } catch (error) {
      notes.push(`Scorecard file checks failed: ${describeError(error)}`);
    }
    try {
      projectFiles = await fc.projectFileSignals(files);
    } catch (error) {
      notes.push(`project-file signals failed: ${describeError(error)}`);
    }
    const computed: Partial<Record<ScorecardCheckName, CheckResult>> = {
      ...fileResults,
      ...historyChecks(history),
    };
    const dut = withDependabotCommits(fileResults['Dependency-Update-Tool'], history);
    if (dut !== undefined) computed['Dependency-Update-Tool'] = dut;
    const scorecard = {} as Record<ScorecardCheckName, CheckResult>;
    for (const name of SCORECARD_CHECKS)
      scorecard[name] = computed[name] ?? {
        score: null,
        reason: 'not computed (the Scorecard file checks failed, see notes)',
        evidence: [],
      };

    const deprecationNotice = await findDeprecationNotice(files);
    const score = scoreHealth({
      history,
      scorecard: computed,
      process: toProcessSignals(projectFiles),
      ...(deprecationNotice !== undefined ? { deprecationNotice } : {}),
    });
    return {
      repository: {
        path: target,
        dir: repo.dir,
        bare: repo.bare,
        shallow: repo.shallow,
        files: repo.bare ? 'HEAD' : 'work-tree',
      },
      asOf: history.asOf,
      history,
      scorecard,
      ...(projectFiles !== undefined ? { projectFiles } : {}),
      ...score,
      notes,
    };
  } finally {
    await files.close?.();
  }
}

function emptyFiles(): RepoFiles {
  return { list: () => [], read: () => Promise.resolve(undefined), size: () => undefined };
}
