import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGitRepo,
  daysBefore,
  type GitRepo,
  type RepoCommit,
} from '../../testing/git-repo.js';
import type { FileChecks } from './file-checks.js';
import { analyzeRepository, SCORECARD_CHECKS } from './index.js';
import { findDeprecationNotice } from './notices.js';
import type { ProjectFileSignals } from './scorecard/project-signals.js';
import type { RepoFiles } from './scorecard/types.js';

const AS_OF = new Date('2025-06-01T00:00:00Z');

/** One maintainer, weekly commits for 20 weeks, a workflow, a licence, a deprecation notice. */
function commits(): RepoCommit[] {
  const out: RepoCommit[] = [
    {
      author: 'Solo <solo@example.org>',
      date: daysBefore(AS_OF, 400),
      files: {
        LICENSE: 'MIT License\n\nCopyright (c) 2024 Solo\n',
        'README.md': '# tool\n\n> **DEPRECATED:** use other-tool instead.\n',
        '.github/workflows/ci.yml':
          'on: push\npermissions: read-all\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
        'package.json': '{ "name": "tool", "scripts": { "test": "node test.js" } }\n',
        'test.js': 'process.exit(0)\n',
      },
      tag: 'v1.0.0',
    },
  ];
  for (let week = 20; week >= 1; week--)
    out.push({
      author: 'Solo <solo@example.org>',
      date: daysBefore(AS_OF, week * 7),
      files: { 'index.js': `// ${week}\n` },
      ...(week === 3 ? { tag: 'v1.1.0' } : {}),
    });
  return out;
}

const stub: FileChecks = {
  scorecardFileChecks: () =>
    Promise.resolve({
      License: { score: 10, reason: 'license file detected', evidence: ['LICENSE'] },
    }),
  projectFileSignals: () =>
    Promise.resolve({
      tests: { present: true, paths: ['test.js'], count: 1 },
      ci: { present: true, systems: ['github-actions'], runsTests: true, evidence: [] },
      lockfiles: { present: false, paths: [], count: 0 },
      changelog: { present: false, paths: [], count: 0 },
      contributing: { present: false, paths: [], count: 0 },
      codeowners: { present: false, paths: [], count: 0 },
      securityPolicy: {
        present: false,
        hasContact: false,
        hasDisclosurePolicy: false,
        evidence: [],
      },
    } satisfies ProjectFileSignals),
};

let work: GitRepo;
let bare: GitRepo;
let notGit: string;
beforeAll(async () => {
  work = await createGitRepo({ commits: commits() });
  bare = await createGitRepo({ commits: commits(), bare: true });
  notGit = await mkdtemp(path.join(tmpdir(), 'openvet-not-git-'));
});
afterAll(async () => {
  await work.cleanup();
  await bare.cleanup();
  await rm(notGit, { recursive: true, force: true });
});

describe('analyzeRepository', () => {
  it.each([
    ['work tree', () => work.dir, 'work-tree'],
    ['bare repository', () => bare.dir, 'HEAD'],
  ])('merges history, Scorecard checks and project files for a %s', async (_k, dir, files) => {
    const r = await analyzeRepository(dir(), { asOf: AS_OF, now: AS_OF, fileChecks: stub });
    expect(r.repository.files).toBe(files);
    expect(Object.keys(r.scorecard)).toEqual([...SCORECARD_CHECKS]);
    expect(r.scorecard.License.score).toBe(10);
    // 12 of 20 weekly commits fall in the last 90 days (weeks 1..12).
    expect(r.scorecard.Maintained.score).toBe(10);
    expect(r.scorecard.Maintained.reason).toMatch(/^12 commit\(s\)/);
    expect(r.scorecard['Code-Review'].score).toBeNull();
    expect(r.scorecard['Binary-Artifacts']).toEqual({
      score: null,
      reason: 'not computed (the Scorecard file checks failed, see notes)',
      evidence: [],
    });
    expect(r.history.commits.humanInWindow.last90Days).toBe(12);
    expect(r.history.releases.last?.tag).toBe('v1.1.0');
    expect(r.history.truckFactor.value).toBe(1);
    expect(r.flags.map((f) => f.id)).toEqual(['archived-or-deprecated', 'single-maintainer']);
    expect(r.flags[0]?.evidence).toEqual([
      'README.md:3: > **DEPRECATED:** use other-tool instead.',
    ]);
    expect(r.dimensions.process.signals.find((s) => s.name === 'ci-runs-tests')?.score).toBe(10);
    expect(r.projectFiles?.tests.present).toBe(true);
    expect(r.score).not.toBeNull();
    expect(r.notes).toEqual([]);
  });

  it('runs the real Scorecard file checks by default', async () => {
    const r = await analyzeRepository(work.dir, { asOf: AS_OF });
    expect(r.scorecard['Binary-Artifacts'].score).toBe(10);
    expect(r.scorecard.License.score).not.toBeNull();
  });

  it.each([false, true])(
    'reports an empty repository (bare: %s) without failing',
    async (isBare) => {
      const empty = await createGitRepo({ commits: [], bare: isBare });
      try {
        const r = await analyzeRepository(empty.dir, { asOf: AS_OF, fileChecks: stub });
        expect(r.notes).toEqual(['the repository has no commit yet']);
        expect(r.history.commits.total).toBe(0);
        expect(r.scorecard.Maintained.score).toBeNull();
        expect(r.flags.map((f) => f.id)).toEqual(['no-recent-activity']);
      } finally {
        await empty.cleanup();
      }
    },
  );

  it('rejects a directory that is not a git repository with an input error', async () => {
    await expect(analyzeRepository(notGit, { asOf: AS_OF, fileChecks: stub })).rejects.toThrow(
      /not a git repository/,
    );
  });
});

function memFiles(files: Record<string, string>): RepoFiles {
  return {
    list: () => Object.keys(files).sort(),
    size: (p) => files[p]?.length,
    read: (p) => Promise.resolve(files[p] === undefined ? undefined : Buffer.from(files[p])),
  };
}

describe('findDeprecationNotice', () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    [
      'words',
      { 'README.md': '# x\nThis project is no longer maintained.\n' },
      'README.md:2: This project is no longer maintained.',
    ],
    [
      'a heading',
      { 'README.rst': 'x\n=\n\n**Deprecated**: see y\n' },
      'README.rst:4: **Deprecated**: see y',
    ],
    [
      'a repostatus badge',
      { 'README.md': '[![status](https://www.repostatus.org/badges/latest/abandoned.svg)](x)\n' },
      'README.md:1: [![status](https://www.repostatus.org/badges/latest/abandoned.svg)](x)',
    ],
    [
      'a maintained project',
      { 'README.md': '# x\nMaintained by the team. Deprecated APIs are listed below.\n' },
      undefined,
    ],
    [
      'a README below the root is not the project’s',
      { 'docs/README.md': 'This project is deprecated.\n' },
      undefined,
    ],
  ])('%s', async (_n, files, want) => {
    expect(await findDeprecationNotice(memFiles(files))).toBe(want);
  });
});
