import { describe, expect, it } from 'vitest';
import { spdxText } from '../../testing/spdx-texts.js';
import { identifyLicenses } from './identify.js';
import { ADDED_CONDITIONS, COMMONS_CLAUSE, identifyRiders } from './riders.js';

// The Commons Clause's own wording (commonsclause.com, "License Condition v1.0").
const CLAUSE = `"Commons Clause" License Condition v1.0

The Software is provided to you by the Licensor under the License, as defined below, subject to
the following condition.

Without limiting other conditions in the License, the grant of rights under the License will not
include, and the License does not grant to you, the right to Sell the Software.

For purposes of the foregoing, "Sell" means practicing any or all of the rights granted to you
under the License to provide to third parties, for a fee or other consideration (including
without limitation fees for hosting or consulting/ support services related to the Software), a
product or service whose value derives, entirely or substantially, from the functionality of the
Software.

Software: Example
License: MIT
Licensor: Example Inc.
`;

function confident(text: string): string[] {
  return identifyLicenses(text)
    .filter((m) => m.confidence !== 'medium')
    .map((m) => m.license);
}

describe('riders: the Commons Clause', () => {
  it('reports the clause next to the unmodified licence text it restricts', () => {
    const found = confident(`${CLAUSE}\n${spdxText('MIT')}`);
    expect(found).toContain('MIT');
    expect(found).toContain(COMMONS_CLAUSE);
    const rider = identifyRiders(CLAUSE)[0];
    expect(rider).toMatchObject({ license: COMMONS_CLAUSE, confidence: 'high', startLine: 6 });
    expect(rider?.reason).toMatch(/right to Sell/);
  });

  it('reads its name attached to a licence in a grant', () => {
    expect(
      confident('This project is licensed under the Apache License 2.0 with Commons Clause.'),
    ).toEqual(['Apache-2.0', COMMONS_CLAUSE]);
  });

  it('finds nothing in a licence without it, or in a mere mention of selling', () => {
    expect(identifyRiders(spdxText('Apache-2.0'))).toEqual([]);
    expect(identifyRiders('You may sell the software and keep the proceeds.')).toEqual([]);
    expect(confident(spdxText('MIT'))).toEqual(['MIT']);
  });
});

describe('riders: conditions a grant adds to the licence it names', () => {
  // Dify's LICENSE: "licensed under the Apache License 2.0, with the following additional
  // conditions:" (a multi-tenant SaaS ban, a logo rule), then the standard Apache header.
  const DIFY = [
    '# Example Open Source License',
    '',
    'The Example project is licensed under the Apache License 2.0, with the following additional conditions:',
    '',
    '1. You may not use the source code to operate a multi-tenant SaaS service.',
    '',
    'Apart from this, all other rights and restrictions follow the Apache License 2.0.',
    '',
    '----------',
    '',
    'Licensed under the Apache License, Version 2.0 (the "License");',
    'you may not use this file except in compliance with the License.',
  ].join('\n');

  it('reports them next to the licence, so the file never reads as that licence alone', () => {
    const found = confident(DIFY);
    expect(found).toContain('Apache-2.0');
    expect(found).toContain(ADDED_CONDITIONS);
    const rider = identifyRiders(DIFY).find((m) => m.license === ADDED_CONDITIONS);
    expect(rider).toMatchObject({ confidence: 'high', startLine: 3, endLine: 3 });
    expect(rider?.reason).toMatch(/with the following additional conditions/);
  });

  it.each([
    'Released under the MIT License with the following additional restrictions:',
    'This code is licensed under the MPL 2.0, subject to these additional terms:',
    'Licensed under GPL-3.0 plus the following additional conditions.',
    'This project is licensed under a modified Mozilla Public License 2.0 with additional restrictions.',
  ])('reads %j', (grant) => {
    expect(identifyRiders(grant).map((m) => m.license)).toEqual([ADDED_CONDITIONS]);
  });

  it.each([
    // The licence's own wording, and conditions that are the licence's.
    spdxText('MIT'),
    'Licensed under the Apache License 2.0. See the additional conditions of the Apache License.',
    'Redistribution and use are permitted provided that the following conditions are met:',
    'You may add additional terms to your modifications (Apache-2.0 section 4).',
  ])('finds none in %j', (text) => {
    expect(identifyRiders(text).filter((m) => m.license === ADDED_CONDITIONS)).toEqual([]);
  });
});

describe('riders: restrictions on use a file states beside a licence', () => {
  it('reports "commercial use is prohibited" after an MIT text, at its line', () => {
    const text = `${spdxText('MIT')}\n\nCommercial use is prohibited.\n`;
    const found = identifyLicenses(text).filter((m) => m.confidence !== 'medium');
    expect(found.map((m) => m.license)).toEqual(['MIT', ADDED_CONDITIONS]);
    const rider = found[1];
    expect(rider?.startLine).toBe(text.split('\n').indexOf('Commercial use is prohibited.') + 1);
    expect(rider?.reason).toMatch(/commercial use is prohibited/);
  });

  it.each([
    'Released under the MIT license. For non-commercial use only.',
    'Licensed under Apache-2.0. For personal and educational purposes only.',
    'The model may be used solely for research purposes. Licensed under Apache-2.0.',
    'Free for non-commercial use. Contact us for a commercial licence.',
    'Commercial use of this software or any derived works is prohibited without prior written permission.',
    'The Software may not be used for commercial purposes.',
    'You may not use this code for any commercial purpose.',
    'MIT License. Not for resale.',
    'You may not sell this software or any part of it.',
    '// For non-commercial\n// use only.',
  ])('reads %j', (text) => {
    expect(identifyRiders(text).map((m) => m.license)).toEqual([ADDED_CONDITIONS]);
  });

  it.each([
    spdxText('MIT'), // "… and/or sell copies of the Software"
    spdxText('Apache-2.0'),
    'This library is free for commercial and non-commercial use.',
    'MIT licensed; free for non-commercial and commercial use.',
    'It can be used commercially; commercial use is permitted.',
    '/* The following are set by configure, for internal use only */',
    'Use this flag for testing purposes only.',
    'There are no restrictions on commercial use.',
  ])('finds none in %j', (text) => {
    expect(identifyRiders(text, identifyLicenses(text))).toEqual([]);
  });

  it('leaves a licence that restricts use itself to say so (its text, or a notice naming it)', () => {
    // The CC BY-NC text restricts commercial use in its own words; a notice naming it and
    // restating "non-commercial use only" adds nothing (and must not turn its conclusion from
    // non-commercial into unknown).
    for (const text of [
      spdxText('CC-BY-NC-4.0'),
      'Licensed under CC BY-NC 4.0: for non-commercial use only.',
      `${spdxText('PolyForm-Noncommercial-1.0.0')}\n\nFor non-commercial use only.`,
    ]) {
      expect(identifyLicenses(text).map((m) => m.license)).not.toContain(ADDED_CONDITIONS);
    }
  });

  it('is not reported again beside the Commons Clause, which restricts selling already', () => {
    const text = `${CLAUSE}\nYou may not sell the Software.\n\n${spdxText('MIT')}`;
    const found = identifyLicenses(text).map((m) => m.license);
    expect(found).toContain(COMMONS_CLAUSE);
    expect(found).not.toContain(ADDED_CONDITIONS);
  });
});

describe('riders: restrictions in a Debian machine-readable copyright file', () => {
  const header = 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n';
  it("reads none in a License field's text, even one openvet does not recognise", () => {
    // Vim's copy of the Open Publication License describes its options.
    const text = `${header}\nFiles: doc/*\nCopyright: 2001 A. Person\nLicense: OPL-1+\n\nLicense: OPL-1+\n VI. LICENSE OPTIONS\n .\n B. To prohibit any publication of this work or derivative works in whole or in\n part in standard (paper) book form for commercial purposes is prohibited unless\n prior permission is obtained from the copyright holder.\n`;
    expect(identifyRiders(text)).toEqual([]);
  });

  it('reads one the packager states outside the licence texts', () => {
    const text = `${header}\nFiles: *\nCopyright: 2001 A. Person\nLicense: Expat\nComment: Commercial use is prohibited.\n`;
    expect(identifyRiders(text)).toMatchObject([{ license: ADDED_CONDITIONS, startLine: 6 }]);
  });
});
