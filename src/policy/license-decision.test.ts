import { describe, expect, it } from 'vitest';
import { compatibleWith, decideExpression, projectLicense } from './license-decision.js';
import { PRESETS } from './presets/index.js';
import type { Action, IntendedUse, LicenseDecision } from './types.js';

type Outcome = 'allow' | `${Exclude<Action, 'allow'>}:${LicenseDecision['rule']}`;

function outcome(expression: string, use: IntendedUse): Outcome {
  const decisions = decideExpression(expression, PRESETS[use], undefined);
  const worst =
    decisions.find((d) => d.action === 'deny') ?? decisions.find((d) => d.action === 'review');
  return worst === undefined ? 'allow' : (`${worst.action}:${worst.rule}` as Outcome);
}

const USES = ['internal', 'saas', 'distribution', 'commercial-model', 'research'] as const;
const A = 'allow';
const D = 'deny:license.denied';
const R = 'review:license.review';
const U = 'review:license.unknown';

describe('licence decisions by intended use and category (proprietary project)', () => {
  // One licence per category; columns: internal, saas, distribution, commercial-model, research.
  it.each([
    ['public-domain', 'CC0-1.0', [A, A, A, A, A]],
    ['permissive', 'MIT', [A, A, A, A, A]],
    ['weak-copyleft', 'LGPL-2.1-only', [A, A, R, R, A]],
    ['strong-copyleft', 'GPL-3.0-only', [A, A, D, D, A]],
    ['network-copyleft', 'AGPL-3.0-only', [A, D, D, D, A]],
    ['non-commercial (code)', 'PolyForm-Noncommercial-1.0.0', [R, D, D, D, A]],
    ['non-commercial (content, datasets, models)', 'CC-BY-NC-4.0', [R, D, D, D, A]],
    ['non-commercial (AI licence)', 'LicenseRef-llama1', [R, D, D, D, A]],
    ['source-available', 'SSPL-1.0', [R, R, R, R, A]],
    ['ai-use-restricted with a user threshold', 'LicenseRef-llama3.1', [A, R, R, R, A]],
    ['ai-use-restricted, OpenRAIL', 'LicenseRef-creativeml-openrail-m', [A, A, A, A, A]],
    ['proprietary', 'IEC-Code-Components-EULA', [R, R, R, R, R]],
    ['unknown id', 'LicenseRef-acme-internal', [U, U, U, U, U]],
  ] as const)('%s (%s)', (_category, id, expected) => {
    expect(USES.map((use) => outcome(id, use))).toEqual(expected);
  });

  it('reviews a permissive licence under the Commons Clause for every use but research', () => {
    expect(USES.map((use) => outcome('Apache-2.0 AND LicenseRef-Commons-Clause', use))).toEqual([
      R,
      R,
      R,
      R,
      A,
    ]);
  });

  it('internal use never denies copyleft', () => {
    for (const id of ['LGPL-3.0-only', 'GPL-2.0-or-later', 'AGPL-3.0-or-later', 'CC-BY-SA-4.0']) {
      expect(outcome(id, 'internal')).toBe('allow');
    }
  });

  it('cites the clause of the licence term the decision rests on', () => {
    const [agpl] = decideExpression('AGPL-3.0-only', PRESETS.saas, undefined);
    expect(agpl?.reason).toMatch(
      /network copyleft.*denied for saas use: AGPL-3\.0-only §13 Remote Network Interaction/,
    );
    const [gpl] = decideExpression('GPL-3.0-only', PRESETS.distribution, undefined);
    expect(gpl?.reason).toMatch(/GPL-3\.0-only §6 Conveying Non-Source Forms/);
    const [nc] = decideExpression('CC-BY-NC-4.0', PRESETS['commercial-model'], undefined);
    expect(nc?.reason).toMatch(/CC-BY-NC-4\.0 §2\(a\)\(1\) "for NonCommercial purposes only"/);
  });

  it('reviews Llama above its user threshold with the clause, and allows it below', () => {
    const unstated = decideExpression('LicenseRef-llama3.1', PRESETS.saas, undefined)[0];
    expect(unstated?.reason).toMatch(
      /limits use to 700,000,000 monthly active users \(§2 "greater than 700 million.*does not state product\.monthlyActiveUsers; its acceptable-use policy applies \(§1\.b\.iv/,
    );
    const big = { ...PRESETS.saas, product: { monthlyActiveUsers: 800_000_000 } };
    expect(decideExpression('LicenseRef-llama3.1', big, undefined)[0]).toMatchObject({
      action: 'review',
      rule: 'license.review',
      reason: expect.stringMatching(/800,000,000 monthly active users are above it/) as string,
    });
    const small = { ...PRESETS.saas, product: { monthlyActiveUsers: 10_000 } };
    const allowed = decideExpression('LicenseRef-llama3.1', small, undefined)[0];
    expect(allowed?.action).toBe('allow');
    expect(allowed?.obligations.map((o) => o.obligation)).toEqual([
      expect.stringMatching(/^use restrictions \(pass them on to recipients\): violating the law/),
    ]);
  });

  it('lists OpenRAIL use restrictions as obligations, with their clause', () => {
    const [rail] = decideExpression(
      'LicenseRef-creativeml-openrail-m',
      PRESETS.distribution,
      undefined,
    );
    expect(rail?.action).toBe('allow');
    expect(rail?.obligations[0]).toMatchObject({
      license: 'LicenseRef-creativeml-openrail-m',
      obligation: expect.stringMatching(/use restrictions.*exploiting or harming minors/) as string,
      clause: expect.stringMatching(/§5/) as string,
    });
  });

  it.each([
    ['MIT OR GPL-3.0-only', 'distribution', 'allow'],
    ['GPL-3.0-only OR CC-BY-NC-4.0', 'distribution', D],
    ['MIT AND AGPL-3.0-only', 'saas', D],
    ['(MIT OR AGPL-3.0-only) AND LGPL-2.1-only', 'distribution', R],
    ['GPL-2.0+', 'distribution', D],
    ['GPL-2.0-or-later WITH Classpath-exception-2.0', 'distribution', R],
    ['LicenseRef-openrail++', 'saas', 'allow'],
  ] as const)('%s under %s: %s', (expression, use, expected) => {
    expect(outcome(expression, use)).toBe(expected);
  });

  it('lets the policy lists override the categories', () => {
    const policy = {
      ...PRESETS.distribution,
      licenses: { ...PRESETS.distribution.licenses, allow: ['gpl-3.0-only'], deny: ['MIT'] },
    };
    expect(decideExpression('GPL-3.0-only', policy, undefined)[0]?.action).toBe('allow');
    expect(decideExpression('MIT', policy, undefined)[0]).toMatchObject({
      action: 'deny',
      rule: 'license.denied',
      reason: "MIT is on the policy's licence deny list (preset distribution)",
    });
  });
});

describe('licence conflicts with the project licence', () => {
  const target = (concluded: string) => ({
    path: '.',
    type: 'directory' as const,
    name: 'lib',
    dependsOn: [],
    license: { concluded, status: 'declared' as const, detected: [] },
  });

  it('an MIT library distributed with GPL-3.0 code conflicts, citing the clause', () => {
    const project = projectLicense(target('MIT'));
    expect(project?.ids).toEqual(['MIT']);
    expect(decideExpression('GPL-3.0-only', PRESETS.distribution, project)[0]).toMatchObject({
      action: 'deny',
      rule: 'license.conflict',
      reason: expect.stringMatching(
        /^the project's licence MIT conflicts with GPL-3\.0-only .*§6/,
      ) as string,
    });
  });

  it('a GPL-3.0 project may include GPL-2.0-or-later code, and weak copyleft goes anywhere', () => {
    const project = projectLicense(target('GPL-3.0-or-later'));
    expect(decideExpression('GPL-2.0-or-later', PRESETS.distribution, project)[0]?.action).toBe(
      'allow',
    );
    expect(decideExpression('GPL-2.0-only', PRESETS.distribution, project)[0]?.rule).toBe(
      'license.conflict',
    );
    expect(
      decideExpression('LGPL-2.1-only', PRESETS.distribution, projectLicense(target('MIT')))[0]
        ?.action,
    ).toBe('allow');
  });

  it('offered as a service, an ISC project with an AGPL dependency is denied, not a conflict', () => {
    const isc = projectLicense(target('ISC'));
    expect(decideExpression('AGPL-3.0-only', PRESETS.saas, isc)[0]).toMatchObject({
      action: 'deny',
      rule: 'license.denied',
    });
    const agpl = projectLicense(target('AGPL-3.0-or-later'));
    expect(decideExpression('AGPL-3.0-only', PRESETS.saas, agpl)[0]?.action).toBe('allow');
  });

  it('a proprietary project (no licence, or UNLICENSED-like) is judged by category', () => {
    expect(projectLicense(undefined)).toBeUndefined();
    expect(projectLicense(target('LicenseRef-acme-proprietary'))).toBeUndefined();
  });

  it.each([
    ['GPL-3.0-only', 'GPL-3.0-or-later', true],
    ['AGPL-3.0-only', 'GPL-3.0-only', true],
    ['GPL-3.0-only', 'AGPL-3.0-only', true],
    ['GPL-2.0-only', 'GPL-3.0-only', false],
    ['Apache-2.0', 'GPL-2.0-only', false],
    ['CC-BY-SA-4.0', 'CC-BY-SA-4.0', true],
  ] as const)('project %s with dependency %s: compatible %s', (p, d, expected) => {
    expect(compatibleWith(p, d, 'strong-copyleft')).toBe(expected);
  });
});

describe('licence decisions with exceptions', () => {
  it('judges the licence under an exception newer than the parser list', () => {
    const decide = (exception: string): string[][] =>
      decideExpression(`GPL-2.0-or-later WITH ${exception}`, PRESETS.distribution, undefined).map(
        (d) => [d.license.replace(exception, 'E'), d.action, d.rule],
      );
    // A linking exception makes the GPL weak copyleft; an OpenSSL exception leaves it strong.
    expect(decide('Classpath-exception-2.0')).toEqual([
      ['GPL-2.0-or-later WITH E', 'review', 'license.review'],
    ]);
    expect(decide('sqlitestudio-OpenSSL-exception')).toEqual([
      ['GPL-2.0-or-later WITH E', 'deny', 'license.denied'],
    ]);
    expect(outcome('GPL-2.0-only WITH No-such-exception', 'internal')).toBe(U);
  });
});
