import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf } from '../../types.js';
import type { ByteSource } from '../../types.js';
import { externalLocationProblem, onnxReader } from './index.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

/** Protobuf encoding helpers for hand-made models. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}
function field(number: number, payload: number[] | string): number[] {
  const bytes = typeof payload === 'string' ? [...new TextEncoder().encode(payload)] : payload;
  return [...varint(number * 8 + 2), ...varint(bytes.length), ...bytes];
}
function nested(depth: number): number[] {
  // GraphProto { node { attribute { g: GraphProto {...} } } }
  let graph = field(1, [...field(4, 'Identity')]);
  for (let i = 0; i < depth; i++) {
    graph = field(1, [...field(4, 'If'), ...field(5, field(6, graph))]);
  }
  return graph;
}

describe('onnxReader fixtures', () => {
  it.each([
    ['benign.onnx', 'safe', []],
    ['benign-external.onnx', 'safe', []],
    ['benign-contrib-domain.onnx', 'safe', []],
    ['external-traversal.onnx', 'unsafe', ['onnx.external-data-outside']],
    ['external-absolute.onnx', 'unsafe', ['onnx.external-data-outside']],
    ['external-url.onnx', 'unsafe', ['onnx.external-data-outside']],
    ['custom-domain.onnx', 'suspicious', ['onnx.custom-op-domain']],
    ['custom-domain-subgraph.onnx', 'suspicious', ['onnx.custom-op-domain']],
  ])('%s → %s', async (name, verdict, rules) => {
    const result = await onnxReader.read(bytesSource(name, fixture(name)), context);
    expect(verdictOf(result.findings)).toBe(verdict);
    expect(result.findings.map((f) => f.rule)).toEqual(rules);
  });

  it('names the evidence', async () => {
    const traversal = await onnxReader.read(
      bytesSource('t.onnx', fixture('external-traversal.onnx')),
      context,
    );
    expect(traversal.findings[0]?.detail).toBe(
      'initializer tensor "W": location "../../etc/passwd"',
    );
    const nestedCustom = await onnxReader.read(
      bytesSource('c.onnx', fixture('custom-domain-subgraph.onnx')),
      context,
    );
    expect(nestedCustom.findings[0]?.message).toMatch(/^Operator evil\.ops::Shell /);
  });

  it('reports metadata and external data files', async () => {
    const result = await onnxReader.read(
      bytesSource('b.onnx', fixture('benign-external.onnx')),
      context,
    );
    expect(result.metadata).toMatchObject({
      producerName: 'openvet-fixtures',
      opsets: ['ai.onnx:17'],
      operatorCount: 3,
      externalData: ['benign-external.onnx.data'],
      metadataProps: { license: 'apache-2.0', author: 'openvet' },
    });
  });

  it('skips tensor bytes instead of reading them', async () => {
    // ModelProto { graph { initializer { name, raw_data: 4 MiB } node { op_type } } }
    const raw = new Uint8Array(4 * 1024 * 1024);
    const tensorHead = [...field(8, 'W'), ...varint(9 * 8 + 2), ...varint(raw.length)];
    const tensorLength = tensorHead.length + raw.length;
    const node = field(1, field(4, 'Relu'));
    const graphHead = [...varint(5 * 8 + 2), ...varint(tensorLength), ...tensorHead];
    const graphLength = graphHead.length + raw.length + node.length;
    const head = [...varint(7 * 8 + 2), ...varint(graphLength), ...graphHead];
    const bytes = new Uint8Array(head.length + raw.length + node.length);
    bytes.set(head);
    bytes.set(node, head.length + raw.length);
    let requested = 0;
    const inner = bytesSource('big.onnx', bytes);
    const source: ByteSource = {
      ...inner,
      read(offset, length) {
        requested += Math.min(length, bytes.length - offset);
        return inner.read(offset, length);
      },
    };
    const result = await onnxReader.read(source, context);
    expect(result.metadata.operatorCount).toBe(1);
    expect(result.bytesRead).toBeLessThan(200 * 1024);
    expect(requested).toBe(result.bytesRead);
  });

  it('stops at the nesting bound', async () => {
    const result = await onnxReader.read(
      bytesSource('deep.onnx', new Uint8Array(field(7, nested(70)))),
      context,
    );
    expect(result.findings.map((f) => f.rule)).toEqual(['onnx.nesting-too-deep']);
  });

  it.each([
    ['field past its parent', [...varint(7 * 8 + 2), ...varint(100), 1, 2], /past its message end/],
    ['group wire type', [...varint(7 * 8 + 3)], /unsupported wire type 3/],
    ['no graph', [...varint(1 * 8), 7], /has no graph/],
    ['truncated varint', [0x08, 0xff], /varint runs past/],
  ])('throws on %s', async (_label, bytes, message) => {
    await expect(
      onnxReader.read(bytesSource('bad.onnx', new Uint8Array(bytes)), context),
    ).rejects.toThrow(message);
  });
});

describe('externalLocationProblem', () => {
  it.each([
    ['weights.bin', undefined],
    ['sub/dir/weights.bin', undefined],
    ['model.onnx_data', undefined],
    ['a..b.bin', undefined],
    ['../../etc/passwd', 'parent-directory (..) segment'],
    ['data/../../x', 'parent-directory (..) segment'],
    ['..\\..\\windows\\win.ini', 'parent-directory (..) segment'],
    ['/etc/passwd', 'absolute path'],
    ['\\\\server\\share\\x', 'absolute path'],
    ['C:\\Windows\\win.ini', 'absolute Windows path'],
    ['c:/x', 'absolute Windows path'],
    ['file:///etc/passwd', 'URL'],
    ['https://example.com/w.bin', 'URL'],
    ['~/.ssh/id_rsa', 'home-directory path'],
    ['', 'empty location'],
    ['w.bin\0.txt', 'NUL byte'],
  ])('%j → %s', (location, problem) => {
    expect(externalLocationProblem(location)).toBe(problem);
  });
});
