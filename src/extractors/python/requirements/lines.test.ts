import { describe, expect, it } from 'vitest';
import {
  logicalLines,
  parseOptions,
  physicalLines,
  shlexSplit,
  splitArgsOptions,
} from './lines.js';

describe('logicalLines', () => {
  it.each([
    [
      'blank lines and comments go',
      'a\n\n# c\n  # indented c\nb # trailing\n',
      [
        [1, 'a'],
        [5, 'b'],
      ],
    ],
    [
      'continuations join from the first line',
      'a \\\n  b \\\nc\nd\n',
      [
        [1, 'a   b c'],
        [4, 'd'],
      ],
    ],
    [
      'a comment line ends a continuation',
      'a \\\n# c \\\nb\n',
      [
        [1, 'a'],
        [3, 'b'],
      ],
    ],
    ['a continuation at the end of the file', 'a \\', [[1, 'a']]],
    ['`#` inside a word stays', 'a#b c#d\n', [[1, 'a#b c#d']]],
    ['tabs before `#` make a comment', 'a\t# c\n', [[1, 'a']]],
    [
      'CR and CRLF line ends',
      'a\rb\r\nc',
      [
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    const { lines } = logicalLines(physicalLines(text), {});
    expect(lines.map((l) => [l.line, l.text])).toEqual(expected);
  });

  it('expands only ${UPPER_CASE} variables that are set and not empty', () => {
    const { lines, unexpanded } = logicalLines(['a==${A} ${B_2} ${EMPTY} ${UNSET} ${lower} $A'], {
      A: '1',
      B_2: 'two',
      EMPTY: '',
      lower: 'x',
    });
    expect(lines).toEqual([{ line: 1, text: 'a==1 two ${EMPTY} ${UNSET} ${lower} $A' }]);
    expect(unexpanded).toEqual([
      { line: 1, name: 'EMPTY' },
      { line: 1, name: 'UNSET' },
    ]);
  });

  it('expands after comments are removed', () => {
    const { lines, unexpanded } = logicalLines(['a # ${UNSET}'], {});
    expect(lines).toEqual([{ line: 1, text: 'a' }]);
    expect(unexpanded).toEqual([]);
  });
});

describe('comments on long lines', () => {
  it('reads a line with a million blanks and no comment in one pass', () => {
    // (A comment's leading blanks were looked for from each blank: quadratic in the run.)
    const line = `flask${' '.repeat(1_000_000)}x`;
    expect(logicalLines(physicalLines(`${line}\n`), {}).lines.map((l) => l.text)).toEqual([
      `flask${' '.repeat(1_000_000)}x`,
    ]);
    const commented = physicalLines(`flask${' '.repeat(1_000)}# note\n`);
    expect(logicalLines(commented, {}).lines.map((l) => l.text)).toEqual(['flask']);
  });
});

describe('splitArgsOptions', () => {
  it.each([
    ['foo==1.0', { args: 'foo==1.0', options: '' }],
    [
      'foo==1.0 --hash=sha256:1 --hash=sha256:2',
      { args: 'foo==1.0', options: '--hash=sha256:1 --hash=sha256:2' },
    ],
    ['foo  -C x', { args: 'foo', options: '-C x' }],
    ['-r other.txt', { args: '', options: '-r other.txt' }],
    [
      'foo; python_version < "3" --hash=x',
      { args: 'foo; python_version < "3"', options: '--hash=x' },
    ],
    ['foo--hash==1', { args: 'foo--hash==1', options: '' }],
  ])('%j', (text, expected) => {
    expect(splitArgsOptions(text)).toEqual(expected);
  });
});

describe('shlexSplit', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    ['--opt="a b" c', ['--opt=a b', 'c']],
    ['\'a "b"\' c', ['a "b"', 'c']],
    ['"a \\"q\\" \\n"', ['a "q" \\n']],
    ['a\\ b', ['a b']],
    ['""', ['']],
    ['', []],
  ])('%j', (text, expected) => {
    expect(shlexSplit(text)).toEqual(expected);
  });

  it.each([['"open'], ["'open"]])('refuses the unclosed quote in %j', (text) => {
    expect(shlexSplit(text)).toBeUndefined();
  });
});

describe('parseOptions', () => {
  it('reads every form optparse accepts', () => {
    expect(
      parseOptions([
        '-r',
        'a.txt',
        '-rb.txt',
        '--requirement=c.txt',
        '--requirement',
        'd.txt',
        '-c',
        'e.txt',
        '--pre',
        '-e',
        './x',
        '--hash=sha256:00',
        'stray',
      ]),
    ).toEqual({
      options: [
        { kind: 'requirement', option: '-r', value: 'a.txt' },
        { kind: 'requirement', option: '-r', value: 'b.txt' },
        { kind: 'requirement', option: '--requirement', value: 'c.txt' },
        { kind: 'requirement', option: '--requirement', value: 'd.txt' },
        { kind: 'constraint', option: '-c', value: 'e.txt' },
        { kind: 'global', option: '--pre' },
        { kind: 'editable', option: '-e', value: './x' },
        { kind: 'hash', option: '--hash', value: 'sha256:00' },
      ],
      problems: [],
    });
  });

  it('reads `-foo==1.0` as `-f oo==1.0`, as pip does', () => {
    expect(parseOptions(['-foo==1.0'])).toEqual({
      options: [{ kind: 'global', option: '-f', value: 'oo==1.0' }],
      problems: [],
    });
  });

  it('reports unknown options, missing values and values given to flags', () => {
    expect(parseOptions(['--nope', '-x', '--pre=yes', '-r'])).toEqual({
      options: [],
      problems: [
        'unknown option `--nope`',
        'unknown option `-x`',
        'option `--pre` takes no value',
        'option `-r` needs a value',
      ],
    });
  });
});
