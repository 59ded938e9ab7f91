import { describe, expect, it } from 'vitest';
import { parseSemver, semver } from './index.js';

describe('semver (as OSV applies it)', () => {
  it.each([
    // v prefix and missing components
    ['v1.2.3', '1.2.3', 0],
    ['1', '1.0.0', 0],
    ['1.2', '1.2.0', 0],
    ['v2', '1.9.9', 1],
    // very large numbers compare exactly (beyond 2^53)
    ['9007199254740993.0.0', '9007199254740992.0.0', 1],
    ['1.0.12345678901234567890123', '1.0.12345678901234567890122', 1],
    ['01.002.0003', '1.2.3', 0],
    // prerelease precedence (SemVer §11)
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '1.0.0-RC.1', 1],
    ['1.0.0-rc.100000000000000000000', '1.0.0-rc.99999999999999999999', 1],
    // build metadata ignored
    ['1.0.0+a', '1.0.0+b', 0],
    ['1.0.0-rc.1+x', '1.0.0-rc.1', 0],
    // no separator before the prerelease
    ['1.36.0rc1', '1.36.0', -1],
    ['1.36.0rc1', '1.35.9', 1],
    // a fourth component joins the build string, which then orders like a prerelease
    ['1.2.3.4', '1.2.3', -1],
    ['1.2.3.4', '1.2.3.5', -1],
    ['1.2.3.4', '1.2.3-alpha', -1],
    // garbage: no release numbers (0.0.0), the text is a prerelease
    ['garbage', '0.0.0', -1],
    ['garbage', '0.0.0-alpha', 1],
    ['', '0.0.0', 0],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(semver.compare(a, b)).toBe(want);
    expect(semver.compare(b, a)).toBe(want === 0 ? 0 : -want);
  });

  it.each([
    ['1.2.3', true],
    ['v1', true],
    ['1.0.0-beta+exp', true],
    ['garbage', false],
    ['', false],
    ['v', false],
  ])('valid(%j) is %s', (version, want) => {
    expect(semver.valid(version)).toBe(want);
  });

  it('parses release numbers and prerelease identifiers', () => {
    // The fourth number is appended to the build string (`-rc.1` → `-rc.1.4`).
    expect(parseSemver('v1.02.3.4-rc.1')).toEqual({
      release: ['1', '2', '3'],
      prerelease: [
        { text: 'rc' },
        { text: '1', number: { negative: false, digits: '1' } },
        { text: '4', number: { negative: false, digits: '4' } },
      ],
      hasRelease: true,
    });
    // Appended after build metadata, the extra number is dropped with it.
    expect(parseSemver('1.2.3.4-rc+build').prerelease).toEqual([{ text: 'rc' }]);
  });

  it('returns the cached parse for a repeated string', () => {
    expect(semver.parse('3.1.4')).toBe(semver.parse('3.1.4'));
  });
});
