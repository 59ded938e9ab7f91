/**
 * Requirements files through the whole scan (walker, every registered extractor, the core's
 * inventory): an included requirement is located in the file that writes it, and an unpinned
 * requirement folds into the one pinned version the scan found.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../core/scan.js';
import type { ScanResult } from '../../../core/types.js';
import { tempTree } from '../../../testing/extract.js';
import { extractors } from '../../registry.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

async function scanTree(path: string): Promise<ScanResult> {
  return scan({
    analyzers: [],
    path,
    extractors,
    tool: { name: 'openvet', version: 't' },
    now: () => new Date(0),
  });
}

const INTERNAL_CLIENT =
  'pkg:pypi/internal-client?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Finternal-client.git%40v2.1.0';

describe('python/requirements through scan()', () => {
  it('inventories the project fixture: requirements.txt, requirements/*.txt and their includes', async () => {
    const result = await scanTree(`${FIXTURES}project`);
    const common = {
      kind: 'package',
      ecosystem: 'PyPI',
      scope: 'direct',
      groups: [],
      foundBy: ['python/requirements'],
      dependsOn: [],
    } as const;
    expect(result.components).toEqual([
      // Local code has no purl: the id names where it lives.
      {
        ...common,
        id: 'PyPI:shared-utils?editable=./libs/shared-utils',
        name: 'shared-utils',
        locations: [{ path: 'requirements.txt', line: 10 }],
        source: { type: 'editable', url: './libs/shared-utils' },
      },
      {
        ...common,
        id: 'PyPI:toolkit?editable=git+https://github.com/example/toolkit.git',
        name: 'toolkit',
        locations: [{ path: 'requirements.txt', line: 11 }],
        source: {
          type: 'editable',
          url: 'git+https://github.com/example/toolkit.git',
          commit: '0123456789abcdef0123456789abcdef01234567',
        },
      },
      {
        ...common,
        id: 'pkg:pypi/celery@5.4.0',
        name: 'celery',
        version: '5.4.0',
        purl: 'pkg:pypi/celery@5.4.0',
        locations: [{ path: 'requirements/base.txt', line: 2 }],
        properties: {
          'python:extras': 'redis',
          'python:included-from': 'requirements.txt:3',
          'python:marker': 'python_version >= "3.8"',
        },
      },
      // requirements/base.txt read on its own (and through requirements/dev.txt) names
      // `django>=4.2,<5` without a version: folded into the version constraints.txt pins.
      {
        ...common,
        id: 'pkg:pypi/django@4.2.16',
        name: 'django',
        version: '4.2.16',
        purl: 'pkg:pypi/django@4.2.16',
        locations: [{ path: 'requirements/base.txt', line: 1 }],
        properties: {
          'python:constraint': 'constraints.txt:1',
          'python:included-from': 'requirements.txt:3',
          'python:specifier': '>=4.2,<5',
        },
      },
      {
        ...common,
        id: 'pkg:pypi/gunicorn@22.0.0',
        name: 'gunicorn',
        version: '22.0.0',
        purl: 'pkg:pypi/gunicorn@22.0.0',
        locations: [{ path: 'requirements.txt', line: 7 }],
        hashes: [
          {
            alg: 'sha256',
            value: '07d1287b6561cdffcd9985592fab34453e63b83eb6cbfaacaf3a6d584abf3419',
          },
          {
            alg: 'sha256',
            value: '092ae18173ee53c7d39e6214481f280f04648f31b99c9b8b8c243331217a3d6c',
          },
        ],
      },
      {
        ...common,
        id: INTERNAL_CLIENT,
        name: 'internal-client',
        purl: INTERNAL_CLIENT,
        locations: [{ path: 'requirements.txt', line: 12 }],
        source: { type: 'git', url: 'git+https://github.com/example/internal-client.git@v2.1.0' },
      },
      {
        ...common,
        id: 'pkg:pypi/psycopg@3.2.1',
        name: 'psycopg',
        version: '3.2.1',
        purl: 'pkg:pypi/psycopg@3.2.1',
        locations: [{ path: 'requirements/base.txt', line: 3 }],
        properties: {
          'python:constraint': 'constraints.txt:2',
          'python:extras': 'binary',
          'python:included-from': 'requirements.txt:3',
        },
      },
      {
        ...common,
        id: 'pkg:pypi/pytest@8.3.2',
        name: 'pytest',
        version: '8.3.2',
        purl: 'pkg:pypi/pytest@8.3.2',
        locations: [{ path: 'requirements/dev.txt', line: 4 }],
      },
      // Unpinned everywhere: no version to fold into.
      {
        ...common,
        id: 'pkg:pypi/requests',
        name: 'requests',
        purl: 'pkg:pypi/requests',
        locations: [{ path: 'requirements/common.txt', line: 1 }],
        properties: { 'python:included-from': 'requirements.txt:3' },
      },
    ]);
    expect(result.target.dependsOn).toEqual([
      'PyPI:shared-utils?editable=./libs/shared-utils',
      'PyPI:toolkit?editable=git+https://github.com/example/toolkit.git',
      'pkg:pypi/celery@5.4.0',
      'pkg:pypi/django@4.2.16',
      'pkg:pypi/gunicorn@22.0.0',
      INTERNAL_CLIENT,
      'pkg:pypi/psycopg@3.2.1',
      'pkg:pypi/pytest@8.3.2',
      'pkg:pypi/requests',
    ]);
    expect(result.errors).toEqual([]);
  });

  it('locates an included requirement in the included file, not at the -r line', async () => {
    const root = await tempTree({
      'requirements.txt': '# app\n\n-r deps/pinned.txt\n',
      'deps/pinned.txt': '# pinned\nflask==3.0.3\n',
    });
    const result = await scanTree(root);
    expect(result.components.map((c) => [c.id, c.locations, c.properties])).toEqual([
      [
        'pkg:pypi/flask@3.0.3',
        [{ path: 'deps/pinned.txt', line: 2 }],
        { 'python:included-from': 'requirements.txt:3' },
      ],
    ]);
  });

  it('folds an unpinned django of a standalone file into the pinned one', async () => {
    const root = await tempTree({
      'requirements.txt': 'django==4.2.16\n',
      'tools/requirements.txt': 'Django\nblack\n',
    });
    const result = await scanTree(root);
    expect(result.components.map((c) => [c.id, c.version, c.scope, c.locations])).toEqual([
      ['pkg:pypi/black', undefined, 'direct', [{ path: 'tools/requirements.txt', line: 2 }]],
      [
        'pkg:pypi/django@4.2.16',
        '4.2.16',
        'direct',
        [
          { path: 'requirements.txt', line: 1 },
          { path: 'tools/requirements.txt', line: 1 },
        ],
      ],
    ]);
    expect(result.target.dependsOn).toEqual(['pkg:pypi/black', 'pkg:pypi/django@4.2.16']);
  });

  it('keeps an unpinned django apart when two versions are pinned: it could be either', async () => {
    const root = await tempTree({
      'a/requirements.txt': 'django==4.2.16\n',
      'b/requirements.txt': 'django==5.1.1\n',
      'tools/requirements.txt': 'django\n',
    });
    const result = await scanTree(root);
    expect(result.components.map((c) => [c.id, c.locations])).toEqual([
      ['pkg:pypi/django', [{ path: 'tools/requirements.txt', line: 1 }]],
      ['pkg:pypi/django@4.2.16', [{ path: 'a/requirements.txt', line: 1 }]],
      ['pkg:pypi/django@5.1.1', [{ path: 'b/requirements.txt', line: 1 }]],
    ]);
  });

  it('makes the project depend on every requirement of one name, whatever its source', async () => {
    const root = await tempTree({
      'requirements.txt': [
        'foo @ git+https://example.com/a.git ; sys_platform == "linux"',
        'foo @ git+https://example.com/b.git ; sys_platform == "win32"',
      ].join('\n'),
    });
    const result = await scanTree(root);
    const ids = [
      'pkg:pypi/foo?vcs_url=git%2Bhttps%3A%2F%2Fexample.com%2Fa.git',
      'pkg:pypi/foo?vcs_url=git%2Bhttps%3A%2F%2Fexample.com%2Fb.git',
    ];
    expect(result.components.map((c) => c.id)).toEqual(ids);
    expect(result.target.dependsOn).toEqual(ids);
  });
});
