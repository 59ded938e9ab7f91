/**
 * `bun.lock`, Bun's text lockfile (JSONC: JSON with trailing commas).
 *
 * `packages` maps an install path (`chalk`, `chalk/supports-color`, `@babel/core/semver`) to a
 * tuple whose first element is `name@resolution`; the other elements depend on the kind:
 *
 *   npm        [ "name@1.0.0", registry, INFO, "sha512-…" ]
 *   git        [ "name@git+ssh://…#commit", INFO, bun-tag ]
 *   github     [ "name@github:owner/repo#commit", INFO, bun-tag ]
 *   tarball    [ "name@https://….tgz", INFO ]
 *   folder     [ "name@file:path", INFO ]
 *   symlink    [ "name@link:path", INFO ]
 *   workspace  [ "name@workspace:path" ]
 *   root       [ "name@root:", { bin, binDir } ]
 *
 * INFO holds `dependencies`, `optionalDependencies`, `peerDependencies` (names → ranges);
 * a dependency resolves the way Bun (and Node) resolve it: the nested path first
 * (`chalk/supports-color`), then each shorter one up to the top level (`supports-color`).
 * `workspaces` holds each workspace's manifest dependencies; `""` is the project itself.
 *
 * Groups: Bun records dev/optional only for the workspaces' direct dependencies; the rest is
 * derivable from the graph (`deriveGroups`), but OSV-SCALIBR's conformance data, which the
 * extractor follows, reports no groups for bun.lock, so by default none are set.
 */
import { createScanner, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type {
  ExtractResult,
  Extractor,
  PackageRecord,
  RootRecord,
} from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import type { ComponentSource } from '../../../core/types.js';
import { lineFinder } from '../../shared/text.js';
import { integrityToHashes, specSource } from '../shared/specs.js';
import { deriveGroups } from '../pnpm-lock/groups.js';
import type { Edges } from '../pnpm-lock/groups.js';

/** Deeper than any real lockfile (about 6 levels); guards the recursive JSON parser. */
const MAX_NESTING = 64;
/** Install paths nest one package per node_modules level; real trees stay far below this. */
const MAX_PATH_SEGMENTS = 128;

const WORKSPACE_DEP_SECTIONS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;

/** The extractor. */
export const extractor = {
  name: 'npm/bun-lock',
  ecosystem: 'npm',
  requiresNetwork: false,
  target: 'file',
  required: (entry) => entry.base === 'bun.lock',
  async extract({ entry, fs }) {
    return parseBunLock(await fs.readText(entry.path));
  },
} satisfies Extractor;

/** A `packages` entry as read, before its dependencies are resolved. */
interface Entry {
  readonly key: string;
  /** The install path split into package names (`@scope/name` is one). */
  readonly path: readonly string[];
  readonly record: PackageRecord;
  /** Names in INFO's `dependencies` and `peerDependencies`, and in `optionalDependencies`. */
  readonly deps: { readonly required: readonly string[]; readonly optional: readonly string[] };
}

/** Options of `parseBunLock`. */
export interface BunLockOptions {
  /**
   * Derive `dev`/`optional` from the workspaces and the dependency graph. Off in the
   * extractor, to agree with OSV-SCALIBR's conformance data.
   */
  readonly deriveGroups?: boolean;
}

/** Parse the text of a `bun.lock`. Throws `InputError` when it is not a Bun text lockfile. */
export function parseBunLock(text: string, options: BunLockOptions = {}): ExtractResult {
  const lineOf = lineFinder(text);
  checkNesting(text, lineOf);
  const errors: ParseError[] = [];
  const top = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first !== undefined) {
    throw new InputError(
      `not valid JSON (${printParseErrorCode(first.error)}); expected a Bun text lockfile`,
      {
        line: lineOf(first.offset),
      },
    );
  }
  if (top?.type !== 'object') {
    throw new InputError(
      'expected a JSON object (lockfileVersion, workspaces, packages) at the top level',
      {
        line: lineOf(top?.offset ?? 0),
      },
    );
  }

  const entries: Entry[] = [];
  const keys = new Set<string>();
  const workspaceMembers = new Map<string, string>();
  for (const { key, keyNode, value } of properties(property(top, 'packages'), 'packages', lineOf)) {
    const line = lineOf(keyNode.offset);
    const entry = readEntry(key, value, line);
    if (entry === undefined) continue;
    if (keys.has(key)) throw new InputError(`packages lists ${show(key)} twice`, { line });
    keys.add(key);
    entries.push(entry);
    if (entry.record.source?.type === 'workspace' && entry.record.source.url !== undefined) {
      workspaceMembers.set(entry.record.source.url, key);
    }
  }

  const resolve = (dep: string, parent: readonly string[]): string | undefined => {
    for (let n = parent.length; n >= 0; n--) {
      const candidate = n === 0 ? dep : `${parent.slice(0, n).join('/')}/${dep}`;
      if (keys.has(candidate)) return candidate;
    }
    return undefined;
  };

  // Workspaces: the project (`""`) gives the root record; every workspace's dependencies are
  // direct dependencies, and a workspace member's own record depends on them.
  const direct = new Set<string>();
  const memberDeps = new Map<string, Set<string>>();
  const memberEdges = new Map<string, { required: Set<string>; optional: Set<string> }>();
  const roots = { prod: new Set<string>(), optional: new Set<string>(), dev: new Set<string>() };
  let root: RootRecord | undefined;
  for (const { key: wsPath, keyNode, value } of properties(
    property(top, 'workspaces'),
    'workspaces',
    lineOf,
  )) {
    if (value.type !== 'object') {
      throw new InputError(`workspaces[${show(wsPath)}] should be an object`, {
        line: lineOf(keyNode.offset),
      });
    }
    const memberKey = wsPath === '' ? undefined : workspaceMembers.get(wsPath);
    const wsName = stringProperty(value, 'name');
    // Bun nests a workspace's own versions under the workspace package (`@acme/lib/react`).
    let parent: string[] = [];
    if (memberKey !== undefined) parent = splitPath(memberKey);
    else if (wsPath !== '' && wsName !== undefined) parent = [wsName];
    const resolved = new Set<string>();
    const edges = { required: new Set<string>(), optional: new Set<string>() };
    for (const section of WORKSPACE_DEP_SECTIONS) {
      for (const dep of dependencyNames(
        property(value, section),
        `workspaces[${show(wsPath)}].${section}`,
        lineOf,
      )) {
        const key = resolve(dep, parent);
        if (key === undefined || key === memberKey) continue;
        resolved.add(key);
        if (section === 'devDependencies') {
          roots.dev.add(key);
        } else if (section === 'optionalDependencies') {
          roots.optional.add(key);
          edges.optional.add(key);
        } else {
          roots.prod.add(key);
          edges.required.add(key);
        }
      }
    }
    for (const key of resolved) direct.add(key);
    if (memberKey !== undefined) {
      memberDeps.set(memberKey, resolved);
      memberEdges.set(memberKey, edges);
    }
    if (wsPath === '') {
      const version = stringProperty(value, 'version');
      root = {
        ecosystem: 'npm',
        ...(wsName !== undefined ? { name: wsName } : {}),
        ...(version !== undefined ? { version } : {}),
        dependsOn: [...resolved].sort(),
      };
    }
  }

  const graph = new Map<string, Edges>();
  for (const entry of entries) {
    const member = memberEdges.get(entry.key);
    const edges = { required: new Set(member?.required), optional: new Set(member?.optional) };
    for (const [names, into] of [
      [entry.deps.required, edges.required],
      [entry.deps.optional, edges.optional],
    ] as const) {
      for (const dep of names) {
        const key = resolve(dep, entry.path);
        if (key !== undefined && key !== entry.key) into.add(key);
      }
    }
    graph.set(entry.key, edges);
  }
  // bun.lock records dev/optional only on the workspaces: what only dev (or optional) edges
  // reach has that scope, though the lockfile puts it in no group.
  const derived = deriveGroups(roots, graph);

  const packages: PackageRecord[] = entries.map((entry) => {
    const edges = graph.get(entry.key);
    // A workspace member also depends on its devDependencies (not graph edges for groups).
    const dependsOn = new Set([
      ...(memberDeps.get(entry.key) ?? []),
      ...(edges?.required ?? []),
      ...(edges?.optional ?? []),
    ]);
    const derivedGroups = derived.get(entry.key) ?? [];
    const groups = options.deriveGroups === true ? derivedGroups : [];
    const scope = derivedGroups.includes('dev')
      ? 'dev'
      : derivedGroups.includes('optional')
        ? 'optional'
        : undefined;
    return {
      ...entry.record,
      ...(groups.length > 0 ? { groups } : {}),
      ...(scope !== undefined ? { scope } : {}),
      direct: direct.has(entry.key),
      ...(dependsOn.size > 0 ? { dependsOn: [...dependsOn].sort() } : {}),
    };
  });

  return { packages, ...(root !== undefined ? { root } : {}) };
}

/**
 * One `packages` entry → an entry (undefined for the root package's own `name@root:` entry).
 * Throws on a malformed tuple.
 */
function readEntry(key: string, value: JsonNode, line: number): Entry | undefined {
  const tuple = value.type === 'array' ? (value.children ?? []) : [];
  const specNode = tuple[0];
  if (specNode?.type !== 'string' || typeof specNode.value !== 'string') {
    throw new InputError(`packages[${show(key)}] should be a tuple starting with "name@version"`, {
      line,
    });
  }
  const spec = specNode.value;
  const at = spec.indexOf('@', 1);
  if (at === -1)
    throw new InputError(`packages[${show(key)}]: ${show(spec)} is not of the form name@version`, {
      line,
    });
  const name = spec.slice(0, at);
  const resolution = spec.slice(at + 1);
  if (resolution.startsWith('root:')) return undefined;

  const path = splitPath(key);
  if (path.length > MAX_PATH_SEGMENTS) {
    throw new InputError(
      `packages[${show(key)}] nests more than ${MAX_PATH_SEGMENTS} packages deep`,
      { line },
    );
  }

  const kind = classify(resolution);
  // npm tuples carry the registry second and INFO third; every other kind carries INFO second.
  const infoNode = kind.version !== undefined ? tuple[2] : tuple[1];
  if (kind.version !== undefined && tuple[1] !== undefined && tuple[1].type !== 'string') {
    throw new InputError(
      `packages[${show(key)}]: the registry (second element) should be a string`,
      { line },
    );
  }
  if (infoNode !== undefined && infoNode.type !== 'object') {
    throw new InputError(`packages[${show(key)}]: dependency information should be an object`, {
      line,
    });
  }
  const names = (section: string): string[] =>
    dependencyNames(
      infoNode && property(infoNode, section),
      `packages[${show(key)}].${section}`,
      () => line,
    );
  // Bun installs peers too (they resolve like any dependency); optional peers that are not
  // installed simply do not resolve.
  const deps = {
    required: [...names('dependencies'), ...names('peerDependencies')],
    optional: names('optionalDependencies'),
  };

  const integrityNode = kind.version !== undefined ? tuple[3] : undefined;
  const hashes =
    integrityNode?.type === 'string' && typeof integrityNode.value === 'string'
      ? integrityToHashes(integrityNode.value)
      : [];
  const installedAs = path.at(-1);

  const record: PackageRecord = {
    ecosystem: 'npm',
    name,
    key,
    line,
    ...(kind.version !== undefined ? { version: kind.version } : {}),
    ...(kind.source !== undefined ? { source: kind.source } : {}),
    ...(hashes.length > 0 ? { hashes } : {}),
    // `"supports-color-old": ["supports-color@6.1.0", …]` is the alias npm:supports-color@….
    ...(installedAs !== undefined && installedAs !== name
      ? { properties: { 'npm:alias': installedAs } }
      : {}),
  };
  return { key, path, record, deps };
}

/**
 * What the resolution part of `name@resolution` says: a registry version, or where the
 * package comes from. Bun does not record a version for git, tarball, folder, symlink or
 * workspace packages (OSV-SCALIBR reports them with an empty version; so does openvet).
 * Sources are spelled by `npm/shared` like in the other npm extractors; the resolution is
 * what Bun resolved, so its `#fragment` is the pinned commit.
 */
function classify(resolution: string): { version?: string; source?: ComponentSource } {
  if (resolution === '') return {};
  const source = specSource(resolution, resolution);
  if (source !== undefined) return { source };
  // A tarball given by path (`name@./vendor/x.tgz`).
  if (/\.(?:tgz|tar\.gz|tar)$/i.test(resolution) || /^[./]/.test(resolution)) {
    return { source: { type: 'file', url: resolution } };
  }
  return { version: resolution };
}

/** `chalk/@babel/core/semver` → [`chalk`, `@babel/core`, `semver`]. */
export function splitPath(key: string): string[] {
  const parts = key.split('/');
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part.startsWith('@') && i + 1 < parts.length) {
      names.push(`${part}/${parts[i + 1] ?? ''}`);
      i++;
    } else {
      names.push(part);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// JSON tree helpers.

/** Child value of an object node, or undefined. */
function property(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.value === name) return v;
  }
  return undefined;
}

function stringProperty(node: JsonNode, name: string): string | undefined {
  const value = property(node, name);
  return value?.type === 'string' && typeof value.value === 'string' && value.value !== ''
    ? value.value
    : undefined;
}

/** The properties of an object node (absent → none; anything but an object → InputError). */
function properties(
  node: JsonNode | undefined,
  what: string,
  lineOf: (offset: number) => number,
): { key: string; keyNode: JsonNode; value: JsonNode }[] {
  if (node === undefined) return [];
  if (node.type !== 'object')
    throw new InputError(`${what} should be an object`, { line: lineOf(node.offset) });
  const out: { key: string; keyNode: JsonNode; value: JsonNode }[] = [];
  for (const prop of node.children ?? []) {
    const [keyNode, value] = prop.children ?? [];
    if (keyNode === undefined || value === undefined || typeof keyNode.value !== 'string') continue;
    out.push({ key: keyNode.value, keyNode, value });
  }
  return out;
}

/** The names of a `{ name: range }` dependency object. */
function dependencyNames(
  node: JsonNode | undefined,
  what: string,
  lineOf: (offset: number) => number,
): string[] {
  return properties(node, what, lineOf).map((p) => p.key);
}

// jsonc-parser's `SyntaxKind` is a const enum, which `verbatimModuleSyntax` cannot import.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/** jsonc-parser builds the tree recursively: refuse absurd nesting before it does. */
function checkNesting(text: string, lineOf: (offset: number) => number): void {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token: number = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > MAX_NESTING) {
        throw new InputError(`nested more than ${MAX_NESTING} levels deep`, {
          line: lineOf(scanner.getTokenOffset()),
        });
      }
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      depth--;
    }
  }
}

/** A key for a message: quoted, escaped onto one line, and cut short when very long. */
function show(key: string): string {
  return JSON.stringify(key.length > 120 ? `${key.slice(0, 117)}...` : key);
}
