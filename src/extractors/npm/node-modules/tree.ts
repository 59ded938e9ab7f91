/**
 * Reads an installed `node_modules` tree from disk: every package folder (nested, hoisted,
 * scoped, pnpm/bun stores reached through links, linked folders outside node_modules), each
 * keyed by its real path, plus an index of what each `node_modules` directory holds under
 * which folder name (for Node's resolution).
 *
 * Written by hand because no installed library reads a tree through the core's bounded
 * ScanFs (@npmcli/arborist would read the disk itself, and is much slower).
 */
import type { DirEntry, ScanFs } from '../../../core/fs.js';
import { readJsonObjectFile, toManifest, type Manifest } from './manifest.js';

/** Bounds on what one tree may cost. */
export interface TreeLimits {
  /** Nested `node_modules` levels (npm 2 trees nest deeply; more than this is a loop or an attack). */
  readonly maxLevels: number;
  /** Package folders in one tree. */
  readonly maxPackages: number;
  /** Bytes of one package.json (old npm copied READMEs into them; 16 MiB is far beyond any real one). */
  readonly maxManifestBytes: number;
  /** File-system calls in flight at once. */
  readonly concurrency: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = {
  maxLevels: 64,
  maxPackages: 200_000,
  maxManifestBytes: 16 * 1024 * 1024,
  concurrency: 48,
};

/** One package folder found on disk. */
export interface TreePackage {
  /** Real path of the folder, relative to the scan root. */
  readonly path: string;
  /** Folder names it is installed under (its own, and those of links to it). */
  readonly names: Set<string>;
  /** True when the real folder is not inside any node_modules (a workspace or an `npm link`). */
  readonly linked: boolean;
  /** Undefined when the folder has no (readable) package.json. */
  manifest?: Manifest;
}

/** What a tree read yields. */
export interface Tree {
  readonly packages: Map<string, TreePackage>;
  /** Real path of a `node_modules` directory → folder name → real path of the package there. */
  readonly index: Map<string, Map<string, string>>;
  readonly warnings: { message: string; path?: string; line?: number }[];
}

/** A concurrency limiter: at most `max` calls of `run` in flight, the rest queued in order. */
export function createLimiter(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(fn: () => Promise<T>): Promise<T> {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter, so `active` never overshoots.
      const next = waiting.shift();
      if (next !== undefined) next();
      else active--;
    }
  };
}

/** Number of `node_modules` segments in a path: the nesting level of a directory. */
export function modulesLevel(relPath: string): number {
  let level = 0;
  for (const segment of relPath.split('/')) if (segment === 'node_modules') level++;
  return level;
}

/**
 * The `node_modules` directory that holds the package at `pkgPath` (`x/node_modules/name` or
 * `x/node_modules/@scope/name`), or undefined when the path is not at a package position.
 */
export function containingModulesDir(pkgPath: string): string | undefined {
  const segments = pkgPath.split('/');
  const n = segments.length;
  if (n >= 2 && segments[n - 2] === 'node_modules') return segments.slice(0, n - 1).join('/');
  if (n >= 3 && segments[n - 3] === 'node_modules' && segments[n - 2]?.startsWith('@'))
    return segments.slice(0, n - 2).join('/');
  return undefined;
}

/** Virtual stores of isolated installs (`<store>/<id>/node_modules/<name>`): pnpm, bun, Deno. */
const STORES: ReadonlySet<string> = new Set(['.pnpm', '.bun', '.deno']);

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/**
 * Read the tree under `modulesDir` (a real path). `projectDir` is the folder that owns it;
 * a link back to it is not a package.
 */
export async function readTree(
  fs: ScanFs,
  modulesDir: string,
  projectDir: string,
  limits: TreeLimits = DEFAULT_TREE_LIMITS,
): Promise<Tree> {
  const limit = createLimiter(limits.concurrency);
  const packages = new Map<string, TreePackage>();
  const index = new Map<string, Map<string, string>>();
  const warnings: Tree['warnings'] = [];
  let tooMany = false;
  let tooDeep = false;

  async function scanModulesDir(dir: string): Promise<void> {
    if (index.has(dir)) return;
    if (modulesLevel(dir) > limits.maxLevels) {
      if (!tooDeep)
        warnings.push({
          message: `more than ${limits.maxLevels} nested node_modules levels; deeper ones were not read`,
          path: dir,
        });
      tooDeep = true;
      return;
    }
    // Registered before the first await, so concurrent visitors never scan it twice.
    const folders = new Map<string, string>();
    index.set(dir, folders);
    const entries = await limit(() => fs.readdir(dir));
    const tasks: Promise<void>[] = [];
    for (const entry of entries) {
      if (STORES.has(entry.name) && entry.type === 'directory' && !entry.symlink) {
        tasks.push(scanStore(join(dir, entry.name)));
        continue;
      }
      // `.bin`, `.cache`, `.package-lock.json`, `.modules.yaml`…: tool state, not packages.
      if (entry.name.startsWith('.')) continue;
      if (entry.name.startsWith('@')) {
        if (entry.type === 'directory') tasks.push(scanScope(dir, entry, folders));
        continue;
      }
      tasks.push(visitEntry(dir, entry.name, entry, join(dir, entry.name), folders));
    }
    await Promise.all(tasks);
  }

  /**
   * A virtual store: `<id>/node_modules/<name>` per package. Read whole so that a package no
   * link leads to still shows (the disk is the truth); links into it then only add names.
   * The store's own `node_modules` (pnpm's hoisted links, a quarter of all links in a big
   * tree) is not read: it holds no package of its own, and pnpm links every declared
   * dependency beside its dependent, so Node's resolution never needs it for a declared one.
   */
  async function scanStore(store: string): Promise<void> {
    const entries = await limit(() => fs.readdir(store));
    await Promise.all(
      entries
        .filter(
          (e) =>
            e.type === 'directory' &&
            !e.symlink &&
            !e.name.startsWith('.') &&
            e.name !== 'node_modules',
        )
        .map((e) => scanModulesDir(join(store, `${e.name}/node_modules`))),
    );
  }

  async function scanScope(
    dir: string,
    scope: DirEntry,
    folders: Map<string, string>,
  ): Promise<void> {
    const scopePath = join(dir, scope.name);
    // A linked scope folder: its children's real paths are under the link's target.
    const realScope = scope.symlink ? await limit(() => fs.resolve(scopePath)) : scopePath;
    if (realScope === undefined) return;
    const entries = await limit(() => fs.readdir(scopePath));
    await Promise.all(
      entries
        .filter((e) => !e.name.startsWith('.'))
        .map((e) =>
          visitEntry(dir, `${scope.name}/${e.name}`, e, join(realScope, e.name), folders),
        ),
    );
  }

  async function visitEntry(
    dir: string,
    folderName: string,
    entry: DirEntry,
    realIfPlain: string,
    folders: Map<string, string>,
  ): Promise<void> {
    const installPath = join(dir, folderName);
    let real: string;
    if (entry.symlink) {
      if (entry.type !== 'directory') {
        if (entry.type === 'other') {
          warnings.push({
            message: `${installPath}: a broken link, or one that leads outside the scanned directory; not read`,
            path: installPath,
          });
        }
        return;
      }
      const resolved = await limit(() => fs.resolve(installPath));
      if (resolved === undefined) {
        warnings.push({
          message: `${installPath}: a link that leads outside the scanned directory; not read`,
          path: installPath,
        });
        return;
      }
      real = resolved;
    } else if (entry.type === 'directory') {
      // A plain folder under a real directory: its path is already real, no realpath needed.
      real = realIfPlain;
    } else {
      return;
    }
    // A link back to the project itself (`node_modules/self -> ..`) is not a dependency.
    if (real === projectDir) return;
    folders.set(folderName, real);
    await visitPackage(real, folderName, entry.symlink);
  }

  async function visitPackage(real: string, folderName: string, viaLink: boolean): Promise<void> {
    const known = packages.get(real);
    if (known !== undefined) {
      known.names.add(folderName);
      return;
    }
    if (packages.size >= limits.maxPackages) {
      if (!tooMany)
        warnings.push({
          message: `more than ${limits.maxPackages} packages; the rest were not read`,
        });
      tooMany = true;
      return;
    }
    const linked = modulesLevel(real) === 0;
    const pkg: TreePackage = { path: real, names: new Set([folderName]), linked };
    packages.set(real, pkg);
    const tasks = [readManifest(pkg), scanModulesDir(join(real, 'node_modules'))];
    if (viaLink && !linked) {
      // A link into a store (pnpm's `.pnpm/<id>/node_modules/<name>`, bun's `.bun/…`): the
      // package's dependencies are its siblings there, so that directory is read too.
      const container = containingModulesDir(real);
      if (container !== undefined) tasks.push(scanModulesDir(container));
    }
    await Promise.all(tasks);
  }

  async function readManifest(pkg: TreePackage): Promise<void> {
    const file = join(pkg.path, 'package.json');
    const json = await readJsonObjectFile(
      () => limit(() => fs.readText(file, limits.maxManifestBytes)),
      file,
      warnings,
      { unreadable: 'package not read', malformed: 'package skipped' },
    );
    if (json !== undefined) pkg.manifest = toManifest(json);
  }

  await scanModulesDir(modulesDir);
  return { packages, index, warnings };
}
