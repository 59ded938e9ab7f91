import { describe, expect, it } from 'vitest';
import { fromPackageJson, MAX_INPUT_LENGTH, parseDeclared, type DeclaredLicense } from './index.js';

const FAMILY =
  'names a licence family without saying which version or variant; spdx-correct would guess';
const SEVERAL =
  'names several licences with no operator between them; whether one may choose (OR) or must comply with all (AND) is not stated';

function declared(expression: string, ids: string[]): DeclaredLicense {
  return { expression, ids, confidence: 'declared' };
}
function medium(from: string, to: string, ids: string[]): DeclaredLicense {
  return { expression: to, ids, confidence: 'medium', corrected: { from, to } };
}
function unknown(
  value: string,
  reason: string,
  extra: Partial<DeclaredLicense> = {},
): DeclaredLicense {
  return { ids: [], confidence: 'declared', unknown: value, reason, ...extra };
}
function family(value: string, guess: string): DeclaredLicense {
  return unknown(value, `"${value}" ${FAMILY} ${guess}, which the source does not state`);
}

describe('parseDeclared: valid SPDX expressions', () => {
  it.each<[string, DeclaredLicense]>([
    ['MIT', declared('MIT', ['MIT'])],
    ['  MIT  ', declared('MIT', ['MIT'])],
    ['mit', declared('MIT', ['MIT'])],
    ['apache-2.0', declared('Apache-2.0', ['Apache-2.0'])],
    ['bsd-3-clause', declared('BSD-3-Clause', ['BSD-3-Clause'])],
    ['0bsd', declared('0BSD', ['0BSD'])],
    ['MIT OR Apache-2.0', declared('MIT OR Apache-2.0', ['Apache-2.0', 'MIT'])],
    ['apache-2.0 or mit', declared('Apache-2.0 OR MIT', ['Apache-2.0', 'MIT'])],
    ['MIT and ISC', declared('MIT AND ISC', ['ISC', 'MIT'])],
    ['(MIT OR Apache-2.0)', declared('MIT OR Apache-2.0', ['Apache-2.0', 'MIT'])],
    ['((MIT))', declared('MIT', ['MIT'])],
    // Exceptions newer than the parser's list (spdx-exceptions), and a deprecated one.
    [
      'gpl-2.0-or-later with sqlitestudio-openssl-exception or MIT',
      declared('GPL-2.0-or-later WITH sqlitestudio-OpenSSL-exception OR MIT', [
        'GPL-2.0-or-later',
        'MIT',
      ]),
    ],
    [
      'MPL-2.0 WITH romic-exception AND LGPL-2.1-only WITH Classpath-exception-2.0',
      declared('MPL-2.0 WITH romic-exception AND LGPL-2.1-only WITH Classpath-exception-2.0', [
        'LGPL-2.1-only',
        'MPL-2.0',
      ]),
    ],
    [
      'LGPL-2.1-only WITH Nokia-Qt-exception-1.1',
      declared('LGPL-2.1-only WITH Nokia-Qt-exception-1.1', ['LGPL-2.1-only']),
    ],
    [
      '(MIT OR Apache-2.0) AND BSD-3-Clause',
      declared('(MIT OR Apache-2.0) AND BSD-3-Clause', ['Apache-2.0', 'BSD-3-Clause', 'MIT']),
    ],
    [
      'MIT AND (Apache-2.0 OR BSD-3-Clause)',
      declared('MIT AND (Apache-2.0 OR BSD-3-Clause)', ['Apache-2.0', 'BSD-3-Clause', 'MIT']),
    ],
    [
      'MIT OR (Apache-2.0 AND ISC)',
      declared('MIT OR Apache-2.0 AND ISC', ['Apache-2.0', 'ISC', 'MIT']),
    ],
    [
      'MIT OR Apache-2.0 OR ISC',
      declared('MIT OR Apache-2.0 OR ISC', ['Apache-2.0', 'ISC', 'MIT']),
    ],
    [
      '(MIT OR ISC) AND (Zlib OR BSD-2-Clause)',
      declared('(MIT OR ISC) AND (Zlib OR BSD-2-Clause)', ['BSD-2-Clause', 'ISC', 'MIT', 'Zlib']),
    ],
    [
      'GPL-2.0-or-later WITH Classpath-exception-2.0',
      declared('GPL-2.0-or-later WITH Classpath-exception-2.0', ['GPL-2.0-or-later']),
    ],
    [
      'gpl-2.0-or-later with classpath-exception-2.0',
      declared('GPL-2.0-or-later WITH Classpath-exception-2.0', ['GPL-2.0-or-later']),
    ],
    ['Apache-2.0 WITH LLVM-exception', declared('Apache-2.0 WITH LLVM-exception', ['Apache-2.0'])],
    ['Apache-2.0+', declared('Apache-2.0+', ['Apache-2.0'])],
    // Deprecated ids are valid SPDX and kept as the source wrote them.
    ['GPL-2.0', declared('GPL-2.0', ['GPL-2.0'])],
    ['GPL-2.0+', declared('GPL-2.0+', ['GPL-2.0'])],
    ['AGPL-3.0', declared('AGPL-3.0', ['AGPL-3.0'])],
    ['LicenseRef-Foo', declared('LicenseRef-Foo', ['LicenseRef-Foo'])],
    ['licenseref-foo', declared('LicenseRef-foo', ['LicenseRef-foo'])],
    [
      'MIT OR LicenseRef-proprietary',
      declared('MIT OR LicenseRef-proprietary', ['LicenseRef-proprietary', 'MIT']),
    ],
    [
      'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2',
      declared('DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2', [
        'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2',
      ]),
    ],
    ['CC-BY-4.0', declared('CC-BY-4.0', ['CC-BY-4.0'])],
    [
      'BSD-3-Clause-Attribution',
      declared('BSD-3-Clause-Attribution', ['BSD-3-Clause-Attribution']),
    ],
    ['MIT OR MIT', declared('MIT OR MIT', ['MIT'])],
  ])('%j', (value, expected) => {
    expect(parseDeclared({ value, kind: 'spdx-field' })).toEqual(expected);
  });

  it('reads License-Expression (PEP 639) and free text the same way when they are SPDX', () => {
    expect(parseDeclared({ value: 'BSD-3-Clause OR MIT', kind: 'free-text' })).toEqual(
      declared('BSD-3-Clause OR MIT', ['BSD-3-Clause', 'MIT']),
    );
  });
});

describe('parseDeclared: misspellings corrected only at medium confidence', () => {
  it.each<[string, DeclaredLicense]>([
    ['Apache 2', medium('Apache 2', 'Apache-2.0', ['Apache-2.0'])],
    ['Apache 2.0', medium('Apache 2.0', 'Apache-2.0', ['Apache-2.0'])],
    ['Apache License 2.0', medium('Apache License 2.0', 'Apache-2.0', ['Apache-2.0'])],
    [
      'Apache License, Version 2.0',
      medium('Apache License, Version 2.0', 'Apache-2.0', ['Apache-2.0']),
    ],
    ['MIT License', medium('MIT License', 'MIT', ['MIT'])],
    ['The MIT Licence', medium('The MIT Licence', 'MIT', ['MIT'])],
    ['ISC License', medium('ISC License', 'ISC', ['ISC'])],
    // spdx-correct reads "GPLv3" as -or-later; nothing in it says "or later".
    ['GPLv3', medium('GPLv3', 'GPL-3.0-only', ['GPL-3.0-only'])],
    ['GPLv3+', medium('GPLv3+', 'GPL-3.0-or-later', ['GPL-3.0-or-later'])],
    ['GPLv2', medium('GPLv2', 'GPL-2.0-only', ['GPL-2.0-only'])],
    ['GPL v2', medium('GPL v2', 'GPL-2.0-only', ['GPL-2.0-only'])],
    ['GPLv2 or later', medium('GPLv2 or later', 'GPL-2.0-or-later', ['GPL-2.0-or-later'])],
    ['GPL-2.0 or later', medium('GPL-2.0 or later', 'GPL-2.0-or-later', ['GPL-2.0-or-later'])],
    [
      'GNU General Public License v3 (GPLv3)',
      medium('GNU General Public License v3 (GPLv3)', 'GPL-3.0-only', ['GPL-3.0-only']),
    ],
    ['AGPLv3', medium('AGPLv3', 'AGPL-3.0-only', ['AGPL-3.0-only'])],
    ['LGPLv2+', medium('LGPLv2+', 'LGPL-2.0-or-later', ['LGPL-2.0-or-later'])],
    ['LGPLv3', medium('LGPLv3', 'LGPL-3.0-only', ['LGPL-3.0-only'])],
    ['GNU LGPL v2.1', medium('GNU LGPL v2.1', 'LGPL-2.1-only', ['LGPL-2.1-only'])],
    ['MPL 2.0', medium('MPL 2.0', 'MPL-2.0', ['MPL-2.0'])],
    ['EPL 2.0', medium('EPL 2.0', 'EPL-2.0', ['EPL-2.0'])],
    // Maven's usual names; spdx-correct answers EPL-1.0 for both (the ".0" is no shared version).
    [
      'Eclipse Public License - v 2.0',
      medium('Eclipse Public License - v 2.0', 'EPL-2.0', ['EPL-2.0']),
    ],
    ['Eclipse Public License v2.0', medium('Eclipse Public License v2.0', 'EPL-2.0', ['EPL-2.0'])],
    [
      'Eclipse Public License - v 1.0',
      medium('Eclipse Public License - v 1.0', 'EPL-1.0', ['EPL-1.0']),
    ],
    ['CC BY 4.0', medium('CC BY 4.0', 'CC-BY-4.0', ['CC-BY-4.0'])],
    ['CC0', medium('CC0', 'CC0-1.0', ['CC0-1.0'])],
    ['BSD 3-Clause', medium('BSD 3-Clause', 'BSD-3-Clause', ['BSD-3-Clause'])],
    ['new BSD', medium('new BSD', 'BSD-3-Clause', ['BSD-3-Clause'])],
    ['Simplified BSD', medium('Simplified BSD', 'BSD-2-Clause', ['BSD-2-Clause'])],
    ['zlib/libpng', medium('zlib/libpng', 'Zlib', ['Zlib'])],
    // Cargo's legacy slash form, and short combinations of misspelt names.
    ['MIT/Apache-2.0', medium('MIT/Apache-2.0', 'MIT OR Apache-2.0', ['Apache-2.0', 'MIT'])],
    [
      'MIT / Apache-2.0 / ISC',
      medium('MIT / Apache-2.0 / ISC', 'MIT OR Apache-2.0 OR ISC', ['Apache-2.0', 'ISC', 'MIT']),
    ],
    ['MIT or Apache 2', medium('MIT or Apache 2', 'MIT OR Apache-2.0', ['Apache-2.0', 'MIT'])],
    [
      'MIT or GPLv2 or later',
      medium('MIT or GPLv2 or later', 'MIT OR GPL-2.0-or-later', ['GPL-2.0-or-later', 'MIT']),
    ],
    [
      'Apache 2.0 and MIT License',
      medium('Apache 2.0 and MIT License', 'Apache-2.0 AND MIT', ['Apache-2.0', 'MIT']),
    ],
  ])('%j', (value, expected) => {
    expect(parseDeclared({ value, kind: 'free-text' })).toEqual(expected);
  });
});

describe('parseDeclared: ambiguous names get no id, never a guess', () => {
  it.each<[string, DeclaredLicense]>([
    ['BSD', family('BSD', 'BSD-2-Clause')],
    ['BSD License', family('BSD License', 'BSD-2-Clause')],
    ['BSD-like', family('BSD-like', 'BSD-2-Clause')],
    ['GPL', family('GPL', 'GPL-3.0-or-later')],
    ['GNU GPL', family('GNU GPL', 'GPL-3.0-or-later')],
    ['LGPL', family('LGPL', 'LGPL-3.0-or-later')],
    ['AGPL', family('AGPL', 'AGPL-3.0-or-later')],
    ['Apache', family('Apache', 'Apache-2.0')],
    ['Apache Software License', family('Apache Software License', 'Apache-2.0')],
    ['MPL', family('MPL', 'MPL-2.0')],
    ['Artistic', family('Artistic', 'Artistic-2.0')],
    ['MIT/GPL', family('MIT/GPL', 'GPL-3.0-or-later')],
    [
      'MIT and BSD',
      unknown('MIT and BSD', `"BSD" ${FAMILY} BSD-2-Clause, which the source does not state`),
    ],
    [
      'BSD and GPL',
      unknown(
        'BSD and GPL',
        `"BSD" ${FAMILY} BSD-2-Clause, which the source does not state; "GPL" ${FAMILY} GPL-3.0-or-later, which the source does not state`,
      ),
    ],
    // Several ids with no operator: which combination (OR, AND) is not stated, and correcting
    // the string as one name would keep one of them and drop the rest.
    ...['MIT Apache-2.0', 'MIT, Apache-2.0', 'GPL-2.0+ BSD-3-Clause'].map(
      (value): [string, DeclaredLicense] => [value, unknown(value, SEVERAL)],
    ),
  ])('%j', (value, expected) => {
    expect(parseDeclared({ value, kind: 'free-text' })).toEqual(expected);
  });
});

describe('parseDeclared: unknowns and markers', () => {
  const NOT_SPDX = 'not an SPDX expression, and no correction is certain enough to offer';
  const PARTS = 'not an SPDX expression, and its parts cannot all be corrected with certainty';
  it.each<[string, DeclaredLicense]>([
    ['', unknown('', 'the licence value is empty')],
    ['   ', unknown('', 'the licence value is empty')],
    ['UNKNOWN', unknown('UNKNOWN', 'the source states no licence')],
    ['NOASSERTION', unknown('NOASSERTION', 'the source states no licence')],
    ['NONE', unknown('NONE', 'the source states no licence')],
    [
      'UNLICENSED',
      unknown(
        'UNLICENSED',
        'proprietary: UNLICENSED means the package grants no licence to use it (not the Unlicense)',
      ),
    ],
    ['Proprietary', unknown('Proprietary', 'proprietary: no open-source licence is granted')],
    [
      'Public Domain',
      unknown('Public Domain', 'public domain is a status, not a licence; no SPDX id states it'),
    ],
    [
      'SEE LICENSE IN LICENSE.md',
      unknown(
        'SEE LICENSE IN LICENSE.md',
        'the licence is in the file LICENSE.md, not stated here',
        { file: 'LICENSE.md' },
      ),
    ],
    [
      'SEE LICENSE IN ./docs/EULA.txt',
      unknown(
        'SEE LICENSE IN ./docs/EULA.txt',
        'the licence is in the file ./docs/EULA.txt, not stated here',
        { file: './docs/EULA.txt' },
      ),
    ],
    [
      'see license in COPYING',
      unknown('see license in COPYING', 'the licence is in the file COPYING, not stated here', {
        file: 'COPYING',
      }),
    ],
    ['Dual License', unknown('Dual License', NOT_SPDX)],
    ['Python', unknown('Python', NOT_SPDX)],
    ['CC-BY-NC', unknown('CC-BY-NC', NOT_SPDX)],
    ['MIT OR', unknown('MIT OR', PARTS)],
    ['GPL-2.0-only WITH', unknown('GPL-2.0-only WITH', PARTS)],
    ['mit with foo', unknown('mit with foo', PARTS)],
    ['Apache 2.0 and MIT or BSD', unknown('Apache 2.0 and MIT or BSD', PARTS)],
    ['MIT; rm -rf /', unknown('MIT; rm -rf /', NOT_SPDX)],
    [
      'Permission is hereby granted, free of charge, to any person obtaining a copy\nof this software',
      unknown(
        'Permission is hereby granted, free of charge, to any person obtaining a copy\nof …',
        'looks like licence text, not a licence name; identify it with the text matcher',
      ),
    ],
  ])('%j', (value, expected) => {
    expect(parseDeclared({ value, kind: 'free-text' })).toEqual(expected);
  });

  it('bounds input length', () => {
    const value = 'x'.repeat(MAX_INPUT_LENGTH + 1);
    expect(parseDeclared({ value, kind: 'spdx-field' })).toEqual(
      unknown(
        `${'x'.repeat(80)}…`,
        'the statement is longer than 10000 characters; too long to be a licence name or expression',
      ),
    );
  });

  it('refuses hostile nesting and very long expressions without throwing', () => {
    const nested = `${'('.repeat(2000)}MIT${')'.repeat(2000)}`;
    expect(parseDeclared({ value: nested, kind: 'spdx-field' }).ids).toEqual([]);
    const shallow = `${'('.repeat(30)}MIT${')'.repeat(30)}`;
    expect(parseDeclared({ value: shallow, kind: 'spdx-field' }).expression).toBe('MIT');
    const long = Array.from({ length: 400 }, () => 'MIT').join(' OR ');
    expect(parseDeclared({ value: long, kind: 'spdx-field' }).ids).toEqual([]);
  });

  it('treats a non-string value as unknown', () => {
    expect(parseDeclared({ value: 42 as unknown as string, kind: 'spdx-field' })).toEqual(
      unknown('', 'the licence value is not a string'),
    );
  });
});

describe('fromPackageJson', () => {
  const BSD = `"BSD" ${FAMILY} BSD-2-Clause, which the source does not state`;
  it.each<[string, unknown, DeclaredLicense]>([
    ['a string', 'MIT', declared('MIT', ['MIT'])],
    ['an expression', '(MIT OR Apache-2.0)', declared('MIT OR Apache-2.0', ['Apache-2.0', 'MIT'])],
    ['a misspelt string', 'Apache 2', medium('Apache 2', 'Apache-2.0', ['Apache-2.0'])],
    [
      'UNLICENSED',
      'UNLICENSED',
      unknown(
        'UNLICENSED',
        'proprietary: UNLICENSED means the package grants no licence to use it (not the Unlicense)',
      ),
    ],
    [
      'SEE LICENSE IN',
      'SEE LICENSE IN LICENSE',
      unknown('SEE LICENSE IN LICENSE', 'the licence is in the file LICENSE, not stated here', {
        file: 'LICENSE',
      }),
    ],
    [
      'a legacy object',
      { type: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      { ...declared('MIT', ['MIT']), link: 'https://opensource.org/licenses/MIT' },
    ],
    ['a legacy object without url', { type: 'ISC' }, declared('ISC', ['ISC'])],
    ['a legacy object with an ambiguous type', { type: 'BSD' }, unknown('BSD', BSD)],
    [
      'a legacy object without type',
      { url: 'https://x.test/L' },
      unknown('', 'the licence object has no "type" string', { link: 'https://x.test/L' }),
    ],
    ['a one-element array', ['MIT'], declared('MIT', ['MIT'])],
    ['an array of strings', ['MIT', 'GPL-2.0'], declared('MIT OR GPL-2.0', ['GPL-2.0', 'MIT'])],
    [
      'an array of legacy objects',
      [
        { type: 'MIT', url: 'https://x.test/MIT' },
        { type: 'Apache-2.0', url: 'https://x.test/Apache' },
      ],
      declared('MIT OR Apache-2.0', ['Apache-2.0', 'MIT']),
    ],
    [
      'an array with a misspelling',
      [{ type: 'MIT' }, { type: 'Apache 2' }],
      {
        expression: 'MIT OR Apache-2.0',
        ids: ['Apache-2.0', 'MIT'],
        confidence: 'medium',
        corrected: { from: 'MIT OR Apache 2', to: 'MIT OR Apache-2.0' },
      },
    ],
    [
      'an array of compound expressions',
      [{ type: 'MIT OR ISC' }, { type: 'BSD-3-Clause AND Zlib' }],
      declared('MIT OR ISC OR BSD-3-Clause AND Zlib', ['BSD-3-Clause', 'ISC', 'MIT', 'Zlib']),
    ],
    [
      'an array with an unreadable part',
      [{ type: 'BSD' }, 'MIT'],
      {
        ids: ['MIT'],
        confidence: 'declared',
        unknown: 'BSD',
        reason: `the licences are alternatives and not all could be read: ${BSD}`,
      },
    ],
    ['an empty array', [], unknown('', 'the licenses array is empty')],
    ['a number', 42, unknown('', 'the licence value is neither a string, an object nor an array')],
    ['null', null, unknown('', 'the licence value is neither a string, an object nor an array')],
    [
      'a huge array',
      Array.from({ length: 33 }, () => 'MIT'),
      unknown('', 'the licenses array has more than 32 entries'),
    ],
  ])('%s', (_label, value, expected) => {
    expect(fromPackageJson(value)).toEqual(expected);
  });
});
