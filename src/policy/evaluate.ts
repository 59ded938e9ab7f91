/**
 * Evidence → findings → verdict. Each rule is a pure function over the evidence in
 * `rules/<rule-id>.ts`. The verdict fails on any critical or high finding, asks for review on
 * any other, and passes otherwise.
 *
 * Only the rules whose evidence exists today are here (`model.unsafe-file`, `model.remote-code`);
 * the intended-use
 * presets and `openvet.yml` policies decide which rules apply once they exist.
 */
import type { Evidence, Finding, Verdict } from '../core/types.js';
import { modelRemoteCode } from './rules/model-remote-code.js';
import { modelUnsafeFile } from './rules/model-unsafe-file.js';

const RULES: readonly ((evidence: readonly Evidence[]) => Finding[])[] = [
  modelUnsafeFile,
  modelRemoteCode,
];

const ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** The findings the rules raise on `evidence`, sorted (severity, rule, fingerprint). */
export function evaluateFindings(evidence: readonly Evidence[]): Finding[] {
  return RULES.flatMap((rule) => rule(evidence)).sort(
    (a, b) =>
      ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0),
  );
}

/** The verdict for the findings; `inventory` is the first part of the summary. */
export function verdictFor(findings: readonly Finding[], inventory: string): Verdict {
  const failing = findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
  const counts = ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const summary =
    findings.length === 0
      ? `${inventory}; no findings`
      : `${inventory}; ${findings.length} finding(s): ${counts.join(', ')}`;
  if (failing.length > 0) return { status: 'fail', summary };
  if (findings.length > 0) return { status: 'review', summary };
  return { status: 'pass', summary };
}
