import { describe, expect, it } from 'vitest';
import { createScanFs } from '../../../core/fs.js';
import { scan } from '../../../core/scan.js';
import type {
  Component,
  Evidence,
  LicenseEvidence,
  LicenseMismatchEvidence,
  Target,
} from '../../../core/types.js';
import { extractors } from '../../../extractors/registry.js';
import { tempTree } from '../../../testing/extract.js';
import { spdxText as text } from '../../../testing/spdx-texts.js';
import { isLicenseFileName } from './files.js';
import { analyzer, blankFrontMatter } from './index.js';

function component(id: string, over: Partial<Component>): Component {
  return {
    id,
    kind: 'package',
    ecosystem: 'npm',
    name: id,
    scope: 'transitive',
    groups: [],
    locations: [],
    foundBy: ['test'],
    dependsOn: [],
    ...over,
  };
}

function declaredEvidence(componentId: string, value: string, path: string): LicenseEvidence {
  return {
    id: `license:${componentId}`,
    kind: 'license',
    componentId,
    source: 'test',
    confidence: 'declared',
    expression: value,
    role: 'declared',
    statedAs: 'spdx-field',
    location: { path, line: 3 },
  };
}

const target: Target = { path: '.', type: 'directory', name: 'app', dependsOn: [] };

describe('license/component: which files are licence files', () => {
  it.each([
    ['LICENSE', true],
    ['LICENSE.md', true],
    ['license.txt', true],
    ['LICENCE', true],
    ['LICENSE-MIT', true],
    ['LICENSE.APACHE2', true],
    ['MIT-LICENSE', true],
    ['COPYING', true],
    ['COPYING.LESSER', true],
    ['NOTICE', true],
    ['UNLICENSE', true],
    ['license.js', false],
    ['licenses.json', false],
    ['license.d.ts', false],
    ['README.md', false],
    ['index.js', false],
    ['licensed-helper.txt', false],
  ])('%s → %s', (name, expected) => {
    expect(isLicenseFileName(name)).toBe(expected);
  });
});

describe('license/component: model cards', () => {
  it.each([
    ['---\nlicense: mit\n---\n# x\nMIT', '\n\n\n# x\nMIT'],
    ['# no front matter\nlicense: mit', '# no front matter\nlicense: mit'],
    ['---\nlicense: mit\nnever closed', '---\nlicense: mit\nnever closed'],
  ])('blanks the front matter of %j, keeping line numbers', (input, expected) => {
    expect(blankFrontMatter(input)).toBe(expected);
  });
});

describe('license/component: the analyzer', () => {
  it('reads the licence files of installed packages, dist-infos and model folders', async () => {
    const root = await tempTree({
      'node_modules/a/package.json': '{"name":"a","version":"1.0.0","license":"MIT"}',
      'node_modules/a/LICENSE': text('Apache-2.0'),
      'node_modules/b/package.json': '{"name":"b","version":"1.0.0"}',
      'node_modules/b/LICENSE-MIT': text('MIT'),
      'node_modules/b/LICENSE-ISC': text('ISC'),
      'node_modules/b/license.js': 'module.exports = "MIT";',
      'site/x-1.0.dist-info/METADATA': 'Name: x\nVersion: 1.0\n',
      'site/x-1.0.dist-info/licenses/LICENSE': text('BSD-3-Clause'),
      'models/m/README.md': '---\nlicense: llama3.1\n---\n# m\n',
      'models/m/model.safetensors': 'x',
    });
    const components = [
      component('a', { locations: [{ path: 'node_modules/a/package.json', line: 1 }] }),
      component('b', { locations: [{ path: 'node_modules/b/package.json', line: 1 }] }),
      component('x', {
        ecosystem: 'PyPI',
        locations: [{ path: 'site/x-1.0.dist-info/METADATA', line: 1 }],
      }),
      component('m', {
        kind: 'model',
        ecosystem: 'huggingface',
        locations: [
          { path: 'app.py', line: 4 },
          { path: 'models/m' },
          { path: 'models/m/README.md' },
        ],
      }),
      // A lockfile-only package: its lockfile folder is the project's, never read as its own.
      component('c', { locations: [{ path: 'package-lock.json', line: 9 }] }),
    ];
    const evidence: Evidence[] = [
      declaredEvidence('a', 'MIT', 'node_modules/a/package.json'),
      {
        ...declaredEvidence('m', 'llama3.1', 'models/m/README.md'),
        statedAs: 'hf-tag',
      },
      declaredEvidence('c', 'ISC', 'package-lock.json'),
    ];
    const result = await analyzer.analyze({
      components,
      evidence,
      target,
      fs: createScanFs(root),
      env: {},
      allPaths: new Set(),
    });
    const byId = new Map(result.componentUpdates?.map((u) => [u.id, u.license]));
    expect(byId.get('a')).toMatchObject({
      declared: 'MIT',
      detected: ['Apache-2.0'],
      status: 'mismatch',
    });
    expect(byId.get('a')?.concluded).toBeUndefined();
    expect(byId.get('b')).toMatchObject({
      detected: ['ISC', 'MIT'],
      concluded: 'ISC AND MIT',
      status: 'detected',
    });
    expect(byId.get('x')).toMatchObject({ concluded: 'BSD-3-Clause', status: 'detected' });
    expect(byId.get('m')).toMatchObject({
      declared: 'LicenseRef-llama3.1',
      concluded: 'LicenseRef-llama3.1',
      status: 'declared',
    });
    expect(byId.get('c')).toMatchObject({ concluded: 'ISC', status: 'declared' });
    expect(byId.get('c')?.reason).toMatch(/not on disk/);

    const mismatch = result.evidence.filter(
      (e): e is LicenseMismatchEvidence => e.kind === 'license-mismatch',
    );
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]).toMatchObject({
      componentId: 'a',
      declared: [
        {
          expression: 'MIT',
          confidence: 'declared',
          location: { path: 'node_modules/a/package.json', line: 3 },
        },
      ],
      detected: [
        {
          expression: 'Apache-2.0',
          confidence: 'exact',
          location: { path: 'node_modules/a/LICENSE', line: 1 },
        },
      ],
    });
    const detectedA = result.evidence.find(
      (e): e is LicenseEvidence => e.kind === 'license' && e.componentId === 'a',
    );
    expect(detectedA).toMatchObject({
      role: 'detected',
      expression: 'Apache-2.0',
      confidence: 'exact',
      location: { path: 'node_modules/a/LICENSE', line: 1 },
    });
    expect(detectedA?.location?.endLine).toBeGreaterThan(50);
    expect(result.errors).toEqual([]);
    // LICENSE of a, LICENSE-MIT and LICENSE-ISC of b, the dist-info licence, the model card.
    expect(result.filesRead).toBe(5);
  });

  it("concludes the choice a package's README states over its licence files, not their AND", async () => {
    const readme =
      '# d\n\n## License\n\nLicensed under either of\n\n * Apache License, Version 2.0 ([LICENSE-APACHE](LICENSE-APACHE))\n * MIT license ([LICENSE-MIT](LICENSE-MIT))\n\nat your option.\n';
    const root = await tempTree({
      'node_modules/d/package.json': '{"name":"d","version":"1.0.0"}',
      'node_modules/d/LICENSE-APACHE': text('Apache-2.0'),
      'node_modules/d/LICENSE-MIT': text('MIT'),
      'node_modules/d/README.md': readme,
      // A README naming other licences is not read as the package's.
      'node_modules/e/package.json': '{"name":"e","version":"1.0.0"}',
      'node_modules/e/LICENSE': text('MIT'),
      'node_modules/e/README.md': 'Licensed under the ISC license.\n',
    });
    const result = await analyzer.analyze({
      components: [
        component('d', { locations: [{ path: 'node_modules/d/package.json', line: 1 }] }),
        component('e', { locations: [{ path: 'node_modules/e/package.json', line: 1 }] }),
      ],
      evidence: [],
      target,
      fs: createScanFs(root),
      env: {},
      allPaths: new Set(),
    });
    const byId = new Map(result.componentUpdates?.map((u) => [u.id, u.license]));
    expect(byId.get('d')).toMatchObject({ concluded: 'Apache-2.0 OR MIT', status: 'detected' });
    expect(byId.get('d')?.reason).toMatch(/README\.md/);
    expect(byId.get('e')).toMatchObject({ concluded: 'MIT', detected: ['MIT'] });
  });

  it('reads a file shared by several components once', async () => {
    const root = await tempTree({
      'node_modules/a/package.json': '{}',
      'node_modules/a/LICENSE': text('MIT'),
    });
    const shared = [{ path: 'node_modules/a/package.json' }];
    const result = await analyzer.analyze({
      components: [component('a1', { locations: shared }), component('a2', { locations: shared })],
      evidence: [],
      target,
      fs: createScanFs(root),
      env: {},
      allPaths: new Set(),
    });
    expect(result.componentUpdates?.map((u) => u.license?.concluded)).toEqual(['MIT', 'MIT']);
    expect(result.filesRead).toBe(1);
  });

  it('gives the scanned project its licence from its manifest and root licence file', async () => {
    const root = await tempTree({
      'package.json': '{"name":"app","version":"1.0.0","license":"MIT"}',
      'node_modules/.package-lock.json': '{"name":"app","lockfileVersion":3,"packages":{}}',
      LICENSE: text('MIT'),
    });
    const result = await scan({
      path: root,
      extractors,
      tool: { name: 'openvet', version: 't' },
      now: () => new Date(0),
    });
    expect(result.target.license).toMatchObject({ concluded: 'MIT', detected: ['MIT'] });
  });

  it('gives a REUSE project its licences from its LICENSES/ folder and REUSE.toml', async () => {
    const root = await tempTree({
      'package.json': '{"name":"app","version":"1.0.0"}',
      'node_modules/.package-lock.json': '{"name":"app","lockfileVersion":3,"packages":{}}',
      'LICENSES/MIT.txt': text('MIT'),
      'LICENSES/LicenseRef-Acme-Logo.txt': 'The logo may only be used by Acme.\n',
      'REUSE.toml':
        'version = 1\n\n[[annotations]]\npath = "docs/**"\nSPDX-License-Identifier = "CC-BY-4.0"\n',
    });
    const result = await scan({
      path: root,
      extractors,
      tool: { name: 'openvet', version: 't' },
      now: () => new Date(0),
    });
    expect(result.target.license?.detected).toEqual(['CC-BY-4.0', 'LicenseRef-Acme-Logo', 'MIT']);
    expect(result.target.license?.concluded).toBe('CC-BY-4.0 AND LicenseRef-Acme-Logo AND MIT');
    // A "licenses/" folder of other works' licence texts is no REUSE folder.
    const vendored = await tempTree({
      'package.json': '{"name":"app","version":"1.0.0","license":"MIT"}',
      'node_modules/.package-lock.json': '{"name":"app","lockfileVersion":3,"packages":{}}',
      LICENSE: text('MIT'),
      'licenses/GPL-3.0.txt': text('GPL-3.0-only'),
    });
    const plain = await scan({
      path: vendored,
      extractors,
      tool: { name: 'openvet', version: 't' },
      now: () => new Date(0),
    });
    expect(plain.target.license?.concluded).toBe('MIT');
  });
});
