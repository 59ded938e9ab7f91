/**
 * Debian machine-readable copyright files (DEP-5,
 * https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/): a `License:` field names
 * the licence of a group of files by a short name ("GPL-2+", "Expat", a name of the file's own
 * such as "Less"); a field whose first line is followed by indented lines gives that name's text.
 * Written by hand: no maintained npm library parses the format.
 */
import { parseExpression } from '../declared/spdx.js';
import { EXCEPTION_RULES } from './names.js';

/** The first line of a DEP-5 file. */
export const DEP5 =
  /^\s*format:\s*https?:\/\/(?:www\.)?debian\.org\/doc\/packaging-manuals\/copyright-format\//im;

/** Whether `text` is a DEP-5 file (its Format line near the top). */
export function isDep5(text: string): boolean {
  return DEP5.test(text.slice(0, 2_000));
}

/** A `License:` field with its text: the name, and the lines (1-based) of the text. */
export interface Dep5LicenceText {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** The licence texts of a DEP-5 file: the `License:` fields continued by indented lines. */
export function dep5LicenceTexts(text: string): Dep5LicenceText[] {
  return dep5Fields(text)
    .filter((f) => f.end > f.line)
    .map((f) => ({ name: f.value, startLine: f.line + 1, endLine: f.end }));
}

/** The short names a DEP-5 file gives a text of, compared as dep5Name. */
export function dep5DefinedNames(text: string): Set<string> {
  return new Set(dep5LicenceTexts(text).map((t) => dep5Name(t.name)));
}

/** A short name as compared: lower case, spaces collapsed. */
export function dep5Name(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A `License:` field: its first line's value, its line and its last line (1-based). */
export interface Dep5Field {
  readonly value: string;
  readonly line: number;
  /** The last line of the field's text (indented lines after it), or `line`. */
  readonly end: number;
}

/** Most `License:` fields read from one file. */
const MAX_FIELDS = 500;

/** The `License:` fields of a DEP-5 file (empty when it is none). */
export function dep5Fields(text: string): Dep5Field[] {
  if (!isDep5(text)) return [];
  const out: Dep5Field[] = [];
  const lines = text.split(/\r\n?|\n/);
  for (let i = 0; i < lines.length && out.length < MAX_FIELDS; i++) {
    // (Greedy to the line's end, trimmed after: a lazy match before trailing spaces is
    // quadratic in the line.)
    const field = /^License:[ \t]*(\S.*)$/i.exec(lines[i] as string);
    if (!field) continue;
    let end = i;
    while (end + 1 < lines.length && /^[ \t]/.test(lines[end + 1] as string)) end++;
    out.push({ value: (field[1] as string).trimEnd(), line: i + 1, end: end + 1 });
  }
  return out;
}

/**
 * What a `License:` field's value states: the SPDX expression of the licences it names, and
 * whether that is all of it (`complete`), only some of its choices (`choice`: "GPL-3+ or Less",
 * Less a text the file gives), or part of something more (`part`: an exception openvet cannot
 * name).
 */
export interface Dep5Statement {
  readonly expression: string;
  readonly reading: 'complete' | 'choice' | 'part';
  /** Why the reading is not complete. */
  readonly reason?: string;
}

interface Node {
  /** SPDX expression of what is read. */
  readonly expression?: string;
  /** A choice offers a name the file gives a text of (read there, on its own). */
  readonly choiceOfDefined?: boolean;
  /** The words of an exception openvet cannot name. */
  readonly unnamedException?: string;
}

/** Most licences read from one field. */
const MAX_ITEMS = 16;

/**
 * Reads a `License:` value: Debian's short names (DEP-5 § "License specification": "GPL-2+",
 * "Expat", "Perl", "GFDL-NIV-1.2+", "Zope-2.1"), SPDX ids in any case, "with X exception", and
 * the grouping rules ("A or B and C" is A or (B and C); "A or B, and C" is (A or B) and C;
 * "and/or", either or both, a choice). Names the file gives a text of (`defined`) are read
 * there, on their own. Undefined when a name is none of these ("MIT/X11", "BSD-3", "GPL3+"):
 * the prose rules read such a field.
 */
export function readDep5License(
  value: string,
  defined: ReadonlySet<string>,
): Dep5Statement | undefined {
  const v = value.replace(/\s+/g, ' ').trim();
  const groups = v
    .replace(/\s+and\/or\s+/gi, ' or ')
    .split(/\s*,\s*and\s+/i)
    .map((g) => g.split(/\s+or\s+/i).map((alt) => alt.split(/\s+and\s+/i)));
  if (groups.flat(2).length > MAX_ITEMS) return undefined;
  const read = groups.map((alts) => alts.map((parts) => parts.map((p) => readItem(p, defined))));
  if (read.flat(2).includes(undefined)) return undefined;
  const top = join(
    (read as (Node | 'defined')[][][]).map((alts) =>
      join(
        alts.map((parts) => join(parts, 'AND')),
        'OR',
      ),
    ),
    'AND',
  );
  if (top === 'defined' || top.expression === undefined) return undefined;
  const expression = unwrap(top.expression);
  if (top.unnamedException !== undefined)
    return {
      expression,
      reading: 'part',
      reason: `"${v}" names an exception openvet cannot name (${top.unnamedException}): the licence is ${expression} WITH that exception.`,
    };
  if (top.choiceOfDefined === true)
    return {
      expression,
      reading: 'choice',
      reason: `"${v}" also offers a licence whose text the file gives: ${expression} is one of the choices.`,
    };
  return { expression, reading: 'complete' };
}

/**
 * `nodes` joined with `op`. A name the file gives a text of adds that text's licence, read on
 * its own: "and" leaves it out, "or" makes what is read one of the choices.
 */
function join(nodes: readonly (Node | 'defined')[], op: 'AND' | 'OR'): Node | 'defined' {
  const read = nodes.filter((n): n is Node => n !== 'defined');
  if (read.length === 0) return 'defined';
  // (Each licence once: "Apache-2.0, and Apache-2.0 or Boost-1.0", Boost-1.0 a text of the file's.)
  const parts = [
    ...new Set(read.flatMap((n) => (n.expression === undefined ? [] : [n.expression]))),
  ];
  const expression =
    parts.length <= 1
      ? parts[0]
      : (op === 'AND'
          ? parts.map((p) => (/ OR /.test(p) ? `(${unwrap(p)})` : p))
          : parts.map(unwrap)
        ).join(` ${op} `);
  const exception = read.find((n) => n.unnamedException !== undefined)?.unnamedException;
  return {
    ...(expression === undefined ? {} : { expression }),
    ...(exception === undefined ? {} : { unnamedException: exception }),
    ...((op === 'OR' && read.length < nodes.length) || read.some((n) => n.choiceOfDefined)
      ? { choiceOfDefined: true }
      : {}),
  };
}

/** An expression without the parentheses around the whole of it. */
function unwrap(expression: string): string {
  return /^\(.*\)$/.test(expression) && parseExpression(expression.slice(1, -1)) !== undefined
    ? expression.slice(1, -1)
    : expression;
}

/**
 * One licence of a field: a short name, perhaps "with X exception" (a short name the file also
 * gives a text of, "GPL-2+" and Debian's pointer to its copy, is that licence); 'defined' for
 * another name the file gives a text of, undefined for a name openvet cannot read.
 */
function readItem(item: string, defined: ReadonlySet<string>): Node | 'defined' | undefined {
  const m = /^(\S+)(?:\s+with\s+(.+?))?$/i.exec(item.trim());
  const id = m ? debianId(m[1] as string) : undefined;
  if (m === null || id === undefined) return defined.has(dep5Name(item)) ? 'defined' : undefined;
  const exceptionWords = m[2];
  if (exceptionWords === undefined) return { expression: id };
  // An exception openvet cannot name, or names only loosely ("autoconf exception": SPDX has
  // five), in a name the file gives a text of: the text says which (the prose rules read the
  // field, and the exception's text is matched on its own).
  const exception = exceptionId(exceptionWords);
  const loose = EXCEPTION_RULES.some((e) => e.re.test(exceptionWords.toLowerCase()));
  if ((exception === undefined || loose) && defined.has(dep5Name(item))) return undefined;
  if (exception === undefined || / OR /.test(id))
    return { expression: id, unnamedException: exceptionWords };
  return { expression: `${id} WITH ${exception}` };
}

/**
 * Debian's short names that are no SPDX id, to SPDX (DEP-5 § "License short name"), written by
 * the team; the version after the last "-", "+" for "or any later version".
 */
function debianId(name: string): string | undefined {
  const n = name.toLowerCase();
  const gnu = /^(a|l)?gpl-(\d+)(?:\.(\d+))?(\+)?$/.exec(n);
  if (gnu) {
    const id = `${(gnu[1] ?? '').toUpperCase()}GPL-${gnu[2]}.${gnu[3] ?? '0'}-${gnu[4] ? 'or-later' : 'only'}`;
    return parseExpression(id)?.expression;
  }
  const fdl = /^gfdl(-niv)?-(\d\.\d)(\+)?$/.exec(n);
  if (fdl)
    return parseExpression(
      `GFDL-${fdl[2]}${fdl[1] ? '-no-invariants' : ''}-${fdl[3] ? 'or-later' : 'only'}`,
    )?.expression;
  if (n === 'expat') return 'MIT';
  // "Same terms as Perl itself": the Artistic licence or the GPL, any version.
  if (n === 'perl') return 'Artistic-1.0-Perl OR GPL-1.0-or-later';
  const zope = /^zope-(\d\.\d)$/.exec(n);
  if (zope) return parseExpression(`ZPL-${zope[1]}`)?.expression;
  const apache = /^apache-(\d)(?:\.0)?$/.exec(n);
  if (apache) return parseExpression(`Apache-${apache[1]}.0`)?.expression;
  if (n === 'cc0') return 'CC0-1.0';
  // Otherwise an SPDX id ("BSD-3-clause", "ISC", "Zlib"), not an expression.
  const parsed = parseExpression(name);
  return parsed !== undefined && !/\s/.test(parsed.expression) ? parsed.expression : undefined;
}

/** The SPDX exception "with X" names ("Autoconf exception", "Font-exception-2.0"). */
function exceptionId(words: string): string | undefined {
  const w = words.toLowerCase().trim();
  // Debian's name for GCC's runtime library exception.
  if (/^gcc[- ]runtime(?:[- ]library)?(?:-3\.1)?[- ]exception$/.test(w)) return 'GCC-exception-3.1';
  const ruled = EXCEPTION_RULES.find((e) => e.re.test(/exception/.test(w) ? w : `${w} exception`));
  if (ruled) return ruled.id;
  // The name as an id ("Linux-syscall-note", "Font-exception-2.0"), with "-exception"
  // ("Libtool" → Libtool-exception), or with the version last ("Bison-2.2" →
  // Bison-exception-2.2, as SPDX writes it).
  const name = w.replace(/\s+exception$/, '').replace(/\s+/g, '-');
  const versioned = /^(.+?)-(\d+(?:\.\d+)*)$/.exec(name);
  const candidates = [
    name,
    `${name}-exception`,
    ...(versioned ? [`${versioned[1]}-exception-${versioned[2]}`] : []),
  ];
  for (const id of candidates) {
    const parsed = parseExpression(`MIT WITH ${id}`);
    if (parsed) return parsed.expression.replace(/^MIT WITH /, '');
  }
  return undefined;
}
