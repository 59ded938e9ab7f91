/**
 * SPDX licence expressions as sources state them: strict parsing (with the canonical case of
 * ids and operators), and, separately, correction of near-misses at `medium` confidence.
 *
 * Parsing is `spdx-expression-parse`; correction is `spdx-correct`. What is written by hand
 * here is only what neither library does: restoring canonical case (SPDX ids match
 * case-insensitively, the parser does not), re-serialising the parse tree, bounding hostile
 * input before the (recursive) parser sees it, and refusing the guesses `spdx-correct` makes
 * for names that carry no version ("BSD", "GPL", "Apache").
 */
import { createRequire } from 'node:module';
import parseSpdx from 'spdx-expression-parse';
import { EXCEPTION_RULES } from '../exceptions/rules.js';
import spdxCorrect from 'spdx-correct';

/** Longest expression handed to the parser; real declared expressions are far shorter. */
export const MAX_EXPRESSION_LENGTH = 2048;
/** Token and nesting limits, so a hostile string cannot blow the parser's recursion. */
const MAX_TOKENS = 200;
const MAX_DEPTH = 32;
/** Longest string offered to `spdx-correct`: anything longer is licence text, not a name. */
export const MAX_CORRECTABLE_LENGTH = 200;

// The case map is built from the very lists the parser validates against (its own
// dependencies, resolved from its location so a nested install is still found), so an id
// is canonicalised exactly when the parser would accept it.
const requireFromParser = createRequire(
  createRequire(import.meta.url).resolve('spdx-expression-parse'),
);
function loadList(path: string): string[] {
  return requireFromParser(path) as string[];
}
const DEPRECATED_IDS: ReadonlySet<string> = new Set(loadList('spdx-license-ids/deprecated.json'));
const LICENSE_IDS: readonly string[] = [
  ...loadList('spdx-license-ids/index.json'),
  ...DEPRECATED_IDS,
];

/** Whether `id` is a deprecated SPDX licence id (`GPL-2.0`, `BSD-2-Clause-NetBSD`), exact case. */
export function isDeprecatedId(id: string): boolean {
  return DEPRECATED_IDS.has(id);
}
const EXCEPTION_IDS: readonly string[] = [
  ...loadList('spdx-exceptions/index.json'),
  ...loadList('spdx-exceptions/deprecated.json'),
];
/**
 * SPDX exceptions newer than the `spdx-exceptions` list the parser checks against (its last
 * release predates them): the ids openvet's exception rules know.
 */
const NEWER_EXCEPTIONS: ReadonlySet<string> = new Set(
  EXCEPTION_RULES.map((r) => r.id).filter((id) => !EXCEPTION_IDS.includes(id)),
);
/** Exceptions the parser rejects (it reads the current list only): newer and deprecated ones. */
const PARSER_EXCEPTIONS: ReadonlySet<string> = new Set(loadList('spdx-exceptions/index.json'));
function isKnownException(id: string): boolean {
  return EXCEPTION_IDS.includes(id) || NEWER_EXCEPTIONS.has(id);
}
/** A listed exception that stands in for a newer one while the parser runs. */
const STAND_IN = 'Classpath-exception-2.0';
const CANONICAL = new Map<string, string>();
for (const id of [...EXCEPTION_IDS, ...NEWER_EXCEPTIONS, ...LICENSE_IDS]) {
  CANONICAL.set(id.toLowerCase(), id);
}

/** Whether `id` is an SPDX exception id (current, newer or deprecated), any case. */
export function isSpdxExceptionId(id: string): boolean {
  const canonical = CANONICAL.get(id.toLowerCase());
  return (
    canonical !== undefined &&
    (EXCEPTION_IDS.includes(canonical) || NEWER_EXCEPTIONS.has(canonical))
  );
}

/** Whether `id` is an SPDX licence id (current or deprecated), exact case. */
export function isSpdxLicenseId(id: string): boolean {
  return (
    CANONICAL.get(id.toLowerCase()) === id &&
    !EXCEPTION_IDS.includes(id) &&
    !NEWER_EXCEPTIONS.has(id)
  );
}

/** A parsed expression: canonical string and the licence ids it names (sorted, unique). */
export interface ParsedExpression {
  readonly expression: string;
  readonly ids: readonly string[];
}

const REF = /^(documentref-[A-Za-z0-9.-]+:)?licenseref-([A-Za-z0-9.-]+)$/i;

/** Restore canonical case of ids, refs and operators; undefined when outside the grammar. */
function canonicalCase(input: string): string | undefined {
  const re = /\s*(?:(\()|(\))|([A-Za-z0-9.+:-]+))/y;
  const out: string[] = [];
  let pos = 0;
  let depth = 0;
  while (pos < input.length) {
    re.lastIndex = pos;
    const m = re.exec(input);
    if (m === null) {
      if (/^\s*$/.test(input.slice(pos))) break;
      return undefined;
    }
    pos = re.lastIndex;
    if (out.length >= MAX_TOKENS) return undefined;
    if (m[1] !== undefined) {
      depth += 1;
      if (depth > MAX_DEPTH) return undefined;
      out.push('(');
      continue;
    }
    if (m[2] !== undefined) {
      depth -= 1;
      out.push(')');
      continue;
    }
    const word = m[3] ?? '';
    const lower = word.toLowerCase();
    if (lower === 'and' || lower === 'or' || lower === 'with') {
      out.push(lower.toUpperCase());
      continue;
    }
    const ref = REF.exec(word);
    if (ref !== null) {
      const doc = ref[1] === undefined ? '' : `DocumentRef-${ref[1].slice('documentref-'.length)}`;
      out.push(`${doc}LicenseRef-${ref[2] ?? ''}`);
      continue;
    }
    const plus = word.endsWith('+') && !CANONICAL.has(lower) ? '+' : '';
    const bare = plus === '' ? lower : lower.slice(0, -1);
    out.push((CANONICAL.get(bare) ?? word.slice(0, word.length - plus.length)) + plus);
  }
  return out.join(' ');
}

type Node = parseSpdx.Info;

function serialise(node: Node, parent: 'and' | 'or' | undefined): string {
  if ('conjunction' in node) {
    const text = `${serialise(node.left, node.conjunction)} ${node.conjunction.toUpperCase()} ${serialise(node.right, node.conjunction)}`;
    // AND binds tighter than OR, so only an OR inside an AND needs parentheses.
    return parent === 'and' && node.conjunction === 'or' ? `(${text})` : text;
  }
  const plus = node.plus === true ? '+' : '';
  const exception = node.exception === undefined ? '' : ` WITH ${node.exception}`;
  return `${node.license}${plus}${exception}`;
}

function collectIds(node: Node, into: Set<string>): void {
  if ('conjunction' in node) {
    collectIds(node.left, into);
    collectIds(node.right, into);
  } else {
    into.add(node.license);
  }
}

/** Puts the exceptions back in the tree's leaves, left to right (the order they were written). */
function restoreExceptions(tree: Node, exceptions: string[]): void {
  const walk = (node: Node): void => {
    if ('conjunction' in node) {
      walk(node.left);
      walk(node.right);
    } else if (node.exception !== undefined) {
      node.exception = exceptions.shift() ?? node.exception;
    }
  };
  walk(tree);
}

/**
 * Parse a strict SPDX expression (ids in any case, operators in any case); undefined when it
 * is not one. Deprecated ids (`GPL-2.0`, `GPL-2.0+`) are valid SPDX and are kept as written.
 */
export function parseExpression(input: string): ParsedExpression | undefined {
  const tree = parseSpdxTree(input);
  if (tree === undefined) return undefined;
  const ids = new Set<string>();
  collectIds(tree, ids);
  return { expression: serialise(tree, undefined), ids: [...ids].sort() };
}

/**
 * The `spdx-expression-parse` tree of a strict SPDX expression (ids in any case, canonical case
 * in the tree), accepting the SPDX exceptions newer than the parser's list; undefined when it is
 * not one.
 */
export function parseSpdxTree(input: string): Node | undefined {
  if (input.length > MAX_EXPRESSION_LENGTH) return undefined;
  const cased = canonicalCase(input);
  if (cased === undefined || cased === '') return undefined;
  // Every exception in order, and the text with the newer ones replaced by a stand-in.
  const exceptions = [...cased.matchAll(/ WITH (\S+)/g)].map((m) => m[1] as string);
  const parsable = cased.replace(/ WITH (\S+)/g, (all, id: string) =>
    PARSER_EXCEPTIONS.has(id) || !isKnownException(id) ? all : ` WITH ${STAND_IN}`,
  );
  let tree: Node;
  try {
    tree = parseSpdx(parsable);
  } catch {
    return undefined;
  }
  if (parsable !== cased) restoreExceptions(tree, exceptions);
  return tree;
}

/** The outcome of correcting one licence name. */
export type Correction =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'ambiguous'; readonly reason: string }
  | { readonly kind: 'none' };

/** `id` with its version replaced by `version` ("EPL-1.0", "2" → "EPL-2.0"), if SPDX lists it. */
function sameLicenseAt(id: string, version: string): string | undefined {
  const m = /^(.*?-)(\d+(?:\.\d+)*)(-only|-or-later)?$/.exec(id);
  if (!m) return undefined;
  const dotted = version.includes('.') ? version : `${version}.0`;
  const candidate = `${m[1] as string}${dotted}${m[3] ?? ''}`;
  const parsed = parseExpression(candidate);
  return parsed !== undefined && parsed.expression === candidate ? candidate : undefined;
}

/** The versions a string states, trailing ".0"s dropped: "v 2.0" → 2, "EPL-1.0" → 1, "2.1" → 2.1. */
function numbers(s: string): Set<string> {
  return new Set(
    (s.match(/\d+(?:\.\d+)*/g) ?? []).map((n) =>
      n
        .split('.')
        .map((p) => String(Number(p)))
        .join('.')
        .replace(/(?:\.0)+$/, ''),
    ),
  );
}

// Names that fix a BSD variant by word rather than by number.
const BSD_QUALIFIERS: readonly (readonly [RegExp, string])[] = [
  [/\b(simplified|freebsd)\b/i, 'BSD-2-Clause'],
  [/\b(new|revised|modified)\b/i, 'BSD-3-Clause'],
  [/\bclear\b/i, 'BSD-3-Clause-Clear'],
];

const NAME_CHARS = /^[A-Za-z0-9 .,+()/'"-]+$/;
const MAX_NAME_WORDS = 10;

const OR_LATER = /\+|\blater\b|\bnewer\b/i;

/**
 * Correct one misspelt licence name with `spdx-correct`, refusing its guesses: a version the
 * name does not state ("BSD" → BSD-2-Clause, "GPL" → GPL-3.0-or-later) is ambiguous, and an
 * "or later" the name does not state is turned back into "-only" (SPDX's own reading of the
 * deprecated `GPL-3.0`).
 */
export function correctName(name: string): Correction {
  if (name.length > MAX_CORRECTABLE_LENGTH) return { kind: 'none' };
  // spdx-correct finds a licence name anywhere in its input ("MIT; rm -rf /" → MIT), so only
  // strings made of what licence names are made of are offered to it.
  if (!NAME_CHARS.test(name) || name.split(/\s+/).length > MAX_NAME_WORDS) return { kind: 'none' };
  let id: string | null;
  try {
    id = spdxCorrect(name);
  } catch {
    return { kind: 'none' };
  }
  if (id === null) {
    // "ISC License", "The MIT Licence": the id plus filler words spdx-correct does not strip.
    const bare = name.replace(/\b(?:the|licen[cs]e)\b/gi, '').trim();
    const exact = bare === '' || bare === name ? undefined : parseExpression(bare);
    return exact !== undefined && exact.ids.length === 1 && !/\s/.test(exact.expression)
      ? { kind: 'id', id: exact.expression }
      : { kind: 'none' };
  }
  const stated = numbers(name);
  const implied = numbers(id);
  const qualified = BSD_QUALIFIERS.some(([re, to]) => re.test(name) && to === id);
  if (implied.size > 0 && !qualified && ![...implied].some((n) => stated.has(n))) {
    // A version stated that spdx-correct's answer does not have ("Eclipse Public License - v
    // 2.0" → EPL-1.0): the same licence at the stated version, when SPDX lists it.
    const restated = stated.size === 1 ? sameLicenseAt(id, [...stated][0] as string) : undefined;
    if (restated !== undefined) return { kind: 'id', id: restated };
    return {
      kind: 'ambiguous',
      reason: `"${name}" names a licence family without saying which version or variant; spdx-correct would guess ${id}, which the source does not state`,
    };
  }
  if (id.endsWith('-or-later') && !OR_LATER.test(name)) {
    id = `${id.slice(0, -'-or-later'.length)}-only`;
  } else if (id.endsWith('-only') && OR_LATER.test(name)) {
    id = `${id.slice(0, -'-only'.length)}-or-later`;
  }
  return { kind: 'id', id };
}
