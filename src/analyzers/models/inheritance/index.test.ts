import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeInheritance, statedIds, type InheritanceInput } from './index.js';

const AI = '../shared/corpora/licenses/ai';
const hasCorpus = existsSync(`${AI}/llama3_1.LICENSE`);

function input(overrides: Partial<InheritanceInput>): InheritanceInput {
  return { modelName: 'acme/chat-8b', ancestors: [], files: [], ...overrides };
}

const llamaBase = [
  { id: 'meta-llama/Llama-3.1-8B-Instruct', license: { value: 'llama3.1' }, depth: 1 },
];

describe('statedIds', () => {
  it.each([
    [{ value: 'llama3.1' }, ['LicenseRef-llama3.1']],
    [{ value: 'apache-2.0' }, ['Apache-2.0']],
    [{ value: 'other', name: 'deepseek' }, ['LicenseRef-deepseek']],
    [{ value: 'other', name: 'my own terms' }, []],
    [{ value: 'other' }, []],
    [undefined, []],
  ])('%j → %j', (stated, ids) => {
    expect(statedIds(stated)).toEqual(ids);
  });
});

describe('judgeInheritance: conflicts', () => {
  it('Apache-2.0 declared on a Llama 3.1 base is a same-licence conflict citing §1.b.i', () => {
    const result = judgeInheritance(
      input({ declared: { value: 'apache-2.0' }, ancestors: llamaBase }),
    );
    expect(result.governing).toBe('LicenseRef-llama3.1');
    expect(result.conflicts).toHaveLength(1);
    const [conflict] = result.conflicts;
    expect(conflict).toMatchObject({
      from: 'meta-llama/Llama-3.1-8B-Instruct',
      governing: 'LicenseRef-llama3.1',
      declared: 'Apache-2.0',
      kind: 'same-license',
    });
    expect(conflict?.clause).toMatch(/§1\.b\.i/);
    expect(conflict?.message).toMatch(/declares Apache-2.0/);
  });

  it('keeping the base licence is no conflict', () => {
    const result = judgeInheritance(
      input({ declared: { value: 'llama3.1' }, ancestors: llamaBase }),
    );
    expect(result.conflicts).toEqual([]);
  });

  it('the root of a chain governs even when an intermediate ancestor relabelled it', () => {
    const result = judgeInheritance(
      input({
        declared: { value: 'mit' },
        ancestors: [
          { id: 'someone/relabelled', license: { value: 'apache-2.0' }, depth: 1 },
          { id: 'meta-llama/Meta-Llama-3-8B', license: { value: 'llama3' }, depth: 2 },
        ],
      }),
    );
    expect(result.governing).toBe('LicenseRef-llama3');
    expect(result.conflicts.map((c) => [c.from, c.kind])).toEqual([
      ['meta-llama/Meta-Llama-3-8B', 'same-license'],
    ]);
  });

  it('a permissive licence on an OpenRAIL base drops the use restrictions', () => {
    const result = judgeInheritance(
      input({
        declared: { value: 'mit' },
        ancestors: [
          {
            id: 'runwayml/stable-diffusion-v1-5',
            license: { value: 'creativeml-openrail-m' },
            depth: 1,
          },
        ],
      }),
    );
    expect(result.conflicts.map((c) => c.kind)).toEqual(['use-restrictions']);
    expect(result.conflicts[0]?.clause).not.toBe('');
  });

  it('another OpenRAIL licence carries restrictions: no conflict', () => {
    const result = judgeInheritance(
      input({
        declared: { value: 'openrail++' },
        ancestors: [
          {
            id: 'runwayml/stable-diffusion-v1-5',
            license: { value: 'creativeml-openrail-m' },
            depth: 1,
          },
        ],
      }),
    );
    expect(result.conflicts).toEqual([]);
  });

  it('a non-commercial dataset conflicts with a licence that allows commercial use', () => {
    const result = judgeInheritance(
      input({
        declared: { value: 'apache-2.0' },
        datasets: [{ id: 'someone/nc-data', license: { value: 'cc-by-nc-4.0' } }],
      }),
    );
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        from: 'someone/nc-data',
        fromKind: 'dataset',
        kind: 'non-commercial',
      }),
    ]);
  });

  it('a non-commercial base model is a non-commercial conflict, not only restrictions', () => {
    const result = judgeInheritance(
      input({
        declared: { value: 'apache-2.0' },
        ancestors: [{ id: 'lab/nc-model', license: { value: 'cc-by-nc-4.0' }, depth: 1 }],
      }),
    );
    expect(result.conflicts.map((c) => c.kind)).toEqual(['non-commercial']);
  });

  it('a permissive base allows any licence', () => {
    const result = judgeInheritance(
      input({
        declared: { value: 'mit' },
        ancestors: [
          { id: 'google-bert/bert-base-uncased', license: { value: 'apache-2.0' }, depth: 1 },
        ],
      }),
    );
    expect(result.conflicts).toEqual([]);
    expect(result.obligations).toEqual([]);
  });

  it('unknown licences and missing bases are notes, never conflicts', () => {
    const result = judgeInheritance(
      input({
        declared: { value: 'apache-2.0' },
        ancestors: [{ id: 'x/unknown', depth: 1 }],
      }),
    );
    expect(result.conflicts).toEqual([]);
    expect(result.notes).toEqual(['the licence of x/unknown is unknown']);
    expect(judgeInheritance(input({})).notes).toContain('no base model is declared');
  });

  it('one conflict per governing licence when two ancestors share it (a merge)', () => {
    const result = judgeInheritance(
      input({
        declared: { value: 'apache-2.0' },
        ancestors: [
          { id: 'a/llama-ft-1', license: { value: 'llama3.1' }, depth: 1 },
          { id: 'b/llama-ft-2', license: { value: 'llama3.1' }, depth: 1 },
        ],
      }),
    );
    expect(result.conflicts).toHaveLength(1);
  });
});

describe('judgeInheritance: obligations', () => {
  it('a Llama 3.1 derivative with nothing in place misses every obligation', () => {
    const result = judgeInheritance(
      input({ declared: { value: 'llama3.1' }, ancestors: llamaBase, files: [] }),
    );
    const byId = Object.fromEntries(result.obligations.map((o) => [o.id, o]));
    expect(Object.keys(byId).sort()).toEqual([
      'built-with-notice',
      'license-copy',
      'name-prefix',
      'notice-file',
    ]);
    expect(Object.values(byId).every((o) => !o.met)).toBe(true);
    expect(byId['built-with-notice']?.message).toMatch(/"Built with Llama" is not displayed/);
    expect(byId['name-prefix']?.message).toMatch(/"chat-8b" does not begin with "Llama"/);
  });

  it.skipIf(!hasCorpus)(
    'meets them with the licence copy, notice, "Built with Llama" and name',
    () => {
      const licence = readFileSync(`${AI}/llama3_1.LICENSE`, 'utf8');
      const result = judgeInheritance(
        input({
          modelName: 'acme/Llama-3.1-Acme-Chat-8B',
          declared: { value: 'llama3.1' },
          ancestors: llamaBase,
          files: [
            { path: 'model/LICENSE', text: licence },
            {
              path: 'model/NOTICE',
              text: 'Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.',
            },
            { path: 'model/README.md', text: '# Acme chat\n\n**Built with\nLlama**\n' },
          ],
        }),
      );
      expect(result.obligations.map((o) => [o.id, o.met])).toEqual([
        ['license-copy', true],
        ['built-with-notice', true],
        ['name-prefix', true],
        ['notice-file', true],
      ]);
      expect(result.obligations[0]?.files).toEqual(['model/LICENSE']);
    },
  );

  it('Gemma: the notice file must state the terms', () => {
    const base = [{ id: 'google/gemma-2-9b', license: { value: 'gemma' }, depth: 1 }];
    const without = judgeInheritance(input({ declared: { value: 'gemma' }, ancestors: base }));
    const notice = without.obligations.find((o) => o.id === 'notice-file');
    expect(notice?.met).toBe(false);
    expect(notice?.message).toMatch(
      /Gemma is provided under and subject to the Gemma Terms of Use/,
    );
    const withNotice = judgeInheritance(
      input({
        declared: { value: 'gemma' },
        ancestors: base,
        files: [
          {
            path: 'm/NOTICE',
            text: 'Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms',
          },
        ],
      }),
    );
    expect(withNotice.obligations.find((o) => o.id === 'notice-file')?.met).toBe(true);
  });

  it('OpenRAIL: restrictions carried in the licence file meet the obligation', () => {
    const base = [
      {
        id: 'runwayml/stable-diffusion-v1-5',
        license: { value: 'creativeml-openrail-m' },
        depth: 1,
      },
    ];
    const missing = judgeInheritance(input({ declared: { value: 'openrail++' }, ancestors: base }));
    expect(missing.obligations.find((o) => o.id === 'use-restrictions')?.met).toBe(false);
    const carried = judgeInheritance(
      input({
        declared: { value: 'openrail++' },
        ancestors: base,
        files: [
          {
            path: 'm/LICENSE.md',
            text: 'Our terms.\n\nAttachment A\nUse Restrictions\nYou agree not to …',
          },
        ],
      }),
    );
    expect(carried.obligations.find((o) => o.id === 'use-restrictions')).toMatchObject({
      met: true,
      files: ['m/LICENSE.md'],
    });
  });
});
