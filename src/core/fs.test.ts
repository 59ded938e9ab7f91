import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../testing/extract.js';
import { InputError } from './errors.js';
import { createScanFs, joinRel } from './fs.js';

describe('createScanFs', () => {
  it('reads text with the BOM stripped, and bytes at an offset', async () => {
    const root = await tempTree({
      'a.txt': '\ufeffhello',
      'b.bin': new Uint8Array([1, 2, 3, 4, 5]),
    });
    const fs = createScanFs(root);
    expect(await fs.readText('a.txt')).toBe('hello');
    expect([...(await fs.readBytes('b.bin', 3, 10))]).toEqual([4, 5]);
  });

  it('refuses text larger than the limit with a clear InputError', async () => {
    const root = await tempTree({ 'big.json': 'x'.repeat(100) });
    const error = await createScanFs(root)
      .readText('big.json', 10)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'big.json: 100 bytes is larger than the 10-byte limit for this format',
    );
  });

  it('never reads outside the root, through .. or through a symbolic link', async () => {
    const outside = await tempTree({ 'secret.txt': 'secret' });
    const root = await tempTree({ 'in.txt': 'in' });
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
    const fs = createScanFs(root);
    await expect(fs.readText('link.txt')).rejects.toThrow(/leads outside the scanned directory/);
    await expect(fs.readText(`../${path.basename(outside)}/secret.txt`)).rejects.toThrow(
      InputError,
    );
    expect(await fs.stat('link.txt')).toBeUndefined();
    expect(await fs.readdir('..')).toEqual([]);
    expect((await fs.readdir('')).map((e) => [e.name, e.type, e.symlink])).toEqual([
      ['in.txt', 'file', false],
      ['link.txt', 'other', true],
    ]);
  });

  it('resolves links inside the root to their real relative path', async () => {
    const root = await tempTree({ 'store/pkg/package.json': '{}' });
    await symlink('store/pkg', path.join(root, 'alias'));
    await writeFile(path.join(root, 'plain.txt'), '');
    const fs = createScanFs(root);
    expect(await fs.resolve('alias/package.json')).toBe('store/pkg/package.json');
    expect(await fs.stat('alias')).toEqual({
      type: 'directory',
      size: expect.any(Number) as number,
      symlink: true,
    });
    expect(await fs.resolve('missing')).toBeUndefined();
  });
});

describe('joinRel', () => {
  it.each([
    [['a', 'b'], 'a/b'],
    [['', 'b'], 'b'],
    [['a/b', '../c'], 'a/c'],
    [['a', '.'], 'a'],
    [['', ''], ''],
  ])('%j → %s', (parts, expected) => {
    expect(joinRel(...parts)).toBe(expected);
  });
});
