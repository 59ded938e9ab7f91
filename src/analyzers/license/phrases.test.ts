import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
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

  it('tries, among phrases sharing a first word, those the next word allows, in their order', () => {
    const the = p('the');
    const terms = p('the terms');
    const termsOf = p('the terms of');
    const software = p('the software');
    const shared = indexByFirstToken([terms, the, software, termsOf]);
    const found = (text: string): unknown[] =>
      findPhrases(text.split(' '), shared, 100).map((h) => [h.phrase, h.start]);
    expect(found('under the terms of')).toEqual([
      [terms, 1],
      [the, 1],
      [termsOf, 1],
    ]);
    expect(found('the software')).toEqual([
      [the, 0],
      [software, 0],
    ]);
    // A next word no phrase has, or none at all: the one-word phrase only.
    expect(found('the code the')).toEqual([
      [the, 0],
      [the, 2],
    ]);
  });

  it('stops at the limit', () => {
    expect(findPhrases('mit mit mit mit'.split(' '), index, 2)).toHaveLength(2);
  });

  it('finds the same with the token ids normalize() gives, a word without an id looked up', () => {
    const text = 'Code licensed under the terms of MIT, and MIT.';
    const { tokens, ids } = normalize(text);
    const expected = findPhrases(tokens, index, 100);
    expect(expected).toHaveLength(4);
    expect(findPhrases(tokens, index, 100, ids)).toEqual(expected);
    // A word met after the table was full has no id (-1): it is looked up by its spelling.
    const unknown = ids.map((id, i) => (tokens[i] === 'mit' ? -1 : id));
    expect(findPhrases(tokens, index, 100, unknown)).toEqual(expected);
    // An id the index does not start with rules the word out, whatever its spelling.
    const other = normalize('code').ids[0]!;
    const masked = ids.map((id, i) => (tokens[i] === 'mit' ? other : id));
    expect(findPhrases(tokens, index, 100, masked).map((h) => h.phrase)).toEqual([a, b]);
  });
});
