/**
 * `health.low`: a component whose maintenance health score (0–10, Scorecard's scale) is below
 * `health.minimumScore`. A review by default (`health.action`); health is a risk, not a
 * defect. A component with no score is not judged.
 */
import { actionSeverity, ruleFinding } from '../finding.js';
import type { RuleContext, RuleFinding } from '../types.js';

/** One finding per health evidence scoring below the minimum. */
export function healthLow(context: RuleContext): RuleFinding[] {
  const { minimumScore, action } = context.policy.health;
  if (minimumScore === undefined || action === 'allow') return [];
  const findings: RuleFinding[] = [];
  for (const ev of context.evidence) {
    if (ev.kind !== 'health' || ev.score === undefined || ev.score >= minimumScore) continue;
    findings.push(
      ruleFinding(
        {
          ruleId: 'health.low',
          ...actionSeverity(action),
          ...(action === 'review' ? { severity: 'low' as const } : {}),
          componentId: ev.componentId,
          message: `health score ${ev.score} is below the policy's minimum ${minimumScore}${ev.detail !== undefined ? `: ${ev.detail}` : ''}`,
          evidenceIds: [ev.id],
          key: [ev.source],
          blocking: action === 'deny',
        },
        context.componentById.get(ev.componentId),
      ),
    );
  }
  return findings;
}
