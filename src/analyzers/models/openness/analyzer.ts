/**
 * `models/openness`: how open each model of the scan is, by the Model Openness Framework and
 * the OSI Open Source AI Definition, from what the scan can see: the model's files (weights,
 * configs, code beside it, checkpoints) and its card as the provenance analyzer read it
 * (`model-card` evidence: licence, datasets, `model-index` results, sections). A component
 * with no evidence is "not seen", never "absent": a model referenced only by name gets an
 * evaluation that says how little could be seen.
 */
import type { AnalyzeInput, AnalyzeResult } from '../../../core/analyzer.js';
import type { Component, ModelCardEvidence, OpennessEvidence } from '../../../core/types.js';
import { isModelFileName } from '../scan-file.js';
import { modelOpenness } from './openness.js';
import type { ComponentEvidence, MofComponentKey, ModelArtifacts } from './types.js';

/** Code files beside a model, by the MOF code component they evidence (first match wins). */
const CODE_KINDS: readonly (readonly [MofComponentKey, RegExp])[] = [
  [
    'data-preprocessing-code',
    /(?:^|[/_-])(?:preprocess|prepare[_-]?data|tokeni[sz]e[_-]data|data[_-]?prep)[^/]*\.py$/i,
  ],
  ['evaluation-code', /(?:^|[/_-])eval(?:uate|uation)?[^/]*\.py$/i],
  ['training-code', /(?:^|[/_-])(?:train|finetune|fine[_-]tune|pretrain)[^/]*\.py$/i],
  ['inference-code', /(?:^|[/_-])(?:inference|infer|generate|predict|handler|pipeline)[^/]*\.py$/i],
  ['model-architecture', /(?:^|\/)(?:modeling|modelling|model)[_-]?[^/]*\.py$/i],
];
const INTERMEDIATE = /(?:^|\/)(?:checkpoint-\d+|global_step\d+|ckpt-\d+)(?:\/|$)/i;
const METADATA_FILES =
  /(?:^|\/)(?:config\.json|generation_config\.json|training_args\.bin|params\.json)$/;

/** The folder of a model component: its first location that is a directory in the walk. */
function modelDir(component: Component, allPaths: ReadonlySet<string>): string | undefined {
  for (const location of component.locations) {
    const p = location.path;
    const base = p.slice(p.lastIndexOf('/') + 1);
    if (isModelFileName(base) && allPaths.has(p))
      return p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
    if (!allPaths.has(p)) {
      // A directory location (model folders are recorded by their path).
      const prefix = `${p}/`;
      for (const q of allPaths) if (q.startsWith(prefix)) return p;
    }
  }
  return undefined;
}

function add(
  components: Partial<Record<MofComponentKey, ComponentEvidence>>,
  key: MofComponentKey,
  file: string,
): void {
  const existing = components[key];
  components[key] = { files: [...(existing?.files ?? []), file] };
}

/** What the scan saw of one model, as the openness evaluation takes it. */
export function artifactsOf(
  component: Component,
  allPaths: ReadonlySet<string>,
  card: ModelCardEvidence | undefined,
): ModelArtifacts {
  const components: Partial<Record<MofComponentKey, ComponentEvidence>> = {};
  const dir = modelDir(component, allPaths);
  const files =
    dir === undefined
      ? []
      : [...allPaths]
          .filter((p) => (dir === '' ? !p.includes('/') : p.startsWith(`${dir}/`)))
          .sort();
  for (const file of files) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (INTERMEDIATE.test(file)) add(components, 'model-parameters-intermediate', file);
    else if (isModelFileName(base) && !/\.(?:json|txt|md)$/i.test(base))
      add(components, 'model-parameters-final', file);
    if (METADATA_FILES.test(file)) add(components, 'model-metadata', file);
    const code = CODE_KINDS.find(([, re]) => re.test(file));
    if (code !== undefined) add(components, code[0], file);
  }
  const license = card?.metadata.license[0] ?? component.license?.concluded;
  if (card?.card !== undefined) {
    add(components, 'model-card', card.card);
    if (card.metadata.results.length > 0) add(components, 'evaluation-results', card.card);
    const section = (id: string): boolean =>
      card.sections.some((s) => s.id === id && s.status === 'present');
    if (section('training-data')) add(components, 'data-card', card.card);
    if (card.metadata.datasets.length > 0) add(components, 'datasets', card.card);
    // A citation, or an arXiv tag the Hub adds from a paper link, is the research paper.
    if (section('citation') || card.metadata.tags.some((t) => /^arxiv:/i.test(t)))
      add(components, 'research-paper', card.card);
  }
  return {
    name: component.name,
    ...(license !== undefined ? { license } : {}),
    ...(card !== undefined ? { licenseFiles: [...card.metadata.licenseFiles] } : {}),
    components,
  };
}

/** Openness evidence for every model of the scan. */
export function analyzeOpenness(input: AnalyzeInput): Promise<AnalyzeResult> {
  const cards = new Map<string, ModelCardEvidence>();
  for (const e of input.evidence) if (e.kind === 'model-card') cards.set(e.componentId, e);
  const evidence: OpennessEvidence[] = [];
  for (const component of input.components) {
    if (component.kind !== 'model') continue;
    const result = modelOpenness(artifactsOf(component, input.allPaths, cards.get(component.id)));
    evidence.push({
      kind: 'openness',
      id: `openness:${component.id}`,
      componentId: component.id,
      source: 'models/openness',
      confidence: 'medium',
      ...(result.class !== null ? { class: result.class } : {}),
      progress: result.progress,
      osaid: result.osaid.verdict,
      detail:
        result.class === null
          ? `no MOF class (class III ${result.progress.III}% met); OSAID: ${result.osaid.verdict}`
          : `MOF class ${result.class}; OSAID: ${result.osaid.verdict}`,
      components: result.components.map((c) => ({
        key: c.key,
        status: c.status,
        ...(c.license !== null && c.license !== undefined ? { license: c.license } : {}),
        ...(c.evidence !== undefined && c.evidence.length > 0 ? { files: [...c.evidence] } : {}),
      })),
      reasons: result.osaid.reasons.map((r) => `${r.requirement}: ${r.status} — ${r.message}`),
    });
  }
  return Promise.resolve({ evidence, errors: [] });
}
