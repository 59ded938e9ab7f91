import { describe, expect, it } from 'vitest';
import { historyMetrics } from '../../testing/health.js';
import { maintainedCheck, proportionalScore, withDependabotCommits } from './history-checks.js';
import { peopleScale, recencyScore, scoreHealth, type ScoreInput } from './score.js';
import type { CheckResult } from './scorecard/types.js';

const AS_OF = '2025-01-01T00:00:00.000Z';
const T = Date.parse(AS_OF) / 1000;
const DAY = 86_400;

const check = (score: number | null, reason = 'r'): CheckResult => ({
  score,
  reason,
  evidence: [],
});

/** The scripted repository of history.test.ts, as its metrics. */
const HISTORY = historyMetrics(AS_OF, {
  commits: { total: 8, bots: 1, human: 7, humanInWindow: { last90Days: 2, last365Days: 3 } },
  lastCommitAt: '2024-12-15T00:00:00.000Z',
  daysSinceLastCommit: 17,
  releases: {
    total: 3,
    perYear: { '2023': 1, '2024': 2 },
    last365Days: 2,
    last: { tag: 'v2.0.0', at: '2024-12-20T00:00:00.000Z' },
    daysSinceLastRelease: 12,
  },
  activeMaintainers: { last90Days: 2, last365Days: 3 },
  topMaintainers: [{ name: 'Carol <carol@example.org>', commits: 1 }],
  contributors: 3,
  contributorAbsenceFactor: { allTime: 2, last365Days: 2 },
  truckFactor: { value: 1, files: 11, authors: ['Alice <a@example.org>'] },
});

describe('scoreHealth', () => {
  it('scores each dimension from the signals present and never imputes the missing ones', () => {
    const input: ScoreInput = {
      history: HISTORY,
      scorecard: {
        'Dangerous-Workflow': {
          score: 0,
          reason: 'dangerous workflow patterns detected',
          evidence: ['.github/workflows/x.yml:3: untrusted checkout'],
        },
        'Binary-Artifacts': check(10),
        'Token-Permissions': check(null),
        License: check(10),
        'Code-Review': check(null),
        'CI-Tests': check(null),
      },
      process: { tests: true, ciRunsTests: false },
    };
    const s = scoreHealth(input);
    // activity: (3·1.7 + 3·10 + 2·6.3 + 2·10) / 10
    expect(s.dimensions.activity.score).toBe(6.8);
    expect(s.dimensions.activity.confidence).toBe(1);
    // people: (3·8 + 4·2 + 3·5) / 10
    expect(s.dimensions.people.score).toBe(4.7);
    // security: (10·0 + 7.5·10) / 17.5 of 52.5
    expect(s.dimensions.security.score).toBe(4.3);
    expect(s.dimensions.security.confidence).toBe(0.33);
    // process: (2.5·10 + 5·10 + 5·0) / 12.5 of 37.5
    expect(s.dimensions.process.score).toBe(6);
    expect(s.dimensions.process.confidence).toBe(0.33);
    // overall: 0.3 + 0.25 + 0.3·(17.5/52.5) + 0.15·(12.5/37.5) = 0.7 of the weight present.
    expect(s.confidence).toBe(0.7);
    expect(s.score).toBe(5.6);
    expect(s.flags.map((f) => f.id)).toEqual(['dangerous-workflow']);
    expect(s.flags[0]?.evidence).toEqual(['.github/workflows/x.yml:3: untrusted checkout']);
    const missing = s.dimensions.security.signals.find((x) => x.name === 'SAST');
    expect(missing).toEqual({ name: 'SAST', weight: 5, score: null, reason: 'check not run' });
  });

  it.each<[string, Partial<ScoreInput>, string[]]>([
    [
      'a single maintainer and no licence',
      {
        history: { ...HISTORY, activeMaintainers: { last90Days: 1, last365Days: 1 } },
        scorecard: { License: { score: 0, reason: 'license file not detected', evidence: [] } },
      },
      ['no-license', 'single-maintainer'],
    ],
    [
      'no human commit in a year and a deprecation notice',
      {
        history: historyMetrics(AS_OF, { lastCommitAt: '2020-01-01T00:00:00.000Z' }),
        deprecationNotice: 'README.md:1: This project is no longer maintained.',
      },
      ['archived-or-deprecated', 'no-recent-activity'],
    ],
  ])('flags %s apart from the score', (_name, over, ids) => {
    const s = scoreHealth({ history: HISTORY, scorecard: {}, process: {}, ...over });
    expect(s.flags.map((f) => f.id)).toEqual(ids);
  });

  it('leaves release recency and truck factor out (not zero) when they cannot be computed', () => {
    const s = scoreHealth({
      history: historyMetrics(AS_OF, {
        daysSinceLastCommit: 0,
        commits: {
          total: 12,
          bots: 0,
          human: 12,
          humanInWindow: { last90Days: 12, last365Days: 12 },
        },
      }),
      scorecard: {},
      process: {},
    });
    // commits 10 (w3), recency 10 (w3), releases 0 (w2); release recency missing (w2).
    expect(s.dimensions.activity.score).toBe(7.5);
    expect(s.dimensions.activity.confidence).toBe(0.8);
    expect(s.dimensions.people.signals.find((x) => x.name === 'truck-factor')?.score).toBeNull();
    expect(s.dimensions.security.score).toBeNull();
  });

  it.each<[number, number]>([
    [0, 10],
    [30, 10],
    [197.5, 5],
    [365, 0],
    [1000, 0],
  ])('recencyScore(%d days, 30..365) = %d', (d, v) => expect(recencyScore(d, 30, 365)).toBe(v));

  it.each<[number, number]>([
    [0, 0],
    [1, 2],
    [2, 5],
    [4, 8.5],
    [9, 10],
  ])('peopleScale(%d) = %d', (n, v) => expect(peopleScale(n)).toBe(v));
});

describe('Maintained (Scorecard checks/evaluation/maintained.go)', () => {
  const times = (n: number, daysAgo: number): number[] =>
    Array.from({ length: n }, (_, i) => T - daysAgo * DAY - i * 60);
  const old = T - 1000 * DAY;
  it.each<[string, number[], number | undefined, boolean, number | null, RegExp]>([
    [
      '12 recent commits: the top score (90/7 = 12 in Go)',
      times(12, 1),
      old,
      false,
      10,
      /^12 commit\(s\) found in the last 90 days -- score normalized to 10/,
    ],
    ['6 recent commits', times(6, 1), old, false, 5, /^6 commit\(s\).*normalized to 5/],
    ['1 recent commit', times(1, 89), old, false, 0, /^1 commit\(s\).*normalized to 0/],
    ['2 recent commits', times(2, 89), old, false, 1, /normalized to 1/],
    ['only the newest 30 commits count', times(30, 1), old, false, 10, /^30 commit\(s\)/],
    ['nothing in 90 days', times(5, 91), old, false, 0, /^0 commit\(s\)/],
    [
      'created in the last 90 days',
      times(20, 1),
      T - 80 * DAY,
      false,
      0,
      /^project was created in last 90 days/,
    ],
    [
      'shallow clone whose oldest commit is recent',
      times(20, 1),
      T - 80 * DAY,
      true,
      null,
      /shallow clone/,
    ],
    ['no commits', [], undefined, false, null, /no commits/],
  ])('%s', (_name, recent, oldest, shallow, score, reason) => {
    const r = maintainedCheck(
      historyMetrics(AS_OF, {
        recentCommitTimes: recent.slice(0, 30),
        shallow,
        ...(oldest !== undefined ? { oldestCommitTime: oldest } : {}),
      }),
    );
    expect(r.score).toBe(score);
    expect(r.reason).toMatch(reason);
  });

  it.each<[number, number, number]>([
    [0, 12, 0],
    [11, 12, 9],
    [13, 12, 10],
    [3, 0, 0],
  ])('proportionalScore(%i, %i) = %i', (s, t, v) => expect(proportionalScore(s, t)).toBe(v));
});

describe('Dependency-Update-Tool from Dependabot commits (checks/raw/dependency_update_tool.go)', () => {
  const none = { score: 0, reason: 'no update tool detected', evidence: [] };
  const found = { score: 10, reason: 'update tool detected', evidence: ['.github/dependabot.yml'] };
  it.each<[string, CheckResult | undefined, string | undefined, CheckResult | undefined]>([
    [
      'no config, a Dependabot commit: detected',
      none,
      'abc',
      {
        score: 10,
        reason: 'update tool detected',
        evidence: ['commit abc: by dependabot[bot] (Dependabot)'],
      },
    ],
    ['no config, no Dependabot commit: unchanged', none, undefined, none],
    ['a config file: unchanged', found, 'abc', found],
    ['check not run: unchanged', undefined, 'abc', undefined],
  ])('%s', (_n, check, sha, want) => {
    const h = historyMetrics(AS_OF, sha !== undefined ? { dependabotCommit: sha } : {});
    expect(withDependabotCommits(check, h)).toEqual(want);
  });
});
