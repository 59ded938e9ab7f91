import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { ExtractResult } from '../../../core/extractor.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor } from './index.js';

async function extract(lock: string): Promise<ExtractResult> {
  const root = await tempTree({ 'uv.lock': lock });
  return runExtractor(extractor, root, 'uv.lock');
}

const WORKSPACE = readFileSync(new URL('__fixtures__/workspace/uv.lock', import.meta.url), 'utf8');

describe('python/uv-lock', () => {
  it.each([
    ['uv.lock', true],
    ['svc/uv.lock', true],
    ['uv.lock.old', false],
    ['poetry.lock', false],
  ])('wants %s: %s', (file, wanted) => {
    expect(extractor.required({ path: file, base: file.split('/').pop() ?? file, size: 10 })).toBe(
      wanted,
    );
  });

  describe('a workspace with extras, dependency groups and a member', () => {
    it('makes the project the root, with its direct dependencies in every group', async () => {
      const result = await extract(WORKSPACE);
      expect(result.root).toEqual({
        ecosystem: 'PyPI',
        name: 'app',
        version: '0.1.0',
        dependsOn: ['app-core@0.1.0', 'httpx@0.27.0', 'pytest@8.3.2', 'rich@13.7.1', 'ruff@0.8.1'],
      });
      expect(result.packages.map((p) => p.name)).not.toContain('app');
    });

    it('gives groups, directness and lines', async () => {
      const result = await extract(WORKSPACE);
      expect(result.packages.map((p) => [p.key, p.groups, p.direct, p.line])).toEqual([
        ['app-core@0.1.0', [], true, 53],
        ['h2@4.1.0', [], false, 62], // production: the root asks for httpx[http2]
        ['httpx@0.27.0', [], true, 71],
        ['idna@3.7', [], false, 87], // production wins over pytest's need of it
        ['iniconfig@2.0.0', ['dev'], false, 92], // inherited from pytest
        ['markdown-it-py@3.0.0', ['all', 'cli'], false, 97], // inherited from rich
        ['numpy@1.26.4', [], true, 102], // the member's own dependency
        ['numpy@2.1.0', [], true, 110],
        ['pytest@8.3.2', ['dev'], true, 118],
        ['rich@13.7.1', ['all', 'cli'], true, 127], // `all` = app[cli]
        ['ruff@0.8.1', ['lint'], true, 135],
      ]);
    });

    it('records edges, including those an extra adds and exact versions', async () => {
      const result = await extract(WORKSPACE);
      const edges = Object.fromEntries(
        result.packages.map((p): [string, readonly string[]] => [
          p.key ?? p.name,
          p.dependsOn ?? [],
        ]),
      );
      expect(edges).toMatchObject({
        'app-core@0.1.0': ['numpy@1.26.4', 'numpy@2.1.0'],
        'httpx@0.27.0': ['h2@4.1.0', 'idna@3.7'],
        'pytest@8.3.2': ['idna@3.7', 'iniconfig@2.0.0'],
        'rich@13.7.1': ['markdown-it-py@3.0.0'],
        'idna@3.7': [],
      });
    });

    it('reads sources and hashes', async () => {
      const result = await extract(WORKSPACE);
      const byKey = new Map(result.packages.map((p) => [p.key, p]));
      expect(byKey.get('ruff@0.8.1')?.source).toEqual({
        type: 'git',
        url: 'https://github.com/astral-sh/ruff',
        commit: '84748be16341b76e073d117329f7f5f4ee2941ad',
      });
      expect(byKey.get('app-core@0.1.0')?.source).toEqual({
        type: 'editable',
        url: 'packages/core',
      });
      expect(byKey.get('idna@3.7')?.source).toBeUndefined();
      expect(byKey.get('h2@4.1.0')?.hashes).toEqual([
        { alg: 'sha256', value: '1'.repeat(64) },
        { alg: 'sha256', value: '2'.repeat(64) },
      ]);
    });
  });

  it.each([
    ['virtual project', '{ virtual = "." }'],
    ['editable project', '{ editable = "." }'],
  ])('excludes the %s from the packages', async (_case, source) => {
    const result = await extract(
      `version = 1\n\n[[package]]\nname = "me"\nversion = "1.0"\nsource = ${source}\ndependencies = [{ name = "a" }]\n\n[[package]]\nname = "a"\nversion = "2.0"\nsource = { registry = "https://pypi.org/simple" }\n`,
    );
    expect(result.packages.map((p) => [p.key, p.direct])).toEqual([['a@2.0', true]]);
    expect(result.root).toEqual({
      ecosystem: 'PyPI',
      name: 'me',
      version: '1.0',
      dependsOn: ['a@2.0'],
    });
  });

  it.each([
    ['directory', '{ directory = "../lib" }', { type: 'directory', url: '../lib' }],
    ['path', '{ path = "dist/a-1.0.whl" }', { type: 'file', url: 'dist/a-1.0.whl' }],
    [
      'url',
      '{ url = "https://example.com/a-1.0.tar.gz" }',
      { type: 'url', url: 'https://example.com/a-1.0.tar.gz' },
    ],
    [
      'git without a commit',
      '{ git = "https://example.com/a.git?branch=main" }',
      { type: 'git', url: 'https://example.com/a.git' },
    ],
    [
      'a workspace member without a build',
      '{ virtual = "tools/x" }',
      { type: 'workspace', url: 'tools/x' },
    ],
  ])('source: %s', async (_case, source, expected) => {
    const result = await extract(
      `version = 1\n[[package]]\nname = "a"\nversion = "1.0"\nsource = ${source}\n`,
    );
    expect(result.packages[0]?.source).toEqual(expected);
  });

  it('leaves groups empty and directness unknown without a project entry', async () => {
    const result = await extract(
      'version = 1\n[[package]]\nname = "a"\nversion = "1"\ndependencies = [{ name = "b" }]\n[[package]]\nname = "b"\nversion = "2"\n',
    );
    expect(result.packages.map((p) => [p.key, p.groups, p.direct])).toEqual([
      ['a@1', [], undefined],
      ['b@2', [], undefined],
    ]);
    expect(result.root).toBeUndefined();
  });

  it('stops on cycles in extras and dependencies', async () => {
    const result = await extract(`version = 1
[[package]]
name = "me"
version = "0"
source = { virtual = "." }
[package.optional-dependencies]
x = [{ name = "me", extra = ["y"] }]
y = [{ name = "me", extra = ["x"] }, { name = "a", extra = ["z"] }]
[[package]]
name = "a"
version = "1"
dependencies = [{ name = "b" }]
[package.optional-dependencies]
z = [{ name = "a", extra = ["z"] }, { name = "b" }]
[[package]]
name = "b"
version = "1"
dependencies = [{ name = "a", extra = ["z"] }]
`);
    expect(result.packages.map((p) => [p.key, p.groups, p.dependsOn])).toEqual([
      ['a@1', ['x', 'y'], ['b@1']],
      ['b@1', ['x', 'y'], ['a@1']],
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['no packages', 'version = 1\nrequires-python = ">=3.10"\n'],
  ])('reads %s as nothing locked', async (_case, text) => {
    expect((await extract(text)).packages).toEqual([]);
  });

  it.each([
    ['invalid TOML', 'version = 1\n[[package]\nname = "a"\n', 2],
    ['package is a table', 'version = 1\n[package]\nname = "a"\n', undefined],
  ])('rejects %s', async (_case, text, line) => {
    const error = await extract(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(line);
  });
});
