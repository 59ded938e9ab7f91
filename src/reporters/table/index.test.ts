import { describe, expect, it } from 'vitest';
import type { Component, ScanResult } from '../../core/types.js';
import { reporter } from './index.js';

function component(
  c: Partial<Component> & Pick<Component, 'id' | 'name' | 'ecosystem'>,
): Component {
  return {
    kind: 'package',
    scope: 'direct',
    groups: [],
    locations: [{ path: 'f', line: 1 }],
    foundBy: ['x'],
    dependsOn: [],
    ...c,
  };
}

const result: ScanResult = {
  schemaVersion: '1.0',
  tool: { name: 'openvet', version: '9.9.9' },
  target: { path: '.', type: 'directory', name: 'app', version: '1.0.0', dependsOn: [] },
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:00.000Z',
  components: [
    component({
      id: 'huggingface:local-model?local=models/x',
      name: 'local-model',
      ecosystem: 'huggingface',
      kind: 'model',
      locations: [{ path: 'models/x' }, { path: 'models/x/config.json' }],
    }),
    component({
      id: 'pkg:npm/%40scope/zeta@1.0.0',
      name: '@scope/zeta',
      version: '1.0.0',
      ecosystem: 'npm',
      declaredLicense: 'MIT',
    }),
    component({
      id: 'pkg:npm/alpha@2.0.0',
      name: 'alpha',
      version: '2.0.0',
      ecosystem: 'npm',
      scope: 'dev',
      locations: [{ path: 'package-lock.json', line: 12 }],
    }),
    component({
      id: 'pkg:npm/git-dep',
      name: 'git-dep',
      ecosystem: 'npm',
      source: { type: 'git', url: 'https://h/x.git', commit: '0123456789abcdef0123' },
    }),
  ],
  evidence: [],
  findings: [],
  errors: [
    { path: 'bad/yarn.lock', plugin: 'npm/yarn-lock', message: 'unexpected token', line: 7 },
  ],
  plugins: [],
  verdict: { status: 'pass', summary: '4 component(s) found' },
  stats: { filesWalked: 3, filesSkipped: 0 },
};

describe('table reporter', () => {
  it('renders a header, one row per component sorted by ecosystem and name, the problems and the verdict', () => {
    expect(reporter.render(result)).toBe(
      [
        'openvet 9.9.9 — app@1.0.0 (.)',
        '4 component(s): huggingface 1, npm 3; dev 1, direct 3',
        '',
        'NAME         VERSION        ECOSYSTEM    KIND     SCOPE   LICENSE  FOUND IN',
        'local-model  -              huggingface  model    direct  -        models/x (+1)',
        '@scope/zeta  1.0.0          npm          package  direct  MIT      f:1',
        'alpha        2.0.0          npm          package  dev     -        package-lock.json:12',
        'git-dep      #0123456789ab  npm          package  direct  -        f:1',
        '',
        '1 problem(s):',
        '  bad/yarn.lock:7: unexpected token [npm/yarn-lock]',
        '',
        'verdict: pass — 4 component(s) found',
        '',
      ].join('\n'),
    );
  });

  it('uses bold only when colour is asked for', () => {
    expect(reporter.render(result)).not.toContain('\u001b[');
    expect(reporter.render(result, { color: true })).toContain('\u001b[1mNAME');
  });

  it('shows the concluded licence, `mismatch` or `?`, and lists the mismatches', () => {
    const [model, zeta, alpha, git] = result.components;
    const analysed: ScanResult = {
      ...result,
      components: [
        { ...model!, license: { detected: [], status: 'unknown', reason: 'nothing' } },
        {
          ...zeta!,
          license: { declared: 'MIT', detected: ['MIT'], concluded: 'MIT', status: 'confirmed' },
        },
        { ...alpha!, license: { declared: 'MIT', detected: ['Apache-2.0'], status: 'mismatch' } },
        git!,
      ],
      evidence: [
        {
          id: 'license-mismatch:1',
          kind: 'license-mismatch',
          componentId: 'pkg:npm/alpha@2.0.0',
          source: 'license/component',
          confidence: 'exact',
          declared: [{ expression: 'MIT', confidence: 'declared' }],
          detected: [{ expression: 'Apache-2.0', confidence: 'exact' }],
          message: 'declared MIT (package.json:3) but found Apache-2.0 (LICENSE:1-73, exact)',
        },
      ],
      errors: [],
    };
    const lines = reporter.render(analysed).split('\n');
    expect(lines.slice(3, 8)).toEqual([
      'NAME         VERSION        ECOSYSTEM    KIND     SCOPE   LICENSE   FOUND IN',
      'local-model  -              huggingface  model    direct  ?         models/x (+1)',
      '@scope/zeta  1.0.0          npm          package  direct  MIT       f:1',
      'alpha        2.0.0          npm          package  dev     mismatch  package-lock.json:12',
      'git-dep      #0123456789ab  npm          package  direct  -         f:1',
    ]);
    expect(lines.slice(8, 11)).toEqual([
      '',
      '1 licence mismatch(es):',
      '  alpha@2.0.0: declared MIT (package.json:3) but found Apache-2.0 (LICENSE:1-73, exact)',
    ]);
  });
});

describe('table reporter: vulnerabilities', () => {
  const advisory = (
    componentId: string,
    advisoryId: string,
    over: Record<string, unknown>,
  ): ScanResult['evidence'][number] => ({
    kind: 'advisory',
    id: `advisory:${componentId}:${advisoryId}`,
    componentId,
    source: 'osv',
    confidence: 'high',
    advisoryId,
    aliases: [],
    ...over,
  });

  it('lists issues worst first with every id and fix, then the upgrade that fixes them all', () => {
    const text = reporter.render({
      ...result,
      evidence: [
        advisory('pkg:npm/alpha@2.0.0', 'GHSA-low', {
          severity: 'low',
          fixed: '2.0.1',
          fixedAll: '2.4.0',
        }),
        advisory('pkg:npm/alpha@2.0.0', 'GHSA-crit', {
          severity: 'critical',
          aliases: ['CVE-2024-1'],
          fixed: '2.4.0',
          fixedAll: '2.4.0',
          summary: 'RCE',
        }),
        advisory('pkg:npm/%40scope/zeta@1.0.0', 'GHSA-nofix', { severity: 'high' }),
      ],
      plugins: [{ name: 'vulns', status: 'ok', files: 0, errors: 0, reason: '3 checked' }],
    });
    const section = text.slice(text.indexOf('3 known vulnerabilities'));
    expect(section.split('\n').slice(0, 5)).toEqual([
      '3 known vulnerabilities in 2 component(s):',
      'SEVERITY  COMPONENT          FIXED IN  ISSUE',
      'critical  alpha@2.0.0        2.4.0     GHSA-crit, CVE-2024-1 — RCE',
      'high      @scope/zeta@1.0.0  -         GHSA-nofix',
      'low       alpha@2.0.0        2.0.1     GHSA-low',
    ]);
    expect(section).toContain('upgrades that fix every known issue:\n  alpha@2.0.0 → 2.4.0\n');
    expect(section).not.toContain('@scope/zeta@1.0.0 →');
    expect(section).toContain('vulnerabilities: 3 checked');
  });

  it('shows what was checked when nothing was found', () => {
    const text = reporter.render({
      ...result,
      plugins: [
        { name: 'vulns', status: 'ok', files: 0, errors: 0, reason: 'no vulnerability data' },
      ],
    });
    expect(text).toContain('\nvulnerabilities: no vulnerability data\n');
    expect(text).not.toContain('known vulnerabilit');
  });
});

describe('table reporter: findings', () => {
  it('lists each finding with its severity and rule', () => {
    const text = reporter.render({
      ...result,
      findings: [
        {
          ruleId: 'model.unsafe-file',
          severity: 'critical',
          componentId: 'huggingface:local-model?local=models/x',
          message: 'models/x/model.pt (pytorch-zip) is unsafe: loading it runs code — os.system',
          evidenceIds: ['e1'],
          fingerprint: 'f',
        },
      ],
    });
    expect(text).toContain(
      '\n1 finding(s):\n  critical  model.unsafe-file  models/x/model.pt (pytorch-zip) is unsafe: loading it runs code — os.system\n',
    );
  });
});
