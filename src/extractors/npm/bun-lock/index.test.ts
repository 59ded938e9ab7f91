import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExtractResult, FileEntry } from '../../../core/extractor.js';
import { runExtractor, tempTree, thrownInputError } from '../../../testing/extract.js';
import { extractor, parseBunLock, splitPath } from './index.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

function sha512(hex: string): { alg: string; value: string }[] {
  return [{ alg: 'sha512', value: hex }];
}

/** A minimal lockfile around one `packages` entry (on line 4). */
function withPackage(key: string, tuple: string): string {
  return `{\n  "lockfileVersion": 1,\n  "packages": {\n    ${JSON.stringify(key)}: ${tuple},\n  },\n}\n`;
}

describe('required', () => {
  it.each([
    ['bun.lock', true],
    ['apps/web/bun.lock', true],
    ['bun.lockb', false],
    ['bun.lock.json', false],
    ['yarn.lock', false],
  ])('%s → %s', (path, wanted) => {
    const entry: FileEntry = { path, base: path.split('/').at(-1) ?? path, size: 100 };
    expect(extractor.required(entry)).toBe(wanted);
  });
});

describe('splitPath', () => {
  it.each([
    ['chalk', ['chalk']],
    ['chalk/supports-color', ['chalk', 'supports-color']],
    ['@babel/core', ['@babel/core']],
    [
      '@babel/core/@babel/types/to-fast-properties',
      ['@babel/core', '@babel/types', 'to-fast-properties'],
    ],
    ['@acme/lib/react', ['@acme/lib', 'react']],
  ])('%s', (key, names) => {
    expect(splitPath(key)).toEqual(names);
  });
});

describe('a workspace lockfile', () => {
  it('reads every tuple shape, aliases, workspaces, edges, lines and the root', () => {
    expect(parseBunLock(fixture('monorepo.lock'))).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: '@acme/lib',
          key: '@acme/lib',
          line: 30,
          source: { type: 'workspace', url: 'packages/lib' },
          direct: false,
          // The workspace's own dependencies, `react` resolved to its nested copy.
          dependsOn: ['@acme/lib/react', 'widget'],
        },
        {
          ecosystem: 'npm',
          name: 'react',
          key: '@acme/lib/react',
          line: 33,
          version: '17.0.2',
          hashes: sha512(
            'f1cd073b49a6c220d489b42ec4f9f1383b3f29fae5834c85cad4bc5021712e11f4275a848617f4927765bacd406919a241357b347cba26586f62ee81bb5a1178',
          ),
          direct: true,
          dependsOn: ['loose-envify'],
        },
        {
          ecosystem: 'npm',
          name: 'fsevents',
          key: 'fsevents',
          scope: 'optional', // only an optional dependency leads to it
          line: 37,
          version: '2.3.2',
          hashes: sha512(
            '31bd60a17a5f91e51706c4f756ae1ab42b7e6233ecf8689e4e974738b9c162f1be1afd57342a934e474f56c597a84481ec17e16799cca30dfbbb770178221a73',
          ),
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'is-number',
          key: 'is-number',
          line: 39,
          source: {
            type: 'git',
            url: 'https://github.com/jonschlinkert/is-number',
            commit: '98e8ff1',
          },
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'js-tokens',
          key: 'js-tokens',
          line: 41,
          version: '4.0.0',
          hashes: sha512(
            '860bc5208657121d2a294bc7240f6d6feeae31d1070544d3055744e5b9c1d075e31233a35c6d0db0c986ef80c5d04a2201603e3822f9e59b1e29f2faac5aaa13',
          ),
          direct: false,
        },
        {
          ecosystem: 'npm',
          name: 'local-tool',
          key: 'local-tool',
          scope: 'dev', // only devDependencies lead to it
          line: 43,
          source: { type: 'directory', url: 'tools/local-tool' },
          direct: true,
          dependsOn: ['js-tokens'],
        },
        {
          ecosystem: 'npm',
          name: 'loose-envify',
          key: 'loose-envify',
          line: 45,
          version: '1.4.0',
          hashes: sha512(
            'a7ab55ff8dd9f1ce2c7aed37c126a32c4a1480213cb6d874ab0224f5342e18bfe5e00d5c1aebb9a49324a537c67a0e17f04c796981accf6b8a7bb8981241811b',
          ),
          direct: false,
          dependsOn: ['js-tokens'],
        },
        {
          ecosystem: 'npm',
          name: 'prettier',
          key: 'prettier',
          scope: 'dev',
          line: 47,
          version: '2.8.4',
          hashes: sha512(
            'e6a94cf6c8fe892e616347d6dfc45bd4e7f97fd78ce1441a525348f09137dc35a4f1db4f59498a67877638fc7a2980ff18a8b0ae3607cfa025aa7b7f6224f728',
          ),
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'react',
          key: 'react',
          line: 49,
          version: '18.2.0',
          hashes: sha512(
            '79e9aded6c8fe25a79a79e80e5ef137ba8693de7807192f22b1aa7ed0f576c6d4df1ff7476e23c30055d6c966bb4b67cf50f11a3ccafd3eac77961d86485a781',
          ),
          direct: true,
          dependsOn: ['loose-envify'],
        },
        {
          ecosystem: 'npm',
          name: 'string-width',
          key: 'string-width-cjs',
          line: 51,
          version: '4.2.3',
          hashes: sha512(
            'e3b107519dc56e9009519cb5cb3010f3e718af7d2e77fa985c1919b6ed7c2ebca78822a9adac4f4f5616c6a02bb21f666438c7386a0e2a6c8d5d8a2c8f21b480',
          ),
          properties: { 'npm:alias': 'string-width-cjs' },
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'widget',
          key: 'widget',
          line: 53,
          source: { type: 'url', url: 'https://example.com/pkgs/widget-1.2.3.tgz' },
          direct: true,
          // A peer dependency, resolved from where the package is installed.
          dependsOn: ['react'],
        },
      ],
      root: {
        ecosystem: 'npm',
        name: 'acme-app',
        version: '0.3.0',
        dependsOn: ['fsevents', 'is-number', 'local-tool', 'prettier', 'react', 'string-width-cjs'],
      },
    } satisfies ExtractResult);
  });

  it('sets no groups (OSV-SCALIBR reports none for bun.lock)', () => {
    expect(
      parseBunLock(fixture('monorepo.lock')).packages.filter((p) => p.groups !== undefined),
    ).toEqual([]);
  });

  it('derives dev and optional groups from the workspaces when asked (deriveGroups)', () => {
    const result = parseBunLock(fixture('monorepo.lock'), { deriveGroups: true });
    expect(Object.fromEntries(result.packages.map((p) => [p.key, p.groups ?? []]))).toEqual({
      '@acme/lib': [],
      '@acme/lib/react': [],
      fsevents: ['optional'],
      'is-number': [],
      // Needed by the dev-only `local-tool`, but also by `react` through `loose-envify`.
      'js-tokens': [],
      'local-tool': ['dev'],
      'loose-envify': [],
      prettier: ['dev'],
      react: [],
      'string-width-cjs': [],
      widget: [],
    });
  });
});

describe('nested install paths', () => {
  it('resolves a dependency from the deepest path up to the top level, as Bun does', () => {
    const result = parseBunLock(fixture('nested.lock'));
    expect(
      result.packages.map((p) => [p.key, p.version, p.line, p.direct, p.dependsOn ?? []]),
    ).toEqual([
      ['@babel/core', '7.26.0', 14, true, ['@babel/core/@babel/types', '@babel/core/semver']],
      ['@babel/types', '7.26.0', 16, true, ['to-fast-properties']],
      ['semver', '7.6.3', 18, true, []],
      ['to-fast-properties', '2.0.0', 20, false, []],
      // `semver` is found one level up (`@babel/core/semver`), not at the top.
      [
        '@babel/core/@babel/types',
        '7.20.0',
        22,
        false,
        ['@babel/core/@babel/types/to-fast-properties', '@babel/core/semver'],
      ],
      ['@babel/core/semver', '6.3.1', 24, false, []],
      ['@babel/core/@babel/types/to-fast-properties', '1.0.3', 26, false, []],
    ]);
    expect(result.root).toEqual({
      ecosystem: 'npm',
      name: 'nested',
      dependsOn: ['@babel/core', '@babel/types', 'semver'],
    });
  });
});

describe('tuple shapes', () => {
  it.each<[string, string, string, Record<string, unknown>]>([
    [
      'npm',
      'wrappy',
      '["wrappy@1.0.2", "", {}, "sha512-not-a-digest"]',
      { name: 'wrappy', version: '1.0.2' },
    ],
    [
      'scoped npm',
      '@types/node',
      '["@types/node@20.1.0", "", {}]',
      { name: '@types/node', version: '20.1.0' },
    ],
    [
      'git over ssh',
      'babel-preset-php',
      '["babel-preset-php@git+ssh://gitlab:kornelski/babel-preset-php#1ae6dc1267500360b411ec711b8aeac8c68b2246", {}, "1ae6dc1267500360b411ec711b8aeac8c68b2246"]',
      {
        name: 'babel-preset-php',
        source: {
          type: 'git',
          url: 'https://gitlab.com/kornelski/babel-preset-php',
          commit: '1ae6dc1267500360b411ec711b8aeac8c68b2246',
        },
      },
    ],
    [
      'tarball, credentials removed',
      'widget',
      '["widget@https://ci:s3cr3t@npm.example.com/widget-1.2.3.tgz", {}]',
      { name: 'widget', source: { type: 'url', url: 'https://npm.example.com/widget-1.2.3.tgz' } },
    ],
    [
      'symlink',
      'linked',
      '["linked@link:../linked", {}]',
      { name: 'linked', source: { type: 'link', url: '../linked' } },
    ],
    [
      'local tarball',
      'packed',
      '["packed@file:vendor/packed-1.0.0.tgz", {}]',
      { name: 'packed', source: { type: 'file', url: 'vendor/packed-1.0.0.tgz' } },
    ],
  ])('%s', (_shape, key, tuple, expected) => {
    const [record] = parseBunLock(withPackage(key, tuple)).packages;
    expect(record).toEqual({ ecosystem: 'npm', key, line: 4, direct: false, ...expected });
  });

  it('skips the root package entry (`name@root:`)', () => {
    expect(
      parseBunLock(withPackage('my-app', '["my-app@root:", { "bin": { "app": "cli.js" } }]'))
        .packages,
    ).toEqual([]);
  });
});

describe('inputs that name no packages', () => {
  it.each([
    ['an empty object', '{}'],
    ['no packages', '{\n  "lockfileVersion": 0,\n  "workspaces": {\n    "": {},\n  },\n}\n'],
  ])('%s → nothing', (_what, text) => {
    expect(parseBunLock(text).packages).toEqual([]);
  });
});

describe('malformed input', () => {
  it.each([
    ['text that is not JSON', 'this is not json!', /not valid JSON \(InvalidSymbol\)/, 1],
    [
      'a missing comma',
      '{\n  "lockfileVersion": 1\n  "packages": {}\n}',
      /not valid JSON \(CommaExpected\)/,
      3,
    ],
    ['an empty file', '', /not valid JSON/, 1],
    ['a top-level array', '[1, 2]', /expected a JSON object/, 1],
    ['packages as an array', '{\n  "packages": [],\n}', /packages should be an object/, 2],
    [
      'a workspace that is not an object',
      '{\n  "workspaces": {\n    "": [],\n  },\n}',
      /workspaces\[""\] should be an object/,
      3,
    ],
    [
      'a tuple whose first element is a number',
      withPackage('wrappy', '[123, "", {}, "sha512-x"]'),
      /packages\["wrappy"\] should be a tuple/,
      4,
    ],
    [
      'a tuple whose first element is an object',
      withPackage('wrappy', '[{}, "", {}]'),
      /should be a tuple/,
      4,
    ],
    ['an empty tuple', withPackage('wrappy', '[]'), /should be a tuple/, 4],
    [
      'an entry that is not a tuple',
      withPackage('wrappy', '"wrappy@1.0.2"'),
      /should be a tuple/,
      4,
    ],
    [
      'a specifier without a version',
      withPackage('wrappy', '["wrappy", "", {}]'),
      /not of the form name@version/,
      4,
    ],
    [
      'INFO that is not an object',
      withPackage('wrappy', '["wrappy@1.0.2", "", []]'),
      /dependency information should be an object/,
      4,
    ],
    [
      'a registry that is not a string',
      withPackage('wrappy', '["wrappy@1.0.2", {}, {}]'),
      /registry \(second element\) should be a string/,
      4,
    ],
    [
      'dependencies that are not an object',
      withPackage('wrappy', '["wrappy@1.0.2", "", { "dependencies": [] }]'),
      /dependencies should be an object/,
      4,
    ],
    [
      'the same key twice',
      '{\n  "packages": {\n    "a": ["a@1.0.0"],\n    "a": ["a@2.0.0"],\n  },\n}',
      /lists "a" twice/,
      4,
    ],
  ])('%s → InputError with a line', (_what, text, message, line) => {
    const error = thrownInputError(() => parseBunLock(text));
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
  });

  it('refuses absurdly deep nesting before the recursive parser sees it', () => {
    const error = thrownInputError(() => parseBunLock(`{\n "packages": ${'['.repeat(100_000)}`));
    expect(error.message).toMatch(/nested more than 64 levels/);
    expect(error.line).toBe(2);
  });

  it('refuses install paths nested deeper than any real tree', () => {
    const key = Array.from({ length: 200 }, (_, i) => `p${i}`).join('/');
    expect(
      thrownInputError(() => parseBunLock(withPackage(key, '["p199@1.0.0", "", {}]'))).message,
    ).toMatch(/nests more than 128 packages deep/);
  });
});

describe('through the scan runner', () => {
  it('reads bun.lock from the scanned tree', async () => {
    const root = await tempTree({ 'web/bun.lock': fixture('nested.lock') });
    const result = await runExtractor(extractor, root, 'web/bun.lock');
    expect(result.packages.map((p) => `${p.name}@${p.version ?? ''}`)).toEqual([
      '@babel/core@7.26.0',
      '@babel/types@7.26.0',
      'semver@7.6.3',
      'to-fast-properties@2.0.0',
      '@babel/types@7.20.0',
      'semver@6.3.1',
      'to-fast-properties@1.0.3',
    ]);
  });
});
