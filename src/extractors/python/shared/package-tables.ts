/**
 * The package tables of a TOML lockfile (`[[package]]` in poetry.lock, pdm.lock and uv.lock,
 * `[[packages]]` in pylock.toml), each with its name and the line that declares it.
 */
import { MAX_PACKAGES } from './names.js';
import { topLevelArray } from './parse.js';
import type { Warning } from './records.js';
import { findArrayTableKeyLines } from './toml-lines.js';
import { asString, asTable, type Table } from './values.js';

/** One element of the package array that names a package. */
export interface PackageTable {
  readonly table: Table;
  readonly name: string;
  /** 1-based line of its `name = …`, when found. */
  readonly line: number | undefined;
}

/**
 * The elements of the top-level array of tables `key` that are tables with a `name`, in file
 * order. Any other element is skipped with a warning added to `warnings`; more than
 * `MAX_PACKAGES` elements, or a `key` that is not an array, is an `InputError`.
 */
export function packageTables(
  text: string,
  doc: Table,
  key: string,
  path: string,
  what: string,
  warnings: Warning[],
): PackageTable[] {
  const entries = topLevelArray(doc, key, path, what, MAX_PACKAGES);
  const lines = findArrayTableKeyLines(text, key);
  const tables: PackageTable[] = [];
  for (const [index, entry] of entries.entries()) {
    const table = asTable(entry);
    const name = asString(table?.name);
    if (table === undefined || name === undefined) {
      warnings.push({ message: `${path}: [[${key}]] entry ${index + 1} has no name; skipped` });
      continue;
    }
    tables.push({ table, name, line: lines[index] });
  }
  return tables;
}
