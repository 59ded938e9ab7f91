/**
 * Scorecard's Dependency-Update-Tool check.
 *
 * Scorecard source read: checks/raw/dependency_update_tool.go (Dependabot, Renovate and PyUp
 * configuration files by exact path; when none is found Scorecard also searches the repository's
 * commits for ones authored by dependabot[bot] through the GitHub API, which a clone cannot do)
 * and checks/evaluation/dependency_update_tool.go (a tool → 10, none → 0).
 */
import { MAX_SCORE, checkResult, evidenceLine } from './common.js';
import type { CheckResult, RepoFiles } from './types.js';

const TOOLS: Readonly<Record<string, string>> = {
  '.github/dependabot.yml': 'Dependabot',
  '.github/dependabot.yaml': 'Dependabot',
  'renovate.json': 'RenovateBot',
  'renovate.json5': 'RenovateBot',
  '.github/renovate.json': 'RenovateBot',
  '.github/renovate.json5': 'RenovateBot',
  '.gitlab/renovate.json': 'RenovateBot',
  '.gitlab/renovate.json5': 'RenovateBot',
  '.renovaterc': 'RenovateBot',
  '.renovaterc.json': 'RenovateBot',
  '.renovaterc.json5': 'RenovateBot',
  '.pyup.yml': 'PyUp',
};

/** Dependency-Update-Tool: 10 when a configuration file of a known tool is committed. */
export function dependencyUpdateTool(files: RepoFiles): Promise<CheckResult> {
  const evidence: string[] = [];
  for (const path of files.list()) {
    const tool = TOOLS[path.toLowerCase()];
    if (tool !== undefined) evidence.push(evidenceLine(path, 1, `${tool} configuration`));
  }
  if (evidence.length > 0) {
    return Promise.resolve(checkResult(MAX_SCORE, 'update tool detected', evidence));
  }
  return Promise.resolve(
    checkResult(
      0,
      'no update tool detected (configuration files only: Scorecard also counts commits by dependabot[bot], found through the GitHub API)',
      evidence,
    ),
  );
}
