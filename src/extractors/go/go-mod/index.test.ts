import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExtractResult, PackageRecord } from '../../../core/extractor.js';
import { buildInventory } from '../../../core/inventory.js';
import { runExtractor, tempTree, thrownInputError } from '../../../testing/extract.js';
import {
  extractor,
  goModRecords,
  interpretGoMod,
  isDirectoryPath,
  parseGoSum,
  toolchainVersion,
} from './index.js';
import { parseGoMod } from './parse.js';

function extract(text: string): ExtractResult {
  return goModRecords(interpretGoMod(parseGoMod(text)));
}

/** name@version of each record, in order. */
function ids(result: ExtractResult): string[] {
  return result.packages.map((p) => `${p.name}@${p.version ?? ''}`);
}

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

describe('go/go-mod extractor', () => {
  it.each([
    ['go.mod', true],
    ['sub/dir/go.mod', true],
    ['go.sum', false],
    ['go.mod.bak', false],
    ['gopls.mod', false],
  ])('required(%s) = %s', (path, wanted) => {
    const base = path.split('/').pop()!;
    expect(extractor.required({ path, base, size: 10 })).toBe(wanted);
  });

  it('reads a go.mod using every directive, with full records', async () => {
    const result = await runExtractor(extractor, FIXTURES + 'full', 'go.mod');
    expect(result).toEqual({
      packages: [
        {
          ecosystem: 'Go',
          name: 'github.com/BurntSushi/toml',
          version: 'v1.3.2',
          direct: true,
          line: 10,
          key: 'github.com/BurntSushi/toml@v1.3.2',
        },
        {
          ecosystem: 'Go',
          name: 'example.com/fork/yaml',
          version: 'v3.0.2',
          properties: { 'go:replaces': 'gopkg.in/yaml.v3@v3.0.1' },
          direct: true,
          line: 11,
          key: 'example.com/fork/yaml@v3.0.2',
        },
        {
          ecosystem: 'Go',
          name: '../local/errors',
          source: { type: 'directory', url: '../local/errors' },
          properties: { 'go:replaces': 'github.com/pkg/errors@v0.9.1' },
          direct: true,
          line: 12,
          key: '../local/errors@',
        },
        {
          ecosystem: 'Go',
          name: 'github.com/docker/docker',
          version: 'v24.0.7+incompatible',
          direct: false,
          line: 16,
          key: 'github.com/docker/docker@v24.0.7+incompatible',
        },
        {
          ecosystem: 'Go',
          name: 'golang.org/x/sys',
          version: 'v0.0.0-20220715151400-c0bba94af5f8',
          direct: false,
          line: 17,
          key: 'golang.org/x/sys@v0.0.0-20220715151400-c0bba94af5f8',
        },
        {
          ecosystem: 'Go',
          name: 'golang.org/x/tools',
          version: 'v0.17.0',
          direct: false,
          line: 18,
          key: 'golang.org/x/tools@v0.17.0',
        },
        {
          ecosystem: 'Go',
          name: 'stdlib',
          version: '1.22.1',
          direct: true,
          line: 5,
          key: 'stdlib@1.22.1',
        },
      ],
      root: {
        ecosystem: 'Go',
        name: 'example.com/full',
        dependsOn: [
          'github.com/BurntSushi/toml@v1.3.2',
          'example.com/fork/yaml@v3.0.2',
          '../local/errors@',
          'stdlib@1.22.1',
        ],
      },
    });
  });

  describe('indirect comments', () => {
    it.each([
      ['// indirect', false],
      ['//indirect', false],
      ['// indirect; needed by x', false],
      ['// indirectly', true],
      ['// indirect needed', true],
      ['// pinned for CVE-2023-0001', true],
      ['', true],
    ])('require line ending %j → direct %s', (comment, direct) => {
      expect(extract(`module m\nrequire a.com/b v1.0.0 ${comment}\n`).packages[0]?.direct).toBe(
        direct,
      );
    });
  });

  describe('stdlib', () => {
    it.each<[string, string, string | undefined, number | undefined]>([
      ['go only', 'go 1.17', '1.17', 1],
      ['go with a patch', 'go 1.21.0', '1.21.0', 1],
      ['go release candidate', 'go 1.21rc1', '1.21rc1', 1],
      ['toolchain wins over go', 'go 1.23.5\ntoolchain go1.23.6', '1.23.6', 2],
      ['toolchain suffix dropped', 'go 1.23.5\ntoolchain go1.23.6-xyz', '1.23.6', 2],
      ['gccgo toolchain', 'go 1.20\ntoolchain gccgo-go1.20.3', '1.20.3', 2],
      ['toolchain local → go version', 'go 1.22\ntoolchain local', '1.22', 1],
      ['toolchain default → go version', 'go 1.21\ntoolchain default', '1.21', 1],
      ['neither', 'module m', undefined, undefined],
    ])('%s', (_name, text, version, line) => {
      const stdlib = extract(text + '\n').packages.find((p) => p.name === 'stdlib');
      expect(stdlib?.version).toBe(version);
      expect(stdlib?.line).toBe(line);
    });

    it.each([
      ['go1.23.6', '1.23.6'],
      ['go1.23.6-xyz', '1.23.6'],
      ['go1.21rc2', '1.21rc2'],
      ['gccgo-go1.20.3', '1.20.3'],
      ['local', undefined],
      ['default', undefined],
    ])('toolchainVersion(%s) = %s', (name, version) => {
      expect(toolchainVersion(name)).toBe(version);
    });
  });

  describe('replace', () => {
    it.each<[string, string, string[]]>([
      [
        'version-specific',
        'require a.com/x v1.2.3\nreplace a.com/x v1.2.3 => b.com/y v1.4.5',
        ['b.com/y@v1.4.5'],
      ],
      [
        'version-specific leaves other versions alone',
        'require (\n a.com/x v1.2.3\n a.com/x v0.5.6\n)\nreplace a.com/x v1.2.3 => b.com/y v1.4.5',
        ['b.com/y@v1.4.5', 'a.com/x@v0.5.6'],
      ],
      [
        'module-wide replaces every version (and merges them)',
        'require (\n a.com/x v1.2.3\n a.com/x v0.5.6\n)\nreplace a.com/x => b.com/y v1.4.5',
        ['b.com/y@v1.4.5'],
      ],
      [
        'version-specific wins over module-wide, whatever the order',
        'require a.com/x v1.2.3\nreplace a.com/x v1.2.3 => c.com/z v2.0.0\nreplace a.com/x => b.com/y v1.4.5',
        ['c.com/z@v2.0.0'],
      ],
      [
        'a replacement of something not required does nothing',
        'require a.com/x v0.5.6\nreplace a.com/x v1.2.3 => b.com/y v1.4.5',
        ['a.com/x@v0.5.6'],
      ],
      [
        'versions compare canonically (v1.2 = v1.2.0)',
        'require a.com/x v1.2.0\nreplace a.com/x v1.2 => b.com/y v1.4.5',
        ['b.com/y@v1.4.5'],
      ],
      ['./ directory', 'require a.com/x v1.2.3\nreplace a.com/x => ./x', ['./x@']],
      ['../ directory', 'require a.com/x v1.2.3\nreplace a.com/x v1.2.3 => ../x', ['../x@']],
      ['rooted directory', 'require a.com/x v1.2.3\nreplace a.com/x => /src/x', ['/src/x@']],
      [
        'Windows directory',
        'require a.com/x v1.2.3\nreplace a.com/x => C:\\src\\x',
        ['C:\\src\\x@'],
      ],
      [
        'quoted paths',
        'require "a.com/x" v1.2.3\nreplace "a.com/x" => "./with space"',
        ['./with space@'],
      ],
      [
        'block form',
        'require a.com/x v1.2.3\nreplace (\n a.com/x v1.2.3 => b.com/y v1.4.5\n)',
        ['b.com/y@v1.4.5'],
      ],
    ])('%s', (_name, text, expected) => {
      expect(ids(extract(text + '\n'))).toEqual(expected);
    });

    it('marks directory replacements as directory sources and keeps what they replace', () => {
      const [record] = extract(
        'require a.com/x v1.2.3 // indirect\nreplace a.com/x => ../x\n',
      ).packages;
      expect(record).toEqual<PackageRecord>({
        ecosystem: 'Go',
        name: '../x',
        source: { type: 'directory', url: '../x' },
        properties: { 'go:replaces': 'a.com/x@v1.2.3' },
        direct: false,
        line: 1,
        key: '../x@',
      });
    });

    it('merged requirements stay direct when either one is', () => {
      const result = extract(
        'require (\n a.com/x v1.0.0 // indirect\n a.com/x v2.0.0+incompatible\n)\nreplace a.com/x => b.com/y v1.0.0\n',
      );
      expect(result.packages).toEqual([
        {
          ecosystem: 'Go',
          name: 'b.com/y',
          version: 'v1.0.0',
          properties: { 'go:replaces': 'a.com/x@v1.0.0' },
          direct: true,
          line: 2,
          key: 'b.com/y@v1.0.0',
        },
      ]);
      expect(result.root?.dependsOn).toEqual(['b.com/y@v1.0.0']);
    });

    it.each(['.', '..', './a', '../a', '.\\a', '..\\a', '/a', '\\a', 'C:\\a', 'c:/a'])(
      'isDirectoryPath(%j)',
      (path) => {
        expect(isDirectoryPath(path)).toBe(true);
      },
    );
    it.each(['example.com/a', 'a', '.a', '...', 'a/./b'])('not isDirectoryPath(%j)', (path) => {
      expect(isDirectoryPath(path)).toBe(false);
    });
  });

  it('accepts exclude, retract, godebug, tool and ignore without reporting them', () => {
    const text = [
      'module example.com/m',
      'exclude a.com/x v1.0.0',
      'retract v1.0.0 // published by mistake',
      'retract [v1.1.0, v1.1.9]',
      'retract (\n v0.1.0\n [v0.2.0, v0.2.5]\n)',
      'godebug default=go1.21',
      'godebug (\n panicnil=1\n http2client=0\n)',
      'tool golang.org/x/tools/cmd/stringer',
      'tool (\n example.com/m/cmd/gen\n)',
      'ignore ./node_modules',
      'ignore (\n ./third_party/js\n)',
    ].join('\n');
    const file = interpretGoMod(parseGoMod(text));
    expect(file.excludes).toEqual([{ path: 'a.com/x', version: 'v1.0.0', line: 2 }]);
    expect(file.retracts.map((r) => [r.low, r.high])).toEqual([
      ['v1.0.0', 'v1.0.0'],
      ['v1.1.0', 'v1.1.9'],
      ['v0.1.0', 'v0.1.0'],
      ['v0.2.0', 'v0.2.5'],
    ]);
    expect(file.godebug.map((g) => `${g.key}=${g.value}`)).toEqual([
      'default=go1.21',
      'panicnil=1',
      'http2client=0',
    ]);
    expect(file.tools.map((t) => t.path)).toEqual([
      'golang.org/x/tools/cmd/stringer',
      'example.com/m/cmd/gen',
    ]);
    expect(file.ignores.map((t) => t.path)).toEqual(['./node_modules', './third_party/js']);
    expect(goModRecords(file)).toEqual({
      packages: [],
      root: { ecosystem: 'Go', name: 'example.com/m', dependsOn: [] },
    });
  });

  it('warns when a required version is excluded', () => {
    const result = extract('require a.com/x v1.0.0\nexclude a.com/x v1.0.0\n');
    expect(result.warnings).toEqual([
      {
        message: expect.stringMatching(
          /a.com\/x v1.0.0 is required but excluded on line 2/,
        ) as unknown,
        line: 1,
      },
    ]);
  });

  it('has no root without a module directive or direct requirement', () => {
    expect(extract('require a.com/x v1.0.0 // indirect\n')).toEqual({
      packages: [
        {
          ecosystem: 'Go',
          name: 'a.com/x',
          version: 'v1.0.0',
          direct: false,
          line: 1,
          key: 'a.com/x@v1.0.0',
        },
      ],
    });
  });

  it.each<[string, string, RegExp, number]>([
    ['not a go.mod', 'this is not a go.mod file!', /unknown directive "this"/, 1],
    ['unknown directive', 'module m\nrequires a.com/x v1.0.0', /unknown directive "requires"/, 2],
    ['repeated module', 'module a\nmodule b', /repeated module directive \(first on line 1\)/, 2],
    [
      'module without a path',
      'module',
      /module: expected `module module\/path`, found 0 arguments/,
      1,
    ],
    ['empty quoted module path', 'module ""', /expected a module path, found an empty string/, 1],
    ['repeated go', 'go 1.20\ngo 1.21', /repeated go directive/, 2],
    ['bad go version', 'go v1.21', /invalid go version "v1.21"/, 1],
    ['go in a block', 'go (\n 1.21\n)', /unknown block type: go/, 2],
    ['bad toolchain', 'toolchain 1.21', /invalid toolchain "1.21"/, 1],
    [
      'repeated toolchain',
      'toolchain go1.21.0\ntoolchain go1.21.1',
      /repeated toolchain directive/,
      2,
    ],
    [
      'require without a version',
      'require a.com/x',
      /require: expected `require module\/path v1.2.3`, found 1 arguments/,
      1,
    ],
    [
      'require with a bad version',
      'require (\n a.com/x 1.0.0\n)',
      /require a.com\/x: invalid version "1.0.0": expected the form v1.2.3/,
      2,
    ],
    [
      'require with a partial prerelease',
      'require a.com/x v1.0-pre',
      /invalid version "v1.0-pre"/,
      1,
    ],
    ['require with too many words', 'require a.com/x v1.0.0 extra', /found 3 arguments/, 1],
    ['unquoted word with a quote', "require 'a.com/x' v1.0.0", /contains a quote/, 1],
    [
      'replace without an arrow',
      'replace a.com/x v1.0.0 b.com/y v1.0.0',
      /replace: expected `replace module\/path/,
      1,
    ],
    [
      'replace module without a version',
      'replace a.com/x => b.com/y',
      /must be a directory path/,
      1,
    ],
    ['replace with path@version', 'replace a.com/x => b.com/y@v1.0.0', /not `path@version`/, 1],
    [
      'replace directory with a version',
      'replace a.com/x => ../y v1.0.0',
      /cannot have a version/,
      1,
    ],
    ['replace with a bad old version', 'replace a.com/x 1.0 => ../y', /invalid version "1.0"/, 1],
    ['retract with a broken interval', 'retract [v1.0.0 v1.1.0]', /retract: expected/, 1],
    ['retract with nothing', 'retract', /found 0 arguments/, 1],
    ['godebug without =', 'godebug panicnil', /godebug: expected key=value/, 1],
    ['godebug with two words', 'godebug a=1 b=2', /godebug: expected `godebug key=value`/, 1],
    ['tool without a path', 'tool', /tool: expected `tool package\/path`/, 1],
    ['a brace', 'require { v1.0.0', /require: expected a module path, found "{"/, 1],
  ])('rejects %s', (_name, text, message, line) => {
    const error = thrownInputError(() => extract(text + '\n'));
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
  });
});

describe('go.sum (go < 1.17)', () => {
  const goSum = [
    'github.com/davecgh/go-spew v1.1.0/go.mod h1:J7Y8YcW2NihsgmVo/mv3lAwl/skON4iLHjSsI+c5H38=',
    'github.com/davecgh/go-spew v1.1.1 h1:vj9j/u1bqnvCEfJOwUhtlOARqs3+rkHYY13jYWTU97c=',
    'github.com/davecgh/go-spew v1.1.1/go.mod h1:J7Y8YcW2NihsgmVo/mv3lAwl/skON4iLHjSsI+c5H38=',
    'github.com/sirupsen/logrus v1.9.3 h1:dueUQJ1C2q9oE3F7wvmSGAaVtTmUizReu6fjN8uqzbQ=',
    'golang.org/x/sys v0.1.0 h1:kunALQeHf1/185U1i0GOB/fy1IPRDDpuoOOqRReG57c=',
    '',
  ].join('\n');

  it('parses the module versions and skips /go.mod lines', () => {
    expect(parseGoSum(goSum)).toEqual([
      { path: 'github.com/davecgh/go-spew', version: 'v1.1.1', line: 2 },
      { path: 'github.com/sirupsen/logrus', version: 'v1.9.3', line: 4 },
      { path: 'golang.org/x/sys', version: 'v0.1.0', line: 5 },
    ]);
  });

  it('rejects a line that is not three fields', () => {
    const error = thrownInputError(() => parseGoSum('a v1.0.0 h1:x=\nb v1.0.0\n'));
    expect(error.line).toBe(2);
  });

  it('adds go.sum modules as transitive for go 1.16, applying replacements', async () => {
    const root = await tempTree({
      'svc/go.mod':
        'module test\n\ngo 1.16\n\nrequire github.com/sirupsen/logrus v1.9.3\n\nreplace golang.org/x/sys => golang.org/x/sys v0.2.0\n',
      'svc/go.sum': goSum,
    });
    const result = await runExtractor(extractor, root, 'svc/go.mod');
    expect(result.packages).toEqual([
      {
        ecosystem: 'Go',
        name: 'github.com/sirupsen/logrus',
        version: 'v1.9.3',
        direct: true,
        line: 5,
        key: 'github.com/sirupsen/logrus@v1.9.3',
      },
      {
        ecosystem: 'Go',
        name: 'stdlib',
        version: '1.16',
        direct: true,
        line: 3,
        key: 'stdlib@1.16',
      },
      {
        ecosystem: 'Go',
        name: 'github.com/davecgh/go-spew',
        version: 'v1.1.1',
        direct: false,
        files: ['svc/go.sum'],
        key: 'github.com/davecgh/go-spew@v1.1.1',
      },
      {
        ecosystem: 'Go',
        name: 'golang.org/x/sys',
        version: 'v0.2.0',
        properties: { 'go:replaces': 'golang.org/x/sys@v0.1.0' },
        direct: false,
        files: ['svc/go.sum'],
        key: 'golang.org/x/sys@v0.2.0',
      },
    ]);
  });

  it('reads go.sum when there is no go directive (the go command assumes 1.16)', async () => {
    const root = await tempTree({ 'go.mod': 'module test\n', 'go.sum': goSum });
    expect(ids(await runExtractor(extractor, root, 'go.mod'))).toEqual([
      'github.com/davecgh/go-spew@v1.1.1',
      'github.com/sirupsen/logrus@v1.9.3',
      'golang.org/x/sys@v0.1.0',
    ]);
  });

  it('ignores go.sum from go 1.17 on, where go.mod lists every module', async () => {
    const root = await tempTree({
      'go.mod': 'module test\ngo 1.17\n',
      'go.sum': 'Wrongly formatted, not to be read\n',
    });
    expect(await runExtractor(extractor, root, 'go.mod')).toEqual({
      packages: [
        {
          ecosystem: 'Go',
          name: 'stdlib',
          version: '1.17',
          direct: true,
          line: 2,
          key: 'stdlib@1.17',
        },
      ],
      root: { ecosystem: 'Go', name: 'test', dependsOn: ['stdlib@1.17'] },
    });
  });

  it('keeps the go.mod packages and warns when go.sum is malformed', async () => {
    const root = await tempTree({
      'go.mod': 'module test\ngo 1.16\nrequire a.com/x v1.0.0\n',
      'go.sum': 'a.com/x v1.0.0 h1:x=\nbroken\n',
    });
    const result = await runExtractor(extractor, root, 'go.mod');
    expect(ids(result)).toEqual(['a.com/x@v1.0.0', 'stdlib@1.16']);
    expect(result.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^go.sum not used: expected `module version hash`/,
        ) as unknown,
        path: 'go.sum',
        line: 2,
      },
    ]);
  });
});

describe('go/go-mod through the inventory', () => {
  it('gives direct scope, purls with the v, and root dependencies', async () => {
    const result = await runExtractor(extractor, FIXTURES + 'full', 'go.mod');
    const inventory = buildInventory([{ plugin: 'go/go-mod', path: 'go.mod', ...result }]);
    const toml = inventory.components.find((c) => c.name === 'github.com/BurntSushi/toml');
    expect(toml).toMatchObject({
      purl: 'pkg:golang/github.com/BurntSushi/toml@v1.3.2',
      scope: 'direct',
      locations: [{ path: 'go.mod', line: 10 }],
    });
    expect(inventory.components.find((c) => c.name === 'golang.org/x/tools')?.scope).toBe(
      'transitive',
    );
    expect(inventory.rootDependsOn).toContain('pkg:golang/stdlib@1.22.1');
  });
});
