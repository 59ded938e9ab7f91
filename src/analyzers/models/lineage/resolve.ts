/**
 * The `base_model` chain of a model up to its roots. Each base model id is resolved to its
 * card's front matter, most local first:
 * 1. `scan`: a model of the scanned tree with that Hub id (a folder with its card, a cache
 *    snapshot in the scan);
 * 2. `cache`: the local Hugging Face cache (`$HF_HUB_CACHE`, `$HF_HOME/hub`,
 *    `~/.cache/huggingface/hub`): `models--ORG--NAME/snapshots/<commit>/README.md`, the commit
 *    `refs/main` names (else the newest-named snapshot);
 * 3. `hub`: the Hub API, only when a Hub source is given (never offline).
 * The walk is breadth-first, bounded in depth and in the number of models; cycles (a model
 * that is its own ancestor) and links that cannot be resolved are reported, never thrown.
 */
import path from 'node:path';
import { createScanFs, type ScanFs } from '../../../core/fs.js';
import type { ProvenanceEvidence } from '../../../core/types.js';
import { readCard, type Fields, type Warning } from '../../../extractors/model/shared/card.js';
import {
  cacheFolderName,
  hubCacheDir,
  isCanonicalId,
  isCommit,
  isNamespacedId,
} from '../../../extractors/model/shared/hub.js';
import { frontMatterFacts } from '../metadata/front-matter.js';
import type { HubCardSource } from './hub-client.js';

/** Deepest ancestor followed (a declared base model is depth 1). */
export const MAX_LINEAGE_DEPTH = 10;
/** Most ancestors resolved for one model. */
export const MAX_LINEAGE_NODES = 100;
/** Snapshots of one cache folder looked at. */
const MAX_SNAPSHOTS = 1000;

/** What a card says about one model, for its lineage. */
export interface LineageCard {
  readonly license: readonly string[];
  readonly licenseName?: string;
  readonly licenseLink?: string;
  readonly baseModels: readonly string[];
  readonly relation?: string;
}

/** One resolved link. */
export type Resolution =
  | {
      readonly found: true;
      readonly from: 'scan' | 'cache' | 'hub';
      readonly at: string;
      readonly card: LineageCard;
    }
  | { readonly found: false; readonly reason: string };

/** Resolves a model id to its card. */
export interface CardResolver {
  resolve(id: string): Promise<Resolution>;
}

/** The lineage facts of a parsed card. */
export function lineageCard(card: Fields | undefined): LineageCard {
  const facts = frontMatterFacts(card);
  return {
    license: facts.license,
    ...(facts.licenseName !== undefined ? { licenseName: facts.licenseName } : {}),
    ...(facts.licenseLink !== undefined ? { licenseLink: facts.licenseLink } : {}),
    baseModels: facts.baseModels,
    ...(facts.relation !== undefined ? { relation: facts.relation } : {}),
  };
}

/** A Hub model id as written in a card (`org/name`, or a legacy bare id like `gpt2`). */
export function isModelId(value: string): boolean {
  return isNamespacedId(value) || isCanonicalId(value);
}

/**
 * Normalise a declared base model: a Hub URL (`https://huggingface.co/org/name`) becomes its
 * id; anything else is kept as written.
 */
export function normaliseBaseId(value: string): string {
  const match = /^https?:\/\/(?:huggingface\.co|hf\.co)\/([^/\s]+\/[^/\s?#]+)\/?$/.exec(
    value.trim(),
  );
  return match?.[1] ?? value.trim();
}

/** A model's snapshot folder in the local Hugging Face cache. */
export interface CacheSnapshot {
  /** Rooted at the cache directory. */
  readonly fs: ScanFs;
  /** The cache directory (absolute). */
  readonly dir: string;
  /** `models--ORG--NAME/snapshots/<commit>`, relative to `dir`. */
  readonly folder: string;
  readonly commit: string;
}

/**
 * The snapshot of `id` in the cache rooted at `fs`: the commit `refs/main` names, else (a
 * revision-pinned download without refs/main) the first snapshot by name.
 */
export async function findSnapshot(
  fs: ScanFs,
  dir: string,
  id: string,
  type: 'model' | 'dataset' = 'model',
): Promise<CacheSnapshot | undefined> {
  const repo = cacheFolderName(id, type);
  let commit: string | undefined;
  try {
    const text = Buffer.from(await fs.readBytes(`${repo}/refs/main`, 0, 128))
      .toString('utf8')
      .trim();
    if (isCommit(text)) commit = text;
  } catch {
    // No refs/main: any snapshot will do.
  }
  const snapshots = (await fs.readdir(`${repo}/snapshots`))
    .filter((e) => e.type === 'directory' && isCommit(e.name))
    .slice(0, MAX_SNAPSHOTS)
    .map((e) => e.name);
  if (commit === undefined || !snapshots.includes(commit)) commit = snapshots.sort()[0];
  if (commit === undefined) return undefined;
  return { fs, dir, folder: `${repo}/snapshots/${commit}`, commit };
}

/** The local Hugging Face cache of a scan's environment, when there is one. */
export function hubCache(
  env: Readonly<Record<string, string | undefined>>,
): { fs: ScanFs; dir: string } | undefined {
  const dir = hubCacheDir(env);
  return dir === undefined ? undefined : { fs: createScanFs(dir), dir };
}

/** The card of `id` in a hub cache directory, or why not. */
async function fromCache(fs: ScanFs, dir: string, id: string): Promise<Resolution | undefined> {
  const snapshot = await findSnapshot(fs, dir, id);
  if (snapshot === undefined) return undefined;
  const file = `${snapshot.folder}/README.md`;
  if ((await fs.stat(file))?.type !== 'file') return undefined;
  const warnings: Warning[] = [];
  const card = await readCard(fs, file, warnings);
  if (card === undefined && warnings.length > 0)
    return { found: false, reason: warnings[0]?.message ?? `${file}: unreadable card` };
  return { found: true, from: 'cache', at: path.join(dir, file), card: lineageCard(card) };
}

/**
 * The `license:` (and `license_name:`) a dataset's card declares in the local cache, when the
 * dataset was downloaded there; undefined otherwise.
 */
export async function cachedDatasetLicense(
  cache: { fs: ScanFs; dir: string },
  id: string,
): Promise<{ value: string; name?: string } | undefined> {
  if (!isModelId(id)) return undefined;
  const snapshot = await findSnapshot(cache.fs, cache.dir, id, 'dataset');
  if (snapshot === undefined) return undefined;
  const file = `${snapshot.folder}/README.md`;
  if ((await cache.fs.stat(file))?.type !== 'file') return undefined;
  const card = lineageCard(await readCard(cache.fs, file, []));
  const value = card.license[0];
  if (value === undefined || value === '') return undefined;
  return { value, ...(card.licenseName !== undefined ? { name: card.licenseName } : {}) };
}

/** Options of `createCardResolver`. */
export interface CardResolverOptions {
  /** Cards of the models in the scan, by Hub id, with the card's path. */
  readonly local: ReadonlyMap<string, { readonly card: LineageCard; readonly at: string }>;
  /** The scan's environment (for the cache location). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The Hub, when online. */
  readonly hub?: HubCardSource;
}

/** A resolver over the scan, the local cache and (when given) the Hub. Memoised. */
export function createCardResolver(options: CardResolverOptions): CardResolver {
  const cache = hubCache(options.env);
  const memo = new Map<string, Promise<Resolution>>();
  async function resolve(id: string): Promise<Resolution> {
    if (!isModelId(id))
      return {
        found: false,
        reason: `"${id.slice(0, 200)}" is not a Hub model id (a local path?)`,
      };
    const local = options.local.get(id);
    if (local !== undefined) return { found: true, from: 'scan', at: local.at, card: local.card };
    if (cache !== undefined) {
      const cached = await fromCache(cache.fs, cache.dir, id);
      if (cached !== undefined) return cached;
    }
    if (options.hub === undefined)
      return {
        found: false,
        reason: `${id} is not in the scan or the local Hugging Face cache (the Hub was not asked: offline)`,
      };
    const answer = await options.hub.card(id);
    if (!answer.found) return { found: false, reason: answer.reason };
    return { found: true, from: 'hub', at: answer.url, card: lineageCard(answer.card) };
  }
  return {
    resolve(id) {
      let answer = memo.get(id);
      if (answer === undefined) {
        answer = resolve(id);
        memo.set(id, answer);
      }
      return answer;
    },
  };
}

type Ancestor = NonNullable<ProvenanceEvidence['ancestors']>[number];

/** The lineage part of a provenance evidence. */
export interface Lineage {
  readonly ancestors: readonly Ancestor[];
  readonly roots: readonly string[];
  readonly cycles: readonly (readonly string[])[];
  readonly missing: readonly { readonly id: string; readonly reason: string }[];
  readonly truncated: boolean;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every elementary cycle through `graph` (bounded: the graph has at most MAX_LINEAGE_NODES). */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const done = new Set<string>();
  function visit(node: string): void {
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (onStack.has(next)) {
        const cycle = stack.slice(stack.indexOf(next));
        // Start from the smallest id so that the same cycle found twice is one.
        const smallest = cycle.indexOf([...cycle].sort(compare)[0] ?? next);
        const canonical = [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
        cycles.set(canonical.join('\u0000'), canonical);
      } else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
  }
  for (const node of [...graph.keys()].sort(compare)) if (!done.has(node)) visit(node);
  return [...cycles.values()].sort((a, b) => compare(a.join('\u0000'), b.join('\u0000')));
}

/**
 * The ancestors of a model named `self` (its Hub id, or undefined for a local model) that
 * declares `bases`: breadth-first, each id resolved once.
 */
export async function resolveLineage(
  self: string | undefined,
  bases: readonly string[],
  resolver: CardResolver,
  limits: { maxDepth?: number; maxNodes?: number } = {},
): Promise<Lineage> {
  const maxDepth = limits.maxDepth ?? MAX_LINEAGE_DEPTH;
  const maxNodes = limits.maxNodes ?? MAX_LINEAGE_NODES;
  const selfId = self ?? '(this model)';
  const graph = new Map<string, string[]>([[selfId, [...new Set(bases.map(normaliseBaseId))]]]);
  const nodes = new Map<string, { depth: number; children: Set<string>; ancestor?: Ancestor }>();
  const missing = new Map<string, string>();
  let truncated = false;
  let frontier = [selfId];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const child of frontier) {
      for (const id of graph.get(child) ?? []) {
        if (id === selfId) continue; // a cycle back to the model itself; reported below
        const known = nodes.get(id);
        if (known !== undefined) {
          if (known.depth === depth) known.children.add(child);
          continue;
        }
        if (depth > maxDepth || nodes.size >= maxNodes) {
          truncated = true;
          continue;
        }
        nodes.set(id, { depth, children: new Set([child]) });
        next.push(id);
      }
    }
    // Resolve one level at a time, in a stable order.
    next.sort(compare);
    for (const id of next) {
      const node = nodes.get(id);
      if (node === undefined) continue;
      const resolution = await resolver.resolve(id);
      if (!resolution.found) {
        missing.set(id, resolution.reason);
        continue;
      }
      const own = [...new Set(resolution.card.baseModels.map(normaliseBaseId))].sort(compare);
      graph.set(id, own);
      node.ancestor = {
        id,
        depth: node.depth,
        children: [],
        resolvedFrom: resolution.from,
        resolvedAt: resolution.at,
        ...(resolution.card.license.length > 0
          ? { license: resolution.card.license.join(', ') }
          : {}),
        ...(resolution.card.licenseName !== undefined
          ? { licenseName: resolution.card.licenseName }
          : {}),
        ...(resolution.card.licenseLink !== undefined
          ? { licenseLink: resolution.card.licenseLink }
          : {}),
        ...(resolution.card.relation !== undefined ? { relation: resolution.card.relation } : {}),
        baseModels: own,
      };
    }
    frontier = next;
  }
  const ancestors: Ancestor[] = [...nodes.entries()]
    .map(([id, node]): Ancestor => {
      const children = [...node.children].sort(compare);
      return node.ancestor !== undefined
        ? { ...node.ancestor, children }
        : {
            id,
            depth: node.depth,
            children,
            resolvedFrom: 'unresolved',
            baseModels: [],
          };
    })
    .sort((a, b) => a.depth - b.depth || compare(a.id, b.id));
  return {
    ancestors,
    roots: ancestors
      .filter((a) => a.resolvedFrom !== 'unresolved' && a.baseModels.length === 0)
      .map((a) => a.id),
    cycles: findCycles(graph),
    missing: [...missing.entries()]
      .map(([id, reason]) => ({ id, reason }))
      .sort((a, b) => compare(a.id, b.id)),
    truncated,
  };
}
