/**
 * Order of OSV `modified` timestamps (RFC 3339, UTC, `Z`). The API gives microseconds
 * (`2023-03-14T05:47:39.989396Z`) and records may give none, so neither `Date.parse` (which
 * keeps milliseconds) nor comparing strings (`39Z` sorts after `39.5Z`) is exact.
 */

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Negative when `a` is earlier than `b`, positive when later, 0 when equal; undefined when
 * either is not an RFC 3339 UTC timestamp.
 */
export function compareTimestamps(a: string, b: string): number | undefined {
  const x = split(a);
  const y = split(b);
  if (x === undefined || y === undefined) return undefined;
  if (x.seconds !== y.seconds) return x.seconds < y.seconds ? -1 : 1;
  if (x.fraction === y.fraction) return 0;
  return x.fraction < y.fraction ? -1 : 1;
}

function split(value: string): { seconds: number; fraction: string } | undefined {
  const match = TIMESTAMP.exec(value);
  if (match === null) return undefined;
  const seconds = Date.parse(`${match[1]}Z`);
  if (Number.isNaN(seconds)) return undefined;
  // Nine digits, so that the strings compare as the numbers they are.
  return { seconds, fraction: (match[2] ?? '').padEnd(9, '0') };
}
