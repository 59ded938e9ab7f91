import { describe, expect, it } from 'vitest';
import { evaluateMof, isTypeAppropriate, mofOpenBasis } from './evaluate.js';
import { MOF_COMPONENTS } from './mof-data.js';
import type { MofDeclaration, MofDeclaredComponent, MofGlobalSlot } from './types.js';

const REQUIRED = MOF_COMPONENTS.filter((c) => c.required).map((c) => c.name);

function decl(
  components: Readonly<Record<string, string | null>> | readonly string[],
  globals: Partial<Record<MofGlobalSlot, string>> = {},
): MofDeclaration {
  const list: MofDeclaredComponent[] = Array.isArray(components)
    ? components.map((name: string) => ({ name }))
    : Object.entries(components).map(([name, license]) =>
        license === null ? { name } : { name, license },
      );
  return {
    name: 'test-model',
    license: Object.fromEntries(
      Object.entries(globals).map(([slot, name]) => [slot, { name, path: null }]),
    ),
    components: list,
  };
}

function only(names: readonly string[], license = 'Apache-2.0'): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, license]));
}

const CLASS3 = [
  'Model architecture',
  'Model parameters (Final)',
  'Evaluation results',
  'Model card',
  'Data card',
  'Technical report',
];
const CLASS2 = [...CLASS3, 'Training code', 'Inference code', 'Evaluation code', 'Evaluation data'];

describe('evaluateMof', () => {
  it('gives class I when every required component is declared under open licences', () => {
    const result = evaluateMof(decl(REQUIRED, { distribution: 'Apache-2.0' }));
    expect(result.class).toBe('I');
    expect(result.label).toBe('Class I - Open Science Model');
    expect(result.progress).toEqual({ I: 100, II: 100, III: 100 });
    expect(result.components).toHaveLength(17);
  });

  it.each([
    ['class III only', CLASS3, 'III', { I: 0, II: 60, III: 100 }],
    ['class II', CLASS2, 'II', { I: 71, II: 100, III: 100 }],
    // 5 of 6: class III not met, so the MOT shows 0 for II and I whatever they hold.
    [
      'class III short of one',
      [...CLASS2.filter((n) => n !== 'Model card')],
      null,
      { I: 0, II: 0, III: 83 },
    ],
    ['nothing', [], null, { I: 0, II: 0, III: 0 }],
  ] as const)('%s', (_label, names, cls, progress) => {
    const result = evaluateMof(decl(only(names)));
    expect(result.class).toBe(cls);
    expect(result.progress).toEqual(progress);
  });

  it('keeps the exact fractions and rounds half away from zero as PHP does', () => {
    const result = evaluateMof(decl(only(['Model card'])));
    expect(result.progressExact.III).toBe((1 / 6) * 100);
    expect(result.progress.III).toBe(17);
    const two = evaluateMof(decl(only(CLASS3.slice(0, 4))));
    expect(two.progressExact.III).toBe((4 / 6) * 100);
    expect(two.progress.III).toBe(67);
  });

  it('lets the research paper stand in for the technical report (class I needs one fewer)', () => {
    const names = REQUIRED.filter((n) => n !== 'Technical report');
    const result = evaluateMof(decl(only(names)));
    expect(result.class).toBe('I');
    expect(result.progressExact).toEqual({ I: 100, II: 100, III: 100 });
    const report = result.components.find((c) => c.key === 'technical-report');
    expect(report?.status).toBe('substituted');
    expect(report?.present).toBe(false);
  });

  it('lets the research paper stand in for a technical report that is not open', () => {
    const result = evaluateMof(
      decl({ ...only(CLASS3), 'Technical report': 'CC-BY-NC-4.0', 'Research paper': 'CC-BY-4.0' }),
    );
    expect(result.class).toBe('III');
    const report = result.components.find((c) => c.key === 'technical-report');
    expect(report?.status).toBe('not-open');
    expect(report?.reason).toMatch(/; the research paper stands in for it$/);
  });

  it('counts a technical report as missing when there is no research paper', () => {
    const result = evaluateMof(decl(only(CLASS3.filter((n) => n !== 'Technical report'))));
    expect(result.progress.III).toBe(83);
    expect(result.components.find((c) => c.key === 'technical-report')?.status).toBe('missing');
  });

  it('uses the component licence, then the type licence, then the distribution licence', () => {
    const result = evaluateMof(
      decl(
        { 'Model card': 'CC-BY-4.0', 'Data card': null, 'Training code': null },
        { distribution: 'MIT', document: 'CC-BY-SA-4.0' },
      ),
    );
    const by = (key: string) => result.components.find((c) => c.key === key);
    expect(by('model-card')).toMatchObject({ license: 'CC-BY-4.0', licenseSource: 'component' });
    expect(by('data-card')).toMatchObject({
      license: 'CC-BY-SA-4.0',
      licenseSource: 'global-type',
    });
    expect(by('training-code')).toMatchObject({
      license: 'MIT',
      licenseSource: 'global-distribution',
    });
  });

  it.each(['unlicensed', ''])(
    'a component declared with license %j has none: global licences do not apply',
    (license) => {
      const result = evaluateMof(decl({ 'Model card': license }, { distribution: 'MIT' }));
      const card = result.components.find((c) => c.key === 'model-card');
      expect(card).toMatchObject({ present: true, license: null, status: 'unlicensed' });
      expect(result.progress.III).toBe(0);
    },
  );

  it.each([
    ['Apache 2.0', /did you mean Apache-2\.0/],
    ['CC-BY-NC-4.0', /is an SPDX licence the MOF does not count as open \(not OSI-approved/],
    ['Llama 3.1 Community License', /is not a licence the MOF counts as open \(not OSI/],
    // Ids match exactly, as in the MOT.
    ['apache-2.0', /did you mean Apache-2\.0/],
  ])('a component under %j is not open, and says why', (license, why) => {
    const result = evaluateMof(decl({ 'Model parameters (Final)': license }));
    const weights = result.components.find((c) => c.key === 'model-parameters-final');
    expect(weights).toMatchObject({ status: 'not-open', licenseOpen: false, license });
    expect(weights?.reason).toMatch(why);
  });

  it('never lets an optional component block or make a class', () => {
    const closed = evaluateMof(
      decl({
        ...only(CLASS3),
        'Sample model outputs': 'CC-BY-NC-4.0',
        'Model metadata': 'unlicensed',
      }),
    );
    expect(closed.class).toBe('III');
    const extra = evaluateMof(
      decl(only(['Sample model outputs', 'Supporting libraries and tools'])),
    );
    expect(extra.progress).toEqual({ I: 0, II: 0, III: 0 });
    expect(extra.components.find((c) => c.key === 'model-metadata')?.status).toBe('not-declared');
  });

  it('merges a component listed twice field by field, later entries winning', () => {
    const result = evaluateMof({
      ...decl([]),
      components: [
        { name: 'Model card', license: 'CC-BY-NC-4.0' },
        { name: 'Model card', licensePath: 'LICENSE' },
        { name: 'Data card', license: 'MIT' },
        { name: 'Data card', license: 'CC-BY-NC-4.0' },
      ],
    });
    expect(result.components.find((c) => c.key === 'model-card')?.license).toBe('CC-BY-NC-4.0');
    expect(result.components.find((c) => c.key === 'data-card')?.license).toBe('CC-BY-NC-4.0');
  });

  it('warns when an open licence is not one the MOF lists for the content type', () => {
    const result = evaluateMof(decl({ 'Model parameters (Final)': 'MIT', Datasets: 'CC0-1.0' }));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^Model parameters \(Final\): MIT is open, but not/);
    const weights = result.components.find((c) => c.key === 'model-parameters-final');
    expect(weights).toMatchObject({ licenseOpen: true, typeAppropriate: false });
  });

  it('lists the classes each component counts towards', () => {
    const result = evaluateMof(decl([]));
    const by = (key: string) => result.components.find((c) => c.key === key)?.requiredFor;
    expect(by('model-card')).toEqual(['III', 'II', 'I']);
    expect(by('training-code')).toEqual(['II', 'I']);
    expect(by('datasets')).toEqual(['I']);
    expect(by('model-metadata')).toEqual([]);
  });

  it('words absence by mode', () => {
    const declared = evaluateMof(decl([]));
    const seen = evaluateMof(decl([]), { mode: 'evidence' });
    expect(declared.components[0]?.reason).toMatch(/^not declared/);
    expect(seen.components[0]?.reason).toMatch(/^no evidence found/);
  });
});

describe('mofOpenBasis', () => {
  it.each([
    ['MIT', ['osi-approved', 'fsf-libre']],
    ['MIT-0', ['osi-approved']],
    ['CC-BY-4.0', ['fsf-libre', 'open-data']],
    ['CDLA-Permissive-2.0', ['open-data']],
    ['CC-BY-NC-4.0', []],
    // Listed by the MOF for every content type, yet neither OSI, FSF nor open-data.
    ['OpenMDW-1.0', []],
    ['mit', []],
  ] as const)('%s → %j', (id, basis) => {
    expect(mofOpenBasis(id)).toEqual(basis);
  });

  it('knows type-appropriate licences per content type', () => {
    expect(isTypeAppropriate('CC0-1.0', 'data')).toBe(true);
    expect(isTypeAppropriate('CC0-1.0', 'document')).toBe(true);
    expect(isTypeAppropriate('MIT', 'data')).toBe(false);
  });
});
