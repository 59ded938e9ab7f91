import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { MAX_DECLARATION_BYTES, parseMofDeclaration } from './declaration.js';

const FULL = `framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: Tiny-1B
  version: 1B
  date: '2025-01-31'
  type: language
  architecture: transformer decoder
  origin: Tiny-1B
  producer: Example Lab
  contact: ''
  repository: https://example.com/tiny
  huggingface: https://huggingface.co/example/tiny
  license:
    distribution:
      name: Apache-2.0
      path: LICENSE
    data:
      name: CC-BY-4.0
      path: null
  components:
    - name: Model architecture
      description: Well commented code for the model's architecture
    - name: Model card
      license: unlicensed
      license_path: ''
      component_path: https://huggingface.co/example/tiny
    - name: Datasets
      license: CC0-1.0
`;

function parseError(text: string, file = 'model.yml'): InputError {
  try {
    parseMofDeclaration(text, file);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseMofDeclaration', () => {
  it('reads a complete declaration', () => {
    expect(parseMofDeclaration(FULL, 'tiny.yml')).toEqual({
      name: 'Tiny-1B',
      version: '1B',
      producer: 'Example Lab',
      date: '2025-01-31',
      type: 'language',
      architecture: 'transformer decoder',
      origin: 'Tiny-1B',
      repository: 'https://example.com/tiny',
      huggingface: 'https://huggingface.co/example/tiny',
      frameworkVersion: '1.0',
      license: {
        distribution: { name: 'Apache-2.0', path: 'LICENSE' },
        data: { name: 'CC-BY-4.0', path: null },
      },
      components: [
        {
          name: 'Model architecture',
          description: "Well commented code for the model's architecture",
        },
        {
          name: 'Model card',
          license: 'unlicensed',
          licensePath: '',
          componentPath: 'https://huggingface.co/example/tiny',
        },
        { name: 'Datasets', license: 'CC0-1.0' },
      ],
    });
  });

  it('accepts the bare release mapping, as the MOT import script does', () => {
    const bare = parseMofDeclaration('name: Bare\ncomponents:\n  - name: Model card\n', 'b.yml');
    expect(bare).toEqual({ name: 'Bare', license: {}, components: [{ name: 'Model card' }] });
  });

  it('reads JSON, including the MOT API output where no global licence is []', () => {
    const json = JSON.stringify({
      release: { name: 'J', version: 7, license: [], components: [{ name: 'Datasets' }] },
    });
    expect(parseMofDeclaration(json, 'j.json')).toEqual({
      name: 'J',
      version: '7',
      license: {},
      components: [{ name: 'Datasets' }],
    });
  });

  it.each([
    [
      'YAML syntax, with the line',
      'release:\n  name: x\n  components: [\n',
      /^m\.yml:\d+: not valid YAML/,
    ],
    ['JSON syntax', '{"release": ', /^m\.json: not valid JSON/],
    // (Quadratic in the YAML library's error excerpts: read without them, the line apart.)
    [
      'a line of a million quotes',
      `release:\n  name: ${'"'.repeat(1_000_000)}\n`,
      /^m\.yml:2: not valid YAML/,
    ],
    ['not a mapping', '- a\n- b\n', /expected a mapping with a "release" key, got a list/],
    ['an empty file', '', /got nothing/],
    ['release not a mapping', 'release: 3\n', /"release" must be a mapping, got a number/],
    ['no name', 'release:\n  components: []\n', /release must have required property 'name'/],
    [
      'an unknown component, named',
      'release:\n  name: x\n  components:\n    - name: Weights\n',
      /release\.components\[0\]\.name is "Weights", not one of the 17 MOF component names/,
    ],
    [
      'a licence that is not a string',
      'release:\n  name: x\n  components:\n    - name: Datasets\n      license: [MIT]\n',
      /release\.components\[0\]\.license must be string, not a list/,
    ],
    [
      'a global licence that is not a mapping',
      'release:\n  name: x\n  license:\n    distribution: MIT\n  components: []\n',
      /release\.license\.distribution must be object, not a string/,
    ],
    [
      'another framework',
      'framework:\n  name: Other\nrelease:\n  name: x\n  components: []\n',
      /framework\.name is "Other"/,
    ],
    [
      'more components than the framework has',
      `release:\n  name: x\n  components:\n${'    - name: Datasets\n'.repeat(18)}`,
      /must NOT have more than 17 items/,
    ],
    ['duplicate keys', 'release:\n  name: a\n  name: b\n  components: []\n', /not valid YAML/],
  ])('refuses %s', (_label, text, message) => {
    const file = message.source.includes('json') ? 'm.json' : 'm.yml';
    const error = parseError(text, file);
    expect(error.code).toBe('OPENVET_E_PARSE');
    expect(error.message).toMatch(message);
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = i === 0 ? 'a' : `l${i - 1}`;
        return `l${i}: &l${i} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
      }),
      'release: *l7',
    ].join('\n');
    expect(parseError(bomb).message).toMatch(/YAML refused/);
  });

  it('refuses deep nesting with a message, not a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const json = `{"release": {"name": "x", "components": [{"name": ${deep}}]}}`;
    expect(parseError(json, 'deep.json').message).toMatch(/name must be string, not a list/);
    expect(parseError(`release: ${deep}`, 'deep.yml').message).toMatch(/^deep\.yml/);
  });

  it('refuses a file larger than the bound', () => {
    const error = parseError(`# ${'x'.repeat(MAX_DECLARATION_BYTES)}\n`);
    expect(error.code).toBe('OPENVET_E_TOO_LARGE');
  });
});
