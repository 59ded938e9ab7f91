import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExtractResult, PackageRecord } from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { entryLines } from './json-lines.js';
import {
  extractLock,
  extractor,
  indexFolders,
  nameFromKey,
  parseLockJson,
  resolveFrom,
} from './index.js';

const FIXTURE = new URL('./__fixtures__/workspaces.v3.json', import.meta.url);

async function extract(
  files: Record<string, string>,
  path = 'package-lock.json',
): Promise<ExtractResult> {
  return runExtractor(extractor, await tempTree(files), path);
}

function v3(packages: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    { name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, ...extra, packages },
    null,
    2,
  );
}

function byKey(result: ExtractResult): Map<string, PackageRecord> {
  return new Map(result.packages.map((p) => [p.key!, p]));
}

describe('required', () => {
  it.each([
    ['package-lock.json', true],
    ['npm-shrinkwrap.json', true],
    ['sub/dir/package-lock.json', true],
    ['node_modules/.package-lock.json', false],
    ['node_modules/a/package-lock.json', false],
    ['node_modules/a/npm-shrinkwrap.json', false],
    ['yarn.lock', false],
    ['package.json', false],
  ])('%s → %s', (path, expected) => {
    const base = path.split('/').pop()!;
    expect(extractor.required({ path, base, size: 10 })).toBe(expected);
  });
});

describe('helpers', () => {
  it.each([
    ['node_modules/a', 'a'],
    ['node_modules/@s/a', '@s/a'],
    ['node_modules/a/node_modules/@s/b', '@s/b'],
    ['packages/x', 'x'],
    ['packages/@s/x', '@s/x'],
  ])('nameFromKey(%s) = %s', (key, name) => {
    expect(nameFromKey(key)).toBe(name);
  });

  const index = indexFolders([
    'node_modules/a',
    'node_modules/b',
    'node_modules/a/node_modules/b',
    'node_modules/@s/c',
    'node_modules/@s/c/node_modules/d',
    'packages/x/node_modules/b',
  ]);
  it.each([
    ['node_modules/a', 'b', 'node_modules/a/node_modules/b'],
    ['node_modules/a/node_modules/b', 'b', 'node_modules/a/node_modules/b'],
    ['node_modules/b', 'a', 'node_modules/a'],
    ['node_modules/@s/c', 'd', 'node_modules/@s/c/node_modules/d'],
    ['node_modules/@s/c/node_modules/d', 'a', 'node_modules/a'],
    ['packages/x', 'b', 'packages/x/node_modules/b'],
    ['packages/y', 'b', 'node_modules/b'],
    ['', '@s/c', 'node_modules/@s/c'],
    ['node_modules/a', 'missing', undefined],
  ])('resolveFrom(%s, %s) = %s', (from, name, expected) => {
    expect(resolveFrom(index, from, name)).toBe(expected);
  });
});

describe('lockfileVersion 2 and 3', () => {
  it('reads aliases as the real package, keeping the alias', async () => {
    const result = await extract({
      'package-lock.json': v3({
        '': { dependencies: { 'string-width-cjs': 'npm:string-width@^4.2.0' } },
        'node_modules/string-width-cjs': { name: 'string-width', version: '4.2.0' },
      }),
    });
    expect(result.packages).toEqual([
      expect.objectContaining({
        name: 'string-width',
        version: '4.2.0',
        properties: { 'npm:alias': 'string-width-cjs' },
        key: 'node_modules/string-width-cjs',
        direct: true,
      }),
    ]);
    expect(result.root?.dependsOn).toEqual(['node_modules/string-width-cjs']);
  });

  it('reads git dependencies with their commit, without credentials', async () => {
    const result = await extract({
      'package-lock.json': v3({
        '': { devDependencies: { a: 'github:o/a' } },
        'node_modules/a': {
          version: '1.1.1',
          resolved: 'git+https://token@github.com/o/a.git#c5a7ba5e0ad98b8db1cb8ce105403dd4b768cced',
          dev: true,
        },
        'node_modules/b': {
          resolved: 'git+ssh://git@github.com/o/b.git#280b560161b751ba226d50c7db1e0a14a78c2de0',
        },
      }),
    });
    const records = byKey(result);
    expect(records.get('node_modules/a')).toMatchObject({
      name: 'a',
      version: '1.1.1',
      groups: ['dev'],
      source: {
        type: 'git',
        url: 'https://github.com/o/a',
        commit: 'c5a7ba5e0ad98b8db1cb8ce105403dd4b768cced',
      },
    });
    expect(records.get('node_modules/b')?.version).toBeUndefined();
    expect(records.get('node_modules/b')?.source?.commit).toBe(
      '280b560161b751ba226d50c7db1e0a14a78c2de0',
    );
  });

  it('resolves workspaces and links to their folders', async () => {
    const result = await extract({ 'package-lock.json': readFileSync(FIXTURE, 'utf8') });
    const records = byKey(result);
    // links are not packages; the folders they point at are
    expect([...records.keys()].sort()).toEqual([
      'deps/local',
      'node_modules/lodash',
      'node_modules/ms',
      'packages/api',
      'packages/api/node_modules/lodash',
      'packages/ui',
    ]);
    expect(records.get('packages/api')).toMatchObject({
      name: '@ws/api',
      version: '2.0.0',
      source: { type: 'workspace', url: 'packages/api' },
      direct: true,
      dependsOn: ['packages/api/node_modules/lodash', 'packages/ui'],
    });
    // named after the link that points at it when the folder entry has no name
    expect(records.get('packages/ui')).toMatchObject({
      name: '@ws/ui',
      source: { type: 'workspace' },
    });
    expect(records.get('deps/local')).toMatchObject({
      name: 'local',
      source: { type: 'directory', url: 'deps/local' },
    });
    expect(records.get('packages/api/node_modules/lodash')).toMatchObject({
      version: '3.10.1',
      direct: true,
    });
    expect(records.get('node_modules/ms')).toMatchObject({ direct: false, groups: [] });
    expect(records.get('node_modules/lodash')).toMatchObject({
      dependsOn: ['node_modules/ms'],
      direct: true,
    });
    expect(result.root).toEqual({
      ecosystem: 'npm',
      name: 'monorepo',
      version: '1.0.0',
      declaredLicense: 'MIT',
      dependsOn: ['deps/local', 'node_modules/lodash', 'packages/api', 'packages/ui'],
    });
  });

  it('keeps a link to a folder the lockfile does not describe as a link record', async () => {
    const result = await extract({
      'package-lock.json': v3({
        '': { dependencies: { outside: 'file:../outside' } },
        'node_modules/outside': { resolved: '../outside', link: true },
      }),
    });
    expect(result.packages).toEqual([
      expect.objectContaining({
        name: 'outside',
        key: 'node_modules/outside',
        source: { type: 'link', url: '../outside' },
        direct: true,
      }),
    ]);
    expect(result.packages[0]?.version).toBeUndefined();
    expect(result.root?.dependsOn).toEqual(['node_modules/outside']);
  });

  it('resolves edges the way Node does, nearest node_modules first', async () => {
    const result = await extract({
      'package-lock.json': v3({
        '': { dependencies: { a: '^1', c: '^1' } },
        'node_modules/a': { version: '1.0.0', dependencies: { b: '^2', c: '^1', gone: '^1' } },
        'node_modules/a/node_modules/b': { version: '2.0.0', dependencies: { c: '^1', b: '^2' } },
        'node_modules/b': { version: '1.0.0' },
        'node_modules/c': {
          version: '1.0.0',
          optionalDependencies: { b: '^1' },
          peerDependencies: { a: '*' },
        },
      }),
    });
    const deps = Object.fromEntries(result.packages.map((p) => [p.key!, p.dependsOn] as const));
    expect(deps).toEqual({
      'node_modules/a': ['node_modules/a/node_modules/b', 'node_modules/c'],
      'node_modules/a/node_modules/b': ['node_modules/c'],
      'node_modules/b': [],
      'node_modules/c': ['node_modules/a', 'node_modules/b'],
    });
    expect(result.root?.dependsOn).toEqual(['node_modules/a', 'node_modules/c']);
  });

  it.each([
    [{ dev: true }, ['dev']],
    [{ optional: true }, ['optional']],
    [{ devOptional: true }, ['dev', 'optional']],
    [{ inBundle: true, dev: true }, ['bundled', 'dev']],
    [{ inBundle: true }, ['bundled']],
    [{}, []],
  ])('groups of %j are %j', async (flags, groups) => {
    const result = await extract({
      'package-lock.json': v3({ 'node_modules/a': { version: '1.0.0', ...flags } }),
    });
    expect(result.packages[0]?.groups).toEqual(groups);
  });

  it('makes a package production when any copy is production', async () => {
    const result = await extract({
      'package-lock.json': v3({
        'node_modules/a': { version: '1.0.0', dev: true },
        'node_modules/b/node_modules/a': { version: '1.0.0' },
        'node_modules/c': { version: '1.0.0', dev: true },
        'node_modules/d/node_modules/c': { version: '1.0.0', optional: true },
      }),
    });
    expect(Object.fromEntries(result.packages.map((p) => [p.key, p.groups]))).toEqual({
      'node_modules/a': [],
      'node_modules/b/node_modules/a': [],
      'node_modules/c': ['dev', 'optional'],
      'node_modules/d/node_modules/c': ['dev', 'optional'],
    });
  });

  it('keeps licence, hashes and file sources', async () => {
    const result = await extract({
      'package-lock.json': v3({
        'node_modules/a': {
          version: '1.0.0',
          license: 'MIT',
          integrity: 'sha1-pGY7U2hriV/wdOK6UE37dqjit3A=',
        },
        'node_modules/b': { version: '1.0.0', resolved: 'file:../b-1.0.0.tgz' },
      }),
    });
    const records = byKey(result);
    expect(records.get('node_modules/a')).toMatchObject({
      declaredLicense: 'MIT',
      hashes: [{ alg: 'sha1', value: 'a4663b53686b895ff074e2ba504dfb76a8e2b770' }],
    });
    expect(records.get('node_modules/b')?.source).toEqual({ type: 'file', url: '../b-1.0.0.tgz' });
  });

  it('puts each entry on the line of its key', async () => {
    const text = v3({
      '': { name: 'app' },
      'node_modules/a': { version: '1.0.0', dependencies: { b: '^1' } },
      'node_modules/a/node_modules/b': { version: '1.0.0' },
      'node_modules/we\\"ird': { version: '1.0.0' },
    });
    const result = await extract({ 'package-lock.json': text });
    const lines = text.split('\n');
    for (const p of result.packages) {
      expect(lines[p.line! - 1]).toContain(JSON.stringify(p.key));
    }
    expect(result.packages.map((p) => p.line)).toEqual([10, 16, 19]);
  });

  it('finds lines in minified lockfiles too', () => {
    const text = JSON.stringify({
      lockfileVersion: 2,
      packages: { 'node_modules/a': { version: '1' } },
      dependencies: { a: { version: '1' } },
    });
    expect(entryLines(text, 'packages')).toEqual(new Map([['node_modules/a', 1]]));
    expect(entryLines(text, 'dependencies')).toEqual(new Map([['node_modules/a', 1]]));
  });
});

describe('lockfileVersion 1', () => {
  const v1 = JSON.stringify(
    {
      name: 'legacy',
      version: '0.1.0',
      lockfileVersion: 1,
      requires: true,
      dependencies: {
        a: {
          version: '1.0.0',
          integrity: 'sha1-pGY7U2hriV/wdOK6UE37dqjit3A=',
          requires: { b: '^2.0.0', c: '^1.0.0' },
          dependencies: { b: { version: '2.0.0', requires: { c: '^1.0.0' } } },
        },
        b: { version: '1.0.0', dev: true },
        c: { version: '1.0.0', optional: true, bundled: true },
        'c-alias': { version: 'npm:c@2.0.0' },
        g: {
          version: 'github:o/g#d5ac0584ee9ae7bd9288220a39780f155b9ad4c8',
          from: 'github:o/g#main',
        },
        local: { version: 'file:deps/local', requires: { a: '^1.0.0' } },
      },
    },
    null,
    2,
  );

  it('reads the nested tree with keys, lines and edges', async () => {
    const result = await extract({ 'package-lock.json': v1 });
    const lines = v1.split('\n');
    expect(
      result.packages.map((p) => [
        p.key,
        p.name,
        p.version,
        p.groups,
        p.dependsOn,
        lines[p.line! - 1]?.trim(),
      ]),
    ).toEqual([
      [
        'node_modules/a',
        'a',
        '1.0.0',
        [],
        ['node_modules/a/node_modules/b', 'node_modules/c'],
        '"a": {',
      ],
      ['node_modules/a/node_modules/b', 'b', '2.0.0', [], ['node_modules/c'], '"b": {'],
      ['node_modules/b', 'b', '1.0.0', ['dev'], [], '"b": {'],
      ['node_modules/c', 'c', '1.0.0', ['bundled', 'optional'], [], '"c": {'],
      ['node_modules/c-alias', 'c', '2.0.0', [], [], '"c-alias": {'],
      ['node_modules/g', 'g', undefined, [], [], '"g": {'],
      ['node_modules/local', 'local', undefined, [], ['node_modules/a'], '"local": {'],
    ]);
    const records = byKey(result);
    expect(records.get('node_modules/c-alias')?.properties).toEqual({ 'npm:alias': 'c-alias' });
    expect(records.get('node_modules/g')?.source).toEqual({
      type: 'git',
      url: 'https://github.com/o/g',
      commit: 'd5ac0584ee9ae7bd9288220a39780f155b9ad4c8',
    });
    expect(records.get('node_modules/local')?.source).toEqual({
      type: 'directory',
      url: 'deps/local',
    });
    expect(records.get('node_modules/a')?.hashes).toEqual([
      { alg: 'sha1', value: 'a4663b53686b895ff074e2ba504dfb76a8e2b770' },
    ]);
    // no package.json: direct is unknown
    expect(records.get('node_modules/a')?.direct).toBeUndefined();
    expect(result.root).toEqual({ ecosystem: 'npm', name: 'legacy', version: '0.1.0' });
  });

  it('takes direct dependencies from the package.json beside it', async () => {
    const result = await extract({
      'package-lock.json': v1,
      'package.json': JSON.stringify({
        name: 'legacy',
        license: 'ISC',
        dependencies: { a: '^1' },
        devDependencies: { b: '^1' },
      }),
    });
    expect(result.packages.filter((p) => p.direct === true).map((p) => p.key)).toEqual([
      'node_modules/a',
      'node_modules/b',
    ]);
    expect(result.packages.every((p) => p.direct !== undefined)).toBe(true);
    expect(result.root).toEqual({
      ecosystem: 'npm',
      name: 'legacy',
      version: '0.1.0',
      declaredLicense: 'ISC',
      dependsOn: ['node_modules/a', 'node_modules/b'],
    });
  });

  it('warns about an unreadable package.json and carries on', async () => {
    const result = await extract({ 'package-lock.json': v1, 'package.json': '{ nope' });
    expect(result.packages).toHaveLength(7);
    expect(result.warnings).toEqual([
      { message: expect.stringContaining('package.json could not be read') as unknown },
    ]);
  });

  it('bounds the depth of the tree', () => {
    let deps: Record<string, unknown> = {};
    const top = deps;
    for (let i = 0; i < 300; i++) {
      const next: Record<string, unknown> = {};
      deps[`p${i}`] = { version: '1.0.0', dependencies: next };
      deps = next;
    }
    const text = JSON.stringify({ lockfileVersion: 1, dependencies: top });
    const result = extractLock(parseLockJson(text), text);
    expect(result.packages).toHaveLength(128);
    expect(result.warnings?.[0]?.message).toContain('deeper than 128 levels');
  });
});

describe('npm-shrinkwrap.json', () => {
  const lock = v3({ 'node_modules/a': { version: '1.0.0' } });

  it('wins over package-lock.json in the same directory', async () => {
    const result = await extract(
      { 'app/package-lock.json': lock, 'app/npm-shrinkwrap.json': lock },
      'app/package-lock.json',
    );
    expect(result.packages).toEqual([]);
    expect(result.warnings).toEqual([
      { message: expect.stringContaining('app/package-lock.json ignored') as unknown },
    ]);
  });

  it('is extracted itself', async () => {
    const result = await extract(
      { 'app/package-lock.json': lock, 'app/npm-shrinkwrap.json': lock },
      'app/npm-shrinkwrap.json',
    );
    expect(result.packages.map((p) => p.name)).toEqual(['a']);
  });

  it('does not hide a package-lock.json in another directory', async () => {
    const result = await extract({ 'package-lock.json': lock, 'other/npm-shrinkwrap.json': lock });
    expect(result.packages).toHaveLength(1);
  });
});

describe('malformed input', () => {
  it.each([
    [
      'truncated JSON',
      '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": {',
      /^not valid JSON \(close brace expected\); expected an npm lockfile object$/,
      4,
    ],
    ['not JSON', 'this is not json!', /not valid JSON/, 1],
    ['null', 'null', /expected a JSON object .* found null/, 1],
    ['an array', '[]', /found an array/, 1],
    ['a string', '"lock"', /found a string/, 1],
    [
      'packages not an object',
      '{"lockfileVersion":3,"packages":[]}',
      /"packages" must be an object/,
      undefined,
    ],
    [
      'dependencies not an object',
      '{"lockfileVersion":1,"dependencies":7}',
      /"dependencies" must be an object/,
      undefined,
    ],
  ])('%s is an InputError', async (_label, text, message, line) => {
    const error = await extract({ 'package-lock.json': text }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
    expect((error as InputError).line).toBe(line);
  });

  it('skips entries that are not objects, with a warning', async () => {
    const result = await extract({
      'package-lock.json': v3({ 'node_modules/a': 'x', 'node_modules/b': { version: '1.0.0' } }),
    });
    expect(result.packages.map((p) => p.name)).toEqual(['b']);
    expect(result.warnings?.[0]?.message).toContain('packages["node_modules/a"] is a string');
  });

  it('reads an empty lockfile as no packages', async () => {
    expect((await extract({ 'package-lock.json': '{}' })).packages).toEqual([]);
  });
});

describe('performance', () => {
  it('extracts a 5 MB lockfile with 2,000 packages in one pass', () => {
    const packages: Record<string, unknown> = { '': { name: 'big', dependencies: {} } };
    for (let i = 0; i < 2000; i++) {
      const dependencies: Record<string, string> = {};
      for (let j = 1; j <= 8; j++) dependencies[`p${(i * 7 + j) % 2000}`] = '^1.0.0';
      const key = i % 4 === 0 ? `node_modules/p${i % 40}/node_modules/p${i}` : `node_modules/p${i}`;
      packages[key] = {
        version: `1.${i}.0`,
        resolved: `https://registry.npmjs.org/p${i}/-/p${i}-1.${i}.0.tgz`,
        integrity: `sha512-${Buffer.alloc(64, i % 256).toString('base64')}`,
        license: 'MIT',
        dependencies,
        engines: { node: '>=18' },
        funding: { url: `https://example.com/${'x'.repeat(2000)}` },
      };
    }
    const text = JSON.stringify({ name: 'big', lockfileVersion: 3, packages }, null, 2);
    expect(text.length).toBeGreaterThan(5_000_000);
    const started = performance.now();
    const result = extractLock(parseLockJson(text), text);
    const elapsed = performance.now() - started;
    expect(result.packages).toHaveLength(2000);
    expect(result.packages.every((p) => p.line !== undefined && p.dependsOn!.length > 0)).toBe(
      true,
    );
    // Generous: catches accidental quadratic work, not a slow machine.
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('lockfile flags kept as properties', () => {
  it('hasInstallScript and deprecated become npm: properties; absent flags add nothing', async () => {
    const result = await extract({
      'package-lock.json': v3({
        '': { name: 'app', version: '1.0.0', dependencies: { a: '1', b: '1', c: '1' } },
        'node_modules/a': { version: '1.0.0', hasInstallScript: true },
        'node_modules/b': { version: '1.0.0', deprecated: 'no longer maintained' },
        'node_modules/c': { version: '1.0.0', hasInstallScript: false, deprecated: '' },
      }),
    });
    const records = byKey(result);
    expect(records.get('node_modules/a')?.properties).toEqual({ 'npm:hasInstallScript': 'true' });
    expect(records.get('node_modules/b')?.properties).toEqual({
      'npm:deprecated': 'no longer maintained',
    });
    expect(records.get('node_modules/c')?.properties).toBeUndefined();
  });
});
