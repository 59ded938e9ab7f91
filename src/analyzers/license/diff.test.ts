import { describe, expect, it } from 'vitest';
import { diffTokens } from './diff.js';

/** Length of the longest common subsequence, by the textbook dynamic programme. */
function lcs(a: readonly number[], b: readonly number[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++)
      row.push(
        x === b[j] ? (prev[j] as number) + 1 : Math.max(prev[j + 1] as number, row[j] as number),
      );
    prev = row;
  }
  return prev[b.length] as number;
}

/** Deterministic pseudo-random token arrays over a small alphabet (many repeats, like prose). */
function tokens(seed: number, length: number): number[] {
  let s = seed;
  return Array.from({ length }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 16) % 6;
  });
}

describe('diffTokens', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i))(
    'finds a shortest edit script (case %i): common = LCS, a consistent alignment',
    (i) => {
      const a = tokens(i + 1, 5 + ((i * 7) % 40));
      const b = tokens(i + 101, 5 + ((i * 11) % 40));
      const d = diffTokens(a, b, a.length + b.length);
      expect(d).not.toBeNull();
      if (!d) return;
      expect(d.common).toBe(lcs(a, b));
      expect(d.deleted.length + d.common).toBe(a.length);
      expect(d.inserted.length + d.common).toBe(b.length);
      let last = -1;
      for (let p = 0; p < a.length; p++) {
        const q = d.aToB[p] as number;
        if (q < 0) continue;
        expect(b[q]).toBe(a[p]);
        expect(q).toBeGreaterThan(last);
        last = q;
      }
    },
  );

  it.each(Array.from({ length: 40 }, (_, i) => i))(
    'finds the same script under a bound of its edits (or one more), and none under one less (case %i)',
    (i) => {
      const a = tokens(i + 7, 20 + ((i * 13) % 60));
      const b = tokens(i + 307, 20 + ((i * 5) % 60));
      const edits = a.length + b.length - 2 * lcs(a, b);
      const loose = diffTokens(a, b, a.length + b.length);
      // (A bound one over the edits has the other parity: both kinds of step are pruned.)
      for (const bound of [edits, edits + 1]) {
        const tight = diffTokens(a, b, bound);
        expect(tight).not.toBeNull();
        expect(tight?.common).toBe(loose?.common);
        expect(Array.from(tight?.aToB ?? [])).toEqual(Array.from(loose?.aToB ?? []));
        expect(tight?.deleted).toEqual(loose?.deleted);
        expect(tight?.inserted).toEqual(loose?.inserted);
      }
      expect(diffTokens(a, b, edits - 1)).toBeNull();
    },
  );

  it('gives up (null) when more edits than the bound are needed', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [6, 5, 4, 3, 2, 1];
    const needed = a.length + b.length - 2 * lcs(a, b);
    expect(diffTokens(a, b, needed - 1)).toBeNull();
    expect(diffTokens(a, b, needed)?.common).toBe(lcs(a, b));
  });

  it('places an insertion and a deletion where they happen', () => {
    const d = diffTokens([1, 2, 3, 4], [1, 9, 2, 4], 10);
    expect(d?.deleted).toEqual([2]);
    expect(d?.inserted).toEqual([1]);
  });
});
