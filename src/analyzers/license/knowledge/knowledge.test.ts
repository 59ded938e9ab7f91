import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AI_LICENSES } from './ai-licenses.js';
import { COMMONS_CLAUSE } from '../riders.js';
import { allKnowledge, categoryOf, knowledgeOf, LICENSE_CATEGORIES } from './index.js';
import { SPDX_CATEGORY_TABLES, UNKNOWN_REASONS } from './spdx-categories.js';
import { SPDX_TERM_ALIASES, SPDX_TERMS } from './spdx-terms.js';
import type { LicenseTerms } from './types.js';

const spdxList = createRequire(import.meta.url)('spdx-license-list') as Record<
  string,
  { osiApproved: boolean }
>;
const spdxIds = Object.keys(spdxList).sort();

const TERM_KEYS: readonly (keyof LicenseTerms)[] = [
  'attribution',
  'noticeFile',
  'sourceDisclosure',
  'sameLicense',
  'patentGrant',
  'commercialUse',
  'userThreshold',
  'useRestrictions',
  'derivativeNaming',
  'outputRestrictions',
];

function expectClauses(terms: LicenseTerms): void {
  for (const key of TERM_KEYS) {
    expect(terms[key].clause.trim(), key).not.toBe('');
  }
}

describe('SPDX coverage', () => {
  it.each(spdxIds)('%s has an entry with a category', (id) => {
    const entry = knowledgeOf(id);
    expect(entry?.id).toBe(id);
    expect(LICENSE_CATEGORIES).toContain(entry?.category);
    if (entry?.category === 'unknown') expect(entry.note).toBeTruthy();
  });

  it('lists each id in at most one table, and only ids that exist', () => {
    const seen = new Map<string, string>();
    for (const [category, ids] of SPDX_CATEGORY_TABLES) {
      for (const id of ids) {
        expect(seen.get(id), `${id} listed twice`).toBeUndefined();
        seen.set(id, category);
        expect(spdxList[id], `${id} not in spdx-license-list`).toBeDefined();
      }
    }
  });

  it('leaves no non-OSI id to the fallback (each one is categorised by hand)', () => {
    const listed = new Set(SPDX_CATEGORY_TABLES.flatMap(([, ids]) => ids));
    const unlisted = spdxIds.filter((id) => !listed.has(id) && !spdxList[id]?.osiApproved);
    expect(unlisted).toEqual([]);
  });

  it('gives a reason for every unknown', () => {
    for (const entry of allKnowledge().filter((e) => e.category === 'unknown')) {
      expect(UNKNOWN_REASONS[entry.id] ?? entry.note, entry.id).toBeTruthy();
    }
  });

  it('uses the OSI rule only for OSI-approved ids', () => {
    for (const entry of allKnowledge().filter((e) => e.basis === 'osi-rule')) {
      expect(entry.osiApproved, entry.id).toBe(true);
      expect(entry.category).toBe('permissive');
    }
  });
});

describe('SPDX terms', () => {
  it.each(Object.keys(SPDX_TERMS))('%s has all terms with clauses', (id) => {
    expect(spdxList[id], `${id} is an SPDX id`).toBeDefined();
    const terms = knowledgeOf(id)?.terms;
    expect(terms).toBeDefined();
    if (terms) expectClauses(terms);
  });

  it.each(Object.entries(SPDX_TERM_ALIASES))(
    'deprecated %s shares the terms of %s',
    (alias, current) => {
      expect(knowledgeOf(alias)?.terms).toBe(knowledgeOf(current)?.terms);
      expect(knowledgeOf(alias)?.category).toBe(knowledgeOf(current)?.category);
    },
  );

  it('covers at least 40 licences with full terms', () => {
    expect(allKnowledge().filter((e) => e.terms !== undefined).length).toBeGreaterThanOrEqual(40);
  });
});

describe('AI licences', () => {
  const withTerms = AI_LICENSES.filter((e) => e.terms !== undefined);

  it.each(withTerms.map((e) => e.id))('%s has all terms with clauses', (id) => {
    const terms = knowledgeOf(id)?.terms;
    expect(terms).toBeDefined();
    if (terms) expectClauses(terms);
  });

  it.each(AI_LICENSES.map((e) => e.id))('%s is a LicenseRef with a category', (id) => {
    expect(id).toMatch(/^LicenseRef-[a-z0-9.+-]+$/);
    expect(knowledgeOf(id)?.category).not.toBe('unknown');
  });

  it('explains every AI licence without terms or with unverified terms', () => {
    for (const entry of AI_LICENSES.filter(
      (e) => e.terms === undefined || e.termsVerified === false,
    )) {
      expect(entry.note, entry.id).toMatch(/not in the corpus/);
    }
  });

  it.each([
    'LicenseRef-llama2',
    'LicenseRef-llama3',
    'LicenseRef-llama3.1',
    'LicenseRef-llama3.2',
    'LicenseRef-llama3.3',
    'LicenseRef-llama4',
    'LicenseRef-gemma',
    'LicenseRef-creativeml-openrail-m',
    'LicenseRef-openrail++',
    'LicenseRef-bigscience-openrail-m',
    'LicenseRef-bigscience-bloom-rail-1.0',
    'LicenseRef-bigcode-openrail-m',
    'LicenseRef-deepseek',
    'LicenseRef-tongyi-qianwen',
    'LicenseRef-tongyi-qianwen-research',
  ])('%s has terms whose use restrictions are stated', (id) => {
    const terms = knowledgeOf(id)?.terms;
    expect(terms?.useRestrictions.value.restrictions.length).toBeGreaterThan(0);
  });
});

describe('spot checks', () => {
  it.each([
    ['GPL-3.0-only', 'strong-copyleft'],
    ['GPL-2.0-or-later', 'strong-copyleft'],
    ['AGPL-3.0-only', 'network-copyleft'],
    ['LGPL-2.1-only', 'weak-copyleft'],
    ['MPL-2.0', 'weak-copyleft'],
    ['MIT', 'permissive'],
    ['0BSD', 'permissive'],
    ['Apache-2.0', 'permissive'],
    ['CC0-1.0', 'public-domain'],
    ['Unlicense', 'public-domain'],
    ['CC-BY-NC-4.0', 'non-commercial'],
    ['SSPL-1.0', 'source-available'],
    ['BUSL-1.1', 'source-available'],
    ['LicenseRef-llama3.1', 'ai-use-restricted'],
    ['LicenseRef-tongyi-qianwen-research', 'non-commercial'],
  ] as const)('%s is %s', (id, category) => {
    expect(knowledgeOf(id)?.category).toBe(category);
  });

  it('GPL-3.0-only requires source disclosure of the whole work', () => {
    const terms = knowledgeOf('GPL-3.0-only')?.terms;
    expect(terms?.sourceDisclosure).toMatchObject({ value: true, scope: 'work' });
    expect(terms?.sourceDisclosure.clause).toMatch(/§6/);
  });

  it('AGPL-3.0-only discloses source to network users', () => {
    expect(knowledgeOf('AGPL-3.0-only')?.terms?.sourceDisclosure).toMatchObject({
      value: true,
      scope: 'network',
    });
  });

  it('knows the Commons Clause the rider rules report: source-available, no selling, passed on', () => {
    const entry = knowledgeOf(COMMONS_CLAUSE);
    expect(entry?.category).toBe('source-available');
    expect(entry?.terms?.commercialUse.value).toBe('conditional');
    expect(entry?.terms?.commercialUse.clause).toMatch(/right to Sell the Software/);
    expect(entry?.terms?.useRestrictions.value.passDownstream).toBe(true);
    expect(allKnowledge().filter((k) => k.id === COMMONS_CLAUSE)).toHaveLength(1);
  });

  it('CC-BY-NC-4.0 forbids commercial use', () => {
    expect(knowledgeOf('CC-BY-NC-4.0')?.terms?.commercialUse.value).toBe('forbidden');
  });

  it('MIT is permissive with attribution', () => {
    const entry = knowledgeOf('MIT');
    expect(entry?.category).toBe('permissive');
    expect(entry?.terms?.attribution.value).toBe(true);
  });

  it('Apache-2.0 has a NOTICE file and a patent grant', () => {
    const terms = knowledgeOf('Apache-2.0')?.terms;
    expect(terms?.noticeFile.value).toBe(true);
    expect(terms?.patentGrant.value).toBe(true);
  });

  it.each([
    'LicenseRef-llama2',
    'LicenseRef-llama3',
    'LicenseRef-llama3.1',
    'LicenseRef-llama3.2',
    'LicenseRef-llama3.3',
    'LicenseRef-llama4',
  ])('%s has the 700M MAU threshold', (id) => {
    expect(knowledgeOf(id)?.terms?.userThreshold.value).toEqual({
      count: 700_000_000,
      unit: 'monthly-active-users',
    });
  });

  it.each([
    ['LicenseRef-llama2', false, true],
    ['LicenseRef-llama3', true, true],
    ['LicenseRef-llama3.1', true, false],
    ['LicenseRef-llama3.2', true, false],
    ['LicenseRef-llama3.3', true, false],
    ['LicenseRef-llama4', true, false],
  ] as const)('%s: naming rule %s, output restriction %s', (id, naming, outputs) => {
    const terms = knowledgeOf(id)?.terms;
    expect(terms?.derivativeNaming.value !== null).toBe(naming);
    expect(terms?.outputRestrictions.value !== null).toBe(outputs);
  });

  it('Llama 3.1+ asks for "Built with Llama", Llama 3 for "Built with Meta Llama 3"', () => {
    expect(knowledgeOf('LicenseRef-llama3.1')?.terms?.attribution.clause).toMatch(
      /Built with Llama/,
    );
    expect(knowledgeOf('LicenseRef-llama3')?.terms?.attribution.clause).toMatch(
      /Built with Meta Llama 3/,
    );
  });

  it('Llama 3.2 and 4 carry the EU multimodal restriction; 3.1 does not', () => {
    const eu = (id: string) =>
      knowledgeOf(id)?.terms?.useRestrictions.value.restrictions.some((r) =>
        r.includes('European Union'),
      );
    expect(eu('LicenseRef-llama3.2')).toBe(true);
    expect(eu('LicenseRef-llama4')).toBe(true);
    expect(eu('LicenseRef-llama3.1')).toBe(false);
  });

  it('OpenRAIL use restrictions must be passed downstream', () => {
    const terms = knowledgeOf('LicenseRef-creativeml-openrail-m')?.terms;
    expect(terms?.useRestrictions.value.passDownstream).toBe(true);
    expect(terms?.useRestrictions.clause).toMatch(/Attachment A/);
  });

  it('Tongyi Qianwen has a 100M MAU threshold for commercial use', () => {
    const terms = knowledgeOf('LicenseRef-tongyi-qianwen')?.terms;
    expect(terms?.commercialUse.value).toBe('conditional');
    expect(terms?.userThreshold.value?.count).toBe(100_000_000);
  });

  it.each([
    ['LicenseRef-llama2-aup', false],
    ['LicenseRef-llama3-aup', false],
    ['LicenseRef-llama3.1-aup', false],
    ['LicenseRef-llama3.2-aup', true],
    ['LicenseRef-llama3.3-aup', true],
    ['LicenseRef-llama4-aup', true],
  ] as const)('%s is a use-restricted policy passed downstream (EU clause: %s)', (id, eu) => {
    const entry = knowledgeOf(id);
    expect(entry?.category).toBe('ai-use-restricted');
    const restrictions = entry?.terms?.useRestrictions.value;
    expect(restrictions?.passDownstream).toBe(true);
    expect(restrictions?.restrictions.some((r) => r.includes('European Union'))).toBe(eu);
    expect(entry?.terms?.useRestrictions.clause).toMatch(/Prohibited Uses/);
  });

  it('DeepSeek forbids military use', () => {
    expect(knowledgeOf('LicenseRef-deepseek')?.terms?.useRestrictions.value.restrictions).toContain(
      'military use in any way',
    );
  });
});

describe('lookup', () => {
  it.each([
    ['mit', 'MIT'],
    ['apache-2.0', 'Apache-2.0'],
    ['licenseref-llama3.1', 'LicenseRef-llama3.1'],
    ['LicenseRef-falcon', 'LicenseRef-falcon-llm-license'],
    ['LicenseRef-mistral-research', 'LicenseRef-mrl'],
  ])('knowledgeOf(%s) → %s', (input, id) => {
    expect(knowledgeOf(input)?.id).toBe(id);
  });

  it('returns undefined for an id it does not know', () => {
    expect(knowledgeOf('Not-A-License')).toBeUndefined();
  });

  it.each([
    ['MIT', 'permissive'],
    [' GPL-2.0-only ', 'strong-copyleft'],
    ['(Apache-2.0)', 'permissive'],
    ['GPL-2.0-only WITH Classpath-exception-2.0', 'strong-copyleft'],
    ['LGPL-2.1+', 'weak-copyleft'],
    ['EPL-1.0+', 'weak-copyleft'],
    // A choice is as open as its most open alternative (the user may take it); licences that
    // all apply are as restrictive as the most restrictive of them.
    ['MIT OR Apache-2.0', 'permissive'],
    ['GPL-2.0-only OR MIT', 'permissive'],
    ['MIT AND GPL-3.0-only', 'strong-copyleft'],
    ['Apache-2.0 AND LicenseRef-Commons-Clause', 'source-available'],
    ['(MIT OR GPL-2.0-only) AND AGPL-3.0-only', 'network-copyleft'],
    ['MIT AND LicenseRef-not-known', 'unknown'],
    ['MIT OR LicenseRef-not-known', 'permissive'],
    ['MIT OR Not-A-License', 'unknown'], // not SPDX: read as one id, which is unknown
    ['Not-A-License', 'unknown'],
    ['LicenseRef-gemma', 'ai-use-restricted'],
  ] as const)('categoryOf(%j) → %s', (expression, category) => {
    expect(categoryOf(expression)).toBe(category);
  });
});
