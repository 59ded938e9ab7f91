/**
 * Line numbers for TOML array-of-tables elements.
 *
 * smol-toml (like every TOML library on npm we know of) returns values without source
 * positions, so this is a small hand-written scanner: it walks the text once, skipping strings
 * (all four kinds, multi-line included), comments and nested inline values, and reports where
 * each element of a top-level array of tables (`[[package]]` or `package = [{ … }]`) declares a
 * given key. A `name = "x"` inside a multi-line string, a comment, a sub-table such as
 * `[package.source]` or an inline value never counts. It runs only on text that smol-toml has
 * already accepted, so it need not diagnose errors; on anything unexpected it simply finds
 * fewer lines. Linear in the text length, no recursion.
 */
import { lineFinder } from '../../shared/text.js';

/**
 * For each element of the top-level array of tables `arrayKey`, in document order, the 1-based
 * line of its own `key = …` entry (undefined when the element has none).
 */
export function findArrayTableKeyLines(
  text: string,
  arrayKey: string,
  key = 'name',
): (number | undefined)[] {
  const offsets: (number | undefined)[] = [];
  let inElementTop = false; // directly inside the latest `[[arrayKey]]` header, before any other header
  let sawHeader = false;
  let inlineArray = false; // inside `arrayKey = [ … ]` at the root
  const stack: string[] = []; // open inline `[` / `{`
  let expectKey = true;
  let i = 0;
  const n = text.length;

  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      if (stack.length === 0) expectKey = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (stack.length === 0 && expectKey && c === '[') {
      const header = readHeader(text, i);
      i = header.end;
      sawHeader = true;
      inElementTop = header.isArray && header.path.length === 1 && header.path[0] === arrayKey;
      if (inElementTop) offsets.push(undefined);
      expectKey = false;
      continue;
    }
    if (expectKey && (c === '"' || c === "'" || isBareKeyChar(c))) {
      const start = i;
      const parsed = readKey(text, i);
      i = parsed.end;
      expectKey = false;
      const isKey = parsed.path.length === 1 && parsed.path[0] === key;
      if (stack.length === 0) {
        if (inElementTop && isKey && offsets[offsets.length - 1] === undefined)
          offsets[offsets.length - 1] = start;
        if (!sawHeader && parsed.path.length === 1 && parsed.path[0] === arrayKey)
          inlineArray = true;
      } else if (
        inlineArray &&
        stack.length === 2 &&
        stack[0] === '[' &&
        stack[1] === '{' &&
        isKey
      ) {
        if (offsets[offsets.length - 1] === undefined) offsets[offsets.length - 1] = start;
      }
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipString(text, i);
      continue;
    }
    if (c === '[' || c === '{') {
      stack.push(c);
      // Each inline table directly inside the root `arrayKey = [ … ]` is one element.
      if (inlineArray && c === '{' && stack.length === 2 && stack[0] === '[')
        offsets.push(undefined);
      expectKey = c === '{';
      i++;
      continue;
    }
    if (c === ']' || c === '}') {
      stack.pop();
      if (stack.length === 0) inlineArray = false;
      expectKey = false;
      i++;
      continue;
    }
    if (c === ',') {
      expectKey = stack[stack.length - 1] === '{';
      i++;
      continue;
    }
    i++;
  }
  return offsetsToLines(text, offsets);
}

function offsetsToLines(
  text: string,
  offsets: readonly (number | undefined)[],
): (number | undefined)[] {
  const lineOf = lineFinder(text);
  return offsets.map((offset) => (offset === undefined ? undefined : lineOf(offset)));
}

function isBareKeyChar(c: string): boolean {
  return /[A-Za-z0-9_-]/.test(c);
}

/** Read a (possibly dotted, possibly quoted) key starting at `i`; stops before `=` or `]`. */
function readKey(text: string, start: number): { path: string[]; end: number } {
  const path: string[] = [];
  let i = start;
  const n = text.length;
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = skipString(text, i);
      path.push(unquote(text.slice(i, end)));
      i = end;
    } else {
      const begin = i;
      while (i < n && isBareKeyChar(text[i] as string)) i++;
      if (i === begin) break;
      path.push(text.slice(begin, i));
    }
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '.') break;
    i++;
  }
  // Step over the `=` so the value is scanned as a value.
  if (text[i] === '=') i++;
  return { path, end: i };
}

/** Read a `[table]` or `[[array]]` header at `start`; `end` is the end of its line. */
function readHeader(
  text: string,
  start: number,
): { path: string[]; isArray: boolean; end: number } {
  const isArray = text[start + 1] === '[';
  const parsed = readKey(text, start + (isArray ? 2 : 1));
  let i = parsed.end;
  while (i < text.length && text[i] !== '\n') i++;
  return { path: parsed.path, isArray, end: i };
}

/** Index just past the string (basic, literal, or either multi-line kind) that starts at `start`. */
function skipString(text: string, start: number): number {
  const quote = text[start] as string;
  const n = text.length;
  const triple = text.startsWith(quote.repeat(3), start);
  const escapes = quote === '"';
  let i = start + (triple ? 3 : 1);
  while (i < n) {
    const c = text[i];
    if (escapes && c === '\\') {
      i += 2;
      continue;
    }
    if (!triple && c === '\n') return i; // unterminated single-line string: stop at the line end
    if (c === quote) {
      if (!triple) return i + 1;
      if (text.startsWith(quote.repeat(3), i)) {
        // Up to two quotes may sit just inside the closing delimiter (`""""` ends with one).
        let end = i + 3;
        let extra = 0;
        while (extra < 2 && text[end] === quote) {
          end++;
          extra++;
        }
        return end;
      }
    }
    i++;
  }
  return n;
}

function unquote(token: string): string {
  if (token.startsWith("'")) return token.slice(1, -1);
  try {
    const value: unknown = JSON.parse(token);
    return typeof value === 'string' ? value : token.slice(1, -1);
  } catch {
    return token.slice(1, -1);
  }
}
