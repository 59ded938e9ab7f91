/**
 * Test helper: a rich ScanResult built in code for reporter tests. Not part of the public API.
 *
 * `richScanResult()` extends `sampleScanResult()` (every ecosystem and scope) with what the
 * policy reports need: an AGPL library, a non-commercial model, a pickle that runs code, a model
 * with remote code and a base model, health and openness evidence, a model card (a kind newer
 * than these reporters, to show they tolerate it), a finding of every rule id, a scan error,
 * plugin statuses, a failed verdict, and hostile names (`<img src=x onerror=…>`, `</script>`)
 * that every reporter must escape.
 *
 * `manyFindingsScanResult(n)` has `n` components each with one finding, to test limits.
 */
import type { Component, Evidence, Finding, ScanResult, Severity } from '../core/types.js';
import { fingerprint } from '../policy/fingerprint.js';
import { sampleScanResult } from './scan-results.js';

/** A component name that runs script if a report does not escape it. */
export const XSS_NAME = '<img src=x onerror=alert(1)>';
/** A name that ends an inline script and opens an HTML comment if embedded unescaped. */
export const SCRIPT_BREAK_NAME = '</script><script>alert(2)</script><!--';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pkg(
  c: Partial<Component> & Pick<Component, 'id' | 'name' | 'ecosystem' | 'locations'>,
): Component {
  return {
    kind: 'package',
    scope: 'direct',
    groups: [],
    foundBy: ['npm/package-lock'],
    dependsOn: [],
    purl: c.id,
    ...c,
  };
}

const AGPL = 'pkg:npm/pdf-forge@3.1.0';
const XSS = 'pkg:npm/evil-name@6.6.6';
const SCRIPT_BREAK = 'pkg:npm/script-break@1.0.0';
const NC_MODEL = 'pkg:huggingface/acme/sentiment-nc@0123456789abcdef0123456789abcdef01234567';
const PICKLE_MODEL = 'huggingface:local-model?local=models/legacy';
const REMOTE_MODEL = 'pkg:huggingface/acme/phi-custom@89abcdef0123456789abcdef0123456789abcdef';

const EXTRA_COMPONENTS: readonly Component[] = [
  pkg({
    id: AGPL,
    name: 'pdf-forge',
    version: '3.1.0',
    ecosystem: 'npm',
    locations: [{ path: 'package-lock.json', line: 130 }],
    declaredLicense: 'AGPL-3.0-only',
    license: {
      declared: 'AGPL-3.0-only',
      declaredConfidence: 'declared',
      detected: ['AGPL-3.0-only'],
      concluded: 'AGPL-3.0-only',
      status: 'confirmed',
      category: 'copyleft-network',
    },
  }),
  pkg({
    id: XSS,
    name: XSS_NAME,
    version: '6.6.6',
    ecosystem: 'npm',
    scope: 'transitive',
    locations: [{ path: 'package-lock.json', line: 150 }],
    declaredLicense: '<b>MIT</b>',
    properties: { note: '"quoted" & <tagged>' },
  }),
  pkg({
    id: SCRIPT_BREAK,
    name: SCRIPT_BREAK_NAME,
    version: '1.0.0',
    ecosystem: 'npm',
    scope: 'transitive',
    locations: [{ path: 'package-lock.json', line: 160 }],
  }),
  pkg({
    id: NC_MODEL,
    name: 'acme/sentiment-nc',
    version: '0123456789abcdef0123456789abcdef01234567',
    kind: 'model',
    ecosystem: 'huggingface',
    foundBy: ['model/huggingface'],
    locations: [{ path: 'src/classify.py', line: 8 }],
    source: { type: 'hub', url: 'https://huggingface.co/acme/sentiment-nc' },
    declaredLicense: 'cc-by-nc-4.0',
    license: {
      declared: 'CC-BY-NC-4.0',
      declaredConfidence: 'declared',
      detected: [],
      concluded: 'CC-BY-NC-4.0',
      status: 'declared',
      category: 'non-commercial',
    },
    properties: { 'model:task': 'text-classification' },
  }),
  pkg({
    id: PICKLE_MODEL,
    name: 'legacy',
    kind: 'model',
    ecosystem: 'huggingface',
    foundBy: ['model/files'],
    locations: [{ path: 'models/legacy' }, { path: 'models/legacy/pytorch_model.bin' }],
    source: { type: 'local', url: 'models/legacy' },
    properties: { 'model:format': 'pytorch' },
  }),
  pkg({
    id: REMOTE_MODEL,
    name: 'acme/phi-custom',
    version: '89abcdef0123456789abcdef0123456789abcdef',
    kind: 'model',
    ecosystem: 'huggingface',
    foundBy: ['model/huggingface'],
    locations: [{ path: 'models/phi-custom/config.json', line: 4 }],
    source: { type: 'hub', url: 'https://huggingface.co/acme/phi-custom' },
    declaredLicense: 'mit',
    license: {
      declared: 'MIT',
      declaredConfidence: 'declared',
      detected: [],
      concluded: 'MIT',
      status: 'declared',
      category: 'permissive',
    },
  }),
];

function extraEvidence(sample: ScanResult): Evidence[] {
  const llama = sample.components.find((c) => c.name === 'meta-llama/Llama-3.2-1B');
  const requests = sample.components.find((c) => c.name === 'requests');
  const babel = sample.components.find((c) => c.name === '@babel/core');
  if (llama === undefined || requests === undefined || babel === undefined)
    throw new Error('sampleScanResult() changed: llama, requests and @babel/core are needed');
  const modelCard = {
    id: 'model-card:phi-custom',
    kind: 'model-card',
    componentId: REMOTE_MODEL,
    source: 'model/card',
    confidence: 'declared',
    summary: 'A fine-tune of Phi for <support> tickets.',
    license: 'mit',
    baseModels: ['microsoft/phi-2'],
    datasets: ['acme/tickets'],
    languages: ['en', 'fr'],
    pipelineTag: 'text-generation',
    limitations: 'Not evaluated on non-English tickets.',
  };
  return [
    {
      id: 'advisory:GHSA-crit-0000-0000:requests',
      kind: 'advisory',
      componentId: requests.id,
      source: 'vulns/osv',
      confidence: 'exact',
      advisoryId: 'GHSA-crit-0000-0000',
      aliases: ['CVE-2099-0001'],
      severity: 'critical',
      score: 9.8,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      fixed: '2.32.3',
      fixedAll: '2.32.3',
      summary: 'Remote code execution in <redirect> handling',
    },
    {
      id: 'model-file:legacy',
      kind: 'model-file',
      componentId: PICKLE_MODEL,
      source: 'model/pickle',
      confidence: 'exact',
      file: 'models/legacy/pytorch_model.bin',
      format: 'pytorch',
      verdict: 'unsafe',
      detail: 'calls os.system',
      findings: [
        {
          rule: 'pickle.dangerous-callable',
          severity: 'unsafe',
          message: 'os.system is called while loading',
          detail: 'archive/data.pkl offset 112',
        },
      ],
    },
    {
      id: 'model-code:phi-custom',
      kind: 'model-code',
      componentId: REMOTE_MODEL,
      source: 'model/remote-code',
      confidence: 'exact',
      files: ['models/phi-custom/modeling_phi.py'],
      autoMap: ['AutoModelForCausalLM → modeling_phi.PhiForCausalLM'],
      externalRepos: [],
    },
    {
      id: 'provenance:phi-custom',
      kind: 'provenance',
      componentId: REMOTE_MODEL,
      source: 'model/card',
      confidence: 'declared',
      baseModels: ['microsoft/phi-2'],
      relation: 'finetune',
    },
    {
      id: 'provenance:llama',
      kind: 'provenance',
      componentId: llama.id,
      source: 'model/card',
      confidence: 'declared',
      baseModels: [],
    },
    {
      id: 'health:babel',
      kind: 'health',
      componentId: babel.id,
      source: 'health/scorecard',
      confidence: 'high',
      score: 8.7,
      detail: 'OpenSSF Scorecard 8.7',
    },
    {
      id: 'health:pdf-forge',
      kind: 'health',
      componentId: AGPL,
      source: 'health/scorecard',
      confidence: 'high',
      score: 2.1,
      detail: 'no release for 4 years; 1 maintainer',
    },
    {
      id: 'health:requests',
      kind: 'health',
      componentId: requests.id,
      source: 'health/scorecard',
      confidence: 'high',
      score: 6.4,
    },
    {
      id: 'openness:llama',
      kind: 'openness',
      componentId: llama.id,
      source: 'openness/mof',
      confidence: 'medium',
      class: 'Class III',
      detail: 'weights and inference code published; training data not',
    },
    modelCard as unknown as Evidence,
  ];
}

interface FindingSpec {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly componentId?: string;
  readonly message: string;
  readonly evidenceIds?: readonly string[];
  readonly location?: Finding['location'];
}

function finding(spec: FindingSpec): Finding {
  return {
    ruleId: spec.ruleId,
    severity: spec.severity,
    ...(spec.componentId !== undefined ? { componentId: spec.componentId } : {}),
    message: spec.message,
    evidenceIds: spec.evidenceIds ?? [],
    ...(spec.location !== undefined ? { location: spec.location } : {}),
    fingerprint: fingerprint(spec.ruleId, spec.componentId ?? 'project'),
  };
}

function findings(sample: ScanResult): Finding[] {
  const id = (name: string): string => {
    const c = sample.components.find((x) => x.name === name);
    if (c === undefined) throw new Error(`sampleScanResult() has no ${name}`);
    return c.id;
  };
  return [
    finding({
      ruleId: 'license.denied',
      severity: 'high',
      componentId: AGPL,
      message:
        'AGPL-3.0-only (network copyleft) is denied for use saas: section 13 requires offering the source to network users',
      location: { path: 'package-lock.json', line: 130 },
    }),
    finding({
      ruleId: 'license.denied',
      severity: 'high',
      componentId: NC_MODEL,
      message:
        'CC-BY-NC-4.0 (non-commercial) is denied for use saas: "NonCommercial means not primarily intended for commercial advantage"',
      location: { path: 'src/classify.py', line: 8 },
    }),
    finding({
      ruleId: 'license.review',
      severity: 'medium',
      componentId: id('meta-llama/Llama-3.2-1B'),
      message:
        'LicenseRef-llama3.2 needs review: 700 million monthly active users threshold; acceptable use policy',
    }),
    finding({
      ruleId: 'license.unknown',
      severity: 'medium',
      componentId: id('six'),
      message: 'no licence could be concluded for six@1.16.0',
    }),
    finding({
      ruleId: 'license.conflict',
      severity: 'high',
      componentId: AGPL,
      message: 'the project is Apache-2.0 but depends on AGPL-3.0-only code (pdf-forge@3.1.0)',
    }),
    finding({
      ruleId: 'vuln.severity',
      severity: 'critical',
      componentId: id('requests'),
      message:
        'GHSA-crit-0000-0000 (CVE-2099-0001, critical 9.8): Remote code execution in <redirect> handling; fixed in 2.32.3',
      evidenceIds: ['advisory:GHSA-crit-0000-0000:requests'],
      location: { path: 'services/api/requirements.txt', line: 3 },
    }),
    finding({
      ruleId: 'model.unsafe-file',
      severity: 'critical',
      componentId: PICKLE_MODEL,
      message:
        'models/legacy/pytorch_model.bin (pytorch) is unsafe: loading it runs code — calls os.system',
      evidenceIds: ['model-file:legacy'],
      location: { path: 'models/legacy/pytorch_model.bin' },
    }),
    finding({
      ruleId: 'model.remote-code',
      severity: 'high',
      componentId: REMOTE_MODEL,
      message: 'acme/phi-custom ships code its loader runs: models/phi-custom/modeling_phi.py',
      evidenceIds: ['model-code:phi-custom'],
    }),
    finding({
      ruleId: 'model.license-conflict',
      severity: 'high',
      componentId: REMOTE_MODEL,
      message: 'acme/phi-custom is MIT but was trained on acme/tickets (CC-BY-NC-4.0)',
      evidenceIds: ['provenance:phi-custom'],
    }),
    finding({
      ruleId: 'model.openness',
      severity: 'low',
      componentId: id('meta-llama/Llama-3.2-1B'),
      message: 'openness Class III is below the minimum Class II',
      evidenceIds: ['openness:llama'],
    }),
    finding({
      ruleId: 'health.low',
      severity: 'low',
      componentId: AGPL,
      message: `health score 2.1 is below the minimum 4 for ${XSS_NAME}`,
      evidenceIds: ['health:pdf-forge'],
    }),
    finding({
      ruleId: 'custom.future-rule',
      severity: 'info',
      message: 'a rule this reporter does not know, about the project as a whole',
    }),
  ];
}

/** The rich ScanResult described in the module comment. Fresh objects on every call. */
export function richScanResult(): ScanResult {
  const sample = sampleScanResult();
  const components = [...sample.components, ...EXTRA_COMPONENTS].sort((a, b) =>
    compare(a.id, b.id),
  );
  const evidence = [...sample.evidence, ...extraEvidence(sample)].sort((a, b) =>
    compare(`${a.componentId}\0${a.id}`, `${b.componentId}\0${b.id}`),
  );
  return {
    ...sample,
    target: {
      ...sample.target,
      dependsOn: [...sample.target.dependsOn, AGPL, NC_MODEL, PICKLE_MODEL, REMOTE_MODEL].sort(
        compare,
      ),
    },
    components,
    evidence,
    findings: findings(sample),
    errors: [
      {
        path: 'legacy/yarn.lock',
        plugin: 'npm/yarn-lock',
        message: 'unexpected token <<<<<<< (merge conflict?)',
        line: 7,
      },
    ],
    plugins: [
      { name: 'npm/package-lock', status: 'ok', files: 1, errors: 0 },
      { name: 'npm/yarn-lock', status: 'failed', files: 1, errors: 1 },
      { name: 'vulns', status: 'ok', files: 0, errors: 0 },
    ],
    verdict: {
      status: 'fail',
      summary: `${components.length} component(s); 12 finding(s): 2 critical, 5 high, 2 medium, 2 low, 1 info`,
    },
  };
}

/** `n` npm components, each with one `vuln.severity` finding of cycling severity. */
export function manyFindingsScanResult(n: number): ScanResult {
  const base = sampleScanResult();
  const severities: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  const components: Component[] = [];
  const list: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const name = `pkg-${String(i).padStart(5, '0')}`;
    const id = `pkg:npm/${name}@1.0.${i}`;
    components.push(
      pkg({
        id,
        name,
        version: `1.0.${i}`,
        ecosystem: 'npm',
        locations: [{ path: 'package-lock.json', line: 10 + i }],
      }),
    );
    list.push(
      finding({
        ruleId: 'vuln.severity',
        severity: severities[i % severities.length] as Severity,
        componentId: id,
        message: `GHSA-${String(i).padStart(4, '0')}-xxxx-xxxx: a long description of a vulnerability in ${name} that takes some room in a comment`,
      }),
    );
  }
  return {
    ...base,
    target: { ...base.target, dependsOn: components.map((c) => c.id).sort(compare) },
    components,
    evidence: [],
    findings: list.map((f, i) => ({ ...f, fingerprint: String(i).padStart(32, '0') })),
    verdict: { status: 'fail', summary: `${n} component(s); ${n} finding(s)` },
  };
}
