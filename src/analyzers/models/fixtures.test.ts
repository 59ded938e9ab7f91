/**
 * Every fixture of every format, through the real dispatcher (`scanModelSource` with every
 * registered reader, in order): a benign file must be `safe` and nothing else may be. This
 * checks the dispatch order as much as the readers (a `.keras` zip read as a PyTorch zip, or
 * a `.npz` member read as a pickle, would be false alarms).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanBytes } from '../../testing/models.js';

const FORMATS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'formats');

/** Benign fixtures: named `benign…`, or real models whose names say what they are. */
const BENIGN = /^(benign|keras-benign|weights-only|sklearn-)/;
/** Benign, but compressed with xz, which Node cannot decompress: `unverifiable`, not `safe`. */
const UNVERIFIABLE = /-xz\./;
/** Companion data files, not model files on their own. */
const COMPANION = /\.onnx\.data$/;

const fixtures = readdirSync(FORMATS).flatMap((format) => {
  const dir = path.join(FORMATS, format, '__fixtures__');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !COMPANION.test(f))
    .map((f) => {
      // A SavedModel fixture is a folder: its graph `saved_model.pb`, or the Keras metadata.
      const file = path.join(dir, f);
      if (!statSync(file).isDirectory()) return [`${format}/${f}`, file] as const;
      const graph = path.join(file, 'saved_model.pb');
      return [
        `${format}/${f}`,
        existsSync(graph) ? graph : path.join(file, 'keras_metadata.pb'),
      ] as const;
    });
});

function scanFile(file: string) {
  return scanBytes(path.basename(file), new Uint8Array(readFileSync(file)));
}

describe('every format fixture through the dispatcher', () => {
  it('has fixtures of every format', () => {
    const formats = new Set(fixtures.map(([name]) => name.split('/')[0]));
    expect([...formats].sort()).toEqual([
      'gguf',
      'hdf5',
      'joblib',
      'keras',
      'numpy',
      'onnx',
      'pickle',
      'pytorch',
      'safetensors',
      'savedmodel',
    ]);
  });

  it.each(fixtures)('%s', async (name, file) => {
    const report = await scanFile(file);
    if (UNVERIFIABLE.test(name)) {
      expect(report.verdict).toBe('unverifiable');
    } else if (BENIGN.test(path.basename(name))) {
      expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(report.verdict).toBe('safe');
    } else {
      expect(report.verdict, JSON.stringify(report.findings)).not.toBe('safe');
    }
  });
});
