import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, type GitRepo } from '../../testing/git-repo.js';
import { gitEnv, openRepository, runGit } from './git.js';
import { analyzeRepository } from './index.js';

let repo: GitRepo;
let trap: string;
beforeAll(async () => {
  repo = await createGitRepo({
    commits: [
      {
        author: 'Ada <ada@example.org>',
        date: '2024-01-01T00:00:00Z',
        files: { 'a.txt': 'a\n', '.gitattributes': '* diff=evil\n' },
      },
      {
        author: 'Ada <ada@example.org>',
        date: '2024-01-02T00:00:00Z',
        files: { 'a.txt': 'b\n' },
      },
    ],
  });
  // A hostile repository: every configurable program is a script that leaves a marker.
  trap = path.join(repo.dir, '.git', 'trap.sh');
  await writeFile(trap, `#!/bin/sh\ntouch "${repo.dir}/.git/TRAPPED-$$"\n`);
  await chmod(trap, 0o755);
  for (const [key, value] of [
    ['core.fsmonitor', trap],
    ['core.pager', trap],
    ['diff.external', trap],
    ['diff.evil.textconv', trap],
    ['gpg.program', trap],
    ['log.showSignature', 'true'],
    ['core.hooksPath', path.join(repo.dir, '.git')],
  ])
    await runGit(repo.dir, ['config', key as string, value as string]);
  await writeFile(path.join(repo.dir, '.git', 'post-checkout'), `#!/bin/sh\n${trap}\n`);
});
afterAll(async () => {
  await repo.cleanup();
});

describe('running git on a stranger’s repository', () => {
  it('never runs a program the repository configures', async () => {
    const r = await analyzeRepository(repo.dir, { asOf: new Date('2024-02-01T00:00:00Z') });
    expect(r.history.commits.total).toBe(2);
    const markers = (await readdir(path.join(repo.dir, '.git'))).filter((f) =>
      f.startsWith('TRAPPED'),
    );
    expect(markers).toEqual([]);
  });

  it('drops inherited GIT_* variables that would redirect git', () => {
    const env = gitEnv({ PATH: '/bin', GIT_DIR: '/elsewhere', GIT_EXTERNAL_DIFF: 'x', HOME: '/h' });
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_EXTERNAL_DIFF).toBeUndefined();
    expect(env).toMatchObject({
      PATH: '/bin',
      HOME: '/h',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    });
  });

  it('finds the top of the work tree from a folder inside it', async () => {
    await mkdir(path.join(repo.dir, 'sub', 'deeper'), { recursive: true });
    const info = await openRepository(path.join(repo.dir, 'sub', 'deeper'));
    expect(info).toMatchObject({ bare: false, shallow: false, hasCommits: true });
    expect(info.dir).toBe(
      await runGit(repo.dir, ['rev-parse', '--show-toplevel']).then((b) => b.toString().trim()),
    );
  });
});
