import { describe, expect, it } from 'vitest';
import {
  manyFindingsScanResult,
  richScanResult,
  XSS_NAME,
} from '../../testing/scan-result-fixture.js';
import { withModelEvidence } from '../../testing/model-evidence.js';
import { sampleScanResult, shuffledScanResult } from '../../testing/scan-results.js';
import { escapeMarkdown, GITHUB_COMMENT_LIMIT, renderMarkdown, reporter } from './index.js';

const rich = richScanResult();
const text = reporter.render(rich);

describe('markdown reporter', () => {
  it('starts with the verdict in words, no emoji', () => {
    expect(text.split('\n').slice(0, 3)).toEqual([
      '## openvet: FAIL',
      '',
      '**Verdict: FAIL**: 19 component(s); 12 finding(s): 2 critical, 5 high, 2 medium, 2 low, 1 info',
    ]);
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('counts the findings per severity in a table', () => {
    expect(text).toContain(
      [
        '| Severity | Findings |',
        '| --- | ---: |',
        '| Critical | 2 |',
        '| High | 5 |',
        '| Medium | 2 |',
        '| Low | 2 |',
        '| Info | 1 |',
      ].join('\n'),
    );
  });

  it('groups the findings by severity, worst first, with rule, component and place', () => {
    const headings = text.split('\n').filter((l) => l.startsWith('### '));
    expect(headings).toEqual([
      '### Critical (2)',
      '### High (5)',
      '### Medium (2)',
      '### Low (2)',
      '### Info (1)',
    ]);
    expect(text).toContain(
      '| `vuln.severity` | requests@2.31.0 | GHSA-crit-0000-0000 (CVE-2099-0001, critical 9.8): Remote code execution in &lt;redirect&gt; handling; fixed in 2.32.3 | services/api/requirements.txt:3 |',
    );
  });

  it('escapes HTML and Markdown in names and messages', () => {
    expect(text).not.toContain(XSS_NAME);
    expect(text).not.toContain('<script');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each([
    ['a|b', 'a\\|b'],
    ['<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
    ['*bold* _it_ `code` [link](u)', '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](u)'],
    ['line\nbreak', 'line break'],
    ['a & b', 'a &amp; b'],
  ])('escapeMarkdown(%j) is %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('collapses the inventory, the problems and the rule help', () => {
    expect(text).toContain('<details><summary>Inventory: 19 component(s)</summary>');
    expect(text).toContain('<details><summary>1 file(s) could not be read</summary>');
    expect(text).toContain('<details><summary>What the rules mean</summary>');
    expect(text.match(/<details>/g)?.length).toBe(text.match(/<\/details>/g)?.length);
  });

  it('collapses a severity group longer than 10 findings', () => {
    const many = reporter.render(manyFindingsScanResult(60));
    expect(many).toContain('<details><summary>12 critical finding(s)</summary>');
    expect(many.match(/<details>/g)?.length).toBe(many.match(/<\/details>/g)?.length);
  });

  it('says so when there are no findings', () => {
    expect(reporter.render(sampleScanResult())).toContain('\nNo findings.\n');
  });

  it.each([2_000, 20_000])(
    'stays under GitHub\u2019s comment limit with %i findings, saying how many are left out',
    (n) => {
      const body = reporter.render(manyFindingsScanResult(n));
      expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      const shown = body.split('\n').filter((l) => l.startsWith('| `vuln.severity`')).length;
      expect(shown).toBeGreaterThan(100);
      expect(body).toContain(`> **${n - shown} more finding(s) not shown**`);
      expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length);
      expect(body.trimEnd().endsWith('</sub>')).toBe(true);
    },
  );

  it('cuts to a smaller limit too, keeping the worst findings', () => {
    const body = renderMarkdown(manyFindingsScanResult(200), 8_000);
    expect(body.length).toBeLessThanOrEqual(8_000);
    expect(body).toContain('### Critical (40)');
    expect(body).toMatch(/more finding\(s\) not shown/);
  });

  it('gives the same text whatever the input order', () => {
    const shuffled = { ...shuffledScanResult(rich), findings: [...rich.findings].reverse() };
    expect(reporter.render(shuffled)).toBe(text);
  });
});

describe('models section', () => {
  it('summarises each model in a collapsed table', () => {
    const md = reporter.render(withModelEvidence(sampleScanResult()));
    expect(md).toContain('<details><summary>Models: 1</summary>');
    expect(md).toMatch(
      /\| 2\/9 card sections \| MOF none \(III 25%\) \| not-open-source-ai \| meta-llama\/Llama-3\\?\.2-1B-base \|/,
    );
  });
});
