/**
 * SPDX licence exceptions, identified by rules (rules.ts): a few wordings of each exception,
 * looked for as normalised token phrases.
 *
 * 1. The text is normalised (normalize.ts; the result is shared with the other matchers); every
 *    rule phrase is looked up at each token through an index keyed by the phrase's first token,
 *    so the pass is linear in the text.
 * 2. A rule fires where all of its phrases lie within one stretch of the text: `high`. A rule
 *    of three phrases or more with all but one found is `medium` (an edited copy, or a sibling):
 *    a hint, never a conclusion.
 * 3. Where several rules fire on overlapping stretches (Classpath and its short form), the rule
 *    that explains more of the text (more phrase tokens found) wins; a rule whose `absent` words
 *    occur near its stretch is dropped.
 *
 * What licence the exception modifies is decided by the caller (identify.ts), from the licence
 * matches next to it.
 */
import type { LicenseMatch } from '../match.js';
import { normalize } from '../normalize.js';
import { findPhrases, indexByFirstToken, type PhraseHit, type PhraseIndex } from '../phrases.js';
import { EXCEPTION_RULES } from './rules.js';

interface Phrase {
  readonly tokens: readonly string[];
  /**
   * Rules using this phrase: index into EXCEPTION_RULES, and whether it is an `absent` phrase or
   * a `tail` one (neither counts towards identifying the rule).
   */
  readonly uses: { readonly rule: number; readonly absent: boolean; readonly tail?: boolean }[];
}

interface Compiled {
  readonly byFirst: PhraseIndex<Phrase>;
  /** Per rule: its required phrases. */
  readonly required: readonly (readonly Phrase[])[];
  /** Per rule: the phrases that name it on their own. */
  readonly names: readonly (readonly Phrase[])[];
}

interface Found {
  readonly rule: number;
  /** Token range [start, end) from the first to the last phrase found. */
  readonly start: number;
  readonly end: number;
  /** Phrases found out of the rule's phrases. */
  readonly found: number;
  /** Tokens of the phrases found (how much of the text the rule explains). */
  readonly weight: number;
}

/** Longest stretch, in tokens, that one exception's phrases may spread over. */
const MAX_SPAN = 1500;
/** Tokens around a stretch in which an `absent` phrase rules the exception out. */
const ABSENT_MARGIN = 200;
/** Most phrase hits looked at in one text. */
const MAX_HITS = 5000;
/** Most exceptions reported for one text. */
const MAX_RESULTS = 50;

let compiled: Compiled | undefined;

function compile(): Compiled {
  const byKey = new Map<string, Phrase>();
  const phrase = (
    text: string,
    rule: number,
    absent: boolean,
    tail = false,
  ): Phrase | undefined => {
    const tokens = normalize(text).tokens;
    if (tokens.length === 0) return undefined;
    const key = tokens.join(' ');
    let p = byKey.get(key);
    if (!p) {
      p = { tokens, uses: [] };
      byKey.set(key, p);
    }
    p.uses.push(tail ? { rule, absent, tail } : { rule, absent });
    return p;
  };
  const required = EXCEPTION_RULES.map((rule, i) => {
    for (const t of rule.absent ?? []) phrase(t, i, true);
    for (const t of rule.tail ?? []) phrase(t, i, false, true);
    return rule.phrases.map((t) => phrase(t, i, false)).filter((p): p is Phrase => !!p);
  });
  const names = EXCEPTION_RULES.map((rule, i) =>
    (rule.names ?? []).map((t) => phrase(t, i, false)).filter((p): p is Phrase => !!p),
  );
  return { byFirst: indexByFirstToken(byKey.values()), required, names };
}

type Hit = PhraseHit<Phrase>;

/**
 * The stretches where `rule` fires: scanning its hits in text order, a stretch closes when all
 * phrases are found or the span grows past MAX_SPAN; the best-covered stretch that falls short
 * by one phrase (of three or more) is kept as a hint.
 */
function stretches(rule: number, hits: readonly Hit[], phrases: readonly Phrase[]): Found[] {
  const out: Found[] = [];
  const need = phrases.length;
  let seen = new Map<Phrase, Hit>();
  let partial: Found | undefined;
  const close = (): void => {
    if (seen.size === 0) return;
    const list = [...seen.values()];
    const found: Found = {
      rule,
      start: Math.min(...list.map((h) => h.start)),
      end: Math.max(...list.map((h) => h.end)),
      found: seen.size,
      weight: list.reduce((n, h) => n + h.phrase.tokens.length, 0),
    };
    if (seen.size === need) out.push(found);
    else if (need >= 3 && seen.size === need - 1 && (!partial || found.weight > partial.weight)) {
      partial = found;
    }
    seen = new Map();
  };
  for (const h of hits) {
    if (!h.phrase.uses.some((u) => u.rule === rule && !u.absent && !u.tail)) continue;
    const first = Math.min(...[...seen.values()].map((x) => x.start), h.start);
    if (seen.size > 0 && h.end - first > MAX_SPAN) close();
    if (!seen.has(h.phrase)) seen.set(h.phrase, h);
    if (seen.size === need) close();
  }
  close();
  if (out.length === 0 && partial) out.push(partial);
  return out;
}

/** Tokens after a stretch in which its `tail` may start. */
const TAIL_GAP = 30;

/** The stretch extended over its rule's `tail` wording right after it, if there is one. */
function withTail(f: Found, hits: readonly Hit[]): Found {
  const tail = hits.find(
    (h) =>
      h.start >= f.end &&
      h.start - f.end <= TAIL_GAP &&
      h.phrase.uses.some((u) => u.rule === f.rule && u.tail),
  );
  return tail ? { ...f, end: tail.end } : f;
}

/** Whether an `absent` phrase of `rule` occurs near the stretch. */
function contradicted(f: Found, hits: readonly Hit[]): boolean {
  return hits.some(
    (h) =>
      h.start >= f.start - ABSENT_MARGIN &&
      h.end <= f.end + ABSENT_MARGIN &&
      h.phrase.uses.some((u) => u.rule === f.rule && u.absent),
  );
}

/** Every SPDX exception the text states, in text order (`via: 'text'`). */
export function identifyExceptions(text: string): LicenseMatch[] {
  compiled ??= compile();
  const index = compiled;
  const { tokens, lines, ids } = normalize(text);
  const hits = findPhrases(tokens, index.byFirst, MAX_HITS, ids);
  if (hits.length === 0) return [];
  const rules = new Set<number>();
  for (const h of hits) for (const u of h.phrase.uses) if (!u.absent && !u.tail) rules.add(u.rule);
  const found: Found[] = [];
  for (const rule of rules) {
    const named = index.names[rule] ?? [];
    const required = index.required[rule] ?? [];
    for (const h of hits) {
      if (!named.includes(h.phrase)) continue;
      // A naming wording is complete on its own.
      found.push({
        rule,
        start: h.start,
        end: h.end,
        found: required.length,
        weight: h.end - h.start,
      });
    }
    const wordings = hits.filter((h) => !named.includes(h.phrase));
    for (const f of stretches(rule, wordings, required)) {
      if (!contradicted(f, hits)) found.push(f);
    }
  }
  // Complete matches before partial ones, then the rule that explains more of the text.
  const complete = (f: Found): boolean => f.found === (index.required[f.rule]?.length ?? 0);
  found.sort(
    (a, b) => Number(complete(b)) - Number(complete(a)) || b.weight - a.weight || a.start - b.start,
  );
  const kept: Found[] = [];
  for (const f of found) {
    if (kept.some((k) => f.start < k.end && k.start < f.end)) continue;
    kept.push(f);
    if (kept.length >= MAX_RESULTS) break;
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .map((f) => withTail(f, hits))
    .map((f) => {
      const rule = EXCEPTION_RULES[f.rule] as (typeof EXCEPTION_RULES)[number];
      const total = index.required[f.rule]?.length ?? 1;
      const full = f.found === total;
      return {
        license: rule.id,
        confidence: full ? ('high' as const) : ('medium' as const),
        score: Math.round((f.found / total) * 1000) / 1000,
        startLine: lines[f.start] ?? 1,
        endLine: lines[f.end - 1] ?? 1,
        via: 'text' as const,
        ...(full
          ? {}
          : {
              reason: `Only ${f.found} of the ${total} wordings that identify ${rule.id} were found: an edited copy or a similar exception.`,
            }),
      };
    });
}

/** The SPDX exception ids the rules identify. */
export const EXCEPTION_IDS: ReadonlySet<string> = new Set(EXCEPTION_RULES.map((r) => r.id));

/**
 * The licences an exception is written for, when not the GNU licences (most exceptions add
 * permissions to the GPL, LGPL or AGPL): LLVM's to Apache-2.0, fmt's to MIT, PCRE2's to its BSD
 * licence. GNOME's examples exception applies to any licence.
 */
const NON_GNU_BASES: Readonly<Record<string, RegExp>> = {
  'LLVM-exception': /^Apache-2\.0$/,
  'Swift-exception': /^Apache-2\.0$/,
  'mxml-exception': /^Apache-2\.0$/,
  'SHL-2.0': /^Apache-2\.0$/,
  'SHL-2.1': /^Apache-2\.0$/,
  'fmt-exception': /^MIT$/,
  'PCRE2-exception': /^BSD-3-Clause$/,
  'Google-Patent-WebM': /^BSD-3-Clause$/,
  'KiCad-libraries-exception': /^CC-BY-SA-/,
  'QPL-1.0-INRIA-2004-exception': /^QPL-1\.0/,
  'GNOME-examples-exception': /./,
};
const GNU = /^(?:A|L)?GPL-|^GFDL-/;

/** Whether `exception` can modify `license` (an id, a family answer or an OR of them). */
export function modifies(exception: string, license: string): boolean {
  // An exception named for the LGPL or the GPL (Qt-LGPL-exception-1.1, Qt-GPL-exception-1.0,
  // GPL-3.0-linking-exception) is written for that licence alone.
  const base =
    NON_GNU_BASES[exception] ??
    (/LGPL/.test(exception) ? /^LGPL-/ : /(?:^|-)GPL-/.test(exception) ? /^GPL-/ : GNU);
  return license.split(/\s+OR\s+/).some((id) => base.test(id.replace(/^\(|\)$/g, '')));
}
