import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/types.js';
import { expectGolden } from '../../testing/golden.js';
import {
  sampleScanResult,
  shuffledScanResult,
  withComponents,
} from '../../testing/scan-results.js';
import {
  SCHEMAS_DIR,
  cyclonedxConsistencyErrors,
  schemasAvailable,
  validateAgainstSchema,
} from '../../testing/schemas.js';
import { withModelEvidence, withTwoFindings } from '../../testing/model-evidence.js';
import { reporter } from './index.js';

const GOLDEN = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
  'sample.cdx.json',
);

interface CdxComponent {
  type: string;
  name: string;
  group?: string;
  version?: string;
  'bom-ref': string;
  scope?: string;
  purl?: string;
  hashes?: { alg: string; content: string }[];
  licenses?: Record<string, unknown>[];
  externalReferences?: { url: string; type: string; comment?: string }[];
  properties?: { name: string; value: string }[];
  evidence?: { occurrences?: { location: string; line?: number }[] };
  modelCard?: { modelParameters?: Record<string, unknown> };
  data?: { type: string; name?: string }[];
}

interface CdxBom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    tools: { components: { type: string; name: string; version: string }[] };
    component: CdxComponent;
  };
  components: CdxComponent[];
  dependencies: { ref: string; dependsOn?: string[] }[];
  vulnerabilities?: {
    'bom-ref': string;
    id: string;
    ratings?: { severity?: string; method?: string; vector?: string }[];
    references?: { id: string }[];
    affects: { ref: string; versions?: { version: string; status: string }[] }[];
  }[];
}

function render(result: ScanResult = sampleScanResult()): CdxBom {
  return JSON.parse(reporter.render(result)) as CdxBom;
}

function byName(bom: CdxBom, name: string, version?: string): CdxComponent {
  const found = bom.components.find(
    (c) => c.name === name && (version === undefined || c.version === version),
  );
  if (found === undefined) throw new Error(`component ${name} not in BOM`);
  return found;
}

describe('cyclonedx reporter', () => {
  it('is named after its folder and ends with a newline', () => {
    expect(reporter.name).toBe('cyclonedx');
    expect(reporter.render(sampleScanResult()).endsWith('}\n')).toBe(true);
  });

  it('writes the BOM header and metadata from the result, not the clock', () => {
    const bom = render();
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.version).toBe(1);
    expect(bom.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(bom.metadata.timestamp).toBe('2024-06-01T12:00:00.000Z');
    expect(bom.metadata.tools.components).toEqual([
      { type: 'application', name: 'openvet', version: '0.1.0' },
    ]);
  });

  it('puts the target in metadata.component and never among components', () => {
    const bom = render();
    expect(bom.metadata.component).toEqual({
      type: 'application',
      name: 'acme-web',
      version: '1.2.0',
      'bom-ref': 'pkg:npm/acme-web@1.2.0',
      licenses: [{ license: { id: 'Apache-2.0', acknowledgement: 'declared' } }],
      purl: 'pkg:npm/acme-web@1.2.0',
    });
    expect(bom.components.map((c) => c['bom-ref'])).not.toContain('pkg:npm/acme-web@1.2.0');
    expect(bom.components.map((c) => c['bom-ref'])).toEqual(
      sampleScanResult().components.map((c) => c.id),
    );
  });

  it('gives the target another bom-ref when a component already has its purl', () => {
    const result = sampleScanResult();
    const babel = result.components.find((c) => c.name === '@babel/core');
    if (babel === undefined) throw new Error('fixture lacks @babel/core');
    const bom = render({ ...result, target: { ...result.target, purl: babel.id } });
    expect(bom.metadata.component['bom-ref']).toBe('openvet:target');
    expect(bom.metadata.component.purl).toBe(babel.id);
    expect(cyclonedxConsistencyErrors(bom)).toEqual([]);
  });

  it.each([
    ['core', '7.24.0', 'library', '@babel', 'required'],
    ['debug', '4.3.0', 'library', undefined, 'required'],
    ['jest', '29.7.0', 'library', undefined, 'excluded'],
    ['debug', '2.6.8', 'library', undefined, 'excluded'],
    ['fsevents', '2.3.3', 'library', undefined, 'optional'],
    ['six', '1.16.0', 'library', undefined, undefined],
    ['github.com/spf13/cobra', 'v1.8.0', 'library', undefined, 'required'],
    ['serde', '1.0.197', 'library', undefined, 'required'],
    ['meta-llama/Llama-3.2-1B', undefined, 'machine-learning-model', undefined, 'required'],
    ['rajpurkar/squad', undefined, 'data', undefined, 'required'],
  ])('maps %s %s to type %s, group %s, scope %s', (name, version, type, group, scope) => {
    const c = byName(render(), name, version);
    expect(c.type).toBe(type);
    expect(c.group).toBe(group);
    expect(c.scope).toBe(scope);
  });

  it.each([
    [
      'core',
      [
        { license: { id: 'MIT', acknowledgement: 'declared' } },
        { license: { id: 'MIT', acknowledgement: 'concluded' } },
      ],
    ],
    // CycloneDX 1.6 holds one expression or a list of licences, never both: the concluded one.
    ['serde', [{ expression: 'MIT OR Apache-2.0', acknowledgement: 'concluded' }]],
    [
      'left-pad',
      [
        { license: { name: 'Custom licence text', acknowledgement: 'declared' } },
        { license: { id: 'WTFPL', acknowledgement: 'concluded' } },
      ],
    ],
    [
      'meta-llama/Llama-3.2-1B',
      [{ expression: 'LicenseRef-llama3.2', acknowledgement: 'concluded' }],
    ],
    // Declared MIT, LICENSE file Apache-2.0: nothing concluded, the declared licence stays.
    ['debug@2.6.8', [{ license: { id: 'MIT', acknowledgement: 'declared' } }]],
    ['github.com/spf13/cobra', undefined],
  ])('maps the declared and concluded licences of %s', (name, licenses) => {
    const [base, version] = name.split(/(?<=.)@/);
    expect(byName(render(), base ?? name, version).licenses).toEqual(licenses);
  });

  it('keeps the declared licence as a property when only the concluded expression fits', () => {
    const result = sampleScanResult();
    const components = result.components.map((c) =>
      c.name === 'serde' && c.license !== undefined
        ? { ...c, license: { ...c.license, concluded: 'MIT', detected: ['MIT'] } }
        : c,
    );
    const serde = byName(render({ ...result, components }), 'serde');
    expect(serde.licenses).toEqual([{ license: { id: 'MIT', acknowledgement: 'concluded' } }]);
    expect(serde.properties).toContainEqual({
      name: 'openvet:license:declared',
      value: 'MIT OR Apache-2.0',
    });
  });

  it('keeps long licence text as an attachment with a short name', () => {
    const result = sampleScanResult();
    const text = `Acme Proprietary Licence\n\n${'All rights reserved. '.repeat(20)}`;
    const components = result.components.map((c) =>
      c.name === 'six' ? { ...c, declaredLicense: text } : c,
    );
    const six = byName(render({ ...result, components }), 'six');
    expect(six.licenses).toEqual([
      {
        license: {
          name: 'Acme Proprietary Licence…',
          acknowledgement: 'declared',
          text: { content: text.trim(), contentType: 'text/plain' },
        },
      },
    ]);
  });

  it('maps hashes, purls, occurrences and external references', () => {
    const bom = render();
    expect(byName(bom, 'core').hashes).toEqual([{ alg: 'SHA-512', content: 'a'.repeat(128) }]);
    expect(byName(bom, 'debug', '4.3.0').hashes).toEqual([
      { alg: 'SHA-1', content: 'b'.repeat(40) },
    ]);
    expect(byName(bom, 'core').purl).toBe('pkg:npm/%40babel/core@7.24.0');
    expect(byName(bom, 'core').evidence).toEqual({
      occurrences: [{ location: 'package-lock.json', line: 12 }],
    });
    expect(byName(bom, 'six').evidence).toEqual({
      occurrences: [{ location: 'services/api/requirements.txt' }],
    });
    expect(byName(bom, 'left-pad').externalReferences).toEqual([
      {
        url: 'git+https://github.com/stevemao/left-pad.git',
        type: 'vcs',
        comment: 'commit 5f4f2a1b8c0d9e7f6a5b4c3d2e1f0a9b8c7d6e5f',
      },
    ]);
    expect(byName(bom, 'meta-llama/Llama-3.2-1B').externalReferences).toEqual([
      { url: 'https://huggingface.co/meta-llama/Llama-3.2-1B', type: 'distribution' },
    ]);
  });

  it('records scope, groups, foundBy, source and component properties as openvet: properties', () => {
    const bom = render();
    expect(byName(bom, 'jest').properties).toEqual([
      { name: 'openvet:foundBy', value: 'npm/package-lock' },
      { name: 'openvet:groups', value: 'dev' },
      { name: 'openvet:scope', value: 'dev' },
    ]);
    expect(byName(bom, 'meta-llama/Llama-3.2-1B').properties).toEqual([
      { name: 'openvet:foundBy', value: 'model/huggingface' },
      { name: 'openvet:license:status', value: 'confirmed' },
      { name: 'openvet:model:format', value: 'safetensors' },
      { name: 'openvet:model:model_type', value: 'llama' },
      { name: 'openvet:model:task', value: 'text-generation' },
      { name: 'openvet:scope', value: 'direct' },
      { name: 'openvet:source:type', value: 'hub' },
      { name: 'openvet:source:url', value: 'https://huggingface.co/meta-llama/Llama-3.2-1B' },
    ]);
  });

  it('gives models a modelCard with what is known, and datasets a data entry', () => {
    const bom = render();
    const squad = byName(bom, 'rajpurkar/squad');
    expect(byName(bom, 'meta-llama/Llama-3.2-1B').modelCard).toEqual({
      modelParameters: {
        task: 'text-generation',
        architectureFamily: 'llama',
        datasets: [{ ref: squad['bom-ref'] }],
      },
    });
    expect(squad.data).toEqual([{ type: 'dataset', name: 'rajpurkar/squad' }]);
    expect(squad.modelCard).toBeUndefined();
    expect(byName(bom, 'core').modelCard).toBeUndefined();
  });

  it('omits modelCard when nothing is known about the model', () => {
    const result = sampleScanResult();
    const components = result.components.map((c) =>
      c.kind === 'model' ? { ...c, properties: { 'model:format': 'gguf' }, dependsOn: [] } : c,
    );
    expect(
      byName(render({ ...result, components }), 'meta-llama/Llama-3.2-1B').modelCard,
    ).toBeUndefined();
  });

  it('writes the dependency graph: the target, then every component (even without edges)', () => {
    const result = sampleScanResult();
    const bom = render(result);
    expect(bom.dependencies.map((d) => d.ref)).toEqual([
      'pkg:npm/acme-web@1.2.0',
      ...result.components.map((c) => c.id),
    ]);
    expect(bom.dependencies[0]?.dependsOn).toEqual(result.target.dependsOn);
    const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn]));
    expect(deps.get('pkg:npm/%40babel/core@7.24.0')).toEqual(['pkg:npm/debug@4.3.0']);
    expect(deps.get('pkg:npm/jest@29.7.0')).toEqual(['pkg:npm/debug@2.6.8']);
    expect(deps.get('pkg:pypi/requests@2.31.0')).toEqual(['pkg:pypi/urllib3@2.2.1']);
    expect(deps.get('pkg:npm/debug@4.3.0')).toBeUndefined();
    expect(deps.has('pkg:npm/debug@4.3.0')).toBe(true);
  });

  it('drops edges to components that are not in the result', () => {
    const result = sampleScanResult();
    const [first] = result.components;
    if (first === undefined) throw new Error('empty fixture');
    const bom = render(
      withComponents(
        result,
        [{ ...first, dependsOn: ['pkg:npm/ghost@1.0.0'] }],
        ['pkg:npm/ghost@1.0.0'],
      ),
    );
    expect(bom.dependencies).toEqual([{ ref: 'pkg:npm/acme-web@1.2.0' }, { ref: first.id }]);
  });

  it('maps advisory evidence to vulnerabilities, one per advisory id', () => {
    const bom = render();
    expect(bom.vulnerabilities?.map((v) => v.id)).toEqual([
      'GHSA-34jh-p97f-mpxf',
      'GHSA-9wx4-h78v-vm56',
      'GHSA-gxpj-cx7g-858c',
    ]);
    const debug = bom.vulnerabilities?.find((v) => v.id === 'GHSA-gxpj-cx7g-858c');
    expect(debug?.ratings).toEqual([{ severity: 'low' }]);
    expect(debug?.references).toEqual([
      { id: 'CVE-2017-16137', source: { url: 'https://osv.dev/vulnerability/CVE-2017-16137' } },
    ]);
    expect(debug?.affects).toEqual([
      {
        ref: 'pkg:npm/debug@2.6.8',
        versions: [
          { version: '2.6.8', status: 'affected' },
          { version: '2.6.9', status: 'unaffected' },
        ],
      },
      {
        ref: 'pkg:npm/debug@4.3.0',
        versions: [
          { version: '4.3.0', status: 'affected' },
          { version: '4.3.1', status: 'unaffected' },
        ],
      },
    ]);
    expect(bom.vulnerabilities?.find((v) => v.id === 'GHSA-9wx4-h78v-vm56')?.ratings).toEqual([
      { severity: 'medium' },
    ]);
    expect(bom.vulnerabilities?.find((v) => v.id === 'GHSA-34jh-p97f-mpxf')?.ratings).toEqual([
      { method: 'CVSSv31', vector: 'CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:N' },
    ]);
  });

  it('has no vulnerabilities section without advisory evidence', () => {
    const result = sampleScanResult();
    expect(
      render({ ...result, evidence: result.evidence.filter((e) => e.kind !== 'advisory') })
        .vulnerabilities,
    ).toBeUndefined();
  });

  it('renders an empty scan', () => {
    const result = sampleScanResult();
    const bom = render(withComponents(result, []));
    expect(bom.components).toEqual([]);
    expect(bom.dependencies).toEqual([{ ref: 'pkg:npm/acme-web@1.2.0' }]);
    expect(cyclonedxConsistencyErrors(bom)).toEqual([]);
  });

  it('is consistent: unique bom-refs, every reference defined', () => {
    expect(cyclonedxConsistencyErrors(reporter.render(sampleScanResult()))).toEqual([]);
  });

  it('is deterministic: same result → same bytes; shuffled input → same bytes', () => {
    const result = sampleScanResult();
    const first = reporter.render(result);
    expect(reporter.render(result)).toBe(first);
    expect(reporter.render(sampleScanResult())).toBe(first);
    expect(reporter.render(shuffledScanResult(result))).toBe(first);
  });

  it('derives the serial number from the content and the scan time', () => {
    const result = sampleScanResult();
    const serial = render(result).serialNumber;
    expect(render({ ...result, startedAt: '2024-06-02T12:00:00.000Z' }).serialNumber).not.toBe(
      serial,
    );
    expect(render({ ...result, components: result.components.slice(1) }).serialNumber).not.toBe(
      serial,
    );
    expect(render({ ...result, finishedAt: '2030-01-01T00:00:00.000Z' }).serialNumber).toBe(serial);
  });

  it('matches the golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    expectGolden(
      GOLDEN,
      reporter.render(sampleScanResult()),
      'npx vitest run src/reporters/cyclonedx',
    );
  });
});

const HAVE_SCHEMAS = schemasAvailable('cyclonedx');

describe.skipIf(!HAVE_SCHEMAS)(
  `cyclonedx reporter against the CycloneDX 1.6 JSON Schema${HAVE_SCHEMAS ? '' : ` (skipped: ${SCHEMAS_DIR} is absent)`}`,
  () => {
    it.each([
      ['the sample scan', sampleScanResult()],
      ['an empty scan', withComponents(sampleScanResult(), [])],
      [
        'a target without name metadata',
        {
          ...sampleScanResult(),
          target: { path: '/tmp/x', type: 'directory' as const, name: 'x', dependsOn: [] },
        },
      ],
    ])('validates %s', (_label, result) => {
      expect(validateAgainstSchema('cyclonedx', reporter.render(result)).errors).toEqual([]);
    });

    it('validates the golden file', () => {
      if (!existsSync(GOLDEN)) return;
      expect(validateAgainstSchema('cyclonedx', readFileSync(GOLDEN, 'utf8')).errors).toEqual([]);
    });

    it('rejects a broken BOM (the validator is live)', () => {
      const bom = render() as unknown as Record<string, unknown>;
      expect(
        validateAgainstSchema('cyclonedx', { ...bom, specVersion: 16, components: [{ name: 'x' }] })
          .valid,
      ).toBe(false);
    });
  },
);

describe('model facts from model-card and provenance evidence', () => {
  const result = withModelEvidence(sampleScanResult());
  const bom = JSON.parse(reporter.render(result)) as CdxBom;
  const model = byName(bom, 'meta-llama/Llama-3.2-1B') as CdxComponent & {
    modelCard?: Record<string, unknown>;
    pedigree?: {
      ancestors: { name: string; purl?: string; properties: { name: string; value: string }[] }[];
    };
  };

  it('fills modelCard: parameters, performance metrics, considerations, transparency', () => {
    expect(model.modelCard?.modelParameters).toMatchObject({
      task: 'text-generation',
      architectureFamily: 'llama',
      modelArchitecture: 'LlamaForCausalLM',
    });
    expect((model.modelCard?.modelParameters as { datasets: unknown[] }).datasets).toContainEqual({
      type: 'dataset',
      name: 'acme/instructions',
    });
    expect(model.modelCard?.quantitativeAnalysis).toEqual({
      performanceMetrics: [{ type: 'accuracy', value: '0.61', slice: 'text-generation / mmlu' }],
    });
    expect(model.modelCard?.considerations).toEqual({
      useCases: ['Chat assistants for support.'],
      technicalLimitations: ['English only.'],
    });
    expect(model.modelCard?.properties).toContainEqual({
      name: 'openvet:transparency',
      value: '2/9',
    });
  });

  it('writes the base-model chain as pedigree.ancestors', () => {
    expect(model.pedigree?.ancestors.map((a) => [a.name, a.purl])).toEqual([
      ['meta-llama/Llama-3.2-1B-base', 'pkg:huggingface/meta-llama/Llama-3.2-1B-base'],
      ['meta-llama/Llama-3.2-root', 'pkg:huggingface/meta-llama/Llama-3.2-root'],
    ]);
    expect(model.pedigree?.ancestors[1]?.properties).toContainEqual({
      name: 'openvet:resolved-from',
      value: 'unresolved',
    });
  });

  it.skipIf(!schemasAvailable())('stays valid CycloneDX 1.6', () => {
    expect(validateAgainstSchema('cyclonedx', reporter.render(result)).errors).toEqual([]);
  });
});

describe('policy findings and the verdict', () => {
  it('become annotations on their component (the target otherwise) and metadata properties', () => {
    const result = withTwoFindings(sampleScanResult(), 'vuln.severity', 'critical');
    const component = result.components[0];
    const text = reporter.render(result);
    const bom = JSON.parse(text) as CdxBom & {
      annotations?: { subjects: string[]; text: string; annotator: unknown }[];
      metadata: { properties?: { name: string; value: string }[] };
    };
    expect(bom.annotations?.map((a) => [a.subjects, a.text])).toEqual([
      [
        [component?.id],
        `[critical] vuln.severity: problem ${'a'.repeat(32)} (fingerprint ${'a'.repeat(32)})`,
      ],
      [
        [bom.metadata.component['bom-ref']],
        `[critical] vuln.severity: problem ${'b'.repeat(32)} (fingerprint ${'b'.repeat(32)})`,
      ],
    ]);
    expect(bom.metadata.properties).toContainEqual({ name: 'openvet:verdict', value: 'fail' });
    if (schemasAvailable()) expect(validateAgainstSchema('cyclonedx', text).errors).toEqual([]);
  });
});
