/**
 * Scorecard's Dangerous-Workflow check.
 *
 * Scorecard source read: checks/raw/dangerous_workflow.go (untrusted checkout: a step using
 * `actions/checkout` with a `ref` naming `github.event.pull_request` or
 * `github.event.workflow_run` in a workflow triggered by `pull_request_target` or
 * `workflow_run`; script injection: a `${{ … }}` expression in a `run:` naming attacker-controlled
 * `github.event.*` fields or `github.head_ref`) and checks/evaluation/dangerous_workflow.go
 * (any pattern → 0, none → 10, no workflow → inconclusive).
 */
import { MAX_SCORE, checkResult, evidenceLine } from './common.js';
import type { CheckResult, RepoFiles } from './types.js';
import { loadWorkflows } from './workflow.js';

const UNTRUSTED_CONTEXT = new RegExp(
  '.*(issue\\.title|issue\\.body|pull_request\\.title|pull_request\\.body|comment\\.body|' +
    'review\\.body|review_comment\\.body|pages.*\\.page_name|commits.*\\.message|' +
    'head_commit\\.message|head_commit\\.author\\.email|head_commit\\.author\\.name|' +
    'commits.*\\.author\\.email|commits.*\\.author\\.name|pull_request\\.head\\.ref|' +
    'pull_request\\.head\\.label|pull_request\\.head\\.repo\\.default_branch).*',
);

/** `toJSON(github.event)` dumps every attacker-controlled field (Scorecard main, with testdata
 * github-workflow-dangerous-pattern-untrusted-script-injection-tojson.yml). */
const TO_JSON_EVENT = /tojson\s*\(\s*github(\.event)?\s*\)/i;

/** Scorecard's `containsUntrustedContextPattern`. */
export function isUntrustedExpression(expression: string): boolean {
  if (expression.includes('github.head_ref')) return true;
  if (TO_JSON_EVENT.test(expression)) return true;
  return expression.includes('github.event.') && UNTRUSTED_CONTEXT.test(expression);
}

/** Dangerous-Workflow: 0 when a dangerous pattern is found, else 10; null without workflows. */
export async function dangerousWorkflow(files: RepoFiles): Promise<CheckResult> {
  const { workflows, errors } = await loadWorkflows(files);
  const evidence: string[] = [...errors];
  for (const workflow of workflows) {
    const privileged =
      workflow.events.includes('pull_request_target') || workflow.events.includes('workflow_run');
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        const ref = step.with.get('ref');
        if (
          privileged &&
          step.uses?.value.includes('actions/checkout') === true &&
          ref !== undefined &&
          (ref.value.includes('github.event.pull_request') ||
            ref.value.includes('github.event.workflow_run'))
        ) {
          evidence.push(
            evidenceLine(workflow.path, step.line, `untrusted code checkout: ref ${ref.value}`),
          );
        }
        if (step.run === undefined) continue;
        const run = step.run;
        for (const { expression, offset } of expressions(run.value)) {
          if (!isUntrustedExpression(expression)) continue;
          // The expression's own line (Scorecard reports the `run:` line).
          const line =
            run.line +
            (run.block === true ? 1 : 0) +
            run.value.slice(0, offset).split('\n').length -
            1;
          evidence.push(
            evidenceLine(
              workflow.path,
              line,
              `script injection with untrusted input \${{${expression}}}`,
            ),
          );
        }
      }
    }
  }
  const suffix = errors.length > 0 ? ` (${errors.length} workflow(s) not parsed)` : '';
  if (workflows.length === 0) return checkResult(null, `no workflows found${suffix}`, evidence);
  if (evidence.length > errors.length) {
    return checkResult(0, `dangerous workflow patterns detected${suffix}`, evidence);
  }
  return checkResult(MAX_SCORE, `no dangerous workflow patterns detected${suffix}`, evidence);
}

/** The `${{ … }}` bodies of a script, as Scorecard scans them (from each `${{` to its `}}`). */
function expressions(script: string): { expression: string; offset: number }[] {
  const out: { expression: string; offset: number }[] = [];
  let from = 0;
  for (;;) {
    const start = script.indexOf('${{', from);
    if (start === -1) break;
    const end = script.indexOf('}}', start);
    if (end === -1) break;
    out.push({ expression: script.slice(start + 3, end), offset: start });
    from = end;
  }
  return out;
}
