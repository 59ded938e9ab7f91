/**
 * `model.license-conflict`: a model's licence does not honour the terms it inherits from its
 * base models (licence inheritance, judged by `analyzers/models/inheritance`): Apache-2.0
 * declared on a Llama 3.1 fine-tune (Llama §1.b.i: derivatives stay under the Agreement), a
 * permissive licence that drops OpenRAIL use restrictions, commercial terms on a non-commercial
 * base. Ancestors and their licences come from `provenance` evidence (the lineage); a model with
 * no provenance evidence falls back on its card's `base_model` (the component property
 * `model:base_model`) resolved against the models in the inventory.
 *
 * Each obligation of the governing licence the model's files do not meet (a copy of the
 * licence, "Built with Llama", the name prefix, OpenRAIL restrictions, the Gemma notice) is a
 * finding of its own, for review, citing the clause.
 *
 * A model or dataset whose declared licence and licence files disagree (`license-mismatch`
 * evidence) is reported too, as a review: which licence binds it is itself a conflict to settle.
 */
import {
  judgeInheritance,
  type AncestorLicense,
} from '../../analyzers/models/inheritance/index.js';
import type { Component, ProvenanceEvidence } from '../../core/types.js';
import { actionSeverity, ruleFinding } from '../finding.js';
import type { RuleContext, RuleFinding } from '../types.js';

/** The stated licence of a component: its raw declaration (a Hub tag), else the conclusion. */
function stated(component: Component): { value?: string } {
  const value = component.declaredLicense ?? component.license?.concluded;
  return value === undefined ? {} : { value };
}

function ancestorsOf(
  model: Component,
  provenance: readonly ProvenanceEvidence[],
  byName: ReadonlyMap<string, Component>,
): AncestorLicense[] {
  const fromLineage = provenance.flatMap((ev) =>
    (ev.ancestors ?? []).map((a): AncestorLicense => ({
      id: a.id,
      depth: a.depth,
      ...(a.license !== undefined
        ? {
            license: {
              value: a.license,
              ...(a.licenseName !== undefined ? { name: a.licenseName } : {}),
            },
          }
        : {}),
    })),
  );
  if (fromLineage.length > 0) return fromLineage;
  const names = new Set(provenance.flatMap((ev) => ev.baseModels));
  for (const name of model.properties?.['model:base_model']?.split(',') ?? []) {
    if (name.trim() !== '') names.add(name.trim());
  }
  const out: AncestorLicense[] = [];
  for (const name of [...names].sort()) {
    const base = byName.get(name.toLowerCase());
    if (base === undefined || base === model) continue;
    out.push({ id: base.name, depth: 1, license: stated(base) });
  }
  return out;
}

/** One finding per model and conflicting inherited licence, and per model licence mismatch. */
export function modelLicenseConflict(context: RuleContext): RuleFinding[] {
  const action = context.policy.models.licenseConflict;
  if (action === 'allow') return [];
  const models = context.components.filter((c) => c.kind === 'model');
  const byName = new Map(models.map((c) => [c.name.toLowerCase(), c] as const));
  const provenance = new Map<string, ProvenanceEvidence[]>();
  for (const ev of context.evidence) {
    if (ev.kind !== 'provenance') continue;
    provenance.set(ev.componentId, [...(provenance.get(ev.componentId) ?? []), ev]);
  }
  const findings: RuleFinding[] = [];
  for (const model of models) {
    const lineage = provenance.get(model.id) ?? [];
    // The provenance analyzer judged inheritance with the model's files at hand: its answer,
    // obligations included, is the one to report. Without it, judge from the inventory.
    const judged = lineage.find((ev) => ev.inheritance !== undefined)?.inheritance;
    for (const obligation of judged?.obligations ?? []) {
      if (obligation.met) continue;
      findings.push(
        ruleFinding(
          {
            ruleId: 'model.license-conflict',
            severity: 'medium',
            componentId: model.id,
            message: `${model.name} does not meet an obligation of ${obligation.license}: ${obligation.message} (${obligation.clause})`,
            evidenceIds: lineage.map((ev) => ev.id),
            key: ['obligation', obligation.license, obligation.id],
            blocking: false,
          },
          model,
        ),
      );
    }
    const ancestors = judged === undefined ? ancestorsOf(model, lineage, byName) : [];
    if (judged === undefined && ancestors.length === 0) continue;
    const { conflicts } =
      judged ??
      judgeInheritance({
        modelName: model.name,
        declared: stated(model),
        ancestors,
        files: [],
      });
    for (const conflict of conflicts) {
      findings.push(
        ruleFinding(
          {
            ruleId: 'model.license-conflict',
            ...actionSeverity(action),
            componentId: model.id,
            message: `${model.name} ${conflict.message}`,
            evidenceIds: lineage.map((ev) => ev.id),
            key: [conflict.governing, conflict.kind],
            blocking: action === 'deny',
          },
          model,
        ),
      );
    }
  }
  for (const ev of context.evidence) {
    if (ev.kind !== 'license-mismatch') continue;
    const model = context.componentById.get(ev.componentId);
    if (model === undefined || model.kind === 'package') continue;
    findings.push(
      ruleFinding(
        {
          ruleId: 'model.license-conflict',
          severity: 'medium',
          componentId: model.id,
          message: `the ${model.kind}'s licence statements disagree: ${ev.message}`,
          evidenceIds: [ev.id],
          ...(ev.location !== undefined ? { location: ev.location } : {}),
          key: ['license-mismatch'],
          blocking: false,
        },
        model,
      ),
    );
  }
  return findings;
}
