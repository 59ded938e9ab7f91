import { describe, expect, it } from 'vitest';
import {
  archiveInfo,
  eggName,
  isUrl,
  looksLikePath,
  parseVcsUrl,
  sdistInfo,
  splitFragment,
  stripExtras,
  wheelInfo,
} from './links.js';

describe('isUrl and looksLikePath', () => {
  it.each([
    ['https://example.com/a.whl', true, true],
    ['HTTP://example.com/a.whl', true, true],
    ['file:///tmp/a', true, true],
    ['git+ssh://git@host/repo', true, true],
    ['svn+https://host/repo', true, true],
    ['foo @ https://x', false, true],
    ['./pkg', false, true],
    ['.', false, true],
    ['C:\\pkg', false, true],
    ['pkg', false, false],
    ['s3://bucket/pkg', false, true],
  ])('%s', (text, url, pathLike) => {
    expect(isUrl(text)).toBe(url);
    expect(looksLikePath(text)).toBe(pathLike);
  });
});

describe('file names', () => {
  it.each([
    ['requests-2.31.0-py3-none-any.whl', { name: 'requests', version: '2.31.0' }],
    [
      'numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      { name: 'numpy', version: '1.26.4' },
    ],
    ['foo_bar-1.0-1-py3-none-any.whl', { name: 'foo_bar', version: '1.0' }],
    ['foo-1.0.whl', undefined],
    ['foo-bar-1.2.3.tar.gz', { name: 'foo-bar', version: '1.2.3' }],
    ['pkg-2fa-1.0.zip', { name: 'pkg-2fa', version: '1.0' }],
    ['Django-5.0.tgz', { name: 'Django', version: '5.0' }],
    ['1.26.8.zip', undefined],
    ['main.zip', undefined],
    ['foo-1.0.txt', undefined],
  ])('%s', (fileName, expected) => {
    expect(archiveInfo(fileName)).toEqual(expected);
  });

  it('splits an sdist name only when it matches the known name', () => {
    expect(sdistInfo('foo_bar-1.0.tar.gz', 'Foo.Bar')).toEqual({ name: 'foo_bar', version: '1.0' });
    expect(sdistInfo('other-1.0.tar.gz', 'foo')).toBeUndefined();
    expect(wheelInfo('other-1.0-py3-none-any.whl')).toEqual({ name: 'other', version: '1.0' });
    expect(archiveInfo('other-1.0-py3-none-any.whl', 'foo')).toBeUndefined();
  });
});

describe('fragments and extras', () => {
  it('reads #egg= and other fragment keys', () => {
    const { base, params } = splitFragment(
      'https://x/y.zip#egg=my-pkg[extra]&subdirectory=sub%20dir',
    );
    expect(base).toBe('https://x/y.zip');
    expect([...params]).toEqual([
      ['egg', 'my-pkg[extra]'],
      ['subdirectory', 'sub dir'],
    ]);
    expect(eggName(params)).toBe('my-pkg');
    expect(eggName(new Map([['egg', 'bad name']]))).toBeUndefined();
  });

  it.each([
    ['./pkg[a,b]', { path: './pkg', extras: ['a', 'b'] }],
    ['./pkg', { path: './pkg', extras: [] }],
    ['./pkg[bad-]', { path: './pkg[bad-]', extras: [] }],
  ])('stripExtras(%s)', (text, expected) => {
    expect(stripExtras(text)).toEqual(expected);
  });

  it('splits extras off a path of a million brackets in one pass', () => {
    // (A pattern trying each "[" as the start of the extras was quadratic.)
    const text = `./pkg${'['.repeat(1_000_000)}`;
    expect(stripExtras(text)).toEqual({ path: text, extras: [] });
    expect(stripExtras(`./p${'['.repeat(1_000)}[a]`)).toEqual({
      path: `./p${'['.repeat(1_000)}`,
      extras: ['a'],
    });
  });
});

describe('parseVcsUrl', () => {
  it.each([
    [
      'git+https://github.com/org/repo.git@0123456789abcdef0123456789abcdef01234567#egg=pkg',
      {
        vcs: 'git',
        url: 'git+https://github.com/org/repo.git',
        rev: '0123456789abcdef0123456789abcdef01234567',
        commit: '0123456789abcdef0123456789abcdef01234567',
        repoName: 'repo',
      },
    ],
    [
      'git+ssh://git@github.com/org/repo.git',
      { vcs: 'git', url: 'git+ssh://git@github.com/org/repo.git', repoName: 'repo' },
    ],
    [
      'git+ssh://git@github.com/org/repo.git@v1.2',
      { vcs: 'git', url: 'git+ssh://git@github.com/org/repo.git', rev: 'v1.2', repoName: 'repo' },
    ],
    [
      'git+file:///srv/repos/thing@main',
      { vcs: 'git', url: 'git+file:///srv/repos/thing', rev: 'main', repoName: 'thing' },
    ],
    [
      'hg+https://hg.example.com/proj@abc',
      { vcs: 'hg', url: 'hg+https://hg.example.com/proj', rev: 'abc', repoName: 'proj' },
    ],
    // Only a full 40-hex id is a commit.
    [
      'git+https://h/r@0123456',
      { vcs: 'git', url: 'git+https://h/r', rev: '0123456', repoName: 'r' },
    ],
  ])('%s', (url, expected) => {
    expect(parseVcsUrl(url)).toEqual({ ...expected, params: expect.any(Map) as unknown });
  });
});
