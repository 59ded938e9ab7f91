import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../core/errors.js';
import { parsePolicy, resolvePolicy } from './load.js';
import { PRESETS } from './presets/index.js';

async function problems(text: string): Promise<string[]> {
  try {
    await parsePolicy(text, 'openvet.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('OPENVET_E_INPUT');
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the policy to be rejected');
}

describe('policy file validation', () => {
  it.each([
    [
      'a severity out of its enum',
      'extends: saas\nvulns:\n  severity: urgent\n',
      ['openvet.yml:3: vulns.severity must be one of critical, high, medium, low'],
    ],
    [
      'an unknown setting, naming the allowed ones',
      'extends: saas\nmodels:\n  remoteCode: deny\n  unsafe: deny\n',
      [
        'openvet.yml:4: models.unsafe is not a setting here (allowed: unsafeFiles, remoteCode, licenseConflict, minimumOpenness, openness)',
      ],
    ],
    [
      'an unknown use',
      'extends: enterprise\n',
      [
        'openvet.yml:1: extends must be one of internal, saas, distribution, commercial-model, research',
      ],
    ],
    [
      'an ignore entry without a reason, and one with an impossible date',
      'extends: saas\nvulns:\n  ignore:\n    - id: GHSA-1\n      expires: 2026-12-31\n    - id: GHSA-2\n      reason: vendored, unused\n      expires: 2026-02-30\n',
      [
        'openvet.yml:4: vulns.ignore[0] needs reason',
        'openvet.yml:8: vulns.ignore[1].expires must be a real date (YYYY-MM-DD), not 2026-02-30',
      ],
    ],
    [
      'a blank reason and an unquoted non-date',
      'extends: saas\nvulns:\n  ignore:\n    - id: GHSA-1\n      reason: "  "\n      expires: next year\n',
      [
        'openvet.yml:5: vulns.ignore[0].reason must say why the advisory is accepted',
        'openvet.yml:6: vulns.ignore[0].expires must be a date written YYYY-MM-DD',
      ],
    ],
    [
      'a wrong type and a number out of range',
      'extends: saas\nlicenses:\n  deny: MIT\nhealth:\n  minimumScore: 11\n',
      [
        'openvet.yml:3: licenses.deny must be a list',
        'openvet.yml:5: health.minimumScore must be at most 10',
      ],
    ],
    [
      'use and extends that disagree',
      'extends: saas\nuse: research\n',
      ['openvet.yml:2: use (research) and extends (saas) disagree; give one'],
    ],
    ['not a mapping', 'just words\n', ['openvet.yml:1: the policy must be a mapping of settings']],
    [
      'a YAML syntax error',
      'extends: saas\nvulns: [\n',
      [expect.stringMatching(/^openvet\.yml:\d+: /)],
    ],
    [
      'a duplicate key',
      'extends: saas\nextends: research\n',
      ['openvet.yml:2: Map keys must be unique'],
    ],
    [
      'no use at all',
      'vulns:\n  severity: high\n',
      [
        'openvet.yml:1: no intended use: add `extends: <use>` (one of internal, saas, distribution, commercial-model, research) or pass --use',
      ],
    ],
  ])('rejects %s with file, line and what is allowed', async (_what, text, expected) => {
    expect(await problems(text)).toEqual(expected);
  });

  it('merges the file into the preset it extends', async () => {
    const policy = await parsePolicy(
      [
        'extends: distribution',
        'product: { monthlyActiveUsers: 1000 }',
        'licenses:',
        '  categories: { weak-copyleft: allow }',
        '  deny: [WTFPL]',
        'vulns:',
        '  severity: critical',
        '  ignore:',
        '    - id: GHSA-aaaa-bbbb-cccc',
        '      reason: only in tests',
        '      expires: 2027-01-31',
        'models: { minimumOpenness: II }',
        'components: { deny: ["pkg:npm/event-stream@*"] }',
        '',
      ].join('\n'),
      'openvet.yml',
    );
    expect(policy).toEqual({
      ...PRESETS.distribution,
      source: 'openvet.yml (extends distribution)',
      product: { monthlyActiveUsers: 1000 },
      licenses: {
        ...PRESETS.distribution.licenses,
        categories: { ...PRESETS.distribution.licenses.categories, 'weak-copyleft': 'allow' },
        deny: ['WTFPL'],
      },
      vulns: {
        ...PRESETS.distribution.vulns,
        severity: 'critical',
        ignore: [
          {
            id: 'GHSA-aaaa-bbbb-cccc',
            reason: 'only in tests',
            expires: '2027-01-31',
            at: 'openvet.yml:9',
          },
        ],
      },
      models: { ...PRESETS.distribution.models, minimumOpenness: 'II' },
      components: { allow: [], deny: ['pkg:npm/event-stream@*'] },
    });
  });

  it('lets --use judge the same file for another use', async () => {
    const policy = await parsePolicy('extends: saas\n', 'openvet.yml', 'internal');
    expect(policy.use).toBe('internal');
    expect(policy.source).toBe('openvet.yml (extends saas, judged for internal by --use)');
    expect(policy.licenses.categories['network-copyleft']).toBe('allow');
  });
});

describe('resolvePolicy', () => {
  it('finds openvet.yml at the scan root, takes --policy over it, and needs neither', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'openvet-policy-'));
    expect(await resolvePolicy({ root, cwd: root })).toBeUndefined();
    expect(await resolvePolicy({ root, cwd: root, use: 'saas' })).toBe(PRESETS.saas);
    await writeFile(path.join(root, 'openvet.yml'), 'extends: research\n');
    expect((await resolvePolicy({ root, cwd: root }))?.source).toBe(
      'openvet.yml (extends research)',
    );
    await writeFile(path.join(root, 'ci.yml'), 'extends: distribution\n');
    expect((await resolvePolicy({ root, cwd: root, file: 'ci.yml' }))?.use).toBe('distribution');
    await expect(resolvePolicy({ root, cwd: root, file: 'nope.yml' })).rejects.toThrow(
      new UsageError('--policy nope.yml: no such file'),
    );
    await expect(resolvePolicy({ root, cwd: root, use: 'cloud' })).rejects.toThrow(
      /--use: unknown use 'cloud' \(one of internal, saas/,
    );
  });
});
