/** Builders shared by the rules: a finding located at the component's manifest line. */
import type { Component, Finding, Location, Severity } from '../core/types.js';
import { fingerprint } from './fingerprint.js';
import type { Action, RuleFinding } from './types.js';

/** What a rule says about one problem. */
export interface FindingSpec {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly componentId?: string;
  readonly message: string;
  readonly evidenceIds: readonly string[];
  /** Where to point; defaults to the component's first location (its manifest and line). */
  readonly location?: Location;
  /** What identifies the problem besides rule and component (a file, an advisory id …). */
  readonly key?: readonly string[];
  readonly blocking: boolean;
}

/** A rule finding with a stable fingerprint (rule, component, key: never lines or times). */
export function ruleFinding(spec: FindingSpec, component?: Component): RuleFinding {
  const location = spec.location ?? component?.locations[0];
  const finding: Finding = {
    ruleId: spec.ruleId,
    severity: spec.severity,
    ...(spec.componentId !== undefined ? { componentId: spec.componentId } : {}),
    message: spec.message,
    evidenceIds: [...spec.evidenceIds].sort(),
    ...(location !== undefined ? { location } : {}),
    fingerprint: fingerprint(spec.ruleId, spec.componentId ?? '', ...(spec.key ?? [])),
  };
  return { finding, blocking: spec.blocking };
}

/** The severity and blocking flag of a finding whose policy action is `action` (not allow). */
export function actionSeverity(action: Exclude<Action, 'allow'>): {
  severity: Severity;
  blocking: boolean;
} {
  return action === 'deny'
    ? { severity: 'high', blocking: true }
    : { severity: 'medium', blocking: false };
}
