import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, type GitRepo, type RepoCommit } from '../../../testing/git-repo.js';
import type { RepoFiles } from '../scorecard/types.js';
import { gitHeadFiles, trackedFiles, type GitHeadFiles } from './git-head.js';
import { workTreeFiles } from './work-tree.js';

const big = 'x'.repeat(3000);
const COMMITS: RepoCommit[] = [
  {
    author: 'Ada <ada@example.org>',
    date: '2024-01-01',
    files: {
      'README.md': '# hi\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'src/big.txt': big,
      'gone.txt': 'bye\n',
      'bin/run.sh': '#!/bin/sh\n',
    },
  },
  {
    author: 'Ada <ada@example.org>',
    date: '2024-01-02',
    files: { 'gone.txt': null },
    symlinks: { escape: '/etc/passwd', inside: 'README.md' },
  },
];

let work: GitRepo;
let bare: GitRepo;
let head: GitHeadFiles;
beforeAll(async () => {
  work = await createGitRepo({ commits: COMMITS });
  bare = await createGitRepo({ commits: COMMITS, bare: true });
  head = await gitHeadFiles(bare.dir);
  // Untracked but present in the work tree; node_modules is skipped.
  await mkdir(path.join(work.dir, 'node_modules', 'x'), { recursive: true });
  await writeFile(path.join(work.dir, 'node_modules', 'x', 'index.js'), '');
  await symlink('/etc', path.join(work.dir, 'etc-dir'));
});
afterAll(async () => {
  await head.close();
  await work.cleanup();
  await bare.cleanup();
});

describe.each([
  ['work tree', async (): Promise<RepoFiles> => workTreeFiles(work.dir), ['inside']],
  ['bare HEAD', (): Promise<RepoFiles> => Promise.resolve(head), []],
])('%s RepoFiles', (_name, make, extra) => {
  it('lists files only, sorted, without .git, deleted files or escaping symlinks', async () => {
    const files = await make();
    expect(files.list()).toEqual(
      ['.github/workflows/ci.yml', 'README.md', 'bin/run.sh', ...extra, 'src/big.txt'].sort(),
    );
  });

  it('reads bytes, bounded, and sizes', async () => {
    const files = await make();
    expect((await files.read('README.md'))?.toString()).toBe('# hi\n');
    expect((await files.read('src/big.txt', 10))?.toString()).toBe('x'.repeat(10));
    expect((await files.read('src/big.txt'))?.length).toBe(3000);
    expect(files.size('src/big.txt')).toBe(3000);
    expect(await files.read('escape')).toBeUndefined();
    expect(await files.read('gone.txt')).toBeUndefined();
    // Reads after a bounded one still line up (the cat-file stream skipped the rest).
    expect((await files.read('bin/run.sh'))?.toString()).toBe('#!/bin/sh\n');
  });

  it('serves concurrent reads in order', async () => {
    const files = await make();
    const got = await Promise.all(
      ['README.md', 'src/big.txt', 'bin/run.sh', 'README.md'].map((p) => files.read(p, 5)),
    );
    expect(got.map((b) => b?.toString())).toEqual(['# hi\n', 'xxxxx', '#!/bi', '# hi\n']);
  });
});

describe('trackedFiles', () => {
  it('lists what git tracks, not untracked files or node_modules', async () => {
    const { paths } = await trackedFiles(work.dir);
    expect(paths.sort()).toEqual(
      [
        '.github/workflows/ci.yml',
        'README.md',
        'bin/run.sh',
        'escape',
        'inside',
        'src/big.txt',
      ].sort(),
    );
    const files = await workTreeFiles(work.dir, { paths });
    // The symlink leading outside is not a file of the repository.
    expect(files.list()).not.toContain('escape');
    expect(files.list()).toContain('inside');
  });
});
