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
import { createRequire } from 'node:module';
import { diffTokens, type DiffResult } from './diff.js';
import { normalize, type NormalizedText } from './normalize.js';

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
}

interface Reference {
  /** SPDX ids sharing this text, preferred first. */
  readonly ids: readonly string[];
  readonly tokens: Int32Array;
  readonly shingleCount: number;
  /** Optional parts (SPDX templates): tokens [0, title) are the title, [appendix, end) the appendix. */
  readonly title: number;
  readonly appendix: number;
  siblings?: readonly Sibling[];
  /** Its shingles, kept once it has been looked for inside a file. */
  sortedShingles?: Int32Array;
}

interface Sibling {
  readonly ref: number;
  /** Positions of the reference where this sibling differs (next to an insertion, or deleted). */
  readonly differs: readonly number[];
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
/** Most changed tokens (insertions + deletions) a `high` match may carry. */
const HIGH_MAX_CHANGES = 40;
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
  'nor',
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
]);

/** Shingle overlap needed to diff a candidate at all. */
const CANDIDATE_DICE = 0.3;
const MAX_CANDIDATES = 6;
/** Siblings: references whose shingle overlap with a reference is at least this. */
const SIBLING_DICE = 0.5;
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

function intern(vocab: Map<string, number>, tokens: readonly string[], add: boolean): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    let id = vocab.get(t);
    if (id === undefined) {
      id = add ? vocab.size : -1 - i; // unknown input words never match anything
      if (add) vocab.set(t, id);
    }
    out[i] = id;
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
 * table of keys whose postings are chained through typed arrays (one allocation for ~700k
 * entries, where a Map of arrays costs several times the start-up budget).
 */
interface ShingleIndex {
  readonly mask: number;
  readonly shift: number;
  readonly keys: Int32Array;
  /** Per slot: first posting + 1 (0 = empty slot), and the posting count. */
  readonly heads: Int32Array;
  readonly counts: Int32Array;
  readonly next: Int32Array;
  readonly refOf: Int32Array;
}

function buildShingleIndex(perRef: readonly Int32Array[], total: number): ShingleIndex {
  let bits = 1;
  while (1 << bits < total) bits++; // many shingles repeat across references: load stays under 1/2
  const size = 1 << bits;
  const mask = size - 1;
  const keys = new Int32Array(size);
  const heads = new Int32Array(size);
  const counts = new Int32Array(size);
  const next = new Int32Array(total);
  const refOf = new Int32Array(total);
  let p = 0;
  for (let r = 0; r < perRef.length; r++) {
    for (const h of perRef[r] as Int32Array) {
      let slot = Math.imul(h, 0x9e3779b1) >>> (32 - bits);
      while (heads[slot] !== 0 && keys[slot] !== h) slot = (slot + 1) & mask;
      keys[slot] = h;
      refOf[p] = r;
      next[p] = (heads[slot] as number) - 1;
      heads[slot] = p + 1;
      counts[slot] = (counts[slot] as number) + 1;
      p++;
    }
  }
  return { mask, shift: 32 - bits, keys, heads, counts, next, refOf };
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

/**
 * The SPDX templates mark the "How to apply these terms" appendix that follows "END OF TERMS AND
 * CONDITIONS" (Apache-2.0, the GPL family …) as optional, and most copies leave it out. Returns
 * where the appendix starts (the text length when there is none).
 */
function appendixStart(tokens: Int32Array, vocab: ReadonlyMap<string, number>): number {
  const marker = ['end', 'of', 'terms', 'and', 'conditions'].map((w) => vocab.get(w) ?? -1);
  for (let i = 0; i + marker.length < tokens.length; i++) {
    if (marker.every((m, k) => tokens[i + k] === m)) {
      const end = i + marker.length;
      // Only a real appendix: a few trailing words are part of the licence itself.
      return tokens.length - end >= 20 ? end : tokens.length;
    }
  }
  return tokens.length;
}

/**
 * The licence title ("ISC License", "The MIT License") is optional in the SPDX templates and many
 * copies leave it out. Returns how many leading tokens form a title: the first line when it is
 * short and names a licence; 0 when there is none.
 */
function titleLength(
  norm: NormalizedText,
  vocab: ReadonlyMap<string, number>,
  tokens: Int32Array,
): number {
  const first = norm.lines[0];
  let n = 0;
  while (n < norm.lines.length && norm.lines[n] === first) n++;
  if (n === 0 || n > 12 || n >= tokens.length - 20) return 0;
  const licenseIds = ['license', 'licenses', 'agreement', 'terms'].map((w) => vocab.get(w));
  for (let i = 0; i < n; i++) if (licenseIds.includes(tokens[i])) return n;
  return 0;
}

/** Builds (once) the index of every licence in spdx-license-list. */
export function getIndex(): Index {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const full = require('spdx-license-list/full') as Record<string, { licenseText: string }>;
  const vocab = new Map<string, number>();
  const groups: { ids: string[]; tokens: Int32Array; title: number; appendix: number }[] = [];
  const byText = new Map<number, number[]>();
  for (const [spdxId, entry] of Object.entries(full)) {
    const id = EXCEPTION_TEXT_IDS[spdxId] ?? spdxId;
    const norm = normalize(entry.licenseText);
    const tokens = intern(vocab, norm.tokens, true);
    addText(id, tokens, titleLength(norm, vocab, tokens), appendixStart(tokens, vocab));
  }
  function addText(id: string, tokens: Int32Array, title: number, appendix: number): void {
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
    groups.push({ ids: [id], tokens, title, appendix });
  }
  const refs: Reference[] = [];
  const perRef: Int32Array[] = [];
  let total = 0;
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
    const ids = group.ids.sort((x, y) => preference(x) - preference(y) || x.localeCompare(y));
    const sh = shingles(group.tokens);
    refs.push({
      ids,
      tokens: group.tokens,
      shingleCount: sh.length,
      title: group.title,
      appendix: group.appendix,
    });
    perRef.push(sh);
    total += sh.length;
  }
  index = { refs, byText, shingleIndex: buildShingleIndex(perRef, total), vocab };
  return index;
}

/** References ranked by shingle Dice overlap with `tokens`, best first. */
function candidates(
  ix: Index,
  tokens: Int32Array,
  minDice: number,
  limit: number,
): { ref: number; dice: number }[] {
  const sh = shingles(tokens);
  if (sh.length === 0) return [];
  const counts = shingleCounts(ix, sh);
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
  for (const h of sh) {
    const si = ix.shingleIndex;
    let slot = Math.imul(h, 0x9e3779b1) >>> si.shift;
    while (si.heads[slot] !== 0 && si.keys[slot] !== h) slot = (slot + 1) & si.mask;
    // Shingles shared by very many references ("the software is") say nothing about which.
    if (si.heads[slot] === 0 || (si.counts[slot] as number) > MAX_POSTING) continue;
    for (let p = (si.heads[slot] as number) - 1; p >= 0; p = si.next[p] as number) {
      const r = si.refOf[p] as number;
      counts[r] = (counts[r] as number) + 1;
    }
  }
  return counts;
}

/** Reference positions a diff changes: deleted ones and the two either side of an insertion. */
function differingPositions(d: DiffResult): number[] {
  const set = new Set<number>(d.deleted);
  for (const g of d.inserted) set.add(g - 1).add(g);
  return [...set];
}

/** The same positions, dilated by one token on each side. */
function touchedPositions(d: DiffResult): Set<number> {
  const set = new Set<number>();
  for (const p of differingPositions(d)) for (let q = p - 1; q <= p + 1; q++) set.add(q);
  return set;
}

/** Near-identical licences of a reference and where they differ from it (cached). */
function siblingsOf(ix: Index, r: number): readonly Sibling[] {
  const ref = ix.refs[r] as Reference;
  if (ref.siblings) return ref.siblings;
  const out: Sibling[] = [];
  for (const c of candidates(ix, ref.tokens, SIBLING_DICE, 40)) {
    if (c.ref === r) continue;
    const other0 = (ix.refs[c.ref] as Reference).ids[0];
    if (other0 === ref.ids[0]) continue; // the same licence with or without its appendix
    const other = ix.refs[c.ref] as Reference;
    const maxD = Math.min(2000, ref.tokens.length + other.tokens.length);
    const d = diffTokens(ref.tokens, other.tokens, maxD);
    // Without a diff (too different) every position counts as distinguishing.
    out.push({ ref: c.ref, differs: d ? differingPositions(d) : [...ref.tokens.keys()] });
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
export function identifyText(text: string): LicenseMatch[] {
  const ix = getIndex();
  const norm = normalize(text);
  const words =
    norm.tokens.length > MAX_INPUT_TOKENS ? norm.tokens.slice(0, MAX_INPUT_TOKENS) : norm.tokens;
  if (words.length === 0) return [];
  const tokens = intern(ix.vocab, words, false);
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

  let full: Comparison | undefined;
  for (const c of candidates(ix, tokens, CANDIDATE_DICE, MAX_CANDIDATES)) {
    const cmp = compare(ix, c.ref, tokens);
    if (cmp && (!full || cmp.score > full.score)) full = cmp;
  }
  const fullMatch = full && toMatch(ix, full, tokens, whole);
  if (fullMatch && fullMatch.confidence !== 'medium') return [fullMatch];

  // Not one licence from start to end: look for licence texts inside the file.
  const regions = findRegions(ix, tokens, norm.lines).map(({ match, from, to }) => {
    // A licence inside the span of a near match to another licence is likely part of a variant
    // of it (BSD-2-Clause inside a BSD-2-Clause-Views text): a hint, not a conclusion.
    if (!full || match.confidence === 'medium') return match;
    const fullId = (ix.refs[full.ref] as Reference).ids[0];
    const covered = coveredRange(full.diff);
    const inside = covered && from >= covered.from - 3 && to <= covered.to + 3;
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
}

/** Diffs a reference against input tokens; undefined when they are too far apart. */
function compare(ix: Index, r: number, tokens: Int32Array): Comparison | undefined {
  const ref = ix.refs[r] as Reference;
  // Enough edits to reach MEDIUM_SCORE and no more: bounded work on hopeless pairs.
  const total = ref.tokens.length + tokens.length;
  const maxD = Math.min(1500, Math.ceil(total * (1 - MEDIUM_SCORE)));
  const raw = diffTokens(ref.tokens, tokens, maxD);
  if (!raw) return undefined;
  const diff = withoutOmittedParts(ref, raw);
  const refLength = ref.tokens.length - (raw.deleted.length - diff.deleted.length);
  const score = (2 * diff.common) / (refLength + tokens.length);
  return score >= MEDIUM_SCORE ? { ref: r, score, diff } : undefined;
}

/** The diff without the deletions of optional parts (title, appendix) the input leaves out whole. */
function withoutOmittedParts(ref: Reference, d: DiffResult): DiffResult {
  const omitted = (from: number, to: number): boolean => {
    if (to <= from) return false;
    for (let p = from; p < to; p++) if ((d.aToB[p] as number) >= 0) return false;
    return true;
  };
  const dropTitle = omitted(0, ref.title);
  const dropAppendix = omitted(ref.appendix, ref.tokens.length);
  if (!dropTitle && !dropAppendix) return d;
  const deleted = d.deleted.filter(
    (p) => !(dropTitle && p < ref.title) && !(dropAppendix && p >= ref.appendix),
  );
  return { ...d, deleted };
}

function toMatch(
  ix: Index,
  cmp: Comparison,
  tokens: Int32Array,
  where: { startLine: number; endLine: number },
): LicenseMatch {
  const ref = ix.refs[cmp.ref] as Reference;
  const changes = cmp.diff.deleted.length + cmp.diff.inserted.length;
  let confidence: Confidence = changes === 0 ? 'exact' : 'medium';
  if (
    changes > 0 &&
    cmp.score >= HIGH_SCORE &&
    changes <= HIGH_MAX_CHANGES &&
    !changesMeaning(ref.tokens, tokens, cmp.diff, ix)
  ) {
    const touched = touchedPositions(cmp.diff);
    // A sibling stays possible when the input changed the reference where that sibling differs
    // (a clash) and kept none of the reference's text where it differs (nothing rules it out):
    // e.g. a retitled MIT is still MIT, since the rest of MIT rules MIT-0 out, but a change
    // in the one clause that separates two licences leaves both open.
    const open = siblingsOf(ix, cmp.ref).some(
      (s) => s.differs.some((p) => touched.has(p)) && s.differs.every((p) => touched.has(p)),
    );
    if (!open) confidence = 'high';
  }
  const score = Math.round(cmp.score * 10_000) / 10_000;
  return withSameText({ license: ref.ids[0] as string, confidence, score, ...where }, ref.ids);
}

/** Most licence texts reported inside one file. */
const MAX_REGIONS = 8;
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
): { match: LicenseMatch; from: number; to: number }[] {
  const work = input.slice();
  const out: { match: LicenseMatch; from: number; to: number }[] = [];
  for (let round = 0; round < MAX_REGIONS; round++) {
    let found: { cmp: Comparison; from: number; to: number } | undefined;
    for (const r of containedCandidates(ix, work)) {
      const win = locate(ix.refs[r] as Reference, work);
      if (!win) continue;
      const cmp = compare(ix, r, work.subarray(win.from, win.to));
      if (cmp && (!found || cmp.score > found.cmp.score)) found = { cmp, ...win };
    }
    if (!found) break;
    const where = span(lines, found.from, found.to - 1);
    const match = toMatch(ix, found.cmp, work.subarray(found.from, found.to), where);
    out.push({ match, from: found.from, to: found.to });
    work.fill(-1, found.from, found.to); // masked tokens form no shingles
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
function containedCandidates(ix: Index, tokens: Int32Array): number[] {
  const counts = shingleCounts(ix, shingles(tokens));
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

/** The window of `tokens` densest in the reference's shingles, at most 1.5× its length and without long gaps. */
function locate(ref: Reference, tokens: Int32Array): { from: number; to: number } | undefined {
  const own = (ref.sortedShingles ??= shingles(ref.tokens));
  const hits: number[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const a = tokens[i] as number;
    const b = tokens[i + 1] as number;
    const c = tokens[i + 2] as number;
    if (a < 0 || b < 0 || c < 0) continue;
    if (contains(own, shingleHash(a, b, c))) hits.push(i);
  }
  if (hits.length === 0) return undefined;
  const maxSpan = Math.ceil(ref.tokens.length * 1.5);
  let best = { from: 0, to: 0, count: 0 };
  // A long stretch without the reference's shingles ends a region: text around a licence
  // (a README, another licence) must not be pulled into it.
  const maxGap = Math.max(24, Math.ceil(ref.tokens.length * 0.03));
  for (let i = 0, j = 0; j < hits.length; j++) {
    if (j > 0 && (hits[j] as number) - (hits[j - 1] as number) > maxGap) i = j;
    while ((hits[j] as number) - (hits[i] as number) > maxSpan) i++;
    if (j - i + 1 > best.count)
      best = { from: hits[i] as number, to: (hits[j] as number) + 3, count: j - i + 1 };
  }
  return best;
}

function contains(sorted: Int32Array, h: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < h) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === h;
}

/** True when the edits add a long run of text or touch a word that changes the grant. */
function changesMeaning(
  refTokens: Int32Array,
  input: Int32Array,
  d: DiffResult,
  ix: Index,
): boolean {
  const meaningful = (id: number): boolean => id >= 0 && MEANINGFUL_WORDS.has(wordOf(ix, id));
  if (d.deleted.some((p) => meaningful(refTokens[p] as number))) return true;
  const runs = new Map<number, number>();
  for (const g of d.inserted) runs.set(g, (runs.get(g) ?? 0) + 1);
  if ([...runs.values()].some((n) => n > HIGH_MAX_INSERTED_RUN)) return true;
  // A dropped clause is a change of terms too.
  const deleted = [...d.deleted].sort((x, y) => x - y);
  for (let i = HIGH_MAX_INSERTED_RUN; i < deleted.length; i++) {
    if (
      (deleted[i] as number) - (deleted[i - HIGH_MAX_INSERTED_RUN] as number) ===
      HIGH_MAX_INSERTED_RUN
    )
      return true;
  }
  // Inserted input tokens are those no reference position maps to.
  const matched = new Uint8Array(input.length);
  for (const b of d.aToB) if (b >= 0) matched[b] = 1;
  for (let i = 0; i < input.length; i++)
    if (!matched[i] && meaningful(input[i] as number)) return true;
  return false;
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
