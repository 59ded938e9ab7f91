/**
 * npm's `package-lock.json` (lockfileVersion 1, 2 and 3) and `npm-shrinkwrap.json`.
 *
 * v2/v3 lockfiles list every installed folder under `packages`, keyed by its path
 * (`node_modules/a/node_modules/b`, or a workspace folder like `packages/x`); v1 lockfiles
 * nest the same tree under `dependencies`. Both become one record per installed folder, keyed
 * by that path, with edges resolved the way Node resolves `require` (walking up `node_modules`).
 * Dependency groups follow OSV-SCALIBR: `dev`, `optional`, `bundled`, merged over every copy of
 * the same package so that one production copy makes the package production.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  FileEntry,
  PackageRecord,
  RootRecord,
} from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import { joinRel } from '../../../core/fs.js';
import type { ComponentSource, Hash } from '../../../core/types.js';
import type { Manifest } from '../shared/manifest.js';
import {
  dependencyMap,
  licenseText,
  readSiblingManifest,
  workspaceGlobs,
} from '../shared/manifest.js';
import { extractCommit, gitRepositoryUrl, integrityToHashes, specSource } from '../shared/specs.js';
import { entryLines, firstJsonError } from './json-lines.js';

type Json = Record<string, unknown>;
type Warning = { message: string; line?: number };

/** Nesting deeper than this in a v1 tree is not a real install; the rest is skipped with a warning. */
const MAX_V1_DEPTH = 128;

const LOCK_NAMES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Installed folders by the folder whose `node_modules` holds them: `'' → (a → node_modules/a)`,
 * `'node_modules/a' → (b → node_modules/a/node_modules/b)`. Looking names up per folder reuses
 * the (hash-cached) key strings instead of building a candidate path per lookup.
 */
export type FolderIndex = Map<string, Map<string, string>>;

/** Index lockfile keys (`node_modules/…` paths) by the folder that contains them. */
export function indexFolders(keys: Iterable<string>): FolderIndex {
  const index: FolderIndex = new Map();
  for (const key of keys) {
    const at = key.lastIndexOf('node_modules/');
    if (at < 0 || (at > 0 && key[at - 1] !== '/')) continue;
    const dir = at === 0 ? '' : key.slice(0, at - 1);
    const name = key.slice(at + 'node_modules/'.length);
    let names = index.get(dir);
    if (names === undefined) {
      names = new Map<string, string>();
      index.set(dir, names);
    }
    names.set(name, key);
  }
  return index;
}

/** The folder Node looks in after `dir`: the one holding the `node_modules` that holds `dir`. */
function parentFolder(dir: string): string {
  const nested = dir.lastIndexOf('/node_modules/');
  if (nested >= 0) return dir.slice(0, nested);
  if (dir.startsWith('node_modules/')) return '';
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

/** Where Node would find `name` when required from the folder `from` (a lockfile key or ''). */
export function resolveFrom(index: FolderIndex, from: string, name: string): string | undefined {
  let dir = from;
  // Each step makes `dir` shorter, so this ends after at most depth-of-`from` steps.
  for (;;) {
    const found = index.get(dir)?.get(name);
    if (found !== undefined) return found;
    if (dir === '') return undefined;
    dir = parentFolder(dir);
  }
}

/** The package name a `packages` key stands for (`node_modules/@a/b` → `@a/b`, `pkgs/x` → `x`). */
export function nameFromKey(key: string): string {
  const at = key.lastIndexOf('node_modules/');
  if (at >= 0) return key.slice(at + 'node_modules/'.length);
  const base = path.posix.basename(key);
  const scope = path.posix.basename(path.posix.dirname(key));
  return scope.startsWith('@') ? `${scope}/${base}` : base;
}

/**
 * OSV-SCALIBR's merge of the groups of two copies of one package: a copy in no group means the
 * package is needed in production, so the merge is empty; otherwise the union.
 */
function mergeGroups(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  return [...new Set([...a, ...b])].sort();
}

interface Draft {
  key: string;
  name: string;
  version: string;
  /** Name@version-or-commit: copies with the same identity share their groups. */
  identity: string;
  groups: string[];
  line?: number;
  source?: ComponentSource;
  hashes: Hash[];
  license?: string;
  /** `npm:alias`, `npm:hasInstallScript`, `npm:deprecated` (the lockfile's own flags). */
  properties: Record<string, string>;
  dependsOn: string[];
  direct?: boolean;
}

function toRecord(d: Draft, groups: readonly string[]): PackageRecord {
  return {
    ecosystem: 'npm',
    name: d.name,
    ...(d.version !== '' ? { version: d.version } : {}),
    groups,
    ...(d.direct !== undefined ? { direct: d.direct } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.license !== undefined ? { declaredLicense: d.license } : {}),
    ...(d.source !== undefined ? { source: d.source } : {}),
    ...(d.hashes.length > 0 ? { hashes: d.hashes } : {}),
    ...(Object.keys(d.properties).length > 0 ? { properties: d.properties } : {}),
    key: d.key,
    dependsOn: [...new Set(d.dependsOn)].sort(),
  };
}

/** Records with groups merged over every copy of the same package (see mergeGroups). */
function finish(drafts: readonly Draft[]): PackageRecord[] {
  const merged = new Map<string, string[]>();
  for (const d of drafts) {
    const previous = merged.get(d.identity);
    merged.set(
      d.identity,
      previous === undefined ? [...d.groups].sort() : mergeGroups(previous, d.groups),
    );
  }
  return drafts.map((d) => toRecord(d, merged.get(d.identity) ?? []));
}

/** The source of a `packages` entry from its `resolved` field. */
function resolvedSource(resolved: string | undefined): ComponentSource | undefined {
  if (resolved === undefined) return undefined;
  const commit = extractCommit(resolved);
  if (commit !== undefined) return { type: 'git', url: gitRepositoryUrl(resolved), commit };
  if (resolved.startsWith('file:')) return specSource(resolved);
  return undefined;
}

function packageGroups(p: Json): string[] {
  const groups: string[] = [];
  if (p.inBundle === true) groups.push('bundled');
  if (p.devOptional === true) return [...groups, 'dev', 'optional'];
  if (p.dev === true) groups.push('dev');
  if (p.optional === true) groups.push('optional');
  return groups;
}

const RUNTIME_DEP_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
const ALL_DEP_FIELDS = [...RUNTIME_DEP_FIELDS, 'devDependencies'] as const;

function dependencyNames(p: Json, fields: readonly string[]): string[] {
  const names: string[] = [];
  for (const field of fields) {
    const deps = p[field];
    if (!isObject(deps)) continue;
    for (const name in deps) if (typeof deps[name] === 'string') names.push(name);
  }
  return names;
}

/** lockfileVersion 2 and 3: the flat `packages` map. */
function extractPackages(
  lock: Json,
  packages: Json,
  text: string,
  warnings: Warning[],
): ExtractResult {
  const lines = entryLines(text, 'packages');
  const rootEntry = isObject(packages['']) ? packages[''] : undefined;
  const workspaceMatch = (() => {
    const globs = workspaceGlobs(rootEntry?.workspaces);
    return globs.length === 0
      ? () => false
      : picomatch(globs.map((g) => g.replace(/^\.\//, '').replace(/\/$/, '')));
  })();

  const entries = new Map(Object.entries(packages));
  // Links (`"node_modules/x": { "link": true, "resolved": "packages/x" }`) stand for the folder
  // entry they point at; they are not packages themselves.
  const links = new Map<string, string>();
  const danglingLinks = new Map<string, string>();
  const linkNames = new Map<string, string>();
  for (const [key, value] of entries) {
    if (key === '' || !isObject(value) || value.link !== true) continue;
    const target = joinRel(str(value.resolved) ?? '');
    links.set(key, target);
    if (!linkNames.has(target)) linkNames.set(target, nameFromKey(key));
  }
  const folders = indexFolders(entries.keys());
  const isEntry = (key: string): boolean =>
    key !== '' && isObject(entries.get(key)) && !links.has(key);
  // A link to a folder the lockfile does not describe (outside the project, say) is the only
  // trace of that package: it stays a record of its own.
  for (const [key, target] of [...links]) {
    if (isEntry(target)) continue;
    links.delete(key);
    danglingLinks.set(key, target);
  }
  const resolve = (from: string, name: string): string | undefined => {
    const found = resolveFrom(folders, from, name);
    if (found === undefined) return undefined;
    if (danglingLinks.has(found)) return found;
    const target = links.get(found) ?? found;
    return isEntry(target) ? target : undefined;
  };

  const drafts: Draft[] = [];
  for (const [key, value] of entries) {
    if (key === '' || links.has(key)) continue;
    if (!isObject(value)) {
      warnings.push({
        message: `packages["${key}"] is ${describeJsonType(value)}, not an object; skipped`,
        line: lines.get(key),
      });
      continue;
    }
    const inNodeModules = key.includes('node_modules/');
    const keyName = nameFromKey(key);
    const declaredName = str(value.name);
    let name = keyName;
    let alias: string | undefined;
    if (inNodeModules) {
      if (declaredName !== undefined && declaredName !== '' && declaredName !== keyName) {
        name = declaredName;
        alias = keyName;
      }
    } else {
      name = declaredName || linkNames.get(key) || keyName;
    }
    const version = str(value.version) ?? '';
    const resolved = str(value.resolved);
    let source = resolvedSource(resolved);
    const linkTarget = danglingLinks.get(key);
    if (linkTarget !== undefined) source = { type: 'link', url: linkTarget };
    else if (!inNodeModules)
      source = { type: workspaceMatch(key) ? 'workspace' : 'directory', url: key };
    const commit = source?.type === 'git' ? source.commit : undefined;
    const fields = inNodeModules ? RUNTIME_DEP_FIELDS : ALL_DEP_FIELDS;
    const dependsOn: string[] = [];
    for (const dep of dependencyNames(value, fields)) {
      const target = resolve(key, dep);
      if (target !== undefined && target !== key) dependsOn.push(target);
    }
    const license = licenseText(value.license);
    // npm records these in the lockfile: install scripts run on `npm install` (a trust signal
    // for health), and the registry's deprecation message.
    const properties: Record<string, string> = {};
    if (alias !== undefined) properties['npm:alias'] = alias;
    const deprecated = str(value.deprecated);
    if (deprecated !== undefined && deprecated !== '')
      properties['npm:deprecated'] = deprecated.slice(0, 500);
    if (value.hasInstallScript === true) properties['npm:hasInstallScript'] = 'true';
    drafts.push({
      key,
      name,
      version,
      identity: `${name}@${commit ?? version}`,
      groups: packageGroups(value),
      line: lines.get(key),
      source,
      hashes: integrityToHashes(value.integrity),
      ...(license !== undefined ? { license } : {}),
      properties,
      dependsOn,
    });
  }

  let root: RootRecord | undefined;
  if (rootEntry !== undefined) {
    // The project's direct dependencies: what packages[""] declares, plus its workspaces and
    // what they declare (a workspace is part of the project).
    const rootDeps = new Set<string>();
    for (const dep of dependencyNames(rootEntry, ALL_DEP_FIELDS)) {
      const target = resolve('', dep);
      if (target !== undefined) rootDeps.add(target);
    }
    const direct = new Set(rootDeps);
    for (const d of drafts) {
      if (d.source?.type !== 'workspace') continue;
      rootDeps.add(d.key);
      direct.add(d.key);
      for (const dep of d.dependsOn) direct.add(dep);
    }
    for (const d of drafts) d.direct = direct.has(d.key);
    const name = str(rootEntry.name) ?? str(lock.name);
    const version = str(rootEntry.version) ?? str(lock.version);
    const license = licenseText(rootEntry.license);
    root = {
      ecosystem: 'npm',
      ...(name ? { name } : {}),
      ...(version ? { version } : {}),
      ...(license !== undefined ? { declaredLicense: license } : {}),
      dependsOn: [...rootDeps].sort(),
    };
  }
  return { packages: finish(drafts), ...(root !== undefined ? { root } : {}) };
}

/** lockfileVersion 1: the nested `dependencies` tree. */
function extractDependencies(
  lock: Json,
  dependencies: Json,
  text: string,
  manifest: Manifest | undefined,
  warnings: Warning[],
): ExtractResult {
  const lines = entryLines(text, 'dependencies');
  const entries = new Map<string, Json>();
  const drafts: Draft[] = [];
  const requires = new Map<string, string[]>();
  let tooDeep = false;

  // Depth-first over the tree with an explicit stack (no recursion on untrusted nesting).
  const stack: { parent: string; deps: Json; depth: number }[] = [
    { parent: '', deps: dependencies, depth: 1 },
  ];
  while (stack.length > 0) {
    const { parent, deps, depth } = stack.pop()!;
    for (const [keyName, value] of Object.entries(deps)) {
      const key = parent === '' ? `node_modules/${keyName}` : `${parent}/node_modules/${keyName}`;
      if (!isObject(value)) {
        warnings.push({
          message: `dependencies entry "${key}" is ${describeJsonType(value)}, not an object; skipped`,
          line: lines.get(key),
        });
        continue;
      }
      entries.set(key, value);
      const rawVersion = str(value.version) ?? '';
      let name = keyName;
      let version = rawVersion;
      let alias: string | undefined;
      let source: ComponentSource | undefined;
      let commit: string | undefined;
      if (rawVersion.startsWith('npm:')) {
        // `npm:<real name>@<version>`: the folder name is only an alias.
        const at = rawVersion.lastIndexOf('@');
        if (at > 4) {
          name = rawVersion.slice(4, at);
          version = rawVersion.slice(at + 1);
          if (name !== keyName) alias = keyName;
        }
      } else if (rawVersion.startsWith('file:')) {
        version = '';
        source = specSource(rawVersion);
      } else {
        commit = extractCommit(rawVersion);
        if (commit !== undefined) {
          // A git dependency's "version" is its URL; v1 does not record the package's own version.
          source = { type: 'git', url: gitRepositoryUrl(rawVersion), commit };
          version = '';
        }
      }
      const groups: string[] = [];
      if (value.bundled === true) groups.push('bundled');
      if (value.dev === true) groups.push('dev');
      if (value.optional === true) groups.push('optional');
      requires.set(key, [...dependencyMap(value.requires).keys()]);
      drafts.push({
        key,
        name,
        version,
        identity: `${name}@${commit ?? rawVersion}`,
        groups,
        line: lines.get(key),
        source,
        hashes: integrityToHashes(value.integrity),
        properties: alias !== undefined ? { 'npm:alias': alias } : {},
        dependsOn: [],
      });
      if (isObject(value.dependencies)) {
        if (depth >= MAX_V1_DEPTH) tooDeep = true;
        else stack.push({ parent: key, deps: value.dependencies, depth: depth + 1 });
      }
    }
  }
  if (tooDeep)
    warnings.push({
      message: `dependencies nested deeper than ${MAX_V1_DEPTH} levels were skipped`,
    });

  const folders = indexFolders(entries.keys());
  for (const d of drafts) {
    for (const dep of requires.get(d.key) ?? []) {
      const target = resolveFrom(folders, d.key, dep);
      if (target !== undefined && target !== d.key) d.dependsOn.push(target);
    }
  }
  // Stable output whatever order the stack visited the tree in.
  drafts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  // v1 has no list of the project's own dependencies; the package.json beside it does.
  let rootDeps: string[] | undefined;
  if (manifest !== undefined) {
    const direct = new Set<string>();
    for (const field of [
      manifest.dependencies,
      manifest.devDependencies,
      manifest.optionalDependencies,
      manifest.peerDependencies,
    ]) {
      for (const dep of field.keys()) {
        const target = resolveFrom(folders, '', dep);
        if (target !== undefined) direct.add(target);
      }
    }
    for (const d of drafts) d.direct = direct.has(d.key);
    rootDeps = [...direct].sort();
  }
  const name = str(lock.name) ?? manifest?.name;
  const version = str(lock.version) ?? manifest?.version;
  const root: RootRecord | undefined =
    name !== undefined || rootDeps !== undefined
      ? {
          ecosystem: 'npm',
          ...(name ? { name } : {}),
          ...(version ? { version } : {}),
          ...(manifest?.license !== undefined ? { declaredLicense: manifest.license } : {}),
          ...(rootDeps !== undefined ? { dependsOn: rootDeps } : {}),
        }
      : undefined;
  return { packages: finish(drafts), ...(root !== undefined ? { root } : {}) };
}

/** Parse the JSON text of a lockfile; malformed JSON or a non-object is an InputError. */
export function parseLockJson(text: string): Json {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch (error) {
    const where = firstJsonError(text);
    const detail = where !== undefined ? where.message : (error as Error).message;
    throw new InputError(`not valid JSON (${detail}); expected an npm lockfile object`, {
      line: where?.line,
      cause: error,
    });
  }
  if (!isObject(lock)) {
    throw new InputError(
      `expected a JSON object with "packages" or "dependencies", found ${describeJsonType(lock)}`,
      { line: 1 },
    );
  }
  return lock;
}

/** Whether a parsed lockfile is v1 (a `dependencies` tree and no `packages` map). */
export function isV1(lock: Json): boolean {
  return lock.packages === undefined;
}

/**
 * Records of a parsed lockfile. `text` is the same JSON, scanned once more for line numbers;
 * `manifest` (the package.json beside it) only matters for v1.
 */
export function extractLock(lock: Json, text: string, manifest?: Manifest): ExtractResult {
  const warnings: Warning[] = [];
  const lockfileVersion = lock.lockfileVersion;
  if (typeof lockfileVersion === 'number' && lockfileVersion > 3) {
    warnings.push({
      message: `lockfileVersion ${lockfileVersion} is newer than the versions this extractor knows (1 to 3); read as version 3`,
    });
  }
  let result: ExtractResult;
  // Like npm, prefer the v2+ `packages` map; v2 files also carry a v1 `dependencies` tree.
  if (lock.packages !== undefined) {
    if (!isObject(lock.packages)) {
      throw new InputError(
        `"packages" must be an object, found ${describeJsonType(lock.packages)}`,
      );
    }
    result = extractPackages(lock, lock.packages, text, warnings);
  } else if (lock.dependencies === undefined) {
    result = { packages: [] };
  } else if (!isObject(lock.dependencies)) {
    throw new InputError(
      `"dependencies" must be an object, found ${describeJsonType(lock.dependencies)}`,
    );
  } else {
    result = extractDependencies(lock, lock.dependencies, text, manifest, warnings);
  }
  return warnings.length > 0 ? { ...result, warnings } : result;
}

export const extractor = {
  name: 'npm/package-lock',
  ecosystem: 'npm',
  requiresNetwork: false,
  target: 'file',
  required(entry: FileEntry): boolean {
    if (!LOCK_NAMES.has(entry.base)) return false;
    // Lockfiles inside node_modules belong to installed packages, not to this project.
    return !entry.path.split('/').includes('node_modules');
  },
  async extract(input: ExtractInput): Promise<ExtractResult> {
    const { entry, fs } = input;
    const dir = path.posix.dirname(entry.path);
    if (entry.base === 'package-lock.json') {
      const shrinkwrap = joinRel(dir, 'npm-shrinkwrap.json');
      if ((await fs.stat(shrinkwrap))?.type === 'file') {
        return {
          packages: [],
          warnings: [
            {
              message: `${entry.path} ignored: npm installs from ${shrinkwrap}, which takes precedence over package-lock.json`,
            },
          ],
        };
      }
    }
    const text = await fs.readText(entry.path);
    const lock = parseLockJson(text);
    // Only v1 lockfiles need the manifest: they do not list the project's own dependencies.
    const { manifest, warning } = isV1(lock) ? await readSiblingManifest(fs, entry.path) : {};
    const result = extractLock(lock, text, manifest);
    if (warning === undefined) return result;
    return { ...result, warnings: [...(result.warnings ?? []), { message: warning }] };
  },
} satisfies Extractor;
