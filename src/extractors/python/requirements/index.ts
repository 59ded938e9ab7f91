/**
 * pip requirements files (`requirements.txt`, `requirements-dev.txt`, `requirements/*.txt`,
 * pip-tools' `requirements.in`), read as pip reads them
 * (https://pip.pypa.io/en/stable/reference/requirements-file-format/):
 *
 * - continuation lines, comments and `${VAR}` expansion as in `lines.ts`;
 * - `-r`/`--requirement` includes are followed (relative to the including file, through the
 *   scan fs only, cycles and depth bounded); their packages are reported too, located in the
 *   file that writes them (`declaredIn` and its line), with `python:included-from` naming the
 *   `-r` line of the scanned file;
 * - `-c`/`--constraint` files only contribute versions: a package named only there is not
 *   installed and not reported, but its `==` pin gives an unpinned requirement its version;
 * - only `==`/`===` pins give a version; every requirement is reported, pinned or not;
 * - editables, URLs, VCS URLs and local paths get a `source`.
 *
 * Markers are kept (`python:marker`), never evaluated. A standalone `constraints.txt` is not
 * extracted: what it names is not installed by it.
 */
import path from 'node:path';
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  PackageRecord,
} from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import type { ScanFs } from '../../../core/fs.js';
import { joinRel } from '../../../core/fs.js';
import { normalizePypiName } from '../../../core/purl.js';
import type { ComponentSource, Hash } from '../../../core/types.js';
import {
  logicalLines,
  parseOptions,
  physicalLines,
  shlexSplit,
  splitArgsOptions,
} from './lines.js';
import type { ParsedOption } from './lines.js';
import {
  archiveExtension,
  archiveInfo,
  eggName,
  isUrl,
  isVcsUrl,
  lastSegment,
  looksLikePath,
  parseVcsUrl,
  splitFragment,
  stripExtras,
} from './links.js';
import { exactVersion, formatSpecifier, isValidName, parseRequirement } from './pep508.js';
import type { SpecifierClause } from './pep508.js';
import { localProjectName } from './local-project.js';

/** Physical lines read in one extraction, the file and all it includes together. */
export const MAX_LINES = 100_000;
/** How deep `-r`/`-c` includes are followed. */
export const MAX_INCLUDE_DEPTH = 16;
/** Largest requirements file read. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Warnings kept per extraction; the rest are counted in a last one. */
const MAX_WARNINGS = 200;

/** `requirements.txt`, `dev-requirements.txt`, `requirements_test.in`, `test.requirements.txt`, … */
const REQUIREMENTS_NAME_RE = /^(?:.*[-_.])?requirements(?:[-_.].*)?\.(?:txt|in)$/i;

/** pip's hash-checking mode accepts only these algorithms, with digests of these lengths. */
const HASH_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);
/** Hash fragments pip reads from a URL (`#sha256=…`). */
const URL_HASH_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['md5', 32],
  ['sha1', 40],
  ['sha224', 56],
  ...HASH_HEX_LENGTH,
]);

type Mode = 'requirement' | 'constraint';

interface Warning {
  readonly message: string;
  readonly line?: number;
  readonly path?: string;
}

/** Where a line is: its own file and line, and the line of the scanned file that led to it. */
interface Origin {
  readonly path: string;
  readonly line: number;
  readonly topLine: number;
}

/** A requirement found while reading, before constraints are applied. */
interface Found {
  readonly name: string;
  version: string | undefined;
  readonly origin: Origin;
  readonly source: ComponentSource | undefined;
  readonly hashes: Hash[];
  readonly properties: Record<string, string>;
}

/** An exact pin from a constraints file. */
interface Pin {
  readonly version: string;
  readonly path: string;
  readonly line: number;
  readonly hashes: readonly Hash[];
}

interface State {
  readonly fs: ScanFs;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly topPath: string;
  readonly warnings: Warning[];
  droppedWarnings: number;
  readonly found: Found[];
  readonly pins: Map<string, Pin>;
  /** `mode:path` of every file already read, so that a file included twice is read once. */
  readonly parsed: Set<string>;
  linesRead: number;
}

/** What became of one requirement or editable. */
type Target =
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'self' }
  | {
      readonly kind: 'package';
      readonly name: string;
      readonly version?: string;
      readonly source?: ComponentSource;
      readonly hashes: readonly Hash[];
      readonly extras: readonly string[];
      readonly marker?: string;
      readonly clauses: readonly SpecifierClause[];
    };

/** Whether `relPath` (scan-relative, `/`-separated) is a requirements file this extractor reads. */
export function isRequirementsPath(relPath: string): boolean {
  const base = path.posix.basename(relPath);
  if (REQUIREMENTS_NAME_RE.test(base)) return true;
  const parent = path.posix.basename(path.posix.dirname(relPath));
  return /\.txt$/i.test(base) && /^requirements$/i.test(parent);
}

function warn(state: State, where: { path: string; line?: number }, message: string): void {
  if (state.warnings.length >= MAX_WARNINGS) {
    state.droppedWarnings++;
    return;
  }
  state.warnings.push({
    message,
    path: where.path,
    ...(where.line !== undefined ? { line: where.line } : {}),
  });
}

function quote(text: string): string {
  const short = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return `\`${short}\``;
}

/** A hex digest of the right length for `alg`, lower-cased, or undefined. */
function checkedHash(
  alg: string,
  digest: string,
  lengths: ReadonlyMap<string, number>,
): Hash | undefined {
  const length = lengths.get(alg.toLowerCase());
  if (length === undefined || digest.length !== length || !/^[0-9a-fA-F]+$/.test(digest))
    return undefined;
  return { alg: alg.toLowerCase(), value: digest.toLowerCase() };
}

/** The `--hash=alg:digest` values of a line, with a warning for each pip would reject. */
function hashesOf(state: State, origin: Origin, options: readonly ParsedOption[]): Hash[] {
  const hashes: Hash[] = [];
  for (const option of options) {
    if (option.kind !== 'hash') continue;
    const value = option.value ?? '';
    const colon = value.indexOf(':');
    const hash =
      colon < 0
        ? undefined
        : checkedHash(value.slice(0, colon), value.slice(colon + 1), HASH_HEX_LENGTH);
    if (hash === undefined) {
      warn(
        state,
        origin,
        `line ${origin.line}: ${quote(`--hash=${value}`)} is not a sha256, sha384 or sha512 hex digest as pip expects; hash ignored`,
      );
    } else if (!hashes.some((h) => h.alg === hash.alg && h.value === hash.value)) {
      hashes.push(hash);
    }
  }
  return hashes;
}

/** Hashes given as URL fragments (`…whl#sha256=…`). */
function urlHashes(params: ReadonlyMap<string, string>): Hash[] {
  const hashes: Hash[] = [];
  for (const [key, value] of params) {
    const hash = checkedHash(key, value, URL_HASH_HEX_LENGTH);
    if (hash !== undefined) hashes.push(hash);
  }
  return hashes;
}

/**
 * A path the requirements file names, relative to the scan root: relative paths are taken
 * from the file's directory (pip takes them from the working directory, which is usually
 * that one); absolute ones only when they lie under the scan root.
 */
function scanRelative(fs: ScanFs, fromFile: string, target: string): string | undefined {
  const slashed = target.replace(/\\/g, '/');
  let rel: string;
  if (slashed.startsWith('/')) {
    const root = fs.root.replace(/\\/g, '/').replace(/\/$/, '');
    if (slashed !== root && !slashed.startsWith(`${root}/`)) return undefined;
    rel = joinRel(slashed.slice(root.length + 1));
  } else {
    rel = joinRel(path.posix.dirname(fromFile), slashed);
  }
  return rel === '..' || rel.startsWith('../') ? undefined : rel;
}

/** The local path of a `file:` URL (`file:///a/b` → `/a/b`, `file:../x` → `../x`). */
function fileUrlPath(url: string): string {
  const rest = url.replace(/^file:/i, '');
  const local = rest.startsWith('//') ? rest.replace(/^\/\/[^/]*/, '') : rest;
  try {
    return decodeURIComponent(local);
  } catch {
    return local;
  }
}

/** A local directory or archive named by a path (or a `file:` URL turned into one). */
async function localTarget(
  state: State,
  fromFile: string,
  written: string,
  localPath: string,
  options: { editable: boolean; extras: readonly string[]; marker?: string },
): Promise<Target> {
  const { base, params } = splitFragment(localPath);
  const sourceUrl = splitFragment(written).base;
  // `.` (or `-e .`) is the project being scanned itself, never one of its packages.
  if (path.posix.normalize(base.replace(/\\/g, '/')).replace(/\/$/, '') === '.')
    return { kind: 'self' };
  const rel = scanRelative(state.fs, fromFile, base);
  if (rel === '') return { kind: 'self' };
  const fileName = lastSegment(base);
  const common = {
    kind: 'package' as const,
    extras: options.extras,
    clauses: [],
    hashes: urlHashes(params),
    ...(options.marker !== undefined ? { marker: options.marker } : {}),
  };
  if (!options.editable && archiveExtension(fileName) !== undefined) {
    const egg = eggName(params);
    const info = archiveInfo(fileName, egg);
    const name = egg ?? info?.name;
    if (name === undefined) {
      return {
        kind: 'invalid',
        message: `cannot tell the package name of the archive ${quote(written)}; add #egg=name`,
      };
    }
    return {
      ...common,
      name,
      ...(info?.version !== undefined ? { version: info.version } : {}),
      source: { type: 'file', url: sourceUrl },
    };
  }
  const fromMetadata = rel === undefined ? undefined : await localProjectName(state.fs, rel);
  const name = eggName(params) ?? fromMetadata ?? fileName;
  if (!isValidName(name)) {
    return {
      kind: 'invalid',
      message: `cannot tell the package name of the local project ${quote(written)}`,
    };
  }
  return {
    ...common,
    name,
    source: { type: options.editable ? 'editable' : 'directory', url: sourceUrl },
  };
}

/** A requirement given as a URL: VCS, `file:` or a download. */
async function urlTarget(
  state: State,
  fromFile: string,
  url: string,
  options: { knownName?: string; editable: boolean; extras: readonly string[]; marker?: string },
): Promise<Target> {
  const marker = options.marker !== undefined ? { marker: options.marker } : {};
  if (isVcsUrl(url)) {
    const vcs = parseVcsUrl(url);
    const name =
      options.knownName ??
      eggName(vcs.params) ??
      (isValidName(vcs.repoName) ? vcs.repoName : undefined);
    if (name === undefined) {
      return {
        kind: 'invalid',
        message: `cannot tell the package name of ${quote(url)}; add #egg=name`,
      };
    }
    // With a commit, the URL is given without its `@rev` so that the purl does not repeat it.
    const sourceUrl =
      vcs.commit !== undefined || vcs.rev === undefined ? vcs.url : `${vcs.url}@${vcs.rev}`;
    const type = options.editable ? 'editable' : vcs.vcs === 'git' ? 'git' : 'url';
    return {
      kind: 'package',
      name,
      source: { type, url: sourceUrl, ...(vcs.commit !== undefined ? { commit: vcs.commit } : {}) },
      hashes: [],
      extras: options.extras,
      clauses: [],
      ...marker,
    };
  }
  if (/^file:/i.test(url)) {
    const target = await localTarget(state, fromFile, url, fileUrlPath(url), options);
    if (target.kind !== 'package' || options.knownName === undefined) return target;
    // The archive's version counts only when its file name is of the named project.
    const info =
      target.source?.type === 'file' ? archiveInfo(lastSegment(url), options.knownName) : undefined;
    return {
      kind: 'package',
      name: options.knownName,
      ...(info !== undefined ? { version: info.version } : {}),
      ...(target.source !== undefined ? { source: target.source } : {}),
      hashes: target.hashes,
      extras: target.extras,
      clauses: target.clauses,
      ...(target.marker !== undefined ? { marker: target.marker } : {}),
    };
  }
  if (options.editable) {
    return {
      kind: 'invalid',
      message: `${quote(url)} cannot be editable: pip expects a local path or a VCS URL`,
    };
  }
  const { base, params } = splitFragment(url);
  const fileName = lastSegment(base);
  const named = options.knownName ?? eggName(params);
  const info = archiveInfo(fileName, named);
  const name = named ?? info?.name;
  if (name === undefined) {
    return {
      kind: 'invalid',
      message: `cannot tell the package name of ${quote(url)}; write \`name @ URL\` or add #egg=name`,
    };
  }
  return {
    kind: 'package',
    name,
    ...(info !== undefined ? { version: info.version } : {}),
    source: { type: 'url', url: base },
    hashes: urlHashes(params),
    extras: options.extras,
    clauses: [],
    ...marker,
  };
}

/** An `-e` argument: a local project or a VCS URL (pip's `parse_editable`). */
async function editableTarget(state: State, fromFile: string, text: string): Promise<Target> {
  const { path: target, extras } = stripExtras(text.trim());
  // pip turns `git:…`-style URLs into `git+git:…` before anything else.
  const shorthand = /^(git|hg|svn|bzr):/i.exec(target);
  if (shorthand !== null) {
    const prefixed = `${(shorthand[1] as string).toLowerCase()}+${target}`;
    return urlTarget(state, fromFile, prefixed, { editable: true, extras });
  }
  if (isUrl(target)) return urlTarget(state, fromFile, target, { editable: true, extras });
  return localTarget(state, fromFile, target, target, { editable: true, extras });
}

async function isDirectory(state: State, fromFile: string, target: string): Promise<boolean> {
  const rel = scanRelative(state.fs, fromFile, target);
  if (rel === undefined) return false;
  return (await state.fs.stat(rel))?.type === 'directory';
}

/** A requirement line's argument part (pip's `parse_req_from_line`). */
async function requirementTarget(state: State, fromFile: string, text: string): Promise<Target> {
  if (isUrl(text)) {
    // pip splits a bare URL from its marker at "; " only, since URLs may contain ";".
    const sep = text.indexOf('; ');
    const url = (sep < 0 ? text : text.slice(0, sep)).trim();
    const marker = sep < 0 ? undefined : text.slice(sep + 2).trim() || undefined;
    return urlTarget(state, fromFile, url, {
      editable: false,
      extras: [],
      ...(marker !== undefined ? { marker } : {}),
    });
  }
  const parsed = parseRequirement(text);
  const semicolon = text.indexOf(';');
  const beforeMarker = (semicolon < 0 ? text : text.slice(0, semicolon)).trim();
  const marker = semicolon < 0 ? undefined : text.slice(semicolon + 1).trim() || undefined;
  const { path: target, extras } = stripExtras(beforeMarker);
  const local = { editable: false, extras, ...(marker !== undefined ? { marker } : {}) };
  // pip's order (`_get_url_from_path`): an existing directory, then anything named like an
  // archive unless it reads as `name @ URL`; only then a PEP 508 requirement.
  if (looksLikePath(beforeMarker) && (await isDirectory(state, fromFile, target))) {
    return localTarget(state, fromFile, target, target, local);
  }
  const at = beforeMarker.indexOf('@');
  const namedUrl = at >= 0 && !looksLikePath(beforeMarker.slice(0, at));
  if (!namedUrl && archiveExtension(lastSegment(target)) !== undefined) {
    return localTarget(state, fromFile, target, target, local);
  }
  if (typeof parsed === 'string') {
    // pip fails on a path that does not exist; it is still worth reporting as a local project.
    if (looksLikePath(beforeMarker) && !namedUrl) {
      return localTarget(state, fromFile, target, target, local);
    }
    return { kind: 'invalid', message: `not a valid requirement: ${parsed}` };
  }
  if (parsed.url !== undefined) {
    if (isUrl(parsed.url)) {
      return urlTarget(state, fromFile, parsed.url, {
        knownName: parsed.name,
        editable: false,
        extras: parsed.extras,
        ...(parsed.marker !== undefined ? { marker: parsed.marker } : {}),
      });
    }
    // `name @ ./path`: pip reads it as a local path.
    const local = await localTarget(state, fromFile, parsed.url, parsed.url, {
      editable: false,
      extras: parsed.extras,
      ...(parsed.marker !== undefined ? { marker: parsed.marker } : {}),
    });
    return local.kind === 'package' ? { ...local, name: parsed.name } : local;
  }
  const version = exactVersion(parsed.clauses);
  return {
    kind: 'package',
    name: parsed.name,
    ...(version !== undefined ? { version } : {}),
    hashes: [],
    extras: parsed.extras,
    clauses: parsed.clauses,
    ...(parsed.marker !== undefined ? { marker: parsed.marker } : {}),
  };
}

/** A requirement or editable line: record it (or, in a constraints file, its pin). */
async function handleRequirement(
  state: State,
  origin: Origin,
  mode: Mode,
  text: string,
  editable: boolean,
  hashes: readonly Hash[],
): Promise<string | undefined> {
  if (mode === 'constraint') {
    if (editable) {
      warn(
        state,
        origin,
        `line ${origin.line}: editable requirements are not allowed in constraints files; ignored`,
      );
      return undefined;
    }
    const parsed = parseRequirement(text);
    if (typeof parsed === 'string') {
      if (isUrl(text) || looksLikePath(text)) return undefined;
      return `not a valid requirement: ${parsed}`;
    }
    const version = parsed.url === undefined ? exactVersion(parsed.clauses) : undefined;
    const key = normalizePypiName(parsed.name);
    if (version !== undefined && !state.pins.has(key)) {
      state.pins.set(key, { version, path: origin.path, line: origin.line, hashes });
    }
    return undefined;
  }

  const target = editable
    ? await editableTarget(state, origin.path, text)
    : await requirementTarget(state, origin.path, text);
  if (target.kind === 'invalid') return target.message;
  if (target.kind === 'self') return undefined;
  const properties: Record<string, string> = {};
  if (target.extras.length > 0) properties['python:extras'] = target.extras.join(',');
  if (target.marker !== undefined) properties['python:marker'] = target.marker;
  const single = target.clauses.length === 1 ? target.clauses[0] : undefined;
  if (target.clauses.length > 0 && !(single?.op === '==' && target.version !== undefined)) {
    properties['python:specifier'] = formatSpecifier(target.clauses);
  }
  const allHashes = [...target.hashes];
  for (const h of hashes)
    if (!allHashes.some((x) => x.alg === h.alg && x.value === h.value)) allHashes.push(h);
  state.found.push({
    name: target.name,
    version: target.version,
    origin,
    source: target.source,
    hashes: allHashes,
    properties,
  });
  return undefined;
}

/** Follow an `-r` or `-c` line. */
async function include(
  state: State,
  origin: Origin,
  mode: Mode,
  target: string,
  chain: readonly string[],
): Promise<void> {
  const what = mode === 'constraint' ? 'constraints file' : 'requirements file';
  if (/^(?:https?|file):/i.test(target)) {
    warn(state, origin, `line ${origin.line}: ${what} ${quote(target)} is a URL; not fetched`);
    return;
  }
  const rel = scanRelative(state.fs, origin.path, target);
  if (rel === undefined) {
    warn(
      state,
      origin,
      `line ${origin.line}: ${what} ${quote(target)} is outside the scanned directory; not read`,
    );
    return;
  }
  if (chain.includes(rel)) {
    warn(
      state,
      origin,
      `line ${origin.line}: ${what} ${quote(target)} includes itself (${[...chain, rel].join(' -> ')}); not read again`,
    );
    return;
  }
  if (chain.length > MAX_INCLUDE_DEPTH) {
    warn(
      state,
      origin,
      `line ${origin.line}: ${what} ${quote(target)} is nested more than ${MAX_INCLUDE_DEPTH} includes deep; not read`,
    );
    return;
  }
  if (state.parsed.has(`${mode}:${rel}`)) return;
  const info = await state.fs.stat(rel);
  if (info?.type !== 'file') {
    warn(
      state,
      origin,
      `line ${origin.line}: ${what} ${quote(target)} not found (looked for ${rel}); skipped`,
    );
    return;
  }
  let text: string;
  try {
    text = await state.fs.readText(rel, MAX_FILE_BYTES);
  } catch (error) {
    warn(
      state,
      origin,
      `line ${origin.line}: ${what} ${quote(target)} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  const lines = physicalLines(text);
  if (text.includes('\u0000') || state.linesRead + lines.length > MAX_LINES) {
    const why = text.includes('\u0000')
      ? 'is binary'
      : `would take the lines read past ${MAX_LINES}`;
    warn(state, origin, `line ${origin.line}: ${what} ${quote(target)} ${why}; not read`);
    return;
  }
  state.linesRead += lines.length;
  state.parsed.add(`${mode}:${rel}`);
  await parseLines(state, rel, lines, mode, [...chain, rel], origin.topLine);
}

/**
 * Read the logical lines of one file. Returns how many lines were understood and the
 * problems of those that were not (for the scanned file's own all-invalid check).
 */
async function parseLines(
  state: State,
  filePath: string,
  physical: readonly string[],
  mode: Mode,
  chain: readonly string[],
  topLine: number | undefined,
): Promise<{ valid: number; invalid: { line: number; message: string }[] }> {
  const { lines, unexpanded } = logicalLines(physical, state.env);
  for (const v of unexpanded) {
    warn(
      state,
      { path: filePath, line: v.line },
      `line ${v.line}: environment variable \${${v.name}} is not set; left as written`,
    );
  }
  let valid = 0;
  const invalid: { line: number; message: string }[] = [];
  const bad = (origin: Origin, text: string, message: string): void => {
    invalid.push({ line: origin.line, message: `line ${origin.line}: ${quote(text)}: ${message}` });
    warn(state, origin, `line ${origin.line}: ${quote(text)}: ${message}; skipped`);
  };

  for (const logical of lines) {
    const origin: Origin = { path: filePath, line: logical.line, topLine: topLine ?? logical.line };
    const { args, options } = splitArgsOptions(logical.text);
    const words = shlexSplit(args === '' ? logical.text : options);
    if (words === undefined) {
      bad(origin, logical.text, 'a quote in the options is not closed');
      continue;
    }
    const parsed = parseOptions(words);
    if (args === '' && parsed.options.length === 0) {
      bad(
        origin,
        logical.text,
        parsed.problems.join('; ') || 'not a requirement nor an option pip accepts',
      );
      continue;
    }
    for (const problem of parsed.problems)
      warn(state, origin, `line ${origin.line}: ${problem}; ignored`);
    const hashes = hashesOf(state, origin, parsed.options);

    if (args !== '') {
      const problem = await handleRequirement(state, origin, mode, args, false, hashes);
      if (problem === undefined) valid++;
      else bad(origin, args, problem);
      continue;
    }
    valid++;
    for (const option of parsed.options) {
      const value = option.value ?? '';
      if (option.kind === 'requirement' || option.kind === 'constraint') {
        // pip: `-r` inside a constraints file includes requirements, `-c` always constraints.
        await include(state, origin, option.kind, value, chain);
      } else if (option.kind === 'editable') {
        const problem = await handleRequirement(state, origin, mode, value, true, hashes);
        if (problem !== undefined) bad(origin, `${option.option} ${value}`, problem);
      }
    }
  }
  return { valid, invalid };
}

/** Give unpinned requirements the version a constraints file pins them to. */
function applyConstraints(state: State): void {
  for (const found of state.found) {
    if (found.source !== undefined) continue;
    const pin = state.pins.get(normalizePypiName(found.name));
    if (pin === undefined) continue;
    if (found.version === undefined) {
      found.version = pin.version;
      found.properties['python:constraint'] = `${pin.path}:${pin.line}`;
      for (const h of pin.hashes) {
        if (!found.hashes.some((x) => x.alg === h.alg && x.value === h.value)) found.hashes.push(h);
      }
    } else if (found.version !== pin.version) {
      warn(
        state,
        found.origin,
        `line ${found.origin.line}: ${found.name}==${found.version} conflicts with the constraint ==${pin.version} (${pin.path}:${pin.line}); the requirement's version is kept`,
      );
    }
  }
}

function toRecord(state: State, found: Found): PackageRecord {
  const included = found.origin.path !== state.topPath;
  if (included)
    found.properties['python:included-from'] = `${state.topPath}:${found.origin.topLine}`;
  return {
    ecosystem: 'PyPI',
    name: found.name,
    ...(found.version !== undefined ? { version: found.version } : {}),
    direct: true,
    // A requirement from an included file is located where it is written; the `-r` line of
    // this file is kept as a property so the chain stays visible.
    line: included ? found.origin.line : found.origin.topLine,
    ...(included ? { declaredIn: found.origin.path } : {}),
    ...(found.source !== undefined ? { source: found.source } : {}),
    ...(found.hashes.length > 0 ? { hashes: found.hashes } : {}),
    ...(Object.keys(found.properties).length > 0 ? { properties: found.properties } : {}),
  };
}

/** The key the core gives a record that sets none. */
function defaultKey(record: PackageRecord): string {
  return `${record.name}@${record.version ?? ''}`;
}

/**
 * The root names its requirements by key, and the default key (`name@version`) is the same for
 * requirements of one name from different sources (`foo @ git+…a` and `foo @ git+…b` under
 * different markers, both without a version): later ones get a key of their own (`foo@#2`),
 * so that the root depends on each.
 */
function withUniqueKeys(records: readonly PackageRecord[]): PackageRecord[] {
  const seen = new Map<string, number>();
  return records.map((record) => {
    const key = defaultKey(record);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? record : { ...record, key: `${key}#${count}` };
  });
}

/** Extract the requirements of one file (and of the files it includes). */
export async function extractRequirements(input: ExtractInput): Promise<ExtractResult> {
  const topPath = input.entry.path;
  const text = await input.fs.readText(topPath, MAX_FILE_BYTES);
  if (text.includes('\u0000')) {
    throw new InputError(`${topPath}: a requirements file is text, but this one is binary`);
  }
  const lines = physicalLines(text);
  if (lines.length > MAX_LINES) {
    throw new InputError(
      `${topPath}: ${lines.length} lines is more than the ${MAX_LINES}-line limit for a requirements file`,
    );
  }
  const state: State = {
    fs: input.fs,
    env: input.env,
    topPath,
    warnings: [],
    droppedWarnings: 0,
    found: [],
    pins: new Map(),
    parsed: new Set([`requirement:${topPath}`]),
    linesRead: lines.length,
  };
  const { valid, invalid } = await parseLines(
    state,
    topPath,
    lines,
    'requirement',
    [topPath],
    undefined,
  );
  const first = invalid[0];
  if (first !== undefined && valid === 0) {
    throw new InputError(
      `${topPath}: no line is a requirement or an option pip accepts (${first.message})`,
      {
        line: first.line,
      },
    );
  }
  applyConstraints(state);
  const packages = withUniqueKeys(state.found.map((f) => toRecord(state, f)));
  if (state.droppedWarnings > 0) {
    state.warnings.push({
      message: `${state.droppedWarnings} more problems not listed`,
      path: topPath,
    });
  }
  return {
    packages,
    ...(packages.length > 0
      ? {
          root: {
            ecosystem: 'PyPI' as const,
            dependsOn: packages.map((p) => p.key ?? defaultKey(p)),
          },
        }
      : {}),
    ...(state.warnings.length > 0 ? { warnings: state.warnings } : {}),
  };
}

export const extractor = {
  name: 'python/requirements',
  ecosystem: 'PyPI',
  requiresNetwork: false,
  target: 'file',
  required: (entry) => isRequirementsPath(entry.path),
  extract: extractRequirements,
} satisfies Extractor;
