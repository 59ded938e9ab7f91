import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/types.js';
import { richScanResult } from '../../testing/scan-result-fixture.js';
import {
  githubSarifErrors,
  sarifSchemaAvailable,
  sarifSchemaErrors,
  SARIF_SCHEMA_FILE,
} from '../../testing/sarif-validate.js';
import { sampleScanResult, shuffledScanResult } from '../../testing/scan-results.js';
import { withModelEvidence } from '../../testing/model-evidence.js';
import { RULES } from '../rule-help.js';
import { reporter } from './index.js';

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity'?: string };
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region?: { startLine: number; endLine?: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}
interface Log {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: Rule[] } };
    invocations: { toolExecutionNotifications?: unknown[] }[];
    results: Result[];
  }[];
}

function sarif(result: ScanResult): Log {
  return JSON.parse(reporter.render(result)) as Log;
}

const rich = richScanResult();
const log = sarif(rich);
const run = log.runs[0]!;

describe('sarif reporter', () => {
  it('describes the tool and every rule with help text', () => {
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({
      name: 'openvet',
      version: '0.1.0',
      informationUri: 'https://github.com/openvet/openvet',
    });
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    for (const known of RULES) expect(ids).toContain(known.id);
    expect(ids).toContain('custom.future-rule');
    for (const rule of run.tool.driver.rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text).not.toContain('**');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
  });

  it.each([
    ['vuln.severity', '9.8'], // the CVSS score of the critical advisory
    ['model.unsafe-file', '9.5'], // critical, no score
    ['model.remote-code', '8.0'], // high
  ])('gives security rule %s a security-severity (%s)', (id, severity) => {
    const rule = run.tool.driver.rules.find((r) => r.id === id)!;
    expect(rule.properties.tags).toContain('security');
    expect(rule.properties['security-severity']).toBe(severity);
  });

  it('gives no security-severity to licence rules', () => {
    const rule = run.tool.driver.rules.find((r) => r.id === 'license.denied')!;
    expect(rule.properties['security-severity']).toBeUndefined();
  });

  it('has one result per finding, located at the manifest line with the fingerprint', () => {
    expect(run.results).toHaveLength(rich.findings.length);
    const vuln = run.results.find((r) => r.ruleId === 'vuln.severity')!;
    expect(vuln).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'services/api/requirements.txt', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3 },
          },
        },
      ],
    });
    expect(vuln.message.text).toMatch(/^requests@2\.31\.0: GHSA-crit-0000-0000/);
    const finding = rich.findings.find((f) => f.ruleId === 'vuln.severity')!;
    expect(vuln.partialFingerprints).toEqual({ 'openvet/v1': finding.fingerprint });
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it.each([
    ['critical', 'error'],
    ['high', 'error'],
    ['medium', 'warning'],
    ['low', 'note'],
    ['info', 'note'],
  ])('maps severity %s to level %s', (severity, level) => {
    for (const r of run.results.filter((x) => x.properties.severity === severity))
      expect(r.level).toBe(level);
    expect(run.results.some((x) => x.properties.severity === severity)).toBe(true);
  });

  it("locates a finding without a place at its component's manifest, or the project's", () => {
    const remote = run.results.find((r) => r.ruleId === 'model.remote-code')!;
    expect(remote.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'models/phi-custom/config.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4 },
    });
    const project = run.results.find((r) => r.ruleId === 'custom.future-rule')!;
    expect(project.locations[0]!.physicalLocation.artifactLocation.uri).toBe('package-lock.json');
    expect(project.locations[0]!.physicalLocation.region).toBeUndefined();
  });

  it.each([
    [{ path: 'services/api', type: 'directory' }, 'services/api/package-lock.json'],
    [{ path: './services/api/', type: 'directory' }, 'services/api/package-lock.json'],
    [{ path: 'app/package-lock.json', type: 'file' }, 'app/package-lock.json'],
    [{ path: '../elsewhere', type: 'directory' }, 'package-lock.json'],
    [{ path: '/abs/project', type: 'directory' }, 'package-lock.json'],
  ] as const)('makes paths relative to the repository for target %j', (target, uri) => {
    const moved = sarif({ ...rich, target: { ...rich.target, ...target } });
    const denied = moved.runs[0]!.results.find(
      (r) => r.ruleId === 'license.denied' && r.message.text.startsWith('pdf-forge'),
    )!;
    expect(denied.locations[0]!.physicalLocation.artifactLocation.uri).toBe(uri);
  });

  it('encodes characters a URI cannot hold', () => {
    const odd = sarif({
      ...rich,
      findings: [{ ...rich.findings[0]!, location: { path: 'my dir/a#b%c/ü.json', line: 2 } }],
    });
    expect(odd.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'my%20dir/a%23b%25c/%C3%BC.json',
    );
  });

  it('reports unreadable files as tool notifications', () => {
    expect(run.invocations[0]!.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'unexpected token <<<<<<< (merge conflict?) [npm/yarn-lock]' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'legacy/yarn.lock', uriBaseId: '%SRCROOT%' },
              region: { startLine: 7 },
            },
          },
        ],
      },
    ]);
  });

  it('gives the same bytes whatever the input order', () => {
    const shuffled = { ...shuffledScanResult(rich), findings: [...rich.findings].reverse() };
    expect(reporter.render(shuffled)).toBe(reporter.render(rich));
  });

  it.each([
    ['the rich result', rich],
    ['a result without findings', sampleScanResult()],
    ['an empty result', { ...sampleScanResult(), components: [], evidence: [], findings: [] }],
  ])('meets GitHub code scanning requirements: %s', (_, result) => {
    expect(githubSarifErrors(JSON.parse(reporter.render(result)))).toEqual([]);
  });
});

describe.skipIf(!sarifSchemaAvailable())(
  `sarif reporter against the SARIF 2.1.0 schema (${SARIF_SCHEMA_FILE})`,
  () => {
    it.each([
      ['the rich result', rich],
      ['a result without findings', sampleScanResult()],
      ['an empty result', { ...sampleScanResult(), components: [], evidence: [], findings: [] }],
    ])('is schema-valid: %s', (_, result) => {
      expect(sarifSchemaErrors(JSON.parse(reporter.render(result)))).toEqual([]);
    });

    it('catches an invalid log (the validator is live)', () => {
      const broken = JSON.parse(reporter.render(rich)) as Log;
      (broken.runs[0]!.results[0] as unknown as Record<string, unknown>).level = 'fatal';
      expect(sarifSchemaErrors(broken).length).toBeGreaterThan(0);
    });
  },
);

if (!sarifSchemaAvailable())
  console.warn(`SARIF schema tests skipped: ${SARIF_SCHEMA_FILE} is absent`);

describe('model facts', () => {
  it('ride in the run property bag, and the log stays schema-valid', () => {
    const text = reporter.render(withModelEvidence(sampleScanResult()));
    const log = JSON.parse(text) as {
      runs: { properties: { models?: { transparency: string; openness: string }[] } }[];
    };
    expect(log.runs[0]?.properties.models).toEqual([
      expect.objectContaining({
        transparency: '2/9 card sections',
        openness: 'MOF none (III 25%)',
      }),
    ]);
    if (sarifSchemaAvailable()) expect(sarifSchemaErrors(JSON.parse(text))).toEqual([]);
    expect(githubSarifErrors(JSON.parse(text))).toEqual([]);
  });
});
