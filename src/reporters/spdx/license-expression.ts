/**
 * Classify a declared licence string for the SBOM reporters: one SPDX licence id, a valid SPDX
 * licence expression, free text, or nothing.
 *
 * Written by hand because `spdx-expression-parse` (the parser the CycloneDX library suggests)
 * is not installed; the id list is the CycloneDX library's bundled SPDX list
 * (`SPDX.fixupSpdxId`), so ids stay in step with what the CycloneDX schema accepts. The check
 * is deliberately conservative: anything that does not parse as SPDX 2.3 Annex D grammar with
 * known ids is treated as free text, so a reporter never claims a licence the source did not
 * state.
 */
import { SPDX } from '@cyclonedx/cyclonedx-library';

/** What a declared licence string is, for the reporters. */
export type LicenseChoice =
  /** One SPDX licence id, canonical case (`MIT`). */
  | { readonly kind: 'id'; readonly id: string }
  /**
   * A compound SPDX expression with canonical ids and upper-case operators
   * (`MIT OR Apache-2.0`); `licenseRefs` lists the `LicenseRef-…` ids it uses, sorted.
   */
  | {
      readonly kind: 'expression';
      readonly expression: string;
      readonly licenseRefs: readonly string[];
    }
  /** Not SPDX: the raw statement (trimmed). */
  | { readonly kind: 'text'; readonly text: string }
  /** Empty, or a placeholder meaning "not stated". */
  | { readonly kind: 'none' };

/** Inputs longer than this are never parsed as expressions (real ones are far shorter). */
const MAX_EXPRESSION_LENGTH = 2048;
/** Parenthesis nesting limit, so a hostile string cannot blow the stack. */
const MAX_DEPTH = 32;

const PLACEHOLDERS = new Set(['', 'NOASSERTION', 'NONE', 'UNKNOWN']);
const IDSTRING = /^[A-Za-z0-9.-]+$/;
const LICENSE_REF = /^LicenseRef-[A-Za-z0-9.-]+$/;

type Token =
  | { readonly t: 'open' }
  | { readonly t: 'close' }
  | { readonly t: 'op'; readonly op: 'AND' | 'OR' | 'WITH' }
  | { readonly t: 'word'; readonly word: string };

/** Split into tokens; undefined when a character outside the grammar appears. */
function tokenize(input: string): Token[] | undefined {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|([A-Za-z0-9.+:-]+))/y;
  let pos = 0;
  while (pos < input.length) {
    re.lastIndex = pos;
    const m = re.exec(input);
    if (m === null) return /^\s*$/.test(input.slice(pos)) ? tokens : undefined;
    pos = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ t: 'open' });
    else if (m[2] !== undefined) tokens.push({ t: 'close' });
    else {
      const word = m[3] ?? '';
      // SPDX 2.3 Annex D matches operators case-sensitively; all-lower-case is accepted as
      // well (SPDX 3 allows it and it is common in the wild), then written upper-case.
      if (word === 'AND' || word === 'and') tokens.push({ t: 'op', op: 'AND' });
      else if (word === 'OR' || word === 'or') tokens.push({ t: 'op', op: 'OR' });
      else if (word === 'WITH' || word === 'with') tokens.push({ t: 'op', op: 'WITH' });
      else tokens.push({ t: 'word', word });
    }
  }
  return tokens;
}

/** A licence id (optionally with `+`) or a LicenseRef, canonicalised; undefined if unknown. */
function simpleExpression(word: string, refs: Set<string>): string | undefined {
  if (LICENSE_REF.test(word)) {
    refs.add(word);
    return word;
  }
  const whole = SPDX.fixupSpdxId(word);
  // Deprecated ids such as `GPL-2.0+` are list entries in their own right.
  if (whole !== undefined) return whole;
  if (word.endsWith('+')) {
    const base = word.slice(0, -1);
    if (!IDSTRING.test(base)) return undefined;
    const id = SPDX.fixupSpdxId(base);
    return id === undefined ? undefined : `${id}+`;
  }
  return undefined;
}

/**
 * Recursive-descent parser over the token list (precedence WITH > AND > OR), bounded by
 * MAX_DEPTH. Produces the canonical text or undefined when the input is not an expression.
 */
function parse(tokens: readonly Token[], refs: Set<string>): string | undefined {
  let i = 0;

  function primary(depth: number): string | undefined {
    const tok = tokens[i];
    if (tok === undefined) return undefined;
    if (tok.t === 'open') {
      if (depth >= MAX_DEPTH) return undefined;
      i++;
      const inner = orExpr(depth + 1);
      if (inner === undefined || tokens[i]?.t !== 'close') return undefined;
      i++;
      return `(${inner})`;
    }
    if (tok.t !== 'word') return undefined;
    i++;
    const simple = simpleExpression(tok.word, refs);
    if (simple === undefined) return undefined;
    const next = tokens[i];
    if (next?.t === 'op' && next.op === 'WITH') {
      i++;
      const exc = tokens[i];
      if (exc?.t !== 'word') return undefined;
      i++;
      // The bundled list mixes licence and exception ids; any listed id is accepted here.
      const exception = SPDX.fixupSpdxId(exc.word);
      if (exception === undefined) return undefined;
      return `${simple} WITH ${exception}`;
    }
    return simple;
  }

  function andExpr(depth: number): string | undefined {
    let left = primary(depth);
    while (left !== undefined) {
      const tok = tokens[i];
      if (tok?.t !== 'op' || tok.op !== 'AND') break;
      i++;
      const right = primary(depth);
      left = right === undefined ? undefined : `${left} AND ${right}`;
    }
    return left;
  }

  function orExpr(depth: number): string | undefined {
    let left = andExpr(depth);
    while (left !== undefined) {
      const tok = tokens[i];
      if (tok?.t !== 'op' || tok.op !== 'OR') break;
      i++;
      const right = andExpr(depth);
      left = right === undefined ? undefined : `${left} OR ${right}`;
    }
    return left;
  }

  const result = orExpr(0);
  return result !== undefined && i === tokens.length ? result : undefined;
}

/** Memo of recent answers: a scan repeats a handful of licences thousands of times. */
const cache = new Map<string, LicenseChoice>();
const MAX_CACHED = 4096;

/** Classify a declared licence (see {@link LicenseChoice}). */
export function classifyLicense(declared: string | undefined): LicenseChoice {
  const key = declared ?? '';
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const choice = classify(key.trim());
  // Whole licence texts are not worth keeping (and would make the memo large).
  if (key.length <= MAX_EXPRESSION_LENGTH) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, choice);
  }
  return choice;
}

function classify(text: string): LicenseChoice {
  if (PLACEHOLDERS.has(text.toUpperCase())) return { kind: 'none' };
  if (text.length <= MAX_EXPRESSION_LENGTH) {
    const tokens = tokenize(text);
    if (tokens !== undefined && tokens.length > 0) {
      const refs = new Set<string>();
      const expression = parse(tokens, refs);
      if (expression !== undefined) {
        // `Apache-2.0+` is an expression; `GPL-2.0+` (a deprecated list entry) is an id.
        const single = tokens.length === 1 && SPDX.isSupportedSpdxId(expression);
        if (single) return { kind: 'id', id: expression };
        return { kind: 'expression', expression, licenseRefs: [...refs].sort(compareCodePoints) };
      }
    }
  }
  return { kind: 'text', text };
}

/** Code-point order: the same on every machine, unlike `localeCompare`. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
