import { describe, expect, it } from 'vitest';
import type { Evidence, ModelFileEvidence } from '../core/types.js';
import { evaluateFindings, verdictFor } from './evaluate.js';

function modelFile(
  verdict: ModelFileEvidence['verdict'],
  file = 'models/m/model.pt',
  componentId = 'huggingface:m',
): ModelFileEvidence {
  return {
    kind: 'model-file',
    id: `model-file:${componentId}:${file}`,
    componentId,
    source: 'models',
    confidence: 'high',
    file,
    format: 'pytorch-zip',
    verdict,
    ...(verdict !== 'safe' ? { detail: 'os.system' } : {}),
  };
}

describe('policy: model.unsafe-file', () => {
  it.each([
    ['unsafe', 'critical', 'fail'],
    ['suspicious', 'high', 'fail'],
    ['error', 'medium', 'review'],
    ['unverifiable', 'medium', 'review'],
  ] as const)(
    'a %s model file is a %s finding and the verdict is %s',
    (verdict, severity, status) => {
      const evidence: Evidence[] = [modelFile('safe', 'models/m/other.pt'), modelFile(verdict)];
      const findings = evaluateFindings(evidence);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        ruleId: 'model.unsafe-file',
        severity,
        componentId: 'huggingface:m',
        evidenceIds: ['model-file:huggingface:m:models/m/model.pt'],
        location: { path: 'models/m/model.pt' },
      });
      expect(findings[0]?.message).toMatch(
        new RegExp(`^models/m/model\\.pt \\(pytorch-zip\\) is ${verdict}: .* — os\\.system$`),
      );
      expect(verdictFor(findings, '3 component(s) found')).toEqual({
        status,
        summary: `3 component(s) found; 1 finding(s): 1 ${severity}`,
      });
    },
  );

  it('passes with no findings, and fingerprints are stable per rule, component and file', () => {
    expect(evaluateFindings([modelFile('safe')])).toEqual([]);
    expect(verdictFor([], '1 component(s) found')).toEqual({
      status: 'pass',
      summary: '1 component(s) found; no findings',
    });
    const a = evaluateFindings([modelFile('unsafe')]);
    const b = evaluateFindings([{ ...modelFile('unsafe'), detail: 'something else' }]);
    const c = evaluateFindings([modelFile('unsafe', 'models/m/b.pt')]);
    expect(a[0]?.fingerprint).toBe(b[0]?.fingerprint);
    expect(a[0]?.fingerprint).not.toBe(c[0]?.fingerprint);
    expect(a[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sorts findings worst first', () => {
    const findings = evaluateFindings([
      modelFile('error', 'a.pt'),
      modelFile('unsafe', 'b.pt'),
      modelFile('suspicious', 'c.pt'),
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['critical', 'high', 'medium']);
  });
});

describe('policy: model.remote-code', () => {
  it('asks for a review of a model that ships code its loader runs, naming the code', () => {
    const evidence: Evidence[] = [
      {
        kind: 'model-code',
        id: 'model-code:huggingface:m',
        componentId: 'huggingface:m',
        source: 'models',
        confidence: 'high',
        location: { path: 'models/m' },
        files: ['models/m/modeling_x.py'],
        autoMap: ['config.json: AutoModel → modeling_x.XModel'],
        externalRepos: [],
      },
    ];
    const findings = evaluateFindings(evidence);
    expect(findings).toEqual([
      {
        ruleId: 'model.remote-code',
        severity: 'medium',
        componentId: 'huggingface:m',
        message:
          'loading this model needs trust_remote_code and runs code shipped with it: auto_map config.json: AutoModel → modeling_x.XModel; Python files models/m/modeling_x.py',
        evidenceIds: ['model-code:huggingface:m'],
        location: { path: 'models/m' },
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) as string,
      },
    ]);
    expect(verdictFor(findings, '1 component(s) found').status).toBe('review');
  });
});
