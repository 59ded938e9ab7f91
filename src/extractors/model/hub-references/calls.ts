/**
 * Call sites and their arguments, read from lexed source (see lex.ts). Only what matters for
 * finding hub ids: which arguments are constant string literals, positional or by keyword,
 * and the string-valued properties of an object-literal argument (`{ revision: 'main' }`).
 * Everything else (variables, expressions, nested calls) is an argument we cannot read.
 */
import type { Lexed, StringLiteral } from './lex.js';

/** One argument of a call. */
export interface Arg {
  /** Keyword name (`revision=` in Python), absent for positional arguments. */
  readonly keyword?: string;
  /** The value, when it is exactly one string literal. */
  readonly literal?: StringLiteral;
  /** The string-literal properties, when the value is an object literal (JavaScript options). */
  readonly object?: ReadonlyMap<string, StringLiteral>;
}

/** A call found in the source. */
export interface Call {
  readonly callee: string;
  /** The identifier before `.callee` (`AutoModel` in `AutoModel.from_pretrained`). */
  readonly receiver?: string;
  readonly args: readonly Arg[];
}

/** A call's arguments are read up to this many characters past its `(`. */
const MAX_CALL_CHARS = 16_000;

const OPEN = new Set(['(', '[', '{']);

/**
 * For each opening bracket of the masked text, the offset of its closing bracket (-1 when
 * unclosed). One pass with an explicit stack; string contents and comments are already
 * blanked, so every bracket left is code.
 */
function matchBrackets(masked: string): Int32Array {
  const match = new Int32Array(masked.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < masked.length; i++) {
    const code = masked.charCodeAt(i);
    if (code === 40 || code === 91 || code === 123) stack.push(i);
    else if (code === 41 || code === 93 || code === 125) {
      const open = stack.pop();
      if (open !== undefined) match[open] = i;
    }
  }
  return match;
}

/** Lexed source with its bracket pairs, computed once per file. */
interface Source extends Lexed {
  readonly match: Int32Array;
}

/**
 * Split the bracketed list opening at `open` into top-level comma-separated segments.
 * Nested brackets are jumped over through `match`, so reading every call of a file stays
 * linear in its length. Undefined when unclosed or longer than the bound.
 */
function splitTopLevel(source: Source, open: number): [number, number][] | undefined {
  const close = source.match[open] ?? -1;
  if (close < 0 || close - open > MAX_CALL_CHARS) return undefined;
  const segments: [number, number][] = [];
  let segmentStart = open + 1;
  for (let i = open + 1; i < close; i++) {
    const c = source.masked[i] ?? '';
    if (OPEN.has(c)) {
      const end = source.match[i] ?? -1;
      if (end < 0 || end > close) return undefined;
      i = end;
    } else if (c === ',') {
      segments.push([segmentStart, i]);
      segmentStart = i + 1;
    }
  }
  segments.push([segmentStart, close]);
  return segments;
}

function trimRange(masked: string, [start, end]: [number, number]): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(masked[s] ?? '')) s++;
  while (e > s && /\s/.test(masked[e - 1] ?? '')) e--;
  return [s, e];
}

/** The literal spanning exactly `[start, end)`, if any. */
function literalIn(lexed: Lexed, [start, end]: [number, number]): StringLiteral | undefined {
  const literal = lexed.literals.get(start);
  return literal !== undefined && literal.end === end ? literal : undefined;
}

const KEYWORD = /^([A-Za-z_$][\w$]*)\s*[=:](?!=)/;

/** `{ key: 'value', 'key2': "value" }` → string-valued properties. */
function objectProperties(
  lexed: Source,
  [start, end]: [number, number],
): Map<string, StringLiteral> | undefined {
  if (lexed.masked[start] !== '{' || lexed.masked[end - 1] !== '}') return undefined;
  const segments = splitTopLevel(lexed, start);
  if (segments === undefined) return undefined;
  const props = new Map<string, StringLiteral>();
  for (const segment of segments) {
    const [s, e] = trimRange(lexed.masked, segment);
    let key: string | undefined;
    let valueStart = s;
    const quotedKey = lexed.literals.get(s);
    if (quotedKey !== undefined) {
      const colon = /^\s*:/.exec(lexed.masked.slice(quotedKey.end, e));
      if (colon !== null && quotedKey.constant) {
        key = quotedKey.value;
        valueStart = quotedKey.end + colon[0].length;
      }
    } else {
      const match = KEYWORD.exec(lexed.masked.slice(s, e));
      if (match !== null && match[0].endsWith(':')) {
        key = match[1];
        valueStart = s + match[0].length;
      }
    }
    if (key === undefined) continue;
    const value = literalIn(lexed, trimRange(lexed.masked, [valueStart, e]));
    if (value !== undefined) props.set(key, value);
  }
  return props;
}

/** The arguments of the call whose `(` is at `open`; undefined when unclosed within the bound. */
function callArgs(lexed: Source, open: number): Arg[] | undefined {
  const segments = splitTopLevel(lexed, open);
  if (segments === undefined) return undefined;
  const args: Arg[] = [];
  for (const segment of segments) {
    const [s, e] = trimRange(lexed.masked, segment);
    if (s === e) continue; // trailing comma, or no arguments
    const text = lexed.masked.slice(s, e);
    // Python keyword argument (`name=value`, not `==`). `:` is not a keyword form in calls.
    const keyword = /^([A-Za-z_][\w]*)\s*=(?!=)/.exec(text);
    const valueRange =
      keyword === null
        ? ([s, e] as [number, number])
        : trimRange(lexed.masked, [s + keyword[0].length, e]);
    const literal = literalIn(lexed, valueRange);
    const object = literal === undefined ? objectProperties(lexed, valueRange) : undefined;
    args.push({
      ...(keyword !== null && keyword[1] !== undefined ? { keyword: keyword[1] } : {}),
      ...(literal !== undefined ? { literal } : {}),
      ...(object !== undefined ? { object } : {}),
    });
  }
  return args;
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[\w$]/.test(c);
}

function skipSpaceBack(text: string, i: number): number {
  let j = i;
  while (j >= 0 && /\s/.test(text[j] ?? '')) j--;
  return j;
}

/** The identifier ending at `end` (inclusive), read backwards, and where it starts. */
function wordBefore(text: string, end: number): { word: string; start: number } {
  let j = end;
  while (j >= 0 && end - j < 200 && isIdentChar(text[j])) j--;
  return { word: text.slice(j + 1, end + 1), start: j + 1 };
}

/**
 * Calls of the given function names. The pattern is a plain alternation followed by `\s*\(`,
 * run on masked text (no comments, no string contents), so it cannot backtrack badly.
 * Definitions (`def pipeline(`, `function pipeline(`) are skipped.
 */
export function findCalls(lexed: Lexed, names: readonly string[]): Call[] {
  const source: Source = { ...lexed, match: matchBrackets(lexed.masked) };
  const pattern = new RegExp(`\\b(${names.join('|')})\\s*\\(`, 'g');
  const calls: Call[] = [];
  const text = lexed.masked;
  for (const found of text.matchAll(pattern)) {
    const callee = found[1] ?? '';
    const at = found.index;
    if (at > 0 && text[at - 1] === '$') continue;
    const prev = skipSpaceBack(text, at - 1);
    const previousWord = wordBefore(text, prev).word;
    if (previousWord === 'def' || previousWord === 'function') continue;
    let receiver: string | undefined;
    if (text[prev] === '.') {
      const word = wordBefore(text, skipSpaceBack(text, prev - 1)).word;
      if (word !== '') receiver = word;
    }
    const args = callArgs(source, at + found[0].length - 1);
    if (args === undefined) continue;
    calls.push({ callee, ...(receiver !== undefined ? { receiver } : {}), args });
  }
  return calls;
}
