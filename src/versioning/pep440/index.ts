/**
 * PEP 440 ordering for PyPI, as OSV applies it. The grammar is the maintained
 * `@renovatebot/pep440` library's (`VERSION_PATTERN`, the PEP's own Appendix B regex); the
 * comparison is written here because the library converts numbers with `Number()` (losing
 * precision past 2^53) and throws away versions outside PEP 440, whereas OSV data needs both.
 *
 * Versions that are not valid PEP 440 (`1.0-SNAPSHOT`, `2004d`, `trunk`) are "legacy" versions
 * and follow OSV-SCALIBR (`semantic/version-pypi.go`, after setuptools' old `parse_version`):
 * they sort before every valid version and among themselves by their normalised parts.
 */
import { VERSION_PATTERN } from '@renovatebot/pep440/lib/version.js';
import { cachedParser } from '../cache.js';
import { compareDigits, compareStrings, isDigits, normalizeDigits } from '../digits.js';
import type { VersionScheme } from '../types.js';

/** A pre, post or dev segment: its normalised letter and number. */
interface LetterNumber {
  /** `a`, `b`, `rc`, `post` or `dev`. */
  readonly letter: string;
  /** Normalised digit string. */
  readonly number: string;
}

/** A parsed PyPI version: either PEP 440 segments or a legacy key. */
export type Pep440Version =
  | {
      readonly legacy: undefined;
      readonly epoch: string;
      /** Release numbers with trailing zeros removed (`1.0.0` and `1` are equal). */
      readonly release: readonly string[];
      readonly pre?: LetterNumber;
      readonly post?: LetterNumber;
      readonly dev?: LetterNumber;
      /** Local segment parts, lowercased; empty when there is no local segment. */
      readonly local: readonly string[];
    }
  | {
      /** Legacy sort key: the normalised parts joined (compared as a plain string). */
      readonly legacy: string;
    };

// Whitespace as Go's RE2 `\s` has it; the input is lowercased first (as SCALIBR does), so no
// case-insensitive flag is needed.
const PEP440 = new RegExp(`^[\\t\\n\\f\\r ]*${VERSION_PATTERN}[\\t\\n\\f\\r ]*$`);
const LEGACY_TOKEN = /\d+|[a-z]+|\.|-/g;
const LOCAL_SEPARATOR = /[._-]/;

function letterNumber(
  letter: string | undefined,
  number: string | undefined,
): LetterNumber | undefined {
  if (letter !== undefined && letter !== '') {
    const digits = number === undefined || number === '' ? '0' : normalizeDigits(number);
    return { letter: LETTER_ALIASES[letter] ?? letter, number: digits };
  }
  // A number without a letter is the implicit post-release syntax (`1.0-1`).
  if (number !== undefined && number !== '')
    return { letter: 'post', number: normalizeDigits(number) };
  return undefined;
}

const LETTER_ALIASES: Readonly<Record<string, string>> = {
  alpha: 'a',
  beta: 'b',
  c: 'rc',
  pre: 'rc',
  preview: 'rc',
  rev: 'post',
  r: 'post',
};

function normalizeLegacyPart(token: string): string {
  let part = token;
  if (part === 'pre' || part === 'preview' || part === 'rc') part = 'c';
  else if (part === '-') part = 'final-';
  else if (part === 'dev') part = '@';
  const first = part.charCodeAt(0);
  // Zero-pad numbers to eight digits so that string order is numeric order (setuptools' zfill).
  if (first >= 48 && first <= 57) return part.length >= 8 ? part : part.padStart(8, '0');
  return `*${part}`;
}

/** The legacy sort key of a (lowercased) string, as setuptools' old `parse_version` built it. */
function legacyKey(lower: string): string {
  const tokens: string[] = [...(lower.match(LEGACY_TOKEN) ?? [])];
  tokens.push('final');
  const parts: string[] = [];
  for (const token of tokens) {
    if (token === '.') continue;
    const part = normalizeLegacyPart(token);
    if (part.startsWith('*')) {
      // Drop a `-` before a prerelease tag, then the trailing zeros of the numeric run.
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts.join('');
}

/** Parse a PyPI version; never fails (invalid ones become legacy versions). */
export function parsePep440(version: string): Pep440Version {
  const lower = version.toLowerCase();
  const groups = PEP440.exec(lower)?.groups;
  if (groups === undefined) return { legacy: legacyKey(lower) };

  const release = (groups.release ?? '0').split('.').map(normalizeDigits);
  while (release.length > 0 && release.at(-1) === '0') release.pop();
  const local = groups.local === undefined ? [] : groups.local.split(LOCAL_SEPARATOR);
  return {
    legacy: undefined,
    epoch: groups.epoch === undefined ? '0' : normalizeDigits(groups.epoch),
    release,
    pre: letterNumber(groups.pre_l, groups.pre_n),
    post: letterNumber(groups.post_l, groups.post_n1 ?? groups.post_n2),
    dev: letterNumber(groups.dev_l, groups.dev_n),
    local,
  };
}

type Valid = Extract<Pep440Version, { legacy: undefined }>;

function compareOptionalNumber(
  a: LetterNumber | undefined,
  b: LetterNumber | undefined,
  missing: number,
): number {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    return a === undefined ? missing : -missing;
  }
  return compareDigits(a.number, b.number);
}

// `1.0.dev0` sorts before `1.0a0`: a dev release with no pre or post segment goes first.
function devOnly(v: Valid): boolean {
  return v.pre === undefined && v.post === undefined && v.dev !== undefined;
}

function comparePre(a: Valid, b: Valid): number {
  const ad = devOnly(a);
  const bd = devOnly(b);
  if (ad || bd) return ad === bd ? 0 : ad ? -1 : 1;
  if (a.pre === undefined || b.pre === undefined) {
    if (a.pre === b.pre) return 0;
    return a.pre === undefined ? 1 : -1;
  }
  // `a` < `b` < `rc`: the first letters order the phases.
  const c = compareStrings(a.pre.letter[0] ?? '', b.pre.letter[0] ?? '');
  return c !== 0 ? c : compareDigits(a.pre.number, b.pre.number);
}

function compareLocal(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = isDigits(x);
    const yn = isDigits(y);
    let c: number;
    if (xn && yn) c = compareDigits(normalizeDigits(x), normalizeDigits(y));
    else if (!xn && !yn) c = compareStrings(x, y);
    // A numeric part sorts after an alphanumeric one.
    else c = xn ? 1 : -1;
    if (c !== 0) return c;
  }
  if (a.length === b.length) return 0;
  return a.length < b.length ? -1 : 1;
}

/** Order two parsed versions (legacy ones first, then PEP 440's order). */
export function comparePep440Parsed(a: Pep440Version, b: Pep440Version): number {
  if (a.legacy !== undefined || b.legacy !== undefined) {
    if (a.legacy === undefined) return 1;
    if (b.legacy === undefined) return -1;
    return compareStrings(a.legacy, b.legacy);
  }
  let c = compareDigits(a.epoch, b.epoch);
  if (c !== 0) return c;
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    c = compareDigits(a.release[i] ?? '0', b.release[i] ?? '0');
    if (c !== 0) return c;
  }
  c = comparePre(a, b);
  if (c !== 0) return c;
  c = compareOptionalNumber(a.post, b.post, -1);
  if (c !== 0) return c;
  c = compareOptionalNumber(a.dev, b.dev, 1);
  if (c !== 0) return c;
  return compareLocal(a.local, b.local);
}

const parse = cachedParser(parsePep440);

/** PEP 440 with SCALIBR's legacy fallback (used for PyPI). */
export const pep440: VersionScheme<Pep440Version> = {
  name: 'pep440',
  parse,
  compare: (a, b) => comparePep440Parsed(parse(a), parse(b)),
  compareParsed: comparePep440Parsed,
  valid: (version) => parse(version).legacy === undefined,
};
