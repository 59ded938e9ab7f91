/**
 * Licences declared in package manifests and model cards: package.json `license`/`licenses`,
 * pyproject.toml (`[project]`, `[tool.poetry]`, trove classifiers), Cargo.toml, setup.cfg,
 * PKG-INFO/METADATA headers and the YAML front matter of a model card README. Each declared
 * field becomes a {@link LicenseMatch} on the line(s) of that field, `via: 'declared'`.
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

/** Largest manifest read (bytes of text); bigger files are not manifests anyone writes by hand. */
export const MAX_MANIFEST_LENGTH = 1_000_000;
/** Largest model-card front matter read. */
export const MAX_FRONT_MATTER_LENGTH = 64_000;
/** Most classifiers (or model-card licence entries) read from one file. */
const MAX_ENTRIES = 64;
/** Most header lines read from PKG-INFO/METADATA (the headers come first, the body after). */
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
    }
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
  const reason =
    declared.reason ??
    (declared.corrected !== undefined
      ? `Declared as "${declared.corrected.from}", which is not an SPDX expression; read as ${declared.corrected.to}, a correction, not what the file states.`
      : undefined);
  return {
    license: declared.expression,
    confidence: medium ? 'medium' : 'high',
    score: medium ? 0.5 : 1,
    startLine: lines.startLine,
    endLine: lines.endLine,
    via: 'declared',
    ...(reason !== undefined ? { reason } : {}),
  };
}

function collect(items: readonly (LicenseMatch | undefined)[]): LicenseMatch[] {
  return items.filter((m): m is LicenseMatch => m !== undefined);
}

// ---------------------------------------------------------------------------------------------
// package.json

function fromPackageJsonText(text: string): LicenseMatch[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  const record = data as Record<string, unknown>;
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
  const doc = parseDocument(yamlText, { lineCounter: counter, uniqueKeys: false });
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
