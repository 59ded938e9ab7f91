/**
 * Scorecard's Packaging check.
 *
 * Scorecard source read: checks/raw/github/packaging.go and the `IsPackagingWorkflow` matchers
 * of checks/fileparser/github_workflow.go (npm, maven, gradle, gem, nuget, docker, PyPI,
 * python-semantic-release, goreleaser, cargo, ko), and the packagedWithAutomatedWorkflow probe
 * (a publishing workflow → 10; none → inconclusive, "packaging workflow not detected").
 * Scorecard also requires a successful run of that workflow (GitHub API); the file part is
 * what is computed here and the reason says so.
 */
import { MAX_SCORE, checkResult, evidenceLine } from './common.js';
import type { CheckResult, RepoFiles } from './types.js';
import { PACKAGING_MATCHERS, anyJobMatches, loadWorkflows } from './workflow.js';

/** Packaging: 10 when a workflow publishes a package; null when none does. */
export async function packaging(files: RepoFiles): Promise<CheckResult> {
  const { workflows, errors } = await loadWorkflows(files);
  const evidence: string[] = [...errors];
  for (const workflow of workflows) {
    const match = anyJobMatches(workflow, PACKAGING_MATCHERS);
    if (match !== undefined) {
      evidence.push(evidenceLine(workflow.path, match.job.line, match.matcher.logText));
    }
  }
  if (evidence.length > errors.length) {
    return checkResult(
      MAX_SCORE,
      'packaging workflow detected (Scorecard also requires a successful run of it, which needs the GitHub API)',
      evidence,
    );
  }
  return checkResult(null, 'packaging workflow not detected', evidence);
}
