import { describe, expect, it } from 'vitest';
import { ratingOf, scoreVector, severityOf } from './index.js';

describe('scoreVector', () => {
  it.each([
    // Scores as the FIRST calculators give them for these vectors.
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 5.5],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5],
  ])('%s → %s', (vector, score) => {
    expect(scoreVector(vector)).toBe(score);
  });

  it.each([
    ['garbage'],
    ['CVSS:3.1/AV:N/AC:L'], // base metrics missing
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
    [`CVSS:3.1/${'AV:N/'.repeat(200)}`],
    [''],
  ])('%s → no score', (vector) => {
    expect(scoreVector(vector)).toBeUndefined();
  });
});

describe('ratingOf', () => {
  it.each([
    [0, 'CVSS_V3', 'none'],
    [0.1, 'CVSS_V3', 'low'],
    [3.9, 'CVSS_V3', 'low'],
    [4, 'CVSS_V4', 'medium'],
    [6.9, 'CVSS_V3', 'medium'],
    [7, 'CVSS_V3', 'high'],
    [8.9, 'CVSS_V3', 'high'],
    [9, 'CVSS_V3', 'critical'],
    [10, 'CVSS_V2', 'high'],
    [3.9, 'CVSS_V2', 'low'],
  ] as const)('%s (%s) → %s', (score, type, rating) => {
    expect(ratingOf(score, type)).toBe(rating);
  });
});

describe('severityOf', () => {
  it('prefers CVSS v4 over v3 over v2, record-level or per package', () => {
    expect(
      severityOf({
        severity: [
          { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' },
          {
            type: 'CVSS_V4',
            score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
          },
        ],
      }),
    ).toEqual({
      rating: 'critical',
      score: 9.3,
      vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      source: 'CVSS_V4',
    });
    expect(
      severityOf({
        affected: [{ severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }] }],
      }),
    ).toMatchObject({ rating: 'high', score: 7.5, source: 'CVSS_V2' });
  });

  it('skips an invalid vector and falls back to the database rating (GHSA "MODERATE")', () => {
    expect(
      severityOf({
        severity: [{ type: 'CVSS_V3', score: 'not a vector' }],
        database_specific: { severity: 'MODERATE' },
      }),
    ).toEqual({ rating: 'medium', source: 'database_specific' });
  });

  it('says nothing when the advisory states no severity', () => {
    expect(severityOf({})).toBeUndefined();
    expect(severityOf({ database_specific: { severity: 'whatever' } })).toBeUndefined();
    expect(severityOf({ severity: [{ type: 'CVSS_V3', score: 42 }] })).toBeUndefined();
  });
});
