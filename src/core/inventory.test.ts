import { describe, expect, it } from 'vitest';
import type { PackageRecord } from './extractor.js';
import { buildInventory, componentId, scopeOf } from './inventory.js';

const rec = (r: Partial<PackageRecord> & Pick<PackageRecord, 'name'>): PackageRecord => ({ ecosystem: 'npm', ...r });

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
  it.each([
    [rec({ name: '@babel/core', version: '7.1.0' }), 'pkg:npm/%40babel/core@7.1.0'],
    [{ ecosystem: 'PyPI', name: 'Foo_Bar.baz', version: '1.0' } as PackageRecord, 'pkg:pypi/foo-bar-baz@1.0'],
    [{ ecosystem: 'Go', name: 'github.com/a/b', version: 'v1.2.3' } as PackageRecord, 'pkg:golang/github.com/a/b@v1.2.3'],
    [{ ecosystem: 'crates.io', name: 'serde', version: '1.0.0' } as PackageRecord, 'pkg:cargo/serde@1.0.0'],
    [{ ecosystem: 'huggingface', kind: 'model', name: 'org/m', version: 'abc' } as PackageRecord, 'pkg:huggingface/org/m@abc'],
    [rec({ name: 'x', version: '1.0.0', source: { type: 'git', url: 'git+https://h/x.git', commit: 'abc' } }), 'pkg:npm/x@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fh%2Fx.git%40abc'],
  ])('%j → %s', (record, expected) => {
    expect(componentId(record).id).toBe(expected);
  });
});

describe('buildInventory', () => {
  it('merges one component found in two files: locations, plugins, strongest scope, groups', () => {
    const inv = buildInventory([
      { plugin: 'npm/package-lock', path: 'package-lock.json', packages: [rec({ name: 'a', version: '1.0.0', groups: ['dev'], line: 9, declaredLicense: 'MIT' })] },
      { plugin: 'npm/node-modules', path: 'node_modules', packages: [rec({ name: 'a', version: '1.0.0', direct: true, files: ['node_modules/a/package.json'], declaredLicense: 'MIT' })] },
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
        locations: [{ path: 'node_modules' }, { path: 'node_modules/a/package.json' }, { path: 'package-lock.json', line: 9 }],
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
          rec({ name: 'a', version: '1.0.0', key: 'node_modules/a', dependsOn: ['node_modules/b', 'node_modules/missing'] }),
          rec({ name: 'b', version: '2.0.0', key: 'node_modules/b', dependsOn: ['node_modules/a'] }),
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
      { plugin: 'x', path: 'b', packages: [rec({ name: 'z', version: '1' }), rec({ name: 'y', version: '1' })] },
      { plugin: 'y', path: 'a', packages: [rec({ name: 'y', version: '1', line: 2 })] },
    ];
    expect(buildInventory(files)).toEqual(buildInventory([...files].reverse()));
  });
});
