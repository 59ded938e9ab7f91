import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf } from '../../types.js';
import { savedModelReader } from './index.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };

function fixture(dir: string): Uint8Array {
  return new Uint8Array(
    readFileSync(new URL(`./__fixtures__/${dir}/saved_model.pb`, import.meta.url)),
  );
}

function field(number: number, payload: number[] | string): number[] {
  const bytes = typeof payload === 'string' ? [...new TextEncoder().encode(payload)] : payload;
  return [number * 8 + 2, bytes.length, ...bytes];
}

/** SavedModel { meta_graphs { graph_def { node { name, op } } } } for short names. */
function savedModelWith(op: string, inFunction = false): Uint8Array {
  const node = field(inFunction ? 3 : 1, [...field(1, 'n'), ...field(2, op)]);
  const graph = inFunction ? field(2, field(1, [...field(1, field(1, 'fn')), ...node])) : node;
  return new Uint8Array(field(2, field(2, graph)));
}

describe('savedModelReader', () => {
  it.each([
    ['benign', 'safe', []],
    ['readfile', 'unsafe', ['ReadFile', 'WriteFile']],
    ['pyfunc', 'unsafe', ['EagerPyFunc']],
  ])('%s/saved_model.pb → %s', async (dir, verdict, ops) => {
    const result = await savedModelReader.read(
      bytesSource('saved_model.pb', fixture(dir)),
      context,
    );
    expect(verdictOf(result.findings)).toBe(verdict);
    expect(result.findings.map((f) => f.detail?.split(' ')[0])).toEqual(ops);
  });

  it('finds ops inside tf.function bodies and reports the graph facts', async () => {
    const result = await savedModelReader.read(
      bytesSource('saved_model.pb', fixture('readfile')),
      context,
    );
    expect(result.findings[0]?.detail).toMatch(/^ReadFile in function "[^"]+" node "ReadFile/);
    expect(result.metadata).toMatchObject({ metaGraphs: 1, tags: ['serve'] });
    expect(result.metadata.operators).toContain('WriteFile');
  });

  it.each([
    ['ReadFile', false, 'unsafe'],
    ['PyFunc', true, 'unsafe'],
    ['PyFuncStateless', false, 'unsafe'],
    ['MatchingFiles', true, 'unsafe'],
    ['WholeFileReaderV2', false, 'unsafe'],
    ['ImmutableConst', false, 'suspicious'],
    ['MatMul', true, 'safe'],
    ['RestoreV2', false, 'safe'],
    ['MergeV2Checkpoints', false, 'safe'],
  ])('%s (in a function: %s) → %s', async (op, inFunction, verdict) => {
    const result = await savedModelReader.read(
      bytesSource('saved_model.pb', savedModelWith(op, inFunction)),
      context,
    );
    expect(verdictOf(result.findings)).toBe(verdict);
    expect(result.metadata.operators).toEqual([op]);
  });

  it('throws when there is no meta graph', async () => {
    await expect(
      savedModelReader.read(bytesSource('saved_model.pb', new Uint8Array([8, 1])), context),
    ).rejects.toThrow(/no meta graph/);
  });

  it('matches saved_model.pb only', () => {
    expect(savedModelReader.matches('saved_model.pb', new Uint8Array())).toBe(true);
    expect(savedModelReader.matches('keras_metadata.pb', new Uint8Array())).toBe(false);
  });
});
