import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { parseGoMod, type Statement } from './parse.js';

/** Statements reduced to what the tests compare: verb, decoded args, line, block, comment. */
function simplify(statements: Statement[]): unknown[] {
  return statements.map((s) => ({
    verb: s.verb,
    args: s.args.map((a) => a.value),
    line: s.line,
    ...(s.inBlock ? { inBlock: true } : {}),
    ...(s.comment !== undefined ? { comment: s.comment } : {}),
  }));
}

describe('parseGoMod', () => {
  it.each<[string, string, unknown[]]>([
    ['empty file', '', []],
    ['only comments and blank lines', '// a comment\n\n   // another\n', []],
    [
      'single-line directives',
      'module example.com/m\n\ngo 1.22\nrequire a.com/b v1.0.0\n',
      [
        { verb: 'module', args: ['example.com/m'], line: 1 },
        { verb: 'go', args: ['1.22'], line: 3 },
        { verb: 'require', args: ['a.com/b', 'v1.0.0'], line: 4 },
      ],
    ],
    [
      'a block, with blank lines and whole-line comments inside',
      'require (\n\ta.com/b v1.0.0\n\n\t// why c\n\tc.com/d v2.0.0+incompatible // indirect\n)\n',
      [
        { verb: 'require', args: ['a.com/b', 'v1.0.0'], line: 2, inBlock: true },
        {
          verb: 'require',
          args: ['c.com/d', 'v2.0.0+incompatible'],
          line: 5,
          inBlock: true,
          comment: ' indirect',
        },
      ],
    ],
    [
      'a block opened with a trailing comment and closed with one',
      'require ( // deps\n\ta.com/b v1.0.0\n) // end\n',
      [{ verb: 'require', args: ['a.com/b', 'v1.0.0'], line: 2, inBlock: true }],
    ],
    [
      'an empty block on one line',
      'require ()\ngo 1.21\n',
      [{ verb: 'go', args: ['1.21'], line: 2 }],
    ],
    [
      'a comment glued to a token ends it',
      'require a.com/b v1.0.0//indirect\n',
      [{ verb: 'require', args: ['a.com/b', 'v1.0.0'], line: 1, comment: 'indirect' }],
    ],
    [
      'interpreted strings are unquoted, escapes decoded',
      'module "example.com/\\u006d"\nrequire "a.com/b" "v1.0.0"\n',
      [
        { verb: 'module', args: ['example.com/m'], line: 1 },
        { verb: 'require', args: ['a.com/b', 'v1.0.0'], line: 2 },
      ],
    ],
    [
      'raw (backquoted) strings',
      'module `example.com/with space`\n',
      [{ verb: 'module', args: ['example.com/with space'], line: 1 }],
    ],
    [
      'non-ASCII identifiers',
      'module example.com/ünï/日本\n',
      [{ verb: 'module', args: ['example.com/ünï/日本'], line: 1 }],
    ],
    [
      'a // inside a string is not a comment',
      'module "a.com//b"\n',
      [{ verb: 'module', args: ['a.com//b'], line: 1 }],
    ],
    [
      'retract interval punctuation',
      'retract [v1.0.0, v1.0.5] // broken\n',
      [{ verb: 'retract', args: ['[', 'v1.0.0', ',', 'v1.0.5', ']'], line: 1, comment: ' broken' }],
    ],
    [
      'CRLF line endings',
      'module m\r\nrequire (\r\n\ta.com/b v1.0.0 // indirect\r\n)\r\n',
      [
        { verb: 'module', args: ['m'], line: 1 },
        {
          verb: 'require',
          args: ['a.com/b', 'v1.0.0'],
          line: 3,
          inBlock: true,
          comment: ' indirect',
        },
      ],
    ],
    [
      'replace arrows are ordinary words',
      'replace a => ../b\n',
      [{ verb: 'replace', args: ['a', '=>', '../b'], line: 1 }],
    ],
  ])('%s', (_name, text, expected) => {
    expect(simplify(parseGoMod(text))).toEqual(expected);
  });

  it.each<[string, string, RegExp, number]>([
    [
      'unterminated block',
      'module m\nrequire (\n\ta.com/b v1.0.0\n',
      /unterminated require block/,
      2,
    ],
    ['/* */ comments', 'module m\n/* no */\n', /must use \/\/ comments/, 2],
    ['/* glued to a word', 'module m/*x*/\n', /must use \/\/ comments/, 1],
    ['newline in a string', 'module "a\nb"\n', /newline in a quoted string/, 1],
    ['end of file in a string', 'module "abc', /end of file in a quoted string/, 1],
    ['bad escape', 'module "a\\qb"\n', /invalid escape/, 1],
    ['bad \\x escape', 'module "a\\xZZ"\n', /invalid \\x escape/, 1],
    ['closing paren outside a block', 'module m\n)\n', /unexpected '\)' outside a block/, 2],
    ['paren in the middle of a line', 'require a.com/b ( v1.0.0\n', /unexpected '\('/, 1],
    ['nested block', 'require (\n\ta.com/b (\n)\n', /inside the require block opened on line 1/, 2],
    [
      'tokens after the closing paren',
      'require (\n) x\n',
      /unexpected 'x' after the '\)' that closes the require block/,
      2,
    ],
    [
      'a statement starting with a string',
      '"module" m\n',
      /unexpected string "module": expected a directive/,
      1,
    ],
    ['a no-break space between words', 'module\u00a0m\n', /unexpected character/, 1],
    ['a control character', 'module m\u0001\n', /unexpected character/, 1],
  ])('rejects %s', (_name, text, message, line) => {
    let error: unknown;
    try {
      parseGoMod(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
    expect((error as InputError).line).toBe(line);
  });
});
