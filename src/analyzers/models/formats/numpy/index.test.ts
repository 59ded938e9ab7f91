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
import { descrHasObject, npzReader, numpyReader, parsePyLiteral } from './index.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };
const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

const cases: [string, FormatReader, ModelVerdict, string | undefined][] = [
  ['benign.npy', numpyReader, 'safe', undefined],
  ['benign-structured.npy', numpyReader, 'safe', undefined],
  ['benign-object.npy', numpyReader, 'safe', undefined],
  ['malicious-object.npy', numpyReader, 'unsafe', 'posix.system'],
  ['benign.npz', npzReader, 'safe', undefined],
  ['benign-compressed.npz', npzReader, 'safe', undefined],
  ['malicious.npz', npzReader, 'unsafe', 'evil.npy (object array)'],
];

describe('NumPy readers on generated files', () => {
  it.each(cases)('%s', async (name, reader, verdict, evidence) => {
    const bytes = fixture(name);
    expect(reader.matches(name, bytes.subarray(0, 64))).toBe(true);
    const result = await reader.read(bytesSource(name, bytes), context);
    expect(verdictOf(result.findings)).toBe(verdict);
    if (evidence) expect(result.findings.map((f) => f.detail).join('\n')).toContain(evidence);
    else expect(result.findings).toEqual([]);
  });

  it('reports the header', async () => {
    const result = await numpyReader.read(bytesSource('b.npy', fixture('benign.npy')), context);
    expect(result.metadata).toMatchObject({
      descr: '<f8',
      shape: [4, 5],
      fortranOrder: false,
      objectArray: false,
    });
    const obj = await numpyReader.read(bytesSource('o.npy', fixture('benign-object.npy')), context);
    expect(obj.metadata).toMatchObject({ descr: '|O', objectArray: true, pickles: 1 });
  });

  it('lists npz arrays', async () => {
    const result = await npzReader.read(bytesSource('b.npz', fixture('benign.npz')), context);
    expect(result.metadata['arrays']).toEqual([
      { name: 'w.npy', descr: '<f8', shape: [3, 3], objectArray: false },
      { name: 'labels.npy', descr: '|O', shape: [2], objectArray: true },
    ]);
  });

  it('treats a member with the NumPy magic as an array whatever its name', async () => {
    const zip = makeZip([{ name: 'weights.bin', data: fixture('malicious-object.npy') }]);
    const result = await npzReader.read(bytesSource('x.npz', zip), context);
    expect(verdictOf(result.findings)).toBe('unsafe');
  });

  it.each([
    ['bad keys', "{'descr': '<f8', 'shape': (1,), }"],
    ['expression', "{'descr': __import__('os'), 'fortran_order': False, 'shape': (1,)}"],
    ['shape not ints', "{'descr': '<f8', 'fortran_order': False, 'shape': ('a',)}"],
  ])('throws for a malformed header: %s', async (_name, header) => {
    const text = header.padEnd(118, ' ') + '\n';
    const bytes = new Uint8Array([
      0x93,
      0x4e,
      0x55,
      0x4d,
      0x50,
      0x59,
      1,
      0,
      text.length,
      0,
      ...Buffer.from(text, 'latin1'),
    ]);
    await expect(numpyReader.read(bytesSource('bad.npy', bytes), context)).rejects.toThrow(/npy/);
  });
});

describe('parsePyLiteral / descrHasObject', () => {
  it.each([
    ["{'a': (1, 2), 'b': [True, None], 'c': 'x'}", { a: [1, 2], b: [true, null], c: 'x' }],
    ['()', []],
    ['(3,)', [3]],
    [
      "[('x', '<i4'), ('y', '<f4', (2,))]",
      [
        ['x', '<i4'],
        ['y', '<f4', [2]],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(parsePyLiteral(text)).toEqual(expected);
  });

  it('reads a header of the largest size, mostly blanks, in one pass', async () => {
    // (Trailing blanks were trimmed by a pattern tried from each blank: quadratic in a run.)
    const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${' '.repeat(1_000_000)}), }`;
    const header = new TextEncoder().encode(dict);
    const bytes = new Uint8Array(12 + header.length);
    bytes.set([0x93, ...new TextEncoder().encode('NUMPY'), 2, 0]);
    new DataView(bytes.buffer).setUint32(8, header.length, true);
    bytes.set(header, 12);
    const result = await numpyReader.read(bytesSource('big.npy', bytes), context);
    expect(result.metadata).toMatchObject({ descr: '<f4', shape: [] });
  });

  it('bounds nesting', () => {
    expect(() => parsePyLiteral('('.repeat(100) + ')'.repeat(100))).toThrow(/deep/);
  });

  it.each([
    ['|O', true],
    ['<f8', false],
    [
      [
        ['a', '<i4'],
        ['b', '|O'],
      ],
      true,
    ],
    [[['a', [['inner', '|O']]]], true],
    [[['O', '<f8']], false],
    [['|O', [2]], true],
    [['<f8', [2]], false],
  ] as const)('descr %j has object: %s', (descr, expected) => {
    expect(descrHasObject(descr as never)).toBe(expected);
  });
});
