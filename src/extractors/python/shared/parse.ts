/**
 * Parsing lockfile text into untrusted plain values, with errors that say where and what.
 */
import { parse as parseTomlText, TomlError } from 'smol-toml';
import { InputError } from '../../../core/errors.js';
import { jsonSyntaxError } from '../../shared/text.js';
import { isTable, type Table } from './values.js';

/** Deepest nesting of inline tables/arrays accepted; real lockfiles stay under 10. */
const MAX_TOML_DEPTH = 64;

/**
 * Parse a TOML lockfile. An empty (or blank) file is an empty table: tools leave 0-byte lockfiles
 * behind and they simply lock nothing. Syntax errors become an `InputError` with the line
 * smol-toml reports.
 */
export function parseToml(text: string, path: string, what: string): Table {
  try {
    return parseTomlText(text, { maxDepth: MAX_TOML_DEPTH });
  } catch (error) {
    if (error instanceof TomlError) {
      const detail = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
      throw new InputError(
        `${path}: not valid TOML at line ${error.line}, column ${error.column} (${detail}); expected ${what}`,
        {
          line: error.line,
          cause: error,
        },
      );
    }
    throw new InputError(
      `${path}: could not be read as TOML (${error instanceof Error ? error.message : String(error)}); expected ${what}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Parse a JSON lockfile with `JSON.parse`. Blank text is an empty object (see `parseToml`).
 * On a syntax error, jsonc-parser (strict mode) locates the first problem so the message can
 * give its line; `JSON.parse` alone does not report one reliably.
 */
export function parseJsonObject(text: string, path: string, what: string): Table {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const located = jsonSyntaxError(text);
    const where = located ? ` at line ${located.line} (${located.detail})` : '';
    throw new InputError(`${path}: not valid JSON${where}; expected ${what}`, {
      line: located?.line,
      cause: error,
    });
  }
  if (!isTable(value))
    throw new InputError(`${path}: the top level is not a JSON object; expected ${what}`, {
      line: 1,
    });
  return value;
}

/**
 * The elements of the top-level array `key` (`[[package]]`), in order; [] when absent.
 * Elements are returned as found so that their indexes match the line numbers from
 * `findArrayTableKeyLines`; callers skip what is not a table.
 */
export function topLevelArray(
  doc: Table,
  key: string,
  path: string,
  what: string,
  max: number,
): readonly unknown[] {
  const value = doc[key];
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new InputError(`${path}: \`${key}\` is not an array of tables; expected ${what}`);
  if (value.length > max)
    throw new InputError(
      `${path}: ${value.length} \`${key}\` entries is more than the ${max} openvet reads from one file`,
      { code: 'OPENVET_E_TOO_LARGE' },
    );
  return value;
}
