import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, type GitRepo, type RepoCommit } from '../../../testing/git-repo.js';
import { runGit } from '../git.js';
import { absenceFactor, analyzeHistory, isReleaseTag, type HistoryMetrics } from './index.js';
import { isBot } from './identities.js';
import { logParser, type LogCommit } from './log.js';
import { truckFactor, type FileAuthorship } from './truck-factor.js';

const AS_OF = new Date('2025-01-01T00:00:00Z');
const NOW = new Date('2025-03-01T00:00:00Z');

const aliceFiles = Object.fromEntries(
  Array.from({ length: 8 }, (_, i) => [`src/a${i + 1}.ts`, `a${i + 1}\n`]),
);

/** 3 people (one with 2 aliases and a .mailmap entry), a bot, a rename, 5 tags. */
const COMMITS: RepoCommit[] = [
  {
    author: 'Alice <alice@work.example>',
    date: '2022-01-01T00:00:00Z',
    files: { ...aliceFiles, '.mailmap': 'Alice <alice@work.example> <alice@old.example>\n' },
  },
  { author: 'Bob <bob@example.org>', date: '2022-02-01T00:00:00Z', files: { 'b1.ts': 'b\n' } },
  { author: 'Carol <carol@example.org>', date: '2022-03-01T00:00:00Z', files: { 'c1.ts': 'c\n' } },
  {
    author: 'A. Old <alice@old.example>',
    date: '2023-03-01T00:00:00Z',
    files: { 'src/a1.ts': 'a1 v2\n' },
    tag: 'v1.0.0',
  },
  {
    author: 'Alice Smith <alice@work.example>',
    date: '2024-06-01T00:00:00Z',
    files: { 'src/a2.ts': 'a2 v2\n' },
    tag: { name: 'v1.1.0', date: '2024-06-01T00:00:00Z' },
  },
  {
    author: 'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>',
    date: '2024-10-01T00:00:00Z',
    files: { 'b1.ts': 'b v2\n' },
  },
  {
    author: 'Bob <bob@personal.example>',
    date: '2024-11-01T00:00:00Z',
    files: { 'b1.ts': 'b v3\n' },
    tag: 'nightly',
  },
  {
    author: 'Carol <carol@example.org>',
    date: '2024-12-15T00:00:00Z',
    renames: { 'c1.ts': 'c1-renamed.ts' },
    tag: { name: 'v2.0.0', date: '2024-12-20T00:00:00Z' },
  },
  {
    author: 'Dave <dave@example.org>',
    date: '2025-02-01T00:00:00Z',
    files: { 'src/a3.ts': 'a3 v2\n' },
    tag: 'v3.0.0',
  },
];

const repos: GitRepo[] = [];
let work: GitRepo;
let bare: GitRepo;
beforeAll(async () => {
  work = await createGitRepo({ commits: COMMITS });
  bare = await createGitRepo({ commits: COMMITS, bare: true });
  repos.push(work, bare);
});
afterAll(async () => {
  for (const r of repos) await r.cleanup();
});

const EXPECTED: Omit<HistoryMetrics, 'newestCommit'> = {
  asOf: '2025-01-01T00:00:00.000Z',
  shallow: false,
  commits: { total: 8, bots: 1, human: 7, humanInWindow: { last90Days: 2, last365Days: 3 } },
  firstCommitAt: '2022-01-01T00:00:00.000Z',
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
  topMaintainers: [
    { name: 'Carol <carol@example.org>', commits: 1 },
    { name: 'Bob <bob@personal.example>', commits: 1 },
    { name: 'Alice Smith <alice@work.example>', commits: 1 },
  ],
  contributors: 3,
  contributorAbsenceFactor: { allTime: 2, last365Days: 2 },
  truckFactor: { value: 1, files: 11, authors: ['Alice Smith <alice@work.example>'] },
  recentCommitTimes: [
    '2024-12-15',
    '2024-11-01',
    '2024-10-01',
    '2024-06-01',
    '2023-03-01',
    '2022-03-01',
    '2022-02-01',
    '2022-01-01',
  ].map((d) => Date.parse(`${d}T00:00:00Z`) / 1000),
  oldestCommitTime: Date.parse('2022-01-01T00:00:00Z') / 1000,
};

/** Fields whose value is a commit id (random per build). */
const SHA = /^[0-9a-f]{40}$/;

describe('analyzeHistory', () => {
  it.each([
    ['work tree', () => work.dir],
    ['bare repository', () => bare.dir],
  ])('computes every metric on a scripted %s', async (_kind, dir) => {
    const m = await analyzeHistory(dir(), { asOf: AS_OF, now: NOW });
    const { newestCommit, dependabotCommit, ...rest } = m;
    expect(rest).toEqual(EXPECTED);
    expect(dependabotCommit).toMatch(SHA);
    expect(newestCommit?.at).toBe('2025-02-01T00:00:00.000Z');
    expect(newestCommit?.ageDays).toBe(28);
    expect(newestCommit?.sha).toMatch(SHA);
  });

  it('counts the commit after as-of when as-of is later, and Dave becomes a contributor', async () => {
    const m = await analyzeHistory(work.dir, { asOf: new Date('2025-03-01T00:00:00Z') });
    expect(m.commits.total).toBe(9);
    expect(m.contributors).toBe(4);
    expect(m.releases.last?.tag).toBe('v3.0.0');
    expect(m.daysSinceLastCommit).toBe(28);
  });

  it('says when a clone is shallow, and when the history was cut', async () => {
    const dir = `${work.dir}-shallow`;
    await runGit(work.dir, ['clone', '--quiet', '--depth', '2', `file://${work.dir}`, dir]);
    repos.push({
      dir,
      cleanup: () => rm(dir, { recursive: true, force: true }),
    });
    const m = await analyzeHistory(dir, { asOf: NOW });
    expect(m.shallow).toBe(true);
    expect(m.commits.total).toBe(2);
    const cut = await analyzeHistory(work.dir, { asOf: NOW, maxCommits: 3 });
    expect(cut.truncated).toMatch(/newest 3 commits/);
    expect(cut.commits.total).toBe(3);
  });

  it('handles an empty window: no commits after as-of date', async () => {
    const m = await analyzeHistory(work.dir, { asOf: new Date('2021-01-01T00:00:00Z') });
    expect(m.commits.total).toBe(0);
    expect(m.lastCommitAt).toBeUndefined();
    expect(m.truckFactor.value).toBe(0);
    expect(m.contributorAbsenceFactor).toEqual({ allTime: 0, last365Days: 0 });
  });
});

function file(creator: number | undefined, changes: Record<number, number>): FileAuthorship {
  return { creator, changes: new Map(Object.entries(changes).map(([k, v]) => [Number(k), v])) };
}

describe('truckFactor (Avelino et al.)', () => {
  it.each<[string, FileAuthorship[], number, number[]]>([
    ['no files', [], 0, []],
    ['one author of everything', [file(0, { 0: 3 }), file(0, { 0: 1 })], 1, [0]],
    [
      'one author with 80% of files',
      [...Array.from({ length: 8 }, () => file(0, { 0: 2 })), file(1, { 1: 1 }), file(2, { 2: 1 })],
      1,
      [0],
    ],
    [
      'two authors half each: removing one leaves exactly 50% covered, so both go',
      [file(0, { 0: 1 }), file(0, { 0: 1 }), file(1, { 1: 1 }), file(1, { 1: 1 })],
      2,
      [0, 1],
    ],
    [
      'a heavy editor becomes co-author of a file someone else created',
      // creator 0 with 1 change: DOA 4.391 − 0.321·ln(31) ≈ 3.29 < 3.293 → not an author;
      // 1 with 30 changes: 3.293 + 4.92 − 0.321·ln 2 ≈ 7.99 → author.
      // Were 0 an author of the first file, removing 1 would leave 2 of 3 files covered.
      [file(0, { 0: 1, 1: 30 }), file(1, { 1: 1 }), file(2, { 2: 1 })],
      1,
      [1],
    ],
  ])('%s', (_name, files, value, removed) => {
    const r = truckFactor(files);
    expect(r.value).toBe(value);
    expect(r.removed).toEqual(removed);
  });
});

describe('helpers', () => {
  it.each<[number[], number]>([
    [[], 0],
    [[10], 1],
    [[5, 5], 1],
    [[4, 3, 3], 2],
    [[1, 1, 1, 1, 1, 1], 3],
  ])('absenceFactor(%j) = %i', (counts, k) => expect(absenceFactor(counts)).toBe(k));

  it.each<[string, string, boolean]>([
    ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com', true],
    ['renovate[bot]', 'bot@renovateapp.com', true],
    ['github-actions', '41898282+github-actions[bot]@users.noreply.github.com', true],
    ['Renovate Bot', 'bot@renovateapp.com', true],
    ['Jane Doe', 'jane@example.org', false],
    ['Robotics Rob', 'rob@example.org', false],
  ])('isBot(%s, %s) = %s', (name, email, bot) => expect(isBot(name, email)).toBe(bot));

  it.each<[string, boolean]>([
    ['v1.2.3', true],
    ['1.0', true],
    ['pkg@2.0.0', true],
    ['release-1.2', true],
    ['v7', true],
    ['nightly', false],
    ['latest', false],
    ['build-42', false],
  ])('isReleaseTag(%s) = %s', (tag, yes) => expect(isReleaseTag(tag)).toBe(yes));
});

describe('logParser', () => {
  it('parses -z records, renames, merges and hostile file names split across chunks', () => {
    const out: LogCommit[] = [];
    const p = logParser((c) => out.push(c));
    const header = (sha: string, parents: string) =>
      `\x1e${sha}\x1fA\x1fa@x\x1fC\x1fc@x\x1f100\x1f${parents}\0`;
    const text =
      header('s1', 'p1 p2') +
      header('s2', 'p1') +
      '\nM\0odd\x1ename\0R087\0old\0new\nline\0D\0gone\0' +
      header('s3', '') +
      '\nA\0first\0';
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += 7) p.push(bytes.subarray(i, i + 7));
    p.end();
    expect(out.map((c) => [c.sha, c.parents, c.changes])).toEqual([
      ['s1', 2, []],
      [
        's2',
        1,
        [
          { status: 'M', path: 'odd\x1ename' },
          { status: 'R', path: 'new\nline', from: 'old' },
          { status: 'D', path: 'gone' },
        ],
      ],
      ['s3', 0, [{ status: 'A', path: 'first' }]],
    ]);
  });
});
