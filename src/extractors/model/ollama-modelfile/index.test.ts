import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { FileEntry } from '../../../core/extractor.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor as modelDir } from '../model-dir/index.js';
import { extractor, parseModelfile } from './index.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../__fixtures__');

describe('model/ollama-modelfile required', () => {
  it.each<[string, boolean]>([
    ['Modelfile', true],
    ['deploy/Modelfile', true],
    ['llama.Modelfile', true],
    ['modelfile', true],
    ['Modelfile.bak', false],
    ['Dockerfile', false],
  ])('%s → %s', (file, expected) => {
    const entry: FileEntry = { path: file, base: path.posix.basename(file), size: 100 };
    expect(extractor.required(entry)).toBe(expected);
  });
});

describe('model/ollama-modelfile parse', () => {
  it('reads instructions case-insensitively, with quoted and multi-line values', () => {
    const text = [
      '# comment',
      'from llama3.1:8b',
      'PARAMETER temperature 0.2',
      'SYSTEM "You are helpful."',
      'TEMPLATE """{{ .System }}',
      'FROM not-an-instruction-inside-a-template',
      '{{ .Prompt }}"""',
      'LICENSE """',
      'MIT License',
      '"""',
      'SYSTEM "two',
      'lines"',
      '',
    ].join('\n');
    expect(parseModelfile(text, 'Modelfile')).toEqual([
      { name: 'FROM', value: 'llama3.1:8b', line: 2 },
      { name: 'PARAMETER', value: 'temperature 0.2', line: 3 },
      { name: 'SYSTEM', value: 'You are helpful.', line: 4 },
      {
        name: 'TEMPLATE',
        value: '{{ .System }}\nFROM not-an-instruction-inside-a-template\n{{ .Prompt }}',
        line: 5,
      },
      { name: 'LICENSE', value: '\nMIT License\n', line: 8 },
      { name: 'SYSTEM', value: 'two\nlines', line: 11 },
    ]);
  });

  it.each<[string, string, number]>([
    ['an unterminated """ value', 'FROM llama3\nSYSTEM """never closed\n', 2],
    ['an unterminated " value', 'FROM llama3\nSYSTEM "never closed\n', 2],
    ['a line that is no instruction', 'FROM llama3\n{{ stray }}\n', 2],
  ])('rejects %s with its line', (_case, text, line) => {
    expect(() => parseModelfile(text, 'Modelfile')).toThrow(InputError);
    try {
      parseModelfile(text, 'Modelfile');
    } catch (error) {
      expect((error as InputError).line).toBe(line);
    }
  });
});

describe('model/ollama-modelfile extract', () => {
  it('reports an Ollama library model under its own name and registry', async () => {
    const root = await tempTree({
      Modelfile: '# dev model\nFROM llama3.1:8b\nPARAMETER temperature 0.2\n',
    });
    expect(await runExtractor(extractor, root, 'Modelfile')).toEqual({
      packages: [
        {
          kind: 'model',
          ecosystem: 'huggingface',
          name: 'llama3.1:8b',
          direct: true,
          line: 2,
          source: { type: 'url', url: 'ollama://llama3.1:8b' },
          properties: { 'model:registry': 'ollama' },
        },
      ],
    });
  });

  it.each<[string, string, Record<string, string> | undefined]>([
    [
      'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M',
      'bartowski/Llama-3.2-1B-Instruct-GGUF',
      { 'ollama:tag': 'Q4_K_M' },
    ],
    [
      'huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF',
      'bartowski/Llama-3.2-1B-Instruct-GGUF',
      undefined,
    ],
    ['https://hf.co/org/name:latest', 'org/name', { 'ollama:tag': 'latest' }],
  ])('reports FROM %s as the Hub model', async (ref, name, properties) => {
    const root = await tempTree({ Modelfile: `FROM ${ref}\n` });
    expect((await runExtractor(extractor, root, 'Modelfile')).packages).toEqual([
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name,
        direct: true,
        line: 1,
        source: { type: 'hub', url: `https://huggingface.co/${name}` },
        ...(properties !== undefined ? { properties } : {}),
      },
    ]);
  });

  it('names FROM ./file.gguf like model-dir names its folder, so the two merge', async () => {
    const gguf = await readFile(path.join(FIXTURES, 'gguf/tiny-q8.gguf'));
    const root = await tempTree({
      'ollama/Modelfile': 'FROM ../weights/tiny-q8.gguf\nLICENSE """\nApache License 2.0\n"""\n',
      'weights/tiny-q8.gguf': gguf,
    });
    const fromModelfile = (await runExtractor(extractor, root, 'ollama/Modelfile')).packages;
    const fromFolder = (await runExtractor(modelDir, root, 'weights')).packages;
    expect(fromModelfile).toEqual([
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'weights',
        direct: true,
        line: 1,
        files: ['weights/tiny-q8.gguf'],
        source: { type: 'local', url: 'weights' },
        properties: {
          'model:formats': 'gguf',
          'model:files': '1',
          'model:bytes': '352',
          'model:name_source': 'directory',
          'ollama:license': 'embedded',
        },
      },
    ]);
    expect(fromFolder[0]?.name).toBe(fromModelfile[0]?.name);
    expect(fromFolder[0]?.source).toEqual(fromModelfile[0]?.source);
  });

  it('reports a path outside the scan as a local model named by its file', async () => {
    const root = await tempTree({
      Modelfile: 'FROM /srv/models/mistral-7b-q4.gguf\nADAPTER ~/loras/support.safetensors\n',
    });
    expect((await runExtractor(extractor, root, 'Modelfile')).packages).toEqual([
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'mistral-7b-q4',
        direct: true,
        line: 1,
        source: { type: 'local', url: '/srv/models/mistral-7b-q4.gguf' },
      },
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'support',
        direct: true,
        line: 2,
        source: { type: 'local', url: '~/loras/support.safetensors' },
        properties: { 'ollama:role': 'adapter' },
      },
    ]);
  });

  it('names a path of a million slashes in one pass', async () => {
    // (Trailing separators were stripped by a pattern tried from each separator: quadratic.)
    const root = await tempTree({ Modelfile: `FROM /srv/${'/'.repeat(1_000_000)}x/models//\n` });
    const [model] = (await runExtractor(extractor, root, 'Modelfile')).packages;
    expect(model?.name).toBe('models');
  });

  it('warns when a relative path is missing from the scanned tree', async () => {
    const root = await tempTree({ Modelfile: 'FROM ./missing.gguf\n' });
    expect(await runExtractor(extractor, root, 'Modelfile')).toEqual({
      packages: [
        {
          kind: 'model',
          ecosystem: 'huggingface',
          name: 'missing',
          direct: true,
          line: 1,
          source: { type: 'local', url: './missing.gguf' },
        },
      ],
      warnings: [
        { message: 'Modelfile: line 1: ./missing.gguf is not in the scanned tree', line: 1 },
      ],
    });
  });

  it('rejects a Modelfile without FROM', async () => {
    const root = await tempTree({ Modelfile: 'PARAMETER temperature 0.2\n' });
    await expect(runExtractor(extractor, root, 'Modelfile')).rejects.toThrow(/no FROM instruction/);
  });
});
