import { describe, expect, it } from 'vitest';
import type { LicenseStatement } from '../../../core/types.js';
import type { LicenseMatch } from '../identify.js';
import { conclude, type DeclaredInput, type DetectedInput } from './conclude.js';

function declared(value: string, kind: LicenseStatement['kind'] = 'spdx-field'): DeclaredInput {
  return { statement: { value, kind }, path: 'node_modules/a/package.json', line: 4 };
}

function found(
  file: string,
  license: string,
  confidence: LicenseMatch['confidence'] = 'exact',
  extra: Partial<LicenseMatch> = {},
): DetectedInput {
  return {
    file,
    match: { license, confidence, score: 1, startLine: 1, endLine: 20, ...extra },
  };
}

describe('conclude: the rule', () => {
  it.each([
    [
      'declared only (no licence file on disk)',
      [declared('MIT')],
      [],
      { declared: 'MIT', status: 'declared', concluded: 'MIT', detected: [] },
    ],
    [
      'detected only',
      [],
      [found('a/LICENSE', 'Apache-2.0')],
      { status: 'detected', concluded: 'Apache-2.0', detected: ['Apache-2.0'] },
    ],
    [
      'declared and detected agree',
      [declared('mit')],
      [found('a/LICENSE', 'MIT', 'high')],
      { declared: 'MIT', status: 'confirmed', concluded: 'MIT', category: 'permissive' },
    ],
    [
      'a dual licence confirmed by one of its files',
      [declared('MIT OR Apache-2.0')],
      [found('a/LICENSE-MIT', 'MIT'), found('a/LICENSE-APACHE', 'Apache-2.0')],
      { status: 'confirmed', concluded: 'MIT OR Apache-2.0' },
    ],
    [
      'several licence files, nothing declared: all apply (AND)',
      [],
      [found('a/LICENSE', 'MIT'), found('a/NOTICE', 'BSD-3-Clause')],
      { status: 'detected', concluded: 'BSD-3-Clause AND MIT', detected: ['BSD-3-Clause', 'MIT'] },
    ],
    [
      'the licence files of a choice stated next to them, nothing declared: the choice',
      [],
      [
        found('a/LICENSE-APACHE', 'Apache-2.0'),
        found('a/LICENSE-MIT', 'MIT'),
        found('a/README.md', 'Apache-2.0 OR MIT', 'high', { startLine: 40, endLine: 45 }),
      ],
      { status: 'detected', concluded: 'Apache-2.0 OR MIT' },
    ],
    [
      'a choice that leaves out a licence found: all apply',
      [],
      [
        found('a/LICENSE-APACHE', 'Apache-2.0'),
        found('a/NOTICE', 'BSD-3-Clause'),
        found('a/README.md', 'Apache-2.0 OR MIT', 'high'),
      ],
      { status: 'detected', concluded: 'Apache-2.0 AND (Apache-2.0 OR MIT) AND BSD-3-Clause' },
    ],
    [
      "a notice file with the package's licence and its bundled code's licences",
      [declared('MIT')],
      [
        found('a/LICENSE.md', 'MIT', 'exact', { startLine: 1, endLine: 21 }),
        found('a/LICENSE.md', 'ISC', 'high', { startLine: 200, endLine: 210 }),
      ],
      { status: 'confirmed', concluded: 'MIT', detected: ['ISC', 'MIT'] },
    ],
    [
      'medium matches only: a hint, never a conclusion',
      [],
      [found('a/LICENSE', 'BSD-2-Clause', 'medium')],
      { status: 'unknown', detected: [], hints: ['BSD-2-Clause'] },
    ],
    [
      'a medium match never contradicts a declaration',
      [declared('MIT')],
      [found('a/LICENSE', 'MIT-0', 'medium')],
      { status: 'declared', concluded: 'MIT', hints: ['MIT-0'] },
    ],
    [
      'a corrected declaration alone concludes nothing',
      [declared('Apache 2')],
      [],
      { declared: 'Apache-2.0', declaredConfidence: 'medium', status: 'unknown' },
    ],
    [
      'a corrected declaration confirmed by the text',
      [declared('Apache 2')],
      [found('a/LICENSE', 'Apache-2.0')],
      { declaredConfidence: 'medium', status: 'confirmed', concluded: 'Apache-2.0' },
    ],
    [
      'an AI model licence tag on a model card',
      [declared('llama3.1', 'hf-tag')],
      [],
      { declared: 'LicenseRef-llama3.1', status: 'declared', concluded: 'LicenseRef-llama3.1' },
    ],
    [
      'the declared variant decides a text shared by -only and -or-later',
      [declared('GPL-2.0-or-later')],
      [found('a/COPYING', 'GPL-2.0-*', 'exact', { sameText: ['GPL-2.0-or-later', 'GPL-2.0'] })],
      { status: 'confirmed', concluded: 'GPL-2.0-or-later' },
    ],
    [
      'a text shared by -only and -or-later, nothing declared: no conclusion',
      [],
      [found('a/COPYING', 'GPL-2.0-only', 'exact', { sameText: ['GPL-2.0-or-later'] })],
      { status: 'unknown', detected: ['GPL-2.0-only'] },
    ],
    [
      'a classifier and a License field that agree',
      [
        declared('MIT', 'free-text'),
        declared('License :: OSI Approved :: MIT License', 'classifier'),
      ],
      [],
      { declared: 'MIT', concluded: 'MIT' },
    ],
    [
      'declared statements that disagree with each other',
      [declared('MIT'), declared('ISC')],
      [],
      { status: 'unknown', detected: [] },
    ],
    [
      'SEE LICENSE IN <file>: the file decides',
      [declared('SEE LICENSE IN LICENSE.txt')],
      [found('a/LICENSE.txt', 'ISC')],
      { status: 'detected', concluded: 'ISC' },
    ],
  ] as const)('%s', (_name, d, t, expected) => {
    const { license, mismatch } = conclude(d, t);
    expect(license).toMatchObject(expected);
    expect(mismatch).toBeUndefined();
    if (license.concluded === undefined) expect(license.reason).toBeTruthy();
  });

  it('a rider in the licence file joins the declared licence (Apache-2.0 with the Commons Clause)', () => {
    const c = conclude(
      [declared('Apache-2.0')],
      [
        found('a/LICENSE', 'LicenseRef-Commons-Clause', 'high', { startLine: 5, endLine: 5 }),
        found('a/LICENSE', 'Apache-2.0', 'exact', { startLine: 13, endLine: 85 }),
      ],
    );
    expect(c.license).toMatchObject({
      declared: 'Apache-2.0',
      concluded: 'Apache-2.0 AND LicenseRef-Commons-Clause',
      status: 'confirmed',
      category: 'source-available',
    });
    expect(c.license.reason).toMatch(/LicenseRef-Commons-Clause \(a\/LICENSE:5\)/);
    expect(c.mismatch).toBeUndefined();
  });

  it('conditions a grant adds join the declared licence too, and leave its category unknown', () => {
    const c = conclude(
      [declared('MPL-2.0')],
      [
        found('a/LICENSE', 'LicenseRef-Additional-Conditions', 'high', {
          startLine: 5,
          endLine: 5,
        }),
        found('a/LICENSE', 'MPL-2.0', 'high', { startLine: 56, endLine: 58 }),
      ],
    );
    expect(c.license).toMatchObject({
      concluded: 'MPL-2.0 AND LicenseRef-Additional-Conditions',
      status: 'confirmed',
      category: 'unknown',
    });
  });

  it('a rider joins a choice as a whole, and a rider alone confirms nothing', () => {
    const c = conclude(
      [declared('MIT OR Apache-2.0')],
      [found('a/LICENSE', 'LicenseRef-Commons-Clause', 'high')],
    );
    expect(c.license).toMatchObject({
      concluded: '(MIT OR Apache-2.0) AND LicenseRef-Commons-Clause',
      status: 'declared',
      category: 'source-available',
    });
    const mixed = conclude(
      [declared('MIT AND BSD-2-Clause OR Apache-2.0')],
      [found('a/LICENSE', 'LicenseRef-Commons-Clause', 'high')],
    );
    expect(mixed.license.concluded).toBe(
      '(MIT AND BSD-2-Clause OR Apache-2.0) AND LicenseRef-Commons-Clause',
    );
    const exception = conclude(
      [declared('GPL-2.0-only WITH Classpath-exception-2.0')],
      [found('a/LICENSE', 'LicenseRef-Commons-Clause', 'high')],
    );
    expect(exception.license.concluded).toBe(
      'GPL-2.0-only WITH Classpath-exception-2.0 AND LicenseRef-Commons-Clause',
    );
  });

  it('declared MIT, LICENSE is Apache-2.0: mismatch with both sides, nothing concluded', () => {
    const { license, mismatch } = conclude(
      [declared('MIT')],
      [found('node_modules/a/LICENSE', 'Apache-2.0', 'exact', { startLine: 1, endLine: 73 })],
    );
    expect(license).toEqual({
      declared: 'MIT',
      declaredConfidence: 'declared',
      detected: ['Apache-2.0'],
      status: 'mismatch',
      reason:
        'declared MIT but the files say Apache-2.0 (node_modules/a/LICENSE:1-73); nothing concluded',
    });
    expect(mismatch).toEqual({
      declared: [
        { expression: 'MIT', confidence: 'declared', path: 'node_modules/a/package.json', line: 4 },
      ],
      detected: [
        {
          expression: 'Apache-2.0',
          confidence: 'exact',
          path: 'node_modules/a/LICENSE',
          line: 1,
          endLine: 73,
        },
      ],
    });
  });

  it('UNLICENSED (proprietary) with an open licence file is a mismatch', () => {
    const { license, mismatch } = conclude([declared('UNLICENSED')], [found('a/LICENSE', 'MIT')]);
    expect(license.status).toBe('mismatch');
    expect(license.concluded).toBeUndefined();
    expect(mismatch?.detected.map((s) => s.expression)).toEqual(['MIT']);
  });

  it('says when the files were not on disk to look at', () => {
    expect(conclude([declared('MIT')], [], false).license.reason).toMatch(/not on disk/);
    expect(conclude([], [], false).license.reason).toMatch(/not on disk/);
  });
});
