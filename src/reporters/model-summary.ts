/**
 * One line of facts per model for the reports people read (table, Markdown): how complete its
 * card is (transparency), how open it is (MOF class, OSAID) and where it comes from (base
 * models), from the `model-card`, `openness` and `provenance` evidence.
 */
import type { ScanResult } from '../core/types.js';

/** The summary of one model. */
export interface ModelSummary {
  readonly componentId: string;
  readonly name: string;
  /** `5/9 card sections`, or `no card`. */
  readonly transparency: string;
  /** `MOF class II`, `MOF none (III 40%)`, or `-`. */
  readonly openness: string;
  /** OSAID verdict, or `-`. */
  readonly osaid: string;
  /** Base models, `-` when none. */
  readonly lineage: string;
}

/** A summary per model with card, openness or provenance evidence, sorted by component id. */
export function modelSummaries(result: ScanResult): ModelSummary[] {
  const byComponent = new Map<string, ScanResult['evidence'][number][]>();
  for (const e of result.evidence) {
    if (e.kind !== 'model-card' && e.kind !== 'openness' && e.kind !== 'provenance') continue;
    byComponent.set(e.componentId, [...(byComponent.get(e.componentId) ?? []), e]);
  }
  return result.components
    .filter((c) => c.kind === 'model' && byComponent.has(c.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => {
      const evidence = byComponent.get(c.id) ?? [];
      const card = evidence.find((e) => e.kind === 'model-card');
      const openness = evidence.find((e) => e.kind === 'openness');
      const provenance = evidence.find((e) => e.kind === 'provenance');
      const t = card?.kind === 'model-card' ? card.transparency : undefined;
      let open = '-';
      if (openness?.kind === 'openness')
        open =
          openness.class !== undefined
            ? `MOF class ${openness.class}`
            : `MOF none (III ${openness.progress?.III ?? 0}%)`;
      const bases = provenance?.kind === 'provenance' ? provenance.baseModels : [];
      const missing = provenance?.kind === 'provenance' ? (provenance.missing ?? []).length : 0;
      return {
        componentId: c.id,
        name: c.version !== undefined ? `${c.name}@${c.version}` : c.name,
        transparency:
          t !== undefined && card?.kind === 'model-card' && card.card !== undefined
            ? `${t.present}/${t.expected} card sections`
            : 'no card',
        openness: open,
        osaid: openness?.kind === 'openness' ? (openness.osaid ?? '-') : '-',
        lineage:
          bases.length === 0
            ? '-'
            : `${bases.join(', ')}${missing > 0 ? ` (${missing} link(s) unresolved)` : ''}`,
      };
    });
}
