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
