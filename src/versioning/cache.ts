/**
 * A bounded memo for version parsing. Matching compares the same few thousand version strings
 * millions of times, so parsing once pays; the bound keeps memory flat when a scan sees an
 * unbounded stream of distinct strings.
 *
 * Two generations instead of per-entry eviction: deleting a Map's oldest key over and over
 * leaves holes that `keys().next()` must skip, which made eviction linear. Here, when the
 * young generation is full it becomes the old one (the previous old one is dropped); a hit in
 * the old generation is promoted. Every operation is O(1) and recently used entries survive.
 */

/** Default number of parsed versions kept per scheme (at most, across both generations). */
export const DEFAULT_CACHE_SIZE = 100_000;

/** `parse` wrapped in a bounded cache keyed by the input string. */
export function cachedParser<T>(
  parse: (version: string) => T,
  maxEntries = DEFAULT_CACHE_SIZE,
): (version: string) => T {
  const generationSize = Math.max(1, Math.floor(maxEntries / 2));
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  return (version) => {
    let hit = young.get(version);
    if (hit !== undefined) return hit;
    hit = old.get(version);
    const value = hit ?? parse(version);
    if (young.size >= generationSize) {
      old = young;
      young = new Map();
    }
    young.set(version, value);
    return value;
  };
}
