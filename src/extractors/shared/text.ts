/**
 * Positions in text, for extractors of every ecosystem: parsers and scanners report character
 * offsets, while records and errors give 1-based lines.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * offset → 1-based line. The line starts are found once (linear), then each lookup is a
 * binary search, for callers that map many offsets of one text. An offset past the end is on
 * the last line.
 */
export function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** 1-based line of a single offset (counts the newlines before it; builds no index). */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Where strict JSON (no comments, no trailing commas) first goes wrong: the line and
 * jsonc-parser's name for the error. For text `JSON.parse` has already refused, which does not
 * say where in Node 20. Undefined when jsonc-parser finds nothing wrong, or when the text is
 * nested too deep for it (it recurses once per level, so absurd nesting exhausts the stack).
 */
export function jsonSyntaxError(text: string): { line: number; detail: string } | undefined {
  const errors: ParseError[] = [];
  try {
    parseJsonc(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
  } catch {
    return undefined;
  }
  const first = errors[0];
  if (first === undefined) return undefined;
  return { line: lineOfOffset(text, first.offset), detail: printParseErrorCode(first.error) };
}
