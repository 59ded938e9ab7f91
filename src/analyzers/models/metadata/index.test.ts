import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createScanFs } from '../../../core/fs.js';
import { tempTree } from '../../../testing/extract.js';
import { ggufBaseId, readModelMetadata, splitCard } from './index.js';

const FORMATS = new URL('../formats/', import.meta.url);

const CARD = `---
license: apache-2.0
base_model: meta-llama/Llama-3.1-8B
base_model_relation: finetune
datasets: [org/chat-data]
language: en
pipeline_tag: text-generation
library_name: transformers
tags: [chat]
model-index:
  - name: acme/chat-8b
    results:
      - task: {type: text-generation}
        dataset: {name: MMLU, type: cais/mmlu}
        metrics: [{type: acc, value: 66.1}]
---

# Acme Chat 8B

## Intended uses

A chat assistant for customer support.

## Limitations

It makes things up.

## Citation

[More Information Needed]
`;

async function modelFolder(): Promise<string> {
  return tempTree({
    'm/README.md': CARD,
    'm/config.json': JSON.stringify({
      architectures: ['LlamaForCausalLM'],
      model_type: 'llama',
      hidden_size: 4096,
      num_hidden_layers: 32,
      vocab_size: 128256,
      torch_dtype: 'bfloat16',
      auto_map: { AutoModelForCausalLM: 'modeling_acme.AcmeForCausalLM' },
    }),
    'm/generation_config.json': '{"temperature": 0.6}',
    'm/tokenizer_config.json': JSON.stringify({ chat_template: '{{ messages }}' }),
    'm/LICENSE': 'Apache License 2.0',
    'm/NOTICE.txt': 'Built with Llama',
    'm/USE_POLICY.md': 'Acceptable use',
    'm/model.onnx': await readFile(new URL('onnx/__fixtures__/benign.onnx', FORMATS)),
    'm/model.gguf': await readFile(new URL('gguf/__fixtures__/benign-llama3.gguf', FORMATS)),
  });
}

describe('readModelMetadata', () => {
  it('reads the card, configs, licence files and weight headers of a model folder', async () => {
    const root = await modelFolder();
    const meta = await readModelMetadata({
      fs: createScanFs(root),
      folder: 'm',
      names: [
        'LICENSE',
        'NOTICE.txt',
        'README.md',
        'USE_POLICY.md',
        'config.json',
        'generation_config.json',
        'model.gguf',
        'model.onnx',
        'tokenizer_config.json',
      ],
      weightFiles: ['m/model.gguf', 'm/model.onnx'],
    });
    expect(meta.card).toBe('m/README.md');
    expect(meta.metadata).toEqual({
      license: ['apache-2.0'],
      baseModels: ['meta-llama/Llama-3.1-8B'],
      relation: 'finetune',
      datasets: ['org/chat-data'],
      language: ['en'],
      pipelineTag: 'text-generation',
      libraryName: 'transformers',
      tags: ['chat'],
      results: [
        {
          model: 'acme/chat-8b',
          task: 'text-generation',
          dataset: 'MMLU',
          metric: 'acc',
          value: 66.1,
        },
      ],
      architectures: ['LlamaForCausalLM'],
      modelType: 'llama',
      autoMap: ['AutoModelForCausalLM → modeling_acme.AcmeForCausalLM'],
      parameters: { hidden_size: 4096, num_hidden_layers: 32, vocab_size: 128256 },
      generationConfig: true,
      chatTemplate: true,
      licenseFiles: ['m/LICENSE'],
      noticeFiles: ['m/NOTICE.txt'],
      usePolicyFiles: ['m/USE_POLICY.md'],
      weightMetadata: [
        {
          file: 'm/model.gguf',
          format: 'gguf',
          values: {
            'general.architecture': 'llama',
            'general.name': 'tiny-llama',
            'general.license': 'llama3',
            'general.base_model.count': 1,
            'general.base_model.0.name': 'Meta Llama 3 8B',
          },
        },
        {
          file: 'm/model.onnx',
          format: 'onnx',
          values: {
            license: 'apache-2.0',
            author: 'openvet',
            'onnx.producerName': 'openvet-fixtures',
          },
        },
      ],
    });
    expect(meta.ggufBaseModels).toEqual(['Meta Llama 3 8B']);
    const byId = Object.fromEntries(meta.sections.map((s) => [s.id, s]));
    // Lines are the file's: the front matter takes 16 lines.
    expect(byId.uses).toEqual({
      id: 'uses',
      status: 'present',
      heading: 'Intended uses',
      line: 20,
      words: 6,
      text: 'A chat assistant for customer support.',
    });
    expect(byId['bias-risks-limitations']?.status).toBe('present');
    expect(byId.citation?.status).toBe('empty');
    expect(meta.transparency).toMatchObject({ present: 2, expected: 9, score: 0.22 });
    expect(meta.warnings).toEqual([]);
  });

  it('goes on past a malformed config and an unreadable weight header, with warnings', async () => {
    const root = await tempTree({
      'README.md': '---\nlicense: [unclosed\n---\n## Uses\n\nChat.\n',
      'tokenizer_config.json': '{not json',
      'model.gguf': await readFile(new URL('gguf/__fixtures__/truncated.gguf', FORMATS)),
    });
    const meta = await readModelMetadata({
      fs: createScanFs(root),
      folder: '',
      names: ['README.md', 'model.gguf', 'tokenizer_config.json'],
      weightFiles: ['model.gguf'],
    });
    expect(meta.metadata.license).toEqual([]);
    expect(meta.sections.find((s) => s.id === 'uses')?.status).toBe('present');
    expect(meta.metadata.chatTemplate).toBe(false);
    expect(meta.warnings.map((w) => w.path)).toEqual([
      'README.md',
      'tokenizer_config.json',
      'model.gguf',
    ]);
  });

  it('reports every section absent for a folder without a card', async () => {
    const root = await tempTree({ 'model.safetensors': 'x' });
    const meta = await readModelMetadata({
      fs: createScanFs(root),
      folder: '',
      names: ['model.safetensors'],
    });
    expect(meta.card).toBeUndefined();
    expect(meta.sections.every((s) => s.status === 'absent')).toBe(true);
    expect(meta.transparency.score).toBe(0);
  });
});

describe('splitCard', () => {
  it.each([
    ['---\na: 1\n---\nbody', 3, 'body'],
    ['\ufeff---\na: 1\n...\nbody', 3, 'body'],
    ['no front matter', 0, 'no front matter'],
    ['---\nunclosed', 0, '---\nunclosed'],
  ])('%j', (text, bodyLine, body) => {
    expect(splitCard(text)).toMatchObject({ bodyLine, body });
  });
});

describe('ggufBaseId', () => {
  it.each([
    [
      { repo_url: 'https://huggingface.co/meta-llama/Meta-Llama-3-8B' },
      'meta-llama/Meta-Llama-3-8B',
    ],
    [{ organization: 'Meta Llama', name: 'Meta Llama 3 8B' }, 'Meta-Llama/Meta-Llama-3-8B'],
    [{ name: 'Meta Llama 3 8B' }, undefined],
    [{ repo_url: 'https://example.org/x/y' }, undefined],
  ])('%j → %s', (entry, id) => {
    expect(ggufBaseId(entry)).toBe(id);
  });
});
