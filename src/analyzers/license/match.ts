/**
 * Full-text licence identification against every SPDX licence text in `spdx-license-list`.
 *
 * 1. Each reference text is normalised (normalize.ts) once, lazily, on the first call; texts
 *    that normalise to the same tokens (GPL-2.0-only and GPL-2.0-or-later, deprecated ids) share
 *    one entry, because the text alone cannot tell them apart.
 * 2. Exact: the normalised input equals a reference (hash lookup) → `exact`.
 * 3. Otherwise candidates come from an inverted index of token 3-grams (shingles), ranked by
 *    Dice overlap; the best few are diffed token by token (diff.ts).
 * 4. `high` only when the similarity is very high, the changes are few, and none of them falls
 *    where the reference differs from a near-identical licence (its "siblings": Apache-2.0 vs
 *    Pixar, BSD-3-Clause vs its variants, MIT vs MIT-0…), so the words that tell them apart
 *    are all present as in the reference. Anything else similar enough is `medium`: a hint,
 *    never a conclusion.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { diffResult, diffTokens, type DiffResult } from './diff.js';
import { normalize, normalizedWords, type NormalizedText } from './normalize.js';
import { placeholderSpans } from './placeholders.js';

export type Confidence = 'exact' | 'high' | 'medium';

export interface LicenseMatch {
  /** SPDX id (the preferred one when several ids share the same text, see `sameText`). */
  readonly license: string;
  readonly confidence: Confidence;
  /** Token similarity to the reference, 0..1 (Dice over the diff's common tokens). */
  readonly score: number;
  readonly startLine: number;
  readonly endLine: number;
  /**
   * Other SPDX ids whose reference text is the same after normalisation (e.g. GPL-2.0-only
   * and GPL-2.0-or-later). The text cannot decide between them; a notice elsewhere must.
   */
  readonly sameText?: readonly string[];
  /** What the match rests on: a licence text, a notice or grant, an identifier line, a URL, a manifest's declared field. */
  readonly via?: 'text' | 'notice' | 'identifier' | 'reference' | 'declared';
  /**
   * Why the answer is what it is when it is not the obvious one, e.g. a family answer
   * ("GPL-3.0: the text is the same for -only and -or-later and no notice says which").
   */
  readonly reason?: string;
  /**
   * Present when the text fits several ids and nothing in the file decides between them: the
   * candidates (e.g. GPL-2.0-only and GPL-2.0-or-later). `license` then names the family
   * (`GPL-2.0-*`), which is not an SPDX id and never a conclusion.
   */
  readonly family?: readonly string[];
}

interface Reference {
  /** SPDX ids sharing this text, preferred first. */
  readonly ids: readonly string[];
  readonly tokens: Int32Array;
  readonly shingleCount: number;
  /** Optional parts (SPDX templates): tokens [0, title) are the title, [appendix, end) the appendix. */
  readonly title: number;
  readonly appendix: number;
  /** Other optional spans [from, to) (a Creative Commons disclaimer). */
  readonly optional?: readonly (readonly [number, number])[];
  /** Placeholder spans [from, to) ("<Name of Institution>"): variable text (placeholders.ts). */
  readonly variable?: readonly (readonly [number, number])[];
  /** 1 at each token of a placeholder span. */
  readonly variableMask?: Uint8Array;
  siblings?: readonly Sibling[];
  /** Its siblings as the prebuilt index stores them, unpacked on first use. */
  readonly packedSiblings?: Int32Array;
  /** Its shingles, kept once it has been looked for inside a file, and their filter. */
  sortedShingles?: Int32Array;
  shingleBloom?: Uint32Array;
  /** What marks where a copy of its text starts in a file (openingOf). */
  opening?: Opening;
}

interface Sibling {
  readonly ref: number;
  /** Positions of the reference where this sibling differs (next to an insertion, or deleted). */
  readonly differs: readonly number[];
  /** The words this sibling has that the reference lacks, by gap of the reference (before token g). */
  readonly inserts: ReadonlyMap<number, readonly number[]>;
}

interface Index {
  readonly refs: readonly Reference[];
  /** Hash of the normalised tokens → references with that hash (compared in full on lookup). */
  readonly byText: ReadonlyMap<number, readonly number[]>;
  readonly shingleIndex: ShingleIndex;
  readonly vocab: Map<string, number>;
}

/** Similarity at or above which a match may be `high`. */
const HIGH_SCORE = 0.97;
/** Most changed tokens (insertions + deletions) a `high` match may carry… */
const HIGH_MAX_CHANGES = 40;
/** …or this share of a long reference (names and addresses substituted across a long text). */
const HIGH_MAX_CHANGE_SHARE = 0.03;
/** Changes a verified match of a short text may carry below HIGH_SCORE, down to SHORT_TEXT_SCORE. */
const SHORT_TEXT_MAX_CHANGES = 2;
const SHORT_TEXT_SCORE = 0.9;
/** Similarity under which nothing is reported. */
const MEDIUM_SCORE = 0.6;
/** Longest run of extra or missing tokens at one place a `high` match may carry (a whole clause is not "high"). */
const HIGH_MAX_INSERTED_RUN = 6;
/**
 * Words that change what a licence permits when added or removed ("not", "only", "commercial"
 * …). A `high` match may differ from its reference in titles, URLs or typography, never in these.
 */
const MEANINGFUL_WORDS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'except',
  'exception',
  'exceptions',
  'only',
  'without',
  'unless',
  'commercial',
  'noncommercial',
  'prohibited',
  'prohibit',
  'restrict',
  'restricted',
  'restriction',
  'restrictions',
  'must',
  'shall',
  'may',
  'cannot',
  'limited',
  'revocable',
  'irrevocable',
  'exclusive',
  'nonexclusive',
  'military',
  'evil',
  'patent',
  'patents',
  'fee',
  'royalty',
  'sell',
  // "retain the above copyright notice unmodified": an obligation the licence does not have.
  'unmodified',
]);

/**
 * The rights a licence grants ("use, copy, modify, merge, publish, distribute, sublicense"): a
 * copy that leaves one out grants less, unless another form of the word takes its place
 * ("copies" → "copy").
 */
const RIGHT_WORDS: ReadonlySet<string> = new Set([
  'copy',
  'modify',
  'merge',
  'publish',
  'distribute',
  'redistribute',
  'sublicense',
]);

/** Shingle overlap below a verified candidate's at which another is no longer a sibling worth a diff. */
const SIBLING_SPREAD = 0.05;
/** Raw similarity a candidate may lose to optional parts it leaves out (title, appendix). */
const OMITTED_SLACK = 0.05;
/** Shingle overlap needed to diff a candidate at all. */
const CANDIDATE_DICE = 0.3;
const MAX_CANDIDATES = 6;
/** Candidates whose shingle overlap is this far below the best one are not diffed. */
const CANDIDATE_SPREAD = 0.15;
/**
 * Shingle overlap under which a whole-file candidate is not diffed: such a text is too far from
 * the reference for a verified match, and a diff of two long, different texts is the single
 * most expensive step of identification.
 */
const DIFF_DICE = 0.7;
/** Siblings: references whose shingle overlap with a reference is at least this. */
const SIBLING_DICE = 0.5;
/** Most edits between two reference texts for them to be siblings. */
const SIBLING_MAX_EDITS = 400;
/** Inputs are cut at this many tokens (≈ 4× the longest SPDX licence). */
const MAX_INPUT_TOKENS = 60_000;
/** Shingles found in more references than this are too common to rank by. */
const MAX_POSTING = 200;

let index: Index | undefined;

/** Deprecated SPDX ids (GPL-2.0, GPL-2.0+ …) come after current ones when several share a text. */
function preference(id: string): number {
  if (/\+$|^(?:[AL]?GPL|GFDL)-\d\.\d$/.test(id) || /-with-/.test(id)) return 2;
  if (/-or-later$/.test(id)) return 1;
  return 0;
}

/** The reference's tokens as ids of `vocab`, new words added (the index build). */
function intern(vocab: Map<string, number>, tokens: readonly string[]): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    let id = vocab.get(t);
    if (id === undefined) {
      id = vocab.size;
      vocab.set(t, id);
    }
    out[i] = id;
  }
  return out;
}

/**
 * The index's word id of each word in the normaliser's table (-1: no reference has it), filled
 * as the table grows; for `indexVocab`.
 */
let indexIdOf = new Int32Array(0);
let indexVocab: ReadonlyMap<string, number> | undefined;
let mappedWords = 0;

/**
 * intern() for an input: the index's ids of the first `count` tokens of `norm`, found through the
 * normaliser's word ids, so that a word costs one array read rather than a string lookup.
 */
function inputIds(
  vocab: ReadonlyMap<string, number>,
  norm: NormalizedText,
  count: number,
): Int32Array {
  if (indexVocab !== vocab) {
    indexVocab = vocab;
    mappedWords = 0;
  }
  const known = normalizedWords.size;
  if (known > mappedWords) {
    if (known > indexIdOf.length) {
      const grown = new Int32Array(Math.max(known, 2 * indexIdOf.length));
      grown.set(indexIdOf.subarray(0, mappedWords));
      indexIdOf = grown;
    }
    for (let w = mappedWords; w < known; w++)
      indexIdOf[w] = vocab.get(normalizedWords.words[w] as string) ?? -1;
    mappedWords = known;
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const w = norm.ids[i] as number;
    const id = w >= 0 ? (indexIdOf[w] as number) : (vocab.get(norm.tokens[i] as string) ?? -1);
    out[i] = id >= 0 ? id : -1 - i; // unknown input words never match anything
  }
  return out;
}

function shingleHash(a: number, b: number, c: number): number {
  return (
    Math.imul(a, 0x9e3779b1) ^
    Math.imul(b + 0x632be5ab, 0x85ebca77) ^
    Math.imul(c + 0x5bd1e995, 0xc2b2ae3d)
  );
}

/** Distinct 32-bit hashes of the token 3-grams, sorted. Collisions only blur the ranking. */
function shingles(tokens: Int32Array): Int32Array {
  const out = new Int32Array(Math.max(0, tokens.length - 2));
  let n = 0;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const a = tokens[i] as number;
    const b = tokens[i + 1] as number;
    const c = tokens[i + 2] as number;
    if (a < 0 || b < 0 || c < 0) continue; // words no reference has
    out[n++] = shingleHash(a, b, c);
  }
  const sorted = out.subarray(0, n).sort();
  let u = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[u++] = sorted[i] as number;
  return sorted.subarray(0, u);
}

/**
 * The SPDX licence list still carries deprecated "GPL-x-with-y-exception" ids (and wxWindows)
 * whose text in spdx-license-list is the exception text alone. That text proves the exception,
 * not the GPL, so it is reported under the exception's own SPDX id.
 */
export const EXCEPTION_TEXT_IDS: Readonly<Record<string, string>> = {
  'GPL-2.0-with-autoconf-exception': 'Autoconf-exception-2.0',
  'GPL-3.0-with-autoconf-exception': 'Autoconf-exception-3.0',
  'GPL-2.0-with-bison-exception': 'Bison-exception-2.2',
  'GPL-2.0-with-classpath-exception': 'Classpath-exception-2.0',
  'GPL-2.0-with-font-exception': 'Font-exception-2.0',
  'GPL-2.0-with-GCC-exception': 'GCC-exception-2.0',
  'GPL-3.0-with-GCC-exception': 'GCC-exception-3.1',
  wxWindows: 'WxWindows-exception-3.1',
};

/**
 * Inverted index from shingle hash to the references containing it: an open-addressing hash
 * table of keys whose postings lie contiguously in one typed array (CSR layout: one allocation
 * for ~700k entries, where a Map of arrays costs several times the start-up budget, and a scan
 * of a slot's postings reads consecutive memory, which is what the per-file ranking costs).
 */
interface ShingleIndex {
  readonly mask: number;
  readonly shift: number;
  readonly keys: Int32Array;
  /** Per slot: the number of references with that shingle (0 = empty slot)… */
  readonly counts: Int32Array;
  /** …and where they start in `refOf`. */
  readonly starts: Int32Array;
  readonly refOf: Int32Array;
}

function buildShingleIndex(perRef: readonly Int32Array[], total: number): ShingleIndex {
  let bits = 1;
  while (1 << bits < total) bits++; // many shingles repeat across references: load stays under 1/2
  const size = 1 << bits;
  const mask = size - 1;
  const keys = new Int32Array(size);
  const counts = new Int32Array(size);
  const slotOf = new Int32Array(total);
  let p = 0;
  for (let r = 0; r < perRef.length; r++) {
    for (const h of perRef[r] as Int32Array) {
      let slot = Math.imul(h, 0x9e3779b1) >>> (32 - bits);
      while (counts[slot] !== 0 && keys[slot] !== h) slot = (slot + 1) & mask;
      keys[slot] = h;
      counts[slot] = (counts[slot] as number) + 1;
      slotOf[p++] = slot;
    }
  }
  const starts = new Int32Array(size);
  for (let slot = 0, at = 0; slot < size; slot++) {
    starts[slot] = at;
    at += counts[slot] as number;
  }
  const fill = starts.slice();
  const refOf = new Int32Array(total);
  p = 0;
  for (let r = 0; r < perRef.length; r++) {
    const n = (perRef[r] as Int32Array).length;
    for (let i = 0; i < n; i++) {
      const slot = slotOf[p++] as number;
      refOf[fill[slot] as number] = r;
      fill[slot] = (fill[slot] as number) + 1;
    }
  }
  return { mask, shift: 32 - bits, keys, counts, starts, refOf };
}

/** FNV-1a over token ids: the key of the exact-text lookup. */
function hashTokens(tokens: Int32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < tokens.length; i++) h = Math.imul(h ^ (tokens[i] as number), 0x01000193);
  return h;
}

function sameTokens(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The ids of a phrase's words (normalised, space-separated); -1 for a word not in `vocab`. */
function phraseIds(vocab: ReadonlyMap<string, number>, words: string): number[] {
  return words.split(' ').map((w) => vocab.get(w) ?? -1);
}

/**
 * The SPDX templates mark the "How to apply these terms" appendix that follows "END OF TERMS AND
 * CONDITIONS" (Apache-2.0, the GPL family …; the GFDL's addendum) as optional, and most copies
 * leave it out. Returns where the appendix starts (the text length when there is none).
 */
function appendixStart(tokens: Int32Array, vocab: ReadonlyMap<string, number>): number {
  const marker = phraseIds(vocab, 'end of terms and conditions');
  const at = findPhrase(tokens, marker, 0, tokens.length);
  if (at >= 0) {
    const end = at + marker.length;
    // Only a real appendix: a few trailing words are part of the licence itself.
    return tokens.length - end >= 20 ? end : tokens.length;
  }
  // The GFDL's terms end before its "ADDENDUM: How to use this License for your documents",
  // instructions like the GPL's "How to Apply These Terms" that many copies leave out.
  const addendum = phraseIds(vocab, 'addendum how to use this license for your');
  const added = findPhrase(tokens, addendum, Math.floor(tokens.length * 0.7), tokens.length);
  if (added >= 0) return added;
  // Apache 1.x ends with a word about the Apache Software Foundation ("This software consists of
  // voluntary contributions made by many individuals on behalf of the Apache …"), which the
  // SPDX templates mark optional: it is about the ASF, not a term.
  const volunteers = phraseIds(
    vocab,
    'this software consists of voluntary contributions made by many individuals on behalf of the apache',
  );
  const asf = findPhrase(tokens, volunteers, Math.floor(tokens.length * 0.7), tokens.length);
  if (asf >= 0) return asf;
  // The Open Publication License ends with a policy appendix "(This is not considered part of
  // the license.)", which the SPDX template marks optional.
  const notPart = phraseIds(vocab, 'policy appendix this is not considered part of the license');
  const policy = findPhrase(tokens, notPart, Math.floor(tokens.length * 0.7), tokens.length);
  if (policy >= 0) return policy;
  // Creative Commons licences end with CC's own notice ("Creative Commons is not a party to this
  // License …", "Creative Commons may be contacted at …"), which the SPDX templates mark optional:
  // it is about CC, not a term of the licence, and many copies leave it out.
  const ccNotice = phraseIds(vocab, 'creative commons is not a party');
  const tail = Math.floor(tokens.length * 0.7);
  const notice = findPhrase(tokens, ccNotice, tail, tokens.length);
  if (notice >= 0) {
    // "Creative Commons Notice" heading right before it belongs to it.
    const heading = phraseIds(vocab, 'creative commons notice');
    return findPhrase(tokens, heading, notice - 3, notice) >= 0 ? notice - 3 : notice;
  }
  return tokens.length;
}

/**
 * The LGPL part of an LGPL-3.0 text that goes on with the GPL-3.0 ("This version of the GNU
 * Lesser General Public License incorporates … version 3 of the GNU General Public License"),
 * or undefined for any other text.
 */
function lesserPart(
  tokens: Int32Array,
  vocab: ReadonlyMap<string, number>,
): Int32Array | undefined {
  const ids = (words: string): number[] => phraseIds(vocab, words);
  if (findPhrase(tokens, ids('this version of the gnu lesser general public license'), 0, 60) < 0) {
    return undefined;
  }
  const gpl = findPhrase(
    tokens,
    ids('gnu general public license version 3 29 june 2007'),
    60,
    tokens.length,
  );
  return gpl < 0 ? undefined : tokens.subarray(0, gpl);
}

/** First position in [from, to) where `phrase` starts, or -1. */
function findPhrase(
  tokens: Int32Array,
  phrase: readonly number[],
  from: number,
  to: number,
): number {
  for (let i = Math.max(0, from); i < to && i + phrase.length <= tokens.length; i++) {
    if (phrase.every((m, k) => tokens[i + k] === m)) return i;
  }
  return -1;
}

/**
 * Creative Commons licences open with CC's disclaimer ("Creative Commons Corporation is not a
 * law firm … disclaims liability for damages resulting from its use"; CC0's; 4.0's longer
 * "Using Creative Commons Public Licenses" section, to "More considerations for the public"),
 * which the SPDX templates mark optional: it is not a term of the licence. Returns its token
 * span, if any.
 */
function leadingDisclaimer(
  tokens: Int32Array,
  vocab: ReadonlyMap<string, number>,
): [number, number] | undefined {
  const ids = (words: string): number[] => phraseIds(vocab, words);
  let at = -1;
  for (const words of [
    'creative commons corporation is not a law firm',
    'creative commons corporation creative commons is not a law firm',
  ]) {
    at = findPhrase(tokens, ids(words), 0, Math.min(tokens.length, 40));
    if (at >= 0) break;
  }
  if (at < 0) return undefined;
  for (const words of [
    'resulting from its use',
    'resulting from the use of this document or the information or works provided hereunder',
    'more considerations for the public',
  ]) {
    const end = ids(words);
    const last = findPhrase(tokens, end, at, Math.min(tokens.length, at + MAX_CC_DISCLAIMER));
    if (last >= 0) return [at, last + end.length];
  }
  return undefined;
}

/** Longest Creative Commons disclaimer before a licence, in words (4.0's is about 420). */
const MAX_CC_DISCLAIMER = 600;

/**
 * The licence title ("ISC License", "The MIT License", "MIT No Attribution") is optional in the
 * SPDX templates and many copies leave it out. Returns how many leading tokens form a title: the
 * first line when it is short and names a licence, or is the licence's name in the SPDX list;
 * 0 when there is none.
 */
function titleLength(
  norm: NormalizedText,
  vocab: ReadonlyMap<string, number>,
  tokens: Int32Array,
  name: string,
): number {
  const first = norm.lines[0];
  let n = 0;
  while (n < norm.lines.length && norm.lines[n] === first) n++;
  if (n === 0 || n > 12 || n >= tokens.length - 20) return 0;
  const licenseIds = ['license', 'licenses', 'agreement', 'terms'].map((w) => vocab.get(w));
  for (let i = 0; i < n; i++) if (licenseIds.includes(tokens[i])) return n;
  const named = normalize(name).tokens;
  return named.length === n && named.every((w, i) => vocab.get(w) === tokens[i]) ? n : 0;
}

/** Builds (once) the index of every licence in spdx-license-list. */
/**
 * The reference index: prebuilt at build time (scripts/build-license-index.mjs writes
 * `license-index.bin` next to the compiled module, which keeps start-up within budget), or built
 * from `spdx-license-list` when there is none (development, tests) or it is stale.
 */
export function getIndex(): Index {
  if (index) return index;
  index = loadPrebuilt() ?? indexFromGroups(buildGroups());
  return index;
}

/** What the prebuilt file holds: the normalised texts, interned. */
interface IndexGroups {
  readonly vocab: readonly string[];
  readonly groups: readonly {
    readonly ids: readonly string[];
    readonly tokens: Int32Array;
    readonly title: number;
    readonly appendix: number;
    readonly optional?: readonly (readonly [number, number])[];
    readonly variable?: readonly (readonly [number, number])[];
  }[];
  /** The shingle index and each group's shingle count, when read from the prebuilt file. */
  readonly shingles?: { readonly index: ShingleIndex; readonly counts: readonly number[] };
  /** Each group's siblings packed (packSiblings), when read from the prebuilt file. */
  readonly siblings?: readonly Int32Array[];
}

/**
 * A reference's siblings as the prebuilt file stores them, in int32s: the count, then per sibling
 * its reference, its differing positions (count, positions) and its inserts (count, then per
 * gap: the gap, the word count, the words). Unpacked on first use (siblingsOf).
 */
function packSiblings(list: readonly Sibling[]): Int32Array {
  const out: number[] = [list.length];
  for (const s of list) {
    out.push(s.ref, s.differs.length, ...s.differs, s.inserts.size);
    for (const [gap, words] of s.inserts) out.push(gap, words.length, ...words);
  }
  return Int32Array.from(out);
}

function unpackSiblings(packed: Int32Array): Sibling[] {
  const out: Sibling[] = [];
  let i = 0;
  const next = (): number => packed[i++] as number;
  for (let n = next(); n > 0; n--) {
    const ref = next();
    const differs = Array.from(packed.subarray(i + 1, i + 1 + (packed[i] as number)));
    i += 1 + differs.length;
    const inserts = new Map<number, number[]>();
    for (let k = next(); k > 0; k--) {
      const gap = next();
      const words = Array.from(packed.subarray(i + 1, i + 1 + (packed[i] as number)));
      i += 1 + words.length;
      inserts.set(gap, words);
    }
    out.push({ ref, differs, inserts });
  }
  return out;
}

// 2: BSD endorsement clause rewritten in normalize.ts; Creative Commons disclaimers optional.
// 3: the shingle index is prebuilt too (building it was a third of the start-up).
// 4: each reference's siblings are prebuilt too (working them out on first use cost a tenth of
// the time of a one-pass run over a corpus).
// 5: placeholder spans ("<Name of Institution>") of each text.
// 6: the LGPL-3.0 part of the LGPL-3.0 texts is a reference of its own.
// 11: lists of copyright years a clause quotes are placeholders too (the PSF licence's).
// 12: the Open Publication License's policy appendix is an appendix.
// 13: a copyright statement ends at a full stop after "<…>" (normalize.ts).
const PREBUILT_FORMAT = 13;
const PREBUILT_NAME = 'license-index.bin';

/**
 * What the prebuilt index depends on: the licence list's version and the normaliser's code (a
 * changed normaliser makes the stored reference tokens stale, so the file is not used).
 */
function listVersion(): string {
  const require = createRequire(import.meta.url);
  const list = (require('spdx-license-list/package.json') as { version: string }).version;
  let normalizer = 'unknown';
  for (const name of ['./normalize.js', './normalize.ts']) {
    try {
      normalizer = createHash('sha256')
        .update(readFileSync(new URL(name, import.meta.url)))
        .digest('hex')
        .slice(0, 16);
      break;
    } catch {
      // The other extension (compiled or source).
    }
  }
  return `${list}+${normalizer}`;
}

/** Serialises the index source data: `[u32 header length][header JSON][int32 tokens]`. */
export function serializeIndex(): Uint8Array {
  const { vocab, groups } = buildGroups();
  const perRef = groups.map((g) => shingles(g.tokens));
  const shingleTotal = perRef.reduce((n, sh) => n + sh.length, 0);
  const index = buildShingleIndex(perRef, shingleTotal);
  const ix = indexFromGroups({
    vocab,
    groups,
    shingles: { index, counts: perRef.map((sh) => sh.length) },
  });
  const siblings = groups.map((_, r) => packSiblings(siblingsOf(ix, r)));
  const header = Buffer.from(
    JSON.stringify({
      format: PREBUILT_FORMAT,
      list: listVersion(),
      vocab,
      groups: groups.map((g, i) => ({
        ids: g.ids,
        title: g.title,
        appendix: g.appendix,
        ...(g.optional ? { optional: g.optional } : {}),
        ...(g.variable ? { variable: g.variable } : {}),
        length: g.tokens.length,
        shingles: (perRef[i] as Int32Array).length,
        siblings: (siblings[i] as Int32Array).length,
      })),
      shingleSlots: index.keys.length,
      shingleShift: index.shift,
      shingleTotal,
    }),
  );
  const tokenTotal = groups.reduce((n, g) => n + g.tokens.length, 0);
  const siblingTotal = siblings.reduce((n, p) => n + p.length, 0);
  // Int32 sections: tokens | slot keys | slot starts | reference of each slot entry | siblings.
  const ints = tokenTotal + 2 * index.keys.length + shingleTotal + siblingTotal;
  const out = Buffer.alloc(4 + header.length + 4 + 4 * ints);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let at = 4 + header.length;
  at += (4 - (at % 4)) % 4; // typed-array alignment
  const view = new Int32Array(out.buffer, out.byteOffset + at, ints);
  let i = 0;
  for (const g of groups) {
    view.set(g.tokens, i);
    i += g.tokens.length;
  }
  view.set(index.keys, i);
  view.set(index.starts, i + index.keys.length);
  view.set(index.refOf, i + 2 * index.keys.length);
  i += 2 * index.keys.length + shingleTotal;
  for (const packed of siblings) {
    view.set(packed, i);
    i += packed.length;
  }
  return out.subarray(0, at + 4 * ints);
}

export function deserializeIndex(data: Uint8Array): IndexGroups | undefined {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const headerLength = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + headerLength).toString('utf8')) as {
    format: number;
    list: string;
    vocab: string[];
    groups: {
      ids: string[];
      title: number;
      appendix: number;
      optional?: [number, number][];
      variable?: [number, number][];
      length: number;
      shingles: number;
      siblings: number;
    }[];
    shingleSlots: number;
    shingleShift: number;
    shingleTotal: number;
  };
  if (header.format !== PREBUILT_FORMAT || header.list !== listVersion()) return undefined;
  let at = 4 + headerLength;
  at += (4 - (at % 4)) % 4;
  const aligned = new Uint8Array(buf.byteLength - at);
  aligned.set(buf.subarray(at));
  const ints = new Int32Array(aligned.buffer, 0, aligned.byteLength >> 2);
  let i = 0;
  const groups = header.groups.map((g) => {
    const tokens = ints.subarray(i, i + g.length);
    i += g.length;
    return {
      ids: g.ids,
      title: g.title,
      appendix: g.appendix,
      ...(g.optional ? { optional: g.optional } : {}),
      ...(g.variable ? { variable: g.variable } : {}),
      tokens,
    };
  });
  const slots = header.shingleSlots;
  if (i + 2 * slots + header.shingleTotal > ints.length) return undefined;
  const keys = ints.subarray(i, i + slots);
  const starts = ints.subarray(i + slots, i + 2 * slots);
  const refOf = ints.subarray(i + 2 * slots, i + 2 * slots + header.shingleTotal);
  i += 2 * slots + header.shingleTotal;
  const siblings = header.groups.map((g) => {
    const packed = ints.subarray(i, i + g.siblings);
    i += g.siblings;
    return packed;
  });
  if (i > ints.length) return undefined;
  // Entry counts per slot, from where the next occupied slot starts.
  const counts = new Int32Array(slots);
  for (let slot = 0; slot < slots; slot++) {
    const end = slot + 1 < slots ? (starts[slot + 1] as number) : header.shingleTotal;
    counts[slot] = end - (starts[slot] as number);
  }
  return {
    vocab: header.vocab,
    groups,
    shingles: {
      index: { mask: slots - 1, shift: header.shingleShift, keys, counts, starts, refOf },
      counts: header.groups.map((g) => g.shingles),
    },
    siblings,
  };
}

/** A mask with 1 at every position inside `spans`. */
function maskOf(spans: readonly (readonly [number, number])[], length: number): Uint8Array {
  const mask = new Uint8Array(length);
  for (const [from, to] of spans) mask.fill(1, from, to);
  return mask;
}

function loadPrebuilt(): Index | undefined {
  let data: Uint8Array;
  try {
    data = readFileSync(new URL(PREBUILT_NAME, import.meta.url));
  } catch {
    return undefined;
  }
  const groups = deserializeIndex(data);
  return groups && indexFromGroups(groups);
}

/** Index structures (exact-text hashes, shingle postings) from the interned texts. */
export function indexFromGroups(data: IndexGroups): Index {
  const vocab = new Map<string, number>();
  data.vocab.forEach((w, i) => vocab.set(w, i));
  const byText = new Map<number, number[]>();
  const refs: Reference[] = [];
  const perRef: Int32Array[] = [];
  let total = 0;
  for (const [g, group] of data.groups.entries()) {
    const h = hashTokens(group.tokens);
    const list = byText.get(h);
    if (list) list.push(refs.length);
    else byText.set(h, [refs.length]);
    const prebuilt = data.shingles?.counts[g];
    const sh = prebuilt === undefined ? shingles(group.tokens) : undefined;
    refs.push({
      ids: group.ids,
      tokens: group.tokens,
      shingleCount: prebuilt ?? (sh as Int32Array).length,
      title: group.title,
      appendix: group.appendix,
      ...(group.optional ? { optional: group.optional } : {}),
      ...(group.variable
        ? { variable: group.variable, variableMask: maskOf(group.variable, group.tokens.length) }
        : {}),
      ...(data.siblings ? { packedSiblings: data.siblings[g] } : {}),
    });
    if (sh) {
      perRef.push(sh);
      total += sh.length;
    }
  }
  const shingleIndex = data.shingles?.index ?? buildShingleIndex(perRef, total);
  return { refs, byText, shingleIndex, vocab };
}

/** Normalises and interns every reference text, merging identical ones. */
function buildGroups(): IndexGroups {
  const require = createRequire(import.meta.url);
  const full = require('spdx-license-list/full') as Record<
    string,
    { name: string; licenseText: string }
  >;
  const vocab = new Map<string, number>();
  const groups: {
    ids: string[];
    tokens: Int32Array;
    title: number;
    appendix: number;
    optional?: [number, number][];
    variable?: [number, number][];
  }[] = [];
  const byText = new Map<number, number[]>();
  for (const [spdxId, entry] of Object.entries(full)) {
    const id = EXCEPTION_TEXT_IDS[spdxId] ?? spdxId;
    const norm = normalize(entry.licenseText);
    const tokens = intern(vocab, norm.tokens);
    const disclaimer = leadingDisclaimer(tokens, vocab);
    const title = titleLength(norm, vocab, tokens, entry.name);
    const variable = placeholderSpans(entry.licenseText, norm.tokens);
    addText(id, tokens, title, appendixStart(tokens, vocab), disclaimer && [disclaimer], variable);
    // The LGPL-3.0 text in the SPDX list is the LGPL followed by the whole GPL-3.0 it
    // incorporates; a COPYING.LESSER file is the LGPL part alone, a reference of its own.
    const lesser = lesserPart(tokens, vocab);
    if (lesser) {
      const spans = variable?.filter(([, to]) => to <= lesser.length);
      addText(id, lesser, title, lesser.length, undefined, spans?.length ? spans : undefined);
    }
  }
  function addText(
    id: string,
    tokens: Int32Array,
    title: number,
    appendix: number,
    optional: [number, number][] | undefined,
    variable: [number, number][] | undefined,
  ): void {
    if (tokens.length === 0) return;
    const h = hashTokens(tokens);
    const same = byText
      .get(h)
      ?.find((g) => sameTokens((groups[g] as { tokens: Int32Array }).tokens, tokens));
    if (same !== undefined) {
      const ids = (groups[same] as { ids: string[] }).ids;
      if (!ids.includes(id)) ids.push(id);
      return;
    }
    const list = byText.get(h);
    if (list) list.push(groups.length);
    else byText.set(h, [groups.length]);
    groups.push({
      ids: [id],
      tokens,
      title,
      appendix,
      ...(optional ? { optional } : {}),
      ...(variable ? { variable } : {}),
    });
  }
  for (const group of groups) {
    // A text listed only under a deprecated GNU id (GPL-2.0+, LGPL-2.0 …) is the same licence as
    // the current ids of that version; the text cannot say "only" or "or later", so both go in.
    for (const id of [...group.ids]) {
      const gnu = /^((?:A|L)?GPL|GFDL)-(\d\.\d)\+?$/.exec(id);
      if (!gnu) continue;
      for (const current of [`${gnu[1]}-${gnu[2]}-only`, `${gnu[1]}-${gnu[2]}-or-later`]) {
        if (!group.ids.includes(current) && current in full) group.ids.push(current);
      }
    }
    group.ids.sort((x, y) => preference(x) - preference(y) || x.localeCompare(y));
  }
  const words: string[] = [];
  for (const [w, i] of vocab) words[i] = w;
  return { vocab: words, groups };
}

/** References ranked by shingle Dice overlap with `tokens`, best first. */
function candidates(
  ix: Index,
  tokens: Int32Array,
  minDice: number,
  limit: number,
  counted?: { readonly shingles: Int32Array; readonly counts: Int32Array },
): { ref: number; dice: number }[] {
  const sh = counted?.shingles ?? shingles(tokens);
  if (sh.length === 0) return [];
  const counts = counted?.counts ?? shingleCounts(ix, sh);
  const out: { ref: number; dice: number }[] = [];
  for (let r = 0; r < counts.length; r++) {
    const c = counts[r] as number;
    if (c === 0) continue;
    const dice = (2 * c) / (sh.length + (ix.refs[r] as Reference).shingleCount);
    if (dice >= minDice) out.push({ ref: r, dice });
  }
  return out.sort((x, y) => y.dice - x.dice).slice(0, limit);
}

/** For each reference, how many of the given shingles it has (common shingles left out). */
function shingleCounts(ix: Index, sh: Int32Array): Int32Array {
  const counts = new Int32Array(ix.refs.length);
  for (let i = 0; i < sh.length; i++) addPostings(ix, sh[i] as number, counts, 1);
  return counts;
}

/** Adds `delta` to the count of every reference with shingle `h` (common shingles left out). */
function addPostings(ix: Index, h: number, counts: Int32Array, delta: number): void {
  const si = ix.shingleIndex;
  const { keys, mask } = si;
  const slotCounts = si.counts;
  let slot = Math.imul(h, 0x9e3779b1) >>> si.shift;
  let n = slotCounts[slot] as number;
  while (n !== 0 && keys[slot] !== h) {
    slot = (slot + 1) & mask;
    n = slotCounts[slot] as number;
  }
  // Shingles shared by very many references ("the software is") say nothing about which.
  if (n === 0 || n > MAX_POSTING) return;
  const refOf = si.refOf;
  for (let p = si.starts[slot] as number, end = p + n; p < end; p++) {
    const r = refOf[p] as number;
    counts[r] = (counts[r] as number) + delta;
  }
}

/**
 * The input's shingles by position, kept current while findRegions masks the regions it finds:
 * each round's candidates and windows come from these instead of re-hashing, re-sorting and
 * re-counting the whole input (the cost of long files with several licences).
 */
interface PositionShingles {
  /** Per position i: the hash of tokens i..i+2. */
  readonly hash: Int32Array;
  /** Per position: 1 while its three tokens are known words and unmasked. */
  readonly live: Uint8Array;
  /** Per position: its hash's index in the sorted distinct hashes (-1 when never live). */
  readonly slot: Int32Array;
  /** Per distinct hash: how many live positions have it. */
  readonly left: Int32Array;
  /** The distinct hashes, sorted (those the counts count). */
  readonly distinct: Int32Array;
  /** Per reference: how many of the live distinct hashes it has. */
  readonly counts: Int32Array;
  /** Per reference located so far: its hits (liveHits), as of that time. */
  readonly hits: Map<Reference, Int32Array>;
  /** Per reference located so far: 1 at each input position where a further copy of it starts (copyStarts). */
  readonly copyStarts: Map<Reference, Uint8Array>;
}

function positionShingles(
  ix: Index,
  tokens: Int32Array,
  counted: { readonly shingles: Int32Array; readonly counts: Int32Array },
): PositionShingles {
  const n = Math.max(0, tokens.length - 2);
  const hash = new Int32Array(n);
  const live = new Uint8Array(n);
  const slot = new Int32Array(n).fill(-1);
  const distinct = counted.shingles;
  const left = new Int32Array(distinct.length);
  for (let i = 0; i < n; i++) {
    const a = tokens[i] as number;
    const b = tokens[i + 1] as number;
    const c = tokens[i + 2] as number;
    if (a < 0 || b < 0 || c < 0) continue;
    const h = shingleHash(a, b, c);
    hash[i] = h;
    live[i] = 1;
    const k = lowerBound(distinct, h);
    slot[i] = k;
    left[k] = (left[k] as number) + 1;
  }
  return {
    hash,
    live,
    slot,
    left,
    distinct,
    counts: counted.counts.slice(),
    hits: new Map(),
    copyStarts: new Map(),
  };
}

/** Masks input tokens [from, to): the shingles over them go, and a hash none is left with is uncounted. */
function maskShingles(ix: Index, ps: PositionShingles, from: number, to: number): void {
  for (let i = Math.max(0, from - 2); i < Math.min(to, ps.live.length); i++) {
    if (ps.live[i] === 0) continue;
    ps.live[i] = 0;
    const k = ps.slot[i] as number;
    const remaining = (ps.left[k] as number) - 1;
    ps.left[k] = remaining;
    if (remaining === 0) addPostings(ix, ps.distinct[k] as number, ps.counts, -1);
  }
}

/** The first index of the sorted array whose value is not below `h` (its length if none). */
function lowerBound(sorted: Int32Array, h: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Reference positions a diff changes: deleted ones and the two either side of an insertion. */
function differingPositions(d: DiffResult): number[] {
  const set = new Set<number>(d.deleted);
  for (const g of d.inserted) set.add(g - 1).add(g);
  return [...set];
}

/** The same positions, dilated by one token on each side. */
/** The words `b` has that `a` lacks, by gap of `a` (gap g = before a[g]). */
function insertedAt(d: DiffResult, b: ArrayLike<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let prev = -1;
  const take = (gap: number, to: number): void => {
    if (to > prev + 1)
      out.set(
        gap,
        Array.from({ length: to - prev - 1 }, (_, k) => b[prev + 1 + k] as number),
      );
  };
  for (let p = 0; p < d.aToB.length; p++) {
    const q = d.aToB[p] as number;
    if (q < 0) continue;
    take(p, q);
    prev = q;
  }
  take(d.aToB.length, b.length);
  return out;
}

/**
 * Whether the input inserted, at this gap or next to it, at least half of the distinct words a
 * sibling has there.
 */
function sharesMost(
  words: readonly number[],
  added: ReadonlyMap<number, readonly number[]>,
  gap: number,
): boolean {
  const near = new Set<number>();
  for (let g = gap - 1; g <= gap + 1; g++) for (const w of added.get(g) ?? []) near.add(w);
  const wanted = new Set(words);
  let shared = 0;
  for (const w of wanted) if (near.has(w)) shared++;
  return 2 * shared >= wanted.size;
}

function touchedPositions(d: DiffResult): Set<number> {
  const set = new Set<number>();
  for (const p of differingPositions(d)) for (let q = p - 1; q <= p + 1; q++) set.add(q);
  return set;
}

/**
 * Where a reference's terms end: before its optional appendix and the "END OF TERMS AND
 * CONDITIONS" line that opens it (a text cut there is still the whole licence).
 */
/** Tokens of a reference in parts a copy may leave out (title, appendix, optional spans). */
function optionalLength(ref: Reference): number {
  const spans = (ref.optional ?? []).reduce((n, [from, to]) => n + (to - from), 0);
  return ref.title + (ref.tokens.length - ref.appendix) + spans;
}

function coreEnd(ix: Index, ref: Reference): number {
  const marker = phraseIds(ix.vocab, 'end of terms and conditions');
  const at = ref.appendix - marker.length;
  return at >= 0 && marker.every((m, k) => ref.tokens[at + k] === m) ? at : ref.appendix;
}

/**
 * Whether reference `other` could fit the input with fewer changes than the verified reference
 * did. By the triangle inequality the input is at least d(verified, other) − changes edits
 * from `other`, and d(verified, other) is at least half the places where they differ (each
 * edit touches at most two); a reference that is no sibling is more than SIBLING_MAX_EDITS
 * away. The diff of a reference that cannot be closer is skipped.
 */
function couldBeCloser(
  ix: Index,
  verified: { readonly ref: number; readonly changes: number },
  other: number,
): boolean {
  const sibling = siblingsOf(ix, verified.ref).find((s) => s.ref === other);
  const apart = sibling ? Math.ceil(sibling.differs.length / 2) : SIBLING_MAX_EDITS;
  return apart - verified.changes <= verified.changes + CLOSER_SLACK;
}

/** Words of slack when a region is widened for a sibling's own words before or after it. */
const WIDEN_SLACK = 8;

/** Edits of slack in couldBeCloser (edges and optional parts are counted differently). */
const CLOSER_SLACK = 10;

let twins: Int32Array | undefined;
let twinsOf: Index | undefined;

/**
 * The reference that is the same licence text as `r` up to their optional appendices (the
 * SPDX list has GPL-2.0-only and its deprecated GPL-2.0+ with "How to apply" sections a word or
 * two apart), or -1. Once one of the two is compared with a text, the other adds nothing but the
 * cost of a second diff.
 */
export function twinOf(ix: Index, r: number): number {
  if (twinsOf !== ix || !twins) {
    twins = new Int32Array(ix.refs.length).fill(-1);
    twinsOf = ix;
    const byId = new Map<string, number[]>();
    ix.refs.forEach((ref, i) => {
      const id = ref.ids[0] as string;
      byId.set(id, [...(byId.get(id) ?? []), i]);
    });
    for (const group of byId.values())
      for (const a of group)
        for (const b of group) {
          const x = ix.refs[a] as Reference;
          const y = ix.refs[b] as Reference;
          if (a === b || x.title !== y.title || x.appendix !== y.appendix) continue;
          if (sameTokens(x.tokens.subarray(0, x.appendix), y.tokens.subarray(0, y.appendix)))
            twins[a] = b;
        }
  }
  return twins[r] as number;
}

/** Near-identical licences of a reference and where they differ from it (cached). */
export function siblingsOf(ix: Index, r: number): readonly Sibling[] {
  const ref = ix.refs[r] as Reference;
  if (ref.siblings) return ref.siblings;
  if (ref.packedSiblings) {
    ref.siblings = unpackSiblings(ref.packedSiblings);
    return ref.siblings;
  }
  const out: Sibling[] = [];
  for (const c of candidates(ix, ref.tokens, SIBLING_DICE, 40)) {
    if (c.ref === r) continue;
    const other0 = (ix.refs[c.ref] as Reference).ids[0];
    if (other0 === ref.ids[0]) continue; // the same licence with or without its appendix
    const other = ix.refs[c.ref] as Reference;
    // Only near-identical texts can leave a verified match open; a pair further apart than
    // SIBLING_MAX_EDITS could never have every differing place touched by a `high` match, so
    // it is no sibling (and the bounded diff keeps this first-use cost small).
    // Compared without their optional appendices ("How to apply these terms"): an appendix one
    // has and the other lacks is no difference a text could show (copies cut it anywhere),
    // and counting it would let a text of one pass as the other (Apache-2.0 as Pixar).
    const d = diffTokens(
      ref.tokens.subarray(0, coreEnd(ix, ref)),
      other.tokens.subarray(0, coreEnd(ix, other)),
      SIBLING_MAX_EDITS,
    );
    if (d)
      out.push({
        ref: c.ref,
        differs: differingPositions(d),
        inserts: insertedAt(d, other.tokens),
      });
  }
  ref.siblings = out;
  return out;
}

function span(
  lines: readonly number[],
  from: number,
  to: number,
): { startLine: number; endLine: number } {
  return { startLine: lines[from] ?? 1, endLine: lines[Math.max(from, to)] ?? 1 };
}

/**
 * Identifies the licence whose full text `text` is. Returns the best match (and, when it is
 * only `medium`, nothing more confident), or an empty array when nothing is similar enough.
 */
export function identifyText(
  text: string,
  /** Receives a sentence for each bound reached (see IdentifyOptions.limits). */
  limits?: string[],
): LicenseMatch[] {
  const ix = getIndex();
  const norm = normalize(text);
  if (norm.tokens.length > MAX_INPUT_TOKENS)
    limits?.push(
      `only the first ${MAX_INPUT_TOKENS.toLocaleString('en')} words are compared with licence texts`,
    );
  const words =
    norm.tokens.length > MAX_INPUT_TOKENS ? norm.tokens.slice(0, MAX_INPUT_TOKENS) : norm.tokens;
  if (words.length === 0) return [];
  const tokens = inputIds(ix.vocab, norm, words.length);
  inputWords = words;
  const whole = span(norm.lines, 0, tokens.length - 1);

  const exact = ix.byText
    .get(hashTokens(tokens))
    ?.find((r) => sameTokens((ix.refs[r] as Reference).tokens, tokens));
  if (exact !== undefined) {
    const ids = (ix.refs[exact] as Reference).ids;
    return [
      withSameText({ license: ids[0] as string, confidence: 'exact', score: 1, ...whole }, ids),
    ];
  }

  // Every close candidate is judged: the most similar one may stay `medium` (a sibling left
  // open) where a slightly less similar one is a verified match (a BSD-3-Clause whose
  // disclaimer names "the author", closest in words to BSD-3-Clause-HP, lacks HP's patent clause).
  const judged: { cmp: Comparison; match: ReturnType<typeof toMatch> }[] = [];
  // Shingle overlaps with every reference, counted once for the whole-file candidates and the
  // first round of the search inside the file.
  const sh = shingles(tokens);
  const counted = { shingles: sh, counts: shingleCounts(ix, sh) };
  const close = candidates(ix, tokens, CANDIDATE_DICE, MAX_CANDIDATES, counted);
  const best = close[0]?.dice ?? 0;
  // Only candidates nearly as close as the best are worth a diff (diffs of long texts are the
  // cost of identification); the rest could not win or be verified anyway.
  // Once a candidate is verified, only its near siblings (about as close in shingles) can still
  // be the better answer; the rest are not diffed.
  // The first verified candidate: its shingle overlap and how far the input is from it.
  let first: { readonly ref: number; readonly changes: number; readonly dice: number } | undefined;
  const memo: CompareMemo = new Map();
  const tried = new Set<number>();
  for (const c of close.filter((x) => x.dice >= best - CANDIDATE_SPREAD && x.dice >= DIFF_DICE)) {
    if (first && (c.dice < first.dice - SIBLING_SPREAD || !couldBeCloser(ix, first, c.ref))) {
      continue;
    }
    if (tried.has(twinOf(ix, c.ref))) continue;
    tried.add(c.ref);
    // A candidate matters only if it comes within VERIFIED_MARGIN of the best so far: the diff
    // may stop once it cannot.
    const bestSoFar = judged.reduce((m, j) => Math.max(m, j.cmp.score), 0);
    // After the closest candidate, a diff is worth finishing only if it could be verified.
    const cmp = compare(
      ix,
      c.ref,
      tokens,
      bestSoFar - VERIFIED_MARGIN - OMITTED_SLACK,
      judged.length > 0,
      { cache: memo, from: 0 },
    );
    if (!cmp) continue;
    const match = toMatch(ix, cmp, tokens, norm.lines, 0);
    judged.push({ cmp, match });
    if (match.confidence !== 'medium' && !first) {
      first = { ref: c.ref, changes: match.changes, dice: c.dice };
    }
  }
  judged.sort((a, b) => b.cmp.score - a.cmp.score);
  // Of the verified matches about as similar as the best, the one the text departs from least
  // (Apache-2.0 over Pixar for an Apache text, the UC text over generic BSD-4-Clause).
  const verified = judged
    .filter(
      (j) =>
        j.match.confidence !== 'medium' &&
        j.cmp.score >= (judged[0]?.cmp.score ?? 0) - VERIFIED_MARGIN,
    )
    .sort((a, b) => a.match.changes - b.match.changes || b.cmp.score - a.cmp.score);
  const pick = verified[0] ?? judged[0];
  const full = pick?.cmp;
  const fullWithCover =
    pick?.match ??
    // Too different in shingles to be verified: a hint with the shingle similarity, no diff.
    (close[0] && best >= MEDIUM_SCORE
      ? {
          license: (ix.refs[close[0].ref] as Reference).ids[0] as string,
          confidence: 'medium' as const,
          score: Math.round(best * 10_000) / 10_000,
          ...whole,
          covered: 1,
          changes: 0,
        }
      : undefined);
  const fullMatch = fullWithCover && withoutCover(fullWithCover);
  // The file is this one licence (give or take a header): done. Otherwise look inside. (Text
  // enough for a licence of its own outside it, as CPython's 0BSD after its long PSF stack, is
  // more than a header, however small a share of the file.)
  if (
    fullWithCover &&
    fullMatch &&
    fullMatch.confidence !== 'medium' &&
    fullWithCover.covered >= WHOLE_FILE_SHARE &&
    (1 - fullWithCover.covered) * tokens.length < MAX_UNCOVERED
  )
    return [fullMatch];

  // Not one licence from start to end: look for licence texts inside the file.
  const found = findRegions(ix, tokens, norm.lines, counted, memo, fullMatch !== undefined);
  if (found.length >= MAX_REGIONS)
    limits?.push(
      `at most ${MAX_REGIONS} licence texts are reported per file; the file may hold more`,
    );
  const composite = fullMatch && composed(fullMatch, found);
  if (composite) return [composite];
  const regions = found.map(({ match, from, to }) => {
    // A licence inside the span of a near match to another licence is likely part of a variant
    // of it (BSD-2-Clause inside a BSD-2-Clause-Views text): a hint, not a conclusion.
    if (!full || match.confidence === 'medium') return match;
    const fullRef = ix.refs[full.ref] as Reference;
    const fullId = fullRef.ids[0];
    const covered = coveredRange(full.diff);
    // (Only a near match about one licence long is such a variant; one whose words are spread
    // over more text is nearest to several licences in a row: libcst's MIT text, then the PSF
    // licence, is no variant of the PSF licence.)
    const inside =
      covered &&
      covered.to - covered.from <= VARIANT_SPAN * fullRef.tokens.length &&
      from >= covered.from - 3 &&
      to <= covered.to + 3;
    return inside && fullId !== match.license ? { ...match, confidence: 'medium' as const } : match;
  });
  const confident = regions.filter((m) => m.confidence !== 'medium');
  if (confident.length > 0) return confident;
  if (fullMatch) return [fullMatch];
  return regions.slice(0, 1);
}

interface Comparison {
  readonly ref: number;
  readonly score: number;
  readonly diff: DiffResult;
  /** Reference tokens in optional parts (title, appendix) the input leaves out whole. */
  readonly omitted: number;
  /** Reference tokens the input has with other word boundaries (withoutReflowedWords). */
  readonly reflowed: number;
}

/** Diffs a reference against input tokens; undefined when they are too far apart. */
/**
 * Diffs already run on one input, by reference and window (`ref:from:to`): a finished diff is the
 * same whatever its bound, and a failed one fails again under a bound no larger. The region
 * search asks for the same windows round after round; entries over text a region masks go.
 */
type CompareMemo = Map<
  string,
  {
    readonly from: number;
    readonly to: number;
    /** The finished comparison (undefined: under MEDIUM_SCORE)… */
    readonly cmp?: Comparison;
    /** …or the bound a diff failed under. */
    readonly failedAt?: number;
  }
>;

/** Drops the memo's entries over input tokens [from, to), which masking changes. */
function forgetWindows(memo: CompareMemo, from: number, to: number): void {
  for (const [key, e] of memo) if (e.from < to && e.to > from) memo.delete(key);
}

function compare(
  ix: Index,
  r: number,
  tokens: Int32Array,
  minScore = MEDIUM_SCORE,
  verifiableOnly = false,
  /** The memo of this input, and where `tokens` starts in the input. */
  memo?: { readonly cache: CompareMemo; readonly from: number },
): Comparison | undefined {
  const ref = ix.refs[r] as Reference;
  const from = memo?.from ?? 0;
  const key = `${r}:${from}:${from + tokens.length}`;
  const known = memo?.cache.get(key);
  if (known && known.failedAt === undefined) return known.cmp;
  // Enough edits to reach MEDIUM_SCORE (or the score the caller needs) and no more: bounded
  // work on hopeless pairs.
  const total = ref.tokens.length + tokens.length;
  const floor = Math.max(MEDIUM_SCORE, minScore);
  // Beyond the length difference, a diff needs only as many edits as a verified match may carry
  // (with room for trimmed edges and filled-in names); a text further away is a hint at most,
  // and its shingle similarity says how close it is. This bound is what keeps long near-miss
  // texts (20 KB licence variants) from costing a second each.
  // Optional parts the input leaves out do not count against the score, so they may come on
  // top of the edits the score allows (an Apache-2.0 without its appendix).
  const maxD = Math.min(
    1500,
    Math.ceil(total * (1 - floor)) + optionalLength(ref),
    Math.abs(ref.tokens.length - tokens.length) +
      (verifiableOnly
        ? // A verified match carries at most this many changes, each at most a deletion and an
          // insertion; the optional parts it may leave out come on top.
          2 * Math.max(HIGH_MAX_CHANGES, Math.ceil(HIGH_MAX_CHANGE_SHARE * ref.tokens.length)) +
          optionalLength(ref)
        : Math.max(MIN_DIFF_BUDGET, Math.ceil(DIFF_BUDGET_SHARE * ref.tokens.length))),
  );
  if (known?.failedAt !== undefined && maxD <= known.failedAt) return undefined;
  const remember = (result: { cmp?: Comparison; failedAt?: number }): Comparison | undefined => {
    memo?.cache.set(key, { from, to: from + tokens.length, ...result });
    return result.cmp;
  };
  // Every edit script needs at least the tokens the two texts cannot share by count alone: a
  // pair that far apart is known to fail without the diff, which would run to maxD to say so.
  if (ref.tokens.length + tokens.length - 2 * sharedByCount(ix, ref.tokens, tokens) > maxD) {
    return remember({ failedAt: maxD });
  }
  const diffed = diffTokens(ref.tokens, tokens, maxD);
  if (!diffed) return remember({ failedAt: maxD });
  const raw = withRepeatedTailRealigned(
    ref.tokens,
    tokens,
    withRepeatedLeadRealigned(ref.tokens, tokens, diffed),
  );
  const kept = withoutOmittedParts(
    ref,
    withoutScatteredTail(withoutScatteredAppendix(ref, raw)),
    tokens.length,
  );
  const diff = withoutReflowedWords(ix, ref.tokens, tokens, kept);
  const reflowed = kept.deleted.length - diff.deleted.length;
  const omitted = raw.deleted.length - kept.deleted.length;
  const refLength = ref.tokens.length - omitted;
  const score = (2 * diff.common) / (refLength + tokens.length);
  return remember(score >= MEDIUM_SCORE ? { cmp: { ref: r, score, diff, omitted, reflowed } } : {});
}

/**
 * The words of the input being identified: an input word the reference texts never use has a
 * negative id (-1 - its position here), so its spelling is looked up here (set by identifyText).
 */
let inputWords: readonly string[] = [];

/** The spelling of an input token. */
function inputWord(ix: Index, id: number): string {
  return id >= 0 ? wordOf(ix, id) : (inputWords[-1 - id] ?? '');
}

/** Longest run of words (either side) checked for a changed word boundary. */
const MAX_REFLOWED = 8;

/**
 * The diff without changes that only move word boundaries: words run together ("not limited" →
 * "notlimited") or split ("documentation" → "docume ntation") by a broken line wrap. The
 * letters are the licence's, in its order; they count as matched.
 */
function withoutReflowedWords(
  ix: Index,
  refTokens: Int32Array,
  input: Int32Array,
  d: DiffResult,
): DiffResult {
  if (d.deleted.length === 0 || d.inserted.length === 0) return d;
  const dropDeleted = new Set<number>();
  // Reference gaps [first, last] whose insertions belong to a dropped hunk: between the matched
  // tokens around its deletions.
  const gaps: [number, number][] = [];
  for (const h of hunks(d, new Set(d.deleted))) {
    if (h.del.length === 0 || h.ins.length === 0) continue;
    if (h.del.length > MAX_REFLOWED || h.ins.length > MAX_REFLOWED) continue;
    const a = h.del.map((p) => wordOf(ix, refTokens[p] as number)).join('');
    const b = h.ins.map((i) => inputWord(ix, input[i] as number)).join('');
    if (a !== b) continue;
    for (const p of h.del) dropDeleted.add(p);
    gaps.push([h.del[0] as number, (h.del[h.del.length - 1] as number) + 1]);
  }
  if (dropDeleted.size === 0) return d;
  return diffResult(
    d.common + dropDeleted.size,
    d.deleted.filter((p) => !dropDeleted.has(p)),
    d.inserted.filter((g) => !gaps.some(([from, to]) => g >= from && g <= to)),
    d.aToB,
  );
}

let countScratch: Int32Array | undefined;

/** Tokens two texts share counting each word as often as both have it (an upper bound on their LCS). */
function sharedByCount(ix: Index, a: Int32Array, b: Int32Array): number {
  if (!countScratch || countScratch.length < ix.vocab.size) {
    countScratch = new Int32Array(ix.vocab.size);
  }
  const counts = countScratch;
  for (const t of a) if (t >= 0) counts[t] = (counts[t] as number) + 1;
  let shared = 0;
  for (const t of b) {
    if (t >= 0 && (counts[t] as number) > 0) {
      shared++;
      counts[t] = (counts[t] as number) - 1;
    }
  }
  for (const t of a) if (t >= 0) counts[t] = 0;
  return shared;
}

/** Share of an optional part's words that may be matched while it still counts as left out. */
const OMITTED_MATCH_SHARE = 0.1;

/** The diff without the deletions of optional parts (title, appendix) the input leaves out whole. */
/**
 * The diff with the licence's first words matched where the licence starts, not in a heading
 * before it that repeats them: "Apache License, Version 2.0 (for the vendored parser)" above
 * "Apache License Version 2.0, January 2004 …". The diff matches a common prefix greedily, so
 * the heading's words took the licence's and the heading's rest became a run inserted into it.
 * When the few words matched before such a run are the very words that end it, they are
 * matched there instead and the heading is text before the licence.
 */
function withRepeatedLeadRealigned(
  refTokens: Int32Array,
  input: Int32Array,
  d: DiffResult,
): DiffResult {
  const lead: number[] = [];
  let next = -1;
  for (let p = 0; p < d.aToB.length; p++) {
    const b = d.aToB[p] as number;
    if (b < 0) continue;
    const previous = lead[lead.length - 1];
    if (previous !== undefined && b - (d.aToB[previous] as number) - 1 > HIGH_MAX_INSERTED_RUN) {
      next = p;
      break;
    }
    if (lead.length === MAX_EDGE_DELETIONS) return d;
    lead.push(p);
  }
  if (next < 0 || lead.length === 0) return d;
  const resume = d.aToB[next] as number;
  const at = resume - lead.length;
  if (!lead.every((p, i) => refTokens[p] === input[at + i])) return d;
  const aToB = d.aToB.slice();
  lead.forEach((p, i) => (aToB[p] = at + i));
  // Nothing is inserted among the realigned words or between them and the body any more.
  const first = lead[0] as number;
  return diffResult(
    d.common,
    d.deleted,
    d.inserted.filter((g) => g <= first || g > next),
    aToB,
  );
}

/**
 * The same at the licence's end: its last words matched at the end of the next text in the file
 * that ends the same way, not where the licence ends. CPython's LICENSE ends its PSF stack with
 * the CWI licence, then adds the 0BSD licence for the documentation; both end "… arising out of
 * or in connection with the use or performance of this software", and the diff took the 0BSD's
 * ending, leaving the whole 0BSD text an insertion inside the stack. When the words matched after
 * such a run are the very words right before it, they are matched there instead and the run is
 * text after the licence.
 */
function withRepeatedTailRealigned(
  refTokens: Int32Array,
  input: Int32Array,
  d: DiffResult,
): DiffResult {
  const tail: number[] = []; // matched reference positions, from the last one back
  let body = -1; // the matched position before the run
  for (let p = d.aToB.length - 1; p >= 0; p--) {
    const b = d.aToB[p] as number;
    if (b < 0) continue;
    const later = tail[tail.length - 1];
    if (later !== undefined && (d.aToB[later] as number) - b - 1 > HIGH_MAX_INSERTED_RUN) {
      body = p;
      break;
    }
    if (tail.length === MAX_TAIL_REALIGNED) return d;
    tail.push(p);
  }
  if (body < 0 || tail.length === 0) return d;
  tail.reverse();
  const at = (d.aToB[body] as number) + 1;
  if (!tail.every((p, i) => refTokens[p] === input[at + i])) return d;
  const aToB = d.aToB.slice();
  tail.forEach((p, i) => (aToB[p] = at + i));
  // The run now follows the licence's last word: nothing is inserted inside it any more.
  const last = tail[tail.length - 1] as number;
  return diffResult(
    d.common,
    d.deleted,
    d.inserted.filter((g) => g <= body || g > last),
    aToB,
  );
}

/** Most words at a licence's end re-aligned before a run of text that ends the same way. */
const MAX_TAIL_REALIGNED = 64;

/** Least share of the input span an appendix's matched words must fill to be its copy. */
const APPENDIX_DENSITY = 0.5;

/**
 * The diff without an appendix matched only word by word into text that is not it: the
 * optional appendix ("How to apply the Apache License …") left out, its common words ("the",
 * "license", "and") aligned with the next licence in the file. A copied appendix matches as a
 * block; one whose matched words are spread over more than twice as much input is left out.
 */
function withoutScatteredAppendix(ref: Reference, d: DiffResult): DiffResult {
  let first = -1;
  let last = -1;
  let matched = 0;
  for (let p = ref.appendix; p < d.aToB.length; p++) {
    if ((d.aToB[p] as number) < 0) continue;
    if (first < 0) first = p;
    last = p;
    matched++;
  }
  if (matched === 0) return d;
  const spread = (d.aToB[last] as number) - (d.aToB[first] as number) + 1;
  if (matched >= APPENDIX_DENSITY * spread) return d;
  const aToB = d.aToB.slice();
  const deleted = [...d.deleted];
  for (let p = first; p <= last; p++) {
    if ((aToB[p] as number) < 0) continue;
    aToB[p] = -1;
    deleted.push(p);
  }
  deleted.sort((a, b) => a - b);
  // The input words among them are now after the licence.
  const inserted = d.inserted.filter((g) => g <= first);
  return diffResult(d.common - matched, deleted, inserted, aToB);
}

/** A matched fragment at a licence's end this short, after TAIL_GAP input words or more… */
const TAIL_FRAGMENT = 3;
/** …is a stray: see withoutScatteredTail. */
const TAIL_GAP = 8;

/**
 * The diff without the licence's last words matched one or two at a time into the text after
 * it. A copy without X11's closing "X Window System is a trademark of X Consortium, Inc.", with
 * another licence after it, had "is" and "of" aligned with that licence's words 20 and 30 words
 * on, and the match then ran into it. Fragments of at most TAIL_FRAGMENT words, each after
 * TAIL_GAP or more input words, are peeled off the end: those words are left out, and what the
 * input has after the last word kept is after the licence. (The mirror of alignOpening.)
 */
function withoutScatteredTail(d: DiffResult): DiffResult {
  const a = d.aToB;
  let end = a.length;
  let kept = -1;
  for (;;) {
    let last = end - 1;
    while (last >= 0 && (a[last] as number) < 0) last--;
    if (last < 0) return d;
    let start = last;
    while (
      start > 0 &&
      (a[start - 1] as number) >= 0 &&
      (a[start - 1] as number) === (a[start] as number) - 1
    )
      start--;
    let prev = start - 1;
    while (prev >= 0 && (a[prev] as number) < 0) prev--;
    if (
      last - start + 1 > TAIL_FRAGMENT ||
      prev < 0 ||
      (a[start] as number) - (a[prev] as number) - 1 < TAIL_GAP
    )
      break;
    end = start;
    kept = prev;
  }
  if (kept < 0) return d;
  const aToB = a.slice();
  const deleted = [...d.deleted];
  let unmatched = 0;
  for (let p = kept + 1; p < aToB.length; p++) {
    if ((aToB[p] as number) < 0) continue;
    aToB[p] = -1;
    deleted.push(p);
    unmatched++;
  }
  deleted.sort((x, y) => x - y);
  return diffResult(
    d.common - unmatched,
    deleted,
    d.inserted.filter((g) => g <= kept),
    aToB,
  );
}

function withoutOmittedParts(ref: Reference, raw: DiffResult, inputLength: number): DiffResult {
  // Left out whole: at most a few of its words matched (common words the diff aligned with the
  // text after it, such as "license" or "the").
  const omitted = (from: number, to: number): boolean => {
    if (to <= from) return false;
    let matched = 0;
    for (let p = from; p < to; p++) if ((raw.aToB[p] as number) >= 0) matched++;
    return matched === 0 || (to - from >= 20 && matched <= (to - from) * OMITTED_MATCH_SHARE);
  };
  const dropTitle = omitted(0, ref.title);
  const dropAppendix = omitted(ref.appendix, ref.tokens.length);
  const dropSpans = (ref.optional ?? []).filter(([from, to]) => omitted(from, to));
  if (!dropTitle && !dropAppendix && dropSpans.length === 0) return raw;
  const d = dropSpans.reduce((x, span) => withStrayWordsMoved(ref, x, span, inputLength), raw);
  const deleted = d.deleted.filter(
    (p) =>
      !(dropTitle && p < ref.title) &&
      !(dropAppendix && p >= ref.appendix) &&
      !dropSpans.some(([from, to]) => p >= from && p < to),
  );
  return diffResult(d.common, deleted, d.inserted, d.aToB);
}

/**
 * The diff with the words matched inside an optional part the input leaves out moved onto the
 * same words right after it when those are unmatched: CC 4.0 opens with its name, then the
 * optional "Using Creative Commons Public Licenses" section, then its name again as the heading;
 * a copy without that section has the heading once, which the diff takes for the opening line,
 * leaving the real heading a deleted run.
 */
function withStrayWordsMoved(
  ref: Reference,
  d: DiffResult,
  [from, to]: readonly [number, number],
  inputLength: number,
): DiffResult {
  const after: number[] = [];
  for (let q = to; q < d.aToB.length && (d.aToB[q] as number) < 0; q++) after.push(q);
  if (after.length === 0) return d;
  const aToB = d.aToB.slice();
  let k = after.length - 1;
  let moved = false;
  for (let p = to - 1; p >= from && k >= 0; p--) {
    if ((aToB[p] as number) < 0) continue;
    while (k >= 0 && ref.tokens[after[k] as number] !== ref.tokens[p]) k--;
    if (k < 0) break;
    aToB[after[k] as number] = aToB[p] as number;
    aToB[p] = -1;
    moved = true;
    k--;
  }
  return moved ? withAlignment(d, aToB, inputLength) : d;
}

function toMatch(
  ix: Index,
  cmp: Comparison,
  tokens: Int32Array,
  lines: readonly number[],
  offset: number,
): LicenseMatch & {
  readonly covered: number;
  readonly changes: number;
  /** Input tokens the reference's words match. */
  readonly common: number;
  /** The input tokens [from, to) the match spans (edges trimmed). */
  readonly from: number;
  readonly to: number;
} {
  const ref = ix.refs[cmp.ref] as Reference;
  const edges = trimEdges(ix, ref, cmp.diff, tokens);
  const d = edges.diff;
  const where = span(lines, offset + edges.from, offset + edges.to - 1);
  // Changes to the terms: words of the optional appendix a copy leaves out are none, whole or
  // in part (Docker's LICENSE keeps Apache's boilerplate notice, filled in, without the "How to
  // apply" instructions above it).
  const leftOutOfAppendix = d.deleted.filter((p) => p >= ref.appendix).length;
  const changes = d.deleted.length + d.inserted.length - leftOutOfAppendix;
  const refLength = ref.tokens.length - cmp.omitted - edges.dropped;
  const raw = (2 * d.common) / (refLength + (edges.to - edges.from));
  // Short substitutions ("the copyright holder" → "Sun Microsystems") fill what SPDX templates
  // mark as variable text (names, "THE AUTHOR"): they do not make the text less that licence.
  const fills = substitutions(d, (p) => isVariable(ix, ref, p), ref.variableMask);
  // A copyright statement or postal address left inside the text is ignored (guideline 9).
  const parts = hunks(d, new Set(d.deleted));
  const notices = ignoredInsertions(ix, parts, tokens);
  const score = Math.max(
    raw,
    (2 * d.common) /
      (refLength - fills.deleted + (edges.to - edges.from) - fills.inserted - notices),
  );

  // Words run together or split are the licence's words but not its text verbatim.
  let confidence: Confidence =
    changes === 0 && leftOutOfAppendix === 0 && !edges.cut && cmp.reflowed === 0
      ? 'exact'
      : 'medium';
  if (
    confidence === 'medium' &&
    // A short text loses similarity fast: a couple of harmless edits are still a verified match.
    (score >= HIGH_SCORE || (changes <= SHORT_TEXT_MAX_CHANGES && score >= SHORT_TEXT_SCORE)) &&
    changes - ownHolderFills(ref, fills) <=
      Math.max(HIGH_MAX_CHANGES, HIGH_MAX_CHANGE_SHARE * ref.tokens.length) &&
    !changesMeaning(ref, tokens, d, ix, parts)
  ) {
    const touched = touchedPositions(d);
    // A sibling stays possible when the input changed the reference where that sibling differs
    // (a clash) and kept none of the reference's text where it differs (nothing rules it out):
    // e.g. a retitled MIT is still MIT, since the rest of MIT rules MIT-0 out, but a change
    // in the one clause that separates two licences leaves both open.
    // Where the sibling has words of its own, the input must have (most of) them: unrelated
    // words inserted there ("of this software" where BSD-3-Clause-Attribution adds its clause,
    // "author" where BSD-3-Clause-HP names HP) do not make the sibling possible.
    const added = insertedAt(d, tokens);
    const open = siblingsOf(ix, cmp.ref).some(
      (s) =>
        s.differs.some((p) => touched.has(p)) &&
        s.differs.every((p) => touched.has(p)) &&
        [...s.inserts].every(([gap, words]) => sharesMost(words, added, gap)),
    );
    if (!open && !dropsHolderName(ix, ref, d)) confidence = 'high';
  }
  const rounded = Math.round(Math.min(score, 1) * 10_000) / 10_000;
  const match = withSameText(
    { license: ref.ids[0] as string, confidence, score: rounded, ...where },
    ref.ids,
  );
  return {
    ...match,
    covered: (edges.to - edges.from) / Math.max(1, tokens.length),
    changes,
    common: d.common,
    from: offset + edges.from,
    to: offset + edges.to,
  };
}

/**
 * SPDX licences whose text is two others one after the other: OpenSSL is the OpenSSL licence
 * followed by the original SSLeay licence (SPDX lists both halves on their own too).
 */
const COMPOSITES: Readonly<Record<string, readonly string[]>> = {
  OpenSSL: ['OpenSSL-standalone', 'SSLeay-standalone'],
};

/**
 * The composite licence a near match names, when every part of it is verified inside the file
 * (each part `exact` or `high`): the composite, `high`, over the parts' lines.
 */
function composed(
  near: LicenseMatch,
  regions: readonly { readonly match: LicenseMatch }[],
): LicenseMatch | undefined {
  const parts = COMPOSITES[near.license];
  if (!parts) return undefined;
  const matches = parts.map((id) =>
    regions.find((r) => r.match.license === id && r.match.confidence !== 'medium'),
  );
  if (matches.some((m) => m === undefined)) return undefined;
  const lines = matches.map((m) => (m as { match: LicenseMatch }).match);
  return {
    license: near.license,
    confidence: 'high',
    score: Math.min(...lines.map((m) => m.score)),
    startLine: Math.min(...lines.map((m) => m.startLine)),
    endLine: Math.max(...lines.map((m) => m.endLine)),
    reason: `The ${near.license} licence is ${parts.join(' followed by ')}; both are found here.`,
  };
}

/** Edits a diff may spend beyond the length difference: at least this many… */
const MIN_DIFF_BUDGET = 150;
/** …or this share of the reference. */
const DIFF_BUDGET_SHARE = 0.15;

/** How much less similar than the best candidate a verified match may be and still win. */
const VERIFIED_MARGIN = 0.05;

/** Longest input span (× the reference's length) a near match may cover and still be a variant. */
const VARIANT_SPAN = 1.25;

/** Most words outside a licence spanning a file for the file to be that licence alone. */
const MAX_UNCOVERED = 40;

/** Share of a file's tokens a licence must span for the file to be that licence alone. */
const WHOLE_FILE_SHARE = 0.9;

function withoutCover(
  m: LicenseMatch & {
    readonly covered: number;
    readonly changes?: number;
    readonly common?: number;
    readonly from?: number;
    readonly to?: number;
  },
): LicenseMatch {
  const match: Record<string, unknown> & LicenseMatch = { ...m };
  delete match.covered;
  delete match.changes;
  delete match.common;
  delete match.from;
  delete match.to;
  return match;
}

/**
 * Words of the reference texts that SPDX templates mark as variable (holders, authors,
 * organisations named in the text): a substitution counts as filled-in variable text only when it
 * replaces one of these, never when it replaces what makes a licence itself ("this file" vs
 * "bootloader and related files").
 */
const VARIABLE_WORDS: ReadonlySet<string> = new Set([
  'copyright',
  'holder',
  'holders',
  'author',
  'authors',
  'owner',
  'owners',
  'organization',
  'regents',
  'university',
  'california',
  'berkeley',
  'contributors',
  'licensor',
  'licensors',
  'company',
  'corporation',
  'inc',
  'consortium',
  'foundation',
  'developers',
  'year',
  // Names a reference text uses for its own holder or a placeholder (ISC, NTP's
  // "TrademarkedName", HPND-sell-variant's "OpenVision", which its SPDX template marks as
  // replaceable), and WTFPL's word, which copies censor.
  'isc',
  'trademarkedname',
  'openvision',
  'fuck',
]);

/**
 * Licences that are a named holder's version of a generic one (SPDX names them after that
 * holder: "BSD-4-Clause (University of California-Specific)"): in these the holder's name is
 * what makes the licence itself, not variable text, so a copy naming another holder is the
 * generic licence (BSD-4-Clause), not this one.
 */
const UC_WORDS: readonly string[] = ['regents', 'university', 'california', 'berkeley'];
const NAMED_HOLDER_WORDS: Readonly<Record<string, readonly string[]>> = {
  'BSD-4-Clause-UC': UC_WORDS,
  'HPND-UC': UC_WORDS,
  'HPND-UC-export-US': UC_WORDS,
};

/** Whether the input lacks a word of the holder a named holder's licence is named after. */
function dropsHolderName(ix: Index, ref: Reference, d: DiffResult): boolean {
  const names = NAMED_HOLDER_WORDS[ref.ids[0] as string];
  return (
    names !== undefined &&
    d.deleted.some((p) => names.includes(wordOf(ix, ref.tokens[p] as number)))
  );
}

/**
 * Holder names a licence's text uses as its own that copies replace with theirs: the Apache
 * Software Foundation's (and Apache Group's) names in Apache 1.x, which the SPDX templates mark
 * as replaceable ("Products derived from this software may not be called "OpenSymphony"").
 */
const OWN_HOLDER_WORDS: Readonly<Record<string, readonly string[]>> = {
  'Apache-1.0': ['apache', 'group', 'org'],
  'Apache-1.1': ['apache', 'software', 'org'],
};

/**
 * Changes that fill in a licence's own holder's names (a project's name in each of Apache 1.1's
 * five "Apache Software Foundation"s): no changes to its terms. Only for licences whose holder's
 * name is replaceable (OWN_HOLDER_WORDS); elsewhere a steward's name ("the OpenLDAP Foundation")
 * replaced throughout makes another licence.
 */
function ownHolderFills(ref: Reference, fills: { deleted: number; inserted: number }): number {
  return OWN_HOLDER_WORDS[ref.ids[0] as string] ? fills.deleted + fills.inserted : 0;
}

/** Whether reference position `p` is variable text: a placeholder's or a holder's word. */
function isVariable(ix: Index, ref: Reference, p: number): boolean {
  if (ref.variableMask?.[p] === 1) return true;
  const word = wordOf(ix, ref.tokens[p] as number);
  const id = ref.ids[0] as string;
  return (
    (VARIABLE_WORDS.has(word) && !NAMED_HOLDER_WORDS[id]?.includes(word)) ||
    OWN_HOLDER_WORDS[id]?.includes(word) === true
  );
}

/** Words around a variable part ("the copyright holder", "the regents of the university"). */
const FILLER_WORDS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'of', 'and']);

/** Words that turn a grant around wherever they appear, even inside a filled-in name. */
const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'except',
  'without',
  'unless',
  'only',
]);

/** Longest substitution treated as filled-in variable text (reference side, input side). */
const MAX_FILL_DELETED = 6;
const MAX_FILL_INSERTED = 10;

/** Tokens in short substitutions (a deletion and an insertion at the same place). */
function substitutions(
  d: DiffResult,
  isVariable: (refPosition: number) => boolean,
  /** Positions inside a placeholder: a fill of one is as long as the placeholder. */
  placeholder?: Uint8Array,
): { deleted: number; inserted: number } {
  // Deletion at p sits at 2p+1, insertion before a[g] at 2g: neighbours are ≤ 2 apart.
  const items = [
    ...d.deleted.map((p) => ({
      at: 2 * p + 1,
      del: 1,
      variable: isVariable(p),
      placeholder: placeholder?.[p] === 1,
    })),
    ...d.inserted.map((g) => ({ at: 2 * g, del: 0, variable: false, placeholder: false })),
  ].sort((a, b) => a.at - b.at);
  let deleted = 0;
  let inserted = 0;
  for (let i = 0; i < items.length;) {
    let j = i;
    let del = 0;
    let ins = 0;
    let variable = false;
    let whole = true; // every deleted token inside a placeholder
    for (
      ;
      j < items.length &&
      (j === i || (items[j] as { at: number }).at - (items[j - 1] as { at: number }).at <= 2);
      j++
    ) {
      const item = items[j] as { del: number; variable: boolean; placeholder: boolean };
      if (item.del) {
        del++;
        whole &&= item.placeholder;
      } else ins++;
      variable ||= item.variable;
    }
    if (
      variable &&
      del > 0 &&
      ins > 0 &&
      (del <= MAX_FILL_DELETED || whole) &&
      ins <= MAX_FILL_INSERTED + (whole ? del : 0)
    ) {
      deleted += del;
      inserted += ins;
    }
    i = j;
  }
  return { deleted, inserted };
}

/** Most reference tokens that may be missing at its start or end (a title line, a sign-off). */
const MAX_EDGE_DELETIONS = 12;
/** …but no more than this share of a short reference (28 words: 4). */
const MAX_SHORT_EDGE_SHARE = 0.15;
/** …or, at its end, this share of the reference (an exhibit or contact line left out). */
const MAX_TRAIL_SHARE = 0.08;

/**
 * The diff without what lies outside the licence: input text before the first and after the
 * last token matched to the reference (a file header, a README around a licence), and a few
 * reference words missing at its very start or end ("The MIT License", "END OF TERMS"), as
 * long as none of them changes the terms. `from`/`to` bound the licence within the input.
 */
function trimEdges(
  ix: Index,
  ref: Reference,
  d: DiffResult,
  input: Int32Array,
): { diff: DiffResult; from: number; to: number; cut?: boolean; dropped: number } {
  const inputLength = input.length;
  const aligned = alignOpening(ref, d, input);
  const unstrayed = withoutStrayTitle(ref, aligned);
  // Title words found elsewhere: the licence, but not its text verbatim.
  const strayTitle = unstrayed !== aligned;
  d = unstrayed;
  let first = -1;
  let last = -1;
  for (let p = 0; p < d.aToB.length; p++) {
    if ((d.aToB[p] as number) < 0) continue;
    if (first < 0) first = p;
    last = p;
  }
  if (first < 0) return { diff: d, from: 0, to: inputLength, dropped: 0 };
  const from = d.aToB[first] as number;
  const to = (d.aToB[last] as number) + 1;
  const inserted = d.inserted.filter((g) => g > first && g <= last);
  const meaningful = (p: number): boolean =>
    MEANINGFUL_WORDS.has(wordOf(ix, ref.tokens[p] as number));
  const lead = d.deleted.filter((p) => p < first);
  const trail = d.deleted.filter((p) => p > last);
  // A short licence left without a third of its words is not that licence: at most a few.
  const edgeRoom = Math.max(
    Math.min(MAX_EDGE_DELETIONS, MAX_SHORT_EDGE_SHARE * ref.tokens.length),
    MAX_TRAIL_SHARE * ref.tokens.length,
  );
  // An opening sentence left out (a preamble, a note about the licence's history) likewise.
  const dropLead = lead.length <= edgeRoom && !lead.some(meaningful);
  // A closing part left out (MPL's exhibits, CC's "Creative Commons may be contacted at …", a
  // sign-off) is still that licence, as long as it is short and says nothing about the terms.
  // The optional appendix cut anywhere is still that licence: only the terms before it count.
  const trailTerms = trail.filter((p) => p < ref.appendix);
  const dropTrail = trailTerms.length <= edgeRoom && !trailTerms.some(meaningful);
  const deleted = d.deleted.filter((p) => !(dropLead && p < first) && !(dropTrail && p > last));
  // More than a title left out at the start, or part of the appendix there and the rest cut:
  // the licence, but not its text verbatim.
  const cut =
    strayTitle ||
    (dropLead && lead.length > MAX_EDGE_DELETIONS) ||
    (dropTrail && trail.some((p) => p >= ref.appendix) && last >= ref.appendix);
  // Reference tokens left out at its edges (and stray title words): not part of the comparison.
  const dropped = d.deleted.length - deleted.length;
  return { diff: diffResult(d.common, deleted, inserted, d.aToB), from, to, cut, dropped };
}

/**
 * The diff with the licence's opening re-aligned onto its own title when words before the
 * licence took it: a sentence that uses the title's words ('… of the GNU General Public
 * License, version 3 ("GPLv3").' right before "GNU GENERAL PUBLIC LICENSE Version 3"; "the
 * Eclipse Public License, v. 2.0 are satisfied" in a README above the EPL; a GPL notice, with
 * the FSF's address, above the GPL's text) otherwise takes them, and with them the licence's
 * start, leaving its own first lines an insertion inside it. The body is the first long run of
 * matched words; the opening before it is diffed again against the input from the title's last
 * whole occurrence before the body.
 */
function alignOpening(ref: Reference, d: DiffResult, input: Int32Array): DiffResult {
  const aToB = d.aToB;
  let first = 0;
  while (first < aToB.length && (aToB[first] as number) < 0) first++;
  if (ref.title === 0 || first >= aToB.length) return d;
  // The body: the first run of OPENING_RUN words matched one after the other.
  let body = -1;
  for (let p = first, run = 0; p < aToB.length && p <= MAX_OPENING; p++) {
    const b = aToB[p] as number;
    run = b >= 0 && p > 0 && aToB[p - 1] === b - 1 ? run + 1 : b >= 0 ? 1 : 0;
    if (run === OPENING_RUN) {
      body = p - OPENING_RUN + 1;
      break;
    }
  }
  if (body <= 0) return d;
  const bodyAt = aToB[body] as number;
  const from = aToB[first] as number;
  // The title's last whole occurrence close enough before the body.
  const title = ref.tokens.subarray(0, ref.title);
  let start = -1;
  for (let at = bodyAt - ref.title; at > from && at >= bodyAt - body - MAX_OPENING_GAP; at--) {
    let fits = true;
    for (let k = 0; k < ref.title && fits; k++) fits = input[at + k] === title[k];
    if (fits) {
      start = at;
      break;
    }
  }
  if (start < 0) return d;
  const local = diffTokens(
    ref.tokens.subarray(0, body),
    input.subarray(start, bodyAt),
    body + bodyAt - start,
  );
  if (!local) return d;
  const moved = aToB.slice();
  for (let p = 0; p < body; p++) {
    const b = local.aToB[p] as number;
    moved[p] = b >= 0 ? start + b : -1;
  }
  return withAlignment(d, moved, input.length);
}

/** Opening words (title, version line, a header) re-aligned before a licence's body, at most. */
const MAX_OPENING = 80;
/** Words matched one after the other that make a licence's body. */
const OPENING_RUN = 20;

/**
 * `d` with its alignment replaced by `aToB` (each reference position's input position, or -1):
 * deletions, insertions (each unmatched input word in the gap before the next matched reference
 * word) and the common count recomputed.
 */
function withAlignment(d: DiffResult, aToB: Int32Array, inputLength: number): DiffResult {
  const deleted: number[] = [];
  const inserted: number[] = [];
  let next = 0; // the next input position not yet accounted for
  let common = 0;
  for (let p = 0; p < aToB.length; p++) {
    const b = aToB[p] as number;
    if (b < 0) {
      deleted.push(p);
      continue;
    }
    for (; next < b; next++) inserted.push(p);
    next = b + 1;
    common++;
  }
  for (; next < inputLength; next++) inserted.push(aToB.length);
  return diffResult(common, deleted, inserted, aToB);
}

/**
 * The diff without title words matched far from the body: a heading or preamble before the
 * licence that happens to use them ("The OpenSSL toolkit stays under a dual license …" before
 * the OpenSSL License) is text around the licence, not its title.
 */
function withoutStrayTitle(ref: Reference, d: DiffResult): DiffResult {
  if (ref.title === 0) return d;
  let lastTitle = -1;
  for (let p = 0; p < ref.title; p++) if ((d.aToB[p] as number) >= 0) lastTitle = p;
  if (lastTitle < 0) return d;
  let body = ref.title;
  while (body < d.aToB.length && (d.aToB[body] as number) < 0) body++;
  if (body >= d.aToB.length) return d;
  const gap = (d.aToB[body] as number) - (d.aToB[lastTitle] as number) - 1;
  if (gap <= HIGH_MAX_INSERTED_RUN) return d;
  const aToB = d.aToB.slice();
  const deleted = [...d.deleted];
  let unmatched = 0;
  for (let p = 0; p < ref.title; p++) {
    if ((aToB[p] as number) < 0) continue;
    aToB[p] = -1;
    deleted.push(p);
    unmatched++;
  }
  deleted.sort((a, b) => a - b);
  // The input words between the title words matched and the body are now before the licence.
  const inserted = d.inserted.filter((g) => g > body);
  return diffResult(d.common - unmatched, deleted, inserted, aToB);
}

/**
 * Most licence texts reported inside one file: a third-party notices file (Node.js's LICENSE
 * has over 40) lists one per bundled project.
 */
const MAX_REGIONS = 64;
/** Share of a reference's shingles the input must contain for the reference to be looked for. */
const CONTAINED_SHARE = 0.5;

/**
 * Licence texts inside a larger file (several notices, a licence section in a README): find the
 * reference most contained in the input, the densest window of its shingles, compare that window
 * as a whole text, mask it and look again.
 */
function findRegions(
  ix: Index,
  input: Int32Array,
  lines: readonly number[],
  counted: { readonly shingles: Int32Array; readonly counts: Int32Array },
  /** Diffs run so far on this input (the whole-file candidates'). */
  memo: CompareMemo,
  /** Only verified regions matter (the caller has a hint already): diffs stop beyond that. */
  verifiableOnly = false,
): { match: LicenseMatch; from: number; to: number }[] {
  const work = input.slice();
  // No reference mostly inside the text (a source file whose header names its licence): no
  // region to look for, and no need to index the text's shingles by position.
  const firstCandidates = containedCandidates(ix, counted.counts);
  if (firstCandidates.length === 0) return [];
  const ps = positionShingles(ix, input, counted);
  const out: { match: LicenseMatch; from: number; to: number }[] = [];
  for (let round = 0; round < MAX_REGIONS; round++) {
    let found:
      { cmp: Comparison; from: number; to: number; match: ReturnType<typeof toMatch> } | undefined;
    const considered = new Set<number>();
    /** Compares reference `r` on its densest window, or on `span` (a verified region's text). */
    const consider = (r: number, span?: { readonly from: number; readonly to: number }): void => {
      if (!span) {
        if (considered.has(twinOf(ix, r))) return;
        considered.add(r);
      }
      const win = span ?? locate(ix.refs[r] as Reference, ps);
      if (!win) return;
      // A diff that cannot beat the best region so far may stop early: a closer hint than the
      // best hint, or, once a region is verified, one that could be verified too (regions are
      // then ranked by their changes, not by their windows' similarity).
      const foundVerified = found !== undefined && found.match.confidence !== 'medium';
      const cmp = compare(
        ix,
        r,
        work.subarray(win.from, win.to),
        found && !foundVerified ? found.cmp.score - OMITTED_SLACK : MEDIUM_SCORE,
        verifiableOnly || foundVerified,
        { cache: memo, from: win.from },
      );
      if (!cmp) return;
      // A verified region beats a closer hint: a window over two licences (the OpenSSL licence
      // and the SSLeay licence after it) is a near match to their combination, while each of
      // them alone is verified.
      const match = toMatch(ix, cmp, work.subarray(win.from, win.to), lines, win.from);
      const verified = match.confidence !== 'medium';
      // Of two verified regions, the one that explains more of the text (the OpenSSL licence
      // over its SSLeay half), then the one the text departs from least. Similarity over the
      // window would favour the reference whose window happens to hold less else (Pixar's,
      // shorter, over an exact Apache-2.0 whose window reaches into the next licence).
      if (
        !found ||
        (verified && !foundVerified) ||
        (verified && foundVerified
          ? match.common > found.match.common ||
            (match.common === found.match.common &&
              (match.changes < found.match.changes ||
                (match.changes === found.match.changes && cmp.score > found.cmp.score)))
          : !foundVerified && cmp.score > found.cmp.score)
      ) {
        found = { cmp, ...win, match };
      }
    };
    const tried = round === 0 ? firstCandidates : containedCandidates(ix, ps.counts);
    for (const r of tried) consider(r);
    // A verified region's near-identical siblings may fit it better though they were not among
    // the closest in shingles (Pixar's shorter text shares more of its shingles with an
    // Apache-2.0 copy that leaves out the appendix than Apache-2.0's own text does).
    const verifiedRegion = found?.match.confidence === 'medium' ? undefined : found;
    // Only a sibling whose every difference inside the matched text the text changed can be
    // closer: where the text keeps the found licence's words, it departs from the sibling's.
    // (Differences at or beyond the match's edges, in a title or appendix left out, tell
    // nothing.)
    if (verifiedRegion) {
      const d = verifiedRegion.cmp.diff;
      const firstMatched = d.aToB.findIndex((b) => b >= 0);
      const lastMatched = d.aToB.findLastIndex((b) => b >= 0);
      const touched = touchedPositions(d);
      const by = { ref: verifiedRegion.cmp.ref, changes: verifiedRegion.match.changes };
      // Each is compared on the region's own text: its densest window may reach into the text
      // after it (an Apache-2.0 without its appendix, then an MIT licence) and fail there.
      const region = { from: verifiedRegion.match.from, to: verifiedRegion.match.to };
      for (const sibling of siblingsOf(ix, by.ref)) {
        const inside = sibling.differs.filter((p) => p > firstMatched && p < lastMatched);
        // A sibling with words of its own before or after this licence's (X11's closing clause
        // after MIT's words; the LaTeX licence's paragraph on translations after the two of the
        // man-pages one) is compared on the region widened by as many words: where the text
        // goes on with them, the sibling explains more and wins.
        let before = 0;
        let after = 0;
        for (const [gap, words] of sibling.inserts) {
          if (gap > lastMatched) after += words.length;
          else if (gap <= firstMatched) before += words.length;
        }
        const widened = {
          from: Math.max(0, region.from - (before > 0 ? before + WIDEN_SLACK : 0)),
          to: Math.min(work.length, region.to + (after > 0 ? after + WIDEN_SLACK : 0)),
        };
        // (Only a sibling that differs from it nowhere inside the region: one that differs there
        // too is compared on the region itself, as widening it then lets a sibling that the
        // text departs from, Pixar over an exact Apache-2.0, explain more.)
        if (inside.length > 0) {
          if (inside.every((p) => touched.has(p)) && couldBeCloser(ix, by, sibling.ref))
            consider(sibling.ref, region);
        } else if (before + after > 0) consider(sibling.ref, widened);
      }
    }
    // A hint masks its whole window: first, the licences closest to that window's own text
    // are tried on it. (Its licence was located by the shingles it shares with the text, and
    // the licence the text is may not have been among the round's candidates: in a file of
    // many BSD-style licences, BSD-3-Clause's window can fall on a BSD-4-Clause text.)
    if (found && found.match.confidence === 'medium') {
      const hint = { from: found.from, to: found.to };
      for (const c of candidates(ix, work.subarray(hint.from, hint.to), DIFF_DICE, MAX_CANDIDATES))
        if (c.ref !== found.cmp.ref) consider(c.ref, hint);
    }
    if (!found) break;
    // A verified region masks only the text it matched; a hint, its whole window.
    const verified = found.match.confidence !== 'medium';
    const from = verified ? found.match.from : found.from;
    const to = verified ? found.match.to : found.to;
    out.push({ match: withoutCover(found.match), from, to });
    work.fill(-1, from, to); // masked tokens form no shingles
    maskShingles(ix, ps, from, to);
    forgetWindows(memo, from, to);
  }
  return out.sort((x, y) => x.from - y.from);
}

/** The input token range a diff maps reference tokens into. */
function coveredRange(d: DiffResult): { from: number; to: number } | undefined {
  let from = -1;
  let to = -1;
  for (const b of d.aToB) {
    if (b < 0) continue;
    if (from < 0) from = b;
    to = b + 1;
  }
  return from < 0 ? undefined : { from, to };
}

/** References whose shingles the input mostly contains, best first. */
function containedCandidates(ix: Index, counts: Int32Array): number[] {
  const out: { ref: number; share: number }[] = [];
  for (let r = 0; r < counts.length; r++) {
    const c = counts[r] as number;
    const total = (ix.refs[r] as Reference).shingleCount;
    if (c > 0 && c / total >= CONTAINED_SHARE) out.push({ ref: r, share: c / total });
  }
  return out
    .sort((x, y) => y.share - x.share)
    .slice(0, MAX_CANDIDATES)
    .map((c) => c.ref);
}

/**
 * The window of the input densest in the reference's shingles: at most 1.5× its length, without
 * long gaps, within one copy of the licence.
 */
function locate(ref: Reference, ps: PositionShingles): { from: number; to: number } | undefined {
  const hits = liveHits(ref, ps);
  if (hits.length === 0) return undefined;
  const maxSpan = Math.ceil(ref.tokens.length * 1.5);
  // A long stretch without the reference's shingles ends a region: text around a licence
  // (a README, another licence) must not be pulled into it.
  const maxGap = Math.max(24, Math.ceil(ref.tokens.length * 0.03));
  // So does the start of another copy of the licence. Over copies of one licence back to back
  // (a LICENSE with the BSD-3-Clause text of each of three projects), the densest window held
  // one and a half of them, and their diff explained neither; each round now finds one.
  let starts = ps.copyStarts.get(ref);
  if (!starts) {
    starts = copyStarts(ref, ps, hits);
    ps.copyStarts.set(ref, starts);
  }
  let best = { from: 0, to: 0, count: 0 };
  for (let i = 0, j = 0; j < hits.length; j++) {
    const at = hits[j] as number;
    if (j > 0 && (at - (hits[j - 1] as number) > maxGap || starts[at] === 1)) i = j;
    while (at - (hits[i] as number) > maxSpan) i++;
    if (j - i + 1 > best.count) best = { from: hits[i] as number, to: at + 3, count: j - i + 1 };
  }
  return best;
}

/** Opening shingles that mark where a copy of a licence starts (copyStarts). */
const OPENING_SHINGLES = 6;
/** Of them, how many must occur within OPENING_REACH tokens for a copy to start there. */
const OPENING_MIN = 3;
const OPENING_REACH = 12;
/** Words a title may lie before its licence's opening beyond its own length (numbering, a blank). */
const TITLE_SLACK = 3;

/** What marks where a copy of a licence's text starts (openingOf). */
interface Opening {
  /** The first OPENING_SHINGLES shingles of its body (after its title), those it has nowhere else. */
  readonly body: Int32Array;
  /** The shingles that start in its title or among those first ones: the words a copy opens with. */
  readonly lead: Int32Array;
}

/** A reference's Opening, made on first use. */
function openingOf(ref: Reference): Opening {
  if (ref.opening) return ref.opening;
  const t = ref.tokens;
  const at = (i: number): number =>
    shingleHash(t[i] as number, t[i + 1] as number, t[i + 2] as number);
  const seen = new Map<number, number>();
  for (let i = 0; i + 2 < t.length; i++) seen.set(at(i), (seen.get(at(i)) ?? 0) + 1);
  const body: number[] = [];
  const lead: number[] = [];
  for (let i = 0; i + 2 < t.length && i < ref.title + OPENING_SHINGLES; i++) {
    lead.push(at(i));
    if (i >= ref.title && seen.get(at(i)) === 1) body.push(at(i));
  }
  ref.opening = { body: Int32Array.from(body), lead: Int32Array.from(lead) };
  return ref.opening;
}

/**
 * 1 at each input position where a further copy of the licence starts: where its opening words
 * (and its title before them) start again at least half a licence after they last did. Found
 * once per file (a file of hundreds of copies is searched round after round; masking a region
 * only takes positions away).
 */
function copyStarts(ref: Reference, ps: PositionShingles, hits: Int32Array): Uint8Array {
  const starts = new Uint8Array(ps.hash.length);
  const { body, lead } = openingOf(ref);
  if (body.length < OPENING_MIN) return starts;
  const isOpening = (at: number): boolean => has(body, ps.hash[at] as number);
  const minDistance = ref.tokens.length >> 1;
  let last = -1; // where the opening words were last found
  let lastStart = 0; // the index in `hits` the last copy starts at
  for (let k = 0; k < hits.length; k++) {
    const at = hits[k] as number;
    if ((last >= 0 && at - last < minDistance) || !isOpening(at)) continue;
    let n = 0;
    for (let m = k; m < hits.length && (hits[m] as number) < at + OPENING_REACH; m++)
      if (isOpening(hits[m] as number)) n++;
    if (n < OPENING_MIN) continue;
    // The copy starts with its title, if it has one: the licence's first words just before
    // where its opening was found (not the end of the copy before, however close).
    let start = k;
    while (
      start > (last >= 0 ? lastStart + 1 : 0) &&
      (hits[start - 1] as number) >= at - ref.title - OPENING_SHINGLES - TITLE_SLACK &&
      has(lead, ps.hash[hits[start - 1] as number] as number)
    )
      start--;
    starts[hits[start] as number] = 1;
    lastStart = start;
    last = at;
  }
  return starts;
}

/** Whether a short list of hashes holds `h` (a loop: a handful of entries). */
function has(list: Int32Array, h: number): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === h) return true;
  return false;
}

/**
 * The live positions of the input whose shingle the reference has, in order. Found by a pass
 * over the input the first time the reference is located in it, then kept (ps.hits): masking
 * only ever kills positions, so a later round filters the kept ones. (A file with dozens of
 * licences is searched round after round for the same few references: the pass per round
 * was half of its time.)
 */
function liveHits(ref: Reference, ps: PositionShingles): Int32Array {
  const { hash, live } = ps;
  const known = ps.hits.get(ref);
  if (known) {
    let n = 0;
    for (let k = 0; k < known.length; k++) if (live[known[k] as number] === 1) n++;
    if (n === known.length) return known;
    const kept = new Int32Array(n);
    n = 0;
    for (let k = 0; k < known.length; k++) {
      const i = known[k] as number;
      if (live[i] === 1) kept[n++] = i;
    }
    ps.hits.set(ref, kept);
    return kept;
  }
  const own = (ref.sortedShingles ??= shingles(ref.tokens));
  const bloom = (ref.shingleBloom ??= bloomOf(own));
  const found: number[] = [];
  for (let i = 0; i < live.length; i++) {
    if (live[i] === 0) continue;
    const h = hash[i] as number;
    const bit = Math.imul(h, 0x2545f491) >>> 16;
    if (((bloom[bit >>> 5] as number) & (1 << (bit & 31))) === 0) continue;
    if (contains(own, h)) found.push(i);
  }
  const hits = Int32Array.from(found);
  ps.hits.set(ref, hits);
  return hits;
}

/** A 65,536-bit filter of the hashes: a clear bit rules a hash out without a search. */
function bloomOf(sorted: Int32Array): Uint32Array {
  const bits = new Uint32Array(2048);
  for (const h of sorted) {
    const bit = Math.imul(h, 0x2545f491) >>> 16;
    bits[bit >>> 5] = (bits[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return bits;
}

function contains(sorted: Int32Array, h: number): boolean {
  return sorted[lowerBound(sorted, h)] === h;
}

/** True when the edits add a long run of text or touch a word that changes the grant. */
function changesMeaning(
  ref: Reference,
  input: Int32Array,
  d: DiffResult,
  ix: Index,
  parts: readonly Hunk[] = hunks(d, new Set(d.deleted)),
): boolean {
  const refTokens = ref.tokens;
  const titleEnd = ref.title;
  const meaningful = (id: number): boolean => id >= 0 && MEANINGFUL_WORDS.has(wordOf(ix, id));
  // The first matched word of the body (after the title, which may be kept or left out).
  let firstMatched = d.aToB.findIndex((b, p) => b >= 0 && p >= titleEnd);
  if (firstMatched < 0) firstMatched = d.aToB.length;
  for (const h of parts) {
    // The reference's header left out: its version line and "Everyone is permitted to copy and
    // distribute verbatim copies of this license document, but changing it is not allowed",
    // which is about the licence document, not the grant. A title with a meaningful word
    // ("Class Path Exception") is not a header to drop.
    const last = h.del[h.del.length - 1];
    if (
      h.ins.length === 0 &&
      last !== undefined &&
      last < firstMatched &&
      (h.del[0] as number) < titleEnd + MAX_HEADER &&
      h.del.length <= MAX_HEADER &&
      !withoutVerbatimNote(h.del.map((p) => wordOf(ix, refTokens[p] as number))).some((w) =>
        MEANINGFUL_WORDS.has(w),
      )
    ) {
      continue;
    }
    const del = h.del.map((p) => refTokens[p] as number);
    const ins = h.ins.map((i) => input[i] as number);
    if (losesRight(ix, del, ins)) return true;
    // A placeholder filled in whole or in part ("<Name of Institution>" → "University of
    // Illinois", a URL): as long as the placeholder itself, plus the usual room for a name.
    const filler = (p: number): boolean => FILLER_WORDS.has(wordOf(ix, refTokens[p] as number));
    const placeholderFill =
      h.del.some((p) => ref.variableMask?.[p] === 1) &&
      h.del.every((p) => ref.variableMask?.[p] === 1 || filler(p));
    const maxInserted = MAX_FILL_INSERTED + (placeholderFill ? del.length : 0);
    // A holder's name filled in for "the copyright holder" ("Rolls-Royce Controls and Data
    // Services Limited") may hold words such as "limited"; only a negation changes the grant.
    const nameFill =
      h.del.some((p) => isVariable(ix, ref, p)) &&
      h.del.every((p) => isVariable(ix, ref, p) || filler(p)) &&
      ins.length <= maxInserted;
    if (
      nameFill
        ? ins.some((id) => id >= 0 && NEGATIONS.has(wordOf(ix, id)))
        : del.some(meaningful) || ins.some(meaningful)
    ) {
      return true;
    }
    // Inside the optional appendix ("How to apply …", Creative Commons' closing notice) words
    // added or left out are not terms; only the words that turn a grant around count there.
    if (h.at > ref.appendix && h.del.every((p) => p >= ref.appendix)) continue;
    if (del.length > 0 && ins.length > 0) {
      // A filled-in name or phrase ("the copyright holder" → "Sun Microsystems").
      if ((del.length > MAX_FILL_DELETED && !placeholderFill) || ins.length > maxInserted) {
        return true;
      }
    } else if (
      clauseWords(del.map((id) => wordOf(ix, id))) > HIGH_MAX_INSERTED_RUN &&
      // The reference's postal address on a line of its own, which the copy keeps on its
      // copyright line (removed whole, guideline 9), is no clause.
      !isPostalAddress(del.map((id) => wordOf(ix, id)))
    ) {
      return true; // a dropped clause
    } else if (
      clauseWords(ins.map((id) => inputWord(ix, id))) > HIGH_MAX_INSERTED_RUN &&
      !isNoticeInsertion(ix, h, input)
    ) {
      return true; // an added clause
    }
  }
  return false;
}

/**
 * Words of a run that could make a clause: not section numbers and the words joining them
 * ("Sections 3.1, 3.2, 3.3, 3.4 and 3.5" written "Section 3.1-3.5").
 */
function clauseWords(words: readonly string[]): number {
  let n = 0;
  for (const w of words) if (!/^\d+$/.test(w) && w !== 'and' && w !== 'or' && w !== 'to') n++;
  return n;
}

/** Whether a right the reference grants is deleted with no form of it inserted in its place. */
function losesRight(ix: Index, del: readonly number[], ins: readonly number[]): boolean {
  const lost = del.map((id) => wordOf(ix, id)).filter((w) => RIGHT_WORDS.has(w));
  if (lost.length === 0) return false;
  const stems = new Set(ins.map((id) => stem(inputWord(ix, id))));
  return lost.some((w) => !stems.has(stem(w)));
}

/** A right's word without its ending: "copies" and "copy", "distribution" and "distribute". */
function stem(word: string): string {
  return word.replace(/(?:ies|y|es|s|ing|ions?|ed|e)$/, '');
}

/** The words without "changing it is not allowed" (the verbatim-copies line of a header). */
function withoutVerbatimNote(words: readonly string[]): string[] {
  const note = ['changing', 'it', 'is', 'not', 'allowed'];
  const at = words.findIndex((_, i) => note.every((w, k) => words[i + k] === w));
  return at < 0 ? [...words] : [...words.slice(0, at), ...words.slice(at + note.length)];
}

/** Longest reference header (title, version line, verbatim-copies line), in words, a copy may leave out. */
const MAX_HEADER = 40;

/** "Copyright (c) 2007 The Trustees of …" left inside a text: ignored (guideline 9). */
function isCopyrightStatement(ix: Index, ins: readonly number[]): boolean {
  // "Portions Copyright (c) …" (PostgreSQL's) too.
  const at = wordOf(ix, ins[0] as number) === 'portions' ? 1 : 0;
  const first = ins[at] === undefined ? '' : wordOf(ix, ins[at]);
  return (first === 'copyright' || first === 'c') && ins.length <= MAX_COPYRIGHT_STATEMENT;
}

/** Input tokens inserted as whole copyright statements or postal addresses. */
function ignoredInsertions(ix: Index, parts: readonly Hunk[], input: Int32Array): number {
  let n = 0;
  for (const h of parts) {
    if (h.del.length > 0 || h.ins.length === 0) continue;
    if (h.ins.some((i) => MEANINGFUL_WORDS.has(inputWord(ix, input[i] as number)))) continue;
    if (isNoticeInsertion(ix, h, input)) n += h.ins.length;
  }
  return n;
}

/** An inserted hunk that is a copyright statement or a postal address (guideline 9). */
function isNoticeInsertion(ix: Index, h: Hunk, input: Int32Array): boolean {
  const ins = h.ins.map((i) => input[i] as number);
  return (
    isCopyrightStatement(ix, ins) ||
    isPostalAddress(h.ins.map((i) => inputWord(ix, input[i] as number)))
  );
}

/**
 * A postal address on a line of its own ("51 Franklin St, Fifth Floor, Boston, MA 02110-1301
 * USA"), which references keep on their copyright line (removed, guideline 9): a house number
 * first and a five-digit postal code in it.
 */
function isPostalAddress(words: readonly string[]): boolean {
  return (
    words.length <= MAX_ADDRESS &&
    /^\d{1,5}$/.test(words[0] ?? '') &&
    words.some((w, i) => i > 0 && /^\d{5}$/.test(w))
  );
}

/** Longest postal address (in words) ignored inside a text. */
const MAX_ADDRESS = 16;

/** Most input words between a licence's opening and its body (a postal address on its own line). */
const MAX_OPENING_GAP = MAX_ADDRESS;

/** Longest copyright statement (in words) ignored inside a text. */
const MAX_COPYRIGHT_STATEMENT = 40;

/** Reference positions deleted and input positions inserted between two matched tokens. */
interface Hunk {
  del: number[];
  ins: number[];
  /** The reference position the hunk ends before (the next matched word; the length at the end). */
  at: number;
}

/**
 * The changes of a diff grouped where they happen: each hunk is the reference positions
 * deleted and the input positions inserted between two matched tokens.
 */
function hunks(d: DiffResult, deleted: ReadonlySet<number>): Hunk[] {
  const out: Hunk[] = [];
  let cur: Hunk = { del: [], ins: [], at: 0 };
  let next = -1; // input position after the last matched token
  for (let p = 0; p < d.aToB.length; p++) {
    const b = d.aToB[p] as number;
    if (b < 0) {
      if (deleted.has(p)) cur.del.push(p);
      continue;
    }
    if (next >= 0) for (let i = next; i < b; i++) cur.ins.push(i);
    if (cur.del.length > 0 || cur.ins.length > 0) out.push({ ...cur, at: p });
    cur = { del: [], ins: [], at: 0 };
    next = b + 1;
  }
  if (cur.del.length > 0) out.push({ ...cur, at: d.aToB.length });
  return out;
}

let words: string[] | undefined;
function wordOf(ix: Index, id: number): string {
  if (!words || words.length !== ix.vocab.size) {
    words = [];
    for (const [w, i] of ix.vocab) words[i] = w;
  }
  return words[id] ?? '';
}

function withSameText(match: LicenseMatch, ids: readonly string[]): LicenseMatch {
  return ids.length > 1 ? { ...match, sameText: ids.slice(1) } : match;
}
