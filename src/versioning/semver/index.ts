/**
 * SemVer ordering as OSV applies it to npm, Go and crates.io (and SEMVER ranges). Hand-written
 * to follow OSV-SCALIBR's `semantic` package (`version-semver.go`, `version-semver-like.go`)
 * rather than node-semver, because OSV's ordering is deliberately lenient and a strict parser
 * would reject versions that real advisories and lockfiles contain:
 *
 * - one leading `v` is ignored (`v1.2.3` = `1.2.3`);
 * - the release is any number of dot-separated numbers; missing ones count as 0 (`1` = `1.0.0`);
 *   numbers of any size compare exactly (digit strings, never floats);
 * - the release ends at the first character that is neither a digit nor a dot; everything from
 *   there is the "build string" (`1.36.0rc1` has prerelease `rc1`);
 * - only three numbers are compared as the release: a fourth and later are appended to the
 *   build string (`1.2.3.4` → `1.2.3` with build `.4`), which then orders like a prerelease —
 *   SCALIBR's behaviour, kept so that matches agree with osv.dev;
 * - after dropping build metadata (from the first `+`) and one leading `-`, a non-empty rest is
 *   a prerelease, ordered per SemVer 2.0 §11 (dot-separated identifiers, numeric ones compared
 *   as numbers and below alphanumeric ones, which compare in ASCII order; a longer list of
 *   equal identifiers sorts higher; any prerelease sorts below the plain release);
 * - garbage never fails: `foo` has no release numbers (so 0.0.0) and prerelease `foo`.
 */
import { cachedParser } from '../cache.js';
import { compareDigits, compareStrings, normalizeDigits } from '../digits.js';
import type { VersionScheme } from '../types.js';

/** One prerelease identifier, with its numeric value when it is an integer. */
interface Identifier {
  readonly text: string;
  /** Set when the identifier is an integer (SCALIBR uses Go's big.Int, which accepts a sign). */
  readonly number?: { readonly negative: boolean; readonly digits: string };
}

/** A parsed version: release numbers (normalised digit strings) and prerelease identifiers. */
export interface SemverVersion {
  readonly release: readonly string[];
  /** Empty when the version is not a prerelease. */
  readonly prerelease: readonly Identifier[];
  /** Whether at least one release number was found (see `valid`). */
  readonly hasRelease: boolean;
}

const MAX_RELEASE_PARTS = 3;

function parseIdentifier(text: string): Identifier {
  let start = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 43 /* + */ || first === 45 /* - */) {
    negative = first === 45;
    start = 1;
  }
  if (start === text.length) return { text };
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return { text };
  }
  const digits = normalizeDigits(text.slice(start));
  // -0 and +0 are both zero.
  return { text, number: { negative: negative && digits !== '0', digits } };
}

function parsePrerelease(build: string): Identifier[] {
  const plusAt = build.indexOf('+');
  let pre = plusAt === -1 ? build : build.slice(0, plusAt);
  if (pre.startsWith('-')) pre = pre.slice(1);
  if (pre === '') return [];
  return pre.split('.').map(parseIdentifier);
}

/** Parse leniently; never fails (see the module comment). */
export function parseSemver(version: string): SemverVersion {
  const line = version.startsWith('v') ? version.slice(1) : version;
  const numbers: string[] = [];
  let build = '';
  let start = -1;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (start === -1) start = i;
      continue;
    }
    if (start !== -1) {
      numbers.push(normalizeDigits(line.slice(start, i)));
      start = -1;
    }
    if (c === 46 /* . */) continue;
    build = line.slice(i);
    break;
  }
  if (i === line.length && start !== -1) numbers.push(normalizeDigits(line.slice(start)));

  let release = numbers;
  if (numbers.length > MAX_RELEASE_PARTS) {
    release = numbers.slice(0, MAX_RELEASE_PARTS);
    for (const extra of numbers.slice(MAX_RELEASE_PARTS)) build += `.${extra}`;
  }
  return { release, prerelease: parsePrerelease(build), hasRelease: numbers.length > 0 };
}

function compareSigned(
  a: { readonly negative: boolean; readonly digits: string },
  b: { readonly negative: boolean; readonly digits: string },
): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const c = compareDigits(a.digits, b.digits);
  return a.negative ? -c : c;
}

function compareIdentifiers(a: Identifier, b: Identifier): number {
  if (a.number !== undefined && b.number !== undefined) return compareSigned(a.number, b.number);
  if (a.number === undefined && b.number === undefined) return compareStrings(a.text, b.text);
  // Numeric identifiers have lower precedence than alphanumeric ones (SemVer §11.4.3).
  return a.number !== undefined ? -1 : 1;
}

/** Order two parsed versions. */
export function compareSemverParsed(a: SemverVersion, b: SemverVersion): number {
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a.release[i] ?? '0', b.release[i] ?? '0');
    if (c !== 0) return c;
  }
  const ap = a.prerelease;
  const bp = b.prerelease;
  // A version with a prerelease sorts before the same version without one (§11.3).
  if (ap.length === 0 || bp.length === 0) {
    if (ap.length === bp.length) return 0;
    return ap.length === 0 ? 1 : -1;
  }
  const m = Math.min(ap.length, bp.length);
  for (let i = 0; i < m; i++) {
    const c = compareIdentifiers(ap[i]!, bp[i]!);
    if (c !== 0) return c;
  }
  if (ap.length === bp.length) return 0;
  return ap.length < bp.length ? -1 : 1;
}

const parse = cachedParser(parseSemver);

/** SemVer as OSV applies it (used for npm, Go, crates.io and `SEMVER` ranges). */
export const semver: VersionScheme<SemverVersion> = {
  name: 'semver',
  parse,
  compare: (a, b) => compareSemverParsed(parse(a), parse(b)),
  compareParsed: compareSemverParsed,
  // Lenient parsing gives every string a place; "valid" means it at least starts a release.
  valid: (version) => parse(version).hasRelease,
};
