import { describe, expect, it } from 'vitest';
import type { AnalyzeInput } from '../../../core/analyzer.js';
import type { Component, ModelCardEvidence, OpennessEvidence } from '../../../core/types.js';
import { artifactsOf } from './analyzer.js';
import { analyzer as opennessAnalyzer } from './index.js';

const model: Component = {
  id: 'huggingface:acme-model?local=models/acme',
  kind: 'model',
  ecosystem: 'huggingface',
  name: 'acme-model',
  scope: 'direct',
  groups: [],
  locations: [{ path: 'models/acme' }],
  foundBy: ['model/model-dir'],
  dependsOn: [],
};

const paths = new Set([
  'models/acme/README.md',
  'models/acme/config.json',
  'models/acme/generation_config.json',
  'models/acme/model.safetensors',
  'models/acme/modeling_acme.py',
  'models/acme/train.py',
  'models/acme/scripts/preprocess_data.py',
  'models/acme/eval_mmlu.py',
  'models/acme/checkpoint-500/model.safetensors',
  'models/other/model.safetensors',
]);

function card(
  overrides: Partial<ModelCardEvidence['metadata']> = {},
  sections: string[] = [],
): ModelCardEvidence {
  return {
    kind: 'model-card',
    id: 'card',
    componentId: model.id,
    source: 'models/provenance',
    confidence: 'declared',
    card: 'models/acme/README.md',
    metadata: {
      license: ['apache-2.0'],
      baseModels: [],
      datasets: ['acme/corpus'],
      language: [],
      tags: ['arxiv:2401.00001'],
      results: [{ metric: 'accuracy', value: 0.9 }],
      architectures: [],
      autoMap: [],
      parameters: {},
      generationConfig: true,
      chatTemplate: false,
      licenseFiles: ['models/acme/LICENSE'],
      noticeFiles: [],
      usePolicyFiles: [],
      weightMetadata: [],
      ...overrides,
    },
    sections: sections.map((id) => ({ id, status: 'present' as const })),
    transparency: {
      present: sections.length,
      expected: 9,
      score: sections.length / 9,
      missing: [],
    },
  };
}

describe('artifactsOf', () => {
  it('maps the files of the model folder and its card to MOF components', () => {
    const artifacts = artifactsOf(model, paths, card({}, ['training-data', 'citation']));
    expect(artifacts.license).toBe('apache-2.0');
    expect(artifacts.components).toEqual({
      'model-card': { files: ['models/acme/README.md'] },
      'evaluation-results': { files: ['models/acme/README.md'] },
      'data-card': { files: ['models/acme/README.md'] },
      datasets: { files: ['models/acme/README.md'] },
      'research-paper': { files: ['models/acme/README.md'] },
      'model-parameters-intermediate': { files: ['models/acme/checkpoint-500/model.safetensors'] },
      'model-metadata': {
        files: ['models/acme/config.json', 'models/acme/generation_config.json'],
      },
      'model-parameters-final': { files: ['models/acme/model.safetensors'] },
      'model-architecture': { files: ['models/acme/modeling_acme.py'] },
      'training-code': { files: ['models/acme/train.py'] },
      'evaluation-code': { files: ['models/acme/eval_mmlu.py'] },
      'data-preprocessing-code': { files: ['models/acme/scripts/preprocess_data.py'] },
    });
  });

  it('a model known only by name has nothing seen', () => {
    const referenced = { ...model, locations: [{ path: 'app.py', line: 3 }] };
    expect(artifactsOf(referenced, new Set(['app.py']), undefined).components).toEqual({});
  });
});

describe('opennessAnalyzer', () => {
  it('gives each model openness evidence with class, progress, components and OSAID', async () => {
    const input = {
      components: [model],
      evidence: [card({}, ['training-data'])],
      allPaths: paths,
    } as unknown as AnalyzeInput;
    const result = await opennessAnalyzer.analyze(input);
    expect(result.evidence).toHaveLength(1);
    const e = result.evidence[0] as OpennessEvidence;
    expect(e.kind).toBe('openness');
    expect(e.componentId).toBe(model.id);
    expect(e.components).toHaveLength(17);
    expect(e.components?.find((c) => c.key === 'model-parameters-final')).toMatchObject({
      status: 'open',
      license: 'Apache-2.0',
      // The licence files travel with the weights' evidence.
      files: ['models/acme/model.safetensors', 'models/acme/LICENSE'],
    });
    expect(e.progress?.III).toBeGreaterThan(0);
    expect(e.reasons?.length).toBeGreaterThan(0);
    expect(['open-source-ai', 'not-open-source-ai', 'insufficient-evidence']).toContain(e.osaid);
  });

  it('a non-open licence keeps every class out of reach', async () => {
    const input = {
      components: [model],
      evidence: [card({ license: ['cc-by-nc-4.0'] }, ['training-data'])],
      allPaths: paths,
    } as unknown as AnalyzeInput;
    const e = (await opennessAnalyzer.analyze(input)).evidence[0] as OpennessEvidence;
    expect(e.class).toBeUndefined();
    expect(e.progress).toEqual({ I: 0, II: 0, III: 0 });
    expect(e.osaid).toBe('not-open-source-ai');
  });
});
