/**
 * Cargo.lock (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html): every
 * crate of a Rust build, with its source, checksum and dependency edges.
 *
 * - `[[package]]` → one record per crate (`name`, `version`, `checksum` → sha256). Crates
 *   without `source` are local (workspace members, path dependencies): they are reported,
 *   as OSV-SCALIBR does, with source `directory`, except the project's own crate when a
 *   sibling Cargo.toml names it: that one becomes the `root` (the lockfile alone cannot
 *   tell which local crate is the project).
 * - `source`: crates.io (git or sparse index) is the default registry; `git+URL?ref#commit`
 *   → git source with the commit; another registry keeps its index URL in the
 *   `cargo:registry` property (the core drops `registry` sources from components).
 * - `dependencies` entries are `name`, `name version` or `name version (source)` (the
 *   longer forms only where the name alone is ambiguous); they become edges to `key`s.
 * - Lockfile v1 kept checksums in `[metadata]` as `"checksum name version (source)"`; read too.
 * - Direct: a crate some local crate depends on; transitive otherwise (undefined when the
 *   file has no local crate to tell from).
 */
import { parse, TomlError } from 'smol-toml';
import type {
  ExtractResult,
  Extractor,
  PackageRecord,
  RootRecord,
} from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import { joinRel } from '../../../core/fs.js';
import type { ComponentSource, Hash } from '../../../core/types.js';

/** The crates.io index, in the forms Cargo writes it. */
const CRATES_IO_SOURCES: ReadonlySet<string> = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
]);

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_WARNINGS = 50;

type Warning = { message: string; line?: number; path?: string };

/** One `[[package]]` as read, before keys and edges are settled. */
interface LockPackage {
  readonly name: string;
  readonly version: string;
  readonly source: string | undefined;
  readonly checksum: string | undefined;
  readonly dependencies: readonly string[];
  readonly line: number | undefined;
}

/** What the sibling Cargo.toml says about the project, when there is one. */
export interface CargoManifest {
  /** `[package] name`, when the manifest is a crate (not a virtual workspace). */
  readonly packageName?: string;
  readonly packageVersion?: string;
  /** The manifest has a `[workspace]` table. */
  readonly workspace: boolean;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/**
 * Line of the `name =` key of each `[[package]]` table, in order. smol-toml keeps no
 * positions, so this is a linear scan of the text: Cargo writes one key per line and never
 * puts a table header inside a value.
 */
export function packageNameLines(text: string): number[] {
  const lines = text.split('\n');
  const result: number[] = [];
  let inPackage = false;
  let found = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('[')) {
      if (inPackage && !found) result.push(-1);
      inPackage = /^\[\[\s*package\s*\]\]\s*(?:#.*)?$/.test(line);
      found = !inPackage;
      continue;
    }
    if (inPackage && !found && /^(?:name|"name"|'name')\s*=/.test(line)) {
      result.push(i + 1);
      found = true;
    }
  }
  if (inPackage && !found) result.push(-1);
  return result;
}

/** Where a crate comes from, per its `source` string. */
function classifySource(source: string | undefined): {
  source?: ComponentSource;
  properties?: Record<string, string>;
  unknown?: boolean;
} {
  if (source === undefined) return { source: { type: 'directory' } };
  if (CRATES_IO_SOURCES.has(source)) return {};
  if (source.startsWith('registry+') || source.startsWith('sparse+')) {
    return {
      source: { type: 'registry', url: source.slice(source.indexOf('+') + 1) },
      properties: { 'cargo:registry': source },
    };
  }
  if (source.startsWith('git+')) {
    // git+https://host/repo?branch=main#<commit>: the query names what was asked for, the
    // fragment the commit it resolved to.
    const hash = source.indexOf('#');
    const commit = hash === -1 ? undefined : source.slice(hash + 1);
    const withoutCommit = hash === -1 ? source : source.slice(0, hash);
    const query = withoutCommit.indexOf('?');
    const url = query === -1 ? withoutCommit : withoutCommit.slice(0, query);
    const reference = query === -1 ? undefined : withoutCommit.slice(query + 1);
    return {
      source: { type: 'git', url, ...(commit ? { commit } : {}) },
      ...(reference ? { properties: { 'cargo:git-reference': reference } } : {}),
    };
  }
  if (source.startsWith('path+'))
    return { source: { type: 'directory', url: source.slice('path+'.length) } };
  return { properties: { 'cargo:source': source }, unknown: true };
}

function readPackages(
  document: Record<string, unknown>,
  nameLines: readonly number[],
): LockPackage[] {
  const raw = document['package'];
  if (raw === undefined) return [];
  if (!Array.isArray(raw))
    throw new InputError('expected `package` to be an array of [[package]] tables');
  const lines = nameLines.length === raw.length ? nameLines : [];
  return raw.map((entry: unknown, index): LockPackage => {
    const lineNumber = lines[index];
    const line = lineNumber !== undefined && lineNumber > 0 ? lineNumber : undefined;
    const where = `[[package]] #${index + 1}`;
    const at = line !== undefined ? { line } : {};
    if (!isTable(entry)) throw new InputError(`${where}: expected a table`, at);
    const { name, version, source, checksum, dependencies } = entry;
    if (typeof name !== 'string' || name === '')
      throw new InputError(`${where}: expected name = "<crate name>"`, at);
    if (typeof version !== 'string' || version === '')
      throw new InputError(`${where} (${name}): expected version = "<version>"`, at);
    if (source !== undefined && typeof source !== 'string')
      throw new InputError(`${where} (${name}): expected source to be a string`, at);
    if (checksum !== undefined && typeof checksum !== 'string')
      throw new InputError(`${where} (${name}): expected checksum to be a string`, at);
    if (
      dependencies !== undefined &&
      (!Array.isArray(dependencies) || !dependencies.every((d) => typeof d === 'string'))
    ) {
      throw new InputError(
        `${where} (${name}): expected dependencies to be an array of strings`,
        at,
      );
    }
    return { name, version, source, checksum, dependencies: dependencies ?? [], line };
  });
}

/** Lockfile v1 `[metadata]` checksums, by `name version (source)`. */
function metadataChecksums(document: Record<string, unknown>): Map<string, string> {
  const checksums = new Map<string, string>();
  const metadata = document['metadata'];
  if (!isTable(metadata)) return checksums;
  for (const [key, value] of Object.entries(metadata)) {
    if (key.startsWith('checksum ') && typeof value === 'string')
      checksums.set(key.slice('checksum '.length), value);
  }
  return checksums;
}

/** A dependency string: `name`, `name version` or `name version (source)`. */
function parseDependency(
  spec: string,
): { name: string; version?: string; source?: string } | undefined {
  const m = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(spec.trim());
  if (m === null) return undefined;
  const [, name, version, source] = m;
  return {
    name: name!,
    ...(version !== undefined ? { version } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}

/**
 * Turn a parsed Cargo.lock into records. `manifest` is the sibling Cargo.toml, used only to
 * tell which local crate is the project itself. Pure: no file access.
 */
export function cargoLockRecords(text: string, manifest?: CargoManifest): ExtractResult {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      throw new InputError(`not valid TOML: ${error.message.split('\n')[0] ?? ''}`, {
        line: error.line,
        cause: error,
      });
    }
    throw error;
  }
  const packages = readPackages(document, packageNameLines(text));
  const checksums = metadataChecksums(document);
  const warnings: Warning[] = [];

  // Keys are `name@version`, unless two crates share both (a crates.io crate and its git
  // fork at the same version): then the source tells them apart.
  const idCount = new Map<string, number>();
  for (const p of packages)
    idCount.set(`${p.name}@${p.version}`, (idCount.get(`${p.name}@${p.version}`) ?? 0) + 1);
  const keyOf = (p: LockPackage): string =>
    (idCount.get(`${p.name}@${p.version}`) ?? 0) > 1
      ? `${p.name}@${p.version} (${p.source ?? 'local'})`
      : `${p.name}@${p.version}`;
  const byName = new Map<string, LockPackage[]>();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);

  function resolve(owner: LockPackage, spec: string): string | undefined {
    const dep = parseDependency(spec);
    const candidates = (byName.get(dep?.name ?? '') ?? []).filter(
      (p) =>
        (dep?.version === undefined || p.version === dep.version) &&
        (dep?.source === undefined || p.source === dep.source),
    );
    if (candidates.length === 1) return keyOf(candidates[0]!);
    // A crate missing from the file only loses an edge, which changes nothing in the
    // inventory (trimmed lockfiles, as in test suites, do this): no warning for it. A spec
    // that is malformed or ambiguous is something Cargo never writes, so that is reported.
    if (dep !== undefined && candidates.length === 0) return undefined;
    const problem =
      dep === undefined
        ? 'is not `name [version [(source)]]`'
        : 'matches several [[package]] tables';
    warnings.push({
      message: `${owner.name} ${owner.version}: dependency ${JSON.stringify(spec)} ${problem}; edge not recorded`,
      ...(owner.line !== undefined ? { line: owner.line } : {}),
    });
    return undefined;
  }

  const locals = packages.filter((p) => p.source === undefined);
  let rootPackage: LockPackage | undefined;
  if (manifest?.packageName !== undefined) {
    const named = locals.filter((p) => p.name === manifest.packageName);
    rootPackage = named.find((p) => p.version === manifest.packageVersion) ?? named[0];
  }

  const edges = new Map<LockPackage, string[]>();
  for (const p of packages) {
    const keys = p.dependencies
      .map((d) => resolve(p, d))
      .filter((k): k is string => k !== undefined);
    edges.set(p, [...new Set(keys)]);
  }
  const namedByLocal = new Set(locals.flatMap((p) => edges.get(p) ?? []));

  const records: PackageRecord[] = [];
  for (const p of packages) {
    if (p === rootPackage) continue;
    const key = keyOf(p);
    const { source, properties, unknown } = classifySource(p.source);
    if (unknown)
      warnings.push({
        message: `${p.name} ${p.version}: unrecognised source ${JSON.stringify(p.source)}`,
        ...(p.line !== undefined ? { line: p.line } : {}),
      });
    const checksum =
      p.checksum ??
      checksums.get(`${p.name} ${p.version}${p.source !== undefined ? ` (${p.source})` : ''}`);
    const hashes: Hash[] = [];
    if (checksum !== undefined && checksum !== '<none>') {
      if (/^[0-9a-fA-F]{64}$/.test(checksum))
        hashes.push({ alg: 'sha256', value: checksum.toLowerCase() });
      else
        warnings.push({
          message: `${p.name} ${p.version}: checksum is not a SHA-256 hex digest`,
          ...(p.line !== undefined ? { line: p.line } : {}),
        });
    }
    const direct =
      locals.length === 0 ? undefined : p.source === undefined || namedByLocal.has(key);
    const dependsOn = edges.get(p) ?? [];
    records.push({
      ecosystem: 'crates.io',
      name: p.name,
      version: p.version,
      ...(direct !== undefined ? { direct } : {}),
      ...(p.line !== undefined ? { line: p.line } : {}),
      ...(source !== undefined ? { source } : {}),
      ...(hashes.length > 0 ? { hashes } : {}),
      ...(properties !== undefined ? { properties } : {}),
      key,
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    });
  }

  let root: RootRecord | undefined;
  if (rootPackage !== undefined) {
    root = {
      ecosystem: 'crates.io',
      name: rootPackage.name,
      version: rootPackage.version,
      dependsOn: edges.get(rootPackage) ?? [],
    };
  } else if (
    manifest?.workspace === true &&
    manifest.packageName === undefined &&
    locals.length > 0
  ) {
    // A virtual workspace: the project is its member crates.
    root = { ecosystem: 'crates.io', dependsOn: locals.map(keyOf) };
  }

  const shown = warnings.slice(0, MAX_WARNINGS);
  if (warnings.length > MAX_WARNINGS)
    shown.push({ message: `${warnings.length - MAX_WARNINGS} more problems not shown` });
  return {
    packages: records,
    ...(root !== undefined ? { root } : {}),
    ...(shown.length > 0 ? { warnings: shown } : {}),
  };
}

/** Read what matters of a Cargo.toml (throws on invalid TOML). */
export function readCargoManifest(text: string): CargoManifest {
  const document = parse(text) as Record<string, unknown>;
  const pkg = document['package'];
  const name = isTable(pkg) && typeof pkg['name'] === 'string' ? pkg['name'] : undefined;
  const version = isTable(pkg) && typeof pkg['version'] === 'string' ? pkg['version'] : undefined;
  return {
    ...(name !== undefined ? { packageName: name } : {}),
    ...(version !== undefined ? { packageVersion: version } : {}),
    workspace: isTable(document['workspace']),
  };
}

export const extractor = {
  name: 'rust/cargo-lock',
  ecosystem: 'crates.io',
  requiresNetwork: false,
  target: 'file',
  required(entry) {
    return entry.base === 'Cargo.lock';
  },
  async extract({ entry, fs, allPaths }) {
    const text = await fs.readText(entry.path);
    const manifestPath = joinRel(entry.path, '..', 'Cargo.toml');
    let manifest: CargoManifest | undefined;
    let manifestWarning: Warning | undefined;
    if (allPaths.has(manifestPath)) {
      try {
        manifest = readCargoManifest(await fs.readText(manifestPath, MAX_MANIFEST_BYTES));
      } catch (error) {
        // Without the manifest every local crate is reported; the lockfile is still good.
        const line =
          error instanceof TomlError
            ? error.line
            : error instanceof InputError
              ? error.line
              : undefined;
        manifestWarning = {
          message: `Cargo.toml not read, so the project's own crate is not told apart: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`,
          path: manifestPath,
          ...(line !== undefined ? { line } : {}),
        };
      }
    }
    const result = cargoLockRecords(text, manifest);
    if (manifestWarning === undefined) return result;
    return { ...result, warnings: [manifestWarning, ...(result.warnings ?? [])] };
  },
} satisfies Extractor;
