/**
 * Declared licences: turn a licence as a source states it (an SPDX field, a trove classifier,
 * a Hugging Face licence tag, free text) into a normalised statement that never claims more
 * than the source says. Exact readings are `declared`; corrections of near-misses are
 * `medium`, always with `corrected: { from, to }`; anything that cannot be read without
 * guessing has no ids and a `reason`.
 */
import {
  correctName,
  MAX_CORRECTABLE_LENGTH,
  parseExpression,
  type ParsedExpression,
} from './spdx.js';
import { HF_LICENSE_TAGS, TROVE_CLASSIFIERS, type TableEntry } from './tables.js';

export { HF_LICENSE_TAGS, TROVE_CLASSIFIERS, type TableEntry } from './tables.js';

/** Where a licence statement comes from, which decides how it is read. */
export type DeclaredKind = 'spdx-field' | 'classifier' | 'hf-tag' | 'free-text';

/** A licence as a source states it. */
export interface DeclaredInput {
  /** The statement, as written. */
  readonly value: string;
  readonly kind: DeclaredKind;
  /** Model-card `license_name:` (meaningful with the tag `other`). */
  readonly name?: string;
  /** Model-card `license_link:` (meaningful with the tag `other`). */
  readonly link?: string;
}

/** A declared licence, normalised. */
export interface DeclaredLicense {
  /** Canonical SPDX expression (ids in canonical case, `AND`/`OR`/`WITH`, minimal parentheses). */
  readonly expression?: string;
  /** Licence ids in `expression`, sorted and unique (exceptions and `+` are in the expression only). */
  readonly ids: readonly string[];
  /** `declared`: read exactly as stated; `medium`: corrected or partly inferred, a hint only. */
  readonly confidence: 'declared' | 'medium';
  /** Present when a misspelt statement was corrected: what was written and what it became. */
  readonly corrected?: { readonly from: string; readonly to: string };
  /** The statement (or the part of it) that could not be turned into ids. */
  readonly unknown?: string;
  /** Why there are no ids, or why the confidence is only `medium`. */
  readonly reason?: string;
  /** The file a `SEE LICENSE IN <file>` statement points to. */
  readonly file?: string;
  /** Passed through from the input (model-card `license_name:`). */
  readonly name?: string;
  /** Passed through from the input (model-card `license_link:`). */
  readonly link?: string;
}

/** Longest statement read at all; longer ones are reported unknown without being parsed. */
export const MAX_INPUT_LENGTH = 10_000;
/** Most entries read from a package.json `licenses` array. */
export const MAX_LEGACY_ENTRIES = 32;

/** Values that mean "nothing stated". */
const PLACEHOLDERS = new Set(['unknown', 'noassertion', 'none', 'n/a', 'na', '-']);
const SEE_LICENSE = /^see licen[cs]e in\s+(.+)$/i;

function unknown(
  value: string,
  reason: string,
  extra: Partial<DeclaredLicense> = {},
): DeclaredLicense {
  return { ids: [], confidence: 'declared', unknown: value, reason, ...extra };
}

function fromParsed(parsed: ParsedExpression): DeclaredLicense {
  return { expression: parsed.expression, ids: [...parsed.ids], confidence: 'declared' };
}

function passThrough(input: DeclaredInput): Partial<DeclaredLicense> {
  const out: { name?: string; link?: string } = {};
  if (typeof input.name === 'string' && input.name.trim() !== '')
    out.name = input.name.trim().slice(0, 500);
  if (typeof input.link === 'string' && input.link.trim() !== '')
    out.link = input.link.trim().slice(0, 2000);
  return out;
}

/** Parse a licence statement into a normalised declared licence. Never throws. */
export function parseDeclared(input: DeclaredInput): DeclaredLicense {
  const raw: unknown = input.value;
  if (typeof raw !== 'string') return unknown('', 'the licence value is not a string');
  if (raw.length > MAX_INPUT_LENGTH) {
    return unknown(
      `${raw.slice(0, 80)}…`,
      `the statement is longer than ${MAX_INPUT_LENGTH} characters; too long to be a licence name or expression`,
    );
  }
  const value = raw.trim();
  if (value === '') return unknown('', 'the licence value is empty');
  switch (input.kind) {
    case 'classifier':
      return fromClassifier(value);
    case 'hf-tag':
      return fromHfTag(value, input);
    case 'spdx-field':
    case 'free-text':
      return fromStatement(value);
  }
}

function fromEntry(value: string, entry: TableEntry, source: string): DeclaredLicense {
  if ('spdx' in entry) {
    const base = { expression: entry.spdx, ids: [entry.spdx] };
    return entry.medium === undefined
      ? { ...base, confidence: 'declared' }
      : { ...base, confidence: 'medium', reason: entry.medium };
  }
  if ('ref' in entry) {
    const id = `LicenseRef-${entry.ref}`;
    return { expression: id, ids: [id], confidence: 'declared' };
  }
  return unknown(value, `${source}: ${entry.none}`);
}

function fromClassifier(value: string): DeclaredLicense {
  // Classifiers are matched exactly, bar whitespace around the separators.
  const normalised = value
    .split('::')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .join(' :: ');
  const entry = TROVE_CLASSIFIERS.get(normalised);
  if (entry !== undefined) return fromEntry(normalised, entry, 'trove classifier');
  if (!normalised.startsWith('License ::'))
    return unknown(normalised, 'not a License :: trove classifier');
  return unknown(normalised, 'not a known License :: trove classifier');
}

function fromHfTag(value: string, input: DeclaredInput): DeclaredLicense {
  const tag = value.toLowerCase();
  if (tag === 'other') {
    return unknown(
      value,
      'the model card says license: other; its licence is named by license_name/license_link, not identified here',
      passThrough(input),
    );
  }
  const entry = HF_LICENSE_TAGS.get(tag);
  if (entry !== undefined) return fromEntry(value, entry, 'Hugging Face licence tag');
  // Not a Hub tag: some cards put an SPDX expression in `license:`.
  const parsed = parseExpression(value);
  if (parsed !== undefined) return fromParsed(parsed);
  return unknown(
    value,
    'not a Hugging Face licence tag nor an SPDX expression',
    passThrough(input),
  );
}

/** An SPDX field or free text (package.json `license`, `License:`, `License-Expression:`, Cargo, …). */
function fromStatement(value: string): DeclaredLicense {
  if (PLACEHOLDERS.has(value.toLowerCase())) return unknown(value, 'the source states no licence');
  if (value.toLowerCase() === 'unlicensed') {
    // npm's marker for "not licensed for use by others"; spdx-correct would turn it into
    // the Unlicense, the opposite.
    return unknown(
      value,
      'proprietary: UNLICENSED means the package grants no licence to use it (not the Unlicense)',
    );
  }
  const see = SEE_LICENSE.exec(value);
  if (see !== null) {
    const file = (see[1] ?? '').trim();
    return unknown(value, `the licence is in the file ${file}, not stated here`, { file });
  }
  if (/^(proprietary|commercial|all rights reserved|private)$/i.test(value)) {
    return unknown(value, 'proprietary: no open-source licence is granted');
  }
  if (/^(?:in the )?public[ -]domain$/i.test(value)) {
    return unknown(value, 'public domain is a status, not a licence; no SPDX id states it');
  }
  const parsed = parseExpression(value);
  if (parsed !== undefined) return fromParsed(parsed);
  if (/[\r\n]/.test(value) || value.length > MAX_CORRECTABLE_LENGTH) {
    return unknown(
      `${value.slice(0, 80)}${value.length > 80 ? '…' : ''}`,
      'looks like licence text, not a licence name; identify it with the text matcher',
    );
  }
  return correctStatement(value);
}

/** "or later" phrases are part of a licence name, not an OR between licences. */
const OR_LATER_PHRASE = /\bor\s+(?:any\s+)?(?:later|newer)\b/gi;

/** Correct a misspelt name, or a short "A or B" / "A and B" / "A/B" of misspelt names. */
function correctStatement(value: string): DeclaredLicense {
  const combined = correctCombination(value);
  if (combined !== undefined) return combined;
  // spdx-correct reads a combination as one name and silently drops all but one part
  // ("MIT or Apache 2" → Apache-2.0), so a statement with operators is never corrected whole.
  if (/\b(?:and|or|with)\b/i.test(value.replace(OR_LATER_PHRASE, ''))) {
    return unknown(
      value,
      'not an SPDX expression, and its parts cannot all be corrected with certainty',
    );
  }
  // "MIT, Apache-2.0", "GPL-2.0+ BSD-3-Clause": several ids with no operator. spdx-correct
  // would keep one and drop the rest.
  const ids = value.split(/[\s,;]+/).filter((part) => strictId(part) !== undefined);
  if (ids.length >= 2) {
    return unknown(
      value,
      'names several licences with no operator between them; whether one may choose (OR) or must comply with all (AND) is not stated',
    );
  }
  const whole = correctName(value);
  if (whole.kind === 'id') return corrected(value, whole.id);
  if (whole.kind === 'ambiguous') return unknown(value, whole.reason);
  return unknown(value, 'not an SPDX expression, and no correction is certain enough to offer');
}

function corrected(from: string, to: string): DeclaredLicense {
  const parsed = parseExpression(to);
  const ids = parsed === undefined ? [to] : [...parsed.ids];
  return {
    expression: parsed?.expression ?? to,
    ids,
    confidence: 'medium',
    corrected: { from, to: parsed?.expression ?? to },
  };
}

/** A single SPDX id (no operators), canonical case; undefined otherwise. */
function strictId(part: string): string | undefined {
  const parsed = parseExpression(part);
  return parsed !== undefined && !/\s/.test(parsed.expression) ? parsed.expression : undefined;
}

function correctCombination(value: string): DeclaredLicense | undefined {
  // "MIT/Apache-2.0" (Cargo's legacy form) only when every part is an exact id: a slash is
  // also part of names such as "zlib/libpng".
  if (value.includes('/')) {
    const parts = value.split('/').map((p) => p.trim());
    if (parts.length > 8) return undefined;
    // Exact case required: "zlib/libpng" is one licence although both words are ids.
    const ids = parts.map((p) => (strictId(p) === p ? p : undefined));
    if (ids.every((id): id is string => id !== undefined))
      return corrected(value, ids.join(' OR '));
    return undefined;
  }
  const operators = value.replace(OR_LATER_PHRASE, '');
  const hasOr = /\s+or\s+/i.test(operators);
  const hasAnd = /\s+and\s+/i.test(operators);
  // Mixed operators without parentheses leave precedence to guesswork.
  if (hasOr === hasAnd) return undefined;
  const parts = splitOutside(value, hasOr ? 'or' : 'and');
  if (parts.length < 2 || parts.length > 8 || parts.some((p) => p === '')) return undefined;
  const ids: string[] = [];
  const reasons: string[] = [];
  for (const part of parts) {
    const exact = strictId(part);
    if (exact !== undefined) {
      ids.push(exact);
      continue;
    }
    const c = correctName(part);
    if (c.kind === 'id') ids.push(c.id);
    else if (c.kind === 'ambiguous') reasons.push(c.reason);
    else return undefined;
  }
  if (reasons.length > 0) return unknown(value, reasons.join('; '));
  return corrected(value, ids.join(hasOr ? ' OR ' : ' AND '));
}

/** Split on the operator word, leaving "or later" phrases inside their part. */
function splitOutside(value: string, op: 'or' | 'and'): string[] {
  const marker = '\u0000';
  const protectedValue = value.replace(OR_LATER_PHRASE, (m) => m.replace(/\s+/g, marker));
  return protectedValue
    .split(op === 'or' ? /\s+or\s+/i : /\s+and\s+/i)
    .map((p) => p.split(marker).join(' ').trim());
}

/**
 * Read a package.json `license` or `licenses` value, including the legacy forms npm still
 * meets: `{ type, url }` objects and arrays of them (or of strings), which mean "any of".
 */
export function fromPackageJson(value: unknown): DeclaredLicense {
  if (typeof value === 'string') return parseDeclared({ value, kind: 'spdx-field' });
  if (Array.isArray(value)) {
    if (value.length === 0) return unknown('', 'the licenses array is empty');
    if (value.length > MAX_LEGACY_ENTRIES) {
      return unknown('', `the licenses array has more than ${MAX_LEGACY_ENTRIES} entries`);
    }
    if (value.length === 1) return fromPackageJson(value[0]);
    return anyOf(value.map((v) => fromPackageJson(v)));
  }
  if (value !== null && typeof value === 'object') {
    const { type, url } = value as { type?: unknown; url?: unknown };
    const link =
      typeof url === 'string' && url.trim() !== '' ? { link: url.trim().slice(0, 2000) } : {};
    if (typeof type !== 'string')
      return unknown('', 'the licence object has no "type" string', link);
    const parsed = parseDeclared({ value: type, kind: 'spdx-field' });
    return { ...parsed, ...link };
  }
  return unknown('', 'the licence value is neither a string, an object nor an array');
}

/** OR of several declared licences (package.json `licenses` arrays). */
function anyOf(parts: readonly DeclaredLicense[]): DeclaredLicense {
  const confidence = parts.some((p) => p.confidence === 'medium') ? 'medium' : 'declared';
  const unresolved = parts.filter((p) => p.expression === undefined);
  const ids = [...new Set(parts.flatMap((p) => p.ids))].sort();
  if (unresolved.length > 0) {
    return {
      ids,
      confidence,
      unknown: unresolved.map((p) => p.unknown ?? '').join(', '),
      reason: `the licences are alternatives and not all could be read: ${unresolved.map((p) => p.reason ?? '').join('; ')}`,
    };
  }
  const expressions = parts.map((p) => p.expression ?? '');
  // Parenthesise each part, then let the parser drop what is redundant and canonicalise.
  const joined = expressions.map((e) => `(${e})`).join(' OR ');
  const parsed = parseExpression(joined);
  const expression = parsed?.expression ?? expressions.join(' OR ');
  const out: DeclaredLicense = { expression, ids, confidence };
  if (!parts.some((p) => p.corrected !== undefined)) return out;
  const from = parts.map((p) => p.corrected?.from ?? p.expression ?? '').join(' OR ');
  return { ...out, corrected: { from, to: expression } };
}
