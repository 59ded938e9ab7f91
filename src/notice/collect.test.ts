import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzers } from '../analyzers/registry.js';
import { createScanFs } from '../core/fs.js';
import { scan } from '../core/scan.js';
import type { ScanResult } from '../core/types.js';
import { extractors } from '../extractors/registry.js';
import { collectNotices, expressionIds, type NoticeDocument } from './collect.js';
import { renderNotice } from './render.js';

const MIT = `MIT License

Copyright (c) 2021 Alice Example

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

let dir: string;
let result: ScanResult;
let doc: NoticeDocument;

async function put(rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openvet-notice-'));
  await put(
    'package.json',
    JSON.stringify({
      name: 'app',
      version: '1.0.0',
      license: 'UNLICENSED',
      dependencies: { alpha: '1.0.0', beta: '2.0.0', gamma: '3.0.0' },
      devDependencies: { delta: '4.0.0' },
    }),
  );
  const pkg = (name: string, version: string, extra: object = {}): object => ({
    version,
    resolved: `https://registry.example/${name}/-/${name}-${version}.tgz`,
    ...extra,
  });
  await put(
    'package-lock.json',
    JSON.stringify({
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      packages: {
        '': {
          name: 'app',
          version: '1.0.0',
          dependencies: { alpha: '1.0.0', beta: '2.0.0', gamma: '3.0.0' },
          devDependencies: { delta: '4.0.0' },
        },
        'node_modules/alpha': pkg('alpha', '1.0.0', { license: 'MIT' }),
        'node_modules/beta': pkg('beta', '2.0.0', { license: 'Apache-2.0' }),
        'node_modules/gamma': pkg('gamma', '3.0.0'),
        'node_modules/delta': pkg('delta', '4.0.0', { dev: true, license: 'MIT' }),
      },
    }),
  );
  await put(
    'node_modules/alpha/package.json',
    JSON.stringify({ name: 'alpha', version: '1.0.0', license: 'MIT' }),
  );
  await put('node_modules/alpha/LICENSE', MIT);
  await put(
    'node_modules/beta/package.json',
    JSON.stringify({ name: 'beta', version: '2.0.0', license: 'Apache-2.0' }),
  );
  await put(
    'node_modules/beta/NOTICE',
    'Beta\nCopyright 2015-2020 The Beta Authors\n\nThis product includes software developed at Example.\n',
  );
  await put('node_modules/gamma/package.json', JSON.stringify({ name: 'gamma', version: '3.0.0' }));
  await put(
    'node_modules/delta/package.json',
    JSON.stringify({ name: 'delta', version: '4.0.0', license: 'MIT' }),
  );
  await put(
    'models/Llama-3.1-acme/README.md',
    '---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Llama-3.1-acme\n',
  );
  await put('models/Llama-3.1-acme/config.json', '{"model_type":"llama"}');
  await put(
    'models/Llama-3.1-acme/model.safetensors',
    '\u0008\u0000\u0000\u0000\u0000\u0000\u0000\u0000{}      ',
  );
  result = await scan({
    path: dir,
    extractors,
    analyzers: analyzers.filter((a) => a.name.startsWith('license/')),
    tool: { name: 'openvet', version: '0.0.0' },
    now: () => new Date('2026-01-01T00:00:00Z'),
    offline: true,
    exclude: [],
    env: {},
  });
  doc = await collectNotices(result, createScanFs(dir));
});

function member(name: string) {
  for (const group of doc.groups) {
    const found = group.components.find((c) => c.name === name);
    if (found !== undefined) return { group, component: found };
  }
  return undefined;
}

describe('collectNotices', () => {
  it('groups shipped components by licence and leaves dev-only ones out', () => {
    expect(doc.groups.map((g) => g.license)).toEqual(['Apache-2.0', 'LicenseRef-llama3.1', 'MIT']);
    expect(member('delta')).toBeUndefined();
    expect(doc.excludedDev).toBe(1);
  });

  it("reproduces a component's own licence file and its copyright lines", () => {
    const alpha = member('alpha');
    expect(alpha?.component.copyrights).toEqual(['Copyright (c) 2021 Alice Example']);
    expect(alpha?.component.files.map((f) => f.path)).toEqual(['node_modules/alpha/LICENSE']);
    // Every MIT component has its own text: no reference text needed.
    expect(alpha?.group.references).toEqual([]);
  });

  it('carries NOTICE files and gives the reference text where no licence file was found', () => {
    const beta = member('beta');
    expect(beta?.component.files.map((f) => f.path)).toEqual(['node_modules/beta/NOTICE']);
    expect(beta?.component.copyrights).toEqual(['Copyright 2015-2020 The Beta Authors']);
    expect(beta?.group.references.map((r) => r.id)).toEqual(['Apache-2.0']);
    expect(beta?.group.references[0]?.text).toMatch(/^Apache License/);
  });

  it('adds the notices an AI licence requires', () => {
    const llama = doc.groups.find((g) => g.license === 'LicenseRef-llama3.1');
    expect(llama?.components[0]?.notices).toEqual([
      'Built with Llama',
      'Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.',
    ]);
    expect(llama?.references[0]?.url).toMatch(/^https:\/\//);
  });

  it('lists components with no determined licence for review', () => {
    expect(doc.unknown.map((c) => c.name)).toEqual(['gamma']);
  });

  it('includes dev-only components when asked', async () => {
    const all = await collectNotices(result, createScanFs(dir), { includeDev: true });
    expect(all.excludedDev).toBe(0);
    expect(all.groups.find((g) => g.license === 'MIT')?.components.map((c) => c.name)).toEqual([
      'alpha',
      'delta',
    ]);
  });
});

describe('renderNotice', () => {
  it('text: licence headings, components, copyrights, notices and texts', () => {
    const text = renderNotice(doc, 'text');
    expect(text).toMatch(/^THIRD-PARTY SOFTWARE NOTICES AND INFORMATION\napp uses/);
    expect(text).toContain('MIT (MIT License)');
    expect(text).toContain('* alpha 1.0.0\n  Copyright (c) 2021 Alice Example');
    expect(text).toContain('  Notice: Built with Llama');
    expect(text).toContain('This product includes software developed at Example.');
    expect(text).toMatch(/LICENCE NOT DETERMINED[^]*\* gamma 3\.0\.0/);
  });

  it('markdown: headings, collapsed files, fences that a text cannot close', () => {
    const tricky: NoticeDocument = {
      ...doc,
      groups: [
        {
          license: 'MIT',
          components: [
            {
              id: 'x',
              name: 'x_y',
              kind: 'package',
              copyrights: [],
              notices: [],
              hasLicenseText: true,
              files: [{ path: 'LICENSE', text: 'a ``` b' }],
            },
          ],
          references: [],
        },
      ],
      unknown: [],
    };
    const md = renderNotice(tricky, 'markdown');
    expect(md).toContain('### x\\_y');
    expect(md).toContain('<details>\n<summary>LICENSE</summary>\n\n````\na ``` b\n````');
    expect(renderNotice(doc, 'markdown')).toContain('## Licence not determined');
  });
});

describe('expressionIds', () => {
  it.each([
    ['MIT', ['MIT']],
    ['(MIT OR Apache-2.0) AND BSD-3-Clause', ['MIT', 'Apache-2.0', 'BSD-3-Clause']],
    [
      'GPL-2.0-or-later WITH Classpath-exception-2.0',
      ['GPL-2.0-or-later', 'Classpath-exception-2.0'],
    ],
    ['GPL-2.0+', ['GPL-2.0']],
  ])('%s', (expression, ids) => {
    expect(expressionIds(expression)).toEqual(ids);
  });
});
