/**
 * The installed tree through the whole scan (walker, every registered extractor, the core's
 * inventory): `Requires-Dist` edges resolve across the METADATA files of one `site-packages`,
 * because every file there shares its key scope.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../core/scan.js';
import type { ScanResult } from '../../../core/types.js';
import { tempTree } from '../../../testing/extract.js';
import { extractors } from '../../registry.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const SITE = 'venv/lib/python3.12/site-packages';

async function scanTree(path: string): Promise<ScanResult> {
  return scan({
    analyzers: [],
    path,
    extractors,
    tool: { name: 'openvet', version: 't' },
    now: () => new Date(0),
  });
}

function edges(result: ScanResult): Record<string, readonly string[]> {
  return Object.fromEntries(result.components.map((c) => [c.id, c.dependsOn]));
}

const TOOLKIT =
  'pkg:pypi/toolkit@0.4.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Ftoolkit.git%400123456789abcdef0123456789abcdef01234567';
const MYWHEEL =
  'pkg:pypi/mywheel@2.0?download_url=https%3A%2F%2Fdownloads.example.com%2Fmywheel-2.0-py3-none-any.whl';

describe('python/installed through scan()', () => {
  it('links every distribution of the site-packages fixture to the ones it requires', async () => {
    const result = await scanTree(`${FIXTURES}site`);
    expect(edges(result)).toEqual({
      // An editable install has no purl: its id names where it lives.
      'PyPI:local-lib@1.0.0?editable=file:///home/dev/src/local-lib': [],
      'pkg:pypi/broken-json@1.0': [],
      'pkg:pypi/certifi@2024.7.4': [],
      'pkg:pypi/charset-normalizer@3.3.2': [],
      'pkg:pypi/distro-info@0.23ubuntu1': [],
      'pkg:pypi/idna@3.7': [],
      'pkg:pypi/legacy-thing@0.1': [],
      // A single-file egg-info, an .egg directory and an egg-info directory of the same folder.
      [MYWHEEL]: [
        'pkg:pypi/distro-info@0.23ubuntu1',
        'pkg:pypi/legacy-thing@0.1',
        'pkg:pypi/six@1.16.0',
      ],
      'pkg:pypi/oldlib@1.0': [],
      // PySocks and chardet are extra-only: no edges.
      'pkg:pypi/requests@2.32.3': [
        'pkg:pypi/certifi@2024.7.4',
        'pkg:pypi/charset-normalizer@3.3.2',
        'pkg:pypi/idna@3.7',
        'pkg:pypi/urllib3@2.2.2',
      ],
      'pkg:pypi/six@1.16.0': [],
      // colorama is not installed: no edge to a component that is not there.
      [TOOLKIT]: ['pkg:pypi/requests@2.32.3'],
      'pkg:pypi/urllib3@2.2.2': [],
    });
    expect(result.components.find((c) => c.name === 'requests')).toEqual({
      id: 'pkg:pypi/requests@2.32.3',
      kind: 'package',
      ecosystem: 'PyPI',
      name: 'requests',
      version: '2.32.3',
      purl: 'pkg:pypi/requests@2.32.3',
      scope: 'unknown',
      groups: [],
      locations: [{ path: `${SITE}/requests-2.32.3.dist-info/METADATA`, line: 2 }],
      foundBy: ['python/installed'],
      dependsOn: [
        'pkg:pypi/certifi@2024.7.4',
        'pkg:pypi/charset-normalizer@3.3.2',
        'pkg:pypi/idna@3.7',
        'pkg:pypi/urllib3@2.2.2',
      ],
      declaredLicense: 'Apache-2.0',
      properties: {
        'python:home-page': 'https://requests.readthedocs.io',
        'python:project-url:documentation': 'https://requests.readthedocs.io',
        'python:project-url:source': 'https://github.com/psf/requests',
        'python:requested': 'true',
      },
    });
    expect(result.errors).toEqual([
      {
        path: `${SITE}/broken_json-1.0.dist-info/direct_url.json`,
        plugin: 'python/installed',
        message: 'direct_url.json is not the JSON structure PEP 610 describes; ignored',
      },
    ]);
  });

  it('keeps the edges of two environments apart', async () => {
    const root = await tempTree({
      'a/site-packages/app-1.0.dist-info/METADATA': 'Name: app\nVersion: 1.0\nRequires-Dist: dep\n',
      'a/site-packages/dep-1.0.dist-info/METADATA': 'Name: dep\nVersion: 1.0\n',
      'b/site-packages/app-2.0.dist-info/METADATA': 'Name: app\nVersion: 2.0\nRequires-Dist: dep\n',
      'b/site-packages/dep-2.0.dist-info/METADATA': 'Name: dep\nVersion: 2.0\n',
    });
    expect(edges(await scanTree(root))).toEqual({
      'pkg:pypi/app@1.0': ['pkg:pypi/dep@1.0'],
      'pkg:pypi/app@2.0': ['pkg:pypi/dep@2.0'],
      'pkg:pypi/dep@1.0': [],
      'pkg:pypi/dep@2.0': [],
    });
  });

  it('folds an unpinned requirement into the one installed version', async () => {
    const root = await tempTree({
      'requirements.txt': 'Requests\n',
      'venv/lib/python3.12/site-packages/requests-2.32.3.dist-info/METADATA':
        'Name: requests\nVersion: 2.32.3\nRequires-Dist: idna\n',
      'venv/lib/python3.12/site-packages/idna-3.7.dist-info/METADATA': 'Name: idna\nVersion: 3.7\n',
    });
    const result = await scanTree(root);
    expect(
      result.components.map((c) => [c.id, c.scope, c.locations, c.foundBy, c.dependsOn]),
    ).toEqual([
      [
        'pkg:pypi/idna@3.7',
        'unknown',
        [{ path: 'venv/lib/python3.12/site-packages/idna-3.7.dist-info/METADATA', line: 1 }],
        ['python/installed'],
        [],
      ],
      [
        'pkg:pypi/requests@2.32.3',
        'direct',
        [
          { path: 'requirements.txt', line: 1 },
          { path: 'venv/lib/python3.12/site-packages/requests-2.32.3.dist-info/METADATA', line: 1 },
        ],
        ['python/installed', 'python/requirements'],
        ['pkg:pypi/idna@3.7'],
      ],
    ]);
    expect(result.target.dependsOn).toEqual(['pkg:pypi/requests@2.32.3']);
  });
});
