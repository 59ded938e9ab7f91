import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../testing/extract.js';
import { excludeMatcher, walk } from './walk.js';

describe('walk', () => {
  it('lists files and directories in sorted depth-first order and skips VCS folders', async () => {
    const root = await tempTree({
      'b/req.txt': 'x',
      'a.txt': 'x',
      '.git/config': 'x',
      '__pycache__/m.pyc': 'x',
      '.venv/lib/site-packages/x.dist-info/METADATA': 'x',
    });
    const { entries } = await walk(root);
    expect(entries.map((e) => `${e.type[0]}:${e.path}`)).toEqual([
      'd:',
      'f:a.txt',
      'd:.venv',
      'd:.venv/lib',
      'd:.venv/lib/site-packages',
      'd:.venv/lib/site-packages/x.dist-info',
      'f:.venv/lib/site-packages/x.dist-info/METADATA',
      'd:b',
      'f:b/req.txt',
    ]);
    expect(entries.find((e) => e.path === '')?.children).toEqual([
      '.git',
      '.venv',
      '__pycache__',
      'a.txt',
      'b',
    ]);
  });

  it('does not descend into a claimed directory but still lists it with its children', async () => {
    const root = await tempTree({ 'node_modules/a/package.json': '{}', 'src/x.js': '' });
    const { entries } = await walk(root, { claims: (e) => e.base === 'node_modules' });
    expect(entries.map((e) => e.path)).toEqual(['', 'node_modules', 'src', 'src/x.js']);
    expect(entries.find((e) => e.path === 'node_modules')?.children).toEqual(['a']);
  });

  it('ends on symbolic link loops and refuses links that leave the root', async () => {
    const root = await tempTree({ 'a/file.txt': 'x' });
    await symlink('..', path.join(root, 'a', 'loop'));
    await symlink('/etc', path.join(root, 'outside'));
    await symlink('missing', path.join(root, 'dangling'));
    const { entries, skipped } = await walk(root);
    expect(entries.map((e) => e.path)).toEqual(['', 'a', 'a/file.txt']);
    expect(skipped).toEqual([
      { path: 'dangling', reason: 'broken symbolic link' },
      { path: 'outside', reason: 'symbolic link leads outside the scanned directory' },
    ]);
  });

  it('lists a directory once, by its real path, however many links lead to it', async () => {
    const root = await tempTree({ 'real/m.txt': 'x' });
    await symlink('real', path.join(root, 'alias'));
    await symlink(path.join(root, 'real', 'm.txt'), path.join(root, 'file-link.txt'));
    const { entries } = await walk(root);
    expect(entries.map((e) => e.path)).toEqual(['', 'file-link.txt', 'real', 'real/m.txt']);
  });

  it('bounds depth and entry count, reporting what was cut', async () => {
    const root = await tempTree({ 'f.txt': 'x' });
    let deep = root;
    for (let i = 0; i < 6; i++) {
      deep = path.join(deep, `d${i}`);
      await mkdir(deep);
    }
    const depth = await walk(root, { limits: { maxDepth: 3 } });
    expect(depth.entries.map((e) => e.path).at(-1)).toBe('d0/d1/d2');
    expect(depth.skipped).toEqual([{ path: 'd0/d1/d2/d3', reason: 'deeper than 3 levels' }]);
    const many = await tempTree(
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}.txt`, 'x'])),
    );
    const count = await walk(many, { limits: { maxEntries: 4 } });
    expect(count.entries.filter((e) => e.type === 'file')).toHaveLength(4);
    expect(count.skipped[0]?.reason).toBe('more than 4 entries; the rest were not walked');
  });

  it('applies --exclude globs to paths and bare names to any depth', async () => {
    const root = await tempTree({
      'test/a/requirements.txt': '',
      'src/fixtures/x.txt': '',
      'src/keep.txt': '',
    });
    const { entries } = await walk(root, { exclude: ['test/**', 'fixtures'] });
    expect(entries.filter((e) => e.type === 'file').map((e) => e.path)).toEqual(['src/keep.txt']);
  });
});

describe('excludeMatcher', () => {
  it.each([
    [['*.lock'], 'a/b/yarn.lock', true],
    [['a/*.lock'], 'a/yarn.lock', true],
    [['a/*.lock'], 'b/a/yarn.lock', false],
    [['vendor'], 'x/vendor', true],
    [['vendor'], 'x/vendored', false],
    [['**/.venv/**'], 'p/.venv/lib/x', true],
    [[], 'anything', false],
  ])('%j matches %s: %s', (patterns, p, expected) => {
    expect(excludeMatcher(patterns)(p)).toBe(expected);
  });
});
