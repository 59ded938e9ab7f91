import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import {
  declaredLicense,
  hashesOf,
  lockEntries,
  parseJsonObject,
  readJsonObjectFile,
  sourceOf,
  toManifest,
} from './manifest.js';

const SHA512_A_B64 =
  'H0D8ktokFpR1CXnubPWC8tXX0o4YM13gWrxU0FYOD1MChgxlK/CNVgJSql50IQVG82n7u86MEs/HlXsmUv6adQ==';
const SHA512_A_HEX =
  '1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75';
const SHA1_A_B64 = 'hvfkN/qlp/zhXR3cuerq6jd2Z7g=';
const SHA1_A_HEX = '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

describe('declaredLicense', () => {
  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['SPDX string', { license: 'MIT' }, 'MIT'],
    ['expression string', { license: '(MIT OR Apache-2.0)' }, '(MIT OR Apache-2.0)'],
    ['legacy {type} object', { license: { type: 'ISC', url: 'https://x' } }, 'ISC'],
    [
      'legacy licenses array of objects',
      { licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] },
      'MIT OR Apache-2.0',
    ],
    ['licenses array with one entry', { licenses: [{ type: 'BSD-3-Clause' }] }, 'BSD-3-Clause'],
    [
      'licenses array of strings, compound parenthesised',
      { licenses: ['MIT', 'GPL-2.0 WITH Classpath-exception-2.0'] },
      'MIT OR (GPL-2.0 WITH Classpath-exception-2.0)',
    ],
    ['license wins over licenses', { license: 'MIT', licenses: [{ type: 'GPL-3.0' }] }, 'MIT'],
    ['blank string', { license: '  ' }, undefined],
    ['wrong type', { license: 42 }, undefined],
    ['none', {}, undefined],
  ])('%s', (_name, json, expected) => {
    expect(declaredLicense(json)).toBe(expected);
  });
});

describe('sourceOf', () => {
  it.each<[string, string | undefined, ReturnType<typeof sourceOf>]>([
    ['absent', undefined, undefined],
    ['npmjs tarball', 'https://registry.npmjs.org/a/-/a-1.0.0.tgz', undefined],
    [
      'scoped tarball on a private registry',
      'https://npm.example.com/repository/npm/@s/b/-/b-2.0.0.tgz',
      undefined,
    ],
    // As npm/package-lock classifies it, so both records make one component.
    ['remote tarball not from a registry', 'https://example.com/dl/x.tgz', undefined],
    [
      'git+ssh with commit: canonical repository URL',
      `git+ssh://git@github.com/o/r.git#${COMMIT}`,
      { type: 'git', url: 'https://github.com/o/r', commit: COMMIT },
    ],
    [
      'git+https with commit',
      `git+https://gitlab.com/g/r.git#${COMMIT}`,
      { type: 'git', url: 'https://gitlab.com/g/r', commit: COMMIT },
    ],
    [
      'git without commit',
      'git://github.com/o/r.git#semver:^1.0.0',
      { type: 'git', url: 'https://github.com/o/r' },
    ],
    [
      'github shorthand with commit',
      'github:o/r#abc1234',
      { type: 'git', url: 'https://github.com/o/r', commit: 'abc1234' },
    ],
    [
      'old _from with name prefix',
      'pkg@github:o/r',
      { type: 'git', url: 'https://github.com/o/r' },
    ],
    ['old _from scoped, folder', '@s/pkg@file:../pkg', { type: 'directory', url: '../pkg' }],
    ['file tarball', 'file:../t-1.0.0.tgz', { type: 'file', url: '../t-1.0.0.tgz' }],
    ['old _from range', 'lodash@^4.17.0', undefined],
    ['old _from scoped version', '@s/pkg@1.0.0', undefined],
    ['a bare version', '1.2.3', undefined],
  ])('%s', (_name, spec, expected) => {
    expect(sourceOf(spec)).toEqual(expected);
  });
});

describe('hashesOf', () => {
  it.each<[string, string | undefined, string | undefined, { alg: string; value: string }[]]>([
    [
      'sha512 integrity',
      `sha512-${SHA512_A_B64}`,
      undefined,
      [{ alg: 'sha512', value: SHA512_A_HEX }],
    ],
    [
      'several integrity entries',
      `sha1-${SHA1_A_B64} sha512-${SHA512_A_B64}`,
      undefined,
      [
        { alg: 'sha1', value: SHA1_A_HEX },
        { alg: 'sha512', value: SHA512_A_HEX },
      ],
    ],
    ['legacy shasum', undefined, SHA1_A_HEX.toUpperCase(), [{ alg: 'sha1', value: SHA1_A_HEX }]],
    [
      'shasum not repeated when integrity has sha1',
      `sha1-${SHA1_A_B64}`,
      SHA1_A_HEX,
      [{ alg: 'sha1', value: SHA1_A_HEX }],
    ],
    ['unknown algorithm and garbage', 'md4-AAAA nonsense', 'xyz', []],
    ['none', undefined, undefined, []],
  ])('%s', (_name, integrity, shasum, expected) => {
    expect(hashesOf(integrity, shasum)).toEqual(expected);
  });
});

describe('toManifest', () => {
  it('normalises names, versions, edges and legacy fields', () => {
    expect(
      toManifest({
        name: ' a ',
        version: '1.0.0',
        license: 'MIT',
        dependencies: { b: '^1', c: '^1', '': 'x' },
        optionalDependencies: { c: '^1', o: '*' },
        peerDependencies: { p: '*', po: '*', b: '*' },
        peerDependenciesMeta: { po: { optional: true } },
        devDependencies: { b: '*', d: '*' },
        bundleDependencies: ['b', 3],
        workspaces: { packages: ['packages/*'] },
        _resolved: 'file:x.tgz',
        _from: 'a@file:x.tgz',
        _integrity: 'sha512-x',
        _shasum: 'abc',
        _inBundle: true,
      }),
    ).toEqual({
      name: 'a',
      version: '1.0.0',
      license: 'MIT',
      // optional beats prod; prod beats peer and dev.
      edges: [
        ['c', 'optional'],
        ['o', 'optional'],
        ['b', 'prod'],
        ['p', 'peer'],
        ['po', 'peerOptional'],
        ['d', 'dev'],
      ],
      bundled: ['b'],
      workspaces: ['packages/*'],
      legacyResolved: 'file:x.tgz',
      legacyFrom: 'a@file:x.tgz',
      legacyIntegrity: 'sha512-x',
      legacyShasum: 'abc',
      legacyInBundle: true,
    });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'bundleDependencies: true bundles dependencies and optionalDependencies',
      { dependencies: { a: '1' }, optionalDependencies: { b: '1' }, bundleDependencies: true },
      ['a', 'b'],
    ],
    ['bundledDependencies spelling', { bundledDependencies: ['x'] }, ['x']],
    ['garbage', { bundleDependencies: 'x' }, []],
  ])('%s', (_name, json, expected) => {
    expect(toManifest(json).bundled).toEqual(expected);
  });

  it('tolerates fields of the wrong type', () => {
    expect(
      toManifest({ name: 1, version: [], dependencies: ['a'], workspaces: 'x' }),
    ).toMatchObject({
      name: undefined,
      version: undefined,
      edges: [],
      workspaces: [],
    });
  });
});

describe('parseJsonObject', () => {
  it.each<[string, string, { error?: string; line?: number; ok?: boolean }]>([
    ['an object', '{"a": 1}', { ok: true }],
    ['an array', '[1]', { error: 'expected a JSON object' }],
    ['null', 'null', { error: 'expected a JSON object' }],
    ['a syntax error on line 3', '{\n  "a": 1,\n  "b": }\n', { line: 3 }],
  ])('%s', (_name, text, expected) => {
    const result = parseJsonObject(text);
    if (expected.ok === true) expect(result.value).toBeDefined();
    if (expected.error !== undefined) expect(result.error).toBe(expected.error);
    if (expected.line !== undefined) {
      expect(result.line).toBe(expected.line);
      expect(result.error).toMatch(/^not valid JSON \(/);
    }
  });

  it('reports nesting too deep to locate as invalid JSON without a line (no stack overflow)', () => {
    const result = parseJsonObject('['.repeat(200_000));
    expect(result.error).toMatch(/^not valid JSON \(/);
    expect(result.line).toBeUndefined();
  });
});

describe('readJsonObjectFile', () => {
  const fate = { unreadable: 'package not read', malformed: 'package skipped' };
  const reads = (text: string) => () => Promise.resolve(text);
  const fails = (error: Error) => () => Promise.reject(error);

  it.each<[string, () => Promise<string>, { value?: unknown; warnings: unknown[] }]>([
    ['an object', reads('{"a": 1}'), { value: { a: 1 }, warnings: [] }],
    [
      'an absent file, silently',
      fails(new InputError('x/package.json: not found', { code: 'OPENVET_E_NOT_FOUND' })),
      { warnings: [] },
    ],
    [
      'a read error that names the file',
      fails(new InputError('x/package.json: too large', { code: 'OPENVET_E_TOO_LARGE' })),
      {
        warnings: [
          { message: 'x/package.json: too large; package not read', path: 'x/package.json' },
        ],
      },
    ],
    [
      'a raw error, named after the file',
      fails(new Error('EACCES')),
      {
        warnings: [{ message: 'x/package.json: EACCES; package not read', path: 'x/package.json' }],
      },
    ],
    [
      'not an object',
      reads('[1]'),
      {
        warnings: [
          {
            message: 'x/package.json: expected a JSON object; package skipped',
            path: 'x/package.json',
          },
        ],
      },
    ],
  ])('%s', async (_name, read, expected) => {
    const warnings: { message: string; path?: string; line?: number }[] = [];
    const value = await readJsonObjectFile(read, 'x/package.json', warnings, fate);
    expect({ ...(value !== undefined ? { value } : {}), warnings }).toEqual(expected);
  });

  it('gives the line of a syntax error, and no fate after a read error when none is said', async () => {
    const warnings: { message: string; path?: string; line?: number }[] = [];
    await readJsonObjectFile(() => Promise.resolve('{\n"a": }'), 'p.json', warnings, {
      malformed: 'ignored',
    });
    await readJsonObjectFile(() => Promise.reject(new Error('EIO')), 'p.json', warnings, {
      malformed: 'ignored',
    });
    expect(warnings).toEqual([
      {
        message: expect.stringMatching(
          /^p\.json: not valid JSON \(.*\) at line 2; ignored$/,
        ) as string,
        path: 'p.json',
        line: 2,
      },
      { message: 'p.json: EIO', path: 'p.json' },
    ]);
  });
});

describe('lockEntries', () => {
  it('keeps the hint fields of each entry and drops malformed ones', () => {
    const entries = lockEntries({
      packages: {
        '': { name: 'root' },
        'node_modules/a': {
          version: '1.0.0',
          resolved: 'https://r/a/-/a-1.0.0.tgz',
          integrity: 'sha512-x',
          dev: true,
          inBundle: true,
        },
        'node_modules/b': { version: '2.0.0', devOptional: true, optional: 'yes' },
        'node_modules/l': { resolved: 'packages/l', link: true },
        'node_modules/bad': 'x',
      },
    });
    expect([...entries.keys()]).toEqual(['', 'node_modules/a', 'node_modules/b', 'node_modules/l']);
    expect(entries.get('node_modules/a')).toEqual({
      version: '1.0.0',
      resolved: 'https://r/a/-/a-1.0.0.tgz',
      integrity: 'sha512-x',
      dev: true,
      optional: false,
      devOptional: false,
      inBundle: true,
      link: false,
    });
    expect(entries.get('node_modules/b')).toMatchObject({ devOptional: true, optional: false });
    expect(entries.get('node_modules/l')).toMatchObject({ link: true, version: undefined });
    expect(lockEntries({ packages: [] }).size).toBe(0);
  });
});
