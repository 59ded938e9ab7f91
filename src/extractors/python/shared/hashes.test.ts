import { describe, expect, it } from 'vitest';
import { addHashString, addHashTable, hashList, MAX_HASHES, type HashSet } from './hashes.js';

const HEX = 'ab'.repeat(32);

describe('hashes', () => {
  it.each([
    [`sha256:${HEX}`, [{ alg: 'sha256', value: HEX }]],
    [`SHA256:${HEX.toUpperCase()}`, [{ alg: 'sha256', value: HEX }]],
    [`sha256=${HEX}`, [{ alg: 'sha256', value: HEX }]],
    ['sha256:not-hex', undefined],
    [HEX, undefined],
    [42, undefined],
  ])('reads %j', (value, expected) => {
    const set: HashSet = new Map();
    addHashString(set, value);
    expect(hashList(set)).toEqual(expected);
  });

  it('keeps distinct hashes only', () => {
    const set: HashSet = new Map();
    addHashString(set, `sha256:${HEX}`);
    addHashString(set, `sha256:${HEX.toUpperCase()}`);
    addHashTable(set, { sha256: HEX, md5: 'cd'.repeat(16), bogus: 3 });
    expect(hashList(set)).toEqual([
      { alg: 'sha256', value: HEX },
      { alg: 'md5', value: 'cd'.repeat(16) },
    ]);
  });

  it(`stops at ${MAX_HASHES}`, () => {
    const set: HashSet = new Map();
    for (let i = 0; i < MAX_HASHES + 10; i++)
      addHashString(set, `sha256:${i.toString(16).padStart(64, '0')}`);
    expect(set.size).toBe(MAX_HASHES);
  });
});
