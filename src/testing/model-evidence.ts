/**
 * Evidence and findings for reporter tests: a card, a two-link lineage and an openness
 * evaluation for the model of `sampleScanResult()`; findings on a component and on none.
 */
import type { Evidence, Finding, ScanResult } from '../core/types.js';

/** `result` with model-card, provenance and openness evidence on its first model. */
export function withModelEvidence(result: ScanResult): ScanResult {
  const model = result.components.find((c) => c.kind === 'model');
  if (model === undefined) throw new Error('the result has no model');
  const base = {
    componentId: model.id,
    source: 'models/provenance',
    confidence: 'declared' as const,
  };
  const evidence: Evidence[] = [
    {
      ...base,
      kind: 'model-card',
      id: 'card:1',
      card: 'models/llama/README.md',
      metadata: {
        license: ['llama3.2'],
        baseModels: ['meta-llama/Llama-3.2-1B-base'],
        datasets: ['acme/instructions'],
        language: ['en'],
        pipelineTag: 'text-generation',
        tags: [],
        results: [{ task: 'text-generation', dataset: 'mmlu', metric: 'accuracy', value: 0.61 }],
        architectures: ['LlamaForCausalLM'],
        modelType: 'llama',
        autoMap: [],
        parameters: { hidden_size: 2048 },
        generationConfig: true,
        chatTemplate: true,
        licenseFiles: ['models/llama/LICENSE'],
        noticeFiles: [],
        usePolicyFiles: [],
        weightMetadata: [],
      },
      sections: [
        {
          id: 'uses',
          status: 'present',
          heading: 'Intended uses',
          line: 5,
          words: 12,
          text: 'Chat assistants for support.',
        },
        {
          id: 'bias-risks-limitations',
          status: 'present',
          heading: 'Limitations',
          line: 9,
          words: 6,
          text: 'English only.',
        },
        { id: 'citation', status: 'absent' },
      ],
      transparency: { present: 2, expected: 9, score: 0.22, missing: ['citation'] },
    },
    {
      ...base,
      kind: 'provenance',
      id: 'provenance:1',
      baseModels: ['meta-llama/Llama-3.2-1B-base'],
      relation: 'finetune',
      ancestors: [
        {
          id: 'meta-llama/Llama-3.2-1B-base',
          depth: 1,
          children: [model.name],
          resolvedFrom: 'cache',
          license: 'llama3.2',
          baseModels: ['meta-llama/Llama-3.2-root'],
        },
        {
          id: 'meta-llama/Llama-3.2-root',
          depth: 2,
          children: ['meta-llama/Llama-3.2-1B-base'],
          resolvedFrom: 'unresolved',
          baseModels: [],
        },
      ],
      roots: ['meta-llama/Llama-3.2-root'],
    },
    {
      ...base,
      source: 'models/openness',
      confidence: 'medium',
      kind: 'openness',
      id: 'openness:1',
      progress: { I: 0, II: 0, III: 25 },
      osaid: 'not-open-source-ai',
      detail: 'no MOF class',
    },
  ];
  return { ...result, evidence: [...result.evidence, ...evidence] };
}

/**
 * `result` with two findings of `ruleId` and `severity`: one on its first component
 * (fingerprint `a…a`), one about no component (`b…b`); the verdict fails.
 */
export function withTwoFindings(
  result: ScanResult,
  ruleId: string,
  severity: Finding['severity'],
): ScanResult {
  const finding = (fingerprint: string, componentId?: string): Finding => ({
    ruleId,
    severity,
    message: `problem ${fingerprint}`,
    evidenceIds: [],
    fingerprint,
    ...(componentId !== undefined ? { componentId } : {}),
  });
  return {
    ...result,
    findings: [finding('a'.repeat(32), result.components[0]?.id), finding('b'.repeat(32))],
    verdict: { status: 'fail', summary: '2 finding(s)' },
  };
}
