/**
 * `uv.lock` (uv, TOML, lock `version = 1`).
 *
 * Every `[[package]]` is locked, including the project itself (`source = { virtual = "." }` or
 * `{ editable = "." }`), which becomes the root record. The root's `dependencies` are its
 * production dependencies; its `[package.optional-dependencies]` (extras) and
 * `[package.dev-dependencies]` (dependency groups) name the other groups.
 *
 * Groups: a package the root names in a group gets that group's name; a package pulled in only
 * through grouped packages inherits their groups; anything reachable from the production
 * dependencies is production (no groups). Edges: `dependencies = [{ name, version?, extra? }]`,
 * plus the extra's own optional dependencies wherever some edge asks for `pkg[extra]`.
 */
import type { ExtractInput, ExtractResult, Extractor, FileEntry } from '../../../core/extractor.js';
import type { ComponentSource } from '../../../core/types.js';
import { addHashString } from '../shared/hashes.js';
import { indexNames, normalizePypiName, packageKey, type ResolveName } from '../shared/names.js';
import { packageTables } from '../shared/package-tables.js';
import { parseToml } from '../shared/parse.js';
import {
  lockfileResult,
  newDraft,
  rootRecord,
  type Draft,
  type Warning,
} from '../shared/records.js';
import { asString, asTable, entriesOf, stringsOf, tablesOf, type Table } from '../shared/values.js';

const WHAT = 'a uv.lock written by uv';

/** One locked package with what edges need. */
interface Locked {
  readonly draft: Draft;
  readonly table: Table;
  /** A workspace member (editable or virtual source): its dependencies count as the project's. */
  readonly member: boolean;
}

function isProjectSource(source: Table | undefined): boolean {
  return source?.virtual === '.' || source?.editable === '.';
}

/** Strip `?rev=…` and `#<commit>` from a uv git source; the commit is kept apart. */
function uvSource(source: Table | undefined): ComponentSource | undefined {
  if (source === undefined) return undefined;
  const git = asString(source.git);
  if (git !== undefined) {
    const hash = git.indexOf('#');
    const commit = hash >= 0 ? git.slice(hash + 1) : '';
    const url = (hash >= 0 ? git.slice(0, hash) : git).replace(/\?.*$/, '');
    return { type: 'git', url, ...(commit !== '' ? { commit } : {}) };
  }
  const kinds: [string, ComponentSource['type']][] = [
    ['url', 'url'],
    ['path', 'file'],
    ['directory', 'directory'],
    ['editable', 'editable'],
    ['virtual', 'workspace'],
  ];
  for (const [field, type] of kinds) {
    const url = asString(source[field]);
    if (url !== undefined) return { type, url };
  }
  return undefined;
}

/** A dependency reference: `{ name, version?, extra? }`. */
interface DepRef {
  readonly name: string;
  readonly version: string | undefined;
  readonly extras: readonly string[];
}

function depRefs(value: unknown): DepRef[] {
  const refs: DepRef[] = [];
  for (const t of tablesOf(value)) {
    const name = asString(t.name);
    if (name !== undefined)
      refs.push({ name, version: asString(t.version), extras: stringsOf(t.extra) });
  }
  return refs;
}

/** Breadth-first closure of `start` over `edges` (iterative: lockfile graphs can be deep). */
function reachable(
  start: Iterable<string>,
  edges: ReadonlyMap<string, ReadonlySet<string>>,
): Set<string> {
  const seen = new Set<string>(start);
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const next of edges.get(queue[i] as string) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * Resolve references to keys. A reference to the root itself with extras (`me[cli]`, used to
 * combine groups) expands to the refs of those root extras; `visited` stops cycles.
 */
function resolveRefs(
  refs: readonly DepRef[],
  resolve: ResolveName,
  root: Table | undefined,
  onExtra: (key: string, extra: string) => void,
): Set<string> {
  const keys = new Set<string>();
  const rootName = root === undefined ? undefined : normalizePypiName(asString(root.name) ?? '');
  const rootExtras = asTable(root?.['optional-dependencies']);
  const visited = new Set<string>();
  const queue = [...refs];
  for (let i = 0; i < queue.length; i++) {
    const ref = queue[i] as DepRef;
    if (rootName !== undefined && normalizePypiName(ref.name) === rootName) {
      for (const extra of ref.extras) {
        if (visited.has(extra)) continue;
        visited.add(extra);
        queue.push(...depRefs(rootExtras?.[extra]));
      }
      continue;
    }
    for (const key of resolve(ref.name, ref.version)) {
      keys.add(key);
      for (const extra of ref.extras) onExtra(key, extra);
    }
  }
  return keys;
}

/**
 * Groups from the graph: production (reachable from `productionStart`) has none; a package the
 * project names in a group gets that group; one only pulled in by grouped packages inherits
 * their groups.
 */
function assignGroups(
  drafts: readonly Draft[],
  productionStart: readonly string[],
  groupDirect: ReadonlyMap<string, ReadonlySet<string>>,
): void {
  const edges = new Map(drafts.map((d) => [d.key, d.deps]));
  const production = reachable(productionStart, edges);
  const closures = [...groupDirect.entries()].map(
    ([group, keys]) => [group, reachable(keys, edges)] as const,
  );
  for (const draft of drafts) {
    if (production.has(draft.key)) continue;
    const named = [...groupDirect.entries()]
      .filter(([, keys]) => keys.has(draft.key))
      .map(([group]) => group);
    draft.groups =
      named.length > 0
        ? named
        : closures.filter(([, keys]) => keys.has(draft.key)).map(([group]) => group);
  }
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const path = input.entry.path;
  const text = await input.fs.readText(path);
  const doc = parseToml(text, path, WHAT);
  const warnings: Warning[] = [];

  let root: Table | undefined;
  const locked: Locked[] = [];
  const packages = packageTables(text, doc, 'package', path, WHAT, warnings);
  for (const { table, name, line } of packages) {
    const source = asTable(table.source);
    if (root === undefined && isProjectSource(source)) {
      root = table;
      continue;
    }
    const version = asString(table.version);
    const draft = newDraft(name, version, packageKey(name, version), line);
    draft.source = uvSource(source);
    addHashString(draft.hashes, asTable(table.sdist)?.hash);
    for (const wheel of tablesOf(table.wheels)) addHashString(draft.hashes, wheel.hash);
    const member =
      source !== undefined &&
      (asString(source.editable) !== undefined || asString(source.virtual) !== undefined);
    locked.push({ draft, table, member });
  }

  const resolve = indexNames(locked.map((l) => l.draft));
  const byKey = new Map(locked.map((l) => [l.draft.key, l]));

  // Extras asked for anywhere (`{ name = "x", extra = ["y"] }`) add x's optional dependencies
  // for y to x's edges. Worked off a queue so extras of extras are followed too.
  const requested = new Map<string, Set<string>>();
  const pending: [string, string][] = [];
  const onExtra = (key: string, extra: string): void => {
    let extras = requested.get(key);
    if (extras === undefined) requested.set(key, (extras = new Set()));
    if (!extras.has(extra)) {
      extras.add(extra);
      pending.push([key, extra]);
    }
  };
  for (const { draft, table } of locked) {
    for (const key of resolveRefs(depRefs(table.dependencies), resolve, root, onExtra))
      draft.deps.add(key);
  }
  const production =
    root === undefined
      ? new Set<string>()
      : resolveRefs(depRefs(root.dependencies), resolve, root, onExtra);
  // Workspace members are part of the project: their groups count as the project's groups.
  const members = locked.filter((l) => l.member);
  const groupDirect = new Map<string, Set<string>>();
  for (const table of [...(root !== undefined ? [root] : []), ...members.map((m) => m.table)]) {
    for (const field of ['optional-dependencies', 'dev-dependencies']) {
      for (const [group, refs] of entriesOf(table[field])) {
        const keys = resolveRefs(depRefs(refs), resolve, root, onExtra);
        const existing = groupDirect.get(group);
        if (existing === undefined) groupDirect.set(group, keys);
        else for (const k of keys) existing.add(k);
      }
    }
  }
  for (let i = 0; i < pending.length; i++) {
    const [key, extra] = pending[i] as [string, string];
    const target = byKey.get(key);
    if (target === undefined) continue;
    const refs = depRefs(asTable(target.table['optional-dependencies'])?.[extra]);
    for (const dep of resolveRefs(refs, resolve, root, onExtra)) target.draft.deps.add(dep);
  }

  // The project's direct dependencies: the root's, in any group, and its members' own.
  const rootDirect = new Set(production);
  for (const keys of groupDirect.values()) for (const k of keys) rootDirect.add(k);
  const direct = new Set(rootDirect);
  for (const m of members) for (const k of m.draft.deps) direct.add(k);

  const known = root !== undefined || members.length > 0;
  for (const { draft } of locked) if (known) draft.direct = direct.has(draft.key);
  assignGroups(
    locked.map((l) => l.draft),
    [...production, ...members.map((m) => m.draft.key)],
    groupDirect,
  );

  return lockfileResult(
    locked.map((l) => l.draft),
    root === undefined
      ? undefined
      : rootRecord(asString(root.name), asString(root.version), rootDirect),
    warnings,
  );
}

/** `uv.lock`. */
export const extractor = {
  name: 'python/uv-lock',
  ecosystem: 'PyPI',
  requiresNetwork: false,
  target: 'file',
  required(entry: FileEntry): boolean {
    return entry.base === 'uv.lock';
  },
  extract,
} satisfies Extractor;
