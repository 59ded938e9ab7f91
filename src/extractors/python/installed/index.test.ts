import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor, MAX_HEADER_BYTES } from './index.js';
import { parseHeaders } from './metadata.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const SITE = 'venv/lib/python3.12/site-packages';

describe('python/installed: which files', () => {
  it.each([
    ['venv/lib/python3.12/site-packages/requests-2.32.3.dist-info/METADATA', true],
    ['x.dist-info/METADATA', true],
    ['site-packages/six-1.16.0.egg-info/PKG-INFO', true],
    ['site-packages/distro_info-0.23-py3.8.egg-info', true],
    ['site-packages/legacy-0.1-py2.7.egg/EGG-INFO/PKG-INFO', true],
    ['requests-2.32.3.dist-info/RECORD', false],
    ['requests-2.32.3.dist-info/metadata', false],
    ['pkg/METADATA', false],
    ['sdist-1.0/PKG-INFO', false],
    ['x/EGG-INFO/PKG-INFO', false],
    ['x.dist-info/direct_url.json', false],
  ])('%s → %s', (path, wanted) => {
    expect(extractor.required({ path, base: path.split('/').pop() ?? path, size: 10 })).toBe(
      wanted,
    );
  });
});

describe('python/installed: a site-packages tree', () => {
  it.each([
    [
      'requests-2.32.3.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'requests',
            version: '2.32.3',
            line: 2,
            licenseStatements: [
              { value: 'Apache-2.0', kind: 'free-text' },
              { value: 'License :: OSI Approved :: Apache Software License', kind: 'classifier' },
            ],
            key: 'requests',
            // PySocks and chardet are only needed for extras.
            dependsOn: ['certifi', 'charset-normalizer', 'idna', 'urllib3'],
            declaredLicense: 'Apache-2.0',
            properties: {
              'python:home-page': 'https://requests.readthedocs.io',
              'python:project-url:documentation': 'https://requests.readthedocs.io',
              'python:project-url:source': 'https://github.com/psf/requests',
              'python:requested': 'true',
            },
          },
        ],
      },
    ],
    [
      'urllib3-2.2.2.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'urllib3',
            version: '2.2.2',
            line: 2,
            licenseStatements: [{ value: 'MIT', kind: 'spdx-field' }],
            key: 'urllib3',
            declaredLicense: 'MIT',
            properties: {
              'python:project-url:changelog':
                'https://github.com/urllib3/urllib3/blob/main/CHANGES.rst',
              'python:project-url:documentation': 'https://urllib3.readthedocs.io',
              'python:project-url:code': 'https://github.com/urllib3/urllib3',
              'python:project-url:issue tracker': 'https://github.com/urllib3/urllib3/issues',
            },
          },
        ],
      },
    ],
    [
      'charset_normalizer-3.3.2.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'charset-normalizer',
            version: '3.3.2',
            line: 2,
            licenseStatements: [
              { value: 'MIT', kind: 'free-text' },
              { value: 'License :: OSI Approved :: MIT License', kind: 'classifier' },
            ],
            key: 'charset-normalizer',
            declaredLicense: 'MIT',
            properties: { 'python:home-page': 'https://github.com/Ousret/charset_normalizer' },
          },
        ],
      },
    ],
    [
      'idna-3.7.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'idna',
            version: '3.7',
            line: 2,
            licenseStatements: [{ value: 'BSD-3-Clause', kind: 'spdx-field' }],
            key: 'idna',
            declaredLicense: 'BSD-3-Clause',
          },
        ],
      },
    ],
    [
      'certifi-2024.7.4.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'certifi',
            version: '2024.7.4',
            line: 2,
            licenseStatements: [{ value: 'MPL-2.0', kind: 'free-text' }],
            key: 'certifi',
            declaredLicense: 'MPL-2.0',
          },
        ],
      },
    ],
    [
      'toolkit-0.4.0.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'toolkit',
            version: '0.4.0',
            line: 2,
            key: 'toolkit',
            // Its own name and extra-only dependencies are no edges; markers are not evaluated.
            dependsOn: ['colorama', 'requests'],
            source: {
              type: 'git',
              url: 'git+https://github.com/example/toolkit.git',
              commit: '0123456789abcdef0123456789abcdef01234567',
            },
          },
        ],
      },
    ],
    [
      'local_lib-1.0.0.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'local-lib',
            version: '1.0.0',
            line: 2,
            key: 'local-lib',
            source: { type: 'editable', url: 'file:///home/dev/src/local-lib' },
          },
        ],
      },
    ],
    [
      'mywheel-2.0.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'mywheel',
            version: '2.0',
            line: 2,
            licenseStatements: [{ value: 'BSD-3-Clause', kind: 'free-text' }],
            key: 'mywheel',
            // Edges to a single-file egg-info, an .egg directory and an egg-info directory.
            dependsOn: ['distro-info', 'legacy-thing', 'six'],
            declaredLicense: 'BSD-3-Clause',
            source: {
              type: 'url',
              url: 'https://downloads.example.com/mywheel-2.0-py3-none-any.whl',
            },
            hashes: [
              {
                alg: 'sha256',
                value: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
              },
            ],
          },
        ],
      },
    ],
    [
      'broken_json-1.0.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          { ecosystem: 'PyPI', name: 'broken-json', version: '1.0', line: 2, key: 'broken-json' },
        ],
        warnings: [
          {
            message: 'direct_url.json is not the JSON structure PEP 610 describes; ignored',
            path: `${SITE}/broken_json-1.0.dist-info/direct_url.json`,
          },
        ],
      },
    ],
    [
      // A licence text in License is no licence name: the classifiers are kept instead.
      'oldlib-1.0.dist-info/METADATA',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'oldlib',
            version: '1.0',
            line: 2,
            licenseStatements: [
              { value: 'License :: OSI Approved :: MIT License', kind: 'classifier' },
              { value: 'License :: Freely Distributable', kind: 'classifier' },
            ],
            key: 'oldlib',
            properties: {
              'python:license-classifiers':
                'License :: OSI Approved :: MIT License; License :: Freely Distributable',
            },
          },
        ],
      },
    ],
    [
      'six-1.16.0.egg-info/PKG-INFO',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'six',
            version: '1.16.0',
            line: 2,
            licenseStatements: [
              { value: 'MIT', kind: 'free-text' },
              { value: 'License :: OSI Approved :: MIT License', kind: 'classifier' },
            ],
            key: 'six',
            declaredLicense: 'MIT',
            properties: { 'python:home-page': 'https://github.com/benjaminp/six' },
          },
        ],
      },
    ],
    [
      'distro_info-0.23-py3.8.egg-info',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'distro-info',
            version: '0.23ubuntu1',
            line: 2,
            licenseStatements: [{ value: 'ISC', kind: 'free-text' }],
            key: 'distro-info',
            declaredLicense: 'ISC',
          },
        ],
      },
    ],
    [
      'legacy_thing-0.1-py2.7.egg/EGG-INFO/PKG-INFO',
      {
        keyScope: SITE,
        packages: [
          {
            ecosystem: 'PyPI',
            name: 'legacy-thing',
            version: '0.1',
            line: 2,
            licenseStatements: [{ value: 'GPL', kind: 'free-text' }],
            key: 'legacy-thing',
            declaredLicense: 'GPL',
          },
        ],
      },
    ],
  ])('%s', async (file, expected) => {
    const result = await runExtractor(extractor, `${FIXTURES}site`, `${SITE}/${file}`);
    expect(result).toEqual(expected);
  });

  it("reads the project's own egg-info (beside setup.py, under src/) as the root", async () => {
    const result = await runExtractor(
      extractor,
      `${FIXTURES}project`,
      'src/my_project.egg-info/PKG-INFO',
    );
    expect(result).toEqual({
      packages: [],
      root: {
        ecosystem: 'PyPI',
        name: 'my-project',
        version: '0.1.0',
        declaredLicense: 'Apache-2.0',
      },
    });
  });
});

async function extract(files: Record<string, string>, file: string): Promise<ExtractResult> {
  return runExtractor(extractor, await tempTree(files), file);
}

const META = 'site-packages/pkg-1.0.dist-info/METADATA';

describe('python/installed: header parsing', () => {
  it.each([
    [
      'CRLF line ends',
      'Metadata-Version: 2.1\r\nName: pkg\r\nVersion: 1.0\r\n\r\nbody',
      { name: 'pkg', version: '1.0' },
    ],
    [
      'License-Expression wins over License',
      'Name: pkg\nVersion: 1\nLicense: MIT License\nLicense-Expression: MIT OR Apache-2.0\n',
      {
        declaredLicense: 'MIT OR Apache-2.0',
        // License-Expression supersedes License and the classifiers (PEP 639).
        licenseStatements: [{ value: 'MIT OR Apache-2.0', kind: 'spdx-field' }],
      },
    ],
    [
      'License and each licence classifier, each stated as what it is',
      'Name: pkg\nVersion: 1\nLicense: MIT\nClassifier: Programming Language :: Python\nClassifier: License :: OSI Approved :: MIT License\n',
      {
        declaredLicense: 'MIT',
        licenseStatements: [
          { value: 'MIT', kind: 'free-text' },
          { value: 'License :: OSI Approved :: MIT License', kind: 'classifier' },
        ],
      },
    ],
    [
      'UNKNOWN is no licence',
      'Name: pkg\nVersion: 1\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: BSD License\n',
      { properties: { 'python:license-classifiers': 'License :: OSI Approved :: BSD License' } },
    ],
    [
      'field names are case-insensitive',
      'name: pkg\nversion: 2\nlicense: ISC\n',
      { name: 'pkg', version: '2', declaredLicense: 'ISC' },
    ],
    [
      'a Name in the body does not count',
      'Version: 1\nName: real\n\nName: body\n',
      { name: 'real' },
    ],
    [
      'an invalid Requires-Dist is no edge',
      'Name: pkg\nVersion: 1\nRequires-Dist: ===\nRequires-Dist: ok (>=1)\n',
      { dependsOn: ['ok'] },
    ],
    [
      'a Project-URL without a label is skipped',
      'Name: pkg\nVersion: 1\nProject-URL: https://example.com\nProject-URL: Home, https://example.com/h\n',
      { properties: { 'python:project-url:home': 'https://example.com/h' } },
    ],
  ])('%s', async (_name, text, expected) => {
    const result = await extract({ [META]: text }, META);
    expect(result.packages[0]).toMatchObject(expected);
  });

  it('warns when Version is missing and reports no version', async () => {
    const result = await extract({ [META]: 'Name: pkg\n' }, META);
    expect(result).toEqual({
      packages: [{ ecosystem: 'PyPI', name: 'pkg', line: 1, key: 'pkg' }],
      keyScope: 'site-packages',
      warnings: [{ message: 'core metadata without a Version field', path: META }],
    });
  });

  it(`reads at most ${MAX_HEADER_BYTES} bytes of headers`, async () => {
    const filler = `Classifier: ${'x'.repeat(100)}\n`.repeat(Math.ceil(MAX_HEADER_BYTES / 100));
    const result = await extract({ [META]: `Name: big\nVersion: 1\n${filler}` }, META);
    expect(result.packages.map((p) => [p.name, p.version])).toEqual([['big', '1']]);
    expect(result.warnings).toEqual([
      {
        message: `the metadata header block is longer than ${MAX_HEADER_BYTES} bytes; only that much was read`,
        path: META,
      },
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['no Name field', 'Metadata-Version: 2.1\nVersion: 1.0\n'],
    ['an empty Name', 'Name:\nVersion: 1.0\n'],
    ['a Name only in the body', 'Version: 1.0\n\nName: pkg\n'],
    ['not metadata at all', '\u0000\u0001binary\u0002'],
    ['a continuation line first', '  Name: pkg\n'],
  ])('throws an InputError for %s', async (_name, text) => {
    const error = await extract({ [META]: text }, META).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      `${META}: core metadata without a Name field (expected \`Name: <project>\` in the header block before the first blank line)`,
    );
  });

  it('throws an InputError for a Name that is no project name', async () => {
    const error = await extract({ [META]: 'Metadata-Version: 2.1\nName: a/b\n' }, META).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(2);
  });
});

describe('python/installed: key scope', () => {
  // Every distribution of one environment shares the folder that holds them as its key scope,
  // so that `Requires-Dist` names resolve across their metadata files.
  it.each([
    ['usr/lib/python3/dist-packages/x-1.dist-info/METADATA', 'usr/lib/python3/dist-packages'],
    ['lib/site-packages/x-1.egg-info/PKG-INFO', 'lib/site-packages'],
    ['lib/site-packages/x-1-py3.8.egg-info', 'lib/site-packages'],
    ['lib/site-packages/x-1-py2.7.egg/EGG-INFO/PKG-INFO', 'lib/site-packages'],
    ['x-1.dist-info/METADATA', ''],
  ])('%s → %j', async (file, keyScope) => {
    const result = await extract({ [file]: 'Name: x\nVersion: 1\n' }, file);
    expect(result).toEqual({
      packages: [{ ecosystem: 'PyPI', name: 'x', version: '1', line: 1, key: 'x' }],
      keyScope,
    });
  });
});

describe('python/installed: the project itself', () => {
  it('reads an editable install of the scan root as the root', async () => {
    const root = await tempTree({ [META]: 'Name: me\nVersion: 0.1\n' });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      `${root}/site-packages/pkg-1.0.dist-info/direct_url.json`,
      JSON.stringify({ url: `file://${root}`, dir_info: { editable: true } }),
    );
    expect(await runExtractor(extractor, root, META)).toEqual({
      packages: [],
      root: { ecosystem: 'PyPI', name: 'me', version: '0.1' },
    });
  });

  it.each([
    [
      'an egg-info in site-packages beside a setup.py',
      {
        'lib/site-packages/setup.py': '',
        'lib/site-packages/x.egg-info/PKG-INFO': 'Name: x\nVersion: 1\n',
      },
      'lib/site-packages/x.egg-info/PKG-INFO',
    ],
    [
      'an egg-info with no project file near it',
      { 'build/x.egg-info/PKG-INFO': 'Name: x\nVersion: 1\n' },
      'build/x.egg-info/PKG-INFO',
    ],
  ])('reads %s as a package', async (_name, files, file) => {
    const result = await extract(files, file);
    expect(result.packages.map((p) => p.name)).toEqual(['x']);
    expect(result.root).toBeUndefined();
  });

  it('reads an egg-info beside pyproject.toml at the scan root as the root', async () => {
    const result = await extract(
      { 'pyproject.toml': '', 'x.egg-info/PKG-INFO': 'Name: x\nVersion: 1\n' },
      'x.egg-info/PKG-INFO',
    );
    expect(result).toEqual({ packages: [], root: { ecosystem: 'PyPI', name: 'x', version: '1' } });
  });
});

describe('parseHeaders', () => {
  it('unfolds continuation lines and stops at the first blank line', () => {
    const text =
      'Name: a\nLicense: line one\n        line two\n       |line three\nSummary:  spaced  \n\nBody: no';
    expect(parseHeaders(text, true)).toEqual([
      { name: 'Name', value: 'a', line: 1 },
      { name: 'License', value: 'line one\nline two\nline three', line: 2 },
      { name: 'Summary', value: 'spaced', line: 5 },
    ]);
  });

  it('drops the last line of cut text and ends at a line that is no header', () => {
    expect(parseHeaders('Name: a\nnot a header\nVersion: 1\n', true)).toEqual([
      { name: 'Name', value: 'a', line: 1 },
    ]);
    expect(parseHeaders('Name: a\nVersion: 1.0.1', false)).toEqual([
      { name: 'Name', value: 'a', line: 1 },
    ]);
  });
});
