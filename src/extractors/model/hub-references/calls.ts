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
const CLOSE = new Set([')', ']', '}']);

/**
 * Split the bracketed list opening at `open` into top-level comma-separated segments.
 * Returns undefined when it is not closed within the bound.
 */
function splitTopLevel(lexed: Lexed, open: number): [number, number][] | undefined {
  const { masked, literals } = lexed;
  const segments: [number, number][] = [];
  let depth = 0;
  let segmentStart = open + 1;
  const limit = Math.min(masked.length, open + MAX_CALL_CHARS);
  for (let i = open + 1; i < limit; i++) {
    const c = masked[i] ?? '';
    const literal = literals.get(i);
    if (literal !== undefined) {
      i = literal.end - 1;
      continue;
    }
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) {
      if (depth === 0) {
        segments.push([segmentStart, i]);
        return segments;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      segments.push([segmentStart, i]);
      segmentStart = i + 1;
    }
  }
  return undefined;
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
function objectProperties(lexed: Lexed, [start, end]: [number, number]): Map<string, StringLiteral> | undefined {
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
export function callArgs(lexed: Lexed, open: number): Arg[] | undefined {
  const segments = splitTopLevel(lexed, open);
  if (segments === undefined) return undefined;
  const args: Arg[] = [];
  for (const segment of segments) {
    const [s, e] = trimRange(lexed.masked, segment);
    if (s === e) continue; // trailing comma, or no arguments
    const text = lexed.masked.slice(s, e);
    // Python keyword argument (`name=value`, not `==`). `:` is not a keyword form in calls.
    const keyword = /^([A-Za-z_][\w]*)\s*=(?!=)/.exec(text);
    const valueRange = keyword === null ? ([s, e] as [number, number]) : trimRange(lexed.masked, [s + keyword[0].length, e]);
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

/**
 * Calls of the given function names. The pattern is a plain alternation followed by `\s*\(`,
 * run on masked text (no comments, no string contents), so it cannot backtrack badly.
 * Definitions (`def pipeline(`, `function pipeline(`) are skipped.
 */
export function findCalls(lexed: Lexed, names: readonly string[]): Call[] {
  const pattern = new RegExp(`\\b(${names.join('|')})\\s*\\(`, 'g');
  const calls: Call[] = [];
  for (const match of lexed.masked.matchAll(pattern)) {
    const callee = match[1] ?? '';
    const at = match.index;
    const before = lexed.masked.slice(Math.max(0, at - 200), at);
    if (/\b(?:def|function)\s+$/.test(before) || /[\w$]$/.test(before)) continue;
    const receiver = /([A-Za-z_$][\w$]*)\s*\.\s*$/.exec(before)?.[1];
    const args = callArgs(lexed, at + match[0].length - 1);
    if (args === undefined) continue;
    calls.push({ callee, ...(receiver !== undefined ? { receiver } : {}), args });
  }
  return calls;
}
