import { describe, expect, it } from 'vitest';
import type {
  AdvisoryEvidence,
  Component,
  Evidence,
  ModelFileEvidence,
  Target,
} from '../core/types.js';
import { evaluateFindings, evaluatePolicy, verdictFor } from './evaluate.js';
import { PRESETS } from './presets/index.js';
import type { IntendedUse, Policy } from './types.js';

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

// ---------------------------------------------------------------------------------------------
// The full policy of an intended use.

function pkg(
  name: string,
  concluded: string | undefined,
  more: Partial<Component> = {},
): Component {
  const id = `pkg:npm/${name}@1.0.0`;
  return {
    id,
    kind: 'package',
    ecosystem: 'npm',
    name,
    version: '1.0.0',
    purl: id,
    scope: 'direct',
    groups: [],
    locations: [{ path: 'package-lock.json', line: 10 }],
    foundBy: ['npm/package-lock'],
    dependsOn: [],
    license:
      concluded === undefined
        ? { detected: [], status: 'unknown', reason: 'nothing declared or found' }
        : { concluded, status: 'declared', detected: [] },
    ...more,
  };
}

function model(name: string, concluded: string, more: Partial<Component> = {}): Component {
  return {
    ...pkg(name, concluded),
    id: `pkg:huggingface/${name}`,
    purl: `pkg:huggingface/${name}`,
    kind: 'model',
    ecosystem: 'huggingface',
    locations: [{ path: `models/${name}/README.md`, line: 3 }],
    foundBy: ['model/model-dir'],
    ...more,
  };
}

function concludedEvidence(c: Component): Evidence {
  return {
    kind: 'license',
    id: `license:${c.id}`,
    componentId: c.id,
    source: 'license',
    confidence: 'declared',
    expression: c.license?.concluded ?? '',
    role: 'concluded',
  };
}

function advisory(componentId: string, advisoryId: string, severity?: string): AdvisoryEvidence {
  return {
    kind: 'advisory',
    id: `advisory:${componentId}:${advisoryId}`,
    componentId,
    source: 'vulns',
    confidence: 'high',
    advisoryId,
    aliases: [`CVE-${advisoryId.slice(5)}`],
    ...(severity !== undefined ? { severity } : {}),
    summary: 'prototype pollution',
    fixed: '1.0.1',
  };
}

const NOW = new Date('2026-06-01T00:00:00Z');

function judge(components: Component[], use: IntendedUse, more: Evidence[] = [], policy?: Policy) {
  return evaluatePolicy(
    {
      components,
      evidence: [...components.filter((c) => c.license?.concluded).map(concludedEvidence), ...more],
    },
    policy ?? PRESETS[use],
    NOW,
    `${components.length} component(s) found`,
  );
}

describe('policy: a SaaS project with an AGPL library and a CC-BY-NC model', () => {
  const components = [
    pkg('agpl-lib', 'AGPL-3.0-only'),
    pkg('mit-lib', 'MIT'),
    model('acme/nc-model', 'CC-BY-NC-4.0'),
  ];

  it('fails under saas with exactly those two license.denied findings', () => {
    const { findings, verdict } = judge(components, 'saas');
    expect(findings.map((f) => [f.ruleId, f.severity, f.componentId]).sort()).toEqual([
      ['license.denied', 'high', 'pkg:huggingface/acme/nc-model'],
      ['license.denied', 'high', 'pkg:npm/agpl-lib@1.0.0'],
    ]);
    const agpl = findings.find((f) => f.componentId === 'pkg:npm/agpl-lib@1.0.0');
    expect(agpl).toMatchObject({
      evidenceIds: ['license:pkg:npm/agpl-lib@1.0.0'],
      location: { path: 'package-lock.json', line: 10 },
      message: expect.stringMatching(/AGPL-3\.0-only §13/) as string,
    });
    expect(verdict).toMatchObject({
      status: 'fail',
      use: 'saas',
      policy: 'preset saas',
      failing: findings.map((f) => f.fingerprint).sort(),
      obligations: [],
    });
    expect(verdict.summary).toBe(
      '3 component(s) found; saas use (preset saas): 2 finding(s): 2 high; 2 fail, 0 for review',
    );
  });

  it('does not deny the AGPL library under internal (the model needs a review)', () => {
    const { findings, verdict } = judge(components, 'internal');
    expect(findings.map((f) => [f.ruleId, f.componentId])).toEqual([
      ['license.review', 'pkg:huggingface/acme/nc-model'],
    ]);
    expect(verdict.status).toBe('review');
  });

  it('passes under research', () => {
    expect(judge(components, 'research').verdict.status).toBe('pass');
  });
});

describe('policy: licence rules', () => {
  it('reports an unknown licence as license.unknown (review), skipping dev dependencies', () => {
    const { findings, verdict } = judge(
      [pkg('mystery', undefined), pkg('tooling', undefined, { scope: 'dev' })],
      'distribution',
    );
    expect(findings).toMatchObject([
      {
        ruleId: 'license.unknown',
        severity: 'medium',
        componentId: 'pkg:npm/mystery@1.0.0',
        message: 'licence unknown: nothing declared or found',
      },
    ]);
    expect(verdict.status).toBe('review');
  });

  it('reports license.conflict for an MIT library distributed with GPL-3.0 code', () => {
    const target: Target = {
      path: '.',
      type: 'directory',
      name: 'my-lib',
      dependsOn: [],
      license: { concluded: 'MIT', status: 'declared', detected: [] },
    };
    const gpl = pkg('gpl-lib', 'GPL-3.0-only');
    const { findings, verdict } = evaluatePolicy(
      { components: [gpl], evidence: [concludedEvidence(gpl)], target },
      PRESETS.distribution,
      NOW,
      '1 component(s) found',
    );
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['license.conflict', 'high']]);
    expect(findings[0]?.message).toMatch(/^the project's licence MIT conflicts with GPL-3\.0-only/);
    expect(verdict.status).toBe('fail');
  });

  it('lists the obligations of OpenRAIL and Llama models in the verdict', () => {
    const policy = { ...PRESETS.distribution, product: { monthlyActiveUsers: 5000 } };
    const { findings, verdict } = judge(
      [
        model('org/rail', 'LicenseRef-creativeml-openrail-m'),
        model('meta/llama', 'LicenseRef-llama3.1'),
      ],
      'distribution',
      [],
      policy,
    );
    expect(findings).toEqual([]);
    expect(verdict.status).toBe('pass');
    const kinds = verdict.obligations?.map((o) => [o.componentId, o.obligation.split(':')[0]]);
    expect(kinds).toEqual([
      ['pkg:huggingface/meta/llama', 'attribution notice'],
      ['pkg:huggingface/meta/llama', 'derivative naming'],
      ['pkg:huggingface/meta/llama', 'use restrictions (pass them on to recipients)'],
      ['pkg:huggingface/org/rail', 'attribution notice'],
      ['pkg:huggingface/org/rail', 'outputs'],
      ['pkg:huggingface/org/rail', 'use restrictions (pass them on to recipients)'],
    ]);
    expect(verdict.obligations?.every((o) => o.clause.length > 0)).toBe(true);
  });

  it('exempts components on the allow list and fails those on the deny list', () => {
    const policy: Policy = {
      ...PRESETS.saas,
      components: { allow: ['pkg:npm/agpl-*'], deny: ['pkg:npm/left-pad@*'] },
    };
    const { findings } = judge(
      [pkg('agpl-lib', 'AGPL-3.0-only'), pkg('left-pad', 'MIT')],
      'saas',
      [],
      policy,
    );
    expect(findings.map((f) => [f.ruleId, f.componentId])).toEqual([
      ['component.denied', 'pkg:npm/left-pad@1.0.0'],
    ]);
  });
});

describe('policy: vuln.severity', () => {
  const lib = pkg('lib', 'MIT');
  const ignore = (expires: string, reason = 'not reachable'): Policy => ({
    ...PRESETS.saas,
    vulns: {
      ...PRESETS.saas.vulns,
      ignore: [{ id: 'CVE-1111-2222-3333', reason, expires, at: 'openvet.yml:9' }],
    },
  });

  it.each([
    ['critical', 'critical', true],
    ['HIGH', 'high', true],
    ['moderate', 'medium', false],
    ['low', undefined, false],
    [undefined, 'medium', false],
    ['Severe', 'medium', false],
  ] as const)(
    'an advisory rated %s → %s finding, failing %s (saas: fail ≥ high, review ≥ medium)',
    (rated, severity, fails) => {
      const { findings, verdict } = judge([lib], 'saas', [
        advisory(lib.id, 'GHSA-1111-2222-3333', rated),
      ]);
      if (severity === undefined) {
        expect(findings).toEqual([]);
        return;
      }
      expect(findings).toMatchObject([{ ruleId: 'vuln.severity', severity, componentId: lib.id }]);
      expect(verdict.status).toBe(fails ? 'fail' : 'review');
    },
  );

  it('rates an advisory with an unknown level by its CVSS score', () => {
    const ev = { ...advisory(lib.id, 'GHSA-1111-2222-3333', 'Severe'), score: 9.8 };
    expect(judge([lib], 'saas', [ev]).findings).toMatchObject([
      { severity: 'critical', message: expect.stringMatching(/: critical 9\.8;/) as string },
    ]);
  });

  it('hides an advisory ignored by any of its ids until the expiry date, inclusive', () => {
    const ev = advisory(lib.id, 'GHSA-1111-2222-3333', 'critical');
    expect(judge([lib], 'saas', [ev], ignore('2026-06-01')).findings).toEqual([]);
    const expired = judge([lib], 'saas', [ev], ignore('2026-05-31'));
    expect(expired.findings).toHaveLength(1);
    expect(expired.findings[0]?.message).toBe(
      'GHSA-1111-2222-3333 (CVE-1111-2222-3333): critical; prototype pollution; fixed in 1.0.1; the ignore entry at openvet.yml:9 expired on 2026-05-31',
    );
    expect(expired.verdict.status).toBe('fail');
  });

  it('applies an ignore entry only to the components its pattern matches', () => {
    const other = pkg('other', 'MIT');
    const policy: Policy = {
      ...PRESETS.saas,
      vulns: {
        ...PRESETS.saas.vulns,
        ignore: [
          {
            id: 'GHSA-1111-2222-3333',
            reason: 'dev server only',
            expires: '2030-01-01',
            component: 'pkg:npm/lib@*',
          },
        ],
      },
    };
    const { findings } = judge(
      [lib, other],
      'saas',
      [
        advisory(lib.id, 'GHSA-1111-2222-3333', 'high'),
        advisory(other.id, 'GHSA-1111-2222-3333', 'high'),
      ],
      policy,
    );
    expect(findings.map((f) => f.componentId)).toEqual([other.id]);
  });

  it('gives findings fingerprints stable across runs and messages, distinct per advisory', () => {
    const a = judge([lib], 'saas', [advisory(lib.id, 'GHSA-1111-2222-3333', 'high')]).findings[0];
    const b = judge([lib], 'distribution', [
      { ...advisory(lib.id, 'GHSA-1111-2222-3333', 'critical'), summary: 'other words' },
    ]).findings[0];
    const c = judge([lib], 'saas', [advisory(lib.id, 'GHSA-9999-2222-3333', 'high')]).findings[0];
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.fingerprint).not.toBe(c?.fingerprint);
  });
});

describe('policy: model and health rules', () => {
  it('reports a fine-tune that relabels its Llama base as Apache-2.0 (model.license-conflict)', () => {
    const base = model('meta-llama/Llama-3.1-8B', 'LicenseRef-llama3.1', {
      declaredLicense: 'llama3.1',
    });
    const tune = model('acme/tune', 'Apache-2.0', {
      declaredLicense: 'apache-2.0',
      properties: { 'model:base_model': 'meta-llama/Llama-3.1-8B' },
    });
    const clean = model('acme/other', 'Apache-2.0', {
      declaredLicense: 'apache-2.0',
      properties: { 'model:base_model': 'acme/tune-base' },
    });
    const { findings, verdict } = judge([base, tune, clean], 'distribution', [], {
      ...PRESETS.distribution,
      product: { monthlyActiveUsers: 10 },
    });
    expect(findings).toMatchObject([
      {
        ruleId: 'model.license-conflict',
        severity: 'high',
        componentId: 'pkg:huggingface/acme/tune',
        message: expect.stringMatching(
          /^acme\/tune declares Apache-2\.0, but its base model meta-llama\/Llama-3\.1-8B is under .*, whose derivatives stay under that licence \(§1\.b\.i/,
        ) as string,
      },
    ]);
    expect(verdict.status).toBe('fail');
  });

  it('uses provenance evidence for base models, and reviews a model licence mismatch', () => {
    const tune = model('org/tune', 'MIT', { declaredLicense: 'mit' });
    const evidence: Evidence[] = [
      {
        kind: 'provenance',
        id: 'provenance:tune',
        componentId: tune.id,
        source: 'models',
        confidence: 'declared',
        baseModels: ['org/rail-base'],
        ancestors: [
          {
            id: 'org/rail-base',
            depth: 1,
            children: ['org/tune'],
            resolvedFrom: 'cache',
            license: 'creativeml-openrail-m',
            baseModels: [],
          },
        ],
      },
      {
        kind: 'license-mismatch',
        id: 'mismatch:tune',
        componentId: tune.id,
        source: 'license',
        confidence: 'exact',
        declared: [],
        detected: [],
        message: 'declared MIT but found Apache-2.0',
      },
    ];
    const { findings } = judge([tune], 'research', evidence);
    expect(findings.map((f) => [f.ruleId, f.evidenceIds, f.message])).toEqual(
      expect.arrayContaining([
        [
          'model.license-conflict',
          ['provenance:tune'],
          expect.stringMatching(
            /^org\/tune declares MIT, which carries none of the use restrictions of .* base model org\/rail-base .*\(§5/,
          ),
        ],
        [
          'model.license-conflict',
          ['mismatch:tune'],
          "the model's licence statements disagree: declared MIT but found Apache-2.0",
        ],
      ]),
    );
  });

  it.each([
    ['I', 'II', false],
    ['II', 'II', false],
    ['III', 'II', true],
    [undefined, 'III', true],
  ] as const)('openness class %s with minimum %s → finding %s', (found, minimum, expected) => {
    const m = model('org/m', 'Apache-2.0');
    const ev: Evidence = {
      kind: 'openness',
      id: 'openness:m',
      componentId: m.id,
      source: 'openness',
      confidence: 'high',
      ...(found !== undefined ? { class: found } : {}),
    };
    const policy: Policy = {
      ...PRESETS.internal,
      models: { ...PRESETS.internal.models, minimumOpenness: minimum },
    };
    const { findings } = judge([m], 'internal', [ev], policy);
    expect(findings.map((f) => f.ruleId)).toEqual(expected ? ['model.openness'] : []);
  });

  it('reports health.low below the minimum score as a review', () => {
    const lib = pkg('old', 'MIT');
    const ev = (score: number): Evidence => ({
      kind: 'health',
      id: `health:${score}`,
      componentId: lib.id,
      source: 'health/scorecard',
      confidence: 'high',
      score,
    });
    expect(judge([lib], 'saas', [ev(2.5)]).findings).toMatchObject([
      {
        ruleId: 'health.low',
        severity: 'low',
        message: "health score 2.5 is below the policy's minimum 3",
      },
    ]);
    expect(judge([lib], 'saas', [ev(2.5)]).verdict.status).toBe('review');
    expect(judge([lib], 'saas', [ev(3)]).findings).toEqual([]);
    expect(judge([lib], 'internal', [ev(0)]).findings).toEqual([]);
  });
});
