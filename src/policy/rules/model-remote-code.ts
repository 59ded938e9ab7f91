/**
 * `model.remote-code`: loading the model runs code that ships with it (Transformers'
 * `trust_remote_code`: an `auto_map` in its configs, Python files in its folder). Not proof of
 * harm, but code nobody reviewed as a dependency: medium, a review (`models.remoteCode`;
 * `deny` makes it a high finding that fails the verdict).
 */
import { ruleFinding } from '../finding.js';
import type { RuleContext, RuleFinding } from '../types.js';

/** One finding per model whose folder ships code its loader runs. */
export function modelRemoteCode(context: RuleContext): RuleFinding[] {
  const action = context.policy.models.remoteCode;
  if (action === 'allow') return [];
  const findings: RuleFinding[] = [];
  for (const ev of context.evidence) {
    if (ev.kind !== 'model-code') continue;
    const what: string[] = [];
    if (ev.autoMap.length > 0) what.push(`auto_map ${ev.autoMap.join('; ')}`);
    if (ev.files.length > 0) what.push(`Python files ${ev.files.join(', ')}`);
    if (ev.externalRepos.length > 0)
      what.push(`code from other repositories ${ev.externalRepos.join(', ')}`);
    findings.push(
      ruleFinding({
        ruleId: 'model.remote-code',
        severity: action === 'deny' ? 'high' : 'medium',
        componentId: ev.componentId,
        message: `loading this model needs trust_remote_code and runs code shipped with it: ${what.join('; ')}`,
        evidenceIds: [ev.id],
        ...(ev.location !== undefined ? { location: ev.location } : {}),
        blocking: action === 'deny',
      }),
    );
  }
  return findings;
}
