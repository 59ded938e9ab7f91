/**
 * joblib's NumpyArrayWrapper: `joblib.dump` writes each NumPy array as a wrapper object whose
 * BUILD is followed, inside the pickle stream, by the raw array bytes (after an alignment
 * padding) — or, for object arrays, by a nested pickle. The disassembler calls `joblibArrays`
 * after every BUILD; for a wrapper it says how many bytes to skip (or disassembles the nested
 * pickle), computed from the wrapper's state (`shape`, `dtype`, `numpy_array_alignment_bytes`).
 */

import { scanPickleSequence, type PickleScan } from '../../pickle/scan.js';
import type { ByteSource, ReadContext } from '../../types.js';
import {
  disassemblePickle,
  type DisassembleOptions,
  type PickleDict,
  type PickleValue,
} from '../../pickle/disassemble.js';

const WRAPPERS = new Set([
  'joblib.numpy_pickle.NumpyArrayWrapper',
  'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper',
]);

function stateValue(state: PickleDict, key: string): PickleValue | undefined {
  for (const [k, v] of state.entries) if (k.t === 'str' && k.v === key) return v;
  return undefined;
}

/**
 * Bytes per element of a NumPy dtype string (`<f8`, `|u1`, `<U10`, `V32`); `object` for
 * object dtypes; undefined when unknown.
 */
export function dtypeItemSize(descr: string): number | 'object' | undefined {
  const m = /^[<>|=]?([a-zA-Z])(\d*)$/.exec(descr);
  if (!m) return undefined;
  const kind = m[1]!;
  const n = m[2] ? Number(m[2]) : undefined;
  if (kind === 'O') return 'object';
  if (kind === 'U') return n === undefined ? undefined : 4 * n;
  if ('fiucbSVMma'.includes(kind) && n !== undefined) return n;
  const single: Record<string, number> = {
    b: 1,
    B: 1,
    h: 2,
    H: 2,
    i: 4,
    I: 4,
    l: 8,
    L: 8,
    q: 8,
    Q: 8,
    e: 2,
    f: 4,
    d: 8,
    g: 16,
    F: 8,
    D: 16,
    G: 32,
    '?': 1,
  };
  return n === undefined ? single[kind] : undefined;
}

function dtypeOf(value: PickleValue | undefined): string | undefined {
  // numpy.dtype pickles as REDUCE(numpy.dtype, ('f8', False, True)) + BUILD(state).
  if (value?.t !== 'call' || value.args.t !== 'seq') return undefined;
  const first = value.args.items[0];
  return first?.t === 'str' ? first.v : undefined;
}

/** The `afterBuild` hook for joblib pickles (see the module comment). */
export function joblibArrays(
  instance: PickleValue,
  position: number,
  bytes: Uint8Array,
  baseOffset: number,
  options: DisassembleOptions = {},
): { skip: number; nested?: ReturnType<typeof disassemblePickle> } | undefined {
  if (instance.t !== 'call' || instance.callee.t !== 'global') return undefined;
  if (!WRAPPERS.has(`${instance.callee.module}.${instance.callee.name}`)) return undefined;
  const state = instance.state;
  if (state?.t !== 'dict') throw new Error('NumpyArrayWrapper without a state dict');
  const descr = dtypeOf(stateValue(state, 'dtype'));
  const size = descr === undefined ? undefined : dtypeItemSize(descr);
  if (size === undefined) {
    throw new Error(`NumpyArrayWrapper with a dtype openvet cannot size (${descr ?? 'unknown'})`);
  }
  if (size === 'object') {
    // Object arrays are written with pickle.dump: a whole pickle follows, scanned like the rest.
    const nested = disassemblePickle(bytes, position, { ...options, baseOffset });
    return { skip: nested.length, nested };
  }
  const shape = stateValue(state, 'shape');
  if (shape?.t !== 'seq' || !shape.complete) throw new Error('NumpyArrayWrapper without a shape');
  let count = 1;
  for (const dim of shape.items) {
    if (dim.t !== 'int' || typeof dim.v !== 'number' || dim.v < 0) {
      throw new Error('NumpyArrayWrapper shape is not a tuple of integers');
    }
    count *= dim.v;
  }
  let skip = 0;
  const alignment = stateValue(state, 'numpy_array_alignment_bytes');
  if (alignment?.t === 'int') {
    // One byte giving the padding length, then that many 0xFF bytes (joblib >= 1.2).
    const padding = bytes[position];
    if (padding === undefined) return { skip: 1 };
    if (padding > Number(alignment.v))
      throw new Error(`NumpyArrayWrapper padding of ${padding} bytes`);
    skip = 1 + padding;
  }
  return { skip: skip + count * size };
}

/**
 * Scans a pickle stream as both loaders read it. `pickle.load` treats the bytes after a
 * NumpyArrayWrapper's BUILD as opcodes; `joblib.load` skips them as array data. A file could
 * hide opcodes from one reading inside the other, so when the stream holds a wrapper both
 * readings are scanned and their findings merged; the plain reading's parse error (array bytes
 * are no opcodes) is dropped, since joblib's reading is the one that succeeds.
 */
export async function scanPickleStream(
  source: ByteSource,
  context: ReadContext,
  label: string,
): Promise<PickleScan> {
  const plain = await scanPickleSequence(source, 0, context, label);
  const hasWrapper = plain.pickles.some((p) =>
    p.callables.some((c) => WRAPPERS.has(`${c.module}.${c.name}`)),
  );
  if (!hasWrapper) return plain;
  const joblib = await scanPickleSequence(source, 0, context, label, { afterBuild: joblibArrays });
  const seen = new Set(joblib.findings.map((f) => `${f.rule}\0${f.detail ?? ''}`));
  const extra = plain.findings.filter(
    (f) => f.rule !== 'pickle.malformed' && !seen.has(`${f.rule}\0${f.detail ?? ''}`),
  );
  return {
    findings: [...joblib.findings, ...extra],
    pickles: joblib.pickles,
    bytesRead: plain.bytesRead + joblib.bytesRead,
    end: joblib.end,
  };
}
