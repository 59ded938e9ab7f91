import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { WordTable, hashOf, hashStart, hashStep } from './words.js';

/** The hash the normaliser's scanner computes over text[start, end). */
function scanHash(text: string, start: number, end: number): number {
  let h = hashStart;
  for (let i = start; i < end; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

describe('WordTable', () => {
  it('keeps no text alive through a word it stores (a slice of a file is copied out of it)', () => {
    // A slice of a long string can share the whole string's memory: a table kept for the run
    // that stored such slices would keep every file that brought a new word.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const table = new WordTable();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 24; i++) {
      const text = `${i.toString(36).padStart(4, '0')} ${'lorem ipsum '.repeat(90_000)}`;
      table.idOf(text.slice(0, 20));
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(table.size).toBe(24);
    expect(grown).toBeLessThan(8 * 1024 * 1024); // 24 texts of ~1 MB each when they are kept
  });

  it('gives each word one id and finds it in a slice of a longer text', () => {
    const table = new WordTable();
    const a = table.idOf('license');
    const b = table.idOf('licensee');
    expect(table.idOf('license')).toBe(a);
    expect(b).not.toBe(a);
    const text = 'the licensee may license';
    expect(table.find(text, 4, 12, scanHash(text, 4, 12))).toBe(b);
    expect(table.find(text, 17, 24, scanHash(text, 17, 24))).toBe(a);
    // A prefix of a stored word is another word: "license" (stored) and "licens" (not).
    expect(table.find(text, 4, 11, scanHash(text, 4, 11))).toBe(a);
    expect(table.find(text, 4, 10, scanHash(text, 4, 10))).toBe(-1);
    expect(table.words[a]).toBe('license');
  });

  it('tells apart words whose hashes collide in the table (same slot) by their characters', () => {
    const table = new WordTable();
    // Enough words to fill and grow the table many times over: every one keeps its id.
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    const ids = words.map((w) => table.idOf(w));
    expect(new Set(ids).size).toBe(words.length);
    words.forEach((w, i) => {
      expect(table.find(w, 0, w.length, hashOf(w))).toBe(ids[i]);
    });
    expect(table.find('zzzzzz', 0, 6, hashOf('zzzzzz'))).toBe(-1);
  });

  it('stores no new word past its bound but still finds the stored ones', () => {
    const table = new WordTable(3);
    expect([table.idOf('a'), table.idOf('b'), table.idOf('c')]).toEqual([0, 1, 2]);
    expect(table.idOf('d')).toBe(-1);
    expect(table.size).toBe(3);
    expect(table.idOf('b')).toBe(1);
  });

  it('hashes a word the same whether given whole or scanned from a text', () => {
    const text = 'x naïve 𝐀𝐁 y';
    expect(scanHash(text, 2, 7)).toBe(hashOf('naïve'));
    expect(scanHash(text, 8, 12)).toBe(hashOf('𝐀𝐁'));
  });
});
