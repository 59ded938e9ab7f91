import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { ExtractResult, FileEntry } from '../../../core/extractor.js';
import { runExtractor, tempTree, thrownInputError } from '../../../testing/extract.js';
import { extractor, parsePnpmLock } from './index.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

function sha512(hex: string): { alg: string; value: string }[] {
  return [{ alg: 'sha512', value: hex }];
}

describe('required', () => {
  it.each([
    ['pnpm-lock.yaml', true],
    ['packages/app/pnpm-lock.yaml', true],
    ['pnpm-lock.yml', false],
    ['pnpm-lock.yaml.bak', false],
    ['package-lock.json', false],
  ])('%s → %s', (path, wanted) => {
    const entry: FileEntry = { path, base: path.split('/').at(-1) ?? path, size: 100 };
    expect(extractor.required(entry)).toBe(wanted);
  });
});

describe('lockfile 5.x', () => {
  it('reads packages, peer suffixes, groups, git tarballs, edges, lines and the root', () => {
    expect(parsePnpmLock(fixture('v5.yaml'))).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: '@babel/code-frame',
          version: '7.18.6',
          key: '/@babel/code-frame/7.18.6',
          line: 25,
          hashes: sha512(
            '2c04d9818354efd70f5375788ef0e277b2ebfa7da2f9afa584d33a0e4a76ae4acd7fddd5706d3911b972e47dbbe5f782133039d41b7d0f9a2c5a33e6a22e8cb8',
          ),
          direct: true,
          dependsOn: ['/@babel/highlight/7.18.6'],
        },
        {
          ecosystem: 'npm',
          name: '@babel/highlight',
          version: '7.18.6',
          key: '/@babel/highlight/7.18.6',
          line: 32,
          hashes: sha512(
            '1ebe8833c32e56078b62b0f3dda8565b386f644f08deba239e36d9794899e008d7f333da9d573cb7dc1dfec57e6ff6c0cec17e501ea05e2a36cd8c0a70257969',
          ),
          direct: false,
        },
        {
          ecosystem: 'npm',
          name: 'eslint-utils',
          version: '3.0.0',
          key: '/eslint-utils/3.0.0_eslint@8.10.0',
          line: 36,
          hashes: sha512(
            '0fc2c7156214c3edee2e49c8127667fb6ce1014db5032a31eff6e408930992711e26c4d14765af636e82b0a16aa1ffcbe2b5e23ebc7dbd08ddcf32c5c6a63a96',
          ),
          direct: true,
          dependsOn: ['/eslint-visitor-keys/2.1.0', '/eslint/8.10.0'],
        },
        {
          ecosystem: 'npm',
          name: 'eslint-visitor-keys',
          version: '2.1.0',
          key: '/eslint-visitor-keys/2.1.0',
          line: 46,
          hashes: sha512(
            '0afc7c935ac2d49b34389029ac1ec815fb97bed2d1f5bb0fc86ac8e8ceff31bf2d8a7486835673474a2f5359f5f469d139fe826a9f975327090a68bee7f9a559',
          ),
          direct: false,
        },
        {
          ecosystem: 'npm',
          name: 'eslint',
          version: '8.10.0',
          key: '/eslint/8.10.0',
          line: 51,
          hashes: sha512(
            '972e29404c3310def6d063ac66fc444f7d6bdba5880f8856b0c608c631d671cc09a7b620804a7f741e4c708f0ae35dc3b0515045aa269b0cc0c4473b74db1a97',
          ),
          direct: true,
          dependsOn: ['/eslint-utils/3.0.0_eslint@8.10.0', '/eslint-visitor-keys/2.1.0'],
        },
        {
          ecosystem: 'npm',
          name: 'fsevents',
          version: '2.3.2',
          key: '/fsevents/2.3.2',
          line: 59,
          groups: ['optional'],
          hashes: sha512(
            '31bd60a17a5f91e51706c4f756ae1ab42b7e6233ecf8689e4e974738b9c162f1be1afd57342a934e474f56c597a84481ec17e16799cca30dfbbb770178221a73',
          ),
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'typescript',
          version: '4.6.2',
          key: '/typescript/4.6.2',
          line: 67,
          groups: ['dev'],
          hashes: sha512(
            '678ef8500ae35338f20007b0110bc400513895b68dd7012096e2642bd2004e19de43e336d70625a24bfa64a844061eab07ec3f6a2d4be5c5b73e3362aa9174ca',
          ),
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'my-lib',
          version: '2.0.0',
          key: 'github.com/acme/my-lib/0123456789abcdef0123456789abcdef01234567',
          line: 73,
          source: {
            type: 'git',
            url: 'https://github.com/acme/my-lib',
            commit: '0123456789abcdef0123456789abcdef01234567',
          },
          direct: true,
          dependsOn: ['/@babel/code-frame/7.18.6'],
        },
      ],
      root: {
        ecosystem: 'npm',
        dependsOn: [
          '/@babel/code-frame/7.18.6',
          '/eslint-utils/3.0.0_eslint@8.10.0',
          '/eslint/8.10.0',
          '/fsevents/2.3.2',
          '/typescript/4.6.2',
          'github.com/acme/my-lib/0123456789abcdef0123456789abcdef01234567',
        ],
      },
    } satisfies ExtractResult);
  });
});

describe('lockfile 6.x', () => {
  it('reads parenthesised peers, importers of a workspace, tarballs, and skips workspace links', () => {
    expect(parsePnpmLock(fixture('v6-workspace.yaml'))).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: '@types/react',
          version: '18.0.28',
          key: '/@types/react@18.0.28',
          line: 38,
          hashes: sha512(
            '0836fdf794de2a187578f87b8afac58889eb65f60048c1d4a0123e2700999a23441aa60a2c40ab1f8b1f88b946e58cc662888da870ed5d7a3b046a110a7e8a19',
          ),
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'prettier',
          version: '2.8.4',
          key: '/prettier@2.8.4',
          line: 41,
          groups: ['dev'],
          hashes: sha512(
            'e6a94cf6c8fe892e616347d6dfc45bd4e7f97fd78ce1441a525348f09137dc35a4f1db4f59498a67877638fc7a2980ff18a8b0ae3607cfa025aa7b7f6224f728',
          ),
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'react-redux',
          version: '8.0.5',
          key: '/react-redux@8.0.5(@types/react@18.0.28)(react@18.2.0)',
          line: 47,
          hashes: sha512(
            '1abc5ae1f44eb9321bdb40609c23a0a37cfdd5a7bab5f72199f38c44497bad8f58786ff1a1a6bbb9ea51de9a8822c44d8919eb476526b4c1bf4707f390d5d04e',
          ),
          direct: true,
          dependsOn: ['/@types/react@18.0.28', '/react@18.2.0'],
        },
        {
          ecosystem: 'npm',
          name: 'react',
          version: '18.2.0',
          key: '/react@18.2.0',
          line: 60,
          hashes: sha512(
            '79e9aded6c8fe25a79a79e80e5ef137ba8693de7807192f22b1aa7ed0f576c6d4df1ff7476e23c30055d6c966bb4b67cf50f11a3ccafd3eac77961d86485a781',
          ),
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'widget',
          version: '1.2.3',
          key: '@example.com/pkgs/widget-1.2.3.tgz',
          line: 65,
          source: { type: 'url', url: 'https://example.com/pkgs/widget-1.2.3.tgz' },
          direct: true,
          dependsOn: ['/react@18.2.0'],
        },
      ],
      // Only the project's own importer (`.`) names the root's dependencies.
      root: { ecosystem: 'npm', dependsOn: ['/prettier@2.8.4'] },
    } satisfies ExtractResult);
  });
});

describe('lockfile 9.x', () => {
  it('reads packages, snapshot edges (merged across peer variants), aliases, patches, git and file packages', () => {
    expect(parsePnpmLock(fixture('v9.yaml'))).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: 'is-number',
          version: '7.0.0',
          key: 'is-number@https://codeload.github.com/jonschlinkert/is-number/tar.gz/98e8ff1da1a89f93d1397a24d7413ed15421c139',
          line: 41,
          source: {
            type: 'git',
            url: 'https://github.com/jonschlinkert/is-number',
            commit: '98e8ff1da1a89f93d1397a24d7413ed15421c139',
          },
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'js-tokens',
          version: '4.0.0',
          key: 'js-tokens@4.0.0',
          line: 46,
          hashes: sha512(
            '860bc5208657121d2a294bc7240f6d6feeae31d1070544d3055744e5b9c1d075e31233a35c6d0db0c986ef80c5d04a2201603e3822f9e59b1e29f2faac5aaa13',
          ),
          direct: false,
        },
        {
          ecosystem: 'npm',
          name: 'local-tool',
          version: '0.1.0',
          key: 'local-tool@file:tools/local-tool',
          scope: 'dev', // only the importer's devDependencies lead to it
          line: 49,
          source: { type: 'directory', url: 'tools/local-tool' },
          direct: true,
          dependsOn: ['use-sync-external-store@1.2.0'],
        },
        {
          ecosystem: 'npm',
          name: 'loose-envify',
          version: '1.4.0',
          key: 'loose-envify@1.4.0',
          line: 53,
          hashes: sha512(
            'a7ab55ff8dd9f1ce2c7aed37c126a32c4a1480213cb6d874ab0224f5342e18bfe5e00d5c1aebb9a49324a537c67a0e17f04c796981accf6b8a7bb8981241811b',
          ),
          direct: false,
          dependsOn: ['js-tokens@4.0.0'],
        },
        {
          ecosystem: 'npm',
          name: 'react-dom',
          version: '18.2.0',
          key: 'react-dom@18.2.0',
          line: 57,
          hashes: sha512(
            'd897532cc04f3c66ef5afe53e6e8229a1a746f54577914de4993a3d7de70edd95f555ac88a74ed142dacd743eddb3651a4442f09cbae0f03180c4034067cacf5',
          ),
          direct: true,
          dependsOn: ['loose-envify@1.4.0', 'react@18.2.0', 'use-sync-external-store@1.2.0'],
        },
        {
          ecosystem: 'npm',
          name: 'react',
          version: '17.0.2',
          key: 'react@17.0.2',
          line: 62,
          hashes: sha512(
            'f1cd073b49a6c220d489b42ec4f9f1383b3f29fae5834c85cad4bc5021712e11f4275a848617f4927765bacd406919a241357b347cba26586f62ee81bb5a1178',
          ),
          // A dependency of the workspace package `packages/lib`.
          direct: true,
          dependsOn: ['loose-envify@1.4.0'],
        },
        {
          ecosystem: 'npm',
          name: 'react',
          version: '18.2.0',
          key: 'react@18.2.0',
          line: 66,
          hashes: sha512(
            '79e9aded6c8fe25a79a79e80e5ef137ba8693de7807192f22b1aa7ed0f576c6d4df1ff7476e23c30055d6c966bb4b67cf50f11a3ccafd3eac77961d86485a781',
          ),
          direct: false,
          dependsOn: ['loose-envify@1.4.0'],
        },
        {
          ecosystem: 'npm',
          name: 'string-width',
          version: '4.2.3',
          key: 'string-width@4.2.3',
          line: 70,
          hashes: sha512(
            'e3b107519dc56e9009519cb5cb3010f3e718af7d2e77fa985c1919b6ed7c2ebca78822a9adac4f4f5616c6a02bb21f666438c7386a0e2a6c8d5d8a2c8f21b480',
          ),
          // Named through the alias `string-width-cjs`.
          direct: true,
        },
        {
          ecosystem: 'npm',
          name: 'use-sync-external-store',
          version: '1.2.0',
          key: 'use-sync-external-store@1.2.0',
          line: 74,
          hashes: sha512(
            '75781365be681003a32548288da29df170a88f337b654e91bd28298a75b8e9c3a2f999af58d9e59b32317a5c00b564068bbed69432a45c09dccd793afe4ddba0',
          ),
          direct: false,
          // One `packages` entry, two snapshots (react 17 and react 18 as the peer).
          dependsOn: ['react@17.0.2', 'react@18.2.0'],
        },
      ],
      root: {
        ecosystem: 'npm',
        dependsOn: [
          'is-number@https://codeload.github.com/jonschlinkert/is-number/tar.gz/98e8ff1da1a89f93d1397a24d7413ed15421c139',
          'local-tool@file:tools/local-tool',
          'react-dom@18.2.0',
          'string-width@4.2.3',
        ],
      },
    } satisfies ExtractResult);
  });

  it('sets no groups (dev and optional are only in the importers; OSV-SCALIBR reports none)', () => {
    const result = parsePnpmLock(fixture('v9.yaml'));
    expect(result.packages.filter((p) => p.groups !== undefined)).toEqual([]);
  });

  it('derives dev and optional groups from the importers when asked (deriveGroups)', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      app-dep: {specifier: ^1.0.0, version: 1.0.0}',
      '    optionalDependencies:',
      '      opt-dep: {specifier: ^1.0.0, version: 1.0.0}',
      '    devDependencies:',
      '      dev-dep: {specifier: ^1.0.0, version: 1.0.0}',
      'packages:',
      ...[
        'app-dep',
        'opt-dep',
        'dev-dep',
        'shared',
        'opt-only',
        'dev-only',
        'dev-opt',
        'orphan',
      ].map((name) => `  ${name}@1.0.0: {}`),
      'snapshots:',
      '  app-dep@1.0.0:',
      '    dependencies: {shared: 1.0.0}',
      '  opt-dep@1.0.0:',
      '    dependencies: {opt-only: 1.0.0}',
      '  dev-dep@1.0.0:',
      '    dependencies: {shared: 1.0.0, dev-only: 1.0.0}',
      '    optionalDependencies: {dev-opt: 1.0.0}',
    ].join('\n');
    const groups = (deriveGroups: boolean): Record<string, readonly string[]> =>
      Object.fromEntries(
        parsePnpmLock(text, { deriveGroups }).packages.map((p) => [p.name, p.groups ?? []]),
      );
    expect(groups(true)).toEqual({
      'app-dep': [],
      'opt-dep': ['optional'],
      'dev-dep': ['dev'],
      shared: [],
      'opt-only': ['optional'],
      'dev-only': ['dev'],
      'dev-opt': ['dev'],
      orphan: [],
    });
    // The extractor's default, which OSV-SCALIBR's expectations call for.
    expect(Object.values(groups(false)).flat()).toEqual([]);
  });

  it('skips runtimes pnpm 10 records as packages', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'packages:',
      '  node@runtime:22.0.0:',
      '    hasBin: true',
      '  acorn@8.11.3:',
      '    resolution: {integrity: sha512-AAAA}',
    ].join('\n');
    expect(parsePnpmLock(text).packages.map((p) => `${p.name}@${p.version ?? ''}`)).toEqual([
      'acorn@8.11.3',
    ]);
  });

  it('reads the project document when pnpm 10 writes an env lockfile document first', () => {
    const text = [
      '---',
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    configDependencies: {}',
      'packages:',
      "  '@pnpm/exe@10.0.0':",
      '    resolution: {integrity: sha512-AAAA}',
      '---',
      "lockfileVersion: '9.0'",
      'packages:',
      '  acorn@8.11.3:',
      '    resolution: {integrity: sha512-AAAA}',
    ].join('\n');
    const result = parsePnpmLock(text);
    expect(result.packages.map((p) => [`${p.name}@${p.version ?? ''}`, p.line])).toEqual([
      ['acorn@8.11.3', 12],
    ]);
  });
});

describe('non-registry sources', () => {
  it.each<[string, string, Record<string, unknown>]>([
    [
      'a git resolution (5.x)',
      [
        'lockfileVersion: 5.3',
        'packages:',
        '  git@bitbucket.org+acme/tool/6104ae42cd32c3d724036d3964678f197b2c9cdb:',
        '    resolution: {commit: 6104ae42cd32c3d724036d3964678f197b2c9cdb, repo: git@bitbucket.org:acme/tool.git, type: git}',
        '    name: tool',
        '    version: 1.0.0',
      ].join('\n'),
      {
        name: 'tool',
        version: '1.0.0',
        source: {
          type: 'git',
          url: 'https://bitbucket.org/acme/tool',
          commit: '6104ae42cd32c3d724036d3964678f197b2c9cdb',
        },
      },
    ],
    [
      'a tarball URL, credentials removed (6.x)',
      [
        "lockfileVersion: '6.0'",
        'packages:',
        "  '@npm.example.com/widget/-/widget-1.2.3.tgz':",
        '    resolution: {tarball: https://ci:s3cr3t@npm.example.com/widget/-/widget-1.2.3.tgz}',
        '    name: widget',
        '    version: 1.2.3',
      ].join('\n'),
      {
        name: 'widget',
        version: '1.2.3',
        source: { type: 'url', url: 'https://npm.example.com/widget/-/widget-1.2.3.tgz' },
      },
    ],
    [
      'a git key with its commit (9.x)',
      [
        "lockfileVersion: '9.0'",
        'packages:',
        '  tool@git+https://github.com/acme/tool.git#0123456789abcdef0123456789abcdef01234567:',
        '    version: 1.0.0',
      ].join('\n'),
      {
        name: 'tool',
        version: '1.0.0',
        source: {
          type: 'git',
          url: 'https://github.com/acme/tool',
          commit: '0123456789abcdef0123456789abcdef01234567',
        },
      },
    ],
    [
      'a local tarball (9.x)',
      [
        "lockfileVersion: '9.0'",
        'packages:',
        '  packed@file:vendor/packed-1.0.0.tgz:',
        '    resolution: {integrity: sha512-AAAA, tarball: file:vendor/packed-1.0.0.tgz}',
        '    version: 1.0.0',
      ].join('\n'),
      {
        name: 'packed',
        version: '1.0.0',
        source: { type: 'file', url: 'vendor/packed-1.0.0.tgz' },
      },
    ],
  ])('%s', (_what, text, expected) => {
    const [record] = parsePnpmLock(text).packages;
    expect(record).toMatchObject({ ...expected, line: 3 });
  });
});

describe('inputs that name no packages', () => {
  it.each([
    ['an empty file', ''],
    ['only a comment', '# nothing here\n'],
  ])('%s → nothing', (_what, text) => {
    expect(parsePnpmLock(text)).toEqual({ packages: [] });
  });

  it.each([
    ['empty sections', 'lockfileVersion: 5.3\n\nspecifiers:\n\ndependencies:\n\npackages:\n'],
    ['no packages key', "lockfileVersion: '6.0'\ndependencies: {}\n"],
  ])('%s → no packages, a root without dependencies', (_what, text) => {
    expect(parsePnpmLock(text)).toEqual({
      packages: [],
      root: { ecosystem: 'npm', dependsOn: [] },
    });
  });

  it('warns about entries whose name and version cannot be read, and goes on', () => {
    const text = [
      'lockfileVersion: 5.3',
      'packages:',
      '  /foo/1.0.0:',
      '  github.com/kevva/is-positive:',
      '  file:../nameless:',
      '    resolution: {directory: ../nameless, type: directory}',
      '    version: 1.0.0',
    ].join('\n');
    expect(parsePnpmLock(text)).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: 'foo',
          version: '1.0.0',
          key: '/foo/1.0.0',
          line: 3,
          direct: false,
        },
      ],
      warnings: [
        {
          message:
            'packages["github.com/kevva/is-positive"]: no package name and version could be read from it; ignored',
          line: 4,
        },
        {
          message:
            'packages["file:../nameless"]: no package name and version could be read from it; ignored',
          line: 5,
        },
      ],
    });
  });
});

describe('malformed input', () => {
  it.each([
    [
      'text that is not a mapping',
      'this is not valid yaml!',
      /expected a mapping of lockfile fields/,
      1,
    ],
    [
      'a YAML syntax error',
      'lockfileVersion: 5.3\npackages:\n  /a/1.0.0: {\n',
      /not valid YAML/,
      4,
    ],
    [
      'a bad indentation',
      'lockfileVersion: 5.3\npackages:\n  /a/1.0.0:\n    dev: true\n   dev: false\n',
      /not valid YAML/,
      5,
    ],
    [
      'an invalid dependency path (5.x)',
      'lockfileVersion: 5.3\npackages:\n  /acorn/8.7.0: {}\n  invalidpath: {}\n',
      /invalid dependency path "invalidpath"/,
      4,
    ],
    [
      'an invalid dependency path (9.x)',
      "lockfileVersion: '9.0'\npackages:\n  invalidpath: {}\n",
      /invalid dependency path "invalidpath"/,
      3,
    ],
    [
      'a lockfileVersion that is not a number',
      'lockfileVersion: latest\npackages: {}\n',
      /lockfileVersion should be a number/,
      1,
    ],
    [
      'packages as a list',
      'lockfileVersion: 5.3\npackages:\n  - /acorn/8.7.0\n',
      /packages should be a mapping/,
      3,
    ],
    [
      'a package that is a list',
      'lockfileVersion: 5.3\npackages:\n  /acorn/8.7.0:\n    - dev\n',
      /packages\["\/acorn\/8\.7\.0"\] should be a mapping/,
      4,
    ],
    // (The YAML library's error excerpts, made for each of the million errors, were
    // quadratic: read without them, the line counted apart.)
    [
      'a line of a million quotes',
      `lockfileVersion: '9.0'\npackages:\n  ${'"'.repeat(1_000_000)}\n`,
      /not valid YAML/,
      3,
    ],
    [
      'the same package twice',
      "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\n  a@1.0.0: {}\n",
      /lists "a@1.0.0" twice/,
      4,
    ],
  ])('%s → InputError with a line', (_what, text, message, line) => {
    const error = thrownInputError(() => parsePnpmLock(text));
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
  });

  it('refuses absurdly deep nesting without overflowing the stack', () => {
    const text = `lockfileVersion: 5.3\npackages:\n  /a/1.0.0: ${'['.repeat(10_000)}`;
    expect(() => parsePnpmLock(text)).toThrow(InputError);
  });
});

describe('through the scan runner', () => {
  it('reads pnpm-lock.yaml from the scanned tree', async () => {
    const root = await tempTree({ 'app/pnpm-lock.yaml': fixture('v6-workspace.yaml') });
    const result = await runExtractor(extractor, root, 'app/pnpm-lock.yaml');
    expect(result.packages.map((p) => `${p.name}@${p.version ?? ''}`)).toEqual([
      '@types/react@18.0.28',
      'prettier@2.8.4',
      'react-redux@8.0.5',
      'react@18.2.0',
      'widget@1.2.3',
    ]);
  });
});
