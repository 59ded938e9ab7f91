import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { frontMatterFacts, modelIndexResults } from './front-matter.js';

function card(yaml: string): Record<string, unknown> {
  return parseDocument(yaml).toJS() as Record<string, unknown>;
}

describe('frontMatterFacts', () => {
  it('reads every field of the Hub metadata spec', () => {
    const facts = frontMatterFacts(
      card(`
license: other
license_name: llama3.1
license_link: https://llama.meta.com/llama3_1/license
base_model:
  - meta-llama/Llama-3.1-8B
  - meta-llama/Llama-3.1-8B
base_model_relation: Finetune
datasets: [tatsu-lab/alpaca, HuggingFaceH4/ultrachat_200k]
language: [fr, en]
pipeline_tag: text-generation
library_name: transformers
tags: [llama, chat]
`),
    );
    expect(facts).toEqual({
      license: ['other'],
      licenseName: 'llama3.1',
      licenseLink: 'https://llama.meta.com/llama3_1/license',
      baseModels: ['meta-llama/Llama-3.1-8B'],
      relation: 'finetune',
      relationValid: true,
      datasets: ['HuggingFaceH4/ultrachat_200k', 'tatsu-lab/alpaca'],
      language: ['en', 'fr'],
      pipelineTag: 'text-generation',
      libraryName: 'transformers',
      tags: ['chat', 'llama'],
      results: [],
    });
  });

  it.each([
    ['base_model: org/a', ['org/a'], undefined],
    ['base_model: [org/a, 7, null]', ['org/a'], undefined],
    ['base_model: {name: org/a}', [], undefined],
    ['base_model_relation: distilled', [], false],
    ['license: 42', [], undefined],
  ])('tolerates odd values: %s', (yaml, bases, relationValid) => {
    const facts = frontMatterFacts(card(yaml));
    expect(facts.baseModels).toEqual(bases);
    expect(facts.relationValid).toBe(relationValid);
  });

  it('is empty without a card', () => {
    expect(frontMatterFacts(undefined)).toEqual({
      license: [],
      baseModels: [],
      datasets: [],
      language: [],
      tags: [],
      results: [],
    });
  });
});

describe('modelIndexResults', () => {
  it('flattens model-index results into metric rows, skipping malformed entries', () => {
    const results = modelIndexResults(
      card(`
model-index:
  - name: org/model
    results:
      - task: {type: text-classification, name: Text Classification}
        dataset: {type: imdb, name: IMDB}
        metrics:
          - {type: accuracy, value: 0.93, name: Accuracy}
          - {type: f1, value: "0.91"}
          - {type: broken}
      - task: {type: question-answering}
        metrics: not-a-list
  - just a string
`),
    );
    expect(results).toEqual([
      {
        model: 'org/model',
        task: 'text-classification',
        dataset: 'IMDB',
        metric: 'Accuracy',
        value: 0.93,
      },
      {
        model: 'org/model',
        task: 'text-classification',
        dataset: 'IMDB',
        metric: 'f1',
        value: '0.91',
      },
    ]);
  });
});
