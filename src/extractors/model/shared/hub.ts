/**
 * Hugging Face Hub naming: repo ids, the cache folder layout (`models--ORG--NAME`), and
 * where the local cache lives. Shared by the model extractors.
 */
import path from 'node:path';
import { createScanFs, type ScanFs } from '../../../core/fs.js';
import type { ComponentSource } from '../../../core/types.js';

/** What a Hub repo holds. Spaces are apps, not inventory, and are never reported. */
export type HubRepoType = 'model' | 'dataset';

const WORD = /^[A-Za-z0-9_]$/;
const PART_CHARS = /^[A-Za-z0-9_.-]+$/;

/**
 * One segment of a repo id as huggingface_hub's `validate_repo_id` accepts it
 * (`\b[\w\-.]{1,96}\b`, no `--` or `..`), restricted to ASCII as the Hub is in practice.
 */
function isIdPart(part: string): boolean {
  if (part.length < 1 || part.length > 96 || !PART_CHARS.test(part)) return false;
  if (!WORD.test(part[0] ?? '') || !WORD.test(part[part.length - 1] ?? '')) return false;
  return !part.includes('--') && !part.includes('..');
}

/** File names that make a would-be id a path (`checkpoints/model.safetensors`), not a repo. */
const FILE_SUFFIX =
  /\.(?:safetensors|gguf|onnx|bin|pt|pth|ckpt|h5|hdf5|keras|npy|npz|pkl|pickle|joblib|json|ya?ml|txt|md|py|js|ts|git)$/i;

/** `ORG/NAME` as the Hub spells a namespaced repo id. */
export function isNamespacedId(value: string): boolean {
  const parts = value.split('/');
  return parts.length === 2 && parts.every(isIdPart) && !FILE_SUFFIX.test(value);
}

/**
 * The legacy un-namespaced ("canonical") model ids that still resolve on the Hub
 * (`gpt2`, `bert-base-uncased`, `t5-small`, …). Any other bare word passed to
 * `from_pretrained` is far more likely a local output folder (`"my_model"`) than a repo.
 */
const CANONICAL =
  /^(?:albert|bert|camembert|ctrl|distilbert|distilgpt2|distilroberta|gpt2|openai-gpt|roberta|t5|transfo-xl|xlm|xlnet)(?:-[a-z0-9-]+)?$/;

/** A bare canonical model id (see `CANONICAL`). */
export function isCanonicalId(value: string): boolean {
  return value.length <= 96 && CANONICAL.test(value) && isIdPart(value);
}

/** The Hub page of a repo, used as the component's source URL. */
export function hubSource(id: string, type: HubRepoType = 'model'): ComponentSource {
  return {
    type: 'hub',
    url: `https://huggingface.co/${type === 'dataset' ? 'datasets/' : ''}${id}`,
  };
}

/** A full 40-hex git commit, as refs and snapshot folders hold. */
export function isCommit(value: string): boolean {
  return /^[0-9a-f]{40}$/.test(value);
}

/** `models--ORG--NAME` for a repo id (huggingface_hub's `repo_folder_name`). */
export function cacheFolderName(id: string, type: HubRepoType = 'model'): string {
  return `${type}s--${id.split('/').join('--')}`;
}

/** The repo a cache folder name stands for, or undefined when it is not one. */
export function parseCacheFolderName(base: string): { type: HubRepoType; id: string } | undefined {
  const match = /^(models|datasets)--(.+)$/.exec(base);
  if (match === null) return undefined;
  // Repo ids never contain `--`, so the separators are unambiguous; single `-` stays.
  const parts = (match[2] ?? '').split('--');
  if (parts.length > 2 || !parts.every(isIdPart)) return undefined;
  return { type: match[1] === 'datasets' ? 'dataset' : 'model', id: parts.join('/') };
}

function expandHome(value: string, home: string | undefined): string | undefined {
  if (value === '~' || value.startsWith('~/'))
    return home === undefined ? undefined : path.join(home, value.slice(1));
  return value;
}

/**
 * The hub cache directory huggingface_hub would use, from the scan's environment:
 * `HF_HUB_CACHE` (or the older `HUGGINGFACE_HUB_CACHE`), else `$HF_HOME/hub`, else
 * `$XDG_CACHE_HOME/huggingface/hub`, else `~/.cache/huggingface/hub`.
 */
export function hubCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const home = env.HOME || undefined;
  const explicit = env.HF_HUB_CACHE || env.HUGGINGFACE_HUB_CACHE;
  if (explicit) return expandHome(explicit, home);
  if (env.HF_HOME) {
    const hfHome = expandHome(env.HF_HOME, home);
    return hfHome === undefined ? undefined : path.join(hfHome, 'hub');
  }
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'huggingface', 'hub');
  return home === undefined ? undefined : path.join(home, '.cache', 'huggingface', 'hub');
}

/** Reads refs of the local hub cache; every lookup is tolerant of a missing or odd cache. */
export interface CacheLookup {
  /** The commit `refs/<revision>` of the repo's cache folder points at, if cached. */
  commitFor(id: string, type: HubRepoType, revision: string): Promise<string | undefined>;
}

/** A lookup over `dir` (absent → every answer is undefined). Answers are memoised. */
export function cacheLookup(dir: string | undefined): CacheLookup {
  const fs: ScanFs | undefined = dir === undefined ? undefined : createScanFs(dir);
  const memo = new Map<string, Promise<string | undefined>>();
  async function read(ref: string): Promise<string | undefined> {
    if (fs === undefined) return undefined;
    try {
      const bytes = await fs.readBytes(ref, 0, 128);
      const text = Buffer.from(bytes).toString('utf8').trim();
      return isCommit(text) ? text : undefined;
    } catch {
      return undefined;
    }
  }
  return {
    commitFor(id, type, revision) {
      if (revision.split('/').some((s) => s === '..' || s === ''))
        return Promise.resolve(undefined);
      const ref = `${cacheFolderName(id, type)}/refs/${revision}`;
      let answer = memo.get(ref);
      if (answer === undefined) {
        answer = read(ref);
        memo.set(ref, answer);
      }
      return answer;
    },
  };
}
