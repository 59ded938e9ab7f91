/**
 * npm/node-modules: the installed tree, read from disk. The disk is the truth: every folder
 * with a package.json under the project's top-level `node_modules` (nested, hoisted, scoped,
 * pnpm's `.pnpm` store through its links, workspaces and `npm link`s) is one package, keyed
 * by its real path. npm ≥ 7's hidden lockfile (`node_modules/.package-lock.json`) is only a
 * hint for flags, `resolved` and integrity, used when its version matches the folder's.
 * Edges follow Node's resolution (own `node_modules`, then each ancestor's), from real paths.
 * Groups and directness come from the project's package.json (the sibling of node_modules),
 * computed as npm does when the hidden lockfile says nothing. Sources and hashes are classified
 * as npm/package-lock classifies them, so a lockfile and its installed tree merge into the
 * same components.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  FileEntry,
  PackageRecord,
  RootRecord,
} from '../../../core/extractor.js';
import type { ScanFs } from '../../../core/fs.js';
import type { ComponentSource, Hash } from '../../../core/types.js';
import {
  hashesOf,
  lockEntries,
  readJsonObjectFile,
  sourceOf,
  toManifest,
  type EdgeType,
  type LockEntry,
  type Manifest,
} from './manifest.js';
import { containingModulesDir, readTree, type Tree, type TreePackage } from './tree.js';

type Warning = { message: string; path?: string; line?: number };

/** The hidden lockfile is one JSON document for the whole tree; big monorepos reach tens of MB. */
const MAX_LOCK_BYTES = 64 * 1024 * 1024;
const MAX_ROOT_MANIFEST_BYTES = 16 * 1024 * 1024;
/**
 * A folder name that can be an npm alias: a valid package name. Excludes store folders such as
 * cnpm's `_lodash@4.17.21@lodash`, which are not names anyone requires.
 */
const ALIAS_NAME = /^(?:@[^/@._][^/@]*\/)?[^/@._][^/@]*$/;
/** The virtual graph node of the project itself (no real path can contain a NUL). */
const ROOT = '\0root';

/** A top-level `node_modules`: named so, and not itself inside another `node_modules`. */
export function isTopModulesDir(entry: FileEntry): boolean {
  if (entry.base !== 'node_modules') return false;
  const segments = entry.path.split('/');
  return (
    segments[segments.length - 1] === 'node_modules' &&
    segments.slice(0, -1).every((s) => s !== 'node_modules')
  );
}

function parentDir(relPath: string): string {
  const slash = relPath.lastIndexOf('/');
  return slash < 0 ? '' : relPath.slice(0, slash);
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** `target` relative to `from` (both scan-relative, `from` may be the root `''`). */
function relativeTo(from: string, target: string): string {
  if (from === '') return target;
  if (target.startsWith(`${from}/`)) return target.slice(from.length + 1);
  return path.posix.relative(from, target);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Read the project's package.json or the hidden lockfile (see `readJsonObjectFile`). */
function readJsonFile(
  fs: ScanFs,
  file: string,
  maxBytes: number,
  warnings: Warning[],
): Promise<Record<string, unknown> | undefined> {
  return readJsonObjectFile(() => fs.readText(file, maxBytes), file, warnings, {
    malformed: 'ignored',
  });
}

/** Workspace globs (npm/yarn `workspaces`, pnpm-workspace.yaml `packages`) as a matcher on project-relative paths. */
function workspaceMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const clean = (p: string): string => p.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '');
  const positive = patterns.filter((p) => !p.startsWith('!')).map(clean);
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => clean(p.slice(1)));
  if (positive.length === 0) return () => false;
  const include = picomatch(positive, { dot: true });
  const exclude = negative.length > 0 ? picomatch(negative, { dot: true }) : () => false;
  return (relPath) => include(relPath) && !exclude(relPath);
}

async function pnpmWorkspacePatterns(fs: ScanFs, projectDir: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readText(join(projectDir, 'pnpm-workspace.yaml'), MAX_ROOT_MANIFEST_BYTES);
  } catch {
    return [];
  }
  try {
    // Only a hint for naming links `workspace`; a malformed file is another extractor's to report.
    const doc: unknown = parseYaml(text, { maxAliasCount: 100 });
    const packages =
      typeof doc === 'object' && doc !== null
        ? (doc as { packages?: unknown }).packages
        : undefined;
    return Array.isArray(packages)
      ? packages.filter((p): p is string => typeof p === 'string')
      : [];
  } catch {
    return [];
  }
}

/** The folder name a package sits under at its real location (`name` or `@scope/name`). */
function ownFolderName(pkg: TreePackage): string {
  const container = containingModulesDir(pkg.path);
  if (container !== undefined) return pkg.path.slice(container.length + (container === '' ? 0 : 1));
  return [...pkg.names].sort(compare)[0] ?? path.posix.basename(pkg.path);
}

/** Node's resolution of `name` from a folder: its `node_modules`, then each ancestor's. */
function resolver(tree: Tree): (fromDir: string, name: string) => string | undefined {
  return (fromDir, name) => {
    let dir = fromDir;
    for (;;) {
      if (path.posix.basename(dir) !== 'node_modules') {
        const hit = tree.index.get(join(dir, 'node_modules'))?.get(name);
        // Node stops at the first folder of that name; one without package.json is no package.
        if (hit !== undefined)
          return tree.packages.get(hit)?.manifest !== undefined ? hit : undefined;
      }
      if (dir === '') return undefined;
      dir = parentDir(dir);
    }
  };
}

/** Nodes reachable from the project through edges `follow` accepts. */
function reach(
  edges: Map<string, (readonly [string, EdgeType])[]>,
  follow: (type: EdgeType) => boolean,
): Set<string> {
  const seen = new Set<string>();
  const stack = [ROOT];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const [to, type] of edges.get(node) ?? []) {
      if (!follow(type) || seen.has(to)) continue;
      seen.add(to);
      stack.push(to);
    }
  }
  return seen;
}

/**
 * Packages inside a bundle: named in the `bundleDependencies` of the package whose
 * `node_modules` holds them, inside a bundled package, or a dependency of a bundled package
 * that lives in the same bundler's `node_modules` (what `npm pack` would include).
 */
function bundledSet(tree: Tree, edges: Map<string, (readonly [string, EdgeType])[]>): Set<string> {
  const bundler = new Map<string, string>();
  const stack: string[] = [];
  for (const pkg of tree.packages.values()) {
    if (pkg.manifest === undefined || pkg.linked) continue;
    const container = containingModulesDir(pkg.path);
    if (container === undefined) continue;
    // The project's own bundleDependencies do not count: npm flags only what a dependency bundles.
    const owner = tree.packages.get(parentDir(container));
    const names = owner?.manifest?.bundled ?? [];
    if (owner !== undefined && names.includes(ownFolderName(pkg))) {
      bundler.set(pkg.path, owner.path);
      stack.push(pkg.path);
    }
  }
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const owner = bundler.get(node) ?? '';
    for (const [to] of edges.get(node) ?? []) {
      if (bundler.has(to) || !to.startsWith(`${owner}/node_modules/`)) continue;
      bundler.set(to, owner);
      stack.push(to);
    }
  }
  return new Set(bundler.keys());
}

function groupsFromLock(entry: LockEntry): string[] {
  if (entry.devOptional) return ['dev', 'optional'];
  const groups: string[] = [];
  if (entry.dev) groups.push('dev');
  if (entry.optional) groups.push('optional');
  return groups;
}

function computedGroups(dev: boolean, optional: boolean, devOptional: boolean): string[] {
  if (dev && optional) return ['dev', 'optional'];
  if (dev) return ['dev'];
  if (optional) return ['optional'];
  return devOptional ? ['dev', 'optional'] : [];
}

function legacySource(manifest: Manifest): ComponentSource | undefined {
  return manifest.legacyResolved !== undefined
    ? sourceOf(manifest.legacyResolved)
    : sourceOf(manifest.legacyFrom);
}

async function extract({ entry, fs }: ExtractInput): Promise<ExtractResult> {
  const warnings: Warning[] = [];
  // Paths are keyed by real location; resolve the tree's own path once (it may be reached via a link).
  const modulesDir = await fs.resolve(entry.path);
  if (modulesDir === undefined) {
    return {
      packages: [],
      warnings: [
        {
          message: `${entry.path}: leads outside the scanned directory; not read`,
          path: entry.path,
        },
      ],
    };
  }
  const projectDir = parentDir(modulesDir);

  const [tree, rootJson, lockJson] = await Promise.all([
    readTree(fs, modulesDir, projectDir),
    readJsonFile(fs, join(projectDir, 'package.json'), MAX_ROOT_MANIFEST_BYTES, warnings),
    readJsonFile(fs, join(modulesDir, '.package-lock.json'), MAX_LOCK_BYTES, warnings),
  ]);
  // Reads finish in any order; sorted so the same tree gives the same report.
  warnings.push(...tree.warnings);
  warnings.sort((a, b) =>
    compare(`${a.path ?? ''}\0${a.message}`, `${b.path ?? ''}\0${b.message}`),
  );
  const rootManifest = rootJson === undefined ? undefined : toManifest(rootJson);
  const lock = lockJson === undefined ? new Map<string, LockEntry>() : lockEntries(lockJson);

  const installed = [...tree.packages.values()]
    .filter((p) => p.manifest !== undefined)
    .sort((a, b) => compare(a.path, b.path));

  // Which linked folders are the project's workspaces.
  const workspacePatterns = [...(rootManifest?.workspaces ?? [])];
  if (installed.some((p) => p.linked))
    workspacePatterns.push(...(await pnpmWorkspacePatterns(fs, projectDir)));
  const isWorkspacePath = workspaceMatcher(workspacePatterns);
  const workspaces = new Set(
    installed
      .filter((p) => p.linked && isWorkspacePath(relativeTo(projectDir, p.path)))
      .map((p) => p.path),
  );

  // Edges by Node's resolution. Dev edges only from the project and its workspaces: npm
  // installs no one else's devDependencies.
  const resolve = resolver(tree);
  const edges = new Map<string, (readonly [string, EdgeType])[]>();
  for (const pkg of installed) {
    const out: [string, EdgeType][] = [];
    const top = workspaces.has(pkg.path);
    for (const [name, type] of pkg.manifest?.edges ?? []) {
      if (type === 'dev' && !top) continue;
      const to = resolve(pkg.path, name);
      if (to !== undefined && to !== pkg.path) out.push([to, type]);
    }
    edges.set(pkg.path, out);
  }
  const rootOut: [string, EdgeType][] = [];
  for (const [name, type] of rootManifest?.edges ?? []) {
    const to = resolve(projectDir, name);
    if (to !== undefined) rootOut.push([to, type]);
  }
  for (const ws of workspaces) rootOut.push([ws, 'prod']);
  edges.set(ROOT, rootOut);

  // Direct: named by the project or by one of its workspaces.
  const direct = new Set<string>(rootOut.map(([to]) => to));
  for (const ws of workspaces) for (const [to] of edges.get(ws) ?? []) direct.add(to);

  // npm's flags (Arborist's calcDepFlags): `dev` when every path from the project passes a
  // dev edge, `optional` when every path passes an optional edge, `devOptional` when every
  // path passes one or the other. An optional peer that is installed counts as a plain edge.
  const plain = reach(edges, (t) => t !== 'dev' && t !== 'optional');
  const nonDev = reach(edges, (t) => t !== 'dev');
  const nonOptional = reach(edges, (t) => t !== 'optional');
  const all = reach(edges, () => true);
  const bundled = bundledSet(tree, edges);

  const packages: PackageRecord[] = installed.map((pkg) => {
    const manifest = pkg.manifest as Manifest;
    const own = ownFolderName(pkg);
    const name = manifest.name ?? own;
    const version = manifest.version;
    const lockEntry = lock.get(relativeTo(projectDir, pkg.path));
    const hint = lockEntry !== undefined && lockEntry.version === version ? lockEntry : undefined;

    let groups: string[];
    let isDirect: boolean | undefined;
    if (hint !== undefined) groups = groupsFromLock(hint);
    else if (rootManifest === undefined || !all.has(pkg.path)) groups = [];
    else
      groups = computedGroups(
        !nonDev.has(pkg.path),
        !nonOptional.has(pkg.path),
        !plain.has(pkg.path),
      );
    // Unreached (extraneous, or needed from a folder above this tree): say nothing rather than guess.
    if (rootManifest !== undefined && all.has(pkg.path)) isDirect = direct.has(pkg.path);
    if (bundled.has(pkg.path) || hint?.inBundle === true || manifest.legacyInBundle)
      groups.push('bundled');

    let source: ComponentSource | undefined;
    let hashes: Hash[] = [];
    if (pkg.linked) {
      const url = relativeTo(projectDir, pkg.path);
      // npm installs a `file:` folder dependency as a link and records the folder in its
      // lockfile: npm/package-lock calls that a `directory`, and the two records must agree
      // (local sources are identified by type and path). Any other link stays a `link`.
      const type = workspaces.has(pkg.path) ? 'workspace' : lock.has(url) ? 'directory' : 'link';
      source = { type, url };
    } else {
      source = hint?.resolved !== undefined ? sourceOf(hint.resolved) : legacySource(manifest);
      hashes =
        hint?.integrity !== undefined
          ? hashesOf(hint.integrity)
          : hashesOf(manifest.legacyIntegrity, manifest.legacyShasum);
    }

    const alias = [...pkg.names, own].sort(compare).find((n) => n !== name && ALIAS_NAME.test(n));
    const dependsOn = [...new Set((edges.get(pkg.path) ?? []).map(([to]) => to))].sort(compare);
    return {
      ecosystem: 'npm',
      name,
      ...(version !== undefined ? { version } : {}),
      ...(groups.length > 0 ? { groups: groups.sort(compare) } : {}),
      ...(isDirect !== undefined ? { direct: isDirect } : {}),
      files: [join(pkg.path, 'package.json')],
      ...(manifest.license !== undefined
        ? {
            declaredLicense: manifest.license,
            // The statement is in the package's own package.json, not the node_modules folder.
            licenseStatements: [
              {
                value: manifest.license,
                kind: 'spdx-field',
                file: join(pkg.path, 'package.json'),
              },
            ],
          }
        : {}),
      ...(source !== undefined ? { source } : {}),
      ...(hashes.length > 0 ? { hashes } : {}),
      ...(alias !== undefined && manifest.name !== undefined
        ? { properties: { 'npm:alias': alias } }
        : {}),
      key: pkg.path,
      dependsOn,
    } satisfies PackageRecord;
  });

  let root: RootRecord | undefined;
  if (rootManifest !== undefined) {
    root = {
      ecosystem: 'npm',
      ...(rootManifest.name !== undefined ? { name: rootManifest.name } : {}),
      ...(rootManifest.version !== undefined ? { version: rootManifest.version } : {}),
      ...(rootManifest.license !== undefined ? { declaredLicense: rootManifest.license } : {}),
      dependsOn: [...new Set(rootOut.map(([to]) => to))].sort(compare),
    };
  }
  return {
    packages,
    ...(root !== undefined ? { root } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export const extractor = {
  name: 'npm/node-modules',
  ecosystem: 'npm',
  requiresNetwork: false,
  target: 'directory',
  required: isTopModulesDir,
  claimsDirectory: isTopModulesDir,
  extract,
} satisfies Extractor;
