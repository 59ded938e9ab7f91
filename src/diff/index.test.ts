import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { diffScans, parseSnapshot, verdictAgainstBaseline, type ScanSnapshot } from './index.js';
import { newFindingsFail, renderDiff } from './render.js';

function pkg(name: string, version: string) {
  return {
    id: `pkg:npm/${name}@${version}`,
    name,
    ecosystem: 'npm',
    kind: 'package',
    version,
  } as const;
}

function finding(
  fingerprint: string,
  severity: Finding['severity'],
  componentId?: string,
): Finding {
  return {
    ruleId: 'vuln.severity',
    severity,
    message: `problem ${fingerprint}`,
    evidenceIds: [],
    fingerprint,
    ...(componentId !== undefined ? { componentId } : {}),
  };
}

const before: ScanSnapshot = {
  components: [
    pkg('a', '1.0.0'),
    pkg('b', '1.0.0'),
    pkg('c', '1.0.0'),
    pkg('d', '1.0.0'),
    pkg('d', '2.0.0'),
  ],
  findings: [finding('f1', 'high'), finding('f2', 'medium')],
};
const after: ScanSnapshot = {
  components: [
    pkg('a', '1.0.0'),
    pkg('b', '1.1.0'),
    pkg('d', '3.0.0'),
    pkg('d', '4.0.0'),
    pkg('e', '1.0.0'),
  ],
  findings: [finding('f2', 'medium'), finding('f3', 'low')],
};

describe('diffScans', () => {
  const diff = diffScans(before, after);

  it('compares components by id and pairs single-version upgrades', () => {
    expect(diff.changed).toEqual([
      {
        name: 'b',
        ecosystem: 'npm',
        from: '1.0.0',
        to: '1.1.0',
        oldId: 'pkg:npm/b@1.0.0',
        newId: 'pkg:npm/b@1.1.0',
      },
    ]);
    // d has two versions side by side: left as added/removed, not guessed as a change.
    expect(diff.added.map((c) => c.id)).toEqual([
      'pkg:npm/d@3.0.0',
      'pkg:npm/d@4.0.0',
      'pkg:npm/e@1.0.0',
    ]);
    expect(diff.removed.map((c) => c.id)).toEqual([
      'pkg:npm/c@1.0.0',
      'pkg:npm/d@1.0.0',
      'pkg:npm/d@2.0.0',
    ]);
  });

  it('compares findings by fingerprint', () => {
    expect(diff.newFindings.map((f) => f.fingerprint)).toEqual(['f3']);
    expect(diff.resolvedFindings.map((f) => f.fingerprint)).toEqual(['f1']);
    expect(diff.unchangedFindings).toBe(1);
  });

  it('fails only on new critical or high findings', () => {
    expect(newFindingsFail(diff)).toBe(false);
    expect(newFindingsFail(diffScans(after, before))).toBe(true);
    expect(newFindingsFail(diffScans(before, before))).toBe(false);
  });
});

describe('renderDiff', () => {
  const diff = diffScans(before, after);
  it('json carries status, summary and every list', () => {
    const json = JSON.parse(renderDiff(diff, 'json')) as Record<string, unknown>;
    expect(json.status).toBe('pass');
    expect(json.summary).toBe(
      '3 added, 3 removed, 1 version change(s), 1 new finding(s), 1 resolved',
    );
    expect((json.newFindings as Finding[])[0]?.fingerprint).toBe('f3');
  });

  it('table lists sections with counts', () => {
    const text = renderDiff(diff, 'table');
    expect(text.split('\n')[0]).toBe(
      'OK: 3 added, 3 removed, 1 version change(s), 1 new finding(s), 1 resolved',
    );
    expect(text).toContain('New findings (1)\n  [low] vuln.severity: problem f3');
    expect(text).toContain('Version changes (1)\n  b (npm): 1.0.0 → 1.1.0');
  });

  it('markdown escapes table cells and opens the new findings', () => {
    const piped = diffScans(
      { components: [], findings: [] },
      { components: [], findings: [{ ...finding('x', 'high'), message: 'a | b' }] },
    );
    const md = renderDiff(piped, 'markdown');
    expect(md).toMatch(/^\*\*openvet diff: fail\*\*/);
    expect(md).toContain('<details open><summary>New findings (1)</summary>');
    expect(md).toContain('| high | vuln.severity |  | a \\| b |');
  });
});

describe('parseSnapshot', () => {
  it('reads the parts of a scan result a diff needs', () => {
    const snap = parseSnapshot(
      JSON.stringify({
        schemaVersion: '1.0',
        components: [pkg('a', '1')],
        findings: [finding('f', 'info')],
        evidence: [],
      }),
      'x.json',
    );
    expect(snap.components).toEqual([pkg('a', '1')]);
    expect(snap.findings).toHaveLength(1);
  });

  it.each([
    ['{', /x\.json: not JSON/],
    ['[]', /x\.json: not an openvet scan result/],
    ['{"components":[{"id":1}],"findings":[]}', /components\[0\] has no id or name/],
    ['{"components":[],"findings":[{"ruleId":"r"}]}', /findings\[0\] has no ruleId or fingerprint/],
    [
      '{"components":[],"findings":[{"ruleId":"r","fingerprint":"f","severity":"huge"}]}',
      /unknown severity "huge"/,
    ],
  ])('%s → a clear InputError', (text, message) => {
    expect(() => parseSnapshot(text, 'x.json')).toThrow(message);
  });
});

describe('verdictAgainstBaseline', () => {
  const known = finding('known', 'critical');
  const fresh = finding('fresh', 'high');
  const minor = finding('minor', 'low');
  const base: ScanSnapshot = { components: [], findings: [known] };

  it('a failing finding already in the baseline does not fail the gate', () => {
    const v = verdictAgainstBaseline(
      { status: 'fail', summary: 's' },
      [known, minor],
      base,
      'main.json',
    );
    expect(v.status).toBe('review');
    expect(v.summary).toBe('s; baseline main.json: 1 new finding(s), 1 already known');
  });

  it('a new failing finding still fails', () => {
    const v = verdictAgainstBaseline({ status: 'fail', summary: 's' }, [known, fresh], base, 'b');
    expect(v.status).toBe('fail');
  });

  it("a policy's failing list decides which findings fail, and keeps only the new ones", () => {
    const v = verdictAgainstBaseline(
      { status: 'fail', summary: 's', failing: ['known', 'minor'] },
      [known, minor],
      base,
      'b',
    );
    expect(v).toMatchObject({ status: 'fail', failing: ['minor'] });
  });

  it('nothing new and nothing failing: review while known findings remain, pass stays pass', () => {
    expect(
      verdictAgainstBaseline({ status: 'fail', summary: 's' }, [known], base, 'b').status,
    ).toBe('review');
    expect(verdictAgainstBaseline({ status: 'pass', summary: 's' }, [], base, 'b').status).toBe(
      'pass',
    );
  });
});
