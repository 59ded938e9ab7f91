import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { ExtractResult } from '../../../core/extractor.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor } from './index.js';

async function extract(lock: string, fileName = 'pylock.toml'): Promise<ExtractResult> {
  const root = await tempTree({ [fileName]: lock });
  return runExtractor(extractor, root, fileName);
}

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

describe('python/pylock', () => {
  it.each([
    ['pylock.toml', true],
    ['pylock.dev.toml', true],
    ['sub/pylock.prod-linux.toml', true],
    ['pylock.a.b.toml', false],
    ['pylock.json', false],
    ['my-pylock.toml', false],
  ])('wants %s: %s', (file, wanted) => {
    expect(extractor.required({ path: file, base: file.split('/').pop() ?? file, size: 10 })).toBe(
      wanted,
    );
  });

  it('reads packages, hashes, edges and lines', async () => {
    const result = await extract(`lock-version = "1.0"
created-by = "mousebender"

[[packages]]
name = "attrs"
version = "25.1.0"
wheels = [
  {name = "attrs-25.1.0-py3-none-any.whl", url = "https://files.example/attrs.whl", hashes = {sha256 = "${SHA_A}"}},
]

[[packages]]
name = "cattrs"
version = "24.1.2"
dependencies = [
  {name = "attrs"},
]

[packages.sdist]
name = "cattrs-24.1.2.tar.gz"
hashes = {sha256 = "${SHA_B}"}

[[packages.wheels]]
name = "cattrs-24.1.2-py3-none-any.whl"
hashes = {sha256 = "${SHA_A}"}
`);
    expect(
      result.packages.map((p) => [
        p.key,
        p.line,
        p.dependsOn ?? [],
        p.hashes?.map((h) => h.value[0]),
      ]),
    ).toEqual([
      ['attrs@25.1.0', 5, [], ['a']],
      ['cattrs@24.1.2', 12, ['attrs@25.1.0'], ['b', 'a']],
    ]);
    expect(result.root).toBeUndefined();
  });

  it.each([
    [
      'git commit',
      'vcs = { type = "git", url = "https://github.com/o/a.git", requested-revision = "main", commit-id = "735093f03c4d8be70bfaaae44074ac92d7419b6d" }',
      {
        type: 'git',
        url: 'https://github.com/o/a.git',
        commit: '735093f03c4d8be70bfaaae44074ac92d7419b6d',
      },
    ],
    [
      'other VCS',
      'vcs = { type = "hg", path = "../repo", commit-id = "abc" }',
      { type: 'url', url: '../repo', commit: 'abc' },
    ],
    [
      'editable directory',
      'directory = { path = "libs/a", editable = true }',
      { type: 'editable', url: 'libs/a' },
    ],
    ['directory', 'directory = { path = "libs/a" }', { type: 'directory', url: 'libs/a' }],
    [
      'remote archive',
      'archive = { url = "https://example.com/a.zip", hashes = { sha256 = "' + SHA_A + '" } }',
      { type: 'url', url: 'https://example.com/a.zip' },
    ],
    [
      'local archive',
      'archive = { path = "dist/a.tar.gz", hashes = { sha256 = "' + SHA_A + '" } }',
      { type: 'file', url: 'dist/a.tar.gz' },
    ],
    ['index', 'index = "https://pypi.org/simple"', undefined],
  ])('source: %s', async (_case, fields, source) => {
    const result = await extract(
      `lock-version = "1.0"\n[[packages]]\nname = "a"\nversion = "1.0"\n${fields}\n`,
    );
    expect(result.packages[0]?.source).toEqual(source);
  });

  it.each([
    ['no marker', undefined, []],
    ['a platform marker', 'sys_platform == "win32"', []],
    ['an extra', 'python_version >= "3.6" and "security" in extras', ['security']],
    ['a dependency group', "'test' in dependency_groups", ['test']],
    ['a default group', '"default" in dependency_groups or "security" in extras', []],
  ])('groups from %s', async (_case, marker, groups) => {
    const markerLine = marker === undefined ? '' : `marker = ${JSON.stringify(marker)}\n`;
    const result = await extract(
      `lock-version = "1.0"\ndefault-groups = ["default"]\n[[packages]]\nname = "a"\nversion = "1.0"\n${markerLine}`,
    );
    expect(result.packages.map((p) => p.groups)).toEqual([groups]);
  });

  it('makes the project entry the root, with its listed dependencies direct', async () => {
    const result = await extract(`lock-version = "1.0"
created-by = "pip"
packages = [
  { name = "me", version = "0.3", directory = { path = ".", editable = true }, dependencies = [{ name = "a" }] },
  { name = "a", version = "1.0", dependencies = [{ name = "b", version = "2.0" }] },
  { name = "b", version = "2.0" },
  { name = "b", version = "3.0" },
]
`);
    expect(result.packages.map((p) => [p.key, p.direct, p.line, p.dependsOn ?? []])).toEqual([
      ['a@1.0', true, 5, ['b@2.0']],
      ['b@2.0', false, 6, []],
      ['b@3.0', false, 7, []],
    ]);
    expect(result.root).toEqual({
      ecosystem: 'PyPI',
      name: 'me',
      version: '0.3',
      dependsOn: ['a@1.0'],
    });
  });

  it('keeps a package without a version', async () => {
    const result = await extract(
      'lock-version = "1.0"\n[[packages]]\nname = "tool"\ndirectory = { path = "tools/x" }\n',
    );
    expect(result.packages).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'tool',
        key: 'tool@',
        line: 3,
        groups: [],
        source: { type: 'directory', url: 'tools/x' },
      },
    ]);
  });

  it('warns about a lock-version it does not know', async () => {
    const result = await extract('lock-version = "2.0"\n[[packages]]\nname = "a"\nversion = "1"\n');
    expect(result.packages).toHaveLength(1);
    expect(result.warnings).toEqual([
      { message: 'pylock.toml: lock-version 2.0 is newer than the 1.x openvet knows; read as 1.x' },
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['no packages', 'lock-version = "1.0"\ncreated-by = "x"\n'],
  ])('reads %s as nothing locked', async (_case, text) => {
    expect((await extract(text)).packages).toEqual([]);
  });

  it.each([
    ['invalid TOML', 'lock-version = "1.0"\n[[packages]]\nname = \n', 3],
    ['packages is a table', 'lock-version = "1.0"\n[packages]\nname = "a"\n', undefined],
  ])('rejects %s', async (_case, text, line) => {
    const error = await extract(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(line);
  });
});
