import { compare as libraryCompare } from '@renovatebot/pep440';
import { describe, expect, it } from 'vitest';
import { parsePep440, pep440 } from './index.js';

describe('pep440 (PyPI, with legacy fallback)', () => {
  it.each([
    ['1.0', '1.0.0', 0],
    ['1.0', '1.0.post1', -1],
    ['1.0.dev1', '1.0a1', -1],
    ['1.0a1', '1.0b1', -1],
    ['1.0b1', '1.0rc1', -1],
    ['1.0c1', '1.0rc1', 0],
    ['1.0rc1', '1.0', -1],
    ['1.0.post1.dev1', '1.0.post1', -1],
    ['1.0.post1', '1.1.dev0', -1],
    ['1.0-1', '1.0.post1', 0],
    ['1.0.r2', '1.0.post2', 0],
    ['1.0alpha', '1.0a0', 0],
    ['V1.0', '1.0', 0],
    ['1!0.1', '2.0', 1],
    ['1.0+abc', '1.0', 1],
    ['1.0+abc', '1.0+1', -1],
    ['1.0+1.2', '1.0+1', 1],
    ['1.0+ABC', '1.0+abc', 0],
    // numbers beyond 2^53
    ['9007199254740993', '9007199254740992', 1],
    ['1.0.post18446744073709551617', '1.0.post18446744073709551616', 1],
    // legacy versions sort before valid ones, and among themselves by their parts
    ['1.0-SNAPSHOT', '0.0.1', -1],
    ['2004d', '0', -1],
    ['2004e', '2004d', 1],
    ['2004c', '2004d', 1], // `2004c` is valid PEP 440 (2004rc0)
    ['trunk', '1.0-snapshot', -1], // a leading letter part sorts before numbers
    ['1.0-snapshot', '1.0-SNAPSHOT', 0],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(pep440.compare(a, b)).toBe(want);
    expect(pep440.compare(b, a)).toBe(want === 0 ? 0 : -want);
  });

  it.each([
    ['1.0', true],
    [' 1.0.post1 ', true],
    ['1!2.0rc1.dev3+local.7', true],
    ['1.0-SNAPSHOT', false],
    ['2004d', false],
    ['', false],
  ])('valid(%j) is %s', (version, want) => {
    expect(pep440.valid(version)).toBe(want);
  });

  it('parses the segments of a full version', () => {
    expect(parsePep440('1!2.0.0rc1.post2.dev3+Ubuntu.7')).toEqual({
      legacy: undefined,
      epoch: '1',
      release: ['2'],
      pre: { letter: 'rc', number: '1' },
      post: { letter: 'post', number: '2' },
      dev: { letter: 'dev', number: '3' },
      local: ['ubuntu', '7'],
    });
  });

  // The library underneath orders valid versions the same way (it only loses precision past
  // 2^53 and rejects legacy versions, which is why the comparison is written here).
  it.each([
    ['1.0.dev0', '1.0a0'],
    ['1.0a0', '1.0'],
    ['1.0', '1.0+local'],
    ['1.0+local', '1.0.post0'],
    ['1.0.post0.dev0', '1.0.post0'],
    ['0.9', '1!0.1'],
    ['1.0+a.1', '1.0+a.b'],
  ])('agrees with @renovatebot/pep440 on %s vs %s', (a, b) => {
    expect(pep440.compare(a, b)).toBe(Math.sign(libraryCompare(a, b)));
  });
});
