/**
 * The OpenSSF Scorecard checks computed from a repository's files, with Scorecard's own scoring
 * rules (each check's file names the Scorecard source it follows), and the project-file signals
 * Scorecard does not score. Checks that need Scorecard's GitHub API for part of their score
 * compute the file part and say so in their reason.
 */
import { binaryArtifacts } from './binary-artifacts.js';
import { dangerousWorkflow } from './dangerous-workflow.js';
import { dependencyUpdateTool } from './dependency-update-tool.js';
import { fuzzing } from './fuzzing.js';
import { license } from './license.js';
import { packaging } from './packaging.js';
import { pinnedDependencies } from './pinned-dependencies.js';
import { sast } from './sast.js';
import { securityPolicy } from './security-policy.js';
import { tokenPermissions } from './token-permissions.js';
import type { CheckResult, RepoFiles, ScorecardCheckName } from './types.js';

export { projectFileSignals } from './project-signals.js';
export type {
  CiSignal,
  FileSignal,
  ProjectFileSignals,
  SecurityPolicySignal,
} from './project-signals.js';

/** The file checks, in Scorecard's documentation order. */
const FILE_CHECKS: readonly (readonly [
  ScorecardCheckName,
  (f: RepoFiles) => Promise<CheckResult>,
])[] = [
  ['Binary-Artifacts', binaryArtifacts],
  ['Dangerous-Workflow', dangerousWorkflow],
  ['Dependency-Update-Tool', dependencyUpdateTool],
  ['Fuzzing', fuzzing],
  ['License', license],
  ['Packaging', packaging],
  ['Pinned-Dependencies', pinnedDependencies],
  ['SAST', sast],
  ['Security-Policy', securityPolicy],
  ['Token-Permissions', tokenPermissions],
];

/**
 * Every Scorecard check computable from the files (all but CI-Tests, Code-Review and
 * Maintained, which need history or the GitHub API). A check that fails unexpectedly is
 * reported as `score: null` with the error as its reason; the other checks still run.
 */
export async function scorecardFileChecks(
  files: RepoFiles,
): Promise<Partial<Record<ScorecardCheckName, CheckResult>>> {
  const out: Partial<Record<ScorecardCheckName, CheckResult>> = {};
  for (const [name, check] of FILE_CHECKS) {
    try {
      out[name] = await check(files);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      out[name] = { score: null, reason: `check failed: ${message}`, evidence: [] };
    }
  }
  return out;
}
