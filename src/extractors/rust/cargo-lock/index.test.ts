import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../../core/extractor.js';
import { buildInventory } from '../../../core/inventory.js';
import { runExtractor, tempTree, thrownInputError } from '../../../testing/extract.js';
import { cargoLockRecords, extractor, packageNameLines, readCargoManifest } from './index.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
const GIT_REGEX =
  'git+https://github.com/rust-lang/regex?branch=master#0123456789abcdef0123456789abcdef01234567';

function lock(...packages: string[]): string {
  return ['version = 3', ...packages.map((p) => `\n[[package]]\n${p}`)].join('\n') + '\n';
}

function crate(name: string, version: string, extra = `source = "${CRATES_IO}"`): string {
  return `name = "${name}"\nversion = "${version}"\n${extra}`;
}

describe('rust/cargo-lock extractor', () => {
  it.each([
    ['Cargo.lock', true],
    ['crates/x/Cargo.lock', true],
    ['Cargo.toml', false],
    ['cargo.lock', false],
  ])('required(%s) = %s', (path, wanted) => {
    expect(extractor.required({ path, base: path.split('/').pop()!, size: 10 })).toBe(wanted);
  });

  it('reads a workspace lockfile with its Cargo.toml: root crate, sources, hashes and edges', async () => {
    const result = await runExtractor(extractor, FIXTURES + 'app', 'Cargo.lock');
    const gitKey = `regex@1.10.2 (${GIT_REGEX})`;
    const registryKey = `regex@1.10.2 (${CRATES_IO})`;
    expect(result).toEqual<ExtractResult>({
      packages: [
        {
          ecosystem: 'crates.io',
          name: 'helper',
          version: '0.1.0',
          direct: true,
          line: 16,
          source: { type: 'directory' },
          key: 'helper@0.1.0',
          dependsOn: [registryKey],
        },
        {
          ecosystem: 'crates.io',
          name: 'internal-lib',
          version: '0.3.1',
          direct: true,
          line: 23,
          source: { type: 'registry', url: 'https://cargo.example.com/index/' },
          hashes: [
            {
              alg: 'sha256',
              value: '9f2a7b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8',
            },
          ],
          properties: { 'cargo:registry': 'sparse+https://cargo.example.com/index/' },
          key: 'internal-lib@0.3.1',
        },
        {
          ecosystem: 'crates.io',
          name: 'memchr',
          version: '2.7.1',
          direct: false,
          line: 29,
          hashes: [
            {
              alg: 'sha256',
              value: '523dc4f511e55ab87b694dc30d0f820d60906ef06413f93d4d7a1385599cc149',
            },
          ],
          key: 'memchr@2.7.1',
        },
        {
          ecosystem: 'crates.io',
          name: 'regex',
          version: '1.10.2',
          direct: true,
          line: 35,
          source: {
            type: 'git',
            url: 'git+https://github.com/rust-lang/regex',
            commit: '0123456789abcdef0123456789abcdef01234567',
          },
          properties: { 'cargo:git-reference': 'branch=master' },
          key: gitKey,
          dependsOn: ['memchr@2.7.1'],
        },
        {
          ecosystem: 'crates.io',
          name: 'regex',
          version: '1.10.2',
          direct: true,
          line: 43,
          hashes: [
            {
              alg: 'sha256',
              value: '380b951a9c5e80ddfd6136919eef32310721aa4aacd4889a8d39124b026ab343',
            },
          ],
          key: registryKey,
          dependsOn: ['memchr@2.7.1'],
        },
        {
          ecosystem: 'crates.io',
          name: 'serde',
          version: '1.0.195',
          direct: true,
          line: 52,
          hashes: [
            {
              alg: 'sha256',
              value: '63261df402c67811e9ac6def069e4786148c4563f4b50fd4bf30aa370d626b02',
            },
          ],
          key: 'serde@1.0.195',
        },
      ],
      root: {
        ecosystem: 'crates.io',
        name: 'app',
        version: '0.1.0',
        dependsOn: ['helper@0.1.0', 'internal-lib@0.3.1', gitKey, 'serde@1.0.195'],
      },
    });
  });

  it('builds an inventory where the git fork and the crates.io crate stay apart', async () => {
    const result = await runExtractor(extractor, FIXTURES + 'app', 'Cargo.lock');
    const inventory = buildInventory([
      { plugin: 'rust/cargo-lock', path: 'Cargo.lock', ...result },
    ]);
    const regex = inventory.components.filter((c) => c.name === 'regex');
    expect(regex.map((c) => c.purl)).toEqual([
      'pkg:cargo/regex@1.10.2',
      'pkg:cargo/regex@1.10.2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Frust-lang%2Fregex%400123456789abcdef0123456789abcdef01234567',
    ]);
    expect(regex.every((c) => c.dependsOn.includes('pkg:cargo/memchr@2.7.1'))).toBe(true);
    expect(inventory.components.find((c) => c.name === 'memchr')?.scope).toBe('transitive');
    expect(inventory.rootDependsOn).toContain('pkg:cargo/serde@1.0.195');
    expect(inventory.components.some((c) => c.name === 'app')).toBe(false);
  });

  it('reports every local crate, as a directory, when there is no Cargo.toml', async () => {
    const root = await tempTree({
      'Cargo.lock': lock(
        crate('app', '0.1.0', 'dependencies = ["serde"]'),
        crate('serde', '1.0.0'),
      ),
    });
    const result = await runExtractor(extractor, root, 'Cargo.lock');
    expect(result).toEqual({
      packages: [
        {
          ecosystem: 'crates.io',
          name: 'app',
          version: '0.1.0',
          direct: true,
          line: 4,
          source: { type: 'directory' },
          key: 'app@0.1.0',
          dependsOn: ['serde@1.0.0'],
        },
        {
          ecosystem: 'crates.io',
          name: 'serde',
          version: '1.0.0',
          direct: true,
          line: 9,
          key: 'serde@1.0.0',
        },
      ],
    });
  });

  it('makes a virtual workspace depend on its member crates', async () => {
    const root = await tempTree({
      'Cargo.toml': '[workspace]\nmembers = ["a", "b"]\n',
      'Cargo.lock': lock(crate('a', '0.1.0', ''), crate('b', '0.2.0', 'dependencies = ["a"]')),
    });
    const result = await runExtractor(extractor, root, 'Cargo.lock');
    expect(result.root).toEqual({ ecosystem: 'crates.io', dependsOn: ['a@0.1.0', 'b@0.2.0'] });
    expect(result.packages.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('warns and reports local crates when Cargo.toml is not valid TOML', async () => {
    const root = await tempTree({
      'Cargo.toml': '[package\nname = "app"\n',
      'Cargo.lock': lock(crate('app', '0.1.0', '')),
    });
    const result = await runExtractor(extractor, root, 'Cargo.lock');
    expect(result.packages.map((p) => p.name)).toEqual(['app']);
    expect(result.warnings).toEqual([
      {
        message: expect.stringMatching(/^Cargo.toml not read/) as unknown,
        path: 'Cargo.toml',
        line: 1,
      },
    ]);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['crates.io git index', CRATES_IO, {}],
    ['crates.io sparse index', 'sparse+https://index.crates.io/', {}],
    [
      'another registry',
      'registry+https://my.registry/index',
      {
        source: { type: 'registry', url: 'https://my.registry/index' },
        properties: { 'cargo:registry': 'registry+https://my.registry/index' },
      },
    ],
    [
      'git with a commit',
      'git+https://github.com/a/b#abc123',
      { source: { type: 'git', url: 'git+https://github.com/a/b', commit: 'abc123' } },
    ],
    [
      'git with a tag and a commit',
      'git+ssh://git@github.com/a/b.git?tag=v1.0#abc123',
      {
        source: { type: 'git', url: 'git+ssh://git@github.com/a/b.git', commit: 'abc123' },
        properties: { 'cargo:git-reference': 'tag=v1.0' },
      },
    ],
    [
      'git without a commit',
      'git+https://github.com/a/b?rev=abc',
      {
        source: { type: 'git', url: 'git+https://github.com/a/b' },
        properties: { 'cargo:git-reference': 'rev=abc' },
      },
    ],
    ['path', 'path+file:///src/x', { source: { type: 'directory', url: 'file:///src/x' } }],
  ])('source: %s', (_name, source, expected) => {
    const [record] = cargoLockRecords(lock(crate('x', '1.0.0', `source = "${source}"`))).packages;
    expect({ source: record?.source, properties: record?.properties }).toEqual({
      source: undefined,
      properties: undefined,
      ...expected,
    });
  });

  it('keeps an unknown source as a property and warns', () => {
    const result = cargoLockRecords(lock(crate('x', '1.0.0', 'source = "svn+https://x"')));
    expect(result.packages[0]?.properties).toEqual({ 'cargo:source': 'svn+https://x' });
    expect(result.warnings).toEqual([
      { message: 'x 1.0.0: unrecognised source "svn+https://x"', line: 4 },
    ]);
  });

  describe('dependency edges', () => {
    const packages = [
      crate('a', '1.0.0', 'dependencies = ["DEP"]'),
      crate('syn', '1.0.109'),
      crate('syn', '2.0.15'),
      crate('quote', '1.0.0'),
      crate('quote', '1.0.0', `source = "${GIT_REGEX}"`),
    ];
    it.each<[string, string[], string | undefined, string | undefined]>([
      [
        'name, version and the default source',
        [`quote 1.0.0 (${CRATES_IO})`],
        `quote@1.0.0 (${CRATES_IO})`,
        undefined,
      ],
      ['name and version', ['syn 2.0.15'], 'syn@2.0.15', undefined],
      [
        'name, version and a git source',
        [`quote 1.0.0 (${GIT_REGEX})`],
        `quote@1.0.0 (${GIT_REGEX})`,
        undefined,
      ],
      [
        'an ambiguous bare name',
        ['syn'],
        undefined,
        'a 1.0.0: dependency "syn" matches several [[package]] tables; edge not recorded',
      ],
      [
        'an ambiguous name and version',
        ['quote 1.0.0'],
        undefined,
        'a 1.0.0: dependency "quote 1.0.0" matches several [[package]] tables; edge not recorded',
      ],
      [
        'a malformed entry',
        ['a b c d'],
        undefined,
        'a 1.0.0: dependency "a b c d" is not `name [version [(source)]]`; edge not recorded',
      ],
      // Trimmed lockfiles (SCALIBR's test files among them) name crates they leave out.
      ['a name not in the file', ['missing'], undefined, undefined],
      ['a version not in the file', ['syn 3.0.0'], undefined, undefined],
    ])('%s', (_name, deps, expected, warning) => {
      const text = lock(...packages).replace('["DEP"]', JSON.stringify(deps));
      const result = cargoLockRecords(text);
      expect(result.packages[0]?.dependsOn).toEqual(
        expected === undefined ? undefined : [expected],
      );
      expect(result.warnings).toEqual(
        warning === undefined ? undefined : [{ message: warning, line: 4 }],
      );
    });

    it('resolves a bare name to the only crate of that name', () => {
      const result = cargoLockRecords(
        lock(crate('a', '1.0.0', 'dependencies = ["b"]'), crate('b', '0.1.0')),
      );
      expect(result.packages[0]?.dependsOn).toEqual(['b@0.1.0']);
      expect(result.warnings).toBeUndefined();
    });
  });

  it('reads lockfile v1 checksums from [metadata] and its dependency form', () => {
    const text = [
      '[[package]]',
      'name = "a"',
      'version = "0.1.0"',
      `dependencies = [\n "b 0.2.0 (${CRATES_IO})",\n]`,
      '',
      '[[package]]',
      'name = "b"',
      'version = "0.2.0"',
      `source = "${CRATES_IO}"`,
      '',
      '[metadata]',
      `"checksum b 0.2.0 (${CRATES_IO})" = "fd6fbd9a79829dd1ad0cc20627bf1ed606756a7f77edff7b66b7064f9cb327c6"`,
      '',
    ].join('\n');
    const result = cargoLockRecords(text);
    expect(result.packages[0]?.dependsOn).toEqual(['b@0.2.0']);
    expect(result.packages[1]).toMatchObject({
      name: 'b',
      line: 9,
      hashes: [
        {
          alg: 'sha256',
          value: 'fd6fbd9a79829dd1ad0cc20627bf1ed606756a7f77edff7b66b7064f9cb327c6',
        },
      ],
    });
  });

  it('warns about a checksum that is not a SHA-256 digest', () => {
    const result = cargoLockRecords(
      lock(crate('x', '1.0.0', `source = "${CRATES_IO}"\nchecksum = "abc"`)),
    );
    expect(result.packages[0]?.hashes).toBeUndefined();
    expect(result.warnings).toEqual([
      { message: 'x 1.0.0: checksum is not a SHA-256 hex digest', line: 4 },
    ]);
  });

  it('finds the name line past comments and other keys', () => {
    const text =
      '# header\nversion = 4\n\n[[package]]\n# name = "old"\nversion = "1.0.0"\nname = "x"\n\n[[ package ]] # spaced\n\nname = "y"\nversion = "2.0.0"\n\n[[patch.unused]]\nname = "z"\nversion = "0.1.0"\n';
    expect(packageNameLines(text)).toEqual([7, 11]);
    expect(cargoLockRecords(text).packages.map((p) => [p.name, p.line])).toEqual([
      ['x', 7],
      ['y', 11],
    ]);
  });

  it('reads an empty lockfile', () => {
    expect(cargoLockRecords('# generated\nversion = 3\n')).toEqual({ packages: [] });
  });

  it.each<[string, string, RegExp, number | undefined]>([
    ['text that is not TOML', 'this is not valid toml! (I think)\n', /^not valid TOML/, 1],
    ['a TOML error further down', 'version = 3\n\n[[package]]\nname = "a\n', /^not valid TOML/, 4],
    [
      'package that is not an array of tables',
      'package = "x"\n',
      /expected `package` to be an array/,
      undefined,
    ],
    [
      'package entries that are not tables',
      'package = [1]\n',
      /\[\[package\]\] #1: expected a table/,
      undefined,
    ],
    [
      'a package without a name',
      'version = 3\n\n[[package]]\nversion = "1.0.0"\n',
      /\[\[package\]\] #1: expected name = /,
      undefined,
    ],
    [
      'a package without a version',
      lock('name = "a"'),
      /\[\[package\]\] #1 \(a\): expected version = /,
      4,
    ],
    [
      'a non-string source',
      lock(crate('a', '1.0.0', 'source = 1')),
      /expected source to be a string/,
      4,
    ],
    [
      'dependencies that are not strings',
      lock(crate('a', '1.0.0', 'dependencies = [1]')),
      /expected dependencies to be an array of strings/,
      4,
    ],
  ])('rejects %s', (_name, text, message, line) => {
    const error = thrownInputError(() => cargoLockRecords(text));
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
  });

  it.each([
    [
      '[package]\nname = "a"\nversion = "1.0.0"\n',
      { packageName: 'a', packageVersion: '1.0.0', workspace: false },
    ],
    [
      '[package]\nname = "a"\nversion.workspace = true\n[workspace]\n',
      { packageName: 'a', workspace: true },
    ],
    ['[workspace]\nmembers = ["x"]\n', { workspace: true }],
  ])('readCargoManifest(%j)', (text, expected) => {
    expect(readCargoManifest(text)).toEqual(expected);
  });
});
