import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf, type ModelVerdict } from '../../types.js';
import { pickleReader } from '../pickle/index.js';
import { dtypeItemSize } from './arrays.js';
import { joblibCompression, joblibReader } from './index.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };
const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

const cases: [string, ModelVerdict, string][] = [
  ['benign.joblib', 'safe', 'none'],
  ['benign-zlib.joblib', 'safe', 'zlib'],
  ['benign-gzip.joblib', 'safe', 'gzip'],
  ['benign-xz.joblib', 'unverifiable', 'xz'],
  ['malicious-after-arrays.joblib', 'unsafe', 'none'],
  ['malicious-zlib.joblib', 'unsafe', 'zlib'],
  ['sklearn-pipeline.joblib', 'safe', 'none'],
  ['sklearn-tree.joblib', 'safe', 'none'],
];

describe('joblibReader on generated files', () => {
  it.each(cases)('%s → %s', async (name, verdict, compression) => {
    const bytes = fixture(name);
    expect(joblibReader.matches(name, bytes.subarray(0, 64))).toBe(true);
    const result = await joblibReader.read(bytesSource(name, bytes), context);
    expect(verdictOf(result.findings)).toBe(verdict);
    expect(result.metadata['compression']).toBe(compression);
  });

  it('skips the array bytes and finds the callable that follows them', async () => {
    const result = await joblibReader.read(
      bytesSource('m.joblib', fixture('malicious-after-arrays.joblib')),
      context,
    );
    expect(result.findings.map((f) => f.detail)).toEqual([
      'posix.system (STACK_GLOBAL at offset 973, m.joblib)',
    ]);
    expect(result.metadata['callables']).toContain('joblib.numpy_pickle.NumpyArrayWrapper');
  });

  it('handles a joblib dump saved under .pkl through the pickle reader', async () => {
    const bytes = fixture('benign-named.pkl');
    const result = await pickleReader.read(bytesSource('model.pkl', bytes), context);
    expect(verdictOf(result.findings)).toBe('safe');
    expect(result.metadata['trailingBytes']).toBe(0);
  });

  it('scans the bytes after a wrapper as pickle.load reads them too', async () => {
    const bytes = fixture('hidden-opcodes.pkl');
    const viaPickle = await pickleReader.read(bytesSource('hidden.pkl', bytes), context);
    expect(viaPickle.findings.map((f) => f.detail)).toContain(
      'posix.system (GLOBAL at offset 97, hidden.pkl)',
    );
    const viaJoblib = await joblibReader.read(bytesSource('hidden.joblib', bytes), context);
    expect(verdictOf(viaJoblib.findings)).toBe('unsafe');
  });

  it('flags a wrapper whose array bytes run past the end', async () => {
    const bytes = fixture('benign.joblib');
    const result = await joblibReader.read(
      bytesSource('c.joblib', bytes.subarray(0, 400)),
      context,
    );
    expect(verdictOf(result.findings)).toBe('error');
  });
});

describe('joblib helpers', () => {
  it.each([
    ['<f8', 8],
    ['|u1', 1],
    ['<U10', 40],
    ['|S3', 3],
    ['|b1', 1],
    ['<c16', 16],
    ['|O', 'object'],
    ['O8', 'object'],
    ['weird', undefined],
  ] as const)('dtypeItemSize(%s) = %s', (descr, size) => {
    expect(dtypeItemSize(descr)).toBe(size);
  });

  it.each([
    [[0x78, 0x9c], 'zlib'],
    [[0x1f, 0x8b], 'gzip'],
    [[0x42, 0x5a, 0x68], 'bz2'],
    [[0xfd, 0x37, 0x7a, 0x58], 'xz'],
    [[0x04, 0x22, 0x4d, 0x18], 'lz4'],
    [[0x80, 0x04], undefined],
  ] as const)('joblibCompression(%j) = %s', (head, expected) => {
    expect(joblibCompression(Uint8Array.from(head))).toBe(expected);
  });
});
