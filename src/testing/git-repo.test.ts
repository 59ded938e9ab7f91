import { readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGit } from '../analyzers/health/git.js';
import { createGitRepo, type GitRepo } from './git-repo.js';

const repos: GitRepo[] = [];
afterAll(async () => {
  for (const r of repos) await r.cleanup();
});

describe('createGitRepo', () => {
  it('writes scripted authors, dates, files, renames, symlinks and tags', async () => {
    const repo = await createGitRepo({
      commits: [
        {
          author: 'Ada Lovelace <ada@example.org>',
          date: '2024-01-02T03:04:05Z',
          files: { 'a.txt': 'one\n', 'dir with space/b.txt': 'b\n' },
          tag: 'v1.0.0',
        },
        {
          author: 'Bob <bob@example.org>',
          committer: 'Carol <carol@example.org>',
          date: '2024-02-01T00:00:00Z',
          commitDate: '2024-02-02T00:00:00Z',
          renames: { 'a.txt': 'c.txt' },
          files: { 'dir with space/b.txt': null },
          symlinks: { link: 'c.txt' },
          tag: { name: 'v2.0.0', date: '2024-03-01T00:00:00Z' },
        },
      ],
    });
    repos.push(repo);
    const log = (
      await runGit(repo.dir, ['log', '--format=%an|%ae|%aI|%cn|%cI', '--name-status'])
    ).toString();
    expect(log).toContain(
      'Bob|bob@example.org|2024-02-01T00:00:00+00:00|Carol|2024-02-02T00:00:00+00:00',
    );
    expect(log).toContain('Ada Lovelace|ada@example.org|2024-01-02T03:04:05+00:00');
    expect(log).toMatch(/R100\ta\.txt\tc\.txt/);
    expect(await readFile(path.join(repo.dir, 'c.txt'), 'utf8')).toBe('one\n');
    expect(await readlink(path.join(repo.dir, 'link'))).toBe('c.txt');
    const tags = (
      await runGit(repo.dir, [
        'for-each-ref',
        'refs/tags',
        '--format=%(refname:short) %(creatordate:iso-strict)',
      ])
    ).toString();
    expect(tags).toBe('v1.0.0 2024-01-02T03:04:05+00:00\nv2.0.0 2024-03-01T00:00:00+00:00\n');
  });

  it('builds a bare repository from a generator', async () => {
    function* many() {
      for (let i = 0; i < 300; i++)
        yield {
          author: `Dev ${i % 7} <d${i % 7}@example.org>`,
          date: 1_700_000_000 + i * 60,
          files: { [`f${i % 13}`]: `${i}\n` },
        };
    }
    const repo = await createGitRepo({ commits: many(), bare: true });
    repos.push(repo);
    expect((await runGit(repo.dir, ['rev-parse', '--is-bare-repository'])).toString().trim()).toBe(
      'true',
    );
    expect((await runGit(repo.dir, ['rev-list', '--count', 'HEAD'])).toString().trim()).toBe('300');
  });
});
