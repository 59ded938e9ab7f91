import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { packageTables } from './package-tables.js';
import { parseToml } from './parse.js';
import type { Warning } from './records.js';

function read(text: string, key = 'package'): { tables: unknown; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const tables = packageTables(
    text,
    parseToml(text, 'x.lock', 'a lockfile'),
    key,
    'x.lock',
    'a lockfile',
    warnings,
  );
  return { tables, warnings };
}

describe('packageTables', () => {
  it('lists named tables with their lines, in file order', () => {
    const text =
      '[[package]]\nname = "a"\nversion = "1"\n\n[[package]]\nversion = "2"\nname = "B"\n';
    expect(read(text)).toEqual({
      tables: [
        { table: { name: 'a', version: '1' }, name: 'a', line: 2 },
        { table: { name: 'B', version: '2' }, name: 'B', line: 7 },
      ],
      warnings: [],
    });
  });

  it('skips an entry without a name, with a warning that counts entries from 1', () => {
    const text =
      '[[packages]]\nname = "a"\n\n[[packages]]\nversion = "2"\n\n[[packages]]\nname = ""\n';
    expect(read(text, 'packages')).toEqual({
      tables: [{ table: { name: 'a' }, name: 'a', line: 2 }],
      warnings: [
        { message: 'x.lock: [[packages]] entry 2 has no name; skipped' },
        { message: 'x.lock: [[packages]] entry 3 has no name; skipped' },
      ],
    });
  });

  it('skips an element that is not a table', () => {
    expect(read('package = [\n  { name = "a" },\n  1,\n]\n')).toEqual({
      tables: [{ table: { name: 'a' }, name: 'a', line: 2 }],
      warnings: [{ message: 'x.lock: [[package]] entry 2 has no name; skipped' }],
    });
  });

  it('lists nothing when there is no such array', () => {
    expect(read('version = 1\n')).toEqual({ tables: [], warnings: [] });
  });

  it('refuses a key that is not an array of tables', () => {
    expect(() => read('package = "a"\n')).toThrow(InputError);
  });
});
