import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { parseYarnV1 } from './v1-parser.js';

function summary(text: string): unknown[] {
  return parseYarnV1(text).map((e) => ({
    keys: e.keys,
    line: e.line,
    values: Object.fromEntries(e.block.values),
    blocks: Object.fromEntries(
      [...e.block.blocks].map(([k, b]) => [k, Object.fromEntries(b.values)]),
    ),
  }));
}

describe('parseYarnV1', () => {
  it('reads headers, values and nested blocks', () => {
    const text = [
      '# yarn lockfile v1',
      '',
      '',
      'domelementtype@1, domelementtype@^1.3.1:',
      '  version "1.3.1"',
      '  integrity sha512-BSKB+TSpMpFI/HOxCNr1O8aMOTZ8hT3pM3GQ0w==',
      '',
      '"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.12.13":',
      '  version "7.12.13"',
      '  dependencies:',
      '    "@babel/highlight" "^7.12.13"',
      '    js-tokens "^4.0.0"',
      '  optionalDependencies:',
      '    fsevents "~2.3.1"',
      '  optional true',
      '',
      'balanced-match:',
      '  "version" "1.0.2"',
      '  "resolved" "https://registry.yarnpkg.com/balanced-match/-/balanced-match-1.0.2.tgz#e83e"',
    ].join('\n');
    expect(summary(text)).toEqual([
      {
        keys: ['domelementtype@1', 'domelementtype@^1.3.1'],
        line: 4,
        values: { version: '1.3.1', integrity: 'sha512-BSKB+TSpMpFI/HOxCNr1O8aMOTZ8hT3pM3GQ0w==' },
        blocks: {},
      },
      {
        keys: ['@babel/code-frame@^7.0.0', '@babel/code-frame@^7.12.13'],
        line: 8,
        values: { version: '7.12.13', optional: 'true' },
        blocks: {
          dependencies: { '@babel/highlight': '^7.12.13', 'js-tokens': '^4.0.0' },
          optionalDependencies: { fsevents: '~2.3.1' },
        },
      },
      {
        keys: ['balanced-match'],
        line: 17,
        values: {
          version: '1.0.2',
          resolved: 'https://registry.yarnpkg.com/balanced-match/-/balanced-match-1.0.2.tgz#e83e',
        },
        blocks: {},
      },
    ]);
  });

  it.each([
    [
      'a mixed header',
      'minimist@0.0.8, "minimist@ssh://github.com/substack/minimist.git#0.0.8":\n  version "0.0.8"\n',
      ['minimist@0.0.8', 'minimist@ssh://github.com/substack/minimist.git#0.0.8'],
    ],
    ['escapes in quoted keys', '"a@file:./x\\"y":\n  version "1.0.0"\n', ['a@file:./x"y']],
    ['Windows line endings', 'a@^1:\r\n  version "1.0.0"\r\n', ['a@^1']],
  ])('reads %s', (_label, text, keys) => {
    expect(parseYarnV1(text)[0]?.keys).toEqual(keys);
  });

  it('tolerates YAML-style `key: value` lines', () => {
    expect(summary('a@^1:\n  version: 1.0.0\n')).toEqual([
      { keys: ['a@^1'], line: 1, values: { version: '1.0.0' }, blocks: {} },
    ]);
  });

  it('reads an empty or comment-only file as no entries', () => {
    expect(parseYarnV1('')).toEqual([]);
    expect(parseYarnV1('# yarn lockfile v1\n\n')).toEqual([]);
  });

  it.each([
    ['an indented line before any entry', '  version "1.0.0"\n', 1, /outside any entry/],
    ['an unterminated string', 'a@^1:\n  version "1.0.0\n', 2, /unterminated quoted string/],
    ['a key without value', 'a@^1:\n  version\n', 2, /expected a value or ":" after "version"/],
    ['tab indentation', 'a@^1:\n\tversion "1"\n', 2, /tab indentation/],
    ['an empty key', 'a@^1:\n  , x\n', 2, /expected a key/],
    ['two keys with one value', 'a@^1:\n  a, b "1"\n', 2, /one key before a value, found several/],
  ])('rejects %s', (_label, text, line, message) => {
    let error: unknown;
    try {
      parseYarnV1(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(line);
    expect((error as InputError).message).toMatch(message);
  });

  it('bounds nesting', () => {
    const text = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n');
    expect(() => parseYarnV1(text)).toThrow(/nested deeper than 16 levels/);
  });
});
