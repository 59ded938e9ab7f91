/**
 * Does loading this model run code that ships with it? Transformers runs a model folder's own
 * Python (`modeling_*.py`, `tokenization_*.py`, …) when its `config.json` or
 * `tokenizer_config.json` maps an Auto class to it through `auto_map` and the caller passes
 * `trust_remote_code=True`; an `auto_map` value `org/repo--module.Class` fetches the code from
 * another repository. Any Python file in the folder is listed too: it is code that travels with
 * the weights. Nothing is imported or run; the configs are read as JSON, bounded.
 */
import type { ScanFs } from '../../core/fs.js';
import type { Component, ModelCodeEvidence } from '../../core/types.js';

/** Configs that may carry an `auto_map`. */
const CONFIGS = [
  'config.json',
  'tokenizer_config.json',
  'processor_config.json',
  'preprocessor_config.json',
];
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** Python files listed per model (a model folder with more is a code repository anyway). */
const MAX_FILES = 200;

/** The folder a model component lives in: a location other locations are inside of. */
export function modelFolderOf(component: Component): string | undefined {
  const paths = component.locations.map((l) => l.path);
  return paths.find((p) => paths.some((q) => q.startsWith(`${p}/`)));
}

/** `auto_map` as `AutoClass → reference` lines and the other repositories it names. */
export function readAutoMap(config: unknown): { entries: string[]; repos: string[] } {
  const entries: string[] = [];
  const repos: string[] = [];
  if (typeof config !== 'object' || config === null) return { entries, repos };
  const map = (config as { auto_map?: unknown }).auto_map;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return { entries, repos };
  for (const [auto, value] of Object.entries(map as Record<string, unknown>).slice(0, 100)) {
    // A value is "module.Class", or [slow, fast] for tokenizers (either may be null).
    const refs = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    for (const ref of refs.slice(0, 4)) {
      entries.push(`${auto} → ${ref}`);
      const repo = /^([^/\s]+\/[^/\s]+?)--/.exec(ref)?.[1];
      if (repo !== undefined) repos.push(repo);
    }
  }
  return { entries, repos };
}

/**
 * The model-code evidence of one model component, or undefined when its folder ships no code.
 * `allPaths` is every path the scan walked.
 */
export async function modelCodeOf(
  component: Component,
  fs: ScanFs,
  allPaths: ReadonlySet<string>,
): Promise<ModelCodeEvidence | undefined> {
  const folder = modelFolderOf(component);
  if (folder === undefined) return undefined;
  const prefix = folder === '' ? '' : `${folder}/`;
  const files = [...allPaths].filter((p) => p.startsWith(prefix) && p.endsWith('.py')).sort();
  const entries: string[] = [];
  const repos: string[] = [];
  for (const name of CONFIGS) {
    const file = `${prefix}${name}`;
    if (!allPaths.has(file)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await fs.readText(file, MAX_CONFIG_BYTES));
    } catch {
      // An unreadable or malformed config is the extractor's to report; no auto_map from it.
      continue;
    }
    const found = readAutoMap(parsed);
    entries.push(...found.entries.map((e) => `${name}: ${e}`));
    repos.push(...found.repos);
  }
  if (files.length === 0 && entries.length === 0) return undefined;
  return {
    kind: 'model-code',
    id: `model-code:${component.id}`,
    componentId: component.id,
    source: 'models',
    confidence: 'high',
    location: { path: folder },
    files: files.slice(0, MAX_FILES),
    autoMap: [...new Set(entries)].sort(),
    externalRepos: [...new Set(repos)].sort(),
  };
}
