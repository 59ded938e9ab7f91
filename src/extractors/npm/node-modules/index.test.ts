import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../core/extractor.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor, isTopModulesDir } from './index.js';

const SHA512_A_B64 =
  'H0D8ktokFpR1CXnubPWC8tXX0o4YM13gWrxU0FYOD1MChgxlK/CNVgJSql50IQVG82n7u86MEs/HlXsmUv6adQ==';
const SHA512_A_HEX =
  '1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75';
const SHA1_A_HEX = '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

/** A temp project: files (objects are written as JSON) and symbolic links (path → relative target). */
async function project(
  files: Record<string, string | object>,
  links: Record<string, string> = {},
): Promise<string> {
  const root = await tempTree(
    Object.fromEntries(
      Object.entries(files).map(([p, c]) => [
        p,
        typeof c === 'string' ? c : JSON.stringify(c, null, 2),
      ]),
    ),
  );
  roots.push(root);
  for (const [link, target] of Object.entries(links)) {
    await mkdir(path.dirname(path.join(root, link)), { recursive: true });
    await symlink(target, path.join(root, link));
  }
  return root;
}

function pkg(name: string, version: string, extra: object = {}): object {
  return { name, version, ...extra };
}

/** `key` and `files` of a package folder: every record points at its own manifest. */
/** What a package.json licence becomes: the raw string and the statement, in the package's manifest. */
function licensed(value: string, dir: string): Record<string, unknown> {
  return {
    declaredLicense: value,
    licenseStatements: [{ value, kind: 'spdx-field', file: `${dir}/package.json` }],
  };
}

function at(dir: string): { key: string; files: string[] } {
  return { key: dir, files: [`${dir}/package.json`] };
}

function entry(p: string): FileEntry {
  return { path: p, base: path.posix.basename(p), size: 0 };
}

describe('required / claimsDirectory', () => {
  it.each<[string, boolean]>([
    ['node_modules', true],
    ['app/node_modules', true],
    ['packages/a/node_modules', true],
    ['node_modules/a/node_modules', false],
    ['x/node_modules/.pnpm/a/node_modules', false],
    ['node_modules2', false],
    ['node_modules/a', false],
    ['src', false],
  ])('%s → %s', (p, expected) => {
    expect(extractor.required(entry(p))).toBe(expected);
    expect(extractor.claimsDirectory(entry(p))).toBe(expected);
    expect(isTopModulesDir(entry(p))).toBe(expected);
  });

  it('is a directory extractor for npm that needs no network', () => {
    expect(extractor).toMatchObject({
      name: 'npm/node-modules',
      ecosystem: 'npm',
      target: 'directory',
      requiresNetwork: false,
    });
  });
});

describe('npm layout without a hidden lockfile', () => {
  it('reports hoisted, nested and scoped packages with computed groups and edges', async () => {
    const root = await project({
      'package.json': {
        name: 'app',
        version: '1.0.0',
        license: 'MIT',
        dependencies: { a: '^1', '@s/b': '^2' },
        optionalDependencies: { opt: '*' },
        devDependencies: { d: '*' },
      },
      'node_modules/a/package.json': pkg('a', '1.0.0', { dependencies: { c: '^1', shared: '*' } }),
      'node_modules/a/node_modules/c/package.json': pkg('c', '1.1.0'),
      'node_modules/c/package.json': pkg('c', '2.0.0'),
      'node_modules/@s/b/package.json': pkg('@s/b', '2.0.0', {
        license: { type: 'ISC' },
        peerDependencies: { a: '*' },
      }),
      'node_modules/opt/package.json': pkg('opt', '0.1.0', {
        licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }],
        dependencies: { shared: '*' },
      }),
      // devDependencies of an installed package are not installed: the `a` edge is ignored.
      'node_modules/d/package.json': pkg('d', '3.0.0', {
        dependencies: { c: '^2', e: '*', missing: '*' },
        devDependencies: { a: '*' },
      }),
      'node_modules/e/package.json': pkg('e', '1.0.0', { optionalDependencies: { f: '*' } }),
      'node_modules/f/package.json': pkg('f', '1.0.0'),
      'node_modules/shared/package.json': pkg('shared', '1.0.0'),
      'node_modules/orphan/package.json': pkg('orphan', '1.0.0'),
      // Not packages: tool folders, a folder without manifest, stray files.
      'node_modules/.bin/a': '#!/bin/sh\n',
      'node_modules/.cache/x/package.json': pkg('cached', '9.9.9'),
      'node_modules/no-manifest/index.js': '',
      'node_modules/README.md': '',
      'node_modules/@s/.DS_Store': '',
    });
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: '@s/b',
          version: '2.0.0',
          direct: true,
          ...licensed('ISC', 'node_modules/@s/b'),
          ...at('node_modules/@s/b'),
          dependsOn: ['node_modules/a'],
        },
        {
          ecosystem: 'npm',
          name: 'a',
          version: '1.0.0',
          direct: true,
          ...at('node_modules/a'),
          dependsOn: ['node_modules/a/node_modules/c', 'node_modules/shared'],
        },
        {
          ecosystem: 'npm',
          name: 'c',
          version: '1.1.0',
          direct: false,
          ...at('node_modules/a/node_modules/c'),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'c',
          version: '2.0.0',
          groups: ['dev'],
          direct: false,
          ...at('node_modules/c'),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'd',
          version: '3.0.0',
          groups: ['dev'],
          direct: true,
          ...at('node_modules/d'),
          dependsOn: ['node_modules/c', 'node_modules/e'],
        },
        {
          ecosystem: 'npm',
          name: 'e',
          version: '1.0.0',
          groups: ['dev'],
          direct: false,
          ...at('node_modules/e'),
          dependsOn: ['node_modules/f'],
        },
        // Reached only through a dev edge and then an optional one.
        {
          ecosystem: 'npm',
          name: 'f',
          version: '1.0.0',
          groups: ['dev', 'optional'],
          direct: false,
          ...at('node_modules/f'),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'opt',
          version: '0.1.0',
          groups: ['optional'],
          direct: true,
          ...licensed('MIT OR Apache-2.0', 'node_modules/opt'),
          ...at('node_modules/opt'),
          dependsOn: ['node_modules/shared'],
        },
        // On disk but needed by nothing: no group, directness unknown.
        {
          ecosystem: 'npm',
          name: 'orphan',
          version: '1.0.0',
          ...at('node_modules/orphan'),
          dependsOn: [],
        },
        // Reached through `a` (production) and `opt` (optional): production wins.
        {
          ecosystem: 'npm',
          name: 'shared',
          version: '1.0.0',
          direct: false,
          ...at('node_modules/shared'),
          dependsOn: [],
        },
      ],
      root: {
        ecosystem: 'npm',
        name: 'app',
        version: '1.0.0',
        declaredLicense: 'MIT',
        dependsOn: ['node_modules/@s/b', 'node_modules/a', 'node_modules/d', 'node_modules/opt'],
      },
    });
  });

  it('without a root package.json reports packages with no root, no groups and unknown directness', async () => {
    const root = await project({
      'node_modules/a/package.json': pkg('a', '1.0.0', { dependencies: { b: '*' } }),
      'node_modules/b/package.json': pkg('b', '2.0.0'),
    });
    expect(await runExtractor(extractor, root, 'node_modules')).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: 'a',
          version: '1.0.0',
          ...at('node_modules/a'),
          dependsOn: ['node_modules/b'],
        },
        { ecosystem: 'npm', name: 'b', version: '2.0.0', ...at('node_modules/b'), dependsOn: [] },
      ],
    });
  });

  it('reads a node_modules below the scan root against its own project', async () => {
    const root = await project({
      'package.json': pkg('outer', '0.0.0', { dependencies: { z: '*' } }),
      'apps/web/package.json': pkg('web', '2.0.0', { dependencies: { a: '*' } }),
      'apps/web/node_modules/a/package.json': pkg('a', '1.0.0'),
    });
    expect(await runExtractor(extractor, root, 'apps/web/node_modules')).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: 'a',
          version: '1.0.0',
          direct: true,
          ...at('apps/web/node_modules/a'),
          dependsOn: [],
        },
      ],
      root: {
        ecosystem: 'npm',
        name: 'web',
        version: '2.0.0',
        dependsOn: ['apps/web/node_modules/a'],
      },
    });
  });

  it('names a package after its folder when package.json has no name, and keeps a missing version absent', async () => {
    const root = await project({
      'node_modules/@s/unnamed/package.json': { description: 'no name, no version' },
    });
    expect(await runExtractor(extractor, root, 'node_modules')).toEqual({
      packages: [
        { ecosystem: 'npm', name: '@s/unnamed', ...at('node_modules/@s/unnamed'), dependsOn: [] },
      ],
    });
  });
});

describe('aliases', () => {
  it('names an npm alias after package.json and keeps the folder name as npm:alias', async () => {
    const root = await project({
      'package.json': pkg('app', '1.0.0', {
        dependencies: { 'sw-cjs': 'npm:string-width@^4', 'string-width': '^5' },
      }),
      'node_modules/sw-cjs/package.json': pkg('string-width', '4.2.3'),
      'node_modules/string-width/package.json': pkg('string-width', '5.1.2', {
        dependencies: { 'ar-cjs': 'npm:@s/ansi@1' },
      }),
      'node_modules/ar-cjs/package.json': pkg('@s/ansi', '1.0.0'),
    });
    expect(await runExtractor(extractor, root, 'node_modules')).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: '@s/ansi',
          version: '1.0.0',
          direct: false,
          ...at('node_modules/ar-cjs'),
          properties: { 'npm:alias': 'ar-cjs' },
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'string-width',
          version: '5.1.2',
          direct: true,
          ...at('node_modules/string-width'),
          dependsOn: ['node_modules/ar-cjs'],
        },
        {
          ecosystem: 'npm',
          name: 'string-width',
          version: '4.2.3',
          direct: true,
          ...at('node_modules/sw-cjs'),
          properties: { 'npm:alias': 'sw-cjs' },
          dependsOn: [],
        },
      ],
      root: {
        ecosystem: 'npm',
        name: 'app',
        version: '1.0.0',
        dependsOn: ['node_modules/string-width', 'node_modules/sw-cjs'],
      },
    });
  });
});

describe('other layouts', () => {
  it('does not take store folder names (cnpm `_name@version@name`) for aliases', async () => {
    const root = await project(
      {
        'package.json': pkg('app', '1.0.0', { dependencies: { lodash: '^4' } }),
        'node_modules/_lodash@4.17.21@lodash/package.json': pkg('lodash', '4.17.21'),
      },
      { 'node_modules/lodash': '_lodash@4.17.21@lodash' },
    );
    expect((await runExtractor(extractor, root, 'node_modules')).packages).toEqual([
      {
        ecosystem: 'npm',
        name: 'lodash',
        version: '4.17.21',
        direct: true,
        ...at('node_modules/_lodash@4.17.21@lodash'),
        dependsOn: [],
      },
    ]);
  });

  it('reads bun and Deno stores like pnpm’s', async () => {
    const root = await project(
      {
        'package.json': pkg('app', '1.0.0', { dependencies: { a: '*', b: '*' } }),
        'node_modules/.bun/a@1.0.0/node_modules/a/package.json': pkg('a', '1.0.0'),
        'node_modules/.deno/b@2.0.0/node_modules/b/package.json': pkg('b', '2.0.0'),
      },
      {
        'node_modules/a': '.bun/a@1.0.0/node_modules/a',
        'node_modules/b': '.deno/b@2.0.0/node_modules/b',
      },
    );
    expect((await runExtractor(extractor, root, 'node_modules')).packages).toEqual([
      {
        ecosystem: 'npm',
        name: 'a',
        version: '1.0.0',
        direct: true,
        ...at('node_modules/.bun/a@1.0.0/node_modules/a'),
        dependsOn: [],
      },
      {
        ecosystem: 'npm',
        name: 'b',
        version: '2.0.0',
        direct: true,
        ...at('node_modules/.deno/b@2.0.0/node_modules/b'),
        dependsOn: [],
      },
    ]);
  });
});

describe('hidden lockfile hints', () => {
  it('uses flags, resolved and integrity only where the version matches the disk', async () => {
    const root = await project({
      'package.json': pkg('app', '1.0.0', { dependencies: { a: '*', g: '*', t: '*', stale: '*' } }),
      'node_modules/.package-lock.json': {
        name: 'app',
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', dependencies: {} },
          // The lock says dev although the root names it for production: the lock's flags are trusted.
          'node_modules/a': {
            version: '1.0.0',
            resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
            integrity: `sha512-${SHA512_A_B64}`,
            dev: true,
          },
          'node_modules/g': {
            version: '1.0.0',
            resolved: `git+ssh://git@github.com/o/g.git#${COMMIT}`,
          },
          'node_modules/t': {
            version: '1.0.0',
            resolved: 'file:../t-1.0.0.tgz',
            integrity: `sha512-${SHA512_A_B64}`,
            optional: true,
            inBundle: true,
          },
          // Stale: the disk has 2.0.0 now, so none of this applies.
          'node_modules/stale': {
            version: '1.0.0',
            resolved: `git+https://github.com/o/stale.git#${COMMIT}`,
            integrity: `sha512-${SHA512_A_B64}`,
            dev: true,
          },
          'node_modules/gone': { version: '1.0.0', dev: true },
        },
      },
      'node_modules/a/package.json': pkg('a', '1.0.0'),
      'node_modules/g/package.json': pkg('g', '1.0.0'),
      'node_modules/t/package.json': pkg('t', '1.0.0'),
      'node_modules/stale/package.json': pkg('stale', '2.0.0'),
    });
    expect(await runExtractor(extractor, root, 'node_modules')).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: 'a',
          version: '1.0.0',
          groups: ['dev'],
          direct: true,
          ...at('node_modules/a'),
          hashes: [{ alg: 'sha512', value: SHA512_A_HEX }],
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'g',
          version: '1.0.0',
          direct: true,
          ...at('node_modules/g'),
          source: {
            type: 'git',
            url: 'https://github.com/o/g',
            commit: COMMIT,
          },
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'stale',
          version: '2.0.0',
          direct: true,
          ...at('node_modules/stale'),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 't',
          version: '1.0.0',
          groups: ['bundled', 'optional'],
          direct: true,
          ...at('node_modules/t'),
          source: { type: 'file', url: '../t-1.0.0.tgz' },
          hashes: [{ alg: 'sha512', value: SHA512_A_HEX }],
          dependsOn: [],
        },
      ],
      root: {
        ecosystem: 'npm',
        name: 'app',
        version: '1.0.0',
        dependsOn: ['node_modules/a', 'node_modules/g', 'node_modules/stale', 'node_modules/t'],
      },
    });
  });

  it('maps devOptional to dev + optional', async () => {
    const root = await project({
      'package.json': pkg('app', '1.0.0'),
      'node_modules/.package-lock.json': {
        lockfileVersion: 3,
        packages: { 'node_modules/x': { version: '1.0.0', devOptional: true } },
      },
      'node_modules/x/package.json': pkg('x', '1.0.0'),
    });
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result.packages).toEqual([
      {
        ecosystem: 'npm',
        name: 'x',
        version: '1.0.0',
        groups: ['dev', 'optional'],
        ...at('node_modules/x'),
        dependsOn: [],
      },
    ]);
  });

  it('warns about a malformed hidden lockfile and computes the flags itself', async () => {
    const root = await project({
      'package.json': pkg('app', '1.0.0', { devDependencies: { x: '*' } }),
      'node_modules/.package-lock.json': '{\n  "packages": {\n    "node_modules/x": \n}\n',
      'node_modules/x/package.json': pkg('x', '1.0.0'),
    });
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result.packages).toEqual([
      {
        ecosystem: 'npm',
        name: 'x',
        version: '1.0.0',
        groups: ['dev'],
        direct: true,
        ...at('node_modules/x'),
        dependsOn: [],
      },
    ]);
    expect(result.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^node_modules\/\.package-lock\.json: not valid JSON \(.*\) at line 4; ignored$/,
        ) as unknown,
        path: 'node_modules/.package-lock.json',
        line: 4,
      },
    ]);
  });
});

describe('old npm fields in installed package.json files', () => {
  it('reads _resolved, _from, _integrity and _shasum', async () => {
    const root = await project({
      'package.json': pkg('app', '1.0.0', {
        dependencies: { lg: '*', lf: '*', lr: '*', lu: '*', lfrom: '*' },
      }),
      'node_modules/lg/package.json': pkg('lg', '1.0.0', {
        _resolved: `git+https://github.com/o/lg.git#${COMMIT}`,
        _from: 'github:o/lg',
      }),
      'node_modules/lf/package.json': pkg('lf', '1.0.0', {
        _resolved: 'file:../lf-1.0.0.tgz',
        _integrity: `sha512-${SHA512_A_B64}`,
      }),
      'node_modules/lr/package.json': pkg('lr', '1.0.0', {
        _resolved: 'https://registry.npmjs.org/lr/-/lr-1.0.0.tgz',
        _shasum: SHA1_A_HEX,
      }),
      'node_modules/lu/package.json': pkg('lu', '1.0.0', {
        _resolved: 'https://example.com/downloads/lu.tgz',
      }),
      'node_modules/lfrom/package.json': pkg('lfrom', '1.0.0', {
        _from: 'lfrom@file:../lfrom',
        _inBundle: true,
      }),
    });
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result.packages).toEqual([
      {
        ecosystem: 'npm',
        name: 'lf',
        version: '1.0.0',
        direct: true,
        ...at('node_modules/lf'),
        source: { type: 'file', url: '../lf-1.0.0.tgz' },
        hashes: [{ alg: 'sha512', value: SHA512_A_HEX }],
        dependsOn: [],
      },
      {
        ecosystem: 'npm',
        name: 'lfrom',
        version: '1.0.0',
        groups: ['bundled'],
        direct: true,
        ...at('node_modules/lfrom'),
        source: { type: 'directory', url: '../lfrom' },
        dependsOn: [],
      },
      {
        ecosystem: 'npm',
        name: 'lg',
        version: '1.0.0',
        direct: true,
        ...at('node_modules/lg'),
        source: { type: 'git', url: 'https://github.com/o/lg', commit: COMMIT },
        dependsOn: [],
      },
      {
        ecosystem: 'npm',
        name: 'lr',
        version: '1.0.0',
        direct: true,
        ...at('node_modules/lr'),
        hashes: [{ alg: 'sha1', value: SHA1_A_HEX }],
        dependsOn: [],
      },
      {
        ecosystem: 'npm',
        name: 'lu',
        version: '1.0.0',
        direct: true,
        // A remote tarball counts as the registry's, as npm/package-lock has it.
        ...at('node_modules/lu'),
        dependsOn: [],
      },
    ]);
  });
});

describe('bundled dependencies', () => {
  it('marks what a dependency bundles, and the bundled packages’ own dependencies beside them', async () => {
    const root = await project({
      'package.json': pkg('app', '1.0.0', {
        dependencies: { host: '*' },
        bundleDependencies: ['host'],
      }),
      'node_modules/host/package.json': pkg('host', '1.0.0', {
        dependencies: { inner: '*', other: '*' },
        bundleDependencies: ['inner'],
      }),
      'node_modules/host/node_modules/inner/package.json': pkg('inner', '1.0.0', {
        dependencies: { innerdep: '*', top: '*' },
      }),
      'node_modules/host/node_modules/innerdep/package.json': pkg('innerdep', '1.0.0'),
      'node_modules/host/node_modules/other/package.json': pkg('other', '1.0.0'),
      'node_modules/top/package.json': pkg('top', '1.0.0'),
    });
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result.packages).toEqual([
      // The project's own bundleDependencies do not make `host` bundled (npm flags only what dependencies bundle).
      {
        ecosystem: 'npm',
        name: 'host',
        version: '1.0.0',
        direct: true,
        ...at('node_modules/host'),
        dependsOn: ['node_modules/host/node_modules/inner', 'node_modules/host/node_modules/other'],
      },
      {
        ecosystem: 'npm',
        name: 'inner',
        version: '1.0.0',
        groups: ['bundled'],
        direct: false,
        ...at('node_modules/host/node_modules/inner'),
        dependsOn: ['node_modules/host/node_modules/innerdep', 'node_modules/top'],
      },
      {
        ecosystem: 'npm',
        name: 'innerdep',
        version: '1.0.0',
        groups: ['bundled'],
        direct: false,
        ...at('node_modules/host/node_modules/innerdep'),
        dependsOn: [],
      },
      {
        ecosystem: 'npm',
        name: 'other',
        version: '1.0.0',
        direct: false,
        ...at('node_modules/host/node_modules/other'),
        dependsOn: [],
      },
      // Outside host's node_modules: not in the bundle.
      {
        ecosystem: 'npm',
        name: 'top',
        version: '1.0.0',
        direct: false,
        ...at('node_modules/top'),
        dependsOn: [],
      },
    ]);
  });
});

describe('pnpm layout', () => {
  it('reports each real package once, keyed by its store path, with aliases, workspaces and links', async () => {
    const store = 'node_modules/.pnpm';
    const root = await project(
      {
        'package.json': pkg('app', '1.0.0', {
          dependencies: {
            foo: '^1',
            alias: 'npm:bar@^2',
            '@s/q': '*',
            'ws-a': 'workspace:*',
            linked: 'link:../tools/linked',
          },
          devDependencies: { dv: '*' },
        }),
        'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
        'node_modules/.modules.yaml': 'layoutVersion: 5\n',
        [`${store}/lock.yaml`]: 'lockfileVersion: "9.0"\n',
        [`${store}/foo@1.0.0/node_modules/foo/package.json`]: pkg('foo', '1.0.0', {
          dependencies: { bar: '^2' },
        }),
        [`${store}/bar@2.0.0/node_modules/bar/package.json`]: pkg('bar', '2.0.0', {
          license: 'MIT',
        }),
        [`${store}/@s+q@3.0.0/node_modules/@s/q/package.json`]: pkg('@s/q', '3.0.0', {
          dependencies: { hoisted: '*', phantom: '*' },
        }),
        [`${store}/phantom@1.0.0/node_modules/phantom/package.json`]: pkg('phantom', '1.0.0'),
        [`${store}/hoisted@1.0.0/node_modules/hoisted/package.json`]: pkg('hoisted', '1.0.0'),
        [`${store}/dv@1.0.0/node_modules/dv/package.json`]: pkg('dv', '1.0.0'),
        [`${store}/wdev@1.0.0/node_modules/wdev/package.json`]: pkg('wdev', '1.0.0'),
        // In the store, linked from nowhere: still on disk, so still reported.
        [`${store}/leftover@1.0.0/node_modules/leftover/package.json`]: pkg('leftover', '1.0.0'),
        'packages/ws-a/package.json': pkg('ws-a', '0.1.0', {
          dependencies: { foo: '^1' },
          devDependencies: { wdev: '*' },
        }),
        'tools/linked/package.json': pkg('linked', '0.0.1'),
      },
      {
        'node_modules/foo': '.pnpm/foo@1.0.0/node_modules/foo',
        'node_modules/alias': '.pnpm/bar@2.0.0/node_modules/bar',
        'node_modules/@s/q': '../.pnpm/@s+q@3.0.0/node_modules/@s/q',
        'node_modules/dv': '.pnpm/dv@1.0.0/node_modules/dv',
        'node_modules/ws-a': '../packages/ws-a',
        'node_modules/linked': '../tools/linked',
        [`${store}/foo@1.0.0/node_modules/bar`]: '../../bar@2.0.0/node_modules/bar',
        [`${store}/@s+q@3.0.0/node_modules/hoisted`]: '../../hoisted@1.0.0/node_modules/hoisted',
        // pnpm's hoisted links are not read: `phantom` (not beside @s/q) gets no edge, and the
        // link adds no second name.
        [`${store}/node_modules/phantom`]: '../phantom@1.0.0/node_modules/phantom',
        [`${store}/node_modules/hoisted-alias`]: '../hoisted@1.0.0/node_modules/hoisted',
        'packages/ws-a/node_modules/foo': '../../../node_modules/.pnpm/foo@1.0.0/node_modules/foo',
        'packages/ws-a/node_modules/wdev':
          '../../../node_modules/.pnpm/wdev@1.0.0/node_modules/wdev',
      },
    );
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: '@s/q',
          version: '3.0.0',
          direct: true,
          ...at(`${store}/@s+q@3.0.0/node_modules/@s/q`),
          dependsOn: [`${store}/hoisted@1.0.0/node_modules/hoisted`],
        },
        {
          ecosystem: 'npm',
          name: 'bar',
          version: '2.0.0',
          direct: true,
          ...licensed('MIT', `${store}/bar@2.0.0/node_modules/bar`),
          ...at(`${store}/bar@2.0.0/node_modules/bar`),
          properties: { 'npm:alias': 'alias' },
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'dv',
          version: '1.0.0',
          groups: ['dev'],
          direct: true,
          ...at(`${store}/dv@1.0.0/node_modules/dv`),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'foo',
          version: '1.0.0',
          direct: true,
          ...at(`${store}/foo@1.0.0/node_modules/foo`),
          dependsOn: [`${store}/bar@2.0.0/node_modules/bar`],
        },
        {
          ecosystem: 'npm',
          name: 'hoisted',
          version: '1.0.0',
          direct: false,
          ...at(`${store}/hoisted@1.0.0/node_modules/hoisted`),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'leftover',
          version: '1.0.0',
          ...at(`${store}/leftover@1.0.0/node_modules/leftover`),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'phantom',
          version: '1.0.0',
          ...at(`${store}/phantom@1.0.0/node_modules/phantom`),
          dependsOn: [],
        },
        // A workspace's devDependencies are installed, and dev.
        {
          ecosystem: 'npm',
          name: 'wdev',
          version: '1.0.0',
          groups: ['dev'],
          direct: true,
          ...at(`${store}/wdev@1.0.0/node_modules/wdev`),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'ws-a',
          version: '0.1.0',
          direct: true,
          ...at('packages/ws-a'),
          source: { type: 'workspace', url: 'packages/ws-a' },
          dependsOn: [
            `${store}/foo@1.0.0/node_modules/foo`,
            `${store}/wdev@1.0.0/node_modules/wdev`,
          ],
        },
        {
          ecosystem: 'npm',
          name: 'linked',
          version: '0.0.1',
          direct: true,
          ...at('tools/linked'),
          source: { type: 'link', url: 'tools/linked' },
          dependsOn: [],
        },
      ].sort((a, b) => (a.key < b.key ? -1 : 1)),
      root: {
        ecosystem: 'npm',
        name: 'app',
        version: '1.0.0',
        dependsOn: [
          `${store}/@s+q@3.0.0/node_modules/@s/q`,
          `${store}/bar@2.0.0/node_modules/bar`,
          `${store}/dv@1.0.0/node_modules/dv`,
          `${store}/foo@1.0.0/node_modules/foo`,
          'packages/ws-a',
          'tools/linked',
        ],
      },
    });
  });
});

describe('npm workspaces and links', () => {
  it('tells workspaces (covered by the root globs) from other links, and reads their own node_modules', async () => {
    const root = await project(
      {
        'package.json': pkg('mono', '0.0.0', {
          private: true,
          workspaces: ['./packages/*', '!packages/excluded'],
        }),
        'packages/b/package.json': pkg('ws-b', '1.0.0', { dependencies: { x: '^2', y: '*' } }),
        'packages/b/node_modules/x/package.json': pkg('x', '2.0.0'),
        'packages/excluded/package.json': pkg('excluded', '1.0.0'),
        'elsewhere/other/package.json': pkg('other', '1.0.0'),
        'node_modules/x/package.json': pkg('x', '1.0.0'),
        'node_modules/y/package.json': pkg('y', '1.0.0'),
      },
      {
        'node_modules/ws-b': '../packages/b',
        'node_modules/excluded': '../packages/excluded',
        'node_modules/other': '../elsewhere/other',
      },
    );
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result).toEqual({
      packages: [
        {
          ecosystem: 'npm',
          name: 'other',
          version: '1.0.0',
          ...at('elsewhere/other'),
          source: { type: 'link', url: 'elsewhere/other' },
          dependsOn: [],
        },
        { ecosystem: 'npm', name: 'x', version: '1.0.0', ...at('node_modules/x'), dependsOn: [] },
        {
          ecosystem: 'npm',
          name: 'y',
          version: '1.0.0',
          direct: true,
          ...at('node_modules/y'),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'ws-b',
          version: '1.0.0',
          direct: true,
          ...at('packages/b'),
          source: { type: 'workspace', url: 'packages/b' },
          dependsOn: ['node_modules/y', 'packages/b/node_modules/x'],
        },
        {
          ecosystem: 'npm',
          name: 'x',
          version: '2.0.0',
          direct: true,
          ...at('packages/b/node_modules/x'),
          dependsOn: [],
        },
        {
          ecosystem: 'npm',
          name: 'excluded',
          version: '1.0.0',
          ...at('packages/excluded'),
          source: { type: 'link', url: 'packages/excluded' },
          dependsOn: [],
        },
      ],
      root: { ecosystem: 'npm', name: 'mono', version: '0.0.0', dependsOn: ['packages/b'] },
    });
  });
});

describe('links that loop or escape', () => {
  it('ends on links to a parent, to the project, to each other and to themselves', async () => {
    const root = await project(
      {
        'package.json': pkg('app', '1.0.0', { dependencies: { a: '*' } }),
        'node_modules/a/package.json': pkg('a', '1.0.0', { dependencies: { up: '*' } }),
      },
      {
        'node_modules/a/node_modules/up': '..', // → node_modules/a itself
        'node_modules/a/node_modules/top': '../..', // → node_modules (no package.json)
        'node_modules/self-project': '..', // → the project: not a dependency
        'node_modules/ping': 'pong',
        'node_modules/pong': 'ping',
        'node_modules/me': 'me',
      },
    );
    const started = Date.now();
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.packages).toEqual([
      // `up` resolves to `a` itself: no self edge, but `a` is installed under that name too.
      {
        ecosystem: 'npm',
        name: 'a',
        version: '1.0.0',
        direct: true,
        ...at('node_modules/a'),
        properties: { 'npm:alias': 'up' },
        dependsOn: [],
      },
    ]);
    expect(result.root).toEqual({
      ecosystem: 'npm',
      name: 'app',
      version: '1.0.0',
      dependsOn: ['node_modules/a'],
    });
    expect(result.warnings).toEqual(
      ['node_modules/me', 'node_modules/ping', 'node_modules/pong'].map((p) => ({
        message: `${p}: a broken link, or one that leads outside the scanned directory; not read`,
        path: p,
      })),
    );
  });

  it('does not follow a link that leads outside the scanned directory', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'openvet-outside-'));
    roots.push(outside);
    await tempTreeAt(outside, { 'package.json': JSON.stringify(pkg('secret', '1.0.0')) });
    const root = await project(
      { 'node_modules/ok/package.json': pkg('ok', '1.0.0') },
      { 'node_modules/secret': outside },
    );
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result.packages.map((p) => p.name)).toEqual(['ok']);
    expect(result.warnings).toEqual([
      {
        message:
          'node_modules/secret: a broken link, or one that leads outside the scanned directory; not read',
        path: 'node_modules/secret',
      },
    ]);
  });
});

describe('malformed package.json', () => {
  it('warns naming the file and line, skips that package and reads the rest (its nested tree included)', async () => {
    const root = await project({
      'package.json': pkg('app', '1.0.0', { dependencies: { bad: '*', good: '*' } }),
      'node_modules/bad/package.json': '{\n  "name": "bad",\n  "version": \n}\n',
      'node_modules/bad/node_modules/inner/package.json': pkg('inner', '1.0.0'),
      'node_modules/arr/package.json': '[]',
      'node_modules/good/package.json': pkg('good', '1.0.0'),
    });
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result.packages).toEqual([
      {
        ecosystem: 'npm',
        name: 'inner',
        version: '1.0.0',
        ...at('node_modules/bad/node_modules/inner'),
        dependsOn: [],
      },
      {
        ecosystem: 'npm',
        name: 'good',
        version: '1.0.0',
        direct: true,
        ...at('node_modules/good'),
        dependsOn: [],
      },
    ]);
    expect(result.warnings).toEqual([
      {
        message: 'node_modules/arr/package.json: expected a JSON object; package skipped',
        path: 'node_modules/arr/package.json',
      },
      {
        message: expect.stringMatching(
          /^node_modules\/bad\/package\.json: not valid JSON \(.*\) at line 4; package skipped$/,
        ) as unknown,
        path: 'node_modules/bad/package.json',
        line: 4,
      },
    ]);
  });

  it('warns about a malformed root package.json and still reports the tree', async () => {
    const root = await project({
      'package.json': '{ "name": ',
      'node_modules/a/package.json': pkg('a', '1.0.0'),
    });
    const result = await runExtractor(extractor, root, 'node_modules');
    expect(result.packages).toEqual([
      { ecosystem: 'npm', name: 'a', version: '1.0.0', ...at('node_modules/a'), dependsOn: [] },
    ]);
    expect(result.root).toBeUndefined();
    expect(result.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^package\.json: not valid JSON \(.*\) at line 1; ignored$/,
        ) as unknown,
        path: 'package.json',
        line: 1,
      },
    ]);
  });
});

async function tempTreeAt(dir: string, files: Record<string, string>): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
}
