import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExtractResult, PackageRecord } from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor, MAX_INCLUDE_DEPTH, MAX_LINES } from './index.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const HEX_A = 'a'.repeat(64);
const HEX_B = 'B'.repeat(64);

function pkg(
  name: string,
  version: string | undefined,
  line: number,
  extra: Partial<PackageRecord> = {},
): PackageRecord {
  return {
    ecosystem: 'PyPI',
    name,
    ...(version !== undefined ? { version } : {}),
    direct: true,
    line,
    ...extra,
  };
}

async function extract(
  files: Record<string, string>,
  file = 'requirements.txt',
  env: Record<string, string> = {},
): Promise<ExtractResult> {
  return runExtractor(extractor, await tempTree(files), file, env);
}

function warningsOf(result: ExtractResult): string[] {
  return (result.warnings ?? []).map((w) => `${w.path}:${w.line}: ${w.message}`);
}

describe('python/requirements: which files', () => {
  it.each([
    ['requirements.txt', true],
    ['app/requirements.txt', true],
    ['requirements-dev.txt', true],
    ['requirements_test.txt', true],
    ['requirements.dev.txt', true],
    ['dev-requirements.txt', true],
    ['test_requirements.txt', true],
    ['docs/doc.requirements.txt', true],
    ['Requirements.TXT', true],
    ['requirements.in', true],
    ['requirements-dev.in', true],
    ['requirements/base.txt', true],
    ['requirements/prod.txt', true],
    ['Requirements/ci.txt', true],
    ['requirements/base.in', false],
    ['requirements/sub/base.txt', false],
    ['myrequirements.txt', false],
    ['requirementsfoo.txt', false],
    ['requirements.md', false],
    ['requirements.lock', false],
    ['requirements-asdf/test.txt', false],
    ['constraints.txt', false],
    ['notes.txt', false],
  ])('%s → %s', (path, wanted) => {
    expect(extractor.required({ path, base: path.split('/').pop() ?? path, size: 10 })).toBe(
      wanted,
    );
  });
});

describe('python/requirements: a project with includes, constraints and editables', () => {
  it('reads requirements.txt and everything it includes', async () => {
    const result = await runExtractor(extractor, `${FIXTURES}project`, 'requirements.txt');
    expect(result.packages).toEqual([
      // Included requirements are located in the file that writes them; the `-r` line of
      // requirements.txt that led to them is kept as a property.
      pkg('django', '4.2.16', 1, {
        declaredIn: 'requirements/base.txt',
        properties: {
          'python:specifier': '>=4.2,<5',
          'python:included-from': 'requirements.txt:3',
          'python:constraint': 'constraints.txt:1',
        },
      }),
      pkg('celery', '5.4.0', 2, {
        declaredIn: 'requirements/base.txt',
        properties: {
          'python:extras': 'redis',
          'python:marker': 'python_version >= "3.8"',
          'python:included-from': 'requirements.txt:3',
        },
      }),
      pkg('psycopg', '3.2.1', 3, {
        declaredIn: 'requirements/base.txt',
        properties: {
          'python:extras': 'binary',
          'python:included-from': 'requirements.txt:3',
          'python:constraint': 'constraints.txt:2',
        },
      }),
      // Two includes deep (requirements.txt → base.txt → common.txt): still the top `-r` line.
      pkg('requests', undefined, 1, {
        declaredIn: 'requirements/common.txt',
        properties: { 'python:included-from': 'requirements.txt:3' },
      }),
      pkg('gunicorn', '22.0.0', 7, {
        hashes: [
          {
            alg: 'sha256',
            value: '092ae18173ee53c7d39e6214481f280f04648f31b99c9b8b8c243331217a3d6c',
          },
          {
            alg: 'sha256',
            value: '07d1287b6561cdffcd9985592fab34453e63b83eb6cbfaacaf3a6d584abf3419',
          },
        ],
      }),
      // The name comes from libs/shared-utils/pyproject.toml.
      pkg('shared_utils', undefined, 10, {
        source: { type: 'editable', url: './libs/shared-utils' },
      }),
      pkg('toolkit', undefined, 11, {
        source: {
          type: 'editable',
          url: 'git+https://github.com/example/toolkit.git',
          commit: '0123456789abcdef0123456789abcdef01234567',
        },
      }),
      // A tag is no commit: it stays in the URL.
      pkg('internal-client', undefined, 12, {
        source: { type: 'git', url: 'git+https://github.com/example/internal-client.git@v2.1.0' },
      }),
    ]);
    expect(result.warnings).toBeUndefined();
    expect(result.root?.dependsOn).toEqual([
      'django@4.2.16',
      'celery@5.4.0',
      'psycopg@3.2.1',
      'requests@',
      'gunicorn@22.0.0',
      'shared_utils@',
      'toolkit@',
      'internal-client@',
    ]);
  });

  it('skips `-e ..` in requirements/dev.txt: it is the project itself', async () => {
    const result = await runExtractor(extractor, `${FIXTURES}project`, 'requirements/dev.txt');
    expect(
      result.packages.map((p) => [
        p.name,
        p.version,
        p.declaredIn,
        p.line,
        p.properties?.['python:included-from'],
      ]),
    ).toEqual([
      ['django', undefined, 'requirements/base.txt', 1, 'requirements/dev.txt:3'],
      ['celery', '5.4.0', 'requirements/base.txt', 2, 'requirements/dev.txt:3'],
      ['psycopg', undefined, 'requirements/base.txt', 3, 'requirements/dev.txt:3'],
      ['requests', undefined, 'requirements/common.txt', 1, 'requirements/dev.txt:3'],
      ['pytest', '8.3.2', undefined, 4, undefined],
    ]);
  });

  it('reads a standalone requirements file of the tree on its own too', async () => {
    const result = await runExtractor(extractor, `${FIXTURES}project`, 'requirements/base.txt');
    expect(result.packages).toEqual([
      pkg('django', undefined, 1, { properties: { 'python:specifier': '>=4.2,<5' } }),
      pkg('celery', '5.4.0', 2, {
        properties: { 'python:extras': 'redis', 'python:marker': 'python_version >= "3.8"' },
      }),
      pkg('psycopg', undefined, 3, { properties: { 'python:extras': 'binary' } }),
      pkg('requests', undefined, 1, {
        declaredIn: 'requirements/common.txt',
        properties: { 'python:included-from': 'requirements/base.txt:4' },
      }),
    ]);
  });
});

describe('python/requirements: lines', () => {
  it.each([
    [
      'a comment line ends a continuation',
      'foo==1.0 \\\n# note\nbar==2\n',
      [
        ['foo', '1.0', 1],
        ['bar', '2', 3],
      ],
    ],
    [
      'CRLF line ends',
      'foo==1.0\r\nbar==2.0\r\n',
      [
        ['foo', '1.0', 1],
        ['bar', '2.0', 2],
      ],
    ],
    [
      'a `#` not after whitespace is no comment',
      'foo @ https://example.com/foo-1.0.tar.gz#egg=foo # c\n',
      [['foo', '1.0', 1]],
    ],
    ['continuations over three lines', 'foo \\\n  [bar] \\\n  == 3.0\n', [['foo', '3.0', 1]]],
    ['parenthesised specifiers', 'foo (==1.0)\n', [['foo', '1.0', 1]]],
    ['two exact pins: the first', 'foo>=1,==1.5\n', [['foo', '1.5', 1]]],
    ['`===` arbitrary equality', 'foo===1.0+local\n', [['foo', '1.0+local', 1]]],
    [
      'a tab before the options hides them in the requirement',
      'ok==1\nfoo==1.0\t--hash=sha256:00\n',
      [['ok', '1', 1]],
    ],
  ])('%s', async (_name, text, expected) => {
    const result = await extract({ 'requirements.txt': text });
    expect(result.packages.map((p) => [p.name, p.version, p.line])).toEqual(expected);
  });

  it('expands ${VAR} from the scan environment only in the POSIX form', async () => {
    const result = await extract(
      { 'requirements.txt': 'foo==${FOO_VERSION}\nbar==$BAR_VERSION\nbaz==${lower}\n' },
      'requirements.txt',
      { FOO_VERSION: '1.2.3', BAR_VERSION: '9', lower: '9' },
    );
    expect(result.packages.map((p) => [p.name, p.version])).toEqual([['foo', '1.2.3']]);
    // `$BAR_VERSION` and `${lower}` are not expanded by pip, so those lines are invalid.
    expect(warningsOf(result)).toEqual([
      'requirements.txt:2: line 2: `bar==$BAR_VERSION`: not a valid requirement: `$BAR_VERSION` is not a version; skipped',
      'requirements.txt:3: line 3: `baz==${lower}`: not a valid requirement: `${lower}` is not a version; skipped',
    ]);
  });

  it('leaves an undefined or empty variable as written, with a warning', async () => {
    const result = await extract(
      { 'requirements.txt': 'foo==${NOPE}\nbar==${EMPTY}\n' },
      'requirements.txt',
      { EMPTY: '' },
    );
    expect(result.packages.map((p) => [p.name, p.version, p.properties])).toEqual([
      ['foo', undefined, { 'python:specifier': '==${NOPE}' }],
      ['bar', undefined, { 'python:specifier': '==${EMPTY}' }],
    ]);
    expect(warningsOf(result)).toEqual([
      'requirements.txt:1: line 1: environment variable ${NOPE} is not set; left as written',
      'requirements.txt:2: line 2: environment variable ${EMPTY} is not set; left as written',
    ]);
  });

  it('keeps well-formed hashes, lower-cased, and drops the rest', async () => {
    const result = await extract({
      'requirements.txt': `foo==1.0 --hash=sha256:${HEX_A} --hash=sha512:${HEX_B}${HEX_B} --hash=md5:${'0'.repeat(32)}\n`,
    });
    expect(result.packages[0]?.hashes).toEqual([
      { alg: 'sha256', value: HEX_A },
      { alg: 'sha512', value: 'b'.repeat(128) },
    ]);
    expect(warningsOf(result)).toEqual([
      `requirements.txt:1: line 1: \`--hash=md5:${'0'.repeat(32)}\` is not a sha256, sha384 or sha512 hex digest as pip expects; hash ignored`,
    ]);
  });

  it('ignores global and per-requirement options, and warns of unknown ones', async () => {
    const result = await extract({
      'requirements.txt': [
        '-i https://example.com/simple',
        '--extra-index-url=https://example.com/extra',
        '-f ./wheels',
        '--no-binary :all:',
        '--only-binary=numpy',
        '--prefer-binary',
        '--require-hashes',
        '--pre',
        '--trusted-host example.com',
        '--use-feature truststore',
        '--no-index',
        'foo==1.0 --global-option="--no-user-cfg" -C editable_mode=compat --config-settings "a=b c"',
        '--frobnicate',
        'bar==2.0 --frobnicate',
      ].join('\n'),
    });
    expect(result.packages.map((p) => [p.name, p.version, p.line])).toEqual([
      ['foo', '1.0', 12],
      ['bar', '2.0', 14],
    ]);
    expect(warningsOf(result)).toEqual([
      'requirements.txt:13: line 13: `--frobnicate`: unknown option `--frobnicate`; skipped',
      'requirements.txt:14: line 14: unknown option `--frobnicate`; ignored',
    ]);
  });

  it('warns of an unclosed quote in the options', async () => {
    const result = await extract({ 'requirements.txt': 'ok==1\nfoo==1.0 --global-option="x\n' });
    expect(result.packages.map((p) => p.name)).toEqual(['ok']);
    expect(warningsOf(result)).toEqual([
      'requirements.txt:2: line 2: `foo==1.0 --global-option="x`: a quote in the options is not closed; skipped',
    ]);
  });

  it('reports at most 200 warnings, then counts the rest', async () => {
    const text = `ok==1\n${'not a requirement\n'.repeat(250)}`;
    const result = await extract({ 'requirements.txt': text });
    expect(result.packages).toHaveLength(1);
    expect(result.warnings).toHaveLength(201);
    expect(result.warnings?.[200]).toEqual({
      message: '50 more problems not listed',
      path: 'requirements.txt',
    });
  });
});

describe('python/requirements: URLs, paths and editables', () => {
  it.each([
    [
      'a bare sdist URL with a hash fragment',
      `https://files.example.com/packages/foo-bar-1.2.3.tar.gz#sha256=${HEX_A}`,
      pkg('foo-bar', '1.2.3', 1, {
        source: { type: 'url', url: 'https://files.example.com/packages/foo-bar-1.2.3.tar.gz' },
        hashes: [{ alg: 'sha256', value: HEX_A }],
      }),
    ],
    [
      'a bare wheel URL with a marker',
      'https://example.com/pkg_name-2.0-py3-none-any.whl; sys_platform == "linux"',
      pkg('pkg_name', '2.0', 1, {
        source: { type: 'url', url: 'https://example.com/pkg_name-2.0-py3-none-any.whl' },
        properties: { 'python:marker': 'sys_platform == "linux"' },
      }),
    ],
    [
      'a bare URL with #egg=',
      'https://example.com/archive/main.zip#egg=thing',
      pkg('thing', undefined, 1, {
        source: { type: 'url', url: 'https://example.com/archive/main.zip' },
      }),
    ],
    [
      'name @ wheel URL: the version from the wheel',
      'Foo.Bar @ https://example.com/foo_bar-1.0-1-py3-none-any.whl',
      pkg('Foo.Bar', '1.0', 1, {
        source: { type: 'url', url: 'https://example.com/foo_bar-1.0-1-py3-none-any.whl' },
      }),
    ],
    [
      'name @ URL of another project: no version',
      'foo @ https://example.com/other-1.0-py3-none-any.whl',
      pkg('foo', undefined, 1, {
        source: { type: 'url', url: 'https://example.com/other-1.0-py3-none-any.whl' },
      }),
    ],
    [
      'name[extras] @ URL ; marker',
      'foo[a,b] @ https://example.com/foo-1.0.tar.gz ; python_version < "3.13"',
      pkg('foo', '1.0', 1, {
        source: { type: 'url', url: 'https://example.com/foo-1.0.tar.gz' },
        properties: { 'python:extras': 'a,b', 'python:marker': 'python_version < "3.13"' },
      }),
    ],
    [
      'a VCS URL pinned to a commit, with #egg=',
      'git+https://github.com/org/repo.git@ABCDEF0123456789abcdef0123456789abcdef01#egg=the-pkg&subdirectory=py',
      pkg('the-pkg', undefined, 1, {
        source: {
          type: 'git',
          url: 'git+https://github.com/org/repo.git',
          commit: 'abcdef0123456789abcdef0123456789abcdef01',
        },
      }),
    ],
    [
      'a VCS URL over ssh with a user: the user is no revision',
      'pkg @ git+ssh://git@github.com/org/pkg.git',
      pkg('pkg', undefined, 1, {
        source: { type: 'git', url: 'git+ssh://git@github.com/org/pkg.git' },
      }),
    ],
    [
      'a VCS URL without #egg=: the repository name',
      'git+https://github.com/org/some-lib@main',
      pkg('some-lib', undefined, 1, {
        source: { type: 'git', url: 'git+https://github.com/org/some-lib@main' },
      }),
    ],
    [
      'a Mercurial URL',
      'hg+https://hg.example.com/proj@1.0#egg=proj',
      pkg('proj', undefined, 1, {
        source: { type: 'url', url: 'hg+https://hg.example.com/proj@1.0' },
      }),
    ],
    [
      'a local sdist',
      '../dist/thing-0.9.tar.gz',
      pkg('thing', '0.9', 1, { source: { type: 'file', url: '../dist/thing-0.9.tar.gz' } }),
    ],
    [
      'an archive named without a path',
      'thing-0.9-py3-none-any.whl',
      pkg('thing', '0.9', 1, { source: { type: 'file', url: 'thing-0.9-py3-none-any.whl' } }),
    ],
    [
      'a missing local directory: its base name',
      './vendor/missing-pkg',
      pkg('missing-pkg', undefined, 1, {
        source: { type: 'directory', url: './vendor/missing-pkg' },
      }),
    ],
    [
      'a file: URL to a wheel',
      'file:///opt/wheels/foo-1.0-py3-none-any.whl',
      pkg('foo', '1.0', 1, {
        source: { type: 'file', url: 'file:///opt/wheels/foo-1.0-py3-none-any.whl' },
      }),
    ],
    [
      'name @ file: URL to a directory',
      'foo @ file:///opt/src/foo',
      pkg('foo', undefined, 1, { source: { type: 'directory', url: 'file:///opt/src/foo' } }),
    ],
    [
      'an editable VCS URL without a commit',
      '-e git+https://github.com/org/repo.git@v1#egg=repo-pkg',
      pkg('repo-pkg', undefined, 1, {
        source: { type: 'editable', url: 'git+https://github.com/org/repo.git@v1' },
      }),
    ],
    [
      'an editable `git:` shorthand',
      '--editable=git://github.com/org/x.git#egg=x',
      pkg('x', undefined, 1, {
        source: { type: 'editable', url: 'git+git://github.com/org/x.git' },
      }),
    ],
  ])('%s', async (_name, line, expected) => {
    const result = await extract({ 'requirements.txt': `${line}\n` });
    expect(result.packages).toEqual([expected]);
    expect(result.warnings).toBeUndefined();
  });

  it('names local projects from pyproject.toml, setup.cfg or the folder', async () => {
    const result = await extract({
      'requirements.txt': ['./libs/a', '-e libs/b[extra]', 'libs/c/', 'named @ ./libs/c'].join(
        '\n',
      ),
      'libs/a/pyproject.toml': '[tool.poetry]\nname = "poetry-a"\n',
      'libs/b/setup.cfg': '[options]\nname = wrong\n[metadata]\nname = cfg_b\nversion = 1\n',
      'libs/c/setup.py': 'raise SystemExit("never run")\n',
    });
    expect(result.packages).toEqual([
      pkg('poetry-a', undefined, 1, { source: { type: 'directory', url: './libs/a' } }),
      pkg('cfg_b', undefined, 2, {
        source: { type: 'editable', url: 'libs/b' },
        properties: { 'python:extras': 'extra' },
      }),
      pkg('c', undefined, 3, { source: { type: 'directory', url: 'libs/c/' } }),
      pkg('named', undefined, 4, { source: { type: 'directory', url: './libs/c' } }),
    ]);
  });

  it.each([['-e .'], ['-e .[dev,test]'], ['.'], ['./'], ['-e ./']])(
    'skips %s: the project itself',
    async (line) => {
      const result = await extract({ 'requirements.txt': `${line}\nfoo==1\n` });
      expect(result.packages.map((p) => p.name)).toEqual(['foo']);
      expect(result.warnings).toBeUndefined();
    },
  );

  it.each([
    [
      '-e https://example.com/foo-1.0.tar.gz',
      '`-e https://example.com/foo-1.0.tar.gz`: `https://example.com/foo-1.0.tar.gz` cannot be editable: pip expects a local path or a VCS URL',
    ],
    [
      'https://github.com/org/repo/archive/refs/tags/1.0.zip',
      '`https://github.com/org/repo/archive/refs/tags/1.0.zip`: cannot tell the package name of `https://github.com/org/repo/archive/refs/tags/1.0.zip`; write `name @ URL` or add #egg=name',
    ],
    [
      './dist/1.0.zip',
      '`./dist/1.0.zip`: cannot tell the package name of the archive `./dist/1.0.zip`; add #egg=name',
    ],
  ])('warns of %s', async (line, message) => {
    const result = await extract({ 'requirements.txt': `${line}\nfoo==1\n` });
    expect(result.packages.map((p) => p.name)).toEqual(['foo']);
    expect(warningsOf(result)).toEqual([`requirements.txt:1: line 1: ${message}; skipped`]);
  });
});

describe('python/requirements: includes', () => {
  it('follows -r, --requirement=, --requirement and -rFILE relative to the including file', async () => {
    const result = await extract({
      'requirements.txt':
        '-r a.txt\n--requirement=sub/b.txt\n--requirement "sub/c d.txt"\n-rsub/e.txt\n',
      'a.txt': 'a==1\n',
      'sub/b.txt': '-r ../f.txt\nb==1\n',
      'sub/c d.txt': 'c==1\n',
      'sub/e.txt': 'e==1\n',
      'f.txt': 'f==1\n',
    });
    expect(result.packages).toEqual([
      pkg('a', '1', 1, {
        declaredIn: 'a.txt',
        properties: { 'python:included-from': 'requirements.txt:1' },
      }),
      pkg('f', '1', 1, {
        declaredIn: 'f.txt',
        properties: { 'python:included-from': 'requirements.txt:2' },
      }),
      pkg('b', '1', 2, {
        declaredIn: 'sub/b.txt',
        properties: { 'python:included-from': 'requirements.txt:2' },
      }),
      pkg('c', '1', 1, {
        declaredIn: 'sub/c d.txt',
        properties: { 'python:included-from': 'requirements.txt:3' },
      }),
      pkg('e', '1', 1, {
        declaredIn: 'sub/e.txt',
        properties: { 'python:included-from': 'requirements.txt:4' },
      }),
    ]);
  });

  it('reads a file included twice only once', async () => {
    const result = await extract({
      'requirements.txt': '-r a.txt\n-r b.txt\n',
      'a.txt': '-r common.txt\n',
      'b.txt': '-r common.txt\n',
      'common.txt': '# shared\nx==1\n',
    });
    expect(result.packages).toEqual([
      pkg('x', '1', 2, {
        declaredIn: 'common.txt',
        properties: { 'python:included-from': 'requirements.txt:1' },
      }),
    ]);
  });

  it('warns of includes that are missing, remote, outside the tree or cyclic, and goes on', async () => {
    const result = await extract({
      'requirements.txt': [
        '-r missing.txt',
        '-r https://example.com/r.txt',
        '-r ../../etc/passwd',
        '-r /etc/passwd',
        '-r a.txt',
        'ok==1',
      ].join('\n'),
      'a.txt': '-r requirements.txt\n',
    });
    expect(result.packages.map((p) => p.name)).toEqual(['ok']);
    expect(warningsOf(result)).toEqual([
      'requirements.txt:1: line 1: requirements file `missing.txt` not found (looked for missing.txt); skipped',
      'requirements.txt:2: line 2: requirements file `https://example.com/r.txt` is a URL; not fetched',
      'requirements.txt:3: line 3: requirements file `../../etc/passwd` is outside the scanned directory; not read',
      'requirements.txt:4: line 4: requirements file `/etc/passwd` is outside the scanned directory; not read',
      'a.txt:1: line 1: requirements file `requirements.txt` includes itself (requirements.txt -> a.txt -> requirements.txt); not read again',
    ]);
  });

  it('follows an absolute include that lies under the scan root', async () => {
    const root = await tempTree({ 'requirements.txt': '', 'more.txt': 'm==1\n' });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${root}/requirements.txt`, `-r ${root}/more.txt\n`);
    const result = await runExtractor(extractor, root, 'requirements.txt');
    expect(result.packages).toEqual([
      pkg('m', '1', 1, {
        declaredIn: 'more.txt',
        properties: { 'python:included-from': 'requirements.txt:1' },
      }),
    ]);
  });

  it(`stops ${MAX_INCLUDE_DEPTH} includes deep`, async () => {
    const files: Record<string, string> = { 'requirements.txt': '-r r1.txt\n' };
    for (let i = 1; i <= 20; i++) files[`r${i}.txt`] = `p${i}==1\n-r r${i + 1}.txt\n`;
    const result = await extract(files);
    expect(result.packages.map((p) => p.name)).toEqual(
      Array.from({ length: MAX_INCLUDE_DEPTH }, (_, i) => `p${i + 1}`),
    );
    expect(warningsOf(result)).toEqual([
      `r${MAX_INCLUDE_DEPTH}.txt:2: line 2: requirements file \`r${MAX_INCLUDE_DEPTH + 1}.txt\` is nested more than ${MAX_INCLUDE_DEPTH} includes deep; not read`,
    ]);
  });

  it('does not read an include that would pass the line limit', async () => {
    const result = await extract({
      'requirements.txt': `-r big.txt\n${'# filler\n'.repeat(MAX_LINES - 10)}`,
      'big.txt': 'x==1\n'.repeat(20),
    });
    expect(result.packages).toEqual([]);
    expect(warningsOf(result)).toEqual([
      `requirements.txt:1: line 1: requirements file \`big.txt\` would take the lines read past ${MAX_LINES}; not read`,
    ]);
  });
});

describe('python/requirements: constraints', () => {
  it('pins unpinned requirements and reports nothing that is only constrained', async () => {
    const result = await extract({
      'requirements.txt': `foo\nbar>=1\nbaz==3.0\nurl-pkg @ https://example.com/url_pkg-1.0-py3-none-any.whl\n-c c.txt\n`,
      'c.txt': `# constraints\nFOO==1.1 --hash=sha256:${HEX_A}\nbar==2.0 ; python_version > "3"\nbaz==3.1\nurl_pkg==9\nonly-here==5\nrange<9\n-r extra.txt\n`,
      'extra.txt': 'qux\n',
    });
    expect(result.packages).toEqual([
      pkg('foo', '1.1', 1, {
        hashes: [{ alg: 'sha256', value: HEX_A }],
        properties: { 'python:constraint': 'c.txt:2' },
      }),
      pkg('bar', '2.0', 2, {
        properties: { 'python:specifier': '>=1', 'python:constraint': 'c.txt:3' },
      }),
      pkg('baz', '3.0', 3),
      pkg('url-pkg', '1.0', 4, {
        source: { type: 'url', url: 'https://example.com/url_pkg-1.0-py3-none-any.whl' },
      }),
      // pip: `-r` inside a constraints file includes requirements.
      pkg('qux', undefined, 1, {
        declaredIn: 'extra.txt',
        properties: { 'python:included-from': 'requirements.txt:5' },
      }),
    ]);
    expect(warningsOf(result)).toEqual([
      "requirements.txt:3: line 3: baz==3.0 conflicts with the constraint ==3.1 (c.txt:4); the requirement's version is kept",
    ]);
  });

  it('applies constraints from any included file, before or after the requirement', async () => {
    const result = await extract({
      'requirements.txt': '-c pins.txt\n-r sub/reqs.txt\n',
      'pins.txt': 'a==1\nb==2\n',
      'sub/reqs.txt': 'a\n-c more-pins.txt\nc\n',
      'sub/more-pins.txt': 'c==3\n',
    });
    expect(
      result.packages.map((p) => [p.name, p.version, p.properties?.['python:constraint']]),
    ).toEqual([
      ['a', '1', 'pins.txt:1'],
      ['c', '3', 'sub/more-pins.txt:1'],
    ]);
  });

  it('ignores editables in constraints files with a warning', async () => {
    const result = await extract({ 'requirements.txt': 'a\n-c c.txt\n', 'c.txt': '-e ./x\n' });
    expect(result.packages.map((p) => p.name)).toEqual(['a']);
    expect(warningsOf(result)).toEqual([
      'c.txt:1: line 1: editable requirements are not allowed in constraints files; ignored',
    ]);
  });
});

describe('python/requirements: keys', () => {
  it('gives a second requirement of the same name and version a key of its own', async () => {
    // Only one of them is installed, by its marker; the root still depends on both.
    const result = await extract({
      'requirements.txt': [
        'foo @ git+https://example.com/a.git ; sys_platform == "linux"',
        'foo @ git+https://example.com/b.git ; sys_platform == "win32"',
        'bar==1',
        '-r more.txt',
      ].join('\n'),
      'more.txt': 'foo @ git+https://example.com/c.git\n',
    });
    expect(result.packages).toEqual([
      pkg('foo', undefined, 1, {
        source: { type: 'git', url: 'git+https://example.com/a.git' },
        properties: { 'python:marker': 'sys_platform == "linux"' },
      }),
      pkg('foo', undefined, 2, {
        key: 'foo@#2',
        source: { type: 'git', url: 'git+https://example.com/b.git' },
        properties: { 'python:marker': 'sys_platform == "win32"' },
      }),
      pkg('bar', '1', 3),
      pkg('foo', undefined, 1, {
        key: 'foo@#3',
        declaredIn: 'more.txt',
        source: { type: 'git', url: 'git+https://example.com/c.git' },
        properties: { 'python:included-from': 'requirements.txt:4' },
      }),
    ]);
    expect(result.root).toEqual({
      ecosystem: 'PyPI',
      dependsOn: ['foo@', 'foo@#2', 'bar@1', 'foo@#3'],
    });
  });
});

describe('python/requirements: malformed files', () => {
  it.each([
    ['prose', 'This project needs Python 3.\nInstall it with pip.\n', 1],
    ['only invalid lines', '\n# c\n==1.0\n', 3],
    ['only unknown options', '--frobnicate\n', 1],
  ])('throws an InputError for %s', async (_name, text, line) => {
    const error = await extract({ 'requirements.txt': text }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(line);
    expect((error as InputError).message).toMatch(
      /^requirements\.txt: no line is a requirement or an option pip accepts \(line \d+: /,
    );
  });

  it('throws an InputError for a binary file', async () => {
    await expect(extract({ 'requirements.txt': 'foo\u0000bar' })).rejects.toThrow(/binary/);
  });

  it(`throws an InputError past ${MAX_LINES} lines`, async () => {
    await expect(extract({ 'requirements.txt': 'x\n'.repeat(MAX_LINES + 1) })).rejects.toThrow(
      InputError,
    );
  });

  it('reads an empty file as no packages', async () => {
    expect(await extract({ 'requirements.txt': '' })).toEqual({ packages: [] });
    expect(await extract({ 'requirements.txt': '# nothing yet\n\n' })).toEqual({ packages: [] });
  });

  it('reads a file of options only as no packages', async () => {
    expect(await extract({ 'requirements.txt': '--index-url https://example.com\n' })).toEqual({
      packages: [],
    });
  });
});
