/**
 * Narrowing helpers for parsed TOML/JSON values. Lockfiles are untrusted input: every field is
 * checked for its type before use instead of being cast to an interface.
 */

/** A TOML table or JSON object (never an array, a date or null). */
export type Table = Readonly<Record<string, unknown>>;

/** True for a plain table/object value (TOML dates are `Date` objects and are excluded). */
export function isTable(value: unknown): value is Table {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** The value when it is a table, else undefined. */
export function asTable(value: unknown): Table | undefined {
  return isTable(value) ? value : undefined;
}

/** The value when it is a non-empty string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The string elements of an array value (anything else is ignored). */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The table elements of an array value (anything else is ignored). */
export function tablesOf(value: unknown): Table[] {
  return Array.isArray(value) ? value.filter(isTable) : [];
}

/** Own entries of a table value; empty for anything else. */
export function entriesOf(value: unknown): [string, unknown][] {
  return isTable(value) ? Object.entries(value) : [];
}
