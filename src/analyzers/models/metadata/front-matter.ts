/**
 * The facts of a model card's YAML front matter (Hugging Face model-card metadata spec,
 * hub-docs `model-cards.md`): licence, base models and their relation, datasets, languages,
 * task, library, tags and `model-index` evaluation results. Values of the wrong type are
 * ignored, lists are bounded: the card is untrusted.
 */
import { stringField, stringList, type Fields } from '../../../extractors/model/shared/card.js';

/** Most entries kept from one list field (tags, datasets, languages). */
const MAX_LIST = 200;
/** Most `model-index` results kept. */
const MAX_RESULTS = 500;
/** Longest string kept from the card. */
const MAX_STRING = 512;

/** The relations `base_model_relation` may take (hub-docs model-cards.md). */
export const BASE_MODEL_RELATIONS: readonly string[] = [
  'adapter',
  'merge',
  'quantized',
  'finetune',
];

/** One `model-index` result: a metric on a dataset for a task. */
export interface EvalResult {
  readonly model?: string;
  readonly task?: string;
  readonly dataset?: string;
  readonly metric: string;
  readonly value: string | number;
}

/** What the front matter says. Lists are sorted and unique (except `results`, in card order). */
export interface FrontMatterFacts {
  readonly license: readonly string[];
  readonly licenseName?: string;
  readonly licenseLink?: string;
  readonly baseModels: readonly string[];
  /** As declared (lower-cased); `relationValid` says whether it is one the Hub knows. */
  readonly relation?: string;
  readonly relationValid?: boolean;
  readonly datasets: readonly string[];
  readonly language: readonly string[];
  readonly pipelineTag?: string;
  readonly libraryName?: string;
  readonly tags: readonly string[];
  readonly results: readonly EvalResult[];
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(value: string): string {
  return value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value;
}

/** Sorted, unique, bounded, clipped. */
function list(fields: Fields | undefined, key: string): string[] {
  return [...new Set(stringList(fields, key).map(clip))].sort().slice(0, MAX_LIST);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return clip(value.trim());
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** `model-index: [{ name, results: [{ task: {type,name}, dataset: {type,name}, metrics: [...] }] }]`. */
export function modelIndexResults(card: Fields | undefined): EvalResult[] {
  const index = card?.['model-index'];
  const out: EvalResult[] = [];
  if (!Array.isArray(index)) return out;
  for (const entry of index.slice(0, 50)) {
    if (!isObject(entry)) continue;
    const model = text(entry.name);
    const results = Array.isArray(entry.results) ? entry.results : [];
    for (const result of results.slice(0, MAX_RESULTS)) {
      if (!isObject(result)) continue;
      const task = isObject(result.task)
        ? (text(result.task.type) ?? text(result.task.name))
        : undefined;
      const dataset = isObject(result.dataset)
        ? (text(result.dataset.name) ?? text(result.dataset.type))
        : undefined;
      const metrics = Array.isArray(result.metrics) ? result.metrics : [];
      for (const metric of metrics.slice(0, MAX_RESULTS)) {
        if (!isObject(metric)) continue;
        const name = text(metric.name) ?? text(metric.type);
        const raw = metric.value;
        const value =
          typeof raw === 'number' && Number.isFinite(raw)
            ? raw
            : typeof raw === 'string'
              ? clip(raw)
              : undefined;
        if (name === undefined || value === undefined) continue;
        out.push({
          ...(model !== undefined ? { model } : {}),
          ...(task !== undefined ? { task } : {}),
          ...(dataset !== undefined ? { dataset } : {}),
          metric: name,
          value,
        });
        if (out.length >= MAX_RESULTS) return out;
      }
    }
  }
  return out;
}

/** The facts of a parsed front matter (undefined → every list empty). */
export function frontMatterFacts(card: Fields | undefined): FrontMatterFacts {
  const relation = stringField(card, 'base_model_relation')?.toLowerCase();
  const licenseName = stringField(card, 'license_name');
  const licenseLink = stringField(card, 'license_link');
  const pipelineTag = stringField(card, 'pipeline_tag');
  const libraryName = stringField(card, 'library_name');
  return {
    license: list(card, 'license'),
    ...(licenseName !== undefined ? { licenseName: clip(licenseName) } : {}),
    ...(licenseLink !== undefined ? { licenseLink: clip(licenseLink) } : {}),
    baseModels: list(card, 'base_model'),
    ...(relation !== undefined
      ? { relation: clip(relation), relationValid: BASE_MODEL_RELATIONS.includes(relation) }
      : {}),
    datasets: list(card, 'datasets'),
    language: list(card, 'language'),
    ...(pipelineTag !== undefined ? { pipelineTag: clip(pipelineTag) } : {}),
    ...(libraryName !== undefined ? { libraryName: clip(libraryName) } : {}),
    tags: list(card, 'tags'),
    results: modelIndexResults(card),
  };
}
