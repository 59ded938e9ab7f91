/**
 * A model folder in the project (weights beside their card and config) as one record: which
 * files are the model, and which Hub repo (if any) it is a copy of.
 *
 * Naming, most trusted first:
 * 1. a git clone of the Hub repo (`.git/config` remote on huggingface.co; commit from HEAD);
 * 2. the folder is itself a cache snapshot (`…/models--ORG--NAME/snapshots/<commit>` as scan root);
 * 3. the card's `model-index[0].name` / `model_name` when it is a full `ORG/NAME`;
 * 4. config.json `_name_or_path` when it is a full `ORG/NAME` and not one of the card's base
 *    models (a fine-tune saves the id it was loaded from, i.e. its base, there);
 * 5. otherwise a local model named after the folder.
 * A `huggingface-cli download --local-dir` copy records its commit in
 * `.cache/huggingface/download/<file>.metadata`, which gives the version of a Hub-named folder.
 */
import path from 'node:path';
import type { PackageRecord } from '../../../core/extractor.js';
import { joinRel, type ScanFs } from '../../../core/fs.js';
import { stringField, type Fields, type Warning } from './card.js';
import { describeContents, type CandidateFile } from './contents.js';
import { isMetaName, weightKindOf, type WeightKind } from './formats.js';
import {
  hubSource,
  isCommit,
  isNamespacedId,
  parseCacheFolderName,
  type HubRepoType,
} from './hub.js';

/** Files in a folder named so make it the root of a multi-part model (diffusers, sentence-transformers). */
export const PIPELINE_MARKERS: readonly string[] = ['model_index.json', 'modules.json'];

/** Sub-folders of a pipeline root read for parts; more than this is not a model layout. */
const MAX_PARTS = 64;
/** Entries of one folder considered; a model folder has tens, not thousands. */
const MAX_ENTRIES = 10_000;

const EXCLUDED_SEGMENTS: ReadonlySet<string> = new Set([
  'node_modules',
  'site-packages',
  'dist-packages',
  '.git',
]);

/**
 * Folders whose models other extractors own or that are not the project's models: installed
 * packages (`node_modules`, `site-packages`), and anything inside a Hugging Face cache
 * (`models--*` trees and their `snapshots/<commit>` folders).
 */
export function isExcludedModelPath(relPath: string): boolean {
  const segments = relPath === '' ? [] : relPath.split('/');
  for (const [i, segment] of segments.entries()) {
    if (EXCLUDED_SEGMENTS.has(segment)) return true;
    if (/^(?:models|datasets|spaces)--/.test(segment)) return true;
    if (segment === 'snapshots' && isCommit(segments[i + 1] ?? '')) return true;
  }
  return false;
}

function parentOf(relPath: string): string {
  const slash = relPath.lastIndexOf('/');
  return slash < 0 ? '' : relPath.slice(0, slash);
}

/** True when `dir` is one part (unet/, vae/, 2_Dense/) of a pipeline whose root is its parent. */
export function isPipelinePart(dir: string, allPaths: ReadonlySet<string>): boolean {
  if (dir === '') return false;
  const parent = parentOf(dir);
  return PIPELINE_MARKERS.some((m) => allPaths.has(joinRel(parent, m)));
}

async function readSmall(fs: ScanFs, file: string, max: number): Promise<string | undefined> {
  try {
    const bytes = await fs.readBytes(file, 0, max);
    return Buffer.from(bytes).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A Hub repo named by a git remote URL (https, with or without credentials, or ssh). */
export function hubRepoFromRemote(url: string): { id: string; type: HubRepoType } | undefined {
  const match =
    /^(?:https?:\/\/(?:[^@/\s]+@)?(?:huggingface\.co|hf\.co)\/|git@(?:huggingface\.co|hf\.co):)(?:(datasets|models|spaces)\/)?([^/\s]+\/[^/\s]+?)(?:\.git)?\/?$/.exec(
      url.trim(),
    );
  if (match === null || match[1] === 'spaces') return undefined;
  const id = match[2] ?? '';
  return isNamespacedId(id)
    ? { id, type: match[1] === 'datasets' ? 'dataset' : 'model' }
    : undefined;
}

/** The Hub repo and commit of a git clone in `dir`, when its `origin` (or any remote) is the Hub. */
async function gitClone(
  fs: ScanFs,
  dir: string,
): Promise<{ id: string; type: HubRepoType; commit?: string } | undefined> {
  const config = await readSmall(fs, joinRel(dir, '.git/config'), 64 * 1024);
  if (config === undefined) return undefined;
  let repo: { id: string; type: HubRepoType } | undefined;
  for (const line of config.split(/\r?\n/)) {
    const url = /^\s*url\s*=\s*(\S+)\s*$/.exec(line)?.[1];
    repo = url === undefined ? undefined : hubRepoFromRemote(url);
    if (repo !== undefined) break;
  }
  if (repo === undefined) return undefined;
  const head = (await readSmall(fs, joinRel(dir, '.git/HEAD'), 512))?.trim() ?? '';
  if (isCommit(head)) return { ...repo, commit: head };
  const ref = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
  if (ref === undefined || ref.includes('..')) return repo;
  const loose = (await readSmall(fs, joinRel(dir, '.git', ref), 128))?.trim();
  if (loose !== undefined && isCommit(loose)) return { ...repo, commit: loose };
  const packed = (await readSmall(fs, joinRel(dir, '.git/packed-refs'), 4 * 1024 * 1024)) ?? '';
  for (const line of packed.split(/\r?\n/)) {
    const [commit, name] = line.split(' ');
    if (name === ref && commit !== undefined && isCommit(commit)) return { ...repo, commit };
  }
  return repo;
}

/** The commit a `--local-dir` download recorded for one of the files (first line of its .metadata). */
async function localDirCommit(
  fs: ScanFs,
  dir: string,
  names: readonly string[],
): Promise<string | undefined> {
  for (const name of names.slice(0, 8)) {
    const text = await readSmall(
      fs,
      joinRel(dir, '.cache/huggingface/download', `${name}.metadata`),
      1024,
    );
    const first = text?.split(/\r?\n/, 1)[0]?.trim();
    if (first !== undefined && isCommit(first)) return first;
  }
  return undefined;
}

/** The repo of a scan root that is itself a cache snapshot folder. */
function snapshotRoot(root: string): { id: string; type: HubRepoType; commit: string } | undefined {
  const commit = path.basename(root);
  const snapshots = path.dirname(root);
  if (!isCommit(commit) || path.basename(snapshots) !== 'snapshots') return undefined;
  const repo = parseCacheFolderName(path.basename(path.dirname(snapshots)));
  return repo === undefined ? undefined : { ...repo, commit };
}

/** A full hub id the card gives for the model itself (rare: most cards only name base models). */
function cardOwnId(card: Fields | undefined): string | undefined {
  const index = card?.['model-index'];
  const first: unknown = Array.isArray(index) ? index[0] : undefined;
  const indexName =
    typeof first === 'object' && first !== null ? (first as Fields).name : undefined;
  for (const candidate of [indexName, card?.model_name]) {
    if (typeof candidate === 'string' && isNamespacedId(candidate.trim())) return candidate.trim();
  }
  return undefined;
}

/** List the candidate files of a model folder: its own files, TF `variables/`, pipeline parts. */
async function listFiles(
  fs: ScanFs,
  dir: string,
): Promise<{ files: CandidateFile[]; names: Set<string> }> {
  const entries = (await fs.readdir(dir)).slice(0, MAX_ENTRIES);
  const files: CandidateFile[] = [];
  async function addFile(name: string, kind?: WeightKind): Promise<void> {
    // Only weights and describing files matter; a data folder's thousands of images are not stat'ed.
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (kind === undefined && weightKindOf(base) === undefined && !isMetaName(base)) return;
    const file = joinRel(dir, name);
    const info = await fs.stat(file);
    if (info?.type === 'file')
      files.push({ path: file, name, size: info.size, ...(kind !== undefined ? { kind } : {}) });
  }
  const names = new Set(entries.map((e) => e.name));
  const pipelineRoot = PIPELINE_MARKERS.some((m) => names.has(m));
  let parts = 0;
  for (const entry of entries) {
    if (entry.type === 'file') {
      await addFile(entry.name);
    } else if (
      entry.type === 'directory' &&
      entry.name === 'variables' &&
      names.has('saved_model.pb')
    ) {
      for (const v of (await fs.readdir(joinRel(dir, 'variables'))).slice(0, MAX_ENTRIES)) {
        if (v.type === 'file')
          await addFile(`variables/${v.name}`, { format: 'tensorflow', certainty: 'certain' });
      }
    } else if (
      entry.type === 'directory' &&
      pipelineRoot &&
      !entry.name.startsWith('.') &&
      parts++ < MAX_PARTS
    ) {
      for (const sub of (await fs.readdir(joinRel(dir, entry.name))).slice(0, MAX_ENTRIES)) {
        if (sub.type === 'file') await addFile(`${entry.name}/${sub.name}`);
      }
    }
  }
  return { files, names };
}

/** Options for `describeDirectory`. */
export interface DescribeDirectoryOptions {
  readonly fs: ScanFs;
  /** The folder, relative to the scan root (`''` for the root). */
  readonly dir: string;
  readonly allPaths: ReadonlySet<string>;
  readonly warnings: Warning[];
}

/**
 * The model in folder `dir`, or undefined when it holds no weights (after checking their
 * magic), is excluded (see `isExcludedModelPath`) or is one part of a pipeline whose root
 * folder is reported instead.
 */
export async function describeDirectory(
  options: DescribeDirectoryOptions,
): Promise<PackageRecord | undefined> {
  const { fs, dir, allPaths, warnings } = options;
  if (isExcludedModelPath(dir) || isPipelinePart(dir, allPaths)) return undefined;
  const { files, names: entries } = await listFiles(fs, dir);
  const contents = await describeContents(fs, files, warnings);
  if (contents === undefined) return undefined;

  const properties: Record<string, string> = { ...contents.properties };
  const clone = entries.has('.git') ? await gitClone(fs, dir) : undefined;
  const snapshot = dir === '' ? snapshotRoot(fs.root) : undefined;
  const localDir = entries.has('.cache')
    ? await localDirCommit(
        fs,
        dir,
        contents.weights.map((w) => w.name),
      )
    : undefined;

  let hub: { id: string; type: HubRepoType; commit?: string; from: string } | undefined;
  if (clone !== undefined) hub = { ...clone, from: 'git-remote' };
  else if (snapshot !== undefined) hub = { ...snapshot, from: 'hf-cache' };
  else {
    const fromCard = cardOwnId(contents.card);
    const fromConfig = stringField(contents.config, '_name_or_path');
    if (fromCard !== undefined) hub = { id: fromCard, type: 'model', from: 'card' };
    else if (
      fromConfig !== undefined &&
      isNamespacedId(fromConfig) &&
      !contents.baseModels.includes(fromConfig)
    ) {
      hub = { id: fromConfig, type: 'model', from: 'config' };
    }
  }

  const base = dir === '' ? path.basename(fs.root) : dir.slice(dir.lastIndexOf('/') + 1);
  const commit = hub?.commit ?? localDir;
  if (hub === undefined && commit !== undefined) properties['hf:revision'] = commit;
  properties['model:name_source'] = hub?.from ?? 'directory';
  return {
    kind: hub?.type ?? 'model',
    ecosystem: 'huggingface',
    name: hub?.id ?? base,
    ...(hub !== undefined && commit !== undefined ? { version: commit } : {}),
    direct: true,
    files: contents.files,
    ...(contents.license !== undefined ? { declaredLicense: contents.license } : {}),
    ...(contents.licenseStatements !== undefined
      ? { licenseStatements: contents.licenseStatements }
      : {}),
    source:
      hub !== undefined
        ? hubSource(hub.id, hub.type)
        : { type: 'local', url: dir === '' ? '.' : dir },
    properties,
  };
}
