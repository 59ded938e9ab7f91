/**
 * Test helper: realistic ScanResults built in code, for reporter tests (and end-to-end checks
 * of report formats). Not part of the public API.
 *
 * `sampleScanResult()` covers what reporters must map: npm (scoped), PyPI, Go, cargo, a git
 * source, a Hugging Face model with properties and a dataset, every scope (direct, transitive,
 * dev, optional, unknown), licences (`MIT`, `MIT OR Apache-2.0`, free text, none), the licence
 * analyzer's conclusions (confirmed, declared, mismatch, an AI licence LicenseRef), hashes,
 * dependency edges and advisory and licence-mismatch evidence.
 */
import { buildPurl } from '../core/purl.js';
import type {
  AdvisoryEvidence,
  Component,
  ComponentLicense,
  ComponentSource,
  Ecosystem,
  Evidence,
  ScanResult,
} from '../core/types.js';

interface Spec {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly kind?: Component['kind'];
  readonly scope: Component['scope'];
  readonly groups?: string[];
  readonly path: string;
  readonly line?: number;
  readonly foundBy: string;
  readonly source?: ComponentSource;
  readonly license?: string;
  /** What the licence analyzer concluded. */
  readonly licenseInfo?: ComponentLicense;
  readonly hashes?: Component['hashes'];
  readonly properties?: Record<string, string>;
  /** Keys (`name@version`) of dependencies. */
  readonly deps?: string[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Turn specs into components the way the core's inventory does (purl ids, sorted lists). */
function toComponents(specs: readonly Spec[]): {
  components: Component[];
  idOf: (key: string) => string;
} {
  const ids = new Map<string, string>();
  for (const s of specs) {
    const purl = buildPurl(s.ecosystem, s.name, s.version, s.source);
    ids.set(`${s.name}@${s.version}`, purl ?? `${s.ecosystem}:${s.name}@${s.version}`);
  }
  const idOf = (key: string): string => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`unknown component ${key}`);
    return id;
  };
  const components = specs
    .map((s): Component => {
      const id = idOf(`${s.name}@${s.version}`);
      return {
        id,
        kind: s.kind ?? 'package',
        ecosystem: s.ecosystem,
        name: s.name,
        version: s.version,
        purl: id,
        scope: s.scope,
        groups: [...(s.groups ?? [])].sort(compare),
        locations: [s.line !== undefined ? { path: s.path, line: s.line } : { path: s.path }],
        foundBy: [s.foundBy],
        dependsOn: (s.deps ?? []).map(idOf).sort(compare),
        ...(s.source !== undefined ? { source: s.source } : {}),
        ...(s.license !== undefined ? { declaredLicense: s.license } : {}),
        ...(s.licenseInfo !== undefined ? { license: s.licenseInfo } : {}),
        ...(s.hashes !== undefined ? { hashes: s.hashes } : {}),
        ...(s.properties !== undefined ? { properties: s.properties } : {}),
      };
    })
    .sort((a, b) => compare(a.id, b.id));
  return { components, idOf };
}

const SPECS: readonly Spec[] = [
  {
    ecosystem: 'npm',
    name: '@babel/core',
    version: '7.24.0',
    scope: 'direct',
    path: 'package-lock.json',
    line: 12,
    foundBy: 'npm/package-lock',
    license: 'MIT',
    licenseInfo: {
      declared: 'MIT',
      declaredConfidence: 'declared',
      detected: ['MIT'],
      concluded: 'MIT',
      status: 'confirmed',
      category: 'permissive',
    },
    hashes: [{ alg: 'sha512', value: 'a'.repeat(128) }],
    deps: ['debug@4.3.0'],
  },
  {
    ecosystem: 'npm',
    name: 'debug',
    version: '4.3.0',
    scope: 'transitive',
    path: 'package-lock.json',
    line: 40,
    foundBy: 'npm/package-lock',
    license: 'MIT',
    hashes: [{ alg: 'sha1', value: 'b'.repeat(40) }],
  },
  {
    ecosystem: 'npm',
    name: 'debug',
    version: '2.6.8',
    scope: 'dev',
    groups: ['dev'],
    path: 'package-lock.json',
    line: 55,
    foundBy: 'npm/package-lock',
    license: 'MIT',
    licenseInfo: {
      declared: 'MIT',
      declaredConfidence: 'declared',
      detected: ['Apache-2.0'],
      status: 'mismatch',
      reason:
        'declared MIT but the files say Apache-2.0 (node_modules/debug/LICENSE:1-73); nothing concluded',
    },
  },
  {
    ecosystem: 'npm',
    name: 'jest',
    version: '29.7.0',
    scope: 'dev',
    groups: ['dev'],
    path: 'package-lock.json',
    line: 70,
    foundBy: 'npm/package-lock',
    license: 'MIT',
    deps: ['debug@2.6.8'],
  },
  {
    ecosystem: 'npm',
    name: 'fsevents',
    version: '2.3.3',
    scope: 'optional',
    groups: ['optional'],
    path: 'package-lock.json',
    line: 90,
    foundBy: 'npm/package-lock',
    license: 'MIT',
  },
  {
    ecosystem: 'npm',
    name: 'left-pad',
    version: '1.3.0',
    scope: 'direct',
    path: 'package-lock.json',
    line: 101,
    foundBy: 'npm/package-lock',
    source: {
      type: 'git',
      url: 'git+https://github.com/stevemao/left-pad.git',
      commit: '5f4f2a1b8c0d9e7f6a5b4c3d2e1f0a9b8c7d6e5f',
    },
    license: 'Custom licence text',
    licenseInfo: {
      detected: ['WTFPL'],
      concluded: 'WTFPL',
      status: 'detected',
      category: 'permissive',
      reason: 'no licence declared; concluded from node_modules/left-pad/COPYING',
    },
  },
  {
    ecosystem: 'PyPI',
    name: 'requests',
    version: '2.31.0',
    scope: 'direct',
    path: 'services/api/requirements.txt',
    line: 3,
    foundBy: 'python/requirements',
    license: 'Apache-2.0',
    hashes: [{ alg: 'sha256', value: 'c'.repeat(64) }],
    deps: ['urllib3@2.2.1'],
  },
  {
    ecosystem: 'PyPI',
    name: 'urllib3',
    version: '2.2.1',
    scope: 'transitive',
    path: 'services/api/requirements.txt',
    line: 9,
    foundBy: 'python/requirements',
    license: 'MIT',
  },
  {
    ecosystem: 'PyPI',
    name: 'six',
    version: '1.16.0',
    scope: 'unknown',
    path: 'services/api/requirements.txt',
    foundBy: 'python/requirements',
  },
  {
    ecosystem: 'Go',
    name: 'github.com/spf13/cobra',
    version: 'v1.8.0',
    scope: 'direct',
    path: 'tools/cli/go.mod',
    line: 5,
    foundBy: 'go/go-mod',
  },
  {
    ecosystem: 'crates.io',
    name: 'serde',
    version: '1.0.197',
    scope: 'direct',
    path: 'native/Cargo.lock',
    line: 20,
    foundBy: 'rust/cargo-lock',
    license: 'MIT OR Apache-2.0',
    licenseInfo: {
      declared: 'MIT OR Apache-2.0',
      declaredConfidence: 'declared',
      detected: [],
      concluded: 'MIT OR Apache-2.0',
      status: 'declared',
      category: 'unknown',
      reason: 'declared; its files are not on disk, so no licence text was checked',
    },
    hashes: [{ alg: 'sha256', value: 'd'.repeat(64) }],
  },
  {
    ecosystem: 'huggingface',
    name: 'meta-llama/Llama-3.2-1B',
    version: '4e20de362430cd3b72f300e6b0f18e50e7166e08',
    kind: 'model',
    scope: 'direct',
    path: 'models/llama/config.json',
    foundBy: 'model/huggingface',
    source: { type: 'hub', url: 'https://huggingface.co/meta-llama/Llama-3.2-1B' },
    license: 'llama3.2',
    licenseInfo: {
      declared: 'LicenseRef-llama3.2',
      declaredConfidence: 'declared',
      detected: ['LicenseRef-llama3.2'],
      concluded: 'LicenseRef-llama3.2',
      status: 'confirmed',
      category: 'AI-use-restricted',
    },
    hashes: [{ alg: 'sha256', value: 'e'.repeat(64) }],
    properties: {
      'model:format': 'safetensors',
      'model:model_type': 'llama',
      'model:task': 'text-generation',
    },
    deps: ['rajpurkar/squad@7b6d24c440a36b6815f21b70d25016731768db1f'],
  },
  {
    ecosystem: 'huggingface',
    name: 'rajpurkar/squad',
    version: '7b6d24c440a36b6815f21b70d25016731768db1f',
    kind: 'dataset',
    scope: 'transitive',
    path: 'models/llama/README.md',
    foundBy: 'model/huggingface',
    license: 'CC-BY-SA-4.0',
  },
];

/** A realistic multi-ecosystem scan (see the module comment). Fresh objects on every call. */
export function sampleScanResult(): ScanResult {
  const { components, idOf } = toComponents(SPECS);
  const advisory = (
    componentKey: string,
    advisoryId: string,
    extra: Partial<AdvisoryEvidence>,
  ): Evidence => ({
    id: `advisory:${advisoryId}:${idOf(componentKey)}`,
    kind: 'advisory',
    componentId: idOf(componentKey),
    source: 'vulns/osv',
    confidence: 'exact',
    advisoryId,
    aliases: [],
    ...extra,
  });
  const evidence: Evidence[] = [
    {
      id: 'license:1',
      kind: 'license',
      componentId: idOf('@babel/core@7.24.0'),
      source: 'npm/package-lock',
      confidence: 'declared',
      expression: 'MIT',
    },
    {
      id: 'license-mismatch:1',
      kind: 'license-mismatch',
      componentId: idOf('debug@2.6.8'),
      source: 'license/component',
      confidence: 'exact',
      declared: [
        {
          expression: 'MIT',
          confidence: 'declared',
          location: { path: 'package-lock.json', line: 55 },
        },
      ],
      detected: [
        {
          expression: 'Apache-2.0',
          confidence: 'exact',
          location: { path: 'node_modules/debug/LICENSE', line: 1, endLine: 73 },
        },
      ],
      message:
        'declared MIT (package-lock.json:55, declared) but found Apache-2.0 (node_modules/debug/LICENSE:1-73, exact)',
      location: { path: 'package-lock.json', line: 55 },
    },
    advisory('debug@4.3.0', 'GHSA-gxpj-cx7g-858c', {
      aliases: ['CVE-2017-16137'],
      severity: 'LOW',
      fixed: '4.3.1',
    }),
    advisory('debug@2.6.8', 'GHSA-gxpj-cx7g-858c', {
      aliases: ['CVE-2017-16137'],
      severity: 'LOW',
      fixed: '2.6.9',
    }),
    advisory('requests@2.31.0', 'GHSA-9wx4-h78v-vm56', {
      aliases: ['CVE-2024-35195'],
      severity: 'MODERATE',
      fixed: '2.32.0',
    }),
    advisory('urllib3@2.2.1', 'GHSA-34jh-p97f-mpxf', {
      aliases: ['CVE-2024-37891'],
      severity: 'CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:N',
      fixed: '2.2.2',
    }),
  ];
  return {
    schemaVersion: '1.0',
    tool: { name: 'openvet', version: '0.1.0' },
    target: {
      path: '.',
      type: 'directory',
      name: 'acme-web',
      version: '1.2.0',
      ecosystem: 'npm',
      purl: 'pkg:npm/acme-web@1.2.0',
      declaredLicense: 'Apache-2.0',
      dependsOn: [
        '@babel/core@7.24.0',
        'jest@29.7.0',
        'fsevents@2.3.3',
        'left-pad@1.3.0',
        'requests@2.31.0',
        'github.com/spf13/cobra@v1.8.0',
        'serde@1.0.197',
        'meta-llama/Llama-3.2-1B@4e20de362430cd3b72f300e6b0f18e50e7166e08',
      ]
        .map(idOf)
        .sort(compare),
    },
    startedAt: '2024-06-01T12:00:00.000Z',
    finishedAt: '2024-06-01T12:00:02.500Z',
    components,
    evidence: evidence.sort((a, b) =>
      compare(`${a.componentId}\0${a.id}`, `${b.componentId}\0${b.id}`),
    ),
    findings: [],
    errors: [],
    plugins: [],
    verdict: { status: 'review', summary: '3 advisories' },
    stats: { filesWalked: 12, filesSkipped: 0 },
  };
}

/** A deterministic shuffle (reverse + rotate) of every list a reporter must sort itself. */
export function shuffledScanResult(result: ScanResult): ScanResult {
  const mix = <T>(list: readonly T[]): T[] => {
    const reversed = [...list].reverse();
    const cut = Math.floor(reversed.length / 3);
    return [...reversed.slice(cut), ...reversed.slice(0, cut)];
  };
  return {
    ...result,
    target: { ...result.target, dependsOn: mix(result.target.dependsOn) },
    components: mix(result.components).map((c) => ({
      ...c,
      dependsOn: mix(c.dependsOn),
      groups: mix(c.groups),
      locations: mix(c.locations),
      foundBy: mix(c.foundBy),
      ...(c.hashes !== undefined ? { hashes: mix(c.hashes) } : {}),
      ...(c.properties !== undefined
        ? { properties: Object.fromEntries(mix(Object.entries(c.properties))) }
        : {}),
    })),
    evidence: mix(result.evidence).map((e) =>
      e.kind === 'advisory' ? { ...e, aliases: mix(e.aliases) } : e,
    ),
  };
}

/** `result` with only `components` (and no evidence), the target depending on `dependsOn`. */
export function withComponents(
  result: ScanResult,
  components: Component[],
  dependsOn: string[] = [],
): ScanResult {
  return { ...result, components, evidence: [], target: { ...result.target, dependsOn } };
}
