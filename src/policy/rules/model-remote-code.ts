/**
 * `model.remote-code`: loading the model runs code that ships with it (Transformers'
 * `trust_remote_code`: an `auto_map` in its configs, Python files in its folder). Not proof of
 * harm, but code nobody reviewed as a dependency: medium, so the verdict asks for a review.
 */
import type { Evidence, Finding } from '../../core/types.js';
import { fingerprint } from '../fingerprint.js';

/** One finding per model whose folder ships code its loader runs. */
export function modelRemoteCode(evidence: readonly Evidence[]): Finding[] {
  const findings: Finding[] = [];
  for (const ev of evidence) {
    if (ev.kind !== 'model-code') continue;
    const what: string[] = [];
    if (ev.autoMap.length > 0) what.push(`auto_map ${ev.autoMap.join('; ')}`);
    if (ev.files.length > 0) what.push(`Python files ${ev.files.join(', ')}`);
    if (ev.externalRepos.length > 0)
      what.push(`code from other repositories ${ev.externalRepos.join(', ')}`);
    findings.push({
      ruleId: 'model.remote-code',
      severity: 'medium',
      componentId: ev.componentId,
      message: `loading this model needs trust_remote_code and runs code shipped with it: ${what.join('; ')}`,
      evidenceIds: [ev.id],
      ...(ev.location !== undefined ? { location: ev.location } : {}),
      fingerprint: fingerprint('model.remote-code', ev.componentId),
    });
  }
  return findings;
}
