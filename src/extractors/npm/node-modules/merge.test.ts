/**
 * The installed tree and the lockfile describe the same packages: when a project has both,
 * the core must merge each pair of records into one component (same purl), with edges and
 * scopes that agree. Runs npm/package-lock and npm/node-modules on one project.
 */
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInventory } from '../../../core/inventory.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor as packageLock } from '../package-lock/index.js';
import { extractor } from './index.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const INTEGRITY =
  'sha512-H0D8ktokFpR1CXnubPWC8tXX0o4YM13gWrxU0FYOD1MChgxlK/CNVgJSql50IQVG82n7u86MEs/HlXsmUv6adQ==';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

describe('npm/node-modules with npm/package-lock', () => {
  it('yields the same components, found by both', async () => {
    const lock = {
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': {
          name: 'app',
          version: '1.0.0',
          workspaces: ['packages/*'],
          dependencies: {
            a: '^1',
            g: 'github:o/g',
            'sw-cjs': 'npm:string-width@^4',
            t: 'file:t.tgz',
            x: 'file:libs/x',
          },
          devDependencies: { '@s/d': '^2' },
        },
        'node_modules/a': {
          version: '1.0.0',
          resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
          integrity: INTEGRITY,
          license: 'MIT',
          dependencies: { c: '^1' },
        },
        'node_modules/a/node_modules/c': {
          version: '1.0.0',
          resolved: 'https://registry.npmjs.org/c/-/c-1.0.0.tgz',
          integrity: INTEGRITY,
        },
        'node_modules/c': {
          version: '2.0.0',
          resolved: 'https://registry.npmjs.org/c/-/c-2.0.0.tgz',
          integrity: INTEGRITY,
          dev: true,
        },
        'node_modules/@s/d': {
          version: '2.0.0',
          resolved: 'https://registry.npmjs.org/@s/d/-/d-2.0.0.tgz',
          integrity: INTEGRITY,
          dev: true,
          dependencies: { c: '^2' },
        },
        'node_modules/g': {
          version: '3.0.0',
          resolved: `git+ssh://git@github.com/o/g.git#${COMMIT}`,
        },
        'node_modules/sw-cjs': {
          name: 'string-width',
          version: '4.2.3',
          resolved: 'https://registry.npmjs.org/string-width/-/string-width-4.2.3.tgz',
          integrity: INTEGRITY,
        },
        'node_modules/t': { version: '0.1.0', resolved: 'file:t.tgz', integrity: INTEGRITY },
        'node_modules/w': { resolved: 'packages/w', link: true },
        'node_modules/x': { resolved: 'libs/x', link: true },
        'libs/x': { name: 'x', version: '0.2.0' },
        'packages/w': { name: 'w', version: '0.0.1', dependencies: { a: '^1' } },
      },
    };
    const manifest = (name: string, version: string, extra: object = {}): string =>
      JSON.stringify({ name, version, ...extra });
    const root = await tempTree({
      'package.json': JSON.stringify(lock.packages['']),
      'package-lock.json': JSON.stringify(lock, null, 2),
      'node_modules/.package-lock.json': JSON.stringify(lock),
      'node_modules/a/package.json': manifest('a', '1.0.0', {
        license: 'MIT',
        dependencies: { c: '^1' },
      }),
      'node_modules/a/node_modules/c/package.json': manifest('c', '1.0.0'),
      'node_modules/c/package.json': manifest('c', '2.0.0'),
      'node_modules/@s/d/package.json': manifest('@s/d', '2.0.0', { dependencies: { c: '^2' } }),
      'node_modules/g/package.json': manifest('g', '3.0.0'),
      'node_modules/sw-cjs/package.json': manifest('string-width', '4.2.3'),
      'node_modules/t/package.json': manifest('t', '0.1.0'),
      'packages/w/package.json': manifest('w', '0.0.1', { dependencies: { a: '^1' } }),
      'libs/x/package.json': manifest('x', '0.2.0'),
    });
    roots.push(root);
    await mkdir(path.join(root, 'node_modules'), { recursive: true });
    await symlink('../packages/w', path.join(root, 'node_modules/w'));
    await symlink('../libs/x', path.join(root, 'node_modules/x'));

    const fromLock = await runExtractor(packageLock, root, 'package-lock.json');
    const fromTree = await runExtractor(extractor, root, 'node_modules');
    const both = buildInventory([
      { plugin: 'npm/package-lock', path: 'package-lock.json', ...fromLock },
      { plugin: 'npm/node-modules', path: 'node_modules', ...fromTree },
    ]);
    const treeOnly = buildInventory([
      { plugin: 'npm/node-modules', path: 'node_modules', ...fromTree },
    ]);
    const lockOnly = buildInventory([
      { plugin: 'npm/package-lock', path: 'package-lock.json', ...fromLock },
    ]);

    const view = (inv: typeof both): string[] =>
      inv.components.map((c) => `${c.id} ${c.scope} -> ${c.dependsOn.join(',')}`);
    const G = `pkg:npm/g@3.0.0?vcs_url=https%3A%2F%2Fgithub.com%2Fo%2Fg%40${COMMIT}`;
    expect(both.components.map((c) => [c.id, c.foundBy])).toEqual(
      [
        'npm:w@0.0.1?workspace=packages/w',
        'npm:x@0.2.0?directory=libs/x',
        'pkg:npm/%40s/d@2.0.0',
        'pkg:npm/a@1.0.0',
        'pkg:npm/c@1.0.0',
        'pkg:npm/c@2.0.0',
        G,
        'pkg:npm/string-width@4.2.3',
        'pkg:npm/t@0.1.0?download_url=t.tgz',
      ].map((id) => [id, ['npm/node-modules', 'npm/package-lock']]),
    );
    // Each view alone already says the same thing.
    expect(view(treeOnly)).toEqual(view(lockOnly));
    expect(view(treeOnly)).toEqual([
      'npm:w@0.0.1?workspace=packages/w direct -> pkg:npm/a@1.0.0',
      'npm:x@0.2.0?directory=libs/x direct -> ',
      'pkg:npm/%40s/d@2.0.0 dev -> pkg:npm/c@2.0.0',
      'pkg:npm/a@1.0.0 direct -> pkg:npm/c@1.0.0',
      'pkg:npm/c@1.0.0 transitive -> ',
      'pkg:npm/c@2.0.0 dev -> ',
      `${G} direct -> `,
      'pkg:npm/string-width@4.2.3 direct -> ',
      'pkg:npm/t@0.1.0?download_url=t.tgz direct -> ',
    ]);
    expect(treeOnly.rootDependsOn).toEqual(lockOnly.rootDependsOn);
  });
});
