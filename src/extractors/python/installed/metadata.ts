/**
 * The header block of Python core metadata (`METADATA`, `PKG-INFO`): RFC 822-style
 * `Key: value` lines, folded continuation lines starting with whitespace, ended by the first
 * blank line (the body, a long description, is never read).
 * https://packaging.python.org/en/latest/specifications/core-metadata/
 *
 * Hand-written: Python's `email.parser` has no maintained JavaScript twin, and only a few
 * lines of it are needed. Like `email.parser`, a line that is neither a header nor a
 * continuation ends the headers.
 */

/** One header as written: its name, its value (continuation lines joined with `\n`), its line. */
export interface MetadataHeader {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

/** Headers kept per file; real metadata has a few dozen to a few hundred. */
export const MAX_HEADERS = 10_000;

const HEADER_RE = /^([\x21-\x39\x3b-\x7e]+):[ \t]*(.*)$/;

/**
 * Parse the header block of `text`. `complete` is false when `text` was cut before the
 * blank line that ends the headers (the last, maybe partial, line is then dropped).
 */
export function parseHeaders(text: string, complete: boolean): MetadataHeader[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (!complete) lines.pop();
  const headers: { name: string; value: string[]; line: number }[] = [];
  for (let i = 0; i < lines.length && headers.length <= MAX_HEADERS; i++) {
    const line = lines[i] as string;
    if (line === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = headers[headers.length - 1];
      if (last === undefined) break;
      last.value.push(line);
      continue;
    }
    const match = HEADER_RE.exec(line);
    if (match === null) break;
    headers.push({
      name: match[1] as string,
      value: [(match[2] as string).trimEnd()],
      line: i + 1,
    });
  }
  return headers
    .slice(0, MAX_HEADERS)
    .map((h) => ({ name: h.name, value: unfold(h.value), line: h.line }));
}

/**
 * Join a folded value. Setuptools indents continuation lines of multi-line fields (License,
 * Description) with 8 spaces, or with 7 and a `|`; both are removed.
 */
function unfold(parts: readonly string[]): string {
  const [first = '', ...rest] = parts;
  if (rest.length === 0) return first.trim();
  const continued = rest.map((p) => p.replace(/^(?: {7}\||\s{1,8})/, '').trimEnd());
  return [first, ...continued].join('\n').trim();
}

/** Case-insensitive lookup of the first header named `name`. */
export function firstHeader(
  headers: readonly MetadataHeader[],
  name: string,
): MetadataHeader | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower);
}

/** Every header named `name` (case-insensitive), in order. */
export function allHeaders(headers: readonly MetadataHeader[], name: string): MetadataHeader[] {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === lower);
}
