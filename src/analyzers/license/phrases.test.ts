import { describe, expect, it } from 'vitest';
import { findPhrases, indexByFirstToken } from './phrases.js';

const p = (text: string): { tokens: string[] } => ({ tokens: text.split(' ') });

describe('findPhrases', () => {
  const a = p('licensed under the');
  const b = p('under the terms');
  const c = p('mit');
  const index = indexByFirstToken([a, b, c]);

  it('finds every occurrence, overlapping ones included, in text order', () => {
    const tokens = 'code licensed under the terms of mit and mit'.split(' ');
    expect(findPhrases(tokens, index, 100).map((h) => [h.phrase, h.start, h.end])).toEqual([
      [a, 1, 4],
      [b, 2, 5],
      [c, 6, 7],
      [c, 8, 9],
    ]);
  });

  it('does not match a phrase cut off by the end of the text', () => {
    expect(findPhrases('code licensed under'.split(' '), index, 100)).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(findPhrases('mit mit mit mit'.split(' '), index, 2)).toHaveLength(2);
  });
});
