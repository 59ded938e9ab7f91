import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bytesSource,
  DEFAULT_MODEL_LIMITS,
  verdictOf,
  type FormatReader,
  type ModelVerdict,
} from '../../types.js';
import { makeZip } from '../../../../testing/make-zip.js';
import { pytorchLegacyReader, pytorchTarReader, pytorchZipReader } from './index.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };
const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

const cases: [string, FormatReader, ModelVerdict, string | undefined][] = [
  ['benign-zip.pt', pytorchZipReader, 'safe', undefined],
  ['benign-module.pt', pytorchZipReader, 'safe', undefined],
  ['benign-optimizer.pt', pytorchZipReader, 'safe', undefined],
  ['benign-legacy.pt', pytorchLegacyReader, 'safe', undefined],
  ['benign-tar.pt', pytorchTarReader, 'safe', undefined],
  [
    'malicious-data-pkl.pt',
    pytorchZipReader,
    'unsafe',
    'posix.system (GLOBAL at offset 2, archive/data.pkl)',
  ],
  ['malicious-extra-member.pt', pytorchZipReader, 'unsafe', 'archive/extra.pkl'],
  ['malicious-renamed-member.pt', pytorchZipReader, 'unsafe', 'archive/notes.bin'],
  ['malicious-nested-load.pt', pytorchZipReader, 'unsafe', 'torch.serialization.load'],
  ['malicious-legacy-second.pt', pytorchLegacyReader, 'unsafe', 'pickle 2 (protocol version)'],
  ['malicious-tar.pt', pytorchTarReader, 'unsafe', 'malicious-tar.pt:pickle'],
];

describe('PyTorch readers on generated checkpoints', () => {
  it.each(cases)('%s', async (name, reader, verdict, evidence) => {
    const bytes = fixture(name);
    expect(reader.matches(name, bytes.subarray(0, 64))).toBe(true);
    const result = await reader.read(bytesSource(name, bytes), context);
    expect(verdictOf(result.findings)).toBe(verdict);
    if (evidence) expect(result.findings.map((f) => f.detail).join('\n')).toContain(evidence);
    else expect(result.findings).toEqual([]);
  });

  it('counts storages without reading them', async () => {
    const pkl = Uint8Array.from([0x80, 0x02, 0x7d, 0x2e]);
    const storage = new Uint8Array(4 * 1024 * 1024).fill(0x80);
    const zip = makeZip([
      { name: 'archive/data.pkl', data: pkl },
      { name: 'archive/data/0', data: storage },
      { name: 'archive/data/1', data: storage },
    ]);
    let read = 0;
    const source = bytesSource('big.pt', zip);
    const counting = {
      ...source,
      read: (o: number, l: number) => source.read(o, l).then((b) => ((read += b.length), b)),
    };
    const result = await pytorchZipReader.read(counting, context);
    expect(result.format).toBe('pytorch-zip');
    expect(result.metadata).toMatchObject({
      dataMembers: 2,
      pickleMembers: ['archive/data.pkl'],
      archives: ['archive'],
    });
    expect(result.bytesRead).toBe(read);
    expect(read).toBeLessThan(100 * 1024);
  });

  it('reports the members of a real checkpoint', async () => {
    const result = await pytorchZipReader.read(
      bytesSource('b.pt', fixture('benign-zip.pt')),
      context,
    );
    expect(result.metadata).toMatchObject({ dataMembers: 4, pickleMembers: ['archive/data.pkl'] });
  });

  it('reads all five legacy pickles and leaves the storages', async () => {
    const bytes = fixture('benign-legacy.pt');
    const result = await pytorchLegacyReader.read(bytesSource('x.pt', bytes), context);
    expect(result.metadata['pickles']).toBe(5);
    expect(result.metadata['storageBytes']).toBeGreaterThan(0);
    expect(result.metadata['callables']).toContain('torch._utils._rebuild_tensor_v2');
  });

  it('flags a legacy file cut inside its pickles', async () => {
    const bytes = fixture('benign-legacy.pt').subarray(0, 40);
    const result = await pytorchLegacyReader.read(bytesSource('x.pt', bytes), context);
    expect(verdictOf(result.findings)).toBe('error');
  });

  it('does not claim zip files for the legacy reader, nor legacy files for the zip reader', () => {
    expect(pytorchLegacyReader.matches('a.pt', fixture('benign-zip.pt').subarray(0, 64))).toBe(
      false,
    );
    expect(pytorchZipReader.matches('a.pt', fixture('benign-legacy.pt').subarray(0, 64))).toBe(
      false,
    );
    expect(pytorchTarReader.matches('a.pt', fixture('benign-legacy.pt').subarray(0, 64))).toBe(
      false,
    );
  });

  it('lists the tar members and scans storages and tensors records', async () => {
    const result = await pytorchTarReader.read(
      bytesSource('t.pt', fixture('benign-tar.pt')),
      context,
    );
    expect(result.metadata['members']).toEqual(['sys_info', 'pickle', 'storages', 'tensors']);
    expect(result.metadata['callables']).toEqual(['torch.FloatStorage', 'torch.FloatTensor']);
  });

  it('reads a torch tar whatever its first member, and a plain tar with a pickle in it', async () => {
    const bytes = fixture('malicious-tar.pt');
    // Rename the first member (sys_info → aaaa_info) and fix its header checksum.
    const patched = bytes.slice();
    patched.set(
      Uint8Array.from('aaaa', (c) => c.charCodeAt(0)),
      0,
    );
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : patched[i]!;
    patched.set(
      Uint8Array.from(`${sum.toString(8).padStart(6, '0')}\0 `, (c) => c.charCodeAt(0)),
      148,
    );
    expect(pytorchTarReader.matches('model.pt', patched.subarray(0, 64))).toBe(true);
    const result = await pytorchTarReader.read(bytesSource('model.pt', patched), context);
    expect(verdictOf(result.findings)).toBe('unsafe');
    expect(pytorchTarReader.matches('notes.txt', patched.subarray(0, 64))).toBe(false);
  });

  it('throws for a tar header with a bad checksum', async () => {
    const bytes = fixture('benign-tar.pt').slice();
    bytes[0] = 0x53;
    await expect(pytorchTarReader.read(bytesSource('t.pt', bytes), context)).rejects.toThrow(
      /checksum/,
    );
  });

  it('reports a local header name that differs from the central directory', async () => {
    const zip = makeZip([
      {
        name: 'archive/data.pkl',
        localName: 'archive/data.bin',
        data: Uint8Array.from([0x80, 0x02, 0x7d, 0x2e]),
      },
    ]);
    const result = await pytorchZipReader.read(bytesSource('m.pt', zip), context);
    expect(result.findings.map((f) => f.rule)).toEqual(['zip.name-mismatch']);
    expect(verdictOf(result.findings)).toBe('suspicious');
  });

  it('treats an encrypted pickle member as unverifiable and an encrypted readme as inert', async () => {
    const pkl = Uint8Array.from([0x80, 0x02, 0x7d, 0x2e]);
    const locked = makeZip([{ name: 'archive/data.pkl', data: pkl, flags: 1 }]);
    const r1 = await pytorchZipReader.read(bytesSource('a.pt', locked), context);
    expect(verdictOf(r1.findings)).toBe('unverifiable');
    const readme = makeZip([{ name: 'README.txt', data: pkl, flags: 1 }]);
    const r2 = await pytorchZipReader.read(bytesSource('a.zip', readme), context);
    expect(verdictOf(r2.findings)).toBe('safe');
    expect(r2.findings[0]!.severity).toBe('info');
  });

  it('inflates a deflated pickle member', async () => {
    const evil = Uint8Array.from('\x80\x02cos\nsystem\n.', (c) => c.charCodeAt(0));
    const zip = makeZip([{ name: 'archive/data.pkl', data: evil, method: 8 }]);
    const result = await pytorchZipReader.read(bytesSource('d.pt', zip), context);
    expect(verdictOf(result.findings)).toBe('unsafe');
  });

  it.each([
    ['a protocol-0 pickle under another name', 'cposix\nsystem\n(S"ls"\ntR.', 'unsafe'],
    ['text that walks like a pickle for a while', '(lorem ipsum dolor sit amet', 'safe'],
    ['a version file', '3\n', 'safe'],
  ])('member archive/notes: %s', async (_name, text, verdict) => {
    const data = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const zip = makeZip([
      { name: 'archive/data.pkl', data: Uint8Array.from([0x80, 0x02, 0x7d, 0x2e]) },
      { name: 'archive/notes', data },
    ]);
    const result = await pytorchZipReader.read(bytesSource('n.pt', zip), context);
    expect(verdictOf(result.findings)).toBe(verdict);
  });

  it.each([
    ['benign-zip.pt', pytorchZipReader],
    ['benign-legacy.pt', pytorchLegacyReader],
    ['benign-tar.pt', pytorchTarReader],
  ] as const)('%s corrupted: a verdict or an Error, never a crash', async (name, reader) => {
    const base = fixture(name);
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 150; i++) {
      const bytes = base.slice();
      for (let k = 0; k < 4; k++) bytes[next() % bytes.length] = next() & 0xff;
      const outcome = await reader.read(bytesSource(name, bytes), context).then(
        (r) => verdictOf(r.findings),
        (e: unknown) => (e instanceof Error ? 'threw' : 'bad'),
      );
      expect(['safe', 'unsafe', 'suspicious', 'error', 'unverifiable', 'threw']).toContain(outcome);
    }
  });

  it('throws for a zip without a central directory', async () => {
    const bytes = fixture('benign-zip.pt').subarray(0, 200);
    await expect(pytorchZipReader.read(bytesSource('x.pt', bytes), context)).rejects.toThrow(
      /end of central directory/,
    );
  });
});
