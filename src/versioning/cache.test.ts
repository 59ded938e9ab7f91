import { describe, expect, it } from 'vitest';
import { cachedParser } from './cache.js';

describe('cachedParser', () => {
  it('parses a string once while it stays cached', () => {
    let calls = 0;
    const parse = cachedParser((v: string) => ({ v, n: ++calls }), 4);
    const first = parse('a');
    expect(parse('a')).toBe(first);
    expect(calls).toBe(1);
  });

  it('keeps recently used entries and drops old ones past the bound', () => {
    let calls = 0;
    const parse = cachedParser((v: string) => ({ v, n: ++calls }), 4);
    const a = parse('a');
    parse('b');
    parse('c'); // young generation full: {a, b} becomes old
    expect(parse('a')).toBe(a); // promoted from the old generation
    parse('d');
    parse('e');
    parse('f'); // generations rotated: old is now {d, e}, young {f}
    expect(calls).toBe(6);
    parse('b');
    expect(calls).toBe(7); // `b` was evicted and is parsed again
  });
});
