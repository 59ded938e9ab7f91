/**
 * Exact comparison of arbitrarily large non-negative integers held as decimal digit strings.
 * Version components can exceed 2^53 (the vectors use 30-digit numbers), and BigInt per
 * comparison is slower than comparing normalised strings.
 */

/** `digits` without leading zeros (`"0"` for all zeros). Input must be ASCII digits only. */
export function normalizeDigits(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}

/** Numeric order of two digit strings already passed through `normalizeDigits`. */
export function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Whether every character of a non-empty string is an ASCII digit. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Byte-order comparison of ASCII strings (Go's `strings.Compare`), as -1, 0 or 1. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
