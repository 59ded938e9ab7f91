/**
 * Yarn's `yarn.lock`: Yarn 1 (its own syntax, see v1-parser.ts) and Yarn Berry (2+, YAML with a
 * `__metadata` entry). One record per lockfile entry, keyed by the entry's first descriptor;
 * edges resolve each entry's dependencies against the descriptors of the file.
 *
 * Yarn lockfiles say nothing about dev dependencies, so the package.json beside the lockfile
 * (when there is one) decides which entries are direct, and which are reached only through
 * devDependencies (group `dev`). Berry's root workspace entry (`name@workspace:.`) is the
 * project itself: it becomes the root record, never a package.
 */
import { LineCounter, YAMLMap, isMap, isScalar, parseDocument } from 'yaml';
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  FileEntry,
  PackageRecord,
  RootRecord,
} from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import type { ComponentSource, Hash } from '../../../core/types.js';
import type { Manifest } from '../shared/manifest.js';
import { manifestDependencyNames, readSiblingManifest } from '../shared/manifest.js';
import {
  gitSource,
  integrityToHashes,
  isGitSpec,
  gitRepositoryUrl,
  parseNpmAlias,
  redactUrl,
  specSource,
  splitDescriptor,
} from '../shared/specs.js';
import { parseYarnV1 } from './v1-parser.js';

type Warning = { message: string; line?: number };

/** One lockfile entry, whichever Yarn wrote it. */
export interface YarnEntry {
  /** The descriptors (`name@range`) of the header, as written. */
  readonly descriptors: readonly string[];
  readonly line: number;
  /** The real package name (not an `npm:` alias). */
  readonly name: string;
  readonly alias?: string;
  readonly version: string;
  readonly source?: ComponentSource;
  readonly hashes: readonly Hash[];
  /** name → range, from `dependencies` and `optionalDependencies`. */
  readonly dependencies: ReadonlyMap<string, string>;
  /** Berry's `name@workspace:.`: the project itself. */
  readonly isProject: boolean;
}

/** Yarn Berry marks its lockfiles with a top-level `__metadata` entry. */
export function isBerry(text: string): boolean {
  return /^"?__metadata"?:/m.test(text);
}

/** Name and alias from a descriptor: `alias@npm:real@^1` → real, alias. */
function descriptorName(descriptor: string): { name: string; alias?: string; range: string } {
  const { name, range } = splitDescriptor(descriptor);
  const target = parseNpmAlias(range);
  if (target !== undefined && target.name !== name)
    return { name: target.name, alias: name, range: target.range };
  return { name, range };
}

/** `registry tarball#<sha1>` fragments of Yarn 1 are checksums of the tarball. */
function fragmentSha1(resolved: string | undefined): Hash[] {
  const match = resolved === undefined ? null : /#([0-9a-f]{40})$/i.exec(resolved);
  return match === null ? [] : [{ alg: 'sha1', value: match[1]!.toLowerCase() }];
}

function toEntriesV1(text: string): YarnEntry[] {
  return parseYarnV1(text).map((entry) => {
    const first = descriptorName(entry.keys[0]!);
    const values = entry.block.values;
    const resolved = values.get('resolved');
    let source: ComponentSource | undefined;
    for (const descriptor of entry.keys) {
      source = specSource(splitDescriptor(descriptor).range, resolved);
      if (source !== undefined) break;
    }
    source ??= resolved !== undefined ? gitSource(resolved) : undefined;
    let hashes = integrityToHashes(values.get('integrity'));
    if (hashes.length === 0 && source === undefined) hashes = fragmentSha1(resolved);
    const dependencies = new Map<string, string>([
      ...(entry.block.blocks.get('optionalDependencies')?.values ?? []),
      ...(entry.block.blocks.get('dependencies')?.values ?? []),
    ]);
    return {
      descriptors: entry.keys,
      line: entry.line,
      name: first.name,
      ...(first.alias !== undefined ? { alias: first.alias } : {}),
      version: values.get('version') ?? '',
      ...(source !== undefined ? { source } : {}),
      hashes,
      dependencies,
      isProject: false,
    };
  });
}

/** The path of a Berry `file:`/`link:`/`portal:` reference, without `#…` and `::…` parameters. */
function referencePath(reference: string): string {
  return reference
    .replace(/^[a-z]+:/, '')
    .replace(/::.*$/, '')
    .replace(/#.*$/, '');
}

/** Where a Berry resolution (`name@reference`) comes from; undefined for the npm registry. */
function berrySource(reference: string): ComponentSource | undefined {
  const protocol = /^([a-z]+):/.exec(reference)?.[1];
  switch (protocol) {
    case 'npm':
    case 'patch':
      return undefined;
    case 'workspace':
      return { type: 'workspace', url: referencePath(reference) };
    case 'file': {
      const file = referencePath(reference);
      return { type: /\.(?:tgz|tar\.gz|tar)$/i.test(file) ? 'file' : 'directory', url: file };
    }
    case 'link':
    case 'portal':
      return { type: 'link', url: referencePath(reference) };
    default:
      break;
  }
  const git = gitSource(reference);
  if (git !== undefined) return git;
  if (isGitSpec(reference)) return { type: 'git', url: gitRepositoryUrl(reference) };
  if (/^https?:\/\//.test(reference)) return { type: 'url', url: redactUrl(reference) };
  return undefined;
}

/** Berry checksums are `<cacheKey>/<sha512 hex>` (older files omit the prefix). */
function berryChecksum(checksum: string | undefined): Hash[] {
  const hex = checksum?.replace(/^[^/]*\//, '');
  return hex !== undefined && /^[0-9a-f]{128}$/i.test(hex)
    ? [{ alg: 'sha512', value: hex.toLowerCase() }]
    : [];
}

function stringMap(node: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!isMap(node)) return map;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof key === 'string' && typeof value === 'string') map.set(key, value);
  }
  return map;
}

function toEntriesBerry(text: string, warnings: Warning[]): YarnEntry[] {
  const lineCounter = new LineCounter();
  // failsafe: every scalar stays a string (a version like `1.10` must not become a number).
  // (`prettyErrors` off: the library's excerpt for each error is quadratic over a long line of
  // errors; the line is counted apart.)
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'failsafe',
    uniqueKeys: false,
    prettyErrors: false,
  });
  const error = doc.errors[0];
  if (error !== undefined) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new InputError(
      `not valid Yarn 2+ lockfile YAML: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      {
        line,
        cause: error,
      },
    );
  }
  if (doc.contents === null) return [];
  if (!(doc.contents instanceof YAMLMap))
    throw new InputError('expected a Yarn 2+ lockfile: a YAML mapping of entries', { line: 1 });
  const entries: YarnEntry[] = [];
  for (const pair of doc.contents.items) {
    const header = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof header !== 'string' || header === '__metadata') continue;
    const line = lineCounter.linePos(
      pair.key && isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0,
    ).line;
    if (!isMap(pair.value)) {
      warnings.push({ message: `entry "${header}" is not a mapping; skipped`, line });
      continue;
    }
    const fields = stringMap(pair.value);
    const descriptors = header.split(/\s*,\s*/).filter((d) => d !== '');
    if (descriptors.length === 0) continue;
    const resolution = fields.get('resolution');
    const first = descriptorName(descriptors[0]!);
    const resolved = resolution !== undefined ? splitDescriptor(resolution) : undefined;
    const name = resolved !== undefined && resolved.range !== '' ? resolved.name : first.name;
    const alias =
      first.alias ??
      (splitDescriptor(descriptors[0]!).name !== name
        ? splitDescriptor(descriptors[0]!).name
        : undefined);
    const source = resolved !== undefined ? berrySource(resolved.range) : undefined;
    entries.push({
      descriptors,
      line,
      name,
      ...(alias !== undefined ? { alias } : {}),
      version: fields.get('version') ?? '',
      ...(source !== undefined ? { source } : {}),
      hashes: berryChecksum(fields.get('checksum')),
      dependencies: stringMap(pair.value.get('dependencies', true)),
      isProject: resolved?.range === 'workspace:.',
    });
  }
  return entries;
}

/** Parse either format into entries (exported for tests). */
export function parseYarnLock(text: string, warnings: Warning[] = []): YarnEntry[] {
  return isBerry(text) ? toEntriesBerry(text, warnings) : toEntriesV1(text);
}

/** Finds the entry a `name@range` dependency resolves to. */
function descriptorResolver(
  entries: readonly YarnEntry[],
  keys: readonly string[],
): (name: string, range: string) => string | undefined {
  const exact = new Map<string, string>();
  // Berry appends `::locator=…` to file: descriptors of the header, not to dependencies.
  const bare = new Map<string, string>();
  const byName = new Map<string, string | null>();
  entries.forEach((entry, i) => {
    const key = keys[i]!;
    for (const d of entry.descriptors) {
      if (!exact.has(d)) exact.set(d, key);
      const stripped = d.replace(/::.*$/, '');
      if (!bare.has(stripped)) bare.set(stripped, key);
      const name = splitDescriptor(d).name;
      byName.set(name, byName.has(name) && byName.get(name) !== key ? null : key);
    }
  });
  return (name, range) => {
    const descriptor = `${name}@${range}`;
    const found =
      exact.get(descriptor) ??
      (/^[a-z]+:/i.test(range) ? undefined : exact.get(`${name}@npm:${range}`)) ??
      bare.get(descriptor.replace(/::.*$/, ''));
    // Last resort: the only entry with that name (Yarn 1 sometimes records a file: path that
    // differs from the header's).
    return found ?? byName.get(name) ?? undefined;
  };
}

/** Keys reachable from `starts` along `edges` (iterative: no recursion on untrusted graphs). */
function reachable(
  starts: Iterable<string>,
  edges: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const next of edges.get(key) ?? []) if (!seen.has(next)) queue.push(next);
  }
  return seen;
}

/** Records, root and edges from parsed entries and the optional package.json. */
export function buildResult(
  entries: readonly YarnEntry[],
  manifest: Manifest | undefined,
): ExtractResult {
  // Keys: each entry's first descriptor (unique in a well-formed file; made unique otherwise).
  const seen = new Set<string>();
  const keys = entries.map((e) => {
    const key = seen.has(e.descriptors[0]!)
      ? `${e.descriptors[0]!}#line${e.line}`
      : e.descriptors[0]!;
    seen.add(key);
    return key;
  });
  const resolve = descriptorResolver(entries, keys);
  const edges = new Map<string, string[]>();
  entries.forEach((entry, i) => {
    const targets = new Set<string>();
    for (const [name, range] of entry.dependencies) {
      const target = resolve(name, range);
      if (target !== undefined && target !== keys[i]) targets.add(target);
    }
    edges.set(keys[i]!, [...targets].sort());
  });

  const project = entries.findIndex((e) => e.isProject);
  const workspaces = entries.flatMap((e, i) =>
    !e.isProject && e.source?.type === 'workspace' ? [keys[i]!] : [],
  );

  // Direct dependencies: the package.json's, else the Berry root workspace's.
  let prodRoots: string[] | undefined;
  let devRoots: string[] = [];
  if (manifest !== undefined) {
    const { prod, devOnly } = manifestDependencyNames(manifest);
    const resolveAll = (deps: ReadonlyMap<string, string>): string[] =>
      [...deps].flatMap(([name, range]) => resolve(name, range) ?? []);
    prodRoots = resolveAll(prod);
    devRoots = resolveAll(devOnly);
  } else if (project >= 0) {
    prodRoots = edges.get(keys[project]!) ?? [];
  }

  const direct = new Set<string>([...(prodRoots ?? []), ...devRoots, ...workspaces]);
  for (const ws of workspaces) for (const dep of edges.get(ws) ?? []) direct.add(dep);
  const knowsDirect = prodRoots !== undefined || workspaces.length > 0;

  // `dev`: reached from devDependencies and not from anything the project needs in production.
  let devOnly = new Set<string>();
  if (devRoots.length > 0) {
    const prod = reachable([...(prodRoots ?? []), ...workspaces], edges);
    devOnly = new Set([...reachable(devRoots, edges)].filter((k) => !prod.has(k)));
  }

  const packages: PackageRecord[] = [];
  entries.forEach((entry, i) => {
    if (entry.isProject) return;
    const key = keys[i]!;
    packages.push({
      ecosystem: 'npm',
      name: entry.name,
      ...(entry.version !== '' ? { version: entry.version } : {}),
      groups: devOnly.has(key) ? ['dev'] : [],
      ...(knowsDirect ? { direct: direct.has(key) } : {}),
      line: entry.line,
      ...(entry.source !== undefined ? { source: entry.source } : {}),
      ...(entry.hashes.length > 0 ? { hashes: entry.hashes } : {}),
      ...(entry.alias !== undefined ? { properties: { 'npm:alias': entry.alias } } : {}),
      key,
      dependsOn: edges.get(key) ?? [],
    });
  });

  let root: RootRecord | undefined;
  if (manifest !== undefined || project >= 0) {
    const projectEntry = project >= 0 ? entries[project] : undefined;
    const name = manifest?.name ?? projectEntry?.name;
    const version = manifest?.version;
    const rootDeps = new Set<string>([...(prodRoots ?? []), ...devRoots, ...workspaces]);
    root = {
      ecosystem: 'npm',
      ...(name !== undefined && name !== '' ? { name } : {}),
      ...(version !== undefined ? { version } : {}),
      ...(manifest?.license !== undefined ? { declaredLicense: manifest.license } : {}),
      dependsOn: [...rootDeps].sort(),
    };
  }
  return { packages, ...(root !== undefined ? { root } : {}) };
}

export const extractor = {
  name: 'npm/yarn-lock',
  ecosystem: 'npm',
  requiresNetwork: false,
  target: 'file',
  required(entry: FileEntry): boolean {
    // Lockfiles inside node_modules belong to installed packages, not to this project.
    return entry.base === 'yarn.lock' && !entry.path.split('/').includes('node_modules');
  },
  async extract(input: ExtractInput): Promise<ExtractResult> {
    const { entry, fs } = input;
    const text = await fs.readText(entry.path);
    const warnings: Warning[] = [];
    const entries = parseYarnLock(text, warnings);
    const { manifest, warning } = await readSiblingManifest(fs, entry.path);
    if (warning !== undefined) warnings.push({ message: warning });
    const result = buildResult(entries, manifest);
    return warnings.length > 0 ? { ...result, warnings } : result;
  },
} satisfies Extractor;
