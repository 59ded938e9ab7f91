/**
 * Everything a model's folder says about the model besides its weights' safety: the card
 * (front matter and sections), `config.json`, `generation_config.json`,
 * `tokenizer_config.json` (chat template), LICENSE/NOTICE/USE_POLICY files, and the metadata
 * GGUF and ONNX files carry in their headers (read by the existing format readers, header
 * only). Every read is bounded; a malformed file is a warning, the rest is still read.
 */
import path from 'node:path';
import type { ScanFs } from '../../../core/fs.js';
import type { ModelCardEvidence } from '../../../core/types.js';
import {
  parseFrontMatter,
  readJsonObject,
  stringField,
  type Fields,
  type Warning,
} from '../../../extractors/model/shared/card.js';
import { ggufReader } from '../formats/gguf/index.js';
import { onnxReader } from '../formats/onnx/index.js';
import { readAutoMap } from '../remote-code.js';
import { countingSource } from '../scan-file.js';
import { DEFAULT_MODEL_LIMITS, type FormatReader } from '../types.js';
import { frontMatterFacts, type FrontMatterFacts } from './front-matter.js';
import {
  cardSections,
  transparencyOf,
  type CardSection,
  type TransparencySummary,
} from './sections.js';

/** The whole card is read for its sections, up to this (real cards are tens of KB). */
export const MAX_FULL_CARD_BYTES = 1024 * 1024;
/** GGUF/ONNX files whose headers are read per model (shards repeat the same metadata). */
const MAX_WEIGHT_FILES = 4;

/** Size facts copied from config.json (numbers only). */
const PARAMETER_KEYS = [
  'hidden_size',
  'intermediate_size',
  'num_hidden_layers',
  'num_attention_heads',
  'num_key_value_heads',
  'vocab_size',
  'max_position_embeddings',
  'num_experts',
  'num_local_experts',
  'num_experts_per_tok',
  'sliding_window',
  'n_embd',
  'n_layer',
  'n_head',
  'n_positions',
  'd_model',
  'num_layers',
  'num_heads',
] as const;

const LICENSE_FILE = /^(?:licen[cs]e|copying)(?:[._-].*)?$/i;
const NOTICE_FILE = /^notice(?:[._-].*)?$/i;
const USE_POLICY_FILE =
  /^(?:use[_-]?policy|acceptable[_-]use(?:[_-]policy)?|responsible[_-]use.*)(?:\..*)?$/i;

/** What a model folder says. */
export interface ModelMetadata {
  /** The card read, when there is one. */
  readonly card?: string;
  readonly frontMatter: FrontMatterFacts;
  readonly metadata: ModelCardEvidence['metadata'];
  readonly sections: readonly CardSection[];
  readonly transparency: TransparencySummary;
  /** Base models the adapter config (PEFT `base_model_name_or_path`) names. */
  readonly adapterBase?: string;
  /** Base models GGUF headers name (`general.base_model.N.*`), as Hub ids where they give one. */
  readonly ggufBaseModels: readonly string[];
  readonly warnings: readonly Warning[];
  readonly filesRead: number;
}

/** Where to read: the model's folder and the names of the files directly in it. */
export interface MetadataInput {
  readonly fs: ScanFs;
  /** Folder relative to the fs root (`''` for the root). */
  readonly folder: string;
  /** Names of the files directly in `folder`. */
  readonly names: readonly string[];
  /** Weight files (paths relative to the fs root) whose headers may carry metadata. */
  readonly weightFiles?: readonly string[];
  /**
   * Prefix of every path reported (the cache directory when `fs` is the Hugging Face cache
   * rather than the scan root, so that reported paths are absolute there).
   */
  readonly reportPrefix?: string;
}

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/** The card text split into its front matter and body, with the body's first line number. */
export function splitCard(text: string): { frontMatter?: string; body: string; bodyLine: number } {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return { body: lines.join('\n'), bodyLine: 0 };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]?.trimEnd();
    if (line === '---' || line === '...')
      return {
        frontMatter: lines.slice(0, i + 1).join('\n'),
        body: lines.slice(i + 1).join('\n'),
        bodyLine: i + 1,
      };
  }
  return { body: lines.join('\n'), bodyLine: 0 };
}

async function readCardText(
  fs: ScanFs,
  file: string,
  warnings: Warning[],
): Promise<string | undefined> {
  try {
    const bytes = await fs.readBytes(file, 0, MAX_FULL_CARD_BYTES);
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch (error) {
    warnings.push({
      message: `${file}: ${error instanceof Error ? error.message : String(error)}`,
      path: file,
    });
    return undefined;
  }
}

/**
 * A card file (the first MiB): its front matter (undefined when absent or malformed, with a
 * warning) and its sections. Undefined when the file cannot be read (a warning says why).
 */
export async function readCardFile(
  fs: ScanFs,
  file: string,
  warnings: Warning[],
): Promise<{ card?: Fields; sections: readonly CardSection[] } | undefined> {
  const text = await readCardText(fs, file, warnings);
  if (text === undefined) return undefined;
  const split = splitCard(text);
  const card = parseFrontMatter(text, file, warnings);
  return {
    ...(card !== undefined ? { card } : {}),
    sections: cardSections(split.body, split.bodyLine),
  };
}

function numbers(config: Fields | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  // Multimodal configs keep the language model's sizes under `text_config`.
  const nested = config?.text_config;
  const sources = [
    config,
    typeof nested === 'object' && nested !== null ? (nested as Fields) : undefined,
  ];
  for (const key of PARAMETER_KEYS) {
    for (const source of sources) {
      const value = source?.[key];
      if (typeof value === 'number' && Number.isFinite(value)) {
        out[key] = value;
        break;
      }
    }
  }
  return out;
}

function strings(fields: Fields | undefined, key: string): string[] {
  const value = fields?.[key];
  if (!Array.isArray(value)) return [];
  return [
    ...new Set(
      value
        .filter((v): v is string => typeof v === 'string' && v !== '')
        .map((v) => v.slice(0, 200)),
    ),
  ]
    .sort()
    .slice(0, 50);
}

/** A Hub id from a GGUF base-model entry: its `repo_url` on the Hub, or `organization/name`. */
export function ggufBaseId(entry: Readonly<Record<string, unknown>>): string | undefined {
  const url = entry.repo_url;
  if (typeof url === 'string') {
    const match = /^https?:\/\/(?:huggingface\.co|hf\.co)\/([^/\s]+\/[^/\s?#]+)/.exec(url.trim());
    if (match?.[1] !== undefined) return match[1];
  }
  const org = entry.organization;
  const name = entry.name;
  if (typeof org === 'string' && typeof name === 'string' && org !== '' && name !== '')
    return `${org.trim().replace(/\s+/g, '-')}/${name.trim().replace(/\s+/g, '-')}`;
  return undefined;
}

/** `general.*` keys of a GGUF report, and its base models as Hub ids. */
function ggufValues(metadata: Readonly<Record<string, unknown>>): {
  values: Record<string, string | number>;
  bases: string[];
} {
  const values: Record<string, string | number> = {};
  const bases: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (!key.startsWith('general.')) continue;
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
      values[key] = value;
  }
  const list = metadata.baseModels;
  if (Array.isArray(list)) {
    for (const [i, entry] of list.entries()) {
      if (typeof entry !== 'object' || entry === null) continue;
      const fields = entry as Record<string, unknown>;
      for (const [field, value] of Object.entries(fields))
        if (typeof value === 'string') values[`general.base_model.${i}.${field}`] = value;
      // Without a repo URL or organization, the name as written: lineage reports it as a
      // link it cannot follow rather than dropping what the file declares.
      const id = ggufBaseId(fields) ?? (typeof fields.name === 'string' ? fields.name : undefined);
      if (id !== undefined && id.trim() !== '') bases.push(id.trim());
    }
  }
  return { values, bases };
}

async function weightMetadata(
  fs: ScanFs,
  files: readonly string[],
  warnings: Warning[],
): Promise<{
  entries: ModelCardEvidence['metadata']['weightMetadata'];
  bases: string[];
  chatTemplate: boolean;
}> {
  const entries: { file: string; format: string; values: Record<string, string | number> }[] = [];
  const bases: string[] = [];
  let chatTemplate = false;
  const picked = files
    .filter((f) => /\.(?:gguf|onnx)$/i.test(f))
    // One shard of a split GGUF carries the metadata of all: prefer the first.
    .filter((f) => !/-0*(?:[2-9]|\d{2,})-of-\d+\.gguf$/i.test(f) || /-0*1-of-/i.test(f))
    .slice(0, MAX_WEIGHT_FILES);
  for (const file of picked) {
    const reader: FormatReader = /\.gguf$/i.test(file) ? ggufReader : onnxReader;
    let opened;
    try {
      opened = await fs.openFile(file);
    } catch (error) {
      warnings.push({
        message: `${file}: ${error instanceof Error ? error.message : String(error)}`,
        path: file,
      });
      continue;
    }
    try {
      const base = file.slice(file.lastIndexOf('/') + 1);
      const result = await reader.read(countingSource(base, opened), {
        limits: DEFAULT_MODEL_LIMITS,
        depth: 0,
      });
      if (reader === ggufReader) {
        const { values, bases: found } = ggufValues(result.metadata);
        bases.push(...found);
        if (
          Array.isArray(result.metadata.chatTemplates) &&
          result.metadata.chatTemplates.length > 0
        )
          chatTemplate = true;
        entries.push({ file, format: 'gguf', values });
      } else {
        const values: Record<string, string | number> = {};
        const props = result.metadata.metadataProps;
        if (typeof props === 'object' && props !== null)
          for (const [k, v] of Object.entries(props as Record<string, unknown>))
            if (typeof v === 'string') values[k] = v;
        for (const key of ['producerName', 'producerVersion', 'domain', 'modelVersion'] as const) {
          const v = result.metadata[key];
          if (typeof v === 'string' || typeof v === 'number') values[`onnx.${key}`] = v;
        }
        entries.push({ file, format: 'onnx', values });
      }
    } catch (error) {
      warnings.push({
        message: `${file}: header not readable for metadata (${error instanceof Error ? error.message : String(error)})`,
        path: file,
      });
    } finally {
      await opened.close();
    }
  }
  return { entries, bases: [...new Set(bases)].sort(), chatTemplate };
}

/** Read everything the model folder says (see the module comment). */
export async function readModelMetadata(input: MetadataInput): Promise<ModelMetadata> {
  const { fs, folder } = input;
  const names = new Set(input.names);
  const warnings: Warning[] = [];
  let filesRead = 0;
  const cardName = names.has('README.md')
    ? 'README.md'
    : [...names].find((n) => n.toLowerCase() === 'readme.md');
  const cardPath = cardName === undefined ? undefined : join(folder, cardName);
  let card: Fields | undefined;
  let sections: readonly CardSection[] = cardSections('');
  if (cardPath !== undefined) {
    const read = await readCardFile(fs, cardPath, warnings);
    if (read !== undefined) {
      filesRead++;
      ({ card, sections } = read);
    }
  }
  const readConfig = async (name: string): Promise<Fields | undefined> => {
    if (!names.has(name)) return undefined;
    filesRead++;
    return readJsonObject(fs, join(folder, name), warnings);
  };
  const config = await readConfig('config.json');
  const tokenizer = await readConfig('tokenizer_config.json');
  const adapter = await readConfig('adapter_config.json');
  const weights = await weightMetadata(fs, input.weightFiles ?? [], warnings);
  filesRead += weights.entries.length;

  const facts = frontMatterFacts(card);
  const chatTemplateValue = tokenizer?.chat_template;
  const chatTemplate =
    (typeof chatTemplateValue === 'string' && chatTemplateValue.trim() !== '') ||
    (Array.isArray(chatTemplateValue) && chatTemplateValue.length > 0) ||
    names.has('chat_template.json') ||
    names.has('chat_template.jinja') ||
    weights.chatTemplate;
  const sorted = [...names].sort();
  const shown = (p: string): string =>
    input.reportPrefix === undefined ? p : path.join(input.reportPrefix, p);
  const adapterBase = stringField(adapter, 'base_model_name_or_path');
  const modelType = stringField(config, 'model_type');
  return {
    ...(cardPath !== undefined ? { card: shown(cardPath) } : {}),
    frontMatter: facts,
    metadata: {
      license: facts.license,
      ...(facts.licenseName !== undefined ? { licenseName: facts.licenseName } : {}),
      ...(facts.licenseLink !== undefined ? { licenseLink: facts.licenseLink } : {}),
      baseModels: facts.baseModels,
      ...(facts.relation !== undefined ? { relation: facts.relation } : {}),
      datasets: facts.datasets,
      language: facts.language,
      ...(facts.pipelineTag !== undefined ? { pipelineTag: facts.pipelineTag } : {}),
      ...(facts.libraryName !== undefined ? { libraryName: facts.libraryName } : {}),
      tags: facts.tags,
      results: facts.results,
      architectures: strings(config, 'architectures'),
      ...(modelType !== undefined ? { modelType: modelType.slice(0, 200) } : {}),
      autoMap: [...new Set(readAutoMap(config).entries)].sort(),
      parameters: numbers(config),
      generationConfig: names.has('generation_config.json'),
      chatTemplate,
      licenseFiles: sorted.filter((n) => LICENSE_FILE.test(n)).map((n) => shown(join(folder, n))),
      noticeFiles: sorted.filter((n) => NOTICE_FILE.test(n)).map((n) => shown(join(folder, n))),
      usePolicyFiles: sorted
        .filter((n) => USE_POLICY_FILE.test(n))
        .map((n) => shown(join(folder, n))),
      weightMetadata: weights.entries.map((e) => ({ ...e, file: shown(e.file) })),
    },
    sections,
    transparency: transparencyOf(sections),
    ...(adapterBase !== undefined ? { adapterBase } : {}),
    ggufBaseModels: weights.bases,
    warnings: warnings.map((w) => (w.path === undefined ? w : { ...w, path: shown(w.path) })),
    filesRead,
  };
}
