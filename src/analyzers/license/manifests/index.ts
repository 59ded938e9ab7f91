/**
 * Licences declared in package manifests and model cards: package.json `license`/`licenses`,
 * pyproject.toml (`[project]`, `[tool.poetry]`, trove classifiers), Cargo.toml, setup.cfg,
 * PKG-INFO/METADATA headers, composer.json, an R package's DESCRIPTION, a Maven pom.xml's
 * `<licenses>`, a NuGet `.nuspec`, a RubyGems `.gemspec` and the YAML front matter of a model card README. Each
 * declared field becomes a {@link LicenseMatch} on the line(s) of that field, `via: 'declared'`.
 *
 * The statements are read by `parseDeclared`/`fromPackageJson` (declared/), which never claim
 * more than the source says: a statement they cannot read yields nothing here, a corrected one
 * ("Apache 2") is `medium`. The files are untrusted: they are parsed with data-only parsers,
 * bounded in size and count, and anything malformed yields no match rather than an error.
 */
import { parse as parseToml } from 'smol-toml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { fromPackageJson, parseDeclared, type DeclaredLicense } from '../declared/index.js';
import type { LicenseMatch } from '../match.js';
import { modernize } from '../notices/index.js';
import { licenseOfUrl } from '../notices/urls.js';

/** Largest manifest read (bytes of text); bigger files are not manifests anyone writes by hand. */
export const MAX_MANIFEST_LENGTH = 1_000_000;
/** Largest model-card front matter read. */
export const MAX_FRONT_MATTER_LENGTH = 64_000;
/** Most classifiers (or model-card licence entries) read from one file. */
const MAX_ENTRIES = 64;
/**
 * Most header lines read from PKG-INFO/METADATA (the headers come first, the body after) and
 * from an R DESCRIPTION (a few dozen lines).
 */
const MAX_HEADER_LINES = 2_000;

/** Lines of a field in the file, 1-based and inclusive. */
interface Lines {
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * The licences `text` declares when `fileName` (a base name) is a package manifest or model
 * card; [] for other files, for files without a licence field and for malformed content.
 * Never throws.
 */
export function declaredInManifest(text: string, fileName: string): LicenseMatch[] {
  if (typeof text !== 'string' || text.length > MAX_MANIFEST_LENGTH) return [];
  const name = fileName.toLowerCase();
  try {
    switch (name) {
      case 'package.json':
        return fromPackageJsonText(text);
      case 'pyproject.toml':
        return fromPyproject(text);
      case 'cargo.toml':
        return fromCargo(text);
      case 'setup.cfg':
        return fromSetupCfg(text);
      case 'pkg-info':
      case 'metadata':
        return fromEmailHeaders(text);
      case 'composer.json':
        return fromComposer(text);
      case 'description':
        return fromRDescription(text);
      case 'pom.xml':
        return fromPom(text);
    }
    if (name.endsWith('.nuspec')) return fromNuspec(text);
    if (name.endsWith('.gemspec')) return fromGemspec(text);
    if (name.startsWith('readme')) return fromModelCard(text);
    return [];
  } catch {
    // The parsers are data-only and bounded; an unexpected failure still means "nothing read".
    return [];
  }
}

/**
 * Whether `m` (a notice or identifier match) restates a declared field: it lies on the field's
 * lines and names the declared licence or one of the ids in its expression (the keyed-notice
 * rule reads `license = "(MIT OR Apache-2.0) AND Unicode-3.0"` as its first part). Licence texts
 * never restate a field.
 */
export function restatesDeclared(m: LicenseMatch, declared: readonly LicenseMatch[]): boolean {
  if (m.via === undefined || m.via === 'text' || m.via === 'declared') return false;
  return declared.some(
    (d) =>
      d.startLine <= m.endLine &&
      m.startLine <= d.endLine &&
      (d.license === m.license || idsOf(m.license).every((id) => idsOf(d.license).includes(id))),
  );
}

/** The ids and exceptions of an SPDX expression (`+` kept), e.g. `MIT OR (A AND B)` → MIT, A, B. */
function idsOf(expression: string): string[] {
  return expression
    .split(/[()\s]+|\s(?:AND|OR|WITH)\s/)
    .filter((t) => !/^(?:AND|OR|WITH|)$/.test(t));
}

/** A declared licence as a match; undefined when it names no licence. */
function toMatch(declared: DeclaredLicense, lines: Lines): LicenseMatch | undefined {
  if (declared.expression === undefined) return undefined;
  const medium = declared.confidence === 'medium';
  // A deprecated id ("GPL-2.0+", "LGPL-2.1") as SPDX lists the licence now, as for a licence text.
  const license = modernize(declared.expression);
  const reason =
    explain(declared) ??
    (license !== declared.expression
      ? `Declared as ${declared.expression}, with deprecated SPDX ids; SPDX lists the licence as ${license}.`
      : undefined);
  return {
    license,
    confidence: medium ? 'medium' : 'high',
    score: medium ? 0.5 : 1,
    startLine: lines.startLine,
    endLine: lines.endLine,
    via: 'declared',
    ...(reason !== undefined ? { reason } : {}),
  };
}

/**
 * What a match's `reason` says about a declared reading: its own reason, or, for a correction,
 * what was written and what it was read as (so a hint never passes for what the file states).
 */
function explain(declared: DeclaredLicense): string | undefined {
  return (
    declared.reason ??
    (declared.corrected !== undefined
      ? `Declared as "${declared.corrected.from}", which is not an SPDX expression; read as ${declared.corrected.to}, a correction, not what the file states.`
      : undefined)
  );
}

function collect(items: readonly (LicenseMatch | undefined)[]): LicenseMatch[] {
  return items.filter((m): m is LicenseMatch => m !== undefined);
}

/**
 * Several licences stated as alternatives (a composer.json array, R's `|`, Maven's several
 * `<license>` entries) as one statement: `A OR B OR C`, each member with an AND parenthesised
 * so the choice reads as written. An alternative that names no licence is left out, and then
 * the whole is only a hint (`medium`): the choice is wider than what is reported. A member
 * that is itself only `medium` makes the whole `medium`. The reason says why.
 */
function anyOf(parts: readonly DeclaredLicense[]): DeclaredLicense {
  const read = parts.filter((p) => p.expression !== undefined);
  const unread = parts.filter((p) => p.expression === undefined);
  if (read.length === 0) {
    const reasons = unread.map((p) => p.reason).filter((r) => r !== undefined);
    return { ids: [], confidence: 'declared', reason: reasons.join('; ') || 'no licence stated' };
  }
  if (read.length === 1 && unread.length === 0) return read[0] as DeclaredLicense;
  const members = [...new Set(read.map((p) => p.expression as string))];
  const expression =
    members.length === 1
      ? (members[0] as string)
      : members.map((e) => (/\sAND\s/.test(e) ? `(${e})` : e)).join(' OR ');
  const reasons = [
    ...read.filter((p) => p.confidence === 'medium').map(explain),
    ...unread.map(
      (p) =>
        `The alternative${p.unknown ? ` "${p.unknown}"` : ''} names no licence that could be read (${p.reason ?? 'no reason given'}); the choice is wider than ${expression}.`,
    ),
  ].filter((r): r is string => r !== undefined);
  const medium = unread.length > 0 || read.some((p) => p.confidence === 'medium');
  return {
    expression,
    ids: [...new Set(read.flatMap((p) => p.ids))].sort(),
    confidence: medium ? 'medium' : 'declared',
    ...(reasons.length > 0 ? { reason: reasons.join(' ') } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// package.json

/** A JSON text whose top level is an object; undefined for malformed JSON or another value. */
function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  return isRecord(data) ? data : undefined;
}

function fromPackageJsonText(text: string): LicenseMatch[] {
  const record = parseJsonObject(text);
  if (!record) return [];
  const out: (LicenseMatch | undefined)[] = [];
  for (const key of ['license', 'licenses']) {
    if (!Object.hasOwn(record, key)) continue;
    const lines = jsonKeyLines(text, key) ?? { startLine: 1, endLine: 1 };
    out.push(toMatch(fromPackageJson(record[key]), lines));
  }
  return collect(out);
}

/**
 * Lines of a top-level key of a JSON object and its value: a scan that tracks strings and
 * nesting, so a `"license"` inside `dependencies` or a string is never taken for it.
 */
function jsonKeyLines(text: string, key: string): Lines | undefined {
  let depth = 0;
  let line = 1;
  let found: number | undefined;
  /** Line of the last token of the value seen so far. */
  let valueEnd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === '"') {
      const start = i;
      const startLine = line;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '\n') line++;
      }
      valueEnd = line;
      if (found !== undefined || depth !== 1) continue;
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] as string)) j++;
      if (text[j] !== ':') continue;
      try {
        if (JSON.parse(text.slice(start, i + 1)) === key) found = startLine;
      } catch {
        // not a valid string literal: not the key
      }
      continue;
    }
    if (found !== undefined && depth === 1 && (c === ',' || c === '}')) {
      return { startLine: found, endLine: Math.max(found, valueEnd) };
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (!/\s/.test(c)) valueEnd = line;
  }
  return found === undefined ? undefined : { startLine: found, endLine: found };
}

// ---------------------------------------------------------------------------------------------
// composer.json (PHP)

/** A composer.json `license` entry that is not a string: it states nothing readable. */
const NOT_A_STRING: DeclaredLicense = {
  ids: [],
  confidence: 'declared',
  reason: 'the entry is not a string',
};

/**
 * Composer's top-level `license`: an SPDX expression (Composer also writes `(A or B)`), or an
 * array of them, which its documentation defines as a choice ("the package is available under
 * any of them"): one match `A OR B` on the lines of the field.
 */
function fromComposer(text: string): LicenseMatch[] {
  const record = parseJsonObject(text);
  if (!record || !Object.hasOwn(record, 'license')) return [];
  const value = record.license;
  const lines = jsonKeyLines(text, 'license') ?? { startLine: 1, endLine: 1 };
  if (typeof value === 'string') {
    return collect([toMatch(parseDeclared({ value, kind: 'spdx-field' }), lines)]);
  }
  if (!Array.isArray(value) || value.length > MAX_ENTRIES) return [];
  const parts = value.map((v: unknown) =>
    typeof v === 'string' ? parseDeclared({ value: v, kind: 'spdx-field' }) : NOT_A_STRING,
  );
  return collect([toMatch(anyOf(parts), lines)]);
}

// ---------------------------------------------------------------------------------------------
// .gemspec (RubyGems)

/**
 * `spec.license = "MIT"` or `spec.licenses = ["Ruby", "BSD-2-Clause"]` (also `%w[…]`,
 * `.freeze`) in a .gemspec, which is Ruby code: read as text, never run, and only when the value
 * is written out literally (a constant or a method call states nothing readable here). Several
 * licences are a choice, as RubyGems' guides put it for a gem "available under multiple
 * licenses": one match `A OR B`. Written by hand: no npm package parses Ruby literals without
 * running Ruby.
 */
const GEMSPEC_LICENSE =
  /^[ \t]*\w+\.licenses?[ \t]*=[ \t]*(?:(["'])([^"'\n]{1,200})\1|\[([^\]\n]{0,1000})\]|%w[[(]([^\])\n]{0,1000})[\])])(?:\.freeze)?[ \t]*(?:#.*)?$/gm;

function fromGemspec(text: string): LicenseMatch[] {
  const out: (LicenseMatch | undefined)[] = [];
  for (const m of text.matchAll(GEMSPEC_LICENSE)) {
    const line = text.slice(0, m.index).split('\n').length;
    const lines = { startLine: line, endLine: line };
    let values: string[];
    if (m[2] !== undefined) values = [m[2]];
    else if (m[4] !== undefined) values = m[4].trim().split(/\s+/).filter(Boolean);
    else {
      const items = (m[3] ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      const literal = items.map((item) => /^(["'])([^"']{1,200})\1$/.exec(item)?.[2]);
      if (literal.some((v) => v === undefined)) continue; // not every entry is a literal
      values = literal as string[];
    }
    if (values.length === 0 || values.length > MAX_ENTRIES) continue;
    const parts = values.map((value) => parseDeclared({ value, kind: 'spdx-field' }));
    out.push(toMatch(anyOf(parts), lines));
  }
  return collect(out);
}

// ---------------------------------------------------------------------------------------------
// TOML (pyproject.toml, Cargo.toml)

type TomlTable = Record<string, unknown>;

function parseTomlTable(text: string): TomlTable | undefined {
  try {
    const data = parseToml(text) as unknown;
    return isRecord(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function table(root: TomlTable, ...path: string[]): TomlTable | undefined {
  let cur: unknown = root;
  for (const p of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[p];
  }
  return isRecord(cur) ? cur : undefined;
}

function fromPyproject(text: string): LicenseMatch[] {
  const root = parseTomlTable(text);
  if (!root) return [];
  const lines = text.split('\n');
  const out: (LicenseMatch | undefined)[] = [];
  const project = table(root, 'project');
  if (project) {
    const license = project.license;
    const at = tomlKeyLines(lines, 'project', 'license');
    if (typeof license === 'string') {
      // PEP 639: a string is an SPDX expression.
      out.push(toMatch(parseDeclared({ value: license, kind: 'spdx-field' }), at));
    } else if (isRecord(license) && typeof license.text === 'string') {
      // PEP 621 `{text = "..."}`: free text; `{file = "..."}` points elsewhere and states nothing.
      const where = tomlKeyLines(lines, 'project.license', 'text', at);
      out.push(toMatch(parseDeclared({ value: license.text, kind: 'free-text' }), where));
    }
    out.push(...sectionClassifiers(project, 'project'));
  }
  const poetry = table(root, 'tool', 'poetry');
  if (poetry) {
    if (typeof poetry.license === 'string') {
      const at = tomlKeyLines(lines, 'tool.poetry', 'license');
      out.push(toMatch(parseDeclared({ value: poetry.license, kind: 'spdx-field' }), at));
    }
    out.push(...sectionClassifiers(poetry, 'tool.poetry'));
  }
  return collect(out);

  function sectionClassifiers(section: Record<string, unknown>, name: string): LicenseMatch[] {
    return classifierMatches(section.classifiers, lines, tomlKeyLines(lines, name, 'classifiers'));
  }
}

function fromCargo(text: string): LicenseMatch[] {
  const root = parseTomlTable(text);
  const pkg = root && table(root, 'package');
  if (!pkg || typeof pkg.license !== 'string') return [];
  const at = tomlKeyLines(text.split('\n'), 'package', 'license');
  // Cargo's legacy `MIT/Apache-2.0` means OR; parseDeclared reads it so, at `medium`, only when
  // every part is an exact id.
  return collect([toMatch(parseDeclared({ value: pkg.license, kind: 'spdx-field' }), at)]);
}

/** Trove classifiers from a parsed list, each on the line where its string appears. */
function classifierMatches(
  value: unknown,
  lines: readonly string[],
  field: Lines | undefined,
): LicenseMatch[] {
  if (!Array.isArray(value)) return [];
  const out: (LicenseMatch | undefined)[] = [];
  for (const c of value.slice(0, 1_000)) {
    if (out.length >= MAX_ENTRIES) break;
    if (typeof c !== 'string' || !/^\s*License\s*::/.test(c)) continue;
    const at = lineContaining(lines, c, field) ?? field ?? { startLine: 1, endLine: 1 };
    out.push(toMatch(parseDeclared({ value: c, kind: 'classifier' }), at));
  }
  return collect(out);
}

/** The line within `field` that contains `needle` (an entry of a list value). */
function lineContaining(
  lines: readonly string[],
  needle: string,
  field: Lines | undefined,
): Lines | undefined {
  const from = field?.startLine ?? 1;
  const to = field?.endLine ?? lines.length;
  for (let n = from; n <= to; n++) {
    if ((lines[n - 1] ?? '').includes(needle)) return { startLine: n, endLine: n };
  }
  return undefined;
}

/** `[ tool . "poetry" ]` → `tool.poetry`: a TOML table header's dotted name, unquoted. */
function tableName(header: string): string {
  return header
    .split('.')
    .map((p) => p.trim().replace(/^["']|["']$/g, ''))
    .join('.');
}

/**
 * Lines of `key = …` in the TOML table `section` (or `section.key = …` at top level, or
 * `key = …` of a dotted `[section]`), through the end of a multi-line value. `fallback` when
 * the key is not found.
 */
function tomlKeyLines(
  lines: readonly string[],
  section: string,
  key: string,
  fallback?: Lines,
): Lines {
  let current = '';
  const parts = section.split('.');
  const parent = parts.slice(0, -1).join('.');
  const last = parts[parts.length - 1] as string;
  for (let n = 1; n <= lines.length; n++) {
    const line = lines[n - 1] as string;
    const header = /^\s*\[\s*([^[\]]+?)\s*\]\s*(?:#.*)?$/.exec(line);
    if (header) {
      current = tableName(header[1] as string);
      continue;
    }
    const assign = /^\s*([A-Za-z0-9_."' -]+?)\s*=/.exec(line);
    if (!assign) continue;
    const name = tableName(assign[1] as string);
    const hit =
      (current === section && name === key) ||
      (current === '' && name === `${section}.${key}`) ||
      (current === parent && parent !== '' && name === `${last}.${key}`);
    const end = tomlValueEnd(lines, n, assign[0].length);
    if (hit) return { startLine: n, endLine: end };
    n = end; // lines inside a multi-line value are neither headers nor keys
  }
  return fallback ?? { startLine: 1, endLine: 1 };
}

/** The line where the TOML value starting at `lines[n-1][col]` ends (brackets, multi-line strings). */
function tomlValueEnd(lines: readonly string[], n: number, col: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let ln = n; ln <= lines.length && ln < n + 10_000; ln++) {
    const line = lines[ln - 1] as string;
    for (let i = ln === n ? col : 0; i < line.length; i++) {
      const rest = line.slice(i, i + 3);
      if (quote !== undefined) {
        if (quote.length === 3 && rest === quote) {
          quote = undefined;
          i += 2;
        } else if (quote.length === 1 && line[i] === quote) quote = undefined;
        else if (line[i] === '\\' && quote.startsWith('"')) i++;
        continue;
      }
      if (rest === '"""' || rest === "'''") {
        quote = rest;
        i += 2;
      } else if (line[i] === '"' || line[i] === "'") quote = line[i];
      else if (line[i] === '#') break;
      else if (line[i] === '[' || line[i] === '{') depth++;
      else if (line[i] === ']' || line[i] === '}') depth--;
    }
    if (quote !== undefined && quote.length === 1) quote = undefined; // basic strings end at the line
    if (depth <= 0 && quote === undefined) return ln;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// setup.cfg

function fromSetupCfg(text: string): LicenseMatch[] {
  const lines = text.split('\n');
  const out: (LicenseMatch | undefined)[] = [];
  let section = '';
  for (let n = 1; n <= lines.length; n++) {
    const line = (lines[n - 1] as string).replace(/\r$/, '');
    const header = /^\[\s*([^\]]+?)\s*\]\s*$/.exec(line);
    if (header) {
      section = (header[1] as string).toLowerCase();
      continue;
    }
    if (section !== 'metadata') continue;
    const entry = /^([A-Za-z0-9_-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (!entry) continue;
    const key = (entry[1] as string).toLowerCase().replace(/-/g, '_');
    // Continuation lines: indented lines after the key (INI multi-line values).
    const values = [(entry[2] as string).trim()];
    let end = n;
    while (end < lines.length && /^[ \t]+\S/.test(lines[end] as string)) {
      values.push((lines[end] as string).trim());
      end++;
    }
    if (key === 'license' || key === 'license_expression') {
      const value = values.filter((v) => v !== '').join('\n');
      const kind = key === 'license' ? 'free-text' : 'spdx-field';
      out.push(toMatch(parseDeclared({ value, kind }), { startLine: n, endLine: end }));
    } else if (key === 'classifiers') {
      for (let k = 0; k < values.length && out.length < MAX_ENTRIES; k++) {
        const v = values[k] as string;
        if (!v.startsWith('License')) continue;
        const at = n + k;
        out.push(
          toMatch(parseDeclared({ value: v, kind: 'classifier' }), { startLine: at, endLine: at }),
        );
      }
    }
    n = end;
  }
  return collect(out);
}

// ---------------------------------------------------------------------------------------------
// PKG-INFO / METADATA

function fromEmailHeaders(text: string): LicenseMatch[] {
  const lines = text.split('\n');
  const out: (LicenseMatch | undefined)[] = [];
  const limit = Math.min(lines.length, MAX_HEADER_LINES);
  for (let n = 1; n <= limit; n++) {
    const line = (lines[n - 1] as string).replace(/\r$/, '');
    if (line.trim() === '') break; // the headers end at the first blank line; the body follows
    const header = /^([A-Za-z0-9-]+):[ \t]*(.*)$/.exec(line);
    if (!header) continue;
    const name = (header[1] as string).toLowerCase();
    const values = [(header[2] as string).trim()];
    let end = n;
    while (
      end < limit &&
      /^[ \t]/.test(lines[end] as string) &&
      (lines[end] as string).trim() !== ''
    ) {
      // Folded header: continuation lines start with whitespace (setuptools adds "|" margins).
      values.push((lines[end] as string).replace(/^[ \t]+\|?/, '').trim());
      end++;
    }
    const at = { startLine: n, endLine: end };
    const value = values.join('\n').trim();
    if (name === 'license-expression') {
      out.push(toMatch(parseDeclared({ value, kind: 'spdx-field' }), at));
    } else if (name === 'license') {
      out.push(toMatch(parseDeclared({ value, kind: 'free-text' }), at));
    } else if (name === 'classifier' && /^License\s*::/.test(value) && out.length < MAX_ENTRIES) {
      out.push(toMatch(parseDeclared({ value, kind: 'classifier' }), at));
    }
    n = end;
  }
  return collect(out);
}

// ---------------------------------------------------------------------------------------------
// DESCRIPTION (R packages)

/**
 * R's standard licence names, from R's share/licenses/license.db as "Writing R Extensions"
 * (§1.1.2, Licensing) lists them, mapped to SPDX. R's meaning wins over an SPDX reading of the
 * same string: `GPL-2` and `LGPL-2.1` are "that version only" (R says "or later" as
 * `GPL (>= 2)`), where the bare SPDX `LGPL-2.1` is a deprecated id. `null`: the name states no
 * licence (`Unlimited`, "no restrictions", is not a licence SPDX names). Keys are compared
 * through {@link rKey}, so `GPL(>=2)` and `gpl (>= 2)` are found too.
 */
const R_LICENSES: ReadonlyMap<string, string | null> = new Map(
  (
    [
      ['GPL-2', 'GPL-2.0-only'],
      ['GPL-3', 'GPL-3.0-only'],
      ['GPL (>= 2)', 'GPL-2.0-or-later'],
      ['GPL (>= 2.0)', 'GPL-2.0-or-later'],
      ['GPL (>= 3)', 'GPL-3.0-or-later'],
      ['GPL (>= 3.0)', 'GPL-3.0-or-later'],
      ['LGPL-2', 'LGPL-2.0-only'],
      ['LGPL-2.1', 'LGPL-2.1-only'],
      ['LGPL-3', 'LGPL-3.0-only'],
      ['LGPL (>= 2)', 'LGPL-2.0-or-later'],
      ['LGPL (>= 2.0)', 'LGPL-2.0-or-later'],
      ['LGPL (>= 2.1)', 'LGPL-2.1-or-later'],
      ['LGPL (>= 3)', 'LGPL-3.0-or-later'],
      ['LGPL (>= 3.0)', 'LGPL-3.0-or-later'],
      ['AGPL-3', 'AGPL-3.0-only'],
      ['AGPL (>= 3)', 'AGPL-3.0-or-later'],
      ['Artistic-2.0', 'Artistic-2.0'],
      ['BSD_2_clause', 'BSD-2-Clause'],
      ['BSD_3_clause', 'BSD-3-Clause'],
      ['MIT', 'MIT'],
      ['CC0', 'CC0-1.0'],
      ['CC BY 4.0', 'CC-BY-4.0'],
      ['CC BY-SA 4.0', 'CC-BY-SA-4.0'],
      ['Apache License 2.0', 'Apache-2.0'],
      ['Apache License (== 2.0)', 'Apache-2.0'],
      ['Apache License (== 2)', 'Apache-2.0'],
      ['Apache License (>= 2)', 'Apache-2.0+'],
      ['Apache License (>= 2.0)', 'Apache-2.0+'],
      ['MPL-2.0', 'MPL-2.0'],
      ['EUPL-1.2', 'EUPL-1.2'],
      ['EUPL (>= 1.2)', 'EUPL-1.2+'],
      ['BSL-1.0', 'BSL-1.0'],
      ['Unlimited', null],
    ] as const
  ).map(([name, spdx]) => [rKey(name), spdx]),
);

/**
 * R's licence templates: their text has YEAR and COPYRIGHT HOLDER blanks, which `+ file
 * LICENSE` fills in. After any other licence, `+ file LICENSE` adds terms ("Writing R
 * Extensions": "If a package license restricts a base license …, the additional terms should
 * be placed in file LICENSE").
 */
const R_TEMPLATES: ReadonlySet<string> = new Set(['MIT', 'BSD_2_clause', 'BSD_3_clause'].map(rKey));

/** An R licence name as a table key: no whitespace, lower case (`GPL (>= 2)` → `gpl(>=2)`). */
function rKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/**
 * The `License:` field of an R DESCRIPTION (Debian-control-like `Field: value` lines, with
 * continuation lines that start with whitespace): alternatives separated by `|`, a choice.
 */
function fromRDescription(text: string): LicenseMatch[] {
  const lines = text.split('\n');
  const limit = Math.min(lines.length, MAX_HEADER_LINES);
  for (let n = 1; n <= limit; n++) {
    const field = /^([A-Za-z0-9][^\s:]*):[ \t]*(.*)$/.exec(
      (lines[n - 1] as string).replace(/\r$/, ''),
    );
    if (!field) continue;
    const values = [(field[2] as string).trim()];
    let end = n;
    while (end < limit && /^[ \t]+\S/.test(lines[end] as string)) {
      values.push((lines[end] as string).trim());
      end++;
    }
    if ((field[1] as string).toLowerCase() === 'license') {
      const alternatives = values.join(' ').split('|');
      if (alternatives.length > MAX_ENTRIES) return [];
      const parts = alternatives
        .map(fromRAlternative)
        .filter((p): p is DeclaredLicense => p !== undefined);
      return collect([toMatch(anyOf(parts), { startLine: n, endLine: end })]);
    }
    n = end;
  }
  return [];
}

/**
 * One alternative of an R `License:` field; undefined when it names no licence (`file
 * LICENSE`: the licence is only in that file; `Unlimited`). `+ file LICENSE` after a template
 * (MIT, BSD) holds the copyright holder and is dropped; after another licence it adds terms,
 * so the reading is only `medium`.
 */
function fromRAlternative(alternative: string): DeclaredLicense | undefined {
  const plusFile = /\s*\+\s*file\s+LICEN[CS]E\s*$/i.exec(alternative);
  const name = (plusFile ? alternative.slice(0, plusFile.index) : alternative).trim();
  if (name === '' || /^file\s+LICEN[CS]E$/i.test(name)) return undefined;
  const key = rKey(name);
  const spdx = R_LICENSES.get(key);
  if (spdx === null) return undefined;
  const read =
    spdx !== undefined
      ? parseDeclared({ value: spdx, kind: 'spdx-field' })
      : parseDeclared({ value: name, kind: 'free-text' });
  if (!plusFile || read.expression === undefined || R_TEMPLATES.has(key)) return read;
  const terms = `R's "${name} + file LICENSE" adds the terms in the file LICENSE to ${read.expression}; the licence is ${read.expression} with those terms, which are not read here.`;
  const before = explain(read);
  return {
    ...read,
    confidence: 'medium',
    reason: before === undefined ? terms : `${before} ${terms}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Model cards (README with YAML front matter)

function fromModelCard(text: string): LicenseMatch[] {
  const body = text.replace(/^\uFEFF/, '');
  const first = /^---[ \t]*\r?\n/.exec(body);
  if (!first) return [];
  const rest = body.slice(first[0].length, first[0].length + MAX_FRONT_MATTER_LENGTH + 8);
  const close = /^(?:---|\.\.\.)[ \t]*\r?$/m.exec(rest);
  if (!close || close.index > MAX_FRONT_MATTER_LENGTH) return [];
  const yamlText = rest.slice(0, close.index);
  const counter = new LineCounter();
  // (`prettyErrors` off: errors are not reported here, and the library's excerpt for each one
  // is quadratic over a long line of them.)
  const doc = parseDocument(yamlText, {
    lineCounter: counter,
    uniqueKeys: false,
    prettyErrors: false,
  });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const map = doc.contents;
  // Nodes are read, never converted to JS: aliases stay unresolved (no alias expansion bombs).
  // Line 1 of the file is the opening `---`.
  const linesOf = (node: YamlNode | null | undefined, key?: YamlNode | null): Lines => {
    const startAt = (key?.range ?? node?.range)?.[0] ?? 0;
    const endAt = node?.range?.[1] ?? startAt;
    const start = counter.linePos(startAt).line + 1;
    const end = counter.linePos(Math.max(startAt, endAt - 1)).line + 1;
    return { startLine: start, endLine: Math.max(start, end) };
  };
  const scalarString = (key: string): string | undefined => {
    const v = map.get(key, true);
    return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
  };
  const name = scalarString('license_name');
  const link = scalarString('license_link');
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === 'license');
  if (!pair) return [];
  const value = pair.value as YamlNode | null;
  const read = (tag: string): DeclaredLicense =>
    parseDeclared({
      value: tag,
      kind: 'hf-tag',
      ...(name !== undefined ? { name } : {}),
      ...(link !== undefined ? { link } : {}),
    });
  if (isScalar(value) && typeof value.value === 'string') {
    return collect([toMatch(read(value.value), linesOf(value, pair.key))]);
  }
  if (isSeq(value)) {
    // Some cards list several licences.
    const out: (LicenseMatch | undefined)[] = [];
    for (const item of value.items.slice(0, MAX_ENTRIES)) {
      if (isScalar(item) && typeof item.value === 'string')
        out.push(toMatch(read(item.value), linesOf(item)));
    }
    return collect(out);
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// XML (pom.xml, .nuspec)

/** Most elements read from an XML manifest; a hand-written pom has a few thousand. */
const MAX_XML_ELEMENTS = 100_000;
/** Deepest element nesting read from an XML manifest. */
const MAX_XML_DEPTH = 64;

/** An element of an XML manifest, as {@link scanXml} reads it. */
interface XmlElement {
  /** The name as written (`ns:license`), for matching the end tag. */
  readonly tag: string;
  /** The local name, namespace prefix dropped (`license`). */
  readonly name: string;
  /** Index of the parent element in the scan; -1 for the root. */
  readonly parent: number;
  readonly attributes: ReadonlyMap<string, string>;
  /** The element's own character data (CDATA included, entities decoded), not its children's. */
  text: string;
  readonly startLine: number;
  endLine: number;
}

/** An XML name (ASCII only: the element names the manifests use are). */
const XML_NAME = '[A-Za-z_][\\w.:-]*';
/**
 * A start tag at the scan position (sticky): name, attributes (quoted values without `<`, so a
 * `>` inside one does not end the tag), and `/` when it is empty. Each part is bounded by the
 * next token, so a failed match backtracks only within its tag.
 */
const XML_START_TAG = new RegExp(
  `<(${XML_NAME})((?:\\s+${XML_NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`,
  'y',
);
/** An end tag at the scan position (sticky). */
const XML_END_TAG = new RegExp(`</(${XML_NAME})\\s*>`, 'y');
/** One attribute of a start tag, its value single- or double-quoted. */
const XML_ATTRIBUTE = new RegExp(`(${XML_NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
/** A DOCTYPE, internal subset included; its entities are never expanded. */
const XML_DOCTYPE = /<!DOCTYPE(?:[^[>]|\[[^\]]*\])*>/y;

/**
 * The elements of a small XML file in document order: a scanner, not a parser, reading only
 * elements, attributes and character data. Written by hand because the manifests need each
 * element's lines (for the match's line range) and a guarantee that no entity is expanded; the
 * XML packages on npm either drop positions (fast-xml-parser) or stream events that would need
 * the same bookkeeping around them (sax). Comments, processing instructions and the DOCTYPE
 * are skipped; only the predefined and numeric entities are decoded, so no entity is ever
 * expanded. Undefined for anything not well formed (a truncated file, a mismatched end tag,
 * text outside the root) and beyond the element and depth bounds.
 */
function scanXml(text: string): XmlElement[] | undefined {
  const src = text.replace(/^\uFEFF/, '');
  const out: XmlElement[] = [];
  const stack: number[] = [];
  let line = 1;
  let counted = 0;
  /** Line of the character at `pos`; positions are asked in increasing order. */
  const lineAt = (pos: number): number => {
    for (; counted < pos; counted++) if (src.charCodeAt(counted) === 10) line++;
    return line;
  };
  let pos = 0;
  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    const chars = src.slice(pos, lt < 0 ? src.length : lt);
    const open = out[stack[stack.length - 1] ?? -1];
    if (open) open.text += decodeXml(chars);
    else if (chars.trim() !== '') return undefined;
    if (lt < 0) break;
    pos = lt;
    if (src.startsWith('<!--', pos)) {
      const close = src.indexOf('-->', pos + 4);
      if (close < 0) return undefined;
      pos = close + 3;
    } else if (src.startsWith('<![CDATA[', pos)) {
      const close = src.indexOf(']]>', pos + 9);
      if (close < 0 || !open) return undefined;
      open.text += src.slice(pos + 9, close);
      pos = close + 3;
    } else if (src.startsWith('<?', pos)) {
      const close = src.indexOf('?>', pos + 2);
      if (close < 0) return undefined;
      pos = close + 2;
    } else if (src.startsWith('<!', pos)) {
      XML_DOCTYPE.lastIndex = pos;
      if (out.length > 0 || !XML_DOCTYPE.test(src)) return undefined;
      pos = XML_DOCTYPE.lastIndex;
    } else if (src.startsWith('</', pos)) {
      XML_END_TAG.lastIndex = pos;
      const end = XML_END_TAG.exec(src);
      const index = stack.pop();
      const element = out[index ?? -1];
      if (!end || !element || element.tag !== end[1]) return undefined;
      pos = XML_END_TAG.lastIndex;
      element.endLine = lineAt(pos - 1);
    } else {
      XML_START_TAG.lastIndex = pos;
      const start = XML_START_TAG.exec(src);
      if (!start || (stack.length === 0 && out.length > 0)) return undefined;
      if (out.length >= MAX_XML_ELEMENTS || stack.length >= MAX_XML_DEPTH) return undefined;
      const tag = start[1] as string;
      const attributes = new Map<string, string>();
      for (const a of (start[2] as string).matchAll(XML_ATTRIBUTE)) {
        attributes.set(localName(a[1] as string), decodeXml(a[2] ?? a[3] ?? ''));
      }
      const startLine = lineAt(pos);
      pos = XML_START_TAG.lastIndex;
      out.push({
        tag,
        name: localName(tag),
        parent: stack[stack.length - 1] ?? -1,
        attributes,
        text: '',
        startLine,
        endLine: lineAt(pos - 1),
      });
      if (start[3] !== '/') stack.push(out.length - 1);
    }
  }
  return stack.length === 0 && out.length > 0 ? out : undefined;
}

/** `ns:license` → `license`. */
function localName(tag: string): string {
  return tag.slice(tag.indexOf(':') + 1);
}

/** The predefined XML entities and character references, decoded; anything else kept as is. */
function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  const named: Readonly<Record<string, string>> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
  };
  return s.replace(
    /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));/g,
    (all, name?: string, dec?: string, hex?: string) => {
      if (name !== undefined) return named[name] ?? all;
      const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    },
  );
}

/** Indexes of the children of element `parent` named `name` (local name), in document order. */
function childrenOf(elements: readonly XmlElement[], parent: number, name: string): number[] {
  const out: number[] = [];
  elements.forEach((e, i) => {
    if (e.parent === parent && e.name === name) out.push(i);
  });
  return out;
}

/** The text of the first child `name` of element `parent`, whitespace collapsed; undefined if empty. */
function childText(
  elements: readonly XmlElement[],
  parent: number,
  name: string,
): string | undefined {
  const index = childrenOf(elements, parent, name)[0];
  const value = elements[index ?? -1]?.text.replace(/\s+/g, ' ').trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * A Maven pom's own licences: the `<licenses>` element that is a direct child of `<project>`
 * (never one in a dependency, a plugin's configuration, a profile or the parent reference).
 * Maven's documentation: "If multiple licenses are listed, it is assumed that the user can
 * select any of them, not that they must accept all": one match `A OR B` on the lines of the
 * block.
 */
function fromPom(text: string): LicenseMatch[] {
  const xml = scanXml(text);
  if (!xml || xml[0]?.name !== 'project') return [];
  const block = childrenOf(xml, 0, 'licenses')[0];
  if (block === undefined) return [];
  const entries = childrenOf(xml, block, 'license');
  if (entries.length > MAX_ENTRIES) return [];
  const parts = entries.map((e) =>
    fromPomLicense(childText(xml, e, 'name'), childText(xml, e, 'url')),
  );
  return collect([toMatch(anyOf(parts), xml[block] as XmlElement)]);
}

/**
 * One Maven `<license>`: its `<name>` is free text ("The Apache Software License, Version
 * 2.0"), its `<url>` the address of the text. Exact (`declared`) when the name is an SPDX
 * expression or when the name's reading and the URL's licence agree; otherwise the name's
 * reading (or, without one, the URL's) as a hint, with the reason.
 */
function fromPomLicense(name: string | undefined, url: string | undefined): DeclaredLicense {
  const byName = parseDeclared({ value: name ?? '', kind: 'free-text' });
  const byUrl = url !== undefined ? licenseOfUrl(url) : undefined;
  const named = byName.expression;
  if (named === undefined) {
    if (byUrl === undefined) {
      const why = name !== undefined ? (byName.reason ?? 'not read') : 'the entry has no <name>';
      const noUrl = url !== undefined ? `; its <url> ${url} is no licence's own address` : '';
      return { ...byName, unknown: name ?? url ?? '', reason: `${why}${noUrl}` };
    }
    const unread =
      name !== undefined
        ? `the name "${name}" was not read (${byName.reason ?? 'no reason given'})`
        : 'the entry has no <name>';
    return {
      ...parseDeclared({ value: byUrl, kind: 'spdx-field' }),
      confidence: 'medium',
      reason: `Read from the licence URL ${url ?? ''} alone: ${unread}.`,
    };
  }
  if (byUrl === undefined) return byName;
  if (sameLicenseText(named, byUrl)) {
    return { expression: named, ids: byName.ids, confidence: 'declared' };
  }
  return {
    expression: named,
    ids: byName.ids,
    confidence: 'medium',
    reason: `The name "${name ?? ''}" reads as ${named}, but the URL ${url ?? ''} is that of ${byUrl}; reported as the name says.`,
  };
}

/**
 * Whether a licence name's reading and a licence URL's agree. A URL is the address of a text,
 * which is the same for a licence's "only" and "or later" forms (GPL-2.0-only, -or-later,
 * `+`): the name says which.
 */
function sameLicenseText(named: string, byUrl: string): boolean {
  const stem = (id: string): string => id.replace(/(?:-only|-or-later|\+)$/, '');
  return named === byUrl || (!/\s/.test(named) && stem(named) === stem(byUrl));
}

/** Where NuGet's licence service serves a licence expression: `https://licenses.nuget.org/MIT`. */
const NUGET_EXPRESSION_URL = /^https?:\/\/licenses\.nuget\.org\/([^?#]+)$/i;

/**
 * A NuGet .nuspec's `<metadata>`: `<license type="expression">` is an SPDX expression;
 * `type="file"` points at a file in the package and states nothing here. Without a
 * `<license>`, the deprecated `<licenseUrl>`: NuGet's own expression address
 * (licenses.nuget.org/EXPR) is the expression; another canonical licence address is a hint
 * (it may point at a copy that differs); any other address (a project's LICENSE link,
 * https://aka.ms/deprecateLicenseUrl) states nothing. `nuget pack` writes a licenseUrl next to
 * a `<license>` for old clients, so with a `<license>` the licenseUrl is not read.
 */
function fromNuspec(text: string): LicenseMatch[] {
  const xml = scanXml(text);
  if (!xml || xml[0]?.name !== 'package') return [];
  const metadata = childrenOf(xml, 0, 'metadata')[0];
  if (metadata === undefined) return [];
  const license = xml[childrenOf(xml, metadata, 'license')[0] ?? -1];
  if (license) {
    if (license.attributes.get('type')?.toLowerCase() !== 'expression') return [];
    return collect([toMatch(parseDeclared({ value: license.text, kind: 'spdx-field' }), license)]);
  }
  const at = xml[childrenOf(xml, metadata, 'licenseUrl')[0] ?? -1];
  const url = at?.text.trim();
  if (!at || !url) return [];
  const expression = NUGET_EXPRESSION_URL.exec(url)?.[1];
  if (expression !== undefined) {
    let value: string;
    try {
      value = decodeURIComponent(expression);
    } catch {
      return [];
    }
    return collect([toMatch(parseDeclared({ value, kind: 'spdx-field' }), at)]);
  }
  const id = licenseOfUrl(url);
  if (id === undefined) return [];
  const read = parseDeclared({ value: id, kind: 'spdx-field' });
  return collect([
    toMatch(
      {
        ...read,
        confidence: 'medium',
        reason: `Read from licenseUrl ${url}, the address of ${id}'s text; licenseUrl is deprecated and may point at a copy that differs.`,
      },
      at,
    ),
  ]);
}
