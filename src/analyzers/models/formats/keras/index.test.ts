import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf } from '../../types.js';
import { kerasReader } from './index.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

describe('kerasReader', () => {
  it.each([
    ['benign.keras', 'safe', []],
    ['lambda.keras', 'unsafe', ['keras.lambda-layer']],
    ['legacy-lambda.keras', 'unsafe', ['keras.lambda-layer']],
    ['custom-object.keras', 'suspicious', ['keras.custom-object']],
  ])('%s → %s', async (name, verdict, rules) => {
    const bytes = fixture(name);
    expect(kerasReader.matches(name, bytes.subarray(0, 64))).toBe(true);
    const result = await kerasReader.read(bytesSource(name, bytes), context);
    expect(verdictOf(result.findings)).toBe(verdict);
    expect(result.findings.map((f) => f.rule)).toEqual(rules);
  });

  it('reports the Keras version, members and model class', async () => {
    const bytes = fixture('lambda.keras');
    const result = await kerasReader.read(bytesSource('lambda.keras', bytes), context);
    expect(result.metadata).toMatchObject({
      modelClass: 'Functional',
      members: ['metadata.json', 'config.json', 'model.weights.h5'],
    });
    expect(result.metadata.kerasVersion).toMatch(/^3\./);
    expect(result.findings[0]?.detail).toMatch(/Lambda:payload$/);
  });

  it('throws on an archive without config.json', async () => {
    // the smallest zip: an empty end-of-central-directory record
    const empty = new Uint8Array(22);
    empty.set([0x50, 0x4b, 0x05, 0x06]);
    await expect(kerasReader.read(bytesSource('x.keras', empty), context)).rejects.toThrow(
      /no config\.json/,
    );
  });

  it('does not match a non-zip .keras file', () => {
    expect(kerasReader.matches('old.keras', new Uint8Array([0x89, 0x48, 0x44, 0x46]))).toBe(false);
  });
});
