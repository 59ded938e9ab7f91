import { describe, expect, it } from 'vitest';
import { pep440 } from '../../../versioning/pep440/index.js';
import { semver } from '../../../versioning/semver/index.js';
import type { VersionScheme } from '../../../versioning/types.js';
import { GIT_SKIPPED, fixedVersions, isAffected, smallestFixing } from './index.js';
import type { OsvAffected, OsvEvent, OsvRange } from './types.js';

function range(type: OsvRange['type'], ...events: OsvEvent[]): OsvAffected {
  return { ranges: [{ type, events }] };
}

// The examples of the OSV schema documentation ("Examples" under affected[].ranges).
const unfixed = range('SEMVER', { introduced: '0' });
const fixedAt102 = range('SEMVER', { introduced: '0' }, { fixed: '1.0.2' });
const multiple = range(
  'SEMVER',
  { introduced: '1.0.0' },
  { fixed: '1.0.2' },
  { introduced: '3.0.0' },
  { fixed: '3.2.5' },
);
const lastAffected = range('ECOSYSTEM', { introduced: '0' }, { last_affected: '2.1.214' });
const fixedAt214 = range('SEMVER', { introduced: '0' }, { fixed: '2.1.214' });

describe('isAffected: OSV schema examples', () => {
  it.each([
    ['unfixed', unfixed, '0.0.1', true],
    ['unfixed', unfixed, '99.0.0', true],
    ['unfixed', unfixed, '0.0.0-alpha', true],
    ['fixed 1.0.2', fixedAt102, '1.0.1', true],
    ['fixed 1.0.2', fixedAt102, '1.0.2-rc.1', true],
    ['fixed 1.0.2', fixedAt102, '1.0.2', false],
    ['fixed 1.0.2', fixedAt102, '1.0.3', false],
    ['multiple', multiple, '0.9.0', false],
    ['multiple', multiple, '1.0.0', true],
    ['multiple', multiple, '1.0.1', true],
    ['multiple', multiple, '1.0.2', false],
    ['multiple', multiple, '2.5.0', false],
    ['multiple', multiple, '3.0.0', true],
    ['multiple', multiple, '3.2.4', true],
    ['multiple', multiple, '3.2.5', false],
    ['last_affected', lastAffected, '2.1.213', true],
    ['last_affected', lastAffected, '2.1.214', true],
    ['last_affected', lastAffected, '2.1.215', false],
    ['fixed vs last_affected', fixedAt214, '2.1.214', false],
    ['fixed vs last_affected', fixedAt214, '2.1.213', true],
  ])('%s: %s → %s', (_name, affected, version, want) => {
    expect(isAffected(version, affected, semver).affected).toBe(want);
  });
});

describe('isAffected: timeline rules', () => {
  it.each<[string, OsvAffected, string, boolean]>([
    // events out of order are sorted before evaluation
    [
      'unsorted events',
      range(
        'ECOSYSTEM',
        { fixed: '3.2.5' },
        { introduced: '3.0.0' },
        { fixed: '1.0.2' },
        { introduced: '1.0.0' },
      ),
      '3.1.0',
      true,
    ],
    [
      'unsorted events',
      range(
        'ECOSYSTEM',
        { fixed: '3.2.5' },
        { introduced: '3.0.0' },
        { fixed: '1.0.2' },
        { introduced: '1.0.0' },
      ),
      '2.0.0',
      false,
    ],
    // adjacent ranges in one timeline: the shared bound stays affected
    [
      'adjacent',
      range(
        'ECOSYSTEM',
        { introduced: '1.0.0' },
        { fixed: '2.0.0' },
        { introduced: '2.0.0' },
        { fixed: '3.0.0' },
      ),
      '2.0.0',
      true,
    ],
    [
      'single version',
      range('ECOSYSTEM', { introduced: '1.0.0' }, { last_affected: '1.0.0' }),
      '1.0.0',
      true,
    ],
    [
      'single version',
      range('ECOSYSTEM', { introduced: '1.0.0' }, { last_affected: '1.0.0' }),
      '1.0.1',
      false,
    ],
    // limit: an upper bound; `*` is infinity; several limits widen the scope
    ['limit', range('ECOSYSTEM', { introduced: '1.0.0' }, { limit: '2.0.0' }), '1.5.0', true],
    ['limit', range('ECOSYSTEM', { introduced: '1.0.0' }, { limit: '2.0.0' }), '2.0.0', false],
    ['limit *', range('ECOSYSTEM', { introduced: '1.0.0' }, { limit: '*' }), '9.0.0', true],
    [
      'two limits',
      range('ECOSYSTEM', { introduced: '1.0.0' }, { limit: '1.5.0' }, { limit: '3.0.0' }),
      '2.0.0',
      true,
    ],
    [
      'limit with fixed',
      range('ECOSYSTEM', { introduced: '0' }, { fixed: '2.0.0' }, { limit: '1.0.0' }),
      '1.5.0',
      false,
    ],
    // introduced "0" sorts before every version, even prereleases of 0.0.0
    [
      'introduced 0',
      range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0.0' }),
      '0.0.0-pre',
      true,
    ],
    ['no introduced', range('ECOSYSTEM', { fixed: '1.0.0' }), '0.5.0', false],
    // explicit versions list
    ['versions', { versions: ['1.1.0', '1.3.0'] }, '1.1.0', true],
    ['versions', { versions: ['1.1.0', '1.3.0'] }, '1.2.0', false],
    ['versions', { versions: ['1.1.0', '1.3.0'] }, 'v1.3.0', true],
    [
      'versions + range',
      { versions: ['0.1.0'], ...range('ECOSYSTEM', { introduced: '2.0.0' }) },
      '0.1.0',
      true,
    ],
    ['empty', {}, '1.0.0', false],
  ])('%s: %s', (_name, affected, version, want) => {
    expect(isAffected(version, affected, semver).affected).toBe(want);
  });

  it('says which rule decided', () => {
    expect(isAffected('1.0.1', multiple, semver)).toEqual({
      affected: true,
      reason: 'SEMVER range: introduced 1.0.0, fixed 1.0.2',
    });
    expect(isAffected('2.0.0', lastAffected, semver)).toEqual({
      affected: true,
      reason: 'ECOSYSTEM range: introduced 0, last_affected 2.1.214',
    });
    expect(isAffected('1.1.0', { versions: ['1.1.0'] }, semver)).toEqual({
      affected: true,
      reason: 'listed in versions',
    });
  });

  it('skips GIT ranges and says so', () => {
    const git: OsvAffected = {
      ranges: [
        {
          type: 'GIT',
          repo: 'https://example.test/repo',
          events: [{ introduced: '0' }, { fixed: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2' }],
        },
      ],
    };
    expect(isAffected('1.0.0', git, semver)).toEqual({ affected: false, reason: GIT_SKIPPED });
    expect(isAffected('1.0.0', { ...git, versions: ['1.0.0'] }, semver).affected).toBe(true);
  });
});

describe('isAffected: SEMVER with prereleases', () => {
  const r = range('SEMVER', { introduced: '2.0.0-alpha.2' }, { fixed: '2.0.0-rc.1' });
  it.each([
    ['2.0.0-alpha.1', false],
    ['2.0.0-alpha.2', true],
    ['2.0.0-alpha.10', true],
    ['2.0.0-beta', true],
    ['2.0.0-rc.1', false],
    ['2.0.0', false],
    ['v2.0.0-beta+build.5', true],
    ['1.9.9', false],
  ])('%s → %s', (version, want) => {
    expect(isAffected(version, r, semver).affected).toBe(want);
  });

  it('uses SemVer order for SEMVER ranges whatever the scheme passed', () => {
    expect(isAffected('2.0.0-beta', r, pep440).affected).toBe(true);
  });
});

describe('isAffected: PyPI', () => {
  const r = range(
    'ECOSYSTEM',
    { introduced: '1.0' },
    { fixed: '1.2.post1' },
    { introduced: '2.0rc1' },
    { fixed: '2.0.3' },
  );
  it.each([
    ['1.0.dev0', false],
    ['1.0a1', false],
    ['1.0', true],
    ['1.0.0', true],
    ['1.2', true],
    ['1.2.post1.dev3', true],
    ['1.2.post1', false],
    ['1.2.post2', false],
    ['2.0b9', false],
    ['2.0rc1', true],
    ['2.0c2', true],
    ['2.0', true],
    ['2.0.3.dev1', true],
    ['2.0.3', false],
    ['1.1+local.7', true],
    // legacy versions sort before every valid one, so below `introduced 1.0`
    ['1.1-SNAPSHOT', false],
  ])('%s → %s', (version, want) => {
    expect(isAffected(version, r, pep440).affected).toBe(want);
  });

  it('matches legacy versions from introduced 0 and in versions lists', () => {
    expect(
      isAffected('2004d', range('ECOSYSTEM', { introduced: '0' }, { fixed: '0.1' }), pep440)
        .affected,
    ).toBe(true);
    expect(isAffected('2004d', { versions: ['2004d'] }, pep440).affected).toBe(true);
    expect(isAffected('1.0', { versions: ['1.0.0'] }, pep440).affected).toBe(true);
    expect(isAffected('1.0+local', { versions: ['1.0'] }, pep440).affected).toBe(false);
  });
});

describe('fixedVersions', () => {
  it('lists fixed events once, in version order with a scheme', () => {
    const a: OsvAffected = {
      ranges: [
        {
          type: 'ECOSYSTEM',
          events: [
            { introduced: '3.0.0' },
            { fixed: '3.2.5' },
            { introduced: '1.0.0' },
            { fixed: '1.0.10' },
          ],
        },
        {
          type: 'SEMVER',
          events: [{ introduced: '1.0.0' }, { fixed: '1.0.10' }, { fixed: '1.0.9' }],
        },
        {
          type: 'GIT',
          repo: 'https://example.test/repo',
          events: [{ introduced: '0' }, { fixed: 'abc123' }],
        },
      ],
    };
    expect(fixedVersions(a, semver)).toEqual(['1.0.9', '1.0.10', '3.2.5']);
    expect(fixedVersions(a)).toEqual(['3.2.5', '1.0.10', '1.0.9']);
    expect(fixedVersions(lastAffected)).toEqual([]);
  });
});

describe('smallestFixing', () => {
  const rangeA = range(
    'ECOSYSTEM',
    { introduced: '1.0.0' },
    { fixed: '1.0.2' },
    { introduced: '3.0.0' },
    { fixed: '3.2.5' },
  );
  const rangeB = range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.4.0' });
  const rangeC = range('ECOSYSTEM', { introduced: '0' }, { fixed: '4.0.0' });
  it.each<[string, string, OsvAffected[], VersionScheme, string | undefined]>([
    ['one advisory', '1.0.1', [rangeA], semver, '1.0.2'],
    ['the larger fix of two', '1.0.1', [rangeA, rangeB], semver, '1.4.0'],
    [
      'skips a fix that lands in another branch of the range',
      '1.0.1',
      [rangeA, rangeC],
      semver,
      '4.0.0',
    ],
    ['only fixes above the version', '3.1.0', [rangeA], semver, '3.2.5'],
    ['not affected: nothing to fix', '2.0.0', [rangeA], semver, undefined],
    ['an advisory with no fix', '1.0.1', [rangeA, unfixed], semver, undefined],
    ['last_affected only', '2.0.0', [lastAffected], semver, undefined],
    ['a versions-only advisory', '1.0.1', [rangeA, { versions: ['1.0.1'] }], semver, undefined],
    [
      'PyPI post release',
      '1.2',
      [
        range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.2.post1' }),
        range('ECOSYSTEM', { introduced: '1.0' }, { fixed: '1.2.1rc1' }),
      ],
      pep440,
      '1.2.1rc1',
    ],
  ])('%s', (_name, version, list, scheme, want) => {
    expect(smallestFixing(version, list, scheme)).toBe(want);
  });
});

describe('isAffected: Go module versions (pseudo-versions, +incompatible)', () => {
  // A pseudo-version vX.Y.(Z+1)-0.TIMESTAMP-COMMIT sorts after vX.Y.Z and before vX.Y.(Z+1);
  // v0.0.0-TIMESTAMP-COMMIT precedes every release; +incompatible is build metadata.
  const fixed0230 = range('SEMVER', { introduced: '0' }, { fixed: '0.23.0' });
  const window = range('SEMVER', { introduced: '1.2.4-0' }, { fixed: '1.2.4' });
  it.each([
    [fixed0230, '0.0.0-20230101120000-abcdef123456', true],
    [fixed0230, '0.22.1-0.20240101120000-abcdef123456', true],
    [fixed0230, '0.23.1-0.20240101120000-abcdef123456', false],
    [fixed0230, '0.23.0', false],
    [window, '1.2.3', false],
    [window, '1.2.4-0.20240101120000-abcdef123456', true],
    [window, '1.2.4', false],
    [range('SEMVER', { introduced: '0' }, { fixed: '2.1.0' }), '2.0.0+incompatible', true],
    [range('SEMVER', { introduced: '0' }, { fixed: '2.0.0' }), '2.0.0+incompatible', false],
  ])('%o: %s → %s', (affected, version, want) => {
    expect(isAffected(version, affected, semver).affected).toBe(want);
  });
});

/**
 * The OSV schema's evaluation written out literally, for the cross-check below: sort the
 * events by version (stable, `introduced 0` first) and replay them as a timeline.
 */
function replayReference(version: string, events: readonly OsvEvent[], scheme: VersionScheme) {
  const all = events.map((e) => Object.entries(e)[0] as [string, string]);
  const limits = all.filter(([k]) => k === 'limit');
  if (
    limits.length > 0 &&
    !limits.some(([, v]) => v.includes('*') || scheme.compare(version, v) < 0)
  )
    return { affected: false };
  const zero = ([k, v]: [string, string]) => k === 'introduced' && v === '0';
  const timeline = all
    .filter(([k]) => k !== 'limit')
    .sort((a, b) =>
      zero(a) || zero(b) ? Number(zero(b)) - Number(zero(a)) : scheme.compare(a[1], b[1]),
    );
  let vulnerable = false;
  let from = '';
  let to = '';
  for (const [k, v] of timeline) {
    const applies = zero([k, v])
      ? true
      : k === 'last_affected'
        ? scheme.compare(version, v) > 0
        : scheme.compare(version, v) >= 0;
    if (applies) {
      vulnerable = k === 'introduced';
      if (vulnerable) [from, to] = [`${k} ${v}`, ''];
    } else if (vulnerable && k !== 'introduced' && to === '') to = `${k} ${v}`;
  }
  if (!vulnerable) return { affected: false };
  return { affected: true, reason: `ECOSYSTEM range: ${from}${to === '' ? '' : `, ${to}`}` };
}

describe('isAffected: cross-check against a literal timeline replay', () => {
  // A small pool of versions, so that events often share a version (the order-sensitive cases).
  const pool = ['0', '0.9', '1.0', '1.0.0', '1.1', '2.0', '2.0.post1', '3.0a1', '3.0', '10.0'];
  const kinds = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
  // A fixed-seed generator: the same cases every run.
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const cases: [number, OsvEvent[]][] = [];
  for (let i = 0; i < 400; i++) {
    const events: OsvEvent[] = [];
    for (let e = 0, n = 1 + next(6); e < n; e++) {
      const kind = kinds[next(kinds.length)] as (typeof kinds)[number];
      const version = kind === 'limit' && next(8) === 0 ? '*' : (pool[next(pool.length)] as string);
      events.push({ [kind]: version } as OsvEvent);
    }
    cases.push([i, events]);
  }
  it.each(cases)('random range %i agrees on every version of the pool', (_i, events) => {
    const affected = range('ECOSYSTEM', ...events);
    for (const version of [...pool.slice(1), '0.1', '1.5', '99']) {
      expect(
        isAffected(version, affected, pep440),
        `${version} in ${JSON.stringify(events)}`,
      ).toEqual(replayReference(version, events, pep440));
    }
  });
});
