/**
 * Evidence → findings → verdict. Each rule is a pure function in `rules/<rule-id>.ts` over a
 * `RuleContext` (inventory, evidence, the project, the policy, the clock).
 *
 * Two entry points:
 * - `evaluatePolicy` / `applyPolicy`: the full policy of an intended use (`--use`, `openvet.yml`):
 *   every rule; a finding fails the verdict when the policy denies what it reports, otherwise it
 *   asks for a review; the verdict names the use, the policy, the failing findings and the
 *   obligations of the licences let through.
 * - `evaluateFindings` / `verdictFor`: what a scan with no policy reports: the model-safety rules
 *   only (they do not depend on the use), failing on critical and high findings.
 */
import picomatch from 'picomatch';
import type { Component, Evidence, Finding, ScanResult, Severity, Verdict } from '../core/types.js';
import { decideExpression, projectLicense } from './license-decision.js';
import { PRESETS } from './presets/index.js';
import { componentDenied } from './rules/component-denied.js';
import { healthLow } from './rules/health-low.js';
import { licenseConflict } from './rules/license-conflict.js';
import { licenseDenied } from './rules/license-denied.js';
import { licenseReview } from './rules/license-review.js';
import { licenseUnknown } from './rules/license-unknown.js';
import { modelLicenseConflict } from './rules/model-license-conflict.js';
import { modelOpenness } from './rules/model-openness.js';
import { modelRemoteCode } from './rules/model-remote-code.js';
import { modelUnsafeFile } from './rules/model-unsafe-file.js';
import { vulnSeverity } from './rules/vuln-severity.js';
import type {
  ComponentLicenseDecision,
  Obligation,
  Policy,
  PolicyInput,
  Rule,
  RuleContext,
  RuleFinding,
} from './types.js';

/** Every rule of a policy, by id. */
export const RULES: Readonly<Record<string, Rule>> = {
  'license.denied': licenseDenied,
  'license.review': licenseReview,
  'license.unknown': licenseUnknown,
  'license.conflict': licenseConflict,
  'vuln.severity': vulnSeverity,
  'model.unsafe-file': modelUnsafeFile,
  'model.remote-code': modelRemoteCode,
  'model.license-conflict': modelLicenseConflict,
  'model.openness': modelOpenness,
  'health.low': healthLow,
  'component.denied': componentDenied,
};

/**
 * The rules a scan with no policy runs: model safety, and a model licence that breaks its
 * base model's terms, do not depend on the intended use.
 */
const USE_INDEPENDENT: readonly Rule[] = [modelUnsafeFile, modelRemoteCode, modelLicenseConflict];

const ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

// The project's own code (workspace members, linked or editable checkouts) is not a third-party
// licence to judge.
const OWN_SOURCES = new Set(['workspace', 'link', 'editable']);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.fingerprint, b.fingerprint),
  );
}

function licenseDecisions(
  components: readonly Component[],
  evidence: readonly Evidence[],
  input: PolicyInput,
  policy: Policy,
  exempt: (id: string) => boolean,
): ComponentLicenseDecision[] {
  const licenseEvidence = new Map<string, string[]>();
  for (const ev of evidence) {
    if (ev.kind !== 'license' && ev.kind !== 'license-mismatch') continue;
    // The concluded licence (and a mismatch) is what a decision rests on; without a conclusion,
    // every licence statement is.
    const list = licenseEvidence.get(ev.componentId) ?? [];
    list.push(ev.id);
    licenseEvidence.set(ev.componentId, list);
  }
  const concludedIds = new Map<string, string>();
  for (const ev of evidence) {
    if (ev.kind === 'license' && ev.role === 'concluded') concludedIds.set(ev.componentId, ev.id);
  }
  const project = projectLicense(input.target);
  // A tree of 1,700 packages has a few dozen distinct expressions: judge each once.
  const decided = new Map<string, ReturnType<typeof decideExpression>>();
  const out: ComponentLicenseDecision[] = [];
  for (const component of components) {
    if (exempt(component.id)) continue;
    if (component.scope === 'dev' && !policy.licenses.includeDev) continue;
    if (component.source !== undefined && OWN_SOURCES.has(component.source.type)) continue;
    const expression = component.license?.concluded;
    const concluded = concludedIds.get(component.id);
    const evidenceIds =
      concluded !== undefined ? [concluded] : (licenseEvidence.get(component.id) ?? []);
    if (expression === undefined) {
      const reason =
        component.license?.reason ??
        (component.license === undefined ? 'no licence information' : 'no licence concluded');
      out.push({
        component,
        decisions: [
          {
            license: component.declaredLicense ?? '(none)',
            action: policy.licenses.unknown,
            rule: 'license.unknown',
            reason: `licence unknown: ${reason}`,
            obligations: [],
          },
        ],
        evidenceIds,
      });
      continue;
    }
    let decisions = decided.get(expression);
    if (decisions === undefined) {
      decisions = decideExpression(expression, policy, project);
      decided.set(expression, decisions);
    }
    out.push({ component, expression, decisions, evidenceIds });
  }
  return out;
}

/** The context the rules read: the input, the policy, `today` from the scan's clock. */
export function ruleContext(input: PolicyInput, policy: Policy, now: Date): RuleContext {
  const allowed = policy.components.allow.map((p) => picomatch(p, { nocase: true }));
  const componentById = new Map(input.components.map((c) => [c.id, c] as const));
  const exempt = (id: string): boolean => {
    if (allowed.length === 0) return false;
    const purl = componentById.get(id)?.purl;
    return allowed.some((m) => m(id) || (purl !== undefined && m(purl)));
  };
  return {
    components: input.components,
    componentById,
    evidence: input.evidence,
    ...(input.target !== undefined ? { target: input.target } : {}),
    policy,
    today: now.toISOString().slice(0, 10),
    exempt,
    licenses: licenseDecisions(input.components, input.evidence, input, policy, exempt),
  };
}

function runRules(rules: readonly Rule[], context: RuleContext): RuleFinding[] {
  return rules
    .flatMap((rule) => rule(context))
    .filter((f) => f.finding.componentId === undefined || !context.exempt(f.finding.componentId));
}

/** What a policy says about a scan: findings (sorted worst first) and the verdict. */
export interface PolicyOutcome {
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
}

/**
 * Judge a scan's inventory and evidence by `policy`. `now` is the scan's clock (ignore-list
 * expiry); `inventory` starts the verdict's summary (`12 component(s) found`).
 */
export function evaluatePolicy(
  input: PolicyInput,
  policy: Policy,
  now: Date,
  inventory: string,
): PolicyOutcome {
  const context = ruleContext(input, policy, now);
  const results = runRules(Object.values(RULES), context);
  const findings = sortFindings(results.map((r) => r.finding));
  const failing = [
    ...new Set(results.filter((r) => r.blocking).map((r) => r.finding.fingerprint)),
  ].sort(compare);
  const failingSet = new Set(failing);
  const reviewing = findings.filter(
    (f) => f.severity !== 'info' && !failingSet.has(f.fingerprint),
  ).length;
  const obligations = collectObligations(context);
  const status = failing.length > 0 ? 'fail' : reviewing > 0 ? 'review' : 'pass';
  const counts = countBySeverity(findings);
  const summary =
    `${inventory}; ${policy.use} use (${policy.source}): ` +
    (findings.length === 0
      ? 'no findings'
      : `${findings.length} finding(s): ${counts}; ${failing.length} fail, ${reviewing} for review`) +
    (obligations.length > 0 ? `; ${obligations.length} licence obligation(s)` : '');
  return {
    findings,
    verdict: { status, summary, use: policy.use, policy: policy.source, failing, obligations },
  };
}

function collectObligations(context: RuleContext): Obligation[] {
  const out: Obligation[] = [];
  for (const entry of context.licenses) {
    for (const decision of entry.decisions) {
      if (decision.action === 'deny') continue;
      for (const o of decision.obligations) out.push({ componentId: entry.component.id, ...o });
    }
  }
  return out.sort(
    (a, b) =>
      compare(a.componentId, b.componentId) ||
      compare(a.license, b.license) ||
      compare(a.obligation, b.obligation),
  );
}

function countBySeverity(findings: readonly Finding[]): string {
  return ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

/**
 * A scan result judged by `policy`: its findings and verdict replaced. Today comes from the
 * scan's own start time, so the same result gives the same verdict when judged again.
 */
export function applyPolicy(result: ScanResult, policy: Policy): ScanResult {
  const unread = result.errors.filter((e) => e.plugin !== 'core/walk').length;
  const inventory =
    `${result.components.length} component(s) found` +
    (unread > 0 ? `; ${unread} file problem(s) reported` : '');
  const { findings, verdict } = evaluatePolicy(
    result,
    policy,
    new Date(result.startedAt),
    inventory,
  );
  return { ...result, findings, verdict };
}

/** The findings of a scan with no policy: the model-safety rules, sorted worst first. */
export function evaluateFindings(
  evidence: readonly Evidence[],
  components: readonly Component[] = [],
): Finding[] {
  const context = ruleContext({ components, evidence }, PRESETS.internal, new Date(0));
  return sortFindings(runRules(USE_INDEPENDENT, context).map((r) => r.finding));
}

/** The verdict of a scan with no policy; `inventory` is the first part of the summary. */
export function verdictFor(findings: readonly Finding[], inventory: string): Verdict {
  const failing = findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
  const counts = countBySeverity(findings);
  const summary =
    findings.length === 0
      ? `${inventory}; no findings`
      : `${inventory}; ${findings.length} finding(s): ${counts}`;
  if (failing.length > 0) return { status: 'fail', summary };
  if (findings.length > 0) return { status: 'review', summary };
  return { status: 'pass', summary };
}
