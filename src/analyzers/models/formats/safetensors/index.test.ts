import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf } from '../../types.js';
import type { FormatResult } from '../../types.js';
import { checkSafetensorsHeader, safetensorsReader } from './index.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

async function scan(name: string, bytes = fixture(name)): Promise<FormatResult> {
  return safetensorsReader.read(bytesSource(name, bytes), context);
}

/** Builds a safetensors file from a header object and a data area of `dataSize` zero bytes. */
function build(header: unknown, dataSize: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataSize);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

describe('safetensorsReader fixtures', () => {
  it.each([
    ['benign.safetensors', 'safe', []],
    ['overlap.safetensors', 'error', ['safetensors.overlapping-tensors']],
    ['offsets-beyond-file.safetensors', 'unsafe', ['safetensors.offset-outside-file']],
    ['header-beyond-file.safetensors', 'error', ['safetensors.header-length']],
    ['size-mismatch.safetensors', 'error', ['safetensors.size-mismatch']],
  ])('%s → %s', async (name, verdict, rules) => {
    const result = await scan(name);
    expect(verdictOf(result.findings)).toBe(verdict);
    const flagged = result.findings.filter((f) => f.severity !== 'info').map((f) => f.rule);
    expect([...new Set(flagged)]).toEqual(rules);
  });

  it('reports the tensors and metadata of a real file and reads only the header', async () => {
    const bytes = fixture('benign.safetensors');
    const result = await scan('benign.safetensors', bytes);
    const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    expect(result.bytesRead).toBe(8 + headerLength);
    expect(result.bytesRead).toBeLessThan(bytes.length);
    expect(result.metadata).toMatchObject({
      tensorCount: 5,
      dtypes: { BF16: 1, BOOL: 1, F16: 1, F32: 1, I64: 1 },
      parameterCount: 16 * 8 + 8 * 8 + 8 + 1 + 4,
      metadata: { format: 'pt', source: 'openvet' },
    });
  });
});

describe('checkSafetensorsHeader', () => {
  const t = (dtype: string, shape: number[], begin: number, end: number) => ({
    dtype,
    shape,
    data_offsets: [begin, end],
  });
  it.each([
    ['contiguous tensors', { a: t('F32', [2], 0, 8), b: t('U8', [3], 8, 11) }, 11, 'safe', []],
    [
      'scalar and empty tensor',
      { a: t('F64', [], 0, 8), e: t('F32', [0, 4], 8, 8) },
      8,
      'safe',
      [],
    ],
    ['sub-byte dtype', { a: t('F4', [4], 0, 2) }, 2, 'safe', []],
    [
      'gap is info only',
      { a: t('U8', [2], 0, 2), b: t('U8', [2], 4, 6) },
      6,
      'safe',
      ['safetensors.unreferenced-bytes'],
    ],
    ['unknown dtype', { a: t('F128', [1], 0, 16) }, 16, 'error', ['safetensors.unknown-dtype']],
    ['negative dim', { a: t('F32', [-1], 0, 4) }, 4, 'error', ['safetensors.bad-tensor']],
    ['fractional dim', { a: t('F32', [1.5], 0, 6) }, 6, 'error', ['safetensors.bad-tensor']],
    ['end before begin', { a: t('U8', [0], 4, 2) }, 4, 'error', ['safetensors.bad-tensor']],
    [
      'end beyond data',
      { a: t('U8', [8], 0, 8) },
      4,
      'unsafe',
      ['safetensors.offset-outside-file'],
    ],
    ['odd bit count', { a: t('F4', [3], 0, 2) }, 2, 'error', ['safetensors.size-mismatch']],
    [
      'overlap',
      { a: t('U8', [4], 0, 4), b: t('U8', [4], 2, 6) },
      6,
      'error',
      ['safetensors.overlapping-tensors'],
    ],
    [
      'metadata not strings',
      { __metadata__: { n: 1 }, a: t('U8', [1], 0, 1) },
      1,
      'error',
      ['safetensors.bad-metadata'],
    ],
    [
      'metadata not object',
      { __metadata__: 'x', a: t('U8', [1], 0, 1) },
      1,
      'error',
      ['safetensors.bad-metadata'],
    ],
    ['header an array', [1, 2], 0, 'error', ['safetensors.bad-header']],
  ])('%s', (_label, header, dataSize, verdict, rules) => {
    const { findings } = checkSafetensorsHeader(header, dataSize);
    expect(verdictOf(findings)).toBe(verdict);
    expect(findings.map((f) => f.rule)).toEqual(rules);
  });

  it('caps repeated findings of one rule', () => {
    const header = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`t${i}`, t('U8', [1], 0, 99)]),
    );
    const { findings } = checkSafetensorsHeader(header, 1);
    expect(findings.length).toBe(21);
    expect(findings.at(-1)?.message).toMatch(/^80 more/);
  });
});

describe('safetensorsReader framing', () => {
  it.each([
    [
      'not JSON',
      (() => {
        const b = build({}, 0);
        b.set(new TextEncoder().encode('{x'), 8);
        return b;
      })(),
      'safetensors.bad-header',
    ],
    [
      'header length 2^63',
      (() => {
        const b = new Uint8Array(16);
        new DataView(b.buffer).setBigUint64(0, 1n << 63n, true);
        return b;
      })(),
      'safetensors.header-length',
    ],
  ])('%s → error', async (_label, bytes, rule) => {
    const result = await safetensorsReader.read(bytesSource('x.safetensors', bytes), context);
    expect(verdictOf(result.findings)).toBe('error');
    expect(result.findings[0]?.rule).toBe(rule);
  });

  it('throws on a file shorter than the length field', async () => {
    await expect(
      safetensorsReader.read(bytesSource('x.safetensors', new Uint8Array(3)), context),
    ).rejects.toThrow(/too short/);
  });

  it('respects a smaller member limit', async () => {
    const bytes = build({ a: t2() }, 4);
    const result = await safetensorsReader.read(bytesSource('x.safetensors', bytes), {
      limits: { ...DEFAULT_MODEL_LIMITS, maxMemberBytes: 10 },
      depth: 0,
    });
    expect(result.findings[0]?.rule).toBe('safetensors.header-length');
  });

  it('matches by extension only', () => {
    expect(safetensorsReader.matches('model.safetensors', new Uint8Array())).toBe(true);
    expect(safetensorsReader.matches('model.bin', new Uint8Array())).toBe(false);
  });
});

function t2() {
  return { dtype: 'F32', shape: [1], data_offsets: [0, 4] };
}
