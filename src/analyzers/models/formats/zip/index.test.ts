import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf } from '../../types.js';
import {
  is7zHead,
  isInertMemberName,
  isZipHead,
  openZip,
  readZipEntry,
  sevenZipReader,
  ZipEntryError,
} from './index.js';
import { makeZip } from '../../../../testing/make-zip.js';

const limits = DEFAULT_MODEL_LIMITS;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('openZip / readZipEntry', () => {
  it('lists entries and reads stored and deflated members', async () => {
    const zip = makeZip([
      { name: 'a.txt', data: text('hello') },
      { name: 'dir/b.bin', data: text('x'.repeat(1000)), method: 8 },
    ]);
    const source = bytesSource('t.zip', zip);
    const archive = await openZip(source, limits);
    expect(archive.entries.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([
      ['a.txt', 0, 5],
      ['dir/b.bin', 8, 1000],
    ]);
    const a = await readZipEntry(source, archive.entries[0]!, 100);
    expect(new TextDecoder().decode(a.bytes)).toBe('hello');
    const b = await readZipEntry(source, archive.entries[1]!, 10_000);
    expect(b.bytes.length).toBe(1000);
    const head = await readZipEntry(source, archive.entries[1]!, 4, true);
    expect(new TextDecoder().decode(head.bytes)).toBe('xxxx');
  });

  it('reads zip64 records', async () => {
    const zip = makeZip([{ name: 'data.pkl', data: text('abc') }], { zip64: true });
    const archive = await openZip(bytesSource('z.zip', zip), limits);
    expect(archive.entries[0]).toMatchObject({
      name: 'data.pkl',
      uncompressedSize: 3,
      compressedSize: 3,
      localHeaderOffset: 0,
    });
  });

  it.each([
    ['encrypted', { flags: 1 }, 'encrypted'],
    ['strong encryption', { flags: 0x40 }, 'encrypted'],
    ['unsupported method', { method: 12 }, 'unsupported-method'],
    ['over the size limit', { declaredSize: 5000 }, 'too-large'],
    ['bomb ratio', { declaredSize: 900 * 1024 * 1024 }, 'ratio'],
  ] as const)('refuses an entry that is %s', async (_name, patch, problem) => {
    const zip = makeZip([{ name: 'm.pkl', data: text('abc'), ...patch }]);
    const source = bytesSource('z.zip', zip);
    const [entry] = (await openZip(source, { ...limits, maxMemberBytes: 1_000_000_000 })).entries;
    const max = problem === 'too-large' ? 1000 : 1_000_000_000;
    const err = await readZipEntry(source, entry!, max).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipEntryError);
    expect((err as ZipEntryError).problem).toBe(problem);
  });

  it('stops inflating at the limit (a bomb that lies about its size)', async () => {
    const zip = makeZip([
      { name: 'm.pkl', data: new Uint8Array(2_000_000), method: 8, declaredSize: 10 },
    ]);
    const source = bytesSource('z.zip', zip);
    const [entry] = (await openZip(source, limits)).entries;
    await expect(readZipEntry(source, entry!, 1000)).rejects.toMatchObject({
      problem: 'too-large',
    });
  });

  it('bounds the number of entries listed', async () => {
    const zip = makeZip([1, 2, 3].map((i) => ({ name: `${i}`, data: text('x') })));
    const archive = await openZip(bytesSource('z.zip', zip), { ...limits, maxMembers: 2 });
    expect(archive.entries).toHaveLength(2);
    expect(archive.omittedEntries).toBe(1);
  });

  it.each([
    ['no end record', new Uint8Array(100)],
    [
      'central directory outside the file',
      (() => {
        const z = makeZip([{ name: 'a', data: text('x') }]);
        new DataView(z.buffer).setUint32(z.length - 6, 99999, true);
        return z;
      })(),
    ],
  ])('throws for a malformed archive: %s', async (_name, bytes) => {
    await expect(openZip(bytesSource('bad.zip', bytes), limits)).rejects.toThrow(/zip:/);
  });
});

describe('signatures and names', () => {
  it('detects zip and 7z heads', () => {
    expect(isZipHead(makeZip([]))).toBe(true);
    expect(isZipHead(makeZip([{ name: 'a', data: text('x') }]))).toBe(true);
    expect(isZipHead(text('PK\x07\x08'))).toBe(false);
    expect(is7zHead(Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]))).toBe(true);
    expect(is7zHead(text('7z'))).toBe(false);
  });

  it.each([
    ['test.txt', true],
    ['docs/README.md', true],
    ['LICENSE', true],
    ['archive/data.pkl', false],
    ['weights.bin', false],
    ['config.json', false],
    ['data/0', false],
  ])('isInertMemberName(%s) = %s', (name, expected) => {
    expect(isInertMemberName(name)).toBe(expected);
  });

  it('reports 7z archives as unverifiable', async () => {
    const bytes = Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]);
    expect(sevenZipReader.matches('m.7z', bytes)).toBe(true);
    const result = await sevenZipReader.read(bytesSource('m.7z', bytes), { limits, depth: 0 });
    expect(verdictOf(result.findings)).toBe('unverifiable');
  });
});
