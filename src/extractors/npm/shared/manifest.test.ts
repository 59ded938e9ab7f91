import { describe, expect, it } from 'vitest';
import { createScanFs } from '../../../core/fs.js';
import { tempTree } from '../../../testing/extract.js';
import {
  dependencyMap,
  licenseText,
  manifestDependencyNames,
  readSiblingManifest,
  toManifest,
  workspaceGlobs,
} from './manifest.js';

describe('dependencyMap', () => {
  it.each([
    [
      { a: '^1', b: 2, c: '~3' },
      [
        ['a', '^1'],
        ['c', '~3'],
      ],
    ],
    [['a'], []],
    [null, []],
    ['a', []],
  ])('%j', (input, expected) => {
    expect([...dependencyMap(input)]).toEqual(expected);
  });
});

describe('workspaceGlobs', () => {
  it.each([
    [['packages/*', 3], ['packages/*']],
    [{ packages: ['apps/*'], nohoist: ['x'] }, ['apps/*']],
    [{ nohoist: [] }, []],
    [undefined, []],
  ])('%j', (input, expected) => {
    expect(workspaceGlobs(input)).toEqual(expected);
  });
});

describe('licenseText', () => {
  it.each([
    ['MIT', 'MIT'],
    [' ISC ', 'ISC'],
    [{ type: 'BSD-3-Clause', url: 'x' }, 'BSD-3-Clause'],
    ['', undefined],
    [['MIT'], undefined],
  ])('%j', (input, expected) => {
    expect(licenseText(input)).toBe(expected);
  });
});

describe('toManifest and manifestDependencyNames', () => {
  it('splits production and dev-only names', () => {
    const manifest = toManifest({
      name: 'app',
      version: '1.0.0',
      license: 'MIT',
      dependencies: { a: '^1' },
      devDependencies: { a: '^1', b: '^2' },
      optionalDependencies: { c: '^3' },
      peerDependencies: { d: '^4' },
      workspaces: ['packages/*'],
    });
    expect(manifest).toMatchObject({
      name: 'app',
      version: '1.0.0',
      license: 'MIT',
      workspaces: ['packages/*'],
    });
    const { prod, devOnly } = manifestDependencyNames(manifest!);
    expect([...prod.keys()].sort()).toEqual(['a', 'c', 'd']);
    expect([...devOnly]).toEqual([['b', '^2']]);
  });

  it.each([[null], [[]], ['text']])('is undefined for %j', (input) => {
    expect(toManifest(input)).toBeUndefined();
  });
});

describe('readSiblingManifest', () => {
  it.each([
    ['no package.json', {}, {}],
    ['a valid one', { 'app/package.json': '{"name":"app"}' }, { manifest: { name: 'app' } }],
    [
      'malformed JSON',
      { 'app/package.json': '{"name":' },
      { warning: expect.stringContaining('could not be read') as unknown },
    ],
    [
      'not an object',
      { 'app/package.json': '[1]' },
      { warning: expect.stringContaining('not a JSON object') as unknown },
    ],
  ])('%s', async (_label, files: Record<string, string>, expected) => {
    const root = await tempTree({ 'app/yarn.lock': '', ...files });
    const result = await readSiblingManifest(createScanFs(root), 'app/yarn.lock');
    expect(result).toMatchObject(expected);
    if (!('manifest' in expected)) expect(result.manifest).toBeUndefined();
  });
});
