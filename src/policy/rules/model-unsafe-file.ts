/**
 * `model.unsafe-file`: a model file whose static analysis is not `safe`. Loading an `unsafe`
 * file runs code an attacker chose (critical); a `suspicious` one calls something not known to
 * be harmless (high); a malformed (`error`) or unreadable (`unverifiable`) one cannot be shown
 * to be harmless (medium). With `models.unsafeFiles: deny` (every preset) critical and high fail
 * the verdict; `review` makes every one a review; `allow` turns the rule off.
 */
import type { ModelFileEvidence, Severity } from '../../core/types.js';
import { ruleFinding } from '../finding.js';
import type { RuleContext, RuleFinding } from '../types.js';

const SEVERITY: Readonly<Record<Exclude<ModelFileEvidence['verdict'], 'safe'>, Severity>> = {
  unsafe: 'critical',
  suspicious: 'high',
  error: 'medium',
  unverifiable: 'medium',
};

const WHAT: Readonly<Record<Exclude<ModelFileEvidence['verdict'], 'safe'>, string>> = {
  unsafe: 'loading it runs code',
  suspicious: 'loading it calls code not known to be harmless',
  error: 'it is malformed, so it cannot be shown safe to load',
  unverifiable: 'openvet cannot read it, so it cannot be shown safe to load',
};

/** One finding per model file and component whose verdict is not `safe`. */
export function modelUnsafeFile(context: RuleContext): RuleFinding[] {
  const action = context.policy.models.unsafeFiles;
  if (action === 'allow') return [];
  const findings: RuleFinding[] = [];
  for (const ev of context.evidence) {
    if (ev.kind !== 'model-file' || ev.verdict === 'safe') continue;
    const severity = SEVERITY[ev.verdict];
    findings.push(
      ruleFinding({
        ruleId: 'model.unsafe-file',
        severity,
        componentId: ev.componentId,
        message: `${ev.file} (${ev.format}) is ${ev.verdict}: ${WHAT[ev.verdict]}${ev.detail !== undefined ? ` — ${ev.detail}` : ''}`,
        evidenceIds: [ev.id],
        location: { path: ev.file },
        key: [ev.file],
        blocking: action === 'deny' && (severity === 'critical' || severity === 'high'),
      }),
    );
  }
  return findings;
}
