import { describe, expect, it } from 'vitest';
import {
  MAX_EVIDENCE_FILES,
  declarationOpenness,
  mofLicenseId,
  modelOpenness,
} from './openness.js';
import type { ModelArtifacts } from './types.js';

describe('mofLicenseId', () => {
  it.each([
    ['apache-2.0', 'Apache-2.0'],
    ['cc-by-4.0', 'CC-BY-4.0'],
    [' MIT ', 'MIT'],
    ['mit-0', 'MIT-0'],
    ['gpl-3.0-only', 'GPL-3.0-only'],
    // One side of an OR open is enough; an AND needs every part.
    ['MIT OR LicenseRef-custom', 'MIT'],
    ['LicenseRef-custom OR Apache-2.0', 'Apache-2.0'],
    ['MIT AND Apache-2.0', 'Apache-2.0'],
    ['MIT AND CC-BY-NC-4.0', 'MIT AND CC-BY-NC-4.0'],
    ['LicenseRef-llama3.1', 'LicenseRef-llama3.1'],
    ['llama3.1', 'llama3.1'],
    ['CC-BY-NC-4.0', 'CC-BY-NC-4.0'],
  ])('%j → %j', (given, id) => {
    expect(mofLicenseId(given)).toBe(id);
  });
});

const LLAMA_FINETUNE: ModelArtifacts = {
  name: 'acme/llama-ft',
  license: 'llama3.1',
  licenseFiles: ['LICENSE', 'USE_POLICY.md'],
  components: {
    'model-parameters-final': { files: ['model-00002.safetensors', 'model-00001.safetensors'] },
    'model-card': { files: ['README.md'], license: 'cc-by-4.0' },
    'evaluation-results': { files: ['README.md'] },
    'model-metadata': { files: ['config.json', 'generation_config.json'] },
  },
};

describe('modelOpenness', () => {
  it('judges what a scan saw, with the evidence on each component', () => {
    const result = modelOpenness(LLAMA_FINETUNE);
    expect(result.name).toBe('acme/llama-ft');
    expect(result.class).toBeNull();
    const by = (key: string) => result.components.find((c) => c.key === key);
    expect(by('model-parameters-final')).toMatchObject({
      present: true,
      license: 'llama3.1',
      licenseSource: 'global-distribution',
      licenseOpen: false,
      status: 'not-open',
      evidence: ['model-00001.safetensors', 'model-00002.safetensors', 'LICENSE', 'USE_POLICY.md'],
    });
    expect(by('model-card')).toMatchObject({
      license: 'CC-BY-4.0',
      licenseSource: 'component',
      status: 'open',
      evidence: ['README.md'],
    });
    expect(by('training-code')).toMatchObject({ present: false, status: 'missing' });
    expect(by('training-code')?.reason).toMatch(/^no evidence found/);
    // Closed weights decide the OSAID verdict even though much was not seen.
    expect(result.osaid.verdict).toBe('not-open-source-ai');
  });

  it('says insufficient evidence when everything seen is open but much is unseen', () => {
    const result = modelOpenness({
      name: 'open-weights',
      license: 'apache-2.0',
      components: {
        'model-parameters-final': { files: ['model.safetensors'] },
        'model-card': { files: ['README.md'] },
      },
    });
    expect(result.osaid.verdict).toBe('insufficient-evidence');
    expect(result.progress.III).toBe(33);
    expect(result.osaid.reasons.find((r) => r.requirement === 'parameters')?.status).toBe('met');
  });

  it('reports a component seen without any known licence as unlicensed, not closed', () => {
    const result = modelOpenness({
      name: 'm',
      components: { 'model-parameters-final': { files: ['w.gguf'] } },
    });
    const weights = result.components.find((c) => c.key === 'model-parameters-final');
    expect(weights).toMatchObject({ status: 'unlicensed', license: null });
    expect(weights?.reason).toMatch(/no licence is known/);
    expect(result.osaid.verdict).toBe('insufficient-evidence');
  });

  it('ignores components listed without files, and bounds the evidence kept', () => {
    const files = Array.from(
      { length: 200 },
      (_, i) => `ckpt/step-${String(i).padStart(3, '0')}.bin`,
    );
    const result = modelOpenness({
      name: 'm',
      license: 'MIT',
      components: {
        'model-parameters-intermediate': { files },
        datasets: { files: [] },
      },
    });
    const by = (key: string) => result.components.find((c) => c.key === key);
    expect(by('model-parameters-intermediate')?.evidence).toHaveLength(MAX_EVIDENCE_FILES);
    expect(by('datasets')?.present).toBe(false);
  });

  it('reaches class I and open source AI when everything is seen under open licences', () => {
    const keys = [
      'model-architecture',
      'model-parameters-final',
      'evaluation-results',
      'model-card',
      'data-card',
      'technical-report',
      'training-code',
      'inference-code',
      'evaluation-code',
      'evaluation-data',
      'datasets',
      'data-preprocessing-code',
      'model-parameters-intermediate',
      'research-paper',
    ] as const;
    const result = modelOpenness({
      name: 'fully-open',
      license: 'Apache-2.0',
      components: Object.fromEntries(keys.map((k) => [k, { files: [`${k}.txt`] }])),
    });
    expect(result.class).toBe('I');
    expect(result.osaid.verdict).toBe('open-source-ai');
  });
});

describe('declarationOpenness', () => {
  it('reads absence in a declaration as not released', () => {
    const result = declarationOpenness({
      name: 'weights-only',
      license: { distribution: { name: 'Apache-2.0' } },
      components: [{ name: 'Model parameters (Final)' }, { name: 'Model card' }],
    });
    expect(result.osaid.verdict).toBe('not-open-source-ai');
    expect(result.osaid.reasons.find((r) => r.requirement === 'code')?.message).toMatch(
      /is not released/,
    );
  });
});
