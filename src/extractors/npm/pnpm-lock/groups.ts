/**
 * Dependency groups derived from the graph, for lockfiles that record dev/optional only on the
 * project's direct dependencies (pnpm 9 importers, bun.lock workspaces). A package is `dev` when
 * only development dependencies lead to it, and `optional` when every production path to it
 * goes through an optional dependency (npm's `dev` / `optional` flags mean the same).
 */

/** What the project names directly, by the section that names it (as `packages` keys). */
export interface Roots {
  readonly prod: Iterable<string>;
  readonly optional: Iterable<string>;
  readonly dev: Iterable<string>;
}

/** One package's edges: the keys it needs, and those it only optionally needs. */
export interface Edges {
  readonly required: Iterable<string>;
  readonly optional: Iterable<string>;
}

/** Groups for each package reached from the roots (orphans get none). */
export function deriveGroups(
  roots: Roots,
  edges: ReadonlyMap<string, Edges>,
): Map<string, string[]> {
  const required = reach([...roots.prod], edges, false);
  const prod = reach([...roots.prod, ...roots.optional], edges, true);
  const any = reach([...roots.prod, ...roots.optional, ...roots.dev], edges, true);
  const groups = new Map<string, string[]>();
  for (const key of any) {
    if (!prod.has(key)) groups.set(key, ['dev']);
    else if (!required.has(key)) groups.set(key, ['optional']);
    else groups.set(key, []);
  }
  return groups;
}

/** Everything reachable from `starts`; iterative, each key visited once. */
function reach(
  starts: string[],
  edges: ReadonlyMap<string, Edges>,
  followOptional: boolean,
): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    const out = edges.get(key);
    if (out === undefined) continue;
    for (const next of out.required) if (!seen.has(next)) stack.push(next);
    if (followOptional) for (const next of out.optional) if (!seen.has(next)) stack.push(next);
  }
  return seen;
}
