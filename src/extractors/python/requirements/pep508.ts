/**
 * A small PEP 508 dependency-specifier parser (https://peps.python.org/pep-0508/).
 *
 * Hand-written because no installed library parses PEP 508. The one maintained npm package
 * that does (`pip-requirements-js`, an Ohm grammar) is not a dependency of this project, and
 * it would still need pip's line handling around it (options, continuations, editables, bare
 * URLs and paths), which is most of the work. This parser only splits a specifier into its
 * parts; it never evaluates markers.
 */

/** One `op version` clause of a version specifier. */
export interface SpecifierClause {
  readonly op: string;
  readonly version: string;
}

/** A parsed PEP 508 requirement. */
export interface Pep508Requirement {
  readonly name: string;
  readonly extras: readonly string[];
  /** Version clauses, in source order (empty for a URL requirement or a bare name). */
  readonly clauses: readonly SpecifierClause[];
  /** The URL of a `name @ url` direct reference. */
  readonly url?: string;
  /** The environment marker after `;`, trimmed, not evaluated. */
  readonly marker?: string;
}

/** PEP 508 names: ASCII letters and digits, with `.`, `-`, `_` only in the middle. */
const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const NAME_PREFIX_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
/** Longest operators first so that `===` is not read as `==` followed by `=`. */
const OPERATORS = ['===', '==', '!=', '<=', '>=', '~=', '<', '>'] as const;
/** A version token: anything up to whitespace, `,`, `;` or `)`. Validated by `exactVersion`. */
const VERSION_TOKEN_RE = /^[^\s,;()]+/;
/**
 * What a version after an operator other than `===` may hold: PEP 440 characters, `*`, and a
 * `${VAR}` pip left unexpanded (reported by the caller; the clause then pins nothing).
 */
const VERSION_CHARS_RE = /^(?:[A-Za-z0-9._*+!-]|\$\{[A-Z0-9_]+\})+$/;
/** PEP 440 public/local version characters (no wildcard): what may be reported as a version. */
const PLAIN_VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._!+-]*$/;

/** Whether `name` is a valid PEP 508 project name. */
export function isValidName(name: string): boolean {
  return NAME_RE.test(name);
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/**
 * Parse `[a, b]` at `i` (which points at `[`). Returns the extras and the index after `]`,
 * or an error message.
 */
export function parseExtras(text: string, i: number): { extras: string[]; end: number } | string {
  const close = text.indexOf(']', i);
  if (close < 0) return 'an extras list `[` is not closed with `]`';
  const inner = text.slice(i + 1, close).trim();
  const extras: string[] = [];
  if (inner !== '') {
    for (const part of inner.split(',')) {
      const extra = part.trim();
      if (!isValidName(extra)) return `\`${extra}\` is not a valid extra name`;
      extras.push(extra);
    }
  }
  return { extras, end: close + 1 };
}

/**
 * Parse one PEP 508 requirement (`name[extras] specifier ; marker` or
 * `name[extras] @ url ; marker`). Returns the requirement or a message saying what was wrong.
 */
export function parseRequirement(input: string): Pep508Requirement | string {
  const text = input.trim();
  const nameMatch = NAME_PREFIX_RE.exec(text);
  if (nameMatch === null) return 'expected a package name at the start';
  const name = nameMatch[0];
  let i = skipSpaces(text, name.length);
  let extras: string[] = [];
  if (text[i] === '[') {
    const parsed = parseExtras(text, i);
    if (typeof parsed === 'string') return parsed;
    extras = parsed.extras;
    i = skipSpaces(text, parsed.end);
  }

  if (text[i] === '@') {
    i = skipSpaces(text, i + 1);
    const urlMatch = /^\S+/.exec(text.slice(i));
    if (urlMatch === null) return 'expected a URL after `@`';
    const url = urlMatch[0];
    i += url.length;
    const rest = text.slice(i);
    if (rest.trim() === '') return { name, extras, clauses: [], url };
    // PEP 508: a marker after a URL must be separated from it by whitespace.
    const markerMatch = /^\s+;(.*)$/s.exec(rest);
    if (markerMatch === null) return `unexpected text \`${rest.trim()}\` after the URL`;
    const marker = (markerMatch[1] ?? '').trim();
    if (marker === '') return 'expected an environment marker after `;`';
    return { name, extras, clauses: [], url, marker };
  }

  const clauses: SpecifierClause[] = [];
  let parenthesised = false;
  if (text[i] === '(') {
    parenthesised = true;
    i = skipSpaces(text, i + 1);
  }
  if (OPERATORS.some((op) => text.startsWith(op, i))) {
    for (;;) {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (op === undefined)
        return `expected a version operator (==, >=, …) at \`${text.slice(i)}\``;
      i = skipSpaces(text, i + op.length);
      const versionMatch = VERSION_TOKEN_RE.exec(text.slice(i));
      if (versionMatch === null) return `expected a version after \`${op}\``;
      if (op !== '===' && !VERSION_CHARS_RE.test(versionMatch[0])) {
        return `\`${versionMatch[0]}\` is not a version`;
      }
      clauses.push({ op, version: versionMatch[0] });
      i = skipSpaces(text, i + versionMatch[0].length);
      if (text[i] !== ',') break;
      i = skipSpaces(text, i + 1);
    }
  }
  if (parenthesised) {
    if (text[i] !== ')') return 'a version specifier `(` is not closed with `)`';
    i = skipSpaces(text, i + 1);
  }

  if (i >= text.length) return { name, extras, clauses };
  if (text[i] !== ';') return `unexpected text \`${text.slice(i)}\` after the version specifier`;
  const marker = text.slice(i + 1).trim();
  if (marker === '') return 'expected an environment marker after `;`';
  return { name, extras, clauses, marker };
}

/**
 * The exact version a specifier pins, if any: the first `==` clause without a wildcard, or
 * an `===` clause. `==1.2.*` and ranges pin nothing.
 */
export function exactVersion(clauses: readonly SpecifierClause[]): string | undefined {
  for (const { op, version } of clauses) {
    if ((op === '==' || op === '===') && PLAIN_VERSION_RE.test(version)) return version;
  }
  return undefined;
}

/** The specifier as one string without spaces, e.g. `>=2.8.1,==2.8.*`. */
export function formatSpecifier(clauses: readonly SpecifierClause[]): string {
  return clauses.map((c) => `${c.op}${c.version}`).join(',');
}
