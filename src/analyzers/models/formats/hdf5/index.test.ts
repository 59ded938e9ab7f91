import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf } from '../../types.js';
import type { ByteSource } from '../../types.js';
import { hdf5Reader } from './index.js';
import { readH5RootAttributes } from './lazy-file.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../keras/__fixtures__/${name}`, import.meta.url)));
}

/** A source that counts the bytes it hands out. */
function counting(name: string, bytes: Uint8Array): ByteSource & { served: () => number } {
  const inner = bytesSource(name, bytes);
  let served = 0;
  return {
    size: inner.size,
    name,
    async read(offset, length) {
      const out = await inner.read(offset, length);
      served += out.length;
      return out;
    },
    served: () => served,
  };
}

function own(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

describe('hdf5Reader on plain HDF5 files', () => {
  it.each([
    ['weights-only.h5', 'hdf5', 'safe', []],
    ['module-injection.h5', 'keras-h5', 'unsafe', ['keras.dangerous-module']],
  ])('%s → %s %s', async (name, format, verdict, rules) => {
    const result = await hdf5Reader.read(bytesSource(name, own(name)), context);
    expect(result.format).toBe(format);
    expect(verdictOf(result.findings)).toBe(verdict);
    expect(result.findings.map((f) => f.rule)).toEqual(rules);
  });

  it('lists the root attributes of a weights file', async () => {
    const result = await hdf5Reader.read(
      bytesSource('weights-only.h5', own('weights-only.h5')),
      context,
    );
    expect(result.metadata).toEqual({ rootAttributes: ['layer_names'] });
  });
});

describe('hdf5Reader', () => {
  it.each([
    ['benign.h5', 'keras-h5', 'safe', []],
    ['lambda.h5', 'keras-h5', 'unsafe', ['keras.lambda-layer']],
  ])('%s → %s %s', async (name, format, verdict, rules) => {
    const bytes = fixture(name);
    expect(hdf5Reader.matches('model.bin', bytes.subarray(0, 64))).toBe(true);
    const result = await hdf5Reader.read(bytesSource(name, bytes), context);
    expect(result.format).toBe(format);
    expect(verdictOf(result.findings)).toBe(verdict);
    expect(result.findings.map((f) => f.rule)).toEqual(rules);
  });

  it('reports Keras facts and reads only metadata blocks', async () => {
    // the fixture followed by 4 MiB the reader must not fetch (HDF5 ignores trailing bytes)
    const head = fixture('lambda.h5');
    const big = new Uint8Array(head.length + 4 * 1024 * 1024);
    big.set(head);
    const source = counting('big.h5', big);
    const result = await hdf5Reader.read(source, context);
    expect(verdictOf(result.findings)).toBe('unsafe');
    expect(result.metadata).toMatchObject({
      rootAttributes: ['backend', 'keras_version', 'model_config'],
      backend: 'tensorflow',
      modelClass: 'Functional',
    });
    expect(result.bytesRead).toBe(source.served());
    expect(result.bytesRead).toBeLessThanOrEqual(128 * 1024);
  });

  it('throws a short HDF5 error on a file that is not HDF5', async () => {
    await expect(
      hdf5Reader.read(bytesSource('x.h5', new TextEncoder().encode('not hdf5 at all')), context),
    ).rejects.toThrow(/^hdf5: x\.h5: /);
  });

  it('handles two files at once', async () => {
    const [a, b] = await Promise.all([
      hdf5Reader.read(bytesSource('a.h5', fixture('benign.h5')), context),
      hdf5Reader.read(bytesSource('b.h5', fixture('lambda.h5')), context),
    ]);
    expect(verdictOf(a.findings)).toBe('safe');
    expect(verdictOf(b.findings)).toBe('unsafe');
  });
});

describe('readH5RootAttributes', () => {
  it('stops a file that loops the HDF5 library, then keeps working', async () => {
    await expect(
      readH5RootAttributes(
        bytesSource('heap-loop.h5', own('heap-loop.h5')),
        ['backend'],
        1 << 20,
        1000,
      ),
    ).rejects.toThrow(/^hdf5: heap-loop\.h5: HDF5 did not finish within 1000 ms/);
    const after = await readH5RootAttributes(
      bytesSource('benign.h5', fixture('benign.h5')),
      ['backend'],
      1 << 20,
    );
    expect(after.values).toEqual({ backend: 'tensorflow' });
  });

  it('refuses to fetch more than the byte bound', async () => {
    await expect(
      readH5RootAttributes(bytesSource('benign.h5', fixture('benign.h5')), ['model_config'], 0),
    ).rejects.toThrow(/needs more than 0 bytes of metadata/);
  });
});
