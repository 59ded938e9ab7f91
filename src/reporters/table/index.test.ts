import { describe, expect, it } from 'vitest';
import type { Component, ScanResult } from '../../core/types.js';
import { withModelEvidence } from '../../testing/model-evidence.js';
import { sampleScanResult } from '../../testing/scan-results.js';
import { richScanResult } from '../../testing/scan-result-fixture.js';
import { fitColumns, reporter, truncate } from './index.js';

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
  it('renders a header, components grouped by ecosystem and kind and sorted by name, the problems and the verdict', () => {
    expect(reporter.render(result)).toBe(
      [
        'openvet 9.9.9 — app@1.0.0 (.)',
        '4 component(s): huggingface 1, npm 3; dev 1, direct 3',
        '',
        'NAME         VERSION        ECOSYSTEM    KIND     SCOPE   LICENSE  FOUND IN',
        '── huggingface · model (1)',
        'local-model  -              huggingface  model    direct  -        models/x (+1)',
        '── npm · package (3)',
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
    expect(lines.slice(3, 10)).toEqual([
      'NAME         VERSION        ECOSYSTEM    KIND     SCOPE   LICENSE   FOUND IN',
      '── huggingface · model (1)',
      'local-model  -              huggingface  model    direct  ?         models/x (+1)',
      '── npm · package (3)',
      '@scope/zeta  1.0.0          npm          package  direct  MIT       f:1',
      'alpha        2.0.0          npm          package  dev     mismatch  package-lock.json:12',
      'git-dep      #0123456789ab  npm          package  direct  -         f:1',
    ]);
    expect(lines.slice(10, 13)).toEqual([
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
  it('lists the findings grouped by severity, with rule, component and place', () => {
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
      [
        '',
        '1 finding(s): 1 critical',
        '  RULE               COMPONENT    WHERE     FINDING',
        'CRITICAL (1)',
        '  model.unsafe-file  local-model  models/x  models/x/model.pt (pytorch-zip) is unsafe: loading it runs code — os.system',
        '',
      ].join('\n'),
    );
  });
});

describe('table reporter on a rich result', () => {
  const rich = richScanResult();

  it('groups the findings by severity, worst first', () => {
    const lines = reporter.render(rich).split('\n');
    const headings = lines.filter((l) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) \(\d+\)$/.test(l));
    expect(headings).toEqual(['CRITICAL (2)', 'HIGH (5)', 'MEDIUM (2)', 'LOW (2)', 'INFO (1)']);
    expect(lines).toContain('── huggingface · model (4)');
    expect(lines).toContain('── npm · package (9)');
  });

  it.each([40, 60, 80, 120])('fits every line in %i columns, cutting cells with …', (width) => {
    const text = reporter.render(rich, { width });
    const lines = text.split('\n');
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(width);
    expect(text).toContain('…');
    expect(lines.at(-2)).toMatch(/^verdict: fail/);
  });

  it('does not cut anything without a width', () => {
    const text = reporter.render(rich);
    expect(text).not.toContain('…');
    expect(text).toContain(
      'GHSA-crit-0000-0000 (CVE-2099-0001, critical 9.8): Remote code execution',
    );
  });

  it('colours severities and the verdict only when asked', () => {
    const plain = reporter.render(rich, { width: 100 });
    const coloured = reporter.render(rich, { color: true, width: 100 });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31m\u001b[1mHIGH (5)');
    expect(coloured).toContain('verdict: \u001b[1m\u001b[31mfail\u001b[39m\u001b[22m');
    // Colour codes never count towards the width: without them, the lines are the same.
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});

describe('truncate and fitColumns', () => {
  it.each([
    ['abcdef', 6, 'abcdef'],
    ['abcdef', 5, 'abcd…'],
    ['abcdef', 1, '…'],
    ['abcdef', 0, ''],
    ['a😀b😀c', 4, 'a😀b…'],
  ])('truncate(%j, %i) is %j', (text, width, expected) => {
    expect(truncate(text, width)).toBe(expected);
  });

  it('narrows the widest column first, never below the minimum', () => {
    expect(fitColumns(['A', 'B'], [['x'.repeat(30), 'y'.repeat(10)]], 30)).toEqual([18, 10]);
    expect(fitColumns(['A', 'B'], [['x'.repeat(30), 'y'.repeat(10)]], 5)).toEqual([6, 6]);
    expect(fitColumns(['A', 'B'], [['x'.repeat(30), 'y'.repeat(10)]], undefined)).toEqual([30, 10]);
  });
});

describe('models', () => {
  it('lists each model with card transparency, openness and base models', () => {
    const text = reporter.render(withModelEvidence(sampleScanResult()));
    expect(text).toMatch(/1 model\(s\):\n {2}MODEL +CARD +OPENNESS +OSAID +BASE MODELS\n/);
    expect(text).toMatch(
      /meta-llama\/Llama-3\.2-1B\S* +2\/9 card sections +MOF none \(III 25%\) +not-open-source-ai +meta-llama\/Llama-3\.2-1B-base/,
    );
  });
});
