/**
 * Scorecard's SAST check, file part.
 *
 * Scorecard source read: checks/raw/sast.go (tools configured in workflows: CodeQL
 * `github/codeql-action/analyze`, Snyk `snyk/actions/*`, Pysa, Qodana, Hadolint; Sonar through
 * `<sonar.host.url>` in a pom.xml; and, through the GitHub API, the check runs of the last
 * merged pull requests) and checks/evaluation/sast.go. Without pull-request data (Scorecard's
 * own path when the commits are unavailable) the evaluation is: a non-CodeQL tool → 10
 * ("SAST tool detected"), CodeQL → 10 ("SAST tool detected: CodeQL"), none → 0. With that data
 * Scorecard may score CodeQL projects 7–10 (3:7 weighting of PRs checked and CodeQL), and give
 * projects without a workflow credit for code-scanning check runs (GitHub's default setup); the
 * reason says so.
 */
import { MAX_SCORE, basename, checkResult, evidenceLine, readText } from './common.js';
import type { CheckResult, RepoFiles } from './types.js';
import { loadWorkflows } from './workflow.js';

const WORKFLOW_TOOLS: readonly { readonly name: string; readonly action: RegExp }[] = [
  { name: 'CodeQL', action: /^github\/codeql-action\/analyze$/ },
  { name: 'Snyk', action: /^snyk\/actions\/.*/ },
  { name: 'Pysa', action: /^facebook\/pysa-action$/ },
  { name: 'Qodana', action: /^JetBrains\/qodana-action$/ },
  { name: 'Hadolint', action: /^hadolint\/hadolint-action$/ },
];

const NOTE = 'pull-request check runs are not checked: they need the GitHub API';

/** SAST from the repository's files. */
export async function sast(files: RepoFiles): Promise<CheckResult> {
  const { workflows, errors } = await loadWorkflows(files);
  const evidence: string[] = [...errors];
  const tools = new Set<string>();
  for (const workflow of workflows) {
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        const uses = step.uses?.value.replace(/^actions:\/\//, '') ?? '';
        const action = uses.split('@')[0] ?? '';
        const tool = WORKFLOW_TOOLS.find((t) => t.action.test(action));
        if (tool === undefined) continue;
        tools.add(tool.name);
        evidence.push(
          evidenceLine(workflow.path, step.uses?.line ?? step.line, `${tool.name}: ${uses}`),
        );
      }
    }
  }
  for (const path of files.list()) {
    if (basename(path).toLowerCase() !== 'pom.xml') continue;
    const text = await readText(files, path);
    const match =
      text === undefined ? null : /<sonar\.host\.url>\s*(\S+)\s*<\/sonar\.host\.url>/.exec(text);
    if (text === undefined || match === null) continue;
    const line = text.slice(0, text.indexOf('<sonar.host.url>')).split('\n').length;
    tools.add('Sonar');
    evidence.push(evidenceLine(path, line, `Sonar: ${match[1] ?? ''}`));
  }
  if ([...tools].some((t) => t !== 'CodeQL')) {
    return checkResult(MAX_SCORE, 'SAST tool detected', evidence);
  }
  if (tools.has('CodeQL')) {
    return checkResult(
      MAX_SCORE,
      `SAST tool detected: CodeQL (${NOTE}; with them Scorecard scores 7 to 10)`,
      evidence,
    );
  }
  return checkResult(0, `no SAST tool detected (${NOTE})`, evidence);
}
