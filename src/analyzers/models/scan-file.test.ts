import { describe, expect, it } from 'vitest';
import { memorySource } from '../../testing/models.js';
import { isModelFileName, scanModelSource } from './scan-file.js';
import type { FormatReader } from './types.js';

const magic = (text: string): FormatReader => ({
  format: text,
  matches: (_name, head) => new TextDecoder().decode(head).startsWith(text),
  read: async (source) => {
    const bytes = await source.read(0, source.size);
    const body = new TextDecoder().decode(bytes);
    if (body.includes('BROKEN')) throw new Error('truncated at offset 4');
    return {
      format: text,
      findings: body.includes('EVIL')
        ? [
            {
              rule: `${text}.dangerous`,
              severity: 'unsafe',
              message: 'runs code',
              detail: 'os.system',
            },
          ]
        : [{ rule: `${text}.note`, severity: 'info', message: 'fine' }],
      metadata: { length: bytes.length },
      bytesRead: bytes.length,
    };
  },
});
const readers = [magic('AAA'), magic('BBB')];

function source(text: string, name = 'model.bin') {
  return memorySource(name, new TextEncoder().encode(text));
}

describe('scanModelSource', () => {
  it.each([
    ['AAA fine', 'AAA', 'safe', []],
    ['BBB EVIL', 'BBB', 'unsafe', ['BBB.dangerous']],
    ['AAA BROKEN', 'AAA', 'error', ['model.malformed']],
    ['ZZZ what', 'unknown', 'safe', []],
  ])('%j → %s, %s', async (text, format, verdict, rules) => {
    const report = await scanModelSource('dir/model.bin', source(text), { readers });
    expect(report.format).toBe(format);
    expect(report.verdict).toBe(verdict);
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual(rules);
    expect(report.file).toBe('dir/model.bin');
  });

  it('names the format and the reason when a reader gives up, and counts the bytes read', async () => {
    const report = await scanModelSource('m.bin', source('AAA BROKEN'), { readers });
    expect(report.findings[0]?.message).toBe('malformed AAA file: truncated at offset 4');
    // The 64-byte head (10 bytes here) and the reader's own read.
    expect(report.bytesRead).toBe(20);
  });

  it('reports a file that cannot be read as an error', async () => {
    const failing = {
      name: 'x.pt',
      size: 10,
      read: () => Promise.reject(new Error('EIO')),
    };
    const report = await scanModelSource('x.pt', failing, { readers });
    expect(report).toMatchObject({ verdict: 'error', format: 'unknown' });
    expect(report.findings[0]?.message).toMatch(/could not read the file: EIO/);
  });
});

describe('isModelFileName', () => {
  it.each([
    ['model.safetensors', true],
    ['pytorch_model.bin', true],
    ['MODEL.PT', true],
    ['saved_model.pb', true],
    ['weights.npz', true],
    ['archive.7z', true],
    ['README.md', false],
    ['config.json', false],
    ['tokenizer.json', false],
  ])('%s → %s', (name, expected) => {
    expect(isModelFileName(name)).toBe(expected);
  });
});
