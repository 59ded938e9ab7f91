/**
 * models/provenance: for every model component, what its folder says about it (`model-card`
 * evidence: card metadata, configs, licence files, GGUF/ONNX header metadata, card sections
 * and a transparency score) and where it comes from (`provenance` evidence: its declared base
 * models and the chain of ancestors up to the roots, each link with where it was resolved and
 * the licence it declares; cycles and missing links).
 *
 * Offline by default: links resolve from the scan and the local Hugging Face cache. The Hub
 * API is asked only when the caller passes `hub` (the CLI does unless `--offline`), which keeps
 * the analyzer itself free of network needs (`requiresNetwork: false`).
 */
import type {
  Analyzer,
  AnalyzeInput,
  AnalyzeResult,
  AnalyzerError,
} from '../../../core/analyzer.js';
import { describeError } from '../../../core/errors.js';
import type { ScanFs } from '../../../core/fs.js';
import { mapPool } from '../../../core/pool.js';
import type { Component, ModelCardEvidence, ProvenanceEvidence } from '../../../core/types.js';
import { isMetaName } from '../../../extractors/model/shared/formats.js';
import { judgeInheritance, type DatasetLicense } from '../inheritance/index.js';
import { readModelMetadata, type ModelMetadata } from '../metadata/index.js';
import { modelFolderOf } from '../remote-code.js';
import { isModelFileName } from '../scan-file.js';
import { createHubCardSource, type HubCardSource, type HubClientOptions } from './hub-client.js';
import {
  cachedDatasetLicense,
  createCardResolver,
  findSnapshot,
  hubCache,
  isModelId,
  lineageCard,
  normaliseBaseId,
  resolveLineage,
  type LineageCard,
} from './resolve.js';

/** Extractors whose components are folders of the scan holding the model's files. */
const FOLDER_EXTRACTORS: ReadonlySet<string> = new Set(['model/model-dir', 'model/hf-cache']);
/** Model folders read at once. */
const CONCURRENCY = 4;

/** Options of `createProvenanceAnalyzer`. */
export interface ProvenanceOptions {
  /**
   * Ask the Hub API for links the scan and the cache cannot resolve. `hubUrl` defaults to the
   * scan's `$HF_ENDPOINT`, then to the library's default.
   */
  readonly hub?: HubClientOptions;
  /** A ready Hub source (tests); takes precedence over `hub`. */
  readonly hubSource?: HubCardSource;
}

function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

function baseOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/**
 * The folder holding a model component's files: the shallowest folder of its card or configs,
 * else of its weights, else (a folder location) `modelFolderOf`. Undefined for components that
 * are only referenced (a `from_pretrained("org/name")` call, an Ollama Modelfile).
 */
export function modelFolder(component: Component): string | undefined {
  if (!component.foundBy.some((f) => FOLDER_EXTRACTORS.has(f))) return undefined;
  const paths = component.locations.map((l) => l.path);
  const shallowest = (dirs: string[]): string | undefined =>
    dirs.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))[0];
  const meta = paths.filter((p) => isMetaName(baseOf(p))).map(dirOf);
  if (meta.length > 0) return shallowest(meta);
  const weights = paths.filter((p) => isModelFileName(baseOf(p))).map(dirOf);
  if (weights.length > 0) return shallowest(weights);
  return modelFolderOf(component);
}

/** Names of the files directly in each folder of the scan. */
function folderIndex(
  allPaths: ReadonlySet<string>,
  wanted: ReadonlySet<string>,
): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const p of allPaths) {
    const dir = dirOf(p);
    if (!wanted.has(dir)) continue;
    const names = index.get(dir) ?? [];
    names.push(baseOf(p));
    index.set(dir, names);
  }
  return index;
}

/**
 * The Hub id of a component that stands for a Hub repo (a clone, a cache snapshot, a card
 * naming itself, a reference in code); undefined for a local model, whose folder name says
 * nothing about the Hub (a folder called `gpt2` is not the Hub's gpt2).
 */
function hubIdOf(component: Component): string | undefined {
  return component.source?.type === 'hub' && isModelId(component.name) ? component.name : undefined;
}

/** The base models a model declares, and where (card, adapter config, GGUF header). */
function declaredBases(meta: ModelMetadata | undefined): { bases: string[]; declaredIn?: string } {
  if (meta === undefined) return { bases: [] };
  if (meta.frontMatter.baseModels.length > 0)
    return { bases: [...meta.frontMatter.baseModels], declaredIn: 'card' };
  if (meta.adapterBase !== undefined)
    return { bases: [meta.adapterBase], declaredIn: 'adapter-config' };
  if (meta.ggufBaseModels.length > 0)
    return { bases: [...meta.ggufBaseModels], declaredIn: 'gguf' };
  return { bases: [] };
}

function cardEvidence(
  component: Component,
  meta: ModelMetadata,
  folder: string | undefined,
): ModelCardEvidence {
  // A model described from the cache has no place in the scanned tree: no location.
  const where = folder === undefined ? undefined : (meta.card ?? (folder === '' ? '.' : folder));
  return {
    kind: 'model-card',
    id: `model-card:${component.id}`,
    componentId: component.id,
    source: 'models/provenance',
    confidence: 'declared',
    ...(where !== undefined ? { location: { path: where } } : {}),
    ...(meta.card !== undefined ? { card: meta.card } : {}),
    metadata: meta.metadata,
    sections: meta.sections.map((s) => ({ ...s })),
    transparency: { ...meta.transparency, missing: [...meta.transparency.missing] },
  };
}

/** The file of the scan where the base models were declared, for the evidence's location. */
function declarationFile(
  meta: ModelMetadata | undefined,
  folder: string | undefined,
  declaredIn: string | undefined,
): string | undefined {
  if (meta === undefined || folder === undefined) return undefined;
  if (declaredIn === 'card') return meta.card;
  if (declaredIn === 'adapter-config')
    return folder === '' ? 'adapter_config.json' : `${folder}/adapter_config.json`;
  if (declaredIn === 'gguf')
    return meta.metadata.weightMetadata.find((w) => w.format === 'gguf')?.file;
  return undefined;
}

/** The metadata of the cache snapshot of `id`, or undefined when the cache does not hold it. */
async function cachedMetadata(
  cache: { fs: ScanFs; dir: string },
  id: string,
): Promise<ModelMetadata | undefined> {
  const snapshot = await findSnapshot(cache.fs, cache.dir, id);
  if (snapshot === undefined) return undefined;
  const names = (await cache.fs.readdir(snapshot.folder))
    .filter((e) => e.type === 'file')
    .map((e) => e.name);
  return readModelMetadata({
    fs: cache.fs,
    folder: snapshot.folder,
    names,
    weightFiles: names
      .filter((n) => /\.(?:gguf|onnx)$/i.test(n))
      .map((n) => `${snapshot.folder}/${n}`),
    reportPrefix: cache.dir,
  });
}

/** The provenance analyzer; `options.hub` turns on the Hub API. */
export function createProvenanceAnalyzer(options: ProvenanceOptions = {}): Analyzer {
  async function analyze(input: AnalyzeInput): Promise<AnalyzeResult> {
    const models = input.components.filter((c) => c.kind === 'model');
    const folders = new Map(models.map((c) => [c.id, modelFolder(c)] as const));
    const index = folderIndex(
      input.allPaths,
      new Set([...folders.values()].filter((f): f is string => f !== undefined)),
    );
    const cache = hubCache(input.env);
    const errors: AnalyzerError[] = [];
    const metas = new Map<string, ModelMetadata>();
    /** Components described from their copy in the local cache (only referenced in the scan). */
    const fromCache = new Set<string>();
    let filesRead = 0;
    await mapPool(models, CONCURRENCY, async (component) => {
      const folder = folders.get(component.id);
      const id = hubIdOf(component);
      if (folder === undefined) {
        if (id === undefined || cache === undefined) return;
        try {
          const meta = await cachedMetadata(cache, id);
          if (meta === undefined) return;
          metas.set(component.id, meta);
          fromCache.add(component.id);
          filesRead += meta.filesRead;
        } catch (error) {
          errors.push({
            path: cache.dir,
            componentId: component.id,
            message: describeError(error),
          });
        }
        return;
      }
      const names = index.get(folder) ?? [];
      const prefix = folder === '' ? '' : `${folder}/`;
      try {
        const meta = await readModelMetadata({
          fs: input.fs,
          folder,
          names,
          weightFiles: component.locations
            .map((l) => l.path)
            .filter((p) => p.startsWith(prefix) && /\.(?:gguf|onnx)$/i.test(p)),
        });
        metas.set(component.id, meta);
        filesRead += meta.filesRead;
        // The card, config.json and weights are the extractors' and the models analyzer's to
        // report; only the files only this analyzer reads are reported here.
        for (const w of meta.warnings)
          if (w.path !== undefined && /(?:^|\/)tokenizer_config\.json$/.test(w.path))
            errors.push({ path: w.path, componentId: component.id, message: w.message });
      } catch (error) {
        errors.push({
          path: folder === '' ? '.' : folder,
          componentId: component.id,
          message: describeError(error),
        });
      }
    });

    // Cards of the scan's own models resolve links before the cache and the Hub.
    const local = new Map<string, { card: LineageCard; at: string }>();
    for (const component of models) {
      const meta = metas.get(component.id);
      const id = hubIdOf(component);
      if (meta?.card === undefined || id === undefined || fromCache.has(component.id)) continue;
      if (local.has(id)) continue;
      const declared = declaredBases(meta);
      local.set(id, {
        card: { ...lineageCard(undefined), ...meta.frontMatter, baseModels: declared.bases },
        at: meta.card,
      });
    }
    const hub =
      options.hubSource ??
      (options.hub !== undefined
        ? createHubCardSource({
            ...options.hub,
            ...(options.hub.hubUrl === undefined && input.env.HF_ENDPOINT
              ? { hubUrl: input.env.HF_ENDPOINT }
              : {}),
          })
        : undefined);
    const resolver = createCardResolver({
      local,
      env: input.env,
      ...(hub !== undefined ? { hub } : {}),
    });

    const evidence: (ProvenanceEvidence | ModelCardEvidence)[] = [];
    let withBases = 0;
    let problems = 0;
    for (const component of models) {
      const meta = metas.get(component.id);
      const cached = fromCache.has(component.id);
      if (meta !== undefined)
        evidence.push(cardEvidence(component, meta, folders.get(component.id)));
      const self = hubIdOf(component);
      let { bases, declaredIn } = declaredBases(meta);
      if (declaredIn !== undefined && cached) declaredIn = 'cache';
      let relation = meta?.frontMatter.relation;
      if (meta?.card === undefined && bases.length === 0 && self !== undefined) {
        // A folder without a card, or a model only referenced and not cached: its own card may
        // be on the Hub.
        const own = await resolver.resolve(self);
        if (own.found && own.from !== 'scan') {
          bases = [...own.card.baseModels];
          declaredIn = own.from;
          relation = own.card.relation;
        }
      }
      bases = [...new Set(bases.map(normaliseBaseId))].sort();
      const declaredAt = declarationFile(meta, folders.get(component.id), declaredIn);
      const lineage = bases.length > 0 ? await resolveLineage(self, bases, resolver) : undefined;
      if (bases.length > 0) withBases++;
      if (lineage !== undefined && (lineage.missing.length > 0 || lineage.cycles.length > 0))
        problems++;
      const datasets =
        meta === undefined || cached
          ? []
          : await datasetLicenses(meta.metadata.datasets, input.components, cache);
      const inheritance =
        meta !== undefined &&
        !cached &&
        ((lineage !== undefined && lineage.ancestors.length > 0) ||
          datasets.some((d) => d.license !== undefined))
          ? await inheritanceOf(input.fs, component, meta, lineage?.ancestors ?? [], datasets)
          : undefined;
      evidence.push({
        kind: 'provenance',
        id: `provenance:${component.id}`,
        componentId: component.id,
        source: 'models/provenance',
        confidence: 'declared',
        ...(declaredAt !== undefined ? { location: { path: declaredAt } } : {}),
        baseModels: bases,
        ...(relation !== undefined ? { relation } : {}),
        ...(declaredIn !== undefined ? { declaredIn } : {}),
        ...(lineage !== undefined
          ? {
              ancestors: lineage.ancestors,
              roots: lineage.roots,
              ...(lineage.cycles.length > 0 ? { cycles: lineage.cycles } : {}),
              ...(lineage.missing.length > 0 ? { missing: lineage.missing } : {}),
              ...(lineage.truncated ? { truncated: true } : {}),
            }
          : {}),
        ...(inheritance !== undefined ? { inheritance } : {}),
      });
    }
    const asked = hub?.requests() ?? 0;
    return {
      evidence,
      errors,
      filesRead,
      note:
        `${models.length} model(s): ${metas.size - fromCache.size} folder(s) read` +
        (fromCache.size > 0 ? `, ${fromCache.size} from the local cache` : '') +
        `, ${withBases} with base models` +
        (problems > 0 ? `, ${problems} with missing links or cycles` : '') +
        (hub === undefined ? '; Hub not asked (offline)' : `; ${asked} Hub request(s)`),
    };
  }
  return { name: 'models/provenance', requiresNetwork: false, analyze } satisfies Analyzer;
}

/** Bytes read of each licence, notice or card file for the inheritance check. */
const MAX_INHERITANCE_FILE_BYTES = 256 * 1024;

/**
 * The model's declared licence judged against its ancestors' terms, and the obligations of
 * those terms checked against its licence, notice, use-policy files and card (read bounded; an
 * unreadable file is left out, which can only make an obligation look unmet).
 */
async function inheritanceOf(
  fs: ScanFs,
  component: Component,
  meta: ModelMetadata,
  ancestors: NonNullable<ProvenanceEvidence['ancestors']>,
  datasets: readonly DatasetLicense[],
): Promise<NonNullable<ProvenanceEvidence['inheritance']>> {
  const paths = [
    ...meta.metadata.licenseFiles,
    ...meta.metadata.noticeFiles,
    ...meta.metadata.usePolicyFiles,
    ...(meta.card !== undefined ? [meta.card] : []),
  ];
  const files: { path: string; text: string }[] = [];
  for (const path of [...new Set(paths)]) {
    try {
      files.push({ path, text: await fs.readText(path, MAX_INHERITANCE_FILE_BYTES) });
    } catch {
      // Too large or unreadable: judged without it.
    }
  }
  const declared = meta.metadata.license[0];
  const result = judgeInheritance({
    modelName: component.name,
    ...(declared !== undefined
      ? {
          declared: {
            value: declared,
            ...(meta.metadata.licenseName !== undefined ? { name: meta.metadata.licenseName } : {}),
          },
        }
      : {}),
    ancestors: ancestors.map((a) => ({
      id: a.id,
      depth: a.depth,
      ...(a.license !== undefined
        ? {
            license: {
              value: a.license.split(', ')[0] ?? a.license,
              ...(a.licenseName !== undefined ? { name: a.licenseName } : {}),
            },
          }
        : {}),
    })),
    datasets,
    files,
  });
  return {
    ...(result.governing !== undefined ? { governing: result.governing } : {}),
    declared: [...result.declaredIds],
    conflicts: result.conflicts,
    obligations: result.obligations,
    notes: result.notes,
  };
}

/**
 * The licences of the datasets a card names: a dataset component of the scan with that name
 * (its declared licence), else the dataset's card in the local Hugging Face cache. A dataset
 * found nowhere has no licence here (never a guess).
 */
async function datasetLicenses(
  ids: readonly string[],
  components: readonly Component[],
  cache: { fs: ScanFs; dir: string } | undefined,
): Promise<DatasetLicense[]> {
  const out: DatasetLicense[] = [];
  for (const id of ids.slice(0, 50)) {
    const local = components.find(
      (c) => c.kind === 'dataset' && c.name.toLowerCase() === id.toLowerCase(),
    );
    const declared = local?.declaredLicense;
    if (declared !== undefined) {
      out.push({ id, license: { value: declared } });
      continue;
    }
    const cached = cache === undefined ? undefined : await cachedDatasetLicense(cache, id);
    out.push(cached === undefined ? { id } : { id, license: cached });
  }
  return out;
}

/** The offline provenance analyzer (scan and local cache only). */
export const analyzer: Analyzer = createProvenanceAnalyzer();
