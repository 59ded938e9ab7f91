/**
 * The four licence rules share one shape: each reports the licence decisions
 * (`../license-decision.ts`) filed under its rule id that the policy does not allow.
 */
import { actionSeverity, ruleFinding } from '../finding.js';
import type { LicenseDecision, Rule, RuleFinding } from '../types.js';

/** The rule reporting the licence decisions filed under `ruleId`. */
export function licenseRule(ruleId: LicenseDecision['rule']): Rule {
  return (context) => {
    const out: RuleFinding[] = [];
    for (const entry of context.licenses) {
      for (const decision of entry.decisions) {
        if (decision.rule !== ruleId || decision.action === 'allow') continue;
        out.push(
          ruleFinding(
            {
              ruleId,
              ...actionSeverity(decision.action),
              componentId: entry.component.id,
              message: decision.reason,
              evidenceIds: entry.evidenceIds,
              key: [decision.license],
            },
            entry.component,
          ),
        );
      }
    }
    return out;
  };
}
