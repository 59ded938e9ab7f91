import { describe, expect, it } from 'vitest';
import type { PackageRecord } from './extractor.js';
import { buildInventory, componentId, scopeOf } from './inventory.js';

const rec = (r: Partial<PackageRecord> & Pick<PackageRecord, 'name'>): PackageRecord => ({
  ecosystem: 'npm',
  ...r,
});

describe('scopeOf', () => {
  it.each([
    [rec({ name: 'a', direct: true }), 'direct'],
    [rec({ name: 'a', direct: false }), 'transitive'],
    [rec({ name: 'a' }), 'unknown'],
    [rec({ name: 'a', groups: ['dev'] }), 'dev'],
    [rec({ name: 'a', groups: ['dev', 'optional'] }), 'dev'],
    [rec({ name: 'a', groups: ['optional'], direct: true }), 'optional'],
    [rec({ name: 'a', groups: ['bundled'], direct: false }), 'transitive'],
    [rec({ name: 'a', groups: ['main'], direct: true }), 'direct'],
    [rec({ name: 'a', groups: ['cli'] }), 'optional'],
    [rec({ name: 'a', groups: ['test'] }), 'dev'],
  ])('%j → %s', (record, expected) => {
    expect(scopeOf(record)).toBe(expected);
  });
});

describe('componentId', () => {
  it.each<[PackageRecord, string]>([
    [rec({ name: '@babel/core', version: '7.1.0' }), 'pkg:npm/%40babel/core@7.1.0'],
    [{ ecosystem: 'PyPI', name: 'Foo_Bar.baz', version: '1.0' }, 'pkg:pypi/foo-bar-baz@1.0'],
    [
      { ecosystem: 'Go', name: 'github.com/a/b', version: 'v1.2.3' },
      'pkg:golang/github.com/a/b@v1.2.3',
    ],
    [{ ecosystem: 'crates.io', name: 'serde', version: '1.0.0' }, 'pkg:cargo/serde@1.0.0'],
    [
      { ecosystem: 'huggingface', kind: 'model', name: 'org/m', version: 'abc' },
      'pkg:huggingface/org/m@abc',
    ],
    [
      rec({
        name: 'x',
        version: '1.0.0',
        source: { type: 'git', url: 'git+https://h/x.git', commit: 'abc' },
      }),
      'pkg:npm/x@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fh%2Fx.git%40abc',
    ],
  ])('%j → %s', (record, expected) => {
    expect(componentId(record).id).toBe(expected);
  });
});

describe('buildInventory', () => {
  it('merges one component found in two files: locations, plugins, strongest scope, groups', () => {
    const inv = buildInventory([
      {
        plugin: 'npm/package-lock',
        path: 'package-lock.json',
        packages: [
          rec({ name: 'a', version: '1.0.0', groups: ['dev'], line: 9, declaredLicense: 'MIT' }),
        ],
      },
      {
        plugin: 'npm/node-modules',
        path: 'node_modules',
        packages: [
          rec({
            name: 'a',
            version: '1.0.0',
            direct: true,
            files: ['node_modules/a/package.json'],
            declaredLicense: 'MIT',
          }),
        ],
      },
    ]);
    expect(inv.components).toEqual([
      {
        id: 'pkg:npm/a@1.0.0',
        kind: 'package',
        ecosystem: 'npm',
        name: 'a',
        version: '1.0.0',
        purl: 'pkg:npm/a@1.0.0',
        scope: 'direct',
        groups: ['dev'],
        locations: [
          { path: 'node_modules' },
          { path: 'node_modules/a/package.json' },
          { path: 'package-lock.json', line: 9 },
        ],
        foundBy: ['npm/node-modules', 'npm/package-lock'],
        dependsOn: [],
        declaredLicense: 'MIT',
      },
    ]);
    expect(inv.evidence.map((e) => [e.kind, e.source, e.location?.path])).toEqual([
      ['license', 'npm/node-modules', 'node_modules'],
      ['license', 'npm/package-lock', 'package-lock.json'],
    ]);
  });

  it('resolves dependency edges by key within a file, and the root’s direct dependencies', () => {
    const inv = buildInventory([
      {
        plugin: 'p',
        path: 'f',
        root: { ecosystem: 'npm', name: 'app', dependsOn: ['node_modules/a'] },
        packages: [
          rec({
            name: 'a',
            version: '1.0.0',
            key: 'node_modules/a',
            dependsOn: ['node_modules/b', 'node_modules/missing'],
          }),
          rec({
            name: 'b',
            version: '2.0.0',
            key: 'node_modules/b',
            dependsOn: ['node_modules/a'],
          }),
        ],
      },
    ]);
    expect(inv.components.map((c) => [c.id, c.dependsOn])).toEqual([
      ['pkg:npm/a@1.0.0', ['pkg:npm/b@2.0.0']],
      ['pkg:npm/b@2.0.0', ['pkg:npm/a@1.0.0']],
    ]);
    expect(inv.rootDependsOn).toEqual(['pkg:npm/a@1.0.0']);
    expect(inv.roots[0]).toMatchObject({ name: 'app', path: 'f' });
  });

  it('is independent of input order', () => {
    const files = [
      {
        plugin: 'x',
        path: 'b',
        packages: [rec({ name: 'z', version: '1' }), rec({ name: 'y', version: '1' })],
      },
      { plugin: 'y', path: 'a', packages: [rec({ name: 'y', version: '1', line: 2 })] },
    ];
    expect(buildInventory(files)).toEqual(buildInventory([...files].reverse()));
  });
});

describe('buildInventory across files', () => {
  it('locates a record in the file that declares it (declaredIn)', () => {
    const inv = buildInventory([
      {
        plugin: 'python/requirements',
        path: 'requirements.txt',
        packages: [
          { ecosystem: 'PyPI', name: 'numpy', version: '1.0', line: 4, declaredIn: 'base.txt' },
        ],
      },
    ]);
    expect(inv.components[0]?.locations).toEqual([{ path: 'base.txt', line: 4 }]);
  });

  it('resolves dependency keys across the files of one key scope, not beyond it', () => {
    const metadata = (dir: string, name: string, deps: string[]) => ({
      plugin: 'python/installed',
      path: `${dir}/${name}-1.dist-info/METADATA`,
      keyScope: dir,
      packages: [{ ecosystem: 'PyPI' as const, name, version: '1', key: name, dependsOn: deps }],
    });
    const inv = buildInventory([
      metadata('venv/a', 'requests', ['idna']),
      metadata('venv/a', 'idna', []),
      metadata('venv/b', 'flask', ['idna']),
    ]);
    expect(inv.components.map((c) => [c.id, c.dependsOn])).toEqual([
      ['pkg:pypi/flask@1', []],
      ['pkg:pypi/idna@1', []],
      ['pkg:pypi/requests@1', ['pkg:pypi/idna@1']],
    ]);
  });

  it('folds a version-less reference into the single versioned component of that name', () => {
    const inv = buildInventory([
      {
        plugin: 'a',
        path: 'base.txt',
        packages: [{ ecosystem: 'PyPI', name: 'Django', line: 1, direct: true }],
      },
      {
        plugin: 'b',
        path: 'requirements.txt',
        packages: [{ ecosystem: 'PyPI', name: 'django', version: '4.2.16', line: 2, direct: true }],
      },
      {
        plugin: 'c',
        path: 'app.py',
        packages: [
          { ecosystem: 'huggingface', kind: 'model', name: 'org/m', line: 3 },
          { ecosystem: 'huggingface', kind: 'model', name: 'org/m', version: 'aaa', line: 4 },
          { ecosystem: 'huggingface', kind: 'model', name: 'org/m', version: 'bbb', line: 5 },
        ],
      },
    ]);
    expect(
      inv.components.map((c) => [c.id, c.locations.map((l) => `${l.path}:${l.line}`), c.foundBy]),
    ).toEqual([
      ['pkg:huggingface/org/m', ['app.py:3'], ['c']], // two versions: ambiguous, kept apart
      ['pkg:huggingface/org/m@aaa', ['app.py:4'], ['c']],
      ['pkg:huggingface/org/m@bbb', ['app.py:5'], ['c']],
      ['pkg:pypi/django@4.2.16', ['base.txt:1', 'requirements.txt:2'], ['a', 'b']],
    ]);
  });

  it('gives local code no purl and an id that never meets the registry package', () => {
    const inv = buildInventory([
      {
        plugin: 'x',
        path: 'package-lock.json',
        packages: [
          rec({
            name: 'lib',
            version: '1.0.0',
            source: { type: 'workspace', url: 'packages/lib' },
          }),
          rec({ name: 'lib', version: '1.0.0' }),
          { ecosystem: 'Go', name: './fork/net', source: { type: 'directory', url: './fork/net' } },
        ],
      },
    ]);
    expect(inv.components.map((c) => [c.id, c.purl])).toEqual([
      ['Go:./fork/net?directory=./fork/net', undefined],
      ['npm:lib@1.0.0?workspace=packages/lib', undefined],
      ['pkg:npm/lib@1.0.0', 'pkg:npm/lib@1.0.0'],
    ]);
  });
});
