/**
 * Package names and record keys shared by the Python lockfile extractors.
 */
import { normalizePypiName } from '../../../core/purl.js';

export { normalizePypiName };

/** Most packages one lockfile may list; more means the file is not a real lockfile. */
export const MAX_PACKAGES = 200_000;

/** The record key used for dependency edges: PEP 503 name `@` version (`name@` when unversioned). */
export function packageKey(name: string, version: string | undefined): string {
  return `${normalizePypiName(name)}@${version ?? ''}`;
}

/** Resolves a dependency named in a lockfile to the keys of the records it may mean. */
export type ResolveName = (name: string, version?: string) => readonly string[];

/**
 * Index record keys by normalised name, to resolve edges that name a package without its
 * version (poetry, pdm, uv). A name locked at several versions (one per environment marker)
 * resolves to all of them: the lockfile does not say which one a given edge takes. With a
 * version, only the exact record is returned when it exists.
 */
export function indexNames(
  records: Iterable<{ readonly name: string; readonly key: string }>,
): ResolveName {
  const byName = new Map<string, string[]>();
  for (const { name, key } of records) {
    const norm = normalizePypiName(name);
    const list = byName.get(norm);
    if (list === undefined) byName.set(norm, [key]);
    else if (!list.includes(key)) list.push(key);
  }
  return (name, version) => {
    const keys = byName.get(normalizePypiName(name)) ?? [];
    if (version !== undefined) {
      const exact = packageKey(name, version);
      if (keys.includes(exact)) return [exact];
    }
    return keys;
  };
}
