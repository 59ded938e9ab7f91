import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf } from '../../types.js';
import type { ByteSource } from '../../types.js';
import { ggufReader } from './index.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

describe('ggufReader', () => {
  it.each([
    ['benign-llama3.gguf', 'safe', []],
    ['benign-chatml.gguf', 'safe', []],
    ['benign-no-template.gguf', 'safe', []],
    [
      'ssti-subclasses.gguf',
      'unsafe',
      ['gguf.chat-template-dunder', 'gguf.chat-template-dangerous-name'],
    ],
    [
      'ssti-cycler-globals.gguf',
      'unsafe',
      ['gguf.chat-template-dunder', 'gguf.chat-template-dangerous-name'],
    ],
    ['ssti-attr-hex.gguf', 'unsafe', ['gguf.chat-template-dunder']],
  ])('%s → %s', async (name, verdict, rules) => {
    const result = await ggufReader.read(bytesSource(name, fixture(name)), context);
    expect(verdictOf(result.findings)).toBe(verdict);
    expect([...new Set(result.findings.map((f) => f.rule))]).toEqual(rules);
  });

  it('reports the model metadata, not the tokenizer arrays', async () => {
    const result = await ggufReader.read(
      bytesSource('m.gguf', fixture('benign-llama3.gguf')),
      context,
    );
    expect(result.metadata).toEqual({
      version: 3,
      tensorCount: 1,
      kvCount: 11,
      'general.architecture': 'llama',
      'general.name': 'tiny-llama',
      'general.license': 'llama3',
      'general.base_model.count': 1,
      'tokenizer.ggml.model': 'gpt2',
      contextLength: 128,
      baseModels: [{ name: 'Meta Llama 3 8B' }],
      chatTemplates: ['tokenizer.chat_template'],
    });
  });

  it('throws on a truncated header, naming the offset', async () => {
    await expect(
      ggufReader.read(bytesSource('t.gguf', fixture('truncated.gguf')), context),
    ).rejects.toThrow(/header runs to offset \d+, past the end of the 200-byte file/);
  });

  it('reads the header only, through ranged reads', async () => {
    // The benign file followed by 8 MiB of "tensor data" the reader must not fetch.
    const head = fixture('benign-llama3.gguf');
    const big = new Uint8Array(head.length + 8 * 1024 * 1024);
    big.set(head);
    const ranges: [number, number][] = [];
    const inner = bytesSource('big.gguf', big);
    const source: ByteSource = {
      size: inner.size,
      name: inner.name,
      read(offset, length) {
        ranges.push([offset, length]);
        return inner.read(offset, length);
      },
    };
    const result = await ggufReader.read(source, context);
    expect(verdictOf(result.findings)).toBe('safe');
    expect(result.bytesRead).toBeLessThanOrEqual(2_000_000);
    expect(ranges).toEqual([[0, 2_000_000]]);
  });

  it('matches on the magic number', () => {
    expect(ggufReader.matches('x.bin', new TextEncoder().encode('GGUF\x03\0\0\0'))).toBe(true);
    expect(ggufReader.matches('x.gguf', new TextEncoder().encode('GGML'))).toBe(false);
  });
});
