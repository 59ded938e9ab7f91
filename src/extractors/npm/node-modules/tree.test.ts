import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createScanFs } from '../../../core/fs.js';
import { tempTree } from '../../../testing/extract.js';
import {
  containingModulesDir,
  createLimiter,
  DEFAULT_TREE_LIMITS,
  modulesLevel,
  readTree,
} from './tree.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const root = await tempTree(files);
  roots.push(root);
  return root;
}

describe('modulesLevel', () => {
  it.each<[string, number]>([
    ['', 0],
    ['packages/a', 0],
    ['node_modules', 1],
    ['node_modules/a/node_modules', 2],
    ['node_modules/.pnpm/x@1/node_modules/x', 2],
    ['my_node_modules/a', 0],
  ])('%s → %d', (p, expected) => {
    expect(modulesLevel(p)).toBe(expected);
  });
});

describe('containingModulesDir', () => {
  it.each<[string, string | undefined]>([
    ['node_modules/a', 'node_modules'],
    ['node_modules/@s/a', 'node_modules'],
    ['node_modules/a/node_modules/b', 'node_modules/a/node_modules'],
    ['node_modules/.pnpm/@s+a@1/node_modules/@s/a', 'node_modules/.pnpm/@s+a@1/node_modules'],
    ['node_modules/a/lib', undefined],
    ['node_modules/a/b/c', undefined],
    ['packages/a', undefined],
    ['a', undefined],
  ])('%s → %s', (p, expected) => {
    expect(containingModulesDir(p)).toBe(expected);
  });
});

describe('createLimiter', () => {
  it('never runs more than the limit at once and runs everything in order of arrival', async () => {
    const run = createLimiter(3);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        run(async () => {
          started.push(i);
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 1 + (i % 3)));
          active--;
          return i * 2;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it('frees the slot when a task throws', async () => {
    const run = createLimiter(1);
    await expect(run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});

describe('readTree limits', () => {
  it('stops at the nesting limit with one warning', async () => {
    // a/node_modules/a/node_modules/… eight levels deep.
    const files: Record<string, string> = {};
    let dir = 'node_modules';
    for (let level = 1; level <= 8; level++) {
      files[`${dir}/a/package.json`] = JSON.stringify({ name: 'a', version: `${level}.0.0` });
      dir = `${dir}/a/node_modules`;
    }
    const root = await tree(files);
    const result = await readTree(createScanFs(root), 'node_modules', '', {
      ...DEFAULT_TREE_LIMITS,
      maxLevels: 3,
    });
    expect([...result.packages.values()].map((p) => p.manifest?.version).sort()).toEqual([
      '1.0.0',
      '2.0.0',
      '3.0.0',
    ]);
    expect(result.warnings).toEqual([
      {
        message: 'more than 3 nested node_modules levels; deeper ones were not read',
        path: 'node_modules/a/node_modules/a/node_modules/a/node_modules',
      },
    ]);
  });

  it('reads 64 nested levels by default', async () => {
    const files: Record<string, string> = {};
    let dir = 'node_modules';
    for (let level = 1; level <= 66; level++) {
      files[`${dir}/a/package.json`] = JSON.stringify({ name: 'a', version: `${level}.0.0` });
      dir = `${dir}/a/node_modules`;
    }
    const root = await tree(files);
    const result = await readTree(createScanFs(root), 'node_modules', '');
    expect(result.packages.size).toBe(64);
    expect(result.warnings).toHaveLength(1);
  });

  it('stops at the package limit with one warning', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++)
      files[`node_modules/p${i}/package.json`] = JSON.stringify({
        name: `p${i}`,
        version: '1.0.0',
      });
    const root = await tree(files);
    const result = await readTree(createScanFs(root), 'node_modules', '', {
      ...DEFAULT_TREE_LIMITS,
      maxPackages: 4,
    });
    expect(result.packages.size).toBe(4);
    expect(result.warnings).toEqual([{ message: 'more than 4 packages; the rest were not read' }]);
  });

  it('warns about a package.json over the size limit', async () => {
    const root = await tree({
      'node_modules/big/package.json': JSON.stringify({
        name: 'big',
        version: '1.0.0',
        readme: 'x'.repeat(200),
      }),
    });
    const result = await readTree(createScanFs(root), 'node_modules', '', {
      ...DEFAULT_TREE_LIMITS,
      maxManifestBytes: 100,
    });
    expect(result.packages.get('node_modules/big')?.manifest).toBeUndefined();
    expect(result.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^node_modules\/big\/package\.json: \d+ bytes is larger than the 100-byte limit for this format; package not read$/,
        ) as unknown,
        path: 'node_modules/big/package.json',
      },
    ]);
  });

  it('indexes each node_modules directory by folder name', async () => {
    const root = await tree({
      'node_modules/a/package.json': '{"name":"a","version":"1.0.0"}',
      'node_modules/@s/b/package.json': '{"name":"@s/b","version":"1.0.0"}',
      'node_modules/a/node_modules/c/package.json': '{"name":"c","version":"1.0.0"}',
    });
    const result = await readTree(createScanFs(root), 'node_modules', '');
    expect(
      Object.fromEntries(
        [...result.index].map(([dir, folders]) => [dir, Object.fromEntries(folders)]),
      ),
    ).toEqual({
      node_modules: { a: 'node_modules/a', '@s/b': 'node_modules/@s/b' },
      'node_modules/a/node_modules': { c: 'node_modules/a/node_modules/c' },
      'node_modules/@s/b/node_modules': {},
      'node_modules/a/node_modules/c/node_modules': {},
    });
  });
});
