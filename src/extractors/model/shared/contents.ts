/**
 * What a set of files makes as a model: which of them are weights (by name, then checked by
 * their magic bytes), which describe it (card, config, tokenizer), and the facts the card
 * and config state. Shared by the model-folder and Hugging Face cache extractors.
 */
import type { ScanFs } from '../../../core/fs.js';
import type { LicenseStatement } from '../../../core/types.js';
import {
  cardFacts,
  firstString,
  readCard,
  readJsonObject,
  stringField,
  type Fields,
  type Warning,
} from './card.js';
import {
  isMetaName,
  isModelishName,
  sniffWeight,
  weightKindOf,
  type ModelFormat,
  type WeightKind,
} from './formats.js';

/** A file that may belong to a model. */
export interface CandidateFile {
  /** Path relative to the scan root. */
  readonly path: string;
  /** Path relative to the model folder (`model.safetensors`, `unet/config.json`). */
  readonly name: string;
  readonly size: number;
  /** Overrides the kind the name implies (TensorFlow `variables/` files have no telling name). */
  readonly kind?: WeightKind;
}

/** A file kept as one of the model's weights. */
export interface WeightFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly format: ModelFormat;
}

/** What the files of one model say. */
export interface ModelContents {
  readonly weights: readonly WeightFile[];
  /** Weights and describing files (card, configs, tokenizer), sorted: the model's locations. */
  readonly files: readonly string[];
  /** `model:*` properties (formats, counts, card and config facts). */
  readonly properties: Record<string, string>;
  readonly license?: string;
  /** The card's licence statements (see CardFacts). */
  readonly licenseStatements?: readonly LicenseStatement[];
  /** Base models the card or adapter config names. */
  readonly baseModels: readonly string[];
  readonly card?: Fields;
  readonly config?: Fields;
}

/** Files that say "this folder is a model", which lets generic extensions count as weights. */
const CONTEXT_NAMES: ReadonlySet<string> = new Set([
  'config.json',
  'README.md',
  'adapter_config.json',
  'model_index.json',
  'modules.json',
]);

/** Weights whose headers are sniffed; past this (huge shard sets) they are counted unread. */
const MAX_SNIFFED = 1000;

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A candidate weight admitted by name, and why. */
interface Admitted {
  readonly name: string;
  readonly kind: WeightKind;
  /** Only the folder's other files made it count; a wrong magic then means "not a model". */
  readonly byContextOnly: boolean;
}

/**
 * Which of `names` count as weights from their names alone: `.safetensors`, `.gguf`, `.pt`, …
 * always; `.bin`/`.h5` with a model-ish name or beside a config, card or other weight;
 * `.npy`/`.npz` and ONNX external data only beside other model files.
 */
export function admitWeights(
  names: readonly string[],
  kinds: ReadonlyMap<string, WeightKind> = new Map(),
  trusted = false,
): Admitted[] {
  const classified = names.flatMap((name) => {
    const kind = kinds.get(name) ?? weightKindOf(baseName(name));
    return kind === undefined ? [] : [{ name, kind }];
  });
  const context = trusted || names.some((n) => CONTEXT_NAMES.has(baseName(n)));
  const certain = classified.some((c) => c.kind.certainty === 'certain');
  const namedGeneric = classified.some(
    (c) => c.kind.certainty === 'generic' && isModelishName(baseName(c.name)),
  );
  const admitted: Admitted[] = [];
  for (const { name, kind } of classified) {
    if (kind.certainty === 'certain') {
      admitted.push({ name, kind, byContextOnly: false });
    } else if (kind.certainty === 'generic') {
      if (isModelishName(baseName(name))) admitted.push({ name, kind, byContextOnly: false });
      else if (context || certain) admitted.push({ name, kind, byContextOnly: true });
    } else if (context || certain || namedGeneric) {
      admitted.push({ name, kind, byContextOnly: false });
    }
  }
  return admitted;
}

/** Options of `describeContents`. */
export interface DescribeOptions {
  /** The files are a Hub snapshot: every weight-named file counts, whatever sits beside it. */
  readonly trusted?: boolean;
  /** Describe the files even when none is a weight (a snapshot of only a config or card). */
  readonly allowEmpty?: boolean;
}

/**
 * Describe the model made of `files`. Undefined when none of them is a weight after
 * checking magic bytes (unless `allowEmpty`).
 */
export async function describeContents(
  fs: ScanFs,
  files: readonly CandidateFile[],
  warnings: Warning[],
  options: DescribeOptions = {},
): Promise<ModelContents | undefined> {
  const trusted = options.trusted ?? false;
  const byName = new Map(files.map((f) => [f.name, f]));
  const kinds = new Map(
    files.flatMap((f) => (f.kind === undefined ? [] : [[f.name, f.kind] as const])),
  );
  const admitted = admitWeights([...byName.keys()], kinds, trusted);

  const weights: WeightFile[] = [];
  let parameters = 0;
  let allCounted = true;
  for (const [index, candidate] of admitted.entries()) {
    const file = byName.get(candidate.name);
    if (file === undefined) continue;
    const weight: WeightFile = {
      path: file.path,
      name: file.name,
      size: file.size,
      format: candidate.kind.format,
    };
    if (index >= MAX_SNIFFED) {
      weights.push(weight);
      allCounted = false;
      continue;
    }
    let sniff;
    try {
      sniff = await sniffWeight(fs, file.path, candidate.kind.format, file.size);
    } catch (error) {
      warnings.push({
        message: `${file.path}: could not be read (${error instanceof Error ? error.message : String(error)})`,
        path: file.path,
      });
      weights.push(weight);
      allCounted = false;
      continue;
    }
    if (!sniff.matches) {
      if (candidate.byContextOnly) continue; // a generic `.bin`/`.npy` that is not a model after all
      warnings.push({
        message: `${file.path}: named like a ${candidate.kind.format} file but its first bytes look like ${sniff.looksLike ?? 'something else'}`,
        path: file.path,
      });
    }
    if (sniff.problem !== undefined)
      warnings.push({ message: `${file.path}: ${sniff.problem}`, path: file.path });
    if (candidate.kind.format === 'safetensors') {
      if (sniff.parameters !== undefined && sniff.matches) parameters += sniff.parameters;
      else allCounted = false;
    }
    weights.push(weight);
  }
  if (weights.length === 0 && options.allowEmpty !== true) return undefined;

  const cardFile = byName.get('README.md');
  const configFile = byName.get('config.json');
  const adapterFile = byName.get('adapter_config.json');
  const pipelineFile = byName.get('model_index.json');
  const card = cardFile === undefined ? undefined : await readCard(fs, cardFile.path, warnings);
  const config =
    configFile === undefined ? undefined : await readJsonObject(fs, configFile.path, warnings);
  const adapter =
    adapterFile === undefined ? undefined : await readJsonObject(fs, adapterFile.path, warnings);
  const pipeline =
    pipelineFile === undefined ? undefined : await readJsonObject(fs, pipelineFile.path, warnings);

  const facts = cardFacts(card);
  const properties: Record<string, string> = { ...facts.properties };
  const formats = [...new Set(weights.map((w) => w.format))].sort(compare);
  if (formats.length > 0) properties['model:formats'] = formats.join(',');
  properties['model:files'] = String(weights.length);
  properties['model:bytes'] = String(weights.reduce((n, w) => n + w.size, 0));
  const safetensors = weights.some((w) => w.format === 'safetensors');
  if (safetensors && allCounted) properties['model:parameters'] = String(parameters);
  const architecture = firstString(config, 'architectures') ?? stringField(pipeline, '_class_name');
  if (architecture !== undefined) properties['model:architecture'] = architecture;
  const modelType = stringField(config, 'model_type');
  if (modelType !== undefined) properties['model:model_type'] = modelType;
  const peftType = stringField(adapter, 'peft_type');
  if (peftType !== undefined) properties['model:peft_type'] = peftType.toLowerCase();
  const baseModels = [...facts.baseModels];
  const adapterBase = stringField(adapter, 'base_model_name_or_path');
  if (baseModels.length === 0 && adapterBase !== undefined) {
    baseModels.push(adapterBase);
    properties['model:base_model'] = adapterBase;
  }

  const listed = new Set(weights.map((w) => w.path));
  for (const f of files) if (isMetaName(baseName(f.name))) listed.add(f.path);
  return {
    weights,
    files: [...listed].sort(compare),
    properties,
    ...(facts.license !== undefined ? { license: facts.license } : {}),
    ...(facts.licenseStatements.length > 0 ? { licenseStatements: facts.licenseStatements } : {}),
    baseModels,
    ...(card !== undefined ? { card } : {}),
    ...(config !== undefined ? { config } : {}),
  };
}
