import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLicenseFiles, isLicenseBearingFile } from './files.js';

describe('isLicenseBearingFile', () => {
  it.each([
    'LICENSE',
    'license',
    'LICENSE.txt',
    'License.md',
    'LICENCE',
    'LICENSE-MIT',
    'LICENSE-APACHE.txt',
    'LICENSES',
    'COPYING',
    'COPYING.LESSER',
    'COPYING.LIB',
    'COPYRIGHT',
    'NOTICE',
    'NOTICE.rst',
    'UNLICENSE',
    'README',
    'README.md',
    'readme.rst',
    'PATENTS',
    'USE_POLICY.md',
    'package.json',
    'pyproject.toml',
    'setup.cfg',
    'PKG-INFO',
    'METADATA',
    'Cargo.toml',
    'composer.json',
    'DESCRIPTION',
    'pom.xml',
    'Newtonsoft.Json.nuspec',
    'x.NUSPEC',
  ])('%s is licence-bearing', (name) => {
    expect(isLicenseBearingFile(name)).toBe(true);
  });

  it.each([
    'license.ts',
    'license.js',
    'LicenseChecker.java',
    'licenses.py',
    'readme.png',
    'notice.c',
    'index.js',
    'licensed.txt',
    'noticeboard.md',
    'my-license',
    'package-lock.json',
    'tsconfig.json',
    'Cargo.lock',
    'setup.py',
    'CHANGELOG.md',
    'composer.lock',
    'DESCRIPTION.md',
    'pom.xml.bak',
    'build.gradle',
    '.nuspec',
    'x.nuspec.xml',
    'x.nupkg',
  ])('%s is not licence-bearing', (name) => {
    expect(isLicenseBearingFile(name)).toBe(false);
  });
});

describe('findLicenseFiles', () => {
  async function tree(files: Record<string, string>): Promise<string> {
    const root = await mkdtemp(path.join(tmpdir(), 'openvet-license-files-'));
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), content);
    }
    return root;
  }

  it('lists licence-bearing files sorted, skipping VCS folders, node_modules and source', async () => {
    const root = await tree({
      'README.md': '# x',
      LICENSE: 'MIT',
      'package.json': '{}',
      'php/composer.json': '{}',
      'r/DESCRIPTION': 'Package: x',
      'java/pom.xml': '<project/>',
      'dotnet/X.nuspec': '<package/>',
      'java/target/classes/App.class': '',
      'src/index.js': '',
      'src/license.ts': '',
      'docs/NOTICE.txt': '',
      'models/llama/USE_POLICY.md': '',
      'models/llama/README.md': '',
      '.git/COPYING': '',
      'node_modules/a/LICENSE': '',
      'vendor/lib/COPYING.LIB': '',
    });
    expect(await findLicenseFiles(root)).toEqual({
      files: [
        'LICENSE',
        'README.md',
        'docs/NOTICE.txt',
        'dotnet/X.nuspec',
        'java/pom.xml',
        'models/llama/README.md',
        'models/llama/USE_POLICY.md',
        'package.json',
        'php/composer.json',
        'r/DESCRIPTION',
        'vendor/lib/COPYING.LIB',
      ],
    });
  });

  it("lists a REUSE project's licence files: LICENSES/*, REUSE.toml and .reuse/dep5", async () => {
    const root = await tree({
      'LICENSES/MIT.txt': 'MIT text',
      'LICENSES/LicenseRef-Proprietary.txt': 'terms',
      'LICENSES/preferred/GPL-2.0': 'GPL text',
      'LICENSES/logo.png': '',
      'REUSE.toml': 'version = 1',
      '.reuse/dep5': 'Format: …',
      '.reuse/templates/header.jinja2': '',
      'docs/dep5': 'not in .reuse',
      'src/main.c': '',
    });
    expect((await findLicenseFiles(root)).files).toEqual([
      '.reuse/dep5',
      'LICENSES/LicenseRef-Proprietary.txt',
      'LICENSES/MIT.txt',
      'LICENSES/preferred/GPL-2.0',
      'REUSE.toml',
    ]);
  });

  it('lists a symlinked file but does not follow a symlinked directory', async () => {
    const root = await tree({ 'real/LICENSE': 'x', 'COPYING.orig': 'y' });
    await symlink(path.join(root, 'real'), path.join(root, 'linked'));
    await symlink(path.join(root, 'COPYING.orig'), path.join(root, 'COPYING'));
    expect((await findLicenseFiles(root)).files).toEqual([
      'COPYING',
      'COPYING.orig',
      'real/LICENSE',
    ]);
  });

  it('stops at the depth bound', async () => {
    const root = await tree({
      LICENSE: '',
      'a/LICENSE': '',
      'a/b/LICENSE': '',
      'a/b/c/LICENSE': '',
    });
    expect((await findLicenseFiles(root, { maxDepth: 1 })).files).toEqual(['LICENSE', 'a/LICENSE']);
  });

  it('says so when it stops at the file-count bound', async () => {
    const root = await tree({ LICENSE: '', NOTICE: '', README: '' });
    const found = await findLicenseFiles(root, { maxFiles: 2 });
    expect(found.files).toEqual(['LICENSE', 'NOTICE']);
    expect(found.truncated).toMatch(/stopped after 2 licence-bearing files/);
  });

  it('rejects when the directory itself cannot be read', async () => {
    await expect(findLicenseFiles('/no/such/dir')).rejects.toThrow(/ENOENT/);
  });
});
