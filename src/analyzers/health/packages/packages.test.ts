import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScanFs } from '../../../core/fs.js';
import { inspectNpmPackage, repositoryUrl } from './npm.js';
import { scriptTraits } from './obfuscation.js';
import { inspectDistribution } from './pypi.js';

let dir: string;

async function put(rel: string, text: string | Buffer): Promise<void> {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
}

const hexObfuscated = Array.from(
  { length: 30 },
  (_, i) => `var _0x${(0x1a2b + i).toString(16)}=${i};`,
).join('\n');
const minifiedLine = `!function(e){${'var a=1,b=2;'.repeat(400)}}();`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openvet-traits-'));
  await put(
    'node_modules/plain/package.json',
    JSON.stringify({
      name: 'plain',
      version: '1.0.0',
      repository: 'github:acme/plain',
      scripts: { test: 'jest' },
    }),
  );
  await put(
    'node_modules/plain/index.js',
    'module.exports = function add(a, b) {\n  return a + b;\n};\n',
  );
  await put(
    'node_modules/risky/package.json',
    JSON.stringify({
      name: 'risky',
      version: '2.0.0',
      scripts: { postinstall: 'node setup.js', preinstall: '' },
      repository: { type: 'git', url: 'git+https://gitlab.com/x/risky.git' },
      deprecated: 'use safe instead',
    }),
  );
  await put('node_modules/risky/dist/app.min.js', minifiedLine);
  await put('node_modules/risky/lib/x.js', hexObfuscated);
  await put('node_modules/risky/build/Release/addon.node', Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  await put('node_modules/risky/node_modules/inner/package.json', '{"name":"inner"}');
  await put('node_modules/risky/node_modules/inner/evil.js', hexObfuscated);
  await put('node_modules/gyp/package.json', JSON.stringify({ name: 'gyp', version: '1.0.0' }));
  await put('node_modules/gyp/binding.gyp', '{}');
  await put('node_modules/gyp/src/addon.cc', 'int x;');
  await put('node_modules/broken/package.json', '{not json');
  await put(
    'site-packages/foo-1.0.dist-info/METADATA',
    [
      'Metadata-Version: 2.1',
      'Name: foo',
      'Version: 1.0',
      'Author: Jane Doe',
      'Maintainer: Acme Team',
      'Home-page: https://foo.example',
      'Project-URL: Source Code, https://github.com/acme/foo',
      'Project-URL: Documentation, https://docs.example',
      'Classifier: Development Status :: 7 - Inactive',
      '',
      'Long description.',
    ].join('\n'),
  );
  await put(
    'site-packages/foo-1.0.dist-info/RECORD',
    'foo/__init__.py,sha256=x,10\nfoo/_speedups.cpython-311-x86_64-linux-gnu.so,sha256=y,20\nfoo-1.0.dist-info/METADATA,,\n',
  );
  await put(
    'site-packages/foo-1.0.dist-info/entry_points.txt',
    '[console_scripts]\nfoo = foo.cli:main\nfoo-admin=foo.admin:main\n\n[foo.plugins]\nbar = foo.bar\n',
  );
  await put(
    'site-packages/bar-2.0.dist-info/METADATA',
    'Metadata-Version: 2.1\nName: bar\nVersion: 2.0\nHome-page: https://github.com/acme/bar\n\n',
  );
});

describe('scriptTraits', () => {
  it.each([
    ['hand-written code', 'function a(b) {\n  return b + 1;\n}\n'.repeat(100), false, false],
    ['minified code', minifiedLine, true, false],
    ['_0x identifiers', hexObfuscated, false, true],
    [
      'escape runs',
      Array.from({ length: 3 }, () => `"${'\\x41'.repeat(25)}"`).join(';\n'),
      false,
      true,
    ],
    ['eval of decoded code', 'eval(atob("ZXZpbA=="));', false, true],
    ['a short file with long lines is not minified', 'x'.repeat(1000), false, false],
  ])('%s', (_label, text, minified, obfuscated) => {
    const traits = scriptTraits(text);
    expect([traits.minified, traits.obfuscated]).toEqual([minified, obfuscated]);
  });
});

describe('repositoryUrl', () => {
  it.each([
    ['github:acme/x', 'https://github.com/acme/x'],
    ['acme/x', 'https://github.com/acme/x'],
    [{ type: 'git', url: 'git+https://github.com/acme/x.git' }, 'https://github.com/acme/x'],
    ['git@gitlab.com:acme/x.git', 'https://gitlab.com/acme/x'],
    ['https://git.example.org/acme/x.git', 'https://git.example.org/acme/x'],
  ])('%j → %s', (value, url) => {
    expect(repositoryUrl(value).url).toBe(url);
  });

  it('keeps what it cannot normalise as raw, and nothing for no value', () => {
    expect(repositoryUrl('svn://old/thing')).toEqual({ raw: 'svn://old/thing' });
    expect(repositoryUrl(undefined)).toEqual({});
    expect(repositoryUrl({ type: 'git' })).toEqual({});
  });
});

describe('inspectNpmPackage', () => {
  it('a plain package has no install scripts, native code or obfuscation', async () => {
    const traits = await inspectNpmPackage(createScanFs(dir), 'node_modules/plain');
    expect(traits).toMatchObject({
      installScripts: {},
      nativeCode: [],
      minified: [],
      obfuscated: [],
      repository: 'https://github.com/acme/plain',
      files: 2,
      truncated: false,
    });
    expect(traits.deprecated).toBeUndefined();
  });

  it('reports install scripts, native binaries, minified and obfuscated files, deprecation', async () => {
    const traits = await inspectNpmPackage(createScanFs(dir), 'node_modules/risky');
    expect(traits.installScripts).toEqual({ postinstall: 'node setup.js' });
    expect(traits.nativeCode).toEqual(['binary build/Release/addon.node']);
    expect(traits.minified).toEqual(['node_modules/risky/dist/app.min.js']);
    // The nested package's files are its own, not risky's.
    expect(traits.obfuscated.map((o) => o.file)).toEqual(['node_modules/risky/lib/x.js']);
    expect(traits.obfuscated[0]?.reasons[0]).toMatch(/30 distinct _0x… identifiers/);
    expect(traits.deprecated).toBe('use safe instead');
    expect(traits.repository).toBe('https://gitlab.com/x/risky');
  });

  it('binding.gyp means node-gyp runs on install', async () => {
    const traits = await inspectNpmPackage(createScanFs(dir), 'node_modules/gyp');
    expect(traits.installScripts).toEqual({ install: 'node-gyp rebuild (implicit: binding.gyp)' });
    expect(traits.nativeCode).toEqual(['C/C++/Rust sources', 'binding.gyp (node-gyp build)']);
  });

  it('a malformed manifest is an error for that package', async () => {
    await expect(inspectNpmPackage(createScanFs(dir), 'node_modules/broken')).rejects.toThrow();
  });
});

describe('inspectDistribution', () => {
  it('reads repository, inactivity, native code, commands and maintainers', async () => {
    expect(await inspectDistribution(createScanFs(dir), 'site-packages/foo-1.0.dist-info')).toEqual(
      {
        repository: 'https://github.com/acme/foo',
        homepage: 'https://foo.example',
        inactive: true,
        nativeCode: ['foo/_speedups.cpython-311-x86_64-linux-gnu.so'],
        commands: ['foo', 'foo-admin'],
        maintainers: ['Acme Team', 'Jane Doe'],
      },
    );
  });

  it('a Home-page on a code host is the repository', async () => {
    const traits = await inspectDistribution(createScanFs(dir), 'site-packages/bar-2.0.dist-info');
    expect(traits.repository).toBe('https://github.com/acme/bar');
    expect(traits).toMatchObject({ inactive: false, nativeCode: [], commands: [] });
  });
});
