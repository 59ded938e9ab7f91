/**
 * `pnpm-lock.yaml` (lockfile 5.x, 6.x and 9.x).
 *
 * Every entry of `packages` becomes a record, named by its dependency path (see `dep-path.ts`)
 * or, for git, tarball and `file:` entries, by its own `name`/`version` fields. Edges come from
 * each entry's `dependencies`/`optionalDependencies` (5.x/6.x) or from the `snapshots` section
 * (9.x); direct dependencies from `importers` or, in older single-project lockfiles, the
 * top-level `dependencies`/`devDependencies`/`optionalDependencies`.
 *
 * Groups: 5.x/6.x entries say `dev: true` / `optional: true`. 9.x entries say neither; the
 * information is only derivable from the importers (`deriveGroups`), and OSV-SCALIBR's
 * conformance data, which the extractor follows, reports no groups for 9.x, so by default none
 * are set.
 */
import { LineCounter, parseAllDocuments, isMap, isScalar } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type {
  ExtractResult,
  Extractor,
  PackageRecord,
  RootRecord,
} from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import type { ComponentSource } from '../../../core/types.js';
import {
  gitRepositoryUrl,
  gitSource,
  integrityToHashes,
  redactUrl,
  specSource,
} from '../shared/specs.js';
import { parseLegacyPath, parseV9Path, refToPath, stripSuffix, styleOf } from './dep-path.js';
import type { ParsedPath, PathStyle } from './dep-path.js';
import { deriveGroups } from './groups.js';
import type { Roots } from './groups.js';

type Warning = NonNullable<ExtractResult['warnings']>[number];

/** A parsed YAML mapping with string keys (the failsafe schema keeps every scalar a string). */
type YMap = YAMLMap<unknown, unknown>;

interface Context {
  readonly lines: LineCounter;
  readonly style: PathStyle;
  readonly warnings: Warning[];
}

const DEP_SECTIONS = ['dependencies', 'optionalDependencies'] as const;
const IMPORTER_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** The extractor. */
export const extractor = {
  name: 'npm/pnpm-lock',
  ecosystem: 'npm',
  requiresNetwork: false,
  target: 'file',
  required: (entry) => entry.base === 'pnpm-lock.yaml',
  async extract({ entry, fs }) {
    return parsePnpmLock(await fs.readText(entry.path));
  },
} satisfies Extractor;

/** Options of `parsePnpmLock`. */
export interface PnpmLockOptions {
  /**
   * 9.x: derive `dev`/`optional` from the importers and the snapshot graph (5.x/6.x state them
   * per package). Off in the extractor, to agree with OSV-SCALIBR's conformance data.
   */
  readonly deriveGroups?: boolean;
}

/** Parse the text of a `pnpm-lock.yaml`. Throws `InputError` when it is not a pnpm lockfile. */
export function parsePnpmLock(text: string, options: PnpmLockOptions = {}): ExtractResult {
  const lines = new LineCounter();
  const top = mainDocument(text, lines);
  if (top === undefined) return { packages: [] };

  const style = styleOf(lockfileVersion(top, lines));
  const ctx: Context = { lines, style, warnings: [] };
  const packages = entries(top.get('packages', true), 'packages', ctx);

  const records = new Map<string, Draft>();
  for (const pair of packages) {
    const draft = readPackage(pair, ctx);
    if (draft === undefined) continue;
    if (records.has(draft.key)) {
      throw new InputError(`packages lists ${show(draft.key)} twice`, lineOpt(draft.record.line));
    }
    records.set(draft.key, draft);
  }

  if (style === 'v9') {
    // Edges live in `snapshots`, keyed by the dependency path with its peer suffix; several
    // snapshots (one per peer combination) can share one `packages` entry.
    for (const pair of entries(top.get('snapshots', true), 'snapshots', ctx)) {
      const key = stripSuffix(keyOf(pair, ctx));
      const draft = records.get(key);
      if (draft !== undefined) addEdges(draft, pair.value, ctx);
    }
  } else {
    for (const draft of records.values()) addEdges(draft, draft.node, ctx);
  }

  const { rootDeps, directKeys, hasImporters, roots } = readDirect(top, records, ctx);
  const derived =
    style === 'v9'
      ? deriveGroups(roots, new Map([...records].map(([k, d]) => [k, d.edges])))
      : undefined;
  const out: PackageRecord[] = [];
  for (const draft of records.values()) {
    const derivedGroups = derived?.get(draft.key) ?? [];
    // pnpm 9 records dev/optional only on the importers: what only dev (or optional) edges
    // reach has that scope, though the lockfile puts it in no group. With
    // `groups: true` the derived groups are also reported as groups.
    const groups = options.deriveGroups === true ? derivedGroups : [];
    const scope = derivedGroups.includes('dev')
      ? 'dev'
      : derivedGroups.includes('optional')
        ? 'optional'
        : undefined;
    out.push({
      ...draft.record,
      ...(groups.length > 0 ? { groups } : {}),
      ...(scope !== undefined ? { scope } : {}),
      direct: directKeys.has(draft.key),
      ...(draft.edges.required.size + draft.edges.optional.size > 0
        ? { dependsOn: [...new Set([...draft.edges.required, ...draft.edges.optional])].sort() }
        : {}),
    });
  }
  const root: RootRecord | undefined = hasImporters
    ? { ecosystem: 'npm', dependsOn: rootDeps }
    : undefined;
  return {
    packages: out,
    ...(root !== undefined ? { root } : {}),
    ...(ctx.warnings.length > 0 ? { warnings: ctx.warnings } : {}),
  };
}

/**
 * The lockfile's document. pnpm 10 may put an "env lockfile" (config dependencies, the
 * package manager itself) in a first YAML document and the project's lockfile in the second,
 * so the last document is the one describing the project. Undefined when the file is empty.
 */
function mainDocument(text: string, lines: LineCounter): YMap | undefined {
  let docs: Document.Parsed[];
  try {
    // The failsafe schema keeps every scalar a string (`version: 1.10` must not become 1.1).
    // `uniqueKeys` is off because the library checks it in quadratic time (seconds on a
    // 1 MB lockfile); duplicate `packages` keys are caught with a Map in `parsePnpmLock`.
    // `prettyErrors` off: the library's excerpt for each error is quadratic over a long line
    // of errors; the line is counted apart.
    docs = parseAllDocuments(text, {
      schema: 'failsafe',
      lineCounter: lines,
      uniqueKeys: false,
      prettyErrors: false,
    }) as Document.Parsed[];
  } catch (error) {
    // The YAML composer recurses on nesting; a hostile file can exhaust the stack.
    if (error instanceof RangeError)
      throw new InputError('YAML nesting is too deep to read', { cause: error });
    throw error;
  }
  for (const doc of docs) {
    const first = doc.errors[0];
    if (first !== undefined) {
      const line = lines.linePos(first.pos[0]).line;
      // The library appends " at line L, column C:" and a code excerpt; the line is reported apart.
      const message = (first.message.split('\n')[0] ?? first.code).replace(
        / at line \d+, column \d+:?$/,
        '',
      );
      throw new InputError(`not valid YAML: ${message}`, lineOpt(line));
    }
  }
  const doc = docs.at(-1);
  if (doc === undefined || doc.contents === null) return undefined;
  const contents: unknown = doc.contents;
  if (!isMap(contents)) {
    throw new InputError(
      'expected a mapping of lockfile fields (lockfileVersion, packages, …) at the top level',
      {
        line: lineOf(contents as YamlNode, lines) ?? 1,
      },
    );
  }
  return contents;
}

/**
 * The `lockfileVersion` as a number. When it is missing the key format decides (9.x lockfiles
 * always have `snapshots`; 6.x keys are `/name@version`).
 */
function lockfileVersion(top: YMap, lines: LineCounter): number {
  const node = top.get('lockfileVersion', true);
  if (node === undefined) {
    if (top.has('snapshots')) return 9;
    const packages = top.get('packages', true);
    if (isMap(packages)) {
      for (const pair of packages.items) {
        const key = scalarString(pair.key);
        if (key !== undefined && /^\/(?:@[^/]+\/)?[^/@]+@/.test(key)) return 6;
      }
    }
    return 5;
  }
  const text = scalarString(node);
  const version = text === undefined ? Number.NaN : Number.parseFloat(text);
  if (!Number.isFinite(version)) {
    throw new InputError(`lockfileVersion should be a number such as 5.4, '6.0' or '9.0'`, {
      line: lineOf(node, lines) ?? 1,
    });
  }
  return version;
}

/** A record being built, with the YAML node it came from. */
interface Draft {
  readonly key: string;
  readonly record: PackageRecord;
  readonly node: unknown;
  /** Keys of `dependencies` and of `optionalDependencies`. */
  readonly edges: { readonly required: Set<string>; readonly optional: Set<string> };
}

/** One `packages` entry → a record, or undefined (with a warning) when it names no package. */
function readPackage(pair: Pair<unknown, unknown>, ctx: Context): Draft | undefined {
  const key = keyOf(pair, ctx);
  const line = lineOf(pair.key as YamlNode, ctx.lines);
  const fields = fieldsOf(pair.value, `packages[${show(key)}]`, ctx);

  let parsed: ParsedPath | undefined;
  if (ctx.style === 'v9') {
    parsed = parseV9Path(key);
    // pnpm 10 lists runtimes (`node@runtime:22.0.0`): not npm packages.
    if (parsed?.specifier?.startsWith('runtime:') === true) return undefined;
  } else {
    parsed = parseLegacyPath(key);
  }
  if (parsed === undefined) {
    throw new InputError(
      `invalid dependency path ${show(key)} in packages (expected ${expectedPath(ctx.style)})`,
      lineOpt(line),
    );
  }

  // `name` and `version` are written only when the path does not encode them (git, tarball
  // and `file:` dependencies) and take priority over what the path suggests.
  const name = str(fields, 'name') ?? parsed.name;
  const version = str(fields, 'version') ?? parsed.version;
  if (name === undefined || name === '' || version === undefined || version === '') {
    ctx.warnings.push({
      message: `packages[${show(key)}]: no package name and version could be read from it; ignored`,
      ...lineOpt(line),
    });
    return undefined;
  }

  const resolution = fieldsOf(
    fields?.get('resolution', true),
    `packages[${show(key)}].resolution`,
    ctx,
  );
  const source = sourceOf(resolution, key, parsed);
  const hashes = integrityToHashes(str(resolution, 'integrity'));
  const groups: string[] = [];
  if (str(fields, 'dev') === 'true') groups.push('dev');
  if (str(fields, 'optional') === 'true') groups.push('optional');

  const record: PackageRecord = {
    ecosystem: 'npm',
    name,
    version,
    key,
    ...(line !== undefined ? { line } : {}),
    ...(groups.length > 0 ? { groups } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(hashes.length > 0 ? { hashes } : {}),
  };
  return { key, record, node: pair.value, edges: { required: new Set(), optional: new Set() } };
}

function expectedPath(style: PathStyle): string {
  if (style === 'v9') return 'name@version';
  if (style === 'v6') return '/name@version';
  return '/name/version';
}

/**
 * Where a package comes from, from its `resolution` (`{integrity}` for the registry,
 * `{tarball}`, `{repo, commit, type: git}`, `{directory, type: directory}`) and its path.
 * Git repositories are spelled the way the other npm extractors spell them (`npm/shared`), so
 * one git dependency found in several lockfiles stays one component.
 */
function sourceOf(
  resolution: YMap | undefined,
  key: string,
  parsed: ParsedPath,
): ComponentSource | undefined {
  const tarball = str(resolution, 'tarball');
  const repo = str(resolution, 'repo');
  const commit = str(resolution, 'commit');
  const type = str(resolution, 'type');
  const directory = str(resolution, 'directory');
  if (type === 'git' || (repo !== undefined && commit !== undefined)) {
    return {
      type: 'git',
      ...(repo !== undefined ? { url: gitRepositoryUrl(repo) } : {}),
      ...(commit !== undefined ? { commit } : {}),
    };
  }
  if (type === 'directory' || directory !== undefined)
    return { type: 'directory', url: directory ?? key.replace(/^[^:]*file:/, '') };
  if (tarball !== undefined) {
    // GitHub tarballs of one commit (`codeload.github.com/…/tar.gz/<commit>`) are git sources.
    const git = gitSource(tarball);
    if (git !== undefined) return git;
    if (tarball.startsWith('file:')) return specSource(tarball);
    // Registry packages may record their tarball URL too; only a path that does not encode a
    // registry version marks a tarball dependency.
    if (parsed.version === undefined) return { type: 'url', url: redactUrl(tarball) };
    return undefined;
  }
  // 9.x keys spell non-registry packages out (`name@file:…`, `name@git+https://…#<commit>`);
  // the key is what pnpm resolved, so a `#fragment` there is the pinned commit.
  const specifier = parsed.specifier ?? (key.startsWith('file:') ? key : undefined);
  return specifier === undefined ? undefined : specSource(specifier, specifier);
}

/** Add the edges named by `dependencies`/`optionalDependencies` of a package or snapshot. */
function addEdges(draft: Draft, node: unknown, ctx: Context): void {
  const fields = fieldsOf(node, `packages[${show(draft.key)}]`, ctx);
  if (fields === undefined) return;
  for (const section of DEP_SECTIONS) {
    const into = section === 'optionalDependencies' ? draft.edges.optional : draft.edges.required;
    for (const pair of entries(fields.get(section, true), section, ctx)) {
      const target = dependencyKey(keyOf(pair, ctx), pair.value, ctx.style);
      if (target !== undefined && target !== draft.key) into.add(target);
    }
  }
}

/** The `packages` key a dependency reference leads to (peer suffix dropped in 9.x). */
function dependencyKey(name: string, value: unknown, style: PathStyle): string | undefined {
  // 5.x writes `name: ref`; 6.x/9.x importers write `name: {specifier, version: ref}`.
  const ref = isMap(value) ? scalarString(value.get('version', true)) : scalarString(value);
  if (ref === undefined || ref === '') return undefined;
  const path = refToPath(ref, name, style);
  if (path === undefined) return undefined;
  return style === 'v9' ? stripSuffix(path) : path;
}

/**
 * Direct dependencies: every importer's (the project and its workspace packages) and, for the
 * root record, those of the project itself (`importers['.']` or the top-level sections).
 */
function readDirect(
  top: YMap,
  records: ReadonlyMap<string, Draft>,
  ctx: Context,
): { rootDeps: string[]; directKeys: Set<string>; hasImporters: boolean; roots: Roots } {
  const importers: { path: string; node: YMap }[] = [];
  const importersNode = top.get('importers', true);
  if (importersNode !== undefined) {
    for (const pair of entries(importersNode, 'importers', ctx)) {
      const node = fieldsOf(pair.value, `importers[${show(keyOf(pair, ctx))}]`, ctx);
      if (node !== undefined) importers.push({ path: keyOf(pair, ctx), node });
    }
  } else if (IMPORTER_SECTIONS.some((s) => top.has(s))) {
    importers.push({ path: '.', node: top });
  }

  const directKeys = new Set<string>();
  const rootDeps = new Set<string>();
  const roots = { prod: new Set<string>(), optional: new Set<string>(), dev: new Set<string>() };
  const bySection = {
    dependencies: roots.prod,
    optionalDependencies: roots.optional,
    devDependencies: roots.dev,
  };
  for (const importer of importers) {
    for (const section of IMPORTER_SECTIONS) {
      for (const pair of entries(importer.node.get(section, true), section, ctx)) {
        const key = resolveKey(dependencyKey(keyOf(pair, ctx), pair.value, ctx.style), records);
        if (key === undefined) continue;
        directKeys.add(key);
        bySection[section].add(key);
        if (importer.path === '.') rootDeps.add(key);
      }
    }
  }
  return {
    rootDeps: [...rootDeps].sort(),
    directKeys,
    hasImporters: importers.length > 0,
    roots,
  };
}

/** A dependency path as `packages` spells it (`file:./x` is written `file:x` there). */
function resolveKey(
  path: string | undefined,
  records: ReadonlyMap<string, Draft>,
): string | undefined {
  if (path === undefined) return undefined;
  if (records.has(path)) return path;
  const normalised = path.replace(/^((?:[^@]+@)?file:)\.\//, '$1');
  return records.has(normalised) ? normalised : undefined;
}

// ---------------------------------------------------------------------------------------------
// YAML access helpers (the document is walked, not converted, so that keys keep their lines).

/** The pairs of a mapping; an empty value (`packages:`) is an empty mapping. */
function entries(node: unknown, what: string, ctx: Context): readonly Pair<unknown, unknown>[] {
  if (node === undefined || node === null) return [];
  if (isMap(node)) return node.items;
  if (isScalar(node) && (node.value === '' || node.value === null)) return [];
  throw new InputError(`${what} should be a mapping`, lineOpt(lineOf(node as YamlNode, ctx.lines)));
}

/** A mapping of fields, or undefined for an empty value (`/foo/1.0.0:` with nothing under it). */
function fieldsOf(node: unknown, what: string, ctx: Context): YMap | undefined {
  if (node === undefined || node === null) return undefined;
  if (isMap(node)) return node;
  if (isScalar(node) && (node.value === '' || node.value === null)) return undefined;
  throw new InputError(`${what} should be a mapping`, lineOpt(lineOf(node as YamlNode, ctx.lines)));
}

function keyOf(pair: Pair<unknown, unknown>, ctx: Context): string {
  const key = scalarString(pair.key);
  if (key === undefined)
    throw new InputError(
      'expected a plain string key',
      lineOpt(lineOf(pair.key as YamlNode, ctx.lines)),
    );
  return key;
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function str(map: YMap | undefined, key: string): string | undefined {
  if (map === undefined) return undefined;
  const value = scalarString(map.get(key, true));
  return value === '' ? undefined : value;
}

function lineOf(node: YamlNode | null | undefined, lines: LineCounter): number | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

function lineOpt(line: number | undefined): { line?: number } {
  return line !== undefined ? { line } : {};
}

/** A key for a message: quoted, escaped onto one line, and cut short when very long. */
function show(key: string): string {
  return JSON.stringify(key.length > 120 ? `${key.slice(0, 117)}...` : key);
}
