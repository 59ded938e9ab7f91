/**
 * File hashes as Python lockfiles state them: `sha256:<hex>` strings (poetry, Pipfile.lock, uv,
 * pdm) or `{ sha256 = "<hex>" }` tables (pylock.toml).
 */
import type { Hash } from '../../../core/types.js';
import { entriesOf } from './values.js';

/**
 * Most distinct hashes kept per package. A package with wheels for every platform and Python
 * version lists a few hundred; anything beyond this is noise (or hostile).
 */
export const MAX_HASHES = 512;

const HASH_STRING = /^([A-Za-z][A-Za-z0-9-]*)[:=]([0-9A-Fa-f]{16,256})$/;
const HEX = /^[0-9A-Fa-f]{16,256}$/;

/** Distinct hashes in the order first seen, keyed `alg:value`. */
export type HashSet = Map<string, Hash>;

/** Add one hash, normalised to lower case, unless it is malformed or the set is full. */
export function addHash(hashes: HashSet, alg: string, value: string): void {
  if (hashes.size >= MAX_HASHES || !HEX.test(value)) return;
  const hash: Hash = { alg: alg.toLowerCase(), value: value.toLowerCase() };
  hashes.set(`${hash.alg}:${hash.value}`, hash);
}

/** Add a `sha256:<hex>` (or `sha256=<hex>`) string; anything else is ignored. */
export function addHashString(hashes: HashSet, value: unknown): void {
  if (typeof value !== 'string') return;
  const match = HASH_STRING.exec(value.trim());
  if (match) addHash(hashes, match[1] as string, match[2] as string);
}

/** Add every `alg = "<hex>"` entry of a hashes table (PEP 751). */
export function addHashTable(hashes: HashSet, table: unknown): void {
  for (const [alg, value] of entriesOf(table))
    if (typeof value === 'string') addHash(hashes, alg, value);
}

/** The collected hashes, or undefined when there are none (so the record leaves them out). */
export function hashList(hashes: HashSet): Hash[] | undefined {
  return hashes.size > 0 ? [...hashes.values()] : undefined;
}
