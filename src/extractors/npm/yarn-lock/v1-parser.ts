/**
 * A parser for Yarn 1's own lockfile syntax (`yarn.lock` with `# yarn lockfile v1`).
 *
 * Written by hand because no maintained library parses it: `@yarnpkg/lockfile` is unmaintained
 * and Yarn's newer parsers live inside Yarn itself. The syntax is small: indentation-based
 * blocks, entries headed by one or more comma-separated keys ending in `:`, and `key value`
 * lines whose keys and values are bare words or JSON-style double-quoted strings.
 */
import { InputError } from '../../../core/errors.js';

/** A block's fields: strings, or nested blocks (`dependencies:`). */
export interface V1Block {
  readonly values: Map<string, string>;
  readonly blocks: Map<string, V1Block>;
}

/** One top-level entry: every key of its header, the header's line, and its block. */
export interface V1Entry {
  readonly keys: readonly string[];
  readonly line: number;
  readonly block: V1Block;
}

/** Nesting deeper than this is not something Yarn writes (it uses two levels). */
const MAX_DEPTH = 16;

function newBlock(): V1Block {
  return { values: new Map(), blocks: new Map() };
}

/** Read a double-quoted string starting at `start`; returns the value and the index after it. */
function readQuoted(line: string, start: number, lineNo: number): { value: string; end: number } {
  let i = start + 1;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') i += 2;
    else if (c === '"') break;
    else i++;
  }
  if (i >= line.length)
    throw new InputError(
      'unterminated quoted string: expected a closing " before the end of the line',
      { line: lineNo },
    );
  const raw = line.slice(start, i + 1);
  try {
    return { value: JSON.parse(raw) as string, end: i + 1 };
  } catch (error) {
    throw new InputError(`invalid quoted string ${raw}: expected JSON string escapes`, {
      line: lineNo,
      cause: error,
    });
  }
}

/** A bare key ends at a space, a colon or a comma (as in Yarn's own tokenizer). */
function readBare(line: string, start: number): { value: string; end: number } {
  let i = start;
  while (i < line.length && line[i] !== ' ' && line[i] !== ':' && line[i] !== ',') i++;
  return { value: line.slice(start, i), end: i };
}

function skipSpaces(line: string, i: number): number {
  while (i < line.length && line[i] === ' ') i++;
  return i;
}

/**
 * Parse one content line (indentation already removed): either `k1, "k2":` opening a block,
 * or `key value` / `key: value` setting a value.
 */
function parseLine(line: string, lineNo: number): { keys: string[]; value?: string } {
  const keys: string[] = [];
  let i = 0;
  for (;;) {
    const token = line[i] === '"' ? readQuoted(line, i, lineNo) : readBare(line, i);
    if (token.value === '')
      throw new InputError('expected a key (a name or a quoted string)', { line: lineNo });
    keys.push(token.value);
    i = skipSpaces(line, token.end);
    if (line[i] === ',') {
      i = skipSpaces(line, i + 1);
      continue;
    }
    break;
  }
  if (line[i] === ':') {
    // Yarn 1 writes `key:` only to open a block; tolerate YAML-ish `key: value` too.
    i = skipSpaces(line, i + 1);
    if (i >= line.length) return { keys };
  }
  if (i >= line.length)
    throw new InputError(`expected a value or ":" after "${keys.join(', ')}"`, {
      line: lineNo,
    });
  if (keys.length > 1)
    throw new InputError('expected one key before a value, found several', { line: lineNo });
  const rest = line.slice(i);
  if (rest.startsWith('"')) {
    const quoted = readQuoted(rest, 0, lineNo);
    return { keys, value: quoted.value };
  }
  return { keys, value: rest.trimEnd() };
}

/** Parse Yarn 1 lockfile text into its top-level entries, in file order. */
export function parseYarnV1(text: string): V1Entry[] {
  const entries: V1Entry[] = [];
  const stack: { indent: number; block: V1Block }[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const lineNo = n + 1;
    let indent = 0;
    while (indent < raw.length && raw[indent] === ' ') indent++;
    if (indent === raw.length || raw[indent] === '#') continue;
    if (raw[indent] === '\t')
      throw new InputError('tab indentation: yarn.lock is indented with spaces', {
        line: lineNo,
      });
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parsed = parseLine(raw.slice(indent).trimEnd(), lineNo);
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      if (indent > 0)
        throw new InputError(
          'indented line outside any entry: expected an entry header (`name@range:`) first',
          { line: lineNo },
        );
      // A top-level `key value` line is not a package (nothing Yarn writes); ignore it.
      if (parsed.value !== undefined) continue;
      const block = newBlock();
      entries.push({ keys: parsed.keys, line: lineNo, block });
      stack.push({ indent, block });
      continue;
    }
    if (parsed.value !== undefined) {
      parent.block.values.set(parsed.keys[0]!, parsed.value);
      continue;
    }
    if (stack.length >= MAX_DEPTH)
      throw new InputError(`blocks nested deeper than ${MAX_DEPTH} levels`, {
        line: lineNo,
      });
    const block = newBlock();
    for (const key of parsed.keys) parent.block.blocks.set(key, block);
    stack.push({ indent, block });
  }
  return entries;
}
