/**
 * A lexer and parser for the go.mod syntax (https://go.dev/ref/mod#go-mod-file-lexical).
 *
 * Written by hand because no JavaScript library parses go.mod faithfully: the few on npm
 * split lines on whitespace and miss `( … )` blocks opened with a trailing comment, quoted
 * paths, `//` comments glued to a token, or retract intervals. The rules follow
 * golang.org/x/mod/modfile (read.go): newlines are significant, `//` starts a comment
 * anywhere (even inside an identifier), `( ) [ ] { } ,` are punctuation, `"…"` and `` `…` ``
 * are strings, everything else printable is an identifier.
 *
 * The parser is a flat loop over lines (a block cannot nest), so input size alone bounds the
 * work; it never recurses.
 */
import { InputError } from '../../../core/errors.js';

/** One token of a statement. */
export interface Token {
  readonly kind: 'ident' | 'string' | '(' | ')' | '[' | ']' | '{' | '}' | ',';
  /** The decoded value (strings unquoted), or the punctuation character. */
  readonly value: string;
  /** The text as written. */
  readonly raw: string;
}

/**
 * One directive line: `verb args…`, or one line of a `verb ( … )` block (then `verb` is the
 * block's verb and `inBlock` is true).
 */
export interface Statement {
  readonly verb: string;
  readonly args: readonly Token[];
  /** 1-based line of the statement. */
  readonly line: number;
  readonly inBlock: boolean;
  /** Text of the comment ending the line, without the leading `//`. */
  readonly comment?: string;
}

interface LexToken extends Token {
  readonly line: number;
}

interface RawLine {
  readonly tokens: readonly LexToken[];
  readonly line: number;
  readonly comment?: string;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',']);
const PUNCTUATION_CODES = new Set([...PUNCTUATION].map((p) => p.charCodeAt(0)));

/** modfile's isIdent: printable, not a space, not one of `( ) [ ] { } ,`. */
function isIdentChar(ch: string): boolean {
  if (PUNCTUATION.has(ch)) return false;
  const code = ch.codePointAt(0)!;
  // Fast path: printable ASCII other than space (nearly every go.mod byte).
  if (code > 0x20 && code < 0x7f) return true;
  if (/\s/u.test(ch)) return false;
  // Control characters, and Unicode's unassigned/format/separator classes, are not printable.
  return !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(ch);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

/** Decode a Go interpreted string literal body (escapes as in the Go spec). */
function unquoteInterpreted(body: string, line: number): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    const simple = next === undefined ? undefined : SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 1;
      continue;
    }
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      if (!new RegExp(`^[0-9A-Fa-f]{${hexLength}}$`).test(hex))
        throw new InputError(`invalid \\${next} escape in string`, { line });
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        throw new InputError(`invalid Unicode code point in string`, { line });
      out += String.fromCodePoint(code);
      i += 1 + hexLength;
      continue;
    }
    const octal = body.slice(i + 1, i + 4);
    if (/^[0-3][0-7]{2}$/.test(octal)) {
      out += String.fromCharCode(Number.parseInt(octal, 8));
      i += 3;
      continue;
    }
    throw new InputError(`invalid escape sequence \\${next ?? ''} in string`, { line });
  }
  return out;
}

/** Split the text into lines of tokens, each with its trailing comment. */
function lex(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let tokens: LexToken[] = [];
  let comment: string | undefined;
  let line = 1;
  let tokenLine = 1;
  const endLine = (): void => {
    if (tokens.length > 0)
      lines.push({ tokens, line: tokenLine, ...(comment !== undefined ? { comment } : {}) });
    tokens = [];
    comment = undefined;
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      endLine();
      line += 1;
      i += 1;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i += 1;
      continue;
    }
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      const body = text.slice(i + 2, end === -1 ? text.length : end).replace(/\r$/, '');
      // Only a comment that follows tokens on the same line belongs to that line
      // (`// indirect`); whole-line comments document what follows and are dropped.
      if (tokens.length > 0) comment = body;
      i = end === -1 ? text.length : end;
      continue;
    }
    if (text.startsWith('/*', i))
      throw new InputError('go.mod files must use // comments, not /* */ comments', { line });
    if (tokens.length === 0) tokenLine = line;
    if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as Token['kind'], value: ch, raw: ch, line });
      i += 1;
      continue;
    }
    if (ch === '"' || ch === '`') {
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw new InputError('unexpected end of file in a quoted string', { line });
        const c = text[j]!;
        if (c === '\n') throw new InputError('unexpected newline in a quoted string', { line });
        if (c === ch) break;
        j += c === '\\' && ch === '"' ? 2 : 1;
      }
      const raw = text.slice(i, j + 1);
      const body = raw.slice(1, -1);
      // Raw (backquoted) strings are in the go.mod lexical grammar; the go command itself
      // rejects them in most directives, but reading them costs nothing.
      const value = ch === '"' ? unquoteInterpreted(body, line) : body.replace(/\r/g, '');
      tokens.push({ kind: 'string', value, raw, line });
      i = j + 1;
      continue;
    }
    const cp = String.fromCodePoint(text.codePointAt(i)!);
    if (!isIdentChar(cp)) {
      throw new InputError(
        `unexpected character ${JSON.stringify(cp)}: expected a directive, module path or version`,
        { line },
      );
    }
    let j = i;
    while (j < text.length) {
      const code = text.charCodeAt(j);
      if (code === 0x2f /* / */) {
        if (text.startsWith('//', j)) break;
        if (text.startsWith('/*', j)) {
          throw new InputError('go.mod files must use // comments, not /* */ comments', { line });
        }
      }
      if (code > 0x20 && code < 0x7f) {
        if (PUNCTUATION_CODES.has(code)) break;
        j += 1;
        continue;
      }
      const c = String.fromCodePoint(text.codePointAt(j)!);
      if (!isIdentChar(c)) break;
      j += c.length;
    }
    const raw = text.slice(i, j);
    tokens.push({ kind: 'ident', value: raw, raw, line });
    i = j;
  }
  endLine();
  return lines;
}

/**
 * Parse go.mod text into statements, one per directive line or block line. Throws
 * `InputError` (with the line) on a lexical or block-structure error; what the directives
 * mean is left to the caller.
 */
export function parseGoMod(text: string): Statement[] {
  const statements: Statement[] = [];
  let block: { verb: string; line: number } | undefined;
  for (const raw of lex(text)) {
    const { tokens, line } = raw;
    const [first, second, third] = tokens;
    if (first === undefined) continue;
    const comment = raw.comment !== undefined ? { comment: raw.comment } : {};
    if (block !== undefined) {
      if (first.kind === ')') {
        if (second !== undefined) {
          throw new InputError(
            `unexpected ${describeToken(second)} after the ')' that closes the ${block.verb} block: expected the end of the line`,
            { line },
          );
        }
        block = undefined;
        continue;
      }
      const paren = tokens.find((t) => t.kind === '(' || t.kind === ')');
      if (paren !== undefined) {
        throw new InputError(
          `unexpected '${paren.value}' inside the ${block.verb} block opened on line ${block.line}: expected ')' alone on a line`,
          { line: paren.line },
        );
      }
      statements.push({ verb: block.verb, args: tokens, line, inBlock: true, ...comment });
      continue;
    }
    if (first.kind === ')') throw new InputError("unexpected ')' outside a block", { line });
    if (first.kind !== 'ident') {
      throw new InputError(
        `unexpected ${describeToken(first)}: expected a directive such as module, go or require`,
        { line },
      );
    }
    if (second?.kind === '(' && tokens.length === 2) {
      block = { verb: first.value, line };
      continue;
    }
    if (second?.kind === '(' && third?.kind === ')' && tokens.length === 3) continue; // empty block `require ()`
    const paren = tokens.find((t) => t.kind === '(' || t.kind === ')');
    if (paren !== undefined) {
      throw new InputError(
        paren.kind === ')'
          ? "unexpected ')' outside a block"
          : `unexpected '(' after ${first.value}: a block opens with '(' at the end of the line`,
        { line: paren.line },
      );
    }
    statements.push({ verb: first.value, args: tokens.slice(1), line, inBlock: false, ...comment });
  }
  if (block !== undefined) {
    throw new InputError(`unterminated ${block.verb} block: expected ')'`, { line: block.line });
  }
  return statements;
}

function describeToken(token: Token): string {
  return token.kind === 'string' ? `string ${token.raw}` : `'${token.raw}'`;
}
