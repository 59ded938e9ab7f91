import { describe, expect, it } from 'vitest';
import {
  extractCommit,
  gitRepositoryUrl,
  integrityToHashes,
  isGitSpec,
  parseNpmAlias,
  redactUrl,
  specSource,
  splitDescriptor,
} from './specs.js';

describe('integrityToHashes', () => {
  it.each([
    [
      'sha512-OfC2uemaknXr87bdLUkWog7nYuliM9Ij5HUcajsVcMCpQrcLmtxRbVFTIqmcSkSeYRBFBRxs2FiUqFJDLdiebA==',
      [
        {
          alg: 'sha512',
          value:
            '39f0b6b9e99a9275ebf3b6dd2d4916a20ee762e96233d223e4751c6a3b1570c0a942b70b9adc516d515322a99c4a449e611045051c6cd85894a852432dd89e6c',
        },
      ],
    ],
    [
      'sha1-pGY7U2hriV/wdOK6UE37dqjit3A=',
      [{ alg: 'sha1', value: 'a4663b53686b895ff074e2ba504dfb76a8e2b770' }],
    ],
    // several hashes, options after `?`, duplicates
    [
      'sha1-pGY7U2hriV/wdOK6UE37dqjit3A=?foo sha1-pGY7U2hriV/wdOK6UE37dqjit3A=',
      [{ alg: 'sha1', value: 'a4663b53686b895ff074e2ba504dfb76a8e2b770' }],
    ],
    ['sha512-tooShort', []],
    ['md4-pGY7U2hriV/wdOK6UE37dqjit3A=', []],
    ['not an integrity', []],
    ['', []],
    [undefined, []],
    [42, []],
  ])('%j', (input, expected) => {
    expect(integrityToHashes(input)).toEqual(expected);
  });
});

describe('extractCommit', () => {
  it.each([
    ['git+ssh://git@github.com:G-Rath/npm-git-repo-2#0a2d2506c1fe', '0a2d2506c1fe'],
    ['https://codeload.github.com/G-Rath/npm-git-repo-2/tar.gz/0a2d2506c1fe', '0a2d2506c1fe'],
    ['git+https://git@github.com/my-org/my-package.git#b3bd3f1b', 'b3bd3f1b'],
    ['https://github.com/typegoose/typegoose.git#commit:3ed06e50', '3ed06e50'],
    ['https://github.com/typegoose/typegoose#commit=3ed06e50', '3ed06e50'],
    ['github:prettier/prettier-synchronized#527e8ce', '527e8ce'],
    ['gitlab:kornelski/babel-preset-php#c5a7ba5e', 'c5a7ba5e'],
    [
      'https://gitlab.com/kornelski/babel-preset-php/repository/archive.tar.gz?ref=c5a7ba5e',
      'c5a7ba5e',
    ],
    ['https://github.com/bats-core/bats-assert#4bdd58d3', '4bdd58d3'],
    ['my-node-sdk@https://github.com/my-org/my-node-sdk.git#commit=053dea9e', '053dea9e'],
    // registry tarballs: the fragment is a checksum, `#commit=` notwithstanding
    [
      'https://registry.yarnpkg.com/etag/-/etag-1.8.1.tgz#41ae2eeb65efa62268aebfea83ac7d79299b0887',
      undefined,
    ],
    ['https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz#commit=aaaaaaaa', undefined],
    ['https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz', undefined],
    ['^1.2.3', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s', (input, expected) => {
    expect(extractCommit(input)).toBe(expected);
  });

  it('stays linear on hostile input', () => {
    const started = performance.now();
    extractCommit(`git+ssh://${'@'.repeat(100_000)}x#abc`);
    extractCommit(`https://${'a@'.repeat(100_000)}.git#abc`);
    extractCommit(`${'x#'.repeat(100_000)}commit=abc`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('gitRepositoryUrl', () => {
  it.each([
    [
      'git+ssh://git@github.com:G-Rath/npm-git-repo-2#0a2d',
      'https://github.com/G-Rath/npm-git-repo-2',
    ],
    [
      'https://codeload.github.com/G-Rath/npm-git-repo-2/tar.gz/0a2d',
      'https://github.com/G-Rath/npm-git-repo-2',
    ],
    [
      'git+https://git@github.com/my-org/my-package.git#b3bd',
      'https://github.com/my-org/my-package',
    ],
    [
      'git://github.com/angular/bower-angular-animate.git#e7f7',
      'https://github.com/angular/bower-angular-animate',
    ],
    ['ssh://github.com/substack/minimist.git#3754', 'https://github.com/substack/minimist'],
    [
      'github:prettier/prettier-synchronized#527e8ce',
      'https://github.com/prettier/prettier-synchronized',
    ],
    [
      'git+ssh://gitlab:kornelski/babel-preset-php#1ae6',
      'https://gitlab.com/kornelski/babel-preset-php',
    ],
    ['git@bitbucket.org:my-org/project.git', 'https://bitbucket.org/my-org/project'],
    ['ssh://git@example.com:2222/team/repo.git#abc', 'https://example.com/team/repo'],
    ['G-Rath/npm-git-repo-1', 'https://github.com/G-Rath/npm-git-repo-1'],
    // credentials never leave the lockfile
    [
      'https://dummy-token@github.com/jonschlinkert/is-number.git#af88',
      'https://github.com/jonschlinkert/is-number',
    ],
    [
      'https://gitlab.com/kornelski/babel-preset-php/repository/archive.tar.gz?ref=c5a7',
      'https://gitlab.com/kornelski/babel-preset-php',
    ],
    ['https://github.com', 'https://github.com'],
  ])('%s', (input, expected) => {
    expect(gitRepositoryUrl(input)).toBe(expected);
  });

  it('reads a shorthand with a million slashes in one pass', () => {
    // (Trailing slashes were trimmed by a pattern tried from each slash: quadratic in a run.)
    const slashes = '/'.repeat(1_000_000);
    expect(gitRepositoryUrl(`github:org/repo${slashes}x`)).toBe(
      `https://github.com/org/repo${slashes}x`,
    );
  });
});

describe('redactUrl', () => {
  it.each([
    ['https://user:secret@example.com/x.tgz', 'https://example.com/x.tgz'],
    ['git+https://token@example.com/x.git', 'git+https://example.com/x.git'],
    ['https://example.com/x.tgz', 'https://example.com/x.tgz'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('isGitSpec', () => {
  it.each([
    ['git+ssh://git@github.com/a/b.git', true],
    ['github:a/b#main', true],
    ['a/b', true],
    ['https://example.com/a/b.git#v1', true],
    ['https://example.com/a-1.0.0.tgz', false],
    ['^1.0.0', false],
    ['file:../a', false],
  ])('%s → %s', (input, expected) => {
    expect(isGitSpec(input)).toBe(expected);
  });
});

describe('specSource', () => {
  it.each([
    ['file:deps/other_package', undefined, { type: 'directory', url: 'deps/other_package' }],
    ['file:../pkg-1.0.0.tgz', undefined, { type: 'file', url: '../pkg-1.0.0.tgz' }],
    ['link:./deps/etag', undefined, { type: 'link', url: './deps/etag' }],
    ['portal:../x', undefined, { type: 'link', url: '../x' }],
    ['workspace:packages/a', undefined, { type: 'workspace', url: 'packages/a' }],
    ['npm:string-width@^4.2.0', undefined, undefined],
    [
      '^1.0.0',
      'https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#41ae2eeb65efa62268aebfea83ac7d79299b0887',
      undefined,
    ],
    [
      'github:a/b#main',
      'https://codeload.github.com/a/b/tar.gz/0123abcd',
      { type: 'git', url: 'https://github.com/a/b', commit: '0123abcd' },
    ],
    // the `#main` of a specifier is a branch, not the commit
    ['github:a/b#main', undefined, { type: 'git', url: 'https://github.com/a/b' }],
    [
      'https://token@example.com/a-1.0.0.tgz',
      undefined,
      { type: 'url', url: 'https://example.com/a-1.0.0.tgz' },
    ],
  ])('%s (%s)', (spec, resolved, expected) => {
    expect(specSource(spec, resolved)).toEqual(expected);
  });
});

describe('splitDescriptor', () => {
  it.each([
    ['lodash@^1.0.0', { name: 'lodash', range: '^1.0.0' }],
    ['@babel/code-frame@^7.0.0', { name: '@babel/code-frame', range: '^7.0.0' }],
    [
      'mine1@git+ssh://git@github.com:G-Rath/repo#abc',
      { name: 'mine1', range: 'git+ssh://git@github.com:G-Rath/repo#abc' },
    ],
    ['balanced-match', { name: 'balanced-match', range: '' }],
    ['@scope/only', { name: '@scope/only', range: '' }],
  ])('%s', (input, expected) => {
    expect(splitDescriptor(input)).toEqual(expected);
  });
});

describe('parseNpmAlias', () => {
  it.each([
    ['npm:string-width@^4.2.0', { name: 'string-width', range: '^4.2.0' }],
    [
      'npm:@babel/helper-validator-identifier@^7.0.0',
      { name: '@babel/helper-validator-identifier', range: '^7.0.0' },
    ],
    ['npm:^6.0.0', undefined],
    ['npm:6.0.1', undefined],
    ['^6.0.0', undefined],
  ])('%s', (input, expected) => {
    expect(parseNpmAlias(input)).toEqual(expected);
  });
});
