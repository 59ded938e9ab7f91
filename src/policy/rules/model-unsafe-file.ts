/**
 * `model.unsafe-file`: a model file whose static analysis is not `safe`. Loading an `unsafe`
 * file runs code an attacker chose (critical); a `suspicious` one calls something not known to
 * be harmless (high); a malformed (`error`) or unreadable (`unverifiable`) one cannot be shown
 * to be harmless (medium).
 */
import type { Evidence, Finding, ModelFileEvidence, Severity } from '../../core/types.js';
import { fingerprint } from '../fingerprint.js';

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
export function modelUnsafeFile(evidence: readonly Evidence[]): Finding[] {
  const findings: Finding[] = [];
  for (const ev of evidence) {
    if (ev.kind !== 'model-file' || ev.verdict === 'safe') continue;
    findings.push({
      ruleId: 'model.unsafe-file',
      severity: SEVERITY[ev.verdict],
      componentId: ev.componentId,
      message: `${ev.file} (${ev.format}) is ${ev.verdict}: ${WHAT[ev.verdict]}${ev.detail !== undefined ? ` — ${ev.detail}` : ''}`,
      evidenceIds: [ev.id],
      location: { path: ev.file },
      fingerprint: fingerprint('model.unsafe-file', ev.componentId, ev.file),
    });
  }
  return findings;
}
