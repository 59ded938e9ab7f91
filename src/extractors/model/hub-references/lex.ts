/**
 * A minimal lexer for Python and JavaScript/TypeScript source, written by hand because what
 * we need is small and no installed library gives it for both languages: the string
 * literals (with their offsets) and the text with comments and string contents blanked out,
 * so that call sites can be found with simple regular expressions that never match inside
 * a comment, a docstring or another string. One linear pass; no backtracking, no recursion.
 */

/** A string literal in the source. */
export interface StringLiteral {
  /** Offset of the opening quote (after any prefix such as `r` or `f`). */
  readonly start: number;
  /** Offset just past the closing quote. */
  readonly end: number;
  /** The characters between the quotes, escapes left as written. */
  readonly value: string;
  /**
   * A constant string: not an f-string/t-string/bytes literal, not a template literal with
   * `${}`, not triple-quoted (a docstring), and closed on its line.
   */
  readonly constant: boolean;
}

/** The lexed source. */
export interface Lexed {
  /** The source with comments and string contents replaced by spaces (newlines kept; quotes kept). */
  readonly masked: string;
  /** String literals by the offset of their opening quote. */
  readonly literals: ReadonlyMap<number, StringLiteral>;
}

/** `[A-Za-z0-9_$]`, by char code (this runs once per character of a file). */
function isIdentCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 36
  );
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && isIdentCode(c.charCodeAt(0));
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/**
 * Ranges to blank, collected in increasing order during the pass; `masked` then builds the
 * text in one go (keeping newlines, so offsets and line numbers still match).
 */
interface Blanks {
  readonly ranges: [number, number][];
}

function blank(out: Blanks, _src: string, from: number, to: number): void {
  if (to > from) out.ranges.push([from, to]);
}

function masked(src: string, out: Blanks): string {
  const codes = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) codes[i] = src.charCodeAt(i);
  for (const [from, to] of out.ranges) {
    for (let i = from; i < to; i++) if (codes[i] !== 10 && codes[i] !== 13) codes[i] = 32;
  }
  return new TextDecoder('utf-16le').decode(codes);
}

const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const NEWLINE = 10;

const PY_PREFIX = /^(?:[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;

/** Lex Python source. */
export function lexPython(src: string): Lexed {
  const out: Blanks = { ranges: [] };
  const literals = new Map<number, StringLiteral>();
  const length = src.length;
  let i = 0;
  while (i < length) {
    const code = src.charCodeAt(i);
    if (code === HASH) {
      let end = src.indexOf('\n', i);
      if (end < 0) end = length;
      blank(out, src, i, end);
      i = end;
      continue;
    }
    let prefix = '';
    if (isIdentCode(code)) {
      // A whole identifier (or number); it may be a string prefix (`r`, `f`, `rb`, …).
      let j = i + 1;
      while (j < length && isIdentCode(src.charCodeAt(j))) j++;
      const next = src.charCodeAt(j);
      if ((next === DQUOTE || next === SQUOTE) && j - i <= 2 && PY_PREFIX.test(src.slice(i, j))) {
        prefix = src.slice(i, j).toLowerCase();
        i = j;
      } else {
        i = j;
        continue;
      }
    }
    const q = src.charCodeAt(i);
    if (q !== DQUOTE && q !== SQUOTE) {
      i++;
      continue;
    }
    const triple = src.charCodeAt(i + 1) === q && src.charCodeAt(i + 2) === q;
    const open = triple ? 3 : 1;
    let j = i + open;
    let closed = false;
    while (j < length) {
      const d = src.charCodeAt(j);
      if (d === BACKSLASH) {
        j += 2;
        continue;
      }
      if (d === q && (!triple || (src.charCodeAt(j + 1) === q && src.charCodeAt(j + 2) === q))) {
        closed = true;
        break;
      }
      if (d === NEWLINE && !triple) break;
      j++;
    }
    const contentEnd = Math.min(j, length);
    const end = closed ? contentEnd + open : contentEnd;
    const constant = closed && !triple && !/[fbt]/.test(prefix);
    literals.set(i, { start: i, end, value: src.slice(i + open, contentEnd), constant });
    blank(out, src, i + open, contentEnd);
    i = end;
  }
  return { masked: masked(src, out), literals };
}

/** Characters after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set([
  '',
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);
const REGEX_AFTER_WORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** Lex JavaScript or TypeScript source (template literals with nesting, regex literals by heuristic). */
export function lexJs(src: string): Lexed {
  const out: Blanks = { ranges: [] };
  const literals = new Map<number, StringLiteral>();
  // Brace depth per open `${`: when the innermost reaches its closing `}`, the template resumes.
  const templates: number[] = [];
  let lastSignificant = '';
  let lastWord = '';
  let i = 0;

  /**
   * Scan template text from `from` (just past the opening backtick, or the `}` closing a
   * `${`) to the closing backtick or the next `${`; returns where to go on. The literal
   * opened at `literalStart` (-1 when resuming) is constant only when it closes first.
   */
  function templateText(from: number, literalStart: number): number {
    let j = from;
    while (j < src.length) {
      const d = src[j];
      if (d === '\\') {
        j += 2;
        continue;
      }
      if (d === '`') {
        blank(out, src, from, j);
        if (literalStart >= 0)
          literals.set(literalStart, {
            start: literalStart,
            end: j + 1,
            value: src.slice(literalStart + 1, j),
            constant: true,
          });
        return j + 1;
      }
      if (d === '$' && src[j + 1] === '{') {
        blank(out, src, from, j);
        if (literalStart >= 0)
          literals.set(literalStart, {
            start: literalStart,
            end: j,
            value: src.slice(literalStart + 1, j),
            constant: false,
          });
        templates.push(0);
        return j + 2;
      }
      j++;
    }
    blank(out, src, from, src.length);
    return src.length;
  }

  while (i < src.length) {
    const c = src[i] ?? '';
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      let end = src.indexOf('\n', i);
      if (end < 0) end = src.length;
      blank(out, src, i, end);
      i = end;
      continue;
    }
    if (c === '/' && next === '*') {
      let end = src.indexOf('*/', i + 2);
      end = end < 0 ? src.length : end + 2;
      blank(out, src, i, end);
      i = end;
      continue;
    }
    if (c === '/' && (REGEX_AFTER.has(lastSignificant) || REGEX_AFTER_WORDS.has(lastWord))) {
      // A regex literal: skip to its closing `/` (not inside a [class]); none on this line → division.
      let j = i + 1;
      let inClass = false;
      let closed = false;
      while (j < src.length && src[j] !== '\n') {
        const d = src[j];
        if (d === '\\') j++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) {
          closed = true;
          break;
        }
        j++;
      }
      if (closed) {
        blank(out, src, i + 1, j);
        i = j + 1;
        lastSignificant = '/';
        lastWord = '';
        continue;
      }
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let closed = false;
      while (j < src.length) {
        const d = src[j];
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === '\n') break;
        if (d === c) {
          closed = true;
          break;
        }
        j++;
      }
      const contentEnd = Math.min(j, src.length);
      literals.set(i, {
        start: i,
        end: closed ? contentEnd + 1 : contentEnd,
        value: src.slice(i + 1, contentEnd),
        constant: closed,
      });
      blank(out, src, i + 1, contentEnd);
      i = closed ? contentEnd + 1 : contentEnd;
      lastSignificant = c;
      lastWord = '';
      continue;
    }
    if (c === '`') {
      i = templateText(i + 1, i);
      lastSignificant = '`';
      lastWord = '';
      continue;
    }
    if (templates.length > 0) {
      const top = templates.length - 1;
      if (c === '{') templates[top] = (templates[top] ?? 0) + 1;
      else if (c === '}') {
        if ((templates[top] ?? 0) === 0) {
          templates.pop();
          i = templateText(i + 1, -1);
          lastSignificant = '`';
          lastWord = '';
          continue;
        }
        templates[top] = (templates[top] ?? 0) - 1;
      }
    }
    if (isIdentChar(c)) {
      let j = i;
      while (isIdentChar(src[j])) j++;
      lastWord = src.slice(i, j);
      lastSignificant = 'a';
      i = j;
      continue;
    }
    if (!isSpace(c)) {
      lastSignificant = c;
      lastWord = '';
    }
    i++;
  }
  return { masked: masked(src, out), literals };
}
