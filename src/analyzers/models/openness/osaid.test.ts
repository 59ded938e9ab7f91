import { describe, expect, it } from 'vitest';
import { evaluateMof } from './evaluate.js';
import { osaidVerdict } from './osaid.js';
import type { MofDeclaration, OpennessMode } from './types.js';

/** Everything the OSAID asks for, under open licences. */
const OPEN: Readonly<Record<string, string>> = {
  'Data card': 'CC-BY-4.0',
  'Technical report': 'CC-BY-4.0',
  'Data preprocessing code': 'Apache-2.0',
  'Training code': 'Apache-2.0',
  'Inference code': 'Apache-2.0',
  'Model architecture': 'Apache-2.0',
  'Model parameters (Final)': 'Apache-2.0',
};

function verdict(
  components: Readonly<Record<string, string | null>>,
  mode: OpennessMode = 'declaration',
) {
  const decl: MofDeclaration = {
    name: 'm',
    license: {},
    components: Object.entries(components).map(([name, license]) =>
      license === null ? { name } : { name, license },
    ),
  };
  return osaidVerdict(evaluateMof(decl, { mode }), mode);
}

function without(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(OPEN).filter(([n]) => n !== name));
}

describe('osaidVerdict', () => {
  it('is open source AI when data information, code and parameters are all open', () => {
    const result = verdict(OPEN);
    expect(result.verdict).toBe('open-source-ai');
    expect(result.reasons.map((r) => [r.requirement, r.status])).toEqual([
      ['data-information', 'met'],
      ['code', 'met'],
      ['parameters', 'met'],
    ]);
  });

  it('needs no training datasets themselves, and takes a research paper for the report', () => {
    const result = verdict({ ...without('Technical report'), 'Research paper': 'CC-BY-4.0' });
    expect(result.verdict).toBe('open-source-ai');
  });

  it.each([
    [
      'weights under a custom licence',
      { ...OPEN, 'Model parameters (Final)': 'Llama 3.1 Community License' },
      'parameters',
      /Model parameters \(Final\) is under Llama 3\.1 Community License, not open terms/,
    ],
    [
      'training code under a licence that is open but not OSI-approved',
      { ...OPEN, 'Training code': 'CC-BY-4.0' },
      'code',
      /Training code is under CC-BY-4\.0, not an OSI-approved licence/,
    ],
    [
      'supporting libraries declared under a non-OSI licence',
      { ...OPEN, 'Supporting libraries and tools': 'CC-BY-NC-4.0' },
      'code',
      /Supporting libraries and tools is under CC-BY-NC-4\.0/,
    ],
    [
      'inference code not released',
      without('Inference code'),
      'code',
      /Inference code is not released/,
    ],
    [
      'a data card without a licence',
      { ...OPEN, 'Data card': 'unlicensed' },
      'data-information',
      /Data card is released without a licence/,
    ],
    [
      'neither technical report nor research paper',
      without('Technical report'),
      'data-information',
      /Technical report is not released, and Research paper is not released/,
    ],
  ])('is not open source AI with %s', (_label, components, requirement, message) => {
    const result = verdict(components);
    expect(result.verdict).toBe('not-open-source-ai');
    const reason = result.reasons.find((r) => r.requirement === requirement);
    expect(reason?.status).toBe('not-met');
    expect(reason?.message).toMatch(message);
    expect(result.reasons.filter((r) => r.status === 'not-met')).toHaveLength(1);
  });

  it('says insufficient evidence when a scan did not see a component', () => {
    const result = verdict(without('Training code'), 'evidence');
    expect(result.verdict).toBe('insufficient-evidence');
    const code = result.reasons.find((r) => r.requirement === 'code');
    expect(code).toMatchObject({ status: 'unknown' });
    expect(code?.message).toMatch(/Training code was not found/);
  });

  it('still says not open source AI on evidence when something seen is closed', () => {
    const result = verdict(
      { ...without('Training code'), 'Model parameters (Final)': 'CC-BY-NC-4.0' },
      'evidence',
    );
    expect(result.verdict).toBe('not-open-source-ai');
  });
});
