import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { ExtractResult } from '../../../core/extractor.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor } from './index.js';

async function extract(
  lock: string,
  siblings: Record<string, string> = {},
): Promise<ExtractResult> {
  const root = await tempTree({
    'app/poetry.lock': lock,
    ...Object.fromEntries(Object.entries(siblings).map(([k, v]) => [`app/${k}`, v])),
  });
  return runExtractor(extractor, root, 'app/poetry.lock');
}

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

describe('python/poetry-lock', () => {
  it.each([
    ['poetry.lock', true],
    ['sub/dir/poetry.lock', true],
    ['poetry.lock.bak', false],
    ['pyproject.toml', false],
  ])('wants %s: %s', (file, wanted) => {
    expect(extractor.required({ path: file, base: file.split('/').pop() ?? file, size: 10 })).toBe(
      wanted,
    );
  });

  it.each([
    ['Poetry 2 main group', 'groups = ["main"]\noptional = false', []],
    ['Poetry 2 main and dev', 'groups = ["main", "dev"]', []],
    ['Poetry 2 named groups', 'groups = ["dev", "test"]', ['dev', 'test']],
    ['Poetry 2 optional (extra)', 'groups = ["main"]\noptional = true', ['optional']],
    ['Poetry 1 main category', 'category = "main"', []],
    ['Poetry 1 dev category', 'category = "dev"', ['dev']],
    ['Poetry 1 optional', 'category = "main"\noptional = true', ['optional']],
    ['nothing said', '', []],
  ])('groups: %s', async (_case, fields, groups) => {
    const result = await extract(`[[package]]\nname = "a"\nversion = "1.0"\n${fields}\n`);
    expect(result.packages.map((p) => p.groups)).toEqual([groups]);
  });

  it.each([
    [
      'git with a resolved commit',
      '[package.source]\ntype = "git"\nurl = "https://github.com/o/a.git"\nreference = "main"\nresolved_reference = "0123456789abcdef0123456789abcdef01234567"',
      {
        type: 'git',
        url: 'https://github.com/o/a.git',
        commit: '0123456789abcdef0123456789abcdef01234567',
      },
    ],
    [
      'editable directory',
      'develop = true\n[package.source]\ntype = "directory"\nurl = "../libs/a"',
      { type: 'editable', url: '../libs/a' },
    ],
    [
      'directory',
      'develop = false\n[package.source]\ntype = "directory"\nurl = "libs/a"',
      { type: 'directory', url: 'libs/a' },
    ],
    [
      'local file',
      '[package.source]\ntype = "file"\nurl = "dist/a-1.0.tar.gz"',
      { type: 'file', url: 'dist/a-1.0.tar.gz' },
    ],
    [
      'URL',
      '[package.source]\ntype = "url"\nurl = "https://example.com/a-1.0.whl"',
      { type: 'url', url: 'https://example.com/a-1.0.whl' },
    ],
    [
      'legacy index (a registry)',
      '[package.source]\ntype = "legacy"\nurl = "https://mirror.example/simple"\nreference = "mirror"',
      undefined,
    ],
  ])('source: %s', async (_case, fields, source) => {
    const result = await extract(`[[package]]\nname = "a"\nversion = "1.0"\n${fields}\n`);
    expect(result.packages[0]?.source).toEqual(source);
  });

  it('links dependencies by normalised name, to every locked version of it', async () => {
    const result = await extract(`
[[package]]
name = "factory-boy"
version = "3.3.1"

[package.dependencies]
Faker = ">=0.7.0"
missing-one = "*"

[[package]]
name = "faker"
version = "33.3.0"

[package.dependencies]
proto_plus = [
    {version = "1.22", markers = "python_version < \\"3.10\\""},
    {version = "1.23", markers = "python_version >= \\"3.10\\""},
]

[[package]]
name = "proto-plus"
version = "1.22.0"

[[package]]
name = "proto-plus"
version = "1.23.0"
`);
    expect(result.packages.map((p) => [p.key, p.dependsOn ?? []])).toEqual([
      ['factory-boy@3.3.1', ['faker@33.3.0']],
      ['faker@33.3.0', ['proto-plus@1.22.0', 'proto-plus@1.23.0']],
      ['proto-plus@1.22.0', []],
      ['proto-plus@1.23.0', []],
    ]);
    expect(result.root).toBeUndefined();
    expect(result.packages.every((p) => p.direct === undefined)).toBe(true);
  });

  it('reads hashes from files = [...] and from Poetry 1 [metadata.files]', async () => {
    const result = await extract(`
[[package]]
name = "a"
version = "1.0"
files = [
    {file = "a-1.0.tar.gz", hash = "sha256:${SHA_A}"},
    {file = "a-1.0-py3-none-any.whl", hash = "sha256:${SHA_A}"},
]

[[package]]
name = "B_pkg"
version = "1.0"

[[package]]
name = "b-pkg"
version = "2.0"

[metadata.files]
b-pkg = [
    {file = "b_pkg-1.0.tar.gz", hash = "sha256:${SHA_A}"},
    {file = "b_pkg-2.0.tar.gz", hash = "sha256:${SHA_B}"},
]
`);
    expect(result.packages.map((p) => [p.key, p.hashes?.map((h) => h.value[0])])).toEqual([
      ['a@1.0', ['a']],
      ['b-pkg@1.0', ['a']],
      ['b-pkg@2.0', ['b']],
    ]);
  });

  it('gives each package the line of its own name', async () => {
    const result = await extract(
      readFileSync(new URL('__fixtures__/tricky-names.lock', import.meta.url), 'utf8'),
    );
    expect(result.packages.map((p) => [p.name, p.line])).toEqual([
      ['first', 5],
      ['second', 21],
    ]);
  });

  it('takes direct dependencies and the root from the pyproject.toml beside it', async () => {
    const lock =
      '[[package]]\nname = "Django"\nversion = "5.0"\n[package.dependencies]\nasgiref = "*"\n\n[[package]]\nname = "asgiref"\nversion = "3.8"\n';
    const result = await extract(lock, {
      'pyproject.toml':
        '[tool.poetry]\nname = "site"\nversion = "0.1.0"\n[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5"\n',
    });
    expect(result.packages.map((p) => [p.key, p.direct])).toEqual([
      ['django@5.0', true],
      ['asgiref@3.8', false],
    ]);
    expect(result.root).toEqual({
      ecosystem: 'PyPI',
      name: 'site',
      version: '0.1.0',
      dependsOn: ['django@5.0'],
    });
  });

  it('warns about a broken pyproject.toml and goes on', async () => {
    const result = await extract('[[package]]\nname = "a"\nversion = "1"\n', {
      'pyproject.toml': '[project\n',
    });
    expect(result.packages).toHaveLength(1);
    expect(result.root).toBeUndefined();
    expect(result.warnings).toEqual([
      {
        path: 'app/pyproject.toml',
        message: expect.stringMatching(
          /^app\/pyproject\.toml: not valid TOML at line 1/,
        ) as unknown,
      },
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['no packages', 'package = []\n\n[metadata]\nlock-version = "2.1"\n'],
  ])('reads %s as nothing locked', async (_case, text) => {
    expect((await extract(text)).packages).toEqual([]);
  });

  it.each([
    ['invalid TOML', '[[package]]\nname = "a"\nversion = \n', 3],
    ['package is not an array', 'package = "a"\n', undefined],
  ])('rejects %s', async (_case, text, line) => {
    const error = await extract(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(line);
  });

  it('skips an entry without a name, with a warning', async () => {
    const result = await extract(
      '[[package]]\nversion = "1"\n\n[[package]]\nname = "b"\nversion = "2"\n',
    );
    expect(result.packages.map((p) => [p.key, p.line])).toEqual([['b@2', 5]]);
    expect(result.warnings).toEqual([
      { message: 'app/poetry.lock: [[package]] entry 1 has no name; skipped' },
    ]);
  });
});
