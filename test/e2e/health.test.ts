/**
 * `openvet health` end to end on the built CLI, over real git repositories built in temporary
 * directories (src/testing/git-repo.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, type GitRepo, type RepoCommit } from '../../src/testing/git-repo.js';
import { openvet, scanResultValidator } from './cli.js';

const COMMITS: RepoCommit[] = [
  {
    author: 'Ada <ada@example.org>',
    date: '2024-01-10T00:00:00Z',
    files: { LICENSE: 'MIT License\n', 'a.js': '1\n', 'b.js': '1\n', 'c.js': '1\n' },
    tag: 'v1.0.0',
  },
  { author: 'Bob <bob@example.org>', date: '2024-03-01T00:00:00Z', files: { 'd.js': '1\n' } },
  {
    author: 'renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>',
    date: '2024-05-01T00:00:00Z',
    files: { 'a.js': '2\n' },
  },
  {
    author: 'Ada <ada@example.org>',
    date: '2024-05-20T00:00:00Z',
    files: { 'b.js': '2\n' },
    tag: 'v1.1.0',
  },
];

interface Json {
  repository: { path: string; bare: boolean; files: string };
  asOf: string;
  history: {
    commits: { total: number; bots: number; humanInWindow: { last90Days: number } };
    daysSinceLastCommit: number;
    newestCommit: { ageDays: number };
    releases: { perYear: Record<string, number>; daysSinceLastRelease: number };
    truckFactor: { value: number; authors: string[] };
    contributorAbsenceFactor: { allTime: number };
  };
  scorecard: Record<string, { score: number | null; reason: string; evidence: string[] }>;
  dimensions: Record<string, { score: number | null }>;
  score: number;
  confidence: number;
  flags: { id: string }[];
}

let repo: GitRepo;
let notGit: string;
beforeAll(async () => {
  repo = await createGitRepo({ commits: COMMITS });
  notGit = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-health-'));
});
afterAll(async () => {
  await repo.cleanup();
  await rm(notGit, { recursive: true, force: true });
});

describe('openvet health', () => {
  it('prints the JSON report as of a date, reproducibly', async () => {
    const args = ['health', repo.dir, '--as-of', '2024-06-01', '--format', 'json'];
    const env = { SOURCE_DATE_EPOCH: String(Date.parse('2024-07-01T00:00:00Z') / 1000) };
    const run = await openvet(args, { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as Json;
    expect(r.asOf).toBe('2024-06-01T00:00:00.000Z');
    expect(r.repository).toMatchObject({ path: repo.dir, bare: false, files: 'work-tree' });
    expect(r.history.commits).toMatchObject({
      total: 4,
      bots: 1,
      humanInWindow: { last90Days: 1 },
    });
    expect(r.history.daysSinceLastCommit).toBe(12);
    expect(r.history.newestCommit.ageDays).toBe(42);
    expect(r.history.releases).toMatchObject({ perYear: { '2024': 2 }, daysSinceLastRelease: 12 });
    expect(r.history.truckFactor).toEqual({
      value: 1,
      files: 5,
      authors: ['Ada <ada@example.org>'],
    });
    expect(r.history.contributorAbsenceFactor.allTime).toBe(1);
    expect(Object.keys(r.scorecard)).toHaveLength(13);
    // 2 commits (the bot's included, as Scorecard counts them) in 90 days: 10·2/12 = 1.
    expect(r.scorecard.Maintained?.score).toBe(1);
    expect(r.scorecard['Code-Review']?.score).toBeNull();
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThan(1);
    expect(Object.keys(r.dimensions)).toEqual(['activity', 'people', 'security', 'process']);
    const again = await openvet(args, { env });
    expect(again.stdout).toBe(run.stdout);
  });

  it('prints a table by default', async () => {
    const run = await openvet(['health', '--as-of', '2024-06-01'], { cwd: repo.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\. \(work tree\) as of 2024-06-01\nScore \d/);
    expect(run.stdout).toMatch(/truck factor +1 \(Ada <ada@example.org>\)/);
    expect(run.stdout).toMatch(/Maintained +1 +2 commit\(s\)/);
  });

  it.each([
    [['health', 'NOTGIT'], /not a git repository/],
    [['health', '.', '--as-of', 'last week'], /--as-of must be a date/],
  ])('exits 2 with a clear message: %j', async (args, message) => {
    const run = await openvet(
      args.map((a) => (a === 'NOTGIT' ? notGit : a)),
      { cwd: repo.dir },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('openvet scan --health', () => {
  it('adds schema-valid health evidence to the scan', async () => {
    const run = await openvet([
      'scan',
      'examples/llm-app',
      '--health',
      '--offline',
      '--no-record',
      '--no-progress',
      '--format',
      'json',
    ]);
    expect([0, 1]).toContain(run.code);
    const result = JSON.parse(run.stdout) as {
      plugins: { name: string; status: string; reason?: string }[];
    };
    const { errorsOf } = await scanResultValidator();
    expect(errorsOf(result)).toEqual([]);
    expect(result.plugins.find((p) => p.name === 'health')).toMatchObject({ status: 'ok' });
  });

  it.each([
    [['--repos', '.'], /--repos is used with --health/],
    [['--health', '--repos', 'no-such-dir'], /--repos no-such-dir: not a directory/],
  ])('%j → exit 2', async (extra, message) => {
    const run = await openvet(['scan', 'examples/llm-app', '--offline', ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
