/**
 * `component.denied`: a component matching a `components.deny` pattern (a glob over its purl or
 * id, e.g. `pkg:npm/event-stream@3.3.6`, `pkg:huggingface/some-org/*`). Fails the verdict.
 */
import picomatch from 'picomatch';
import { ruleFinding } from '../finding.js';
import type { RuleContext, RuleFinding } from '../types.js';

/** One finding per component on the policy's deny list. */
export function componentDenied(context: RuleContext): RuleFinding[] {
  const patterns = context.policy.components.deny;
  if (patterns.length === 0) return [];
  const findings: RuleFinding[] = [];
  for (const component of context.components) {
    const hit = patterns.find((p) => {
      const isMatch = picomatch(p, { nocase: true });
      return isMatch(component.id) || (component.purl !== undefined && isMatch(component.purl));
    });
    if (hit === undefined) continue;
    findings.push(
      ruleFinding(
        {
          ruleId: 'component.denied',
          severity: 'high',
          componentId: component.id,
          message: `${component.purl ?? component.id} matches the policy's component deny list (${hit})`,
          evidenceIds: [],
          blocking: true,
        },
        component,
      ),
    );
  }
  return findings;
}
