/**
 * `model.openness`: a model less open than `models.minimumOpenness` (Model Openness Framework
 * classes, `I` the most open, then `II`, `III`; a model in no class is below every minimum).
 * Off unless the policy sets a minimum; a model with no openness evidence is not judged.
 */
import { actionSeverity, ruleFinding } from '../finding.js';
import type { OpennessClass, RuleContext, RuleFinding } from '../types.js';

const RANK: Readonly<Record<OpennessClass, number>> = { I: 3, II: 2, III: 1 };

/** `I`, `Class II`, `class-iii`, `3` … → the class; anything else is no class. */
export function opennessClass(value: string | undefined): OpennessClass | undefined {
  const text = value
    ?.trim()
    .replace(/^class[\s_-]*/i, '')
    .toUpperCase();
  if (text === 'I' || text === '1') return 'I';
  if (text === 'II' || text === '2') return 'II';
  if (text === 'III' || text === '3') return 'III';
  return undefined;
}

/** One finding per model whose openness class is below the minimum. */
export function modelOpenness(context: RuleContext): RuleFinding[] {
  const { minimumOpenness: minimum, openness: action } = context.policy.models;
  if (minimum === undefined || action === 'allow') return [];
  const findings: RuleFinding[] = [];
  for (const ev of context.evidence) {
    if (ev.kind !== 'openness') continue;
    const found = opennessClass(ev.class);
    if (found !== undefined && RANK[found] >= RANK[minimum]) continue;
    findings.push(
      ruleFinding(
        {
          ruleId: 'model.openness',
          ...actionSeverity(action),
          componentId: ev.componentId,
          message: `Model Openness Framework class ${found ?? 'none'}${ev.class !== undefined && found === undefined ? ` (${ev.class})` : ''} is below the policy's minimum class ${minimum}${ev.detail !== undefined ? `: ${ev.detail}` : ''}`,
          evidenceIds: [ev.id],
          ...(ev.location !== undefined ? { location: ev.location } : {}),
          blocking: action === 'deny',
        },
        context.componentById.get(ev.componentId),
      ),
    );
  }
  return findings;
}
