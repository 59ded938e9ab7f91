import { describe, expect, it } from 'vitest';
import { spdxText } from '../../testing/spdx-texts.js';
import { identifyLicenses } from './identify.js';
import { COMMONS_CLAUSE, identifyRiders } from './riders.js';

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
