import { describe, expect, it } from 'vitest';
import { deriveGroups } from './groups.js';
import type { Edges, Roots } from './groups.js';

function graph(
  edges: Record<string, { required?: string[]; optional?: string[] }>,
): Map<string, Edges> {
  return new Map(
    Object.entries(edges).map(([key, e]) => [
      key,
      { required: e.required ?? [], optional: e.optional ?? [] },
    ]),
  );
}

describe('deriveGroups', () => {
  it.each<
    [
      string,
      Roots,
      Record<string, { required?: string[]; optional?: string[] }>,
      Record<string, string[]>,
    ]
  >([
    [
      'prod only',
      { prod: ['a'], optional: [], dev: [] },
      { a: { required: ['b'] } },
      { a: [], b: [] },
    ],
    [
      'dev only',
      { prod: [], optional: [], dev: ['a'] },
      { a: { required: ['b'] } },
      { a: ['dev'], b: ['dev'] },
    ],
    [
      'shared between prod and dev',
      { prod: ['a'], optional: [], dev: ['c'] },
      { a: { required: ['b'] }, c: { required: ['b', 'd'] } },
      { a: [], b: [], c: ['dev'], d: ['dev'] },
    ],
    [
      'optional root and optional edge',
      { prod: ['a'], optional: ['o'], dev: [] },
      { a: { optional: ['b'] }, o: { required: ['p'] } },
      { a: [], b: ['optional'], o: ['optional'], p: ['optional'] },
    ],
    [
      'optional edge to a package also required elsewhere',
      { prod: ['a', 'c'], optional: [], dev: [] },
      { a: { optional: ['b'] }, c: { required: ['b'] } },
      { a: [], b: [], c: [] },
    ],
    [
      'a cycle',
      { prod: [], optional: [], dev: ['a'] },
      { a: { required: ['b'] }, b: { required: ['a'] } },
      { a: ['dev'], b: ['dev'] },
    ],
  ])('%s', (_what, roots, edges, expected) => {
    expect(Object.fromEntries(deriveGroups(roots, graph(edges)))).toEqual(expected);
  });
});
