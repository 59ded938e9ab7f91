import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { findArrayTableKeyLines } from './toml-lines.js';

describe('findArrayTableKeyLines', () => {
  it.each([
    ['one block', '[[package]]\nname = "a"\nversion = "1"\n', 'package', [2]],
    ['key not first in the block', '[[package]]\nversion = "1"\nname = "a"\n', 'package', [3]],
    [
      'two blocks with sub-tables between',
      '[[package]]\nname = "a"\n\n[package.source]\nname = "x"\n\n[[package]]\nname = "b"\n',
      'package',
      [2, 8],
    ],
    [
      'sub-table before the name is not the element',
      '[[package]]\nversion = "1"\n[package.tool]\nname = "x"\n',
      'package',
      [undefined],
    ],
    [
      'other arrays of tables are not elements',
      '[[other.package]]\nname = "w"\n[[package]]\nname = "a"\n[[package.wheels]]\nname = "w"\n',
      'package',
      [4],
    ],
    [
      'comments are skipped',
      '[[package]]\n# name = "fake"\nname = "a" # name = "b"\n',
      'package',
      [3],
    ],
    [
      'multi-line basic string',
      '[[package]]\nd = """\nname = "x"\n[[package]]\n"""\nname = "a"\n',
      'package',
      [6],
    ],
    [
      'multi-line literal string',
      "[[package]]\nd = '''\nname = 'x'\n'''\nname = 'a'\n",
      'package',
      [5],
    ],
    [
      'quotes just inside the closing delimiter',
      '[[package]]\nd = """say ""hi"""""\nname = "a"\n',
      'package',
      [3],
    ],
    [
      'escaped quote in a basic string',
      '[[package]]\nd = "a \\" name = "\nname = "a"\n',
      'package',
      [3],
    ],
    [
      'multi-line array with nested arrays',
      '[[package]]\nx = [\n  [1, 2],\n  ["name"],\n]\nname = "a"\n',
      'package',
      [6],
    ],
    [
      'name inside an inline table does not count',
      '[[package]]\nsource = { name = "x" }\nname = "a"\n',
      'package',
      [3],
    ],
    [
      'multi-line inline value',
      '[[package]]\nwheels = [\n  { name = "w", url = "u" },\n]\nname = "a"\n',
      'package',
      [5],
    ],
    ['quoted key and spaced header', '[[ package ]]\n"name" = "a"\n', 'package', [2]],
    ['dotted keys are not the name', '[[package]]\nmeta.name = "x"\nname = "a"\n', 'package', [3]],
    ['CRLF line ends', '[[package]]\r\nversion = "1"\r\nname = "a"\r\n', 'package', [3]],
    [
      'root-level inline array of tables',
      'packages = [\n  { name = "a", directory = { path = "." } },\n  { version = "1",\n    name = "b" },\n]\n',
      'packages',
      [2, 4],
    ],
    ['inline array on one line', 'package = [{ name = "a" }, { name = "b" }]\n', 'package', [1, 1]],
    [
      'a different array name',
      '[[packages]]\nname = "a"\n[[package]]\nname = "b"\n',
      'packages',
      [2],
    ],
    ['no elements', 'package = []\n[metadata]\nname = "x"\n', 'package', []],
  ])('%s', (_case, text, key, expected) => {
    // Every input is valid TOML, as the scanner only ever runs after smol-toml accepted it.
    expect(() => parse(text)).not.toThrow();
    expect(findArrayTableKeyLines(text, key)).toEqual(expected);
  });

  it('looks for another key when asked', () => {
    expect(
      findArrayTableKeyLines('[[package]]\nname = "a"\nversion = "1"\n', 'package', 'version'),
    ).toEqual([3]);
  });

  it('is linear on long inputs', () => {
    const block =
      '[[package]]\nname = "a"\nversion = "1"\nfiles = [\n  { file = "a.whl", hash = "sha256:00" },\n]\n\n';
    const text = block.repeat(20_000);
    const started = Date.now();
    const lines = findArrayTableKeyLines(text, 'package');
    expect(lines).toHaveLength(20_000);
    expect(lines[19_999]).toBe(19_999 * 7 + 2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
