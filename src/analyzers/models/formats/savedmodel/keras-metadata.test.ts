import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf } from '../../types.js';
import { kerasMetadataReader } from './keras-metadata.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };

function fixture(dir: string): Uint8Array {
  return new Uint8Array(
    readFileSync(new URL(`./__fixtures__/${dir}/keras_metadata.pb`, import.meta.url)),
  );
}

describe('kerasMetadataReader', () => {
  it.each([
    ['keras-benign', 'safe', [], 2],
    ['keras-lambda', 'unsafe', ['keras.lambda-layer'], 3],
  ])('%s/keras_metadata.pb → %s', async (dir, verdict, rules, nodeCount) => {
    const result = await kerasMetadataReader.read(
      bytesSource('keras_metadata.pb', fixture(dir)),
      context,
    );
    expect(verdictOf(result.findings)).toBe(verdict);
    expect(result.findings.map((f) => f.rule)).toEqual(rules);
    expect(result.metadata).toEqual({ nodeCount });
  });

  it('names the node in the detail', async () => {
    const result = await kerasMetadataReader.read(
      bytesSource('keras_metadata.pb', fixture('keras-lambda')),
      context,
    );
    expect(result.findings[0]?.detail).toBe('keras_metadata.pb node root.layer-1 /Lambda:payload');
  });

  it('throws when a node metadata is not JSON', async () => {
    const json = new TextEncoder().encode('{bad');
    const node = [5 * 8 + 2, json.length, ...json];
    const bytes = new Uint8Array([1 * 8 + 2, node.length, ...node]);
    await expect(
      kerasMetadataReader.read(bytesSource('keras_metadata.pb', bytes), context),
    ).rejects.toThrow(/metadata is not JSON/);
  });
});
