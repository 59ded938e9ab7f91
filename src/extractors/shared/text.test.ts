import { describe, expect, it } from 'vitest';
import { jsonSyntaxError, lineFinder, lineOfOffset } from './text.js';

const OFFSETS: [number, number][] = [
  [0, 1],
  [1, 1],
  [2, 2],
  [5, 3],
  [100, 3],
];

describe('lineOfOffset', () => {
  it.each(OFFSETS)('offset %i is on line %i', (offset, line) => {
    expect(lineOfOffset('a\nb\nc', offset)).toBe(line);
  });
});

describe('lineFinder', () => {
  it.each(OFFSETS)('offset %i is on line %i', (offset, line) => {
    expect(lineFinder('a\nb\nc')(offset)).toBe(line);
  });

  it('agrees with lineOfOffset on every offset, blank lines and CRLF included', () => {
    const text = '\n\nx\r\n\r\ny\nz\n';
    const lineOf = lineFinder(text);
    for (let offset = 0; offset <= text.length; offset++)
      expect(lineOf(offset), `offset ${offset}`).toBe(lineOfOffset(text, offset));
  });
});

describe('jsonSyntaxError', () => {
  it('locates the first error line', () => {
    expect(jsonSyntaxError('{\n"a": 1\n"b": 2}')?.line).toBe(3);
    expect(jsonSyntaxError('{}')).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 1, 'PropertyNameExpected'],
    ['{\n  // comment\n  "a": 1\n}', 2, 'InvalidCommentToken'],
    ['', 1, 'ValueExpected'],
  ])('reads %j as strict JSON', (text, line, detail) => {
    expect(jsonSyntaxError(text)).toEqual({ line, detail });
  });

  it('gives up on nesting too deep to parse, instead of overflowing the stack', () => {
    expect(jsonSyntaxError('['.repeat(200_000))).toBeUndefined();
  });
});
