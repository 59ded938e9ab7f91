import { describe, expect, it } from 'vitest';
import { parseJsonObject, parseToml, topLevelArray } from './parse.js';
import { thrownInputError } from '../../../testing/extract.js';

describe('parseToml', () => {
  it.each([[''], ['\n  \n'], ['# only a comment\n']])('reads %j as an empty table', (text) => {
    expect(parseToml(text, 'x.lock', 'a lockfile')).toEqual({});
  });

  it('reports the line and column of a syntax error', () => {
    const error = thrownInputError(() => parseToml('a = 1\nb = \n', 'dir/x.lock', 'a lockfile'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(
      /^dir\/x\.lock: not valid TOML at line 2, column \d+ \(.+\); expected a lockfile$/,
    );
  });

  it('refuses absurd nesting', () => {
    const error = thrownInputError(() =>
      parseToml(`a = ${'['.repeat(200)}${']'.repeat(200)}`, 'x.lock', 'a lockfile'),
    );
    expect(error.line).toBe(1);
  });
});

describe('parseJsonObject', () => {
  it('reads blank text as an empty object', () => {
    expect(parseJsonObject(' \n', 'x.json', 'JSON')).toEqual({});
  });

  it.each([
    ['{\n  "a": 1,\n  "b": ,\n}', 3],
    ['this is not json', 1],
    ['{"a": 1}\n\n{', 3],
  ])('reports the line of the error in %j', (text, line) => {
    const error = thrownInputError(() => parseJsonObject(text, 'x.json', 'JSON'));
    expect(error.line).toBe(line);
    expect(error.message).toContain(`x.json: not valid JSON at line ${line}`);
  });

  it('wants an object at the top', () => {
    expect(thrownInputError(() => parseJsonObject('[1, 2]', 'x.json', 'JSON')).message).toContain(
      'not a JSON object',
    );
  });
});

describe('topLevelArray', () => {
  it('returns [] when absent and the elements when present', () => {
    expect(topLevelArray({}, 'package', 'x', 'a lockfile', 10)).toEqual([]);
    expect(
      topLevelArray({ package: [{ name: 'a' }, 1] }, 'package', 'x', 'a lockfile', 10),
    ).toEqual([{ name: 'a' }, 1]);
  });

  it('rejects a non-array and too many entries', () => {
    expect(
      thrownInputError(() =>
        topLevelArray({ package: { name: 'a' } }, 'package', 'x', 'a lockfile', 10),
      ).message,
    ).toContain('not an array of tables');
    expect(
      thrownInputError(() => topLevelArray({ package: [1, 2, 3] }, 'package', 'x', 'a lockfile', 2))
        .code,
    ).toBe('OPENVET_E_TOO_LARGE');
  });
});
