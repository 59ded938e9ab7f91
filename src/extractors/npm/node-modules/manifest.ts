/**
 * The few package.json and hidden-lockfile fields the installed-tree extractor needs,
 * normalised from untrusted JSON (any field may be missing or of the wrong type).
 */
import { InputError } from '../../../core/errors.js';
import type { ComponentSource, Hash } from '../../../core/types.js';
import { jsonSyntaxError } from '../../shared/text.js';
import { extractCommit, gitRepositoryUrl, integrityToHashes, specSource } from '../shared/specs.js';

/** One kind of dependency edge a manifest declares. */
export type EdgeType = 'prod' | 'optional' | 'peer' | 'peerOptional' | 'dev';

/** What the extractor keeps of one package.json. */
export interface Manifest {
  readonly name: string | undefined;
  readonly version: string | undefined;
  readonly license: string | undefined;
  /** Dependency names (folder names under node_modules) with the kind of edge. */
  readonly edges: readonly (readonly [name: string, type: EdgeType])[];
  /** `bundleDependencies`: the names, or `true` for all of dependencies + optionalDependencies. */
  readonly bundled: readonly string[];
  /** Root only: `workspaces` globs (array or `{packages}`). */
  readonly workspaces: readonly string[];
  /** Fields old npm (≤ 6) wrote into installed package.json files. */
  readonly legacyResolved: string | undefined;
  readonly legacyFrom: string | undefined;
  readonly legacyIntegrity: string | undefined;
  readonly legacyShasum: string | undefined;
  readonly legacyInBundle: boolean;
}

/** An entry of `node_modules/.package-lock.json` (npm ≥ 7's hidden lockfile). */
export interface LockEntry {
  readonly version: string | undefined;
  readonly resolved: string | undefined;
  readonly integrity: string | undefined;
  readonly dev: boolean;
  readonly optional: boolean;
  readonly devOptional: boolean;
  readonly inBundle: boolean;
  readonly link: boolean;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v !== '')
    : [];
}

function keys(value: unknown): string[] {
  return isObject(value) ? Object.keys(value).filter((k) => k !== '') : [];
}

/** Parse JSON that must be an object; the error says what was expected and the line when known. */
export function parseJsonObject(text: string): { value?: Json; error?: string; line?: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const line = jsonSyntaxError(text)?.line;
    const reason =
      (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'syntax error';
    return { error: `not valid JSON (${reason})`, ...(line !== undefined ? { line } : {}) };
  }
  if (!isObject(value)) return { error: 'expected a JSON object' };
  return { value };
}

/** What a warning about an optional JSON file says became of it. */
export interface JsonFileFate {
  /** Ends the warning when the file could not be read (that error already names the file). */
  readonly unreadable?: string;
  /** Ends the warning when the file is not a JSON object. */
  readonly malformed: string;
}

/**
 * Read an optional JSON object file (`read` reads it, within whatever limits the caller sets).
 * A missing file is undefined, silently: a folder without package.json, a tree without a
 * hidden lockfile are common. A file that cannot be read or is not a JSON object is undefined
 * with a warning ending in what became of it (`fate`).
 */
export async function readJsonObjectFile(
  read: () => Promise<string>,
  file: string,
  warnings: { message: string; path?: string; line?: number }[],
  fate: JsonFileFate,
): Promise<Json | undefined> {
  let text: string;
  try {
    text = await read();
  } catch (error) {
    if (error instanceof InputError && error.code === 'OPENVET_E_NOT_FOUND') return undefined;
    // ScanFs errors already name the file; raw Node errors (EACCES…) name the absolute path.
    const reason =
      error instanceof InputError
        ? error.message
        : `${file}: ${error instanceof Error ? error.message : String(error)}`;
    warnings.push({
      message: fate.unreadable !== undefined ? `${reason}; ${fate.unreadable}` : reason,
      path: file,
    });
    return undefined;
  }
  const parsed = parseJsonObject(text);
  if (parsed.value === undefined) {
    warnings.push({
      message: `${file}: ${parsed.error ?? 'unreadable'}${parsed.line !== undefined ? ` at line ${parsed.line}` : ''}; ${fate.malformed}`,
      path: file,
      ...(parsed.line !== undefined ? { line: parsed.line } : {}),
    });
  }
  return parsed.value;
}

/** The declared licence: `license` (string or legacy `{type}`), or a legacy `licenses` array joined with OR. */
export function declaredLicense(json: Json): string | undefined {
  const license = json.license;
  if (typeof license === 'string') return str(license);
  if (isObject(license)) return str(license.type);
  if (Array.isArray(json.licenses)) {
    const parts = json.licenses
      .map((l) => (typeof l === 'string' ? str(l) : isObject(l) ? str(l.type) : undefined))
      .filter((l) => l !== undefined);
    if (parts.length === 1) return parts[0];
    if (parts.length > 1) return parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' OR ');
  }
  return undefined;
}

/** Normalise a parsed package.json. */
export function toManifest(json: Json): Manifest {
  const edges: [string, EdgeType][] = [];
  const seen = new Set<string>();
  const add = (names: string[], type: EdgeType): void => {
    for (const name of names) {
      // npm gives a name in both dependencies and optionalDependencies the optional meaning;
      // otherwise the first kind listed wins.
      if (seen.has(name)) continue;
      seen.add(name);
      edges.push([name, type]);
    }
  };
  const optional = keys(json.optionalDependencies);
  add(optional, 'optional');
  add(keys(json.dependencies), 'prod');
  const peerMeta = isObject(json.peerDependenciesMeta) ? json.peerDependenciesMeta : {};
  for (const name of keys(json.peerDependencies)) {
    const meta = peerMeta[name];
    add([name], isObject(meta) && meta.optional === true ? 'peerOptional' : 'peer');
  }
  add(keys(json.devDependencies), 'dev');

  const bundleField = json.bundleDependencies ?? json.bundledDependencies;
  const bundled =
    bundleField === true
      ? [...keys(json.dependencies), ...optional]
      : Array.isArray(bundleField)
        ? strings(bundleField)
        : keys(bundleField);

  const ws = json.workspaces;
  const workspaces = Array.isArray(ws) ? strings(ws) : isObject(ws) ? strings(ws.packages) : [];

  return {
    name: str(json.name),
    version: str(json.version),
    license: declaredLicense(json),
    edges,
    bundled,
    workspaces,
    legacyResolved: str(json._resolved),
    legacyFrom: str(json._from),
    legacyIntegrity: str(json._integrity),
    legacyShasum: str(json._shasum),
    legacyInBundle: json._inBundle === true,
  };
}

/** The `packages` map of a hidden lockfile, keyed by path relative to the project directory. */
export function lockEntries(json: Json): Map<string, LockEntry> {
  const entries = new Map<string, LockEntry>();
  const packages = json.packages;
  if (!isObject(packages)) return entries;
  for (const [key, value] of Object.entries(packages)) {
    if (!isObject(value)) continue;
    entries.set(key, {
      version: str(value.version),
      resolved: str(value.resolved),
      integrity: str(value.integrity),
      dev: value.dev === true,
      optional: value.optional === true,
      devOptional: value.devOptional === true,
      inBundle: value.inBundle === true,
      link: value.link === true,
    });
  }
  return entries;
}

/**
 * Where a package came from, given npm's `resolved` (or old npm's `_resolved` / `_from`),
 * classified exactly as the npm/package-lock extractor does (shared helpers), so that the
 * lockfile's record and the installed folder's become one component: git (canonical
 * repository URL + commit), `file:` tarball or folder; undefined for registry and other
 * http tarballs.
 */
export function sourceOf(spec: string | undefined): ComponentSource | undefined {
  if (spec === undefined) return undefined;
  // `_from` of old npm is `name@spec`; the part after the name's `@` is the spec.
  const bare = /^(?:@[^/@]+\/)?[^/@:]+@(?=[a-z+]+:)/i.test(spec)
    ? spec.replace(/^(?:@[^/@]+\/)?[^/@:]+@/, '')
    : spec;
  const commit = extractCommit(bare);
  // npm pins git dependencies to a full hex commit; a `#semver:` or branch fragment is no commit.
  if (commit !== undefined && /^[0-9a-f]{7,64}$/i.test(commit))
    return { type: 'git', url: gitRepositoryUrl(bare), commit };
  if (/^file:/i.test(bare)) return specSource(bare);
  // Old npm's `_from` names a git dependency without its commit (that is in `_resolved`).
  if (
    commit !== undefined ||
    /^(?:git\+[a-z]+:|git:|ssh:|github:|gitlab:|bitbucket:|gist:)/i.test(bare)
  )
    return { type: 'git', url: gitRepositoryUrl(bare) };
  return undefined;
}

/** Hashes from an SRI `integrity` string (shared with the lockfile extractors) and an old `_shasum` (hex sha1). */
export function hashesOf(integrity: string | undefined, shasum?: string): Hash[] {
  const hashes = integrityToHashes(integrity);
  if (
    shasum !== undefined &&
    /^[0-9a-f]{40}$/i.test(shasum) &&
    !hashes.some((h) => h.alg === 'sha1')
  ) {
    hashes.push({ alg: 'sha1', value: shasum.toLowerCase() });
  }
  return hashes;
}
