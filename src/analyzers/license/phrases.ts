/**
 * Phrase search over normalised tokens, shared by the rule-based matchers (AI licences,
 * licence exceptions): phrases are indexed by their first token, so one pass over the text
 * finds every occurrence of every phrase.
 */

import { normalizedWords } from './normalize.js';

/** Anything with the normalised tokens of a phrase. */
export interface TokenPhrase {
  readonly tokens: readonly string[];
}

/** One occurrence of a phrase: token range [start, end). */
export interface PhraseHit<P extends TokenPhrase> {
  readonly phrase: P;
  readonly start: number;
  readonly end: number;
}

/**
 * Phrases grouped by their first token, then by their second: a common first word ("the", "as")
 * starts many phrases, and looking the next word up tries only those that can match. Each
 * list keeps the phrases' order, one-word phrases included (they match whatever follows).
 */
export interface PhraseIndex<P extends TokenPhrase> {
  readonly byFirst: ReadonlyMap<
    string,
    {
      readonly bySecond: ReadonlyMap<string, readonly P[]>;
      /** The one-word phrases: what matches when the next word starts none. */
      readonly alone: readonly P[];
    }
  >;
  /**
   * 1 at the normaliser's id (`normalizedWords`) of each first token, so that a text's token ids
   * rule most words out with an array read; undefined when one had no id (a full table).
   */
  readonly firstIds: Uint8Array | undefined;
}

export function indexByFirstToken<P extends TokenPhrase>(phrases: Iterable<P>): PhraseIndex<P> {
  const byFirst = new Map<string, P[]>();
  for (const phrase of phrases) {
    const first = phrase.tokens[0];
    if (first === undefined) continue;
    const list = byFirst.get(first);
    if (list) list.push(phrase);
    else byFirst.set(first, [phrase]);
  }
  const index = new Map<string, { bySecond: Map<string, P[]>; alone: P[] }>();
  for (const [first, list] of byFirst) {
    const bySecond = new Map<string, P[]>();
    const alone = list.filter((p) => p.tokens.length === 1);
    for (const phrase of list) {
      const second = phrase.tokens[1];
      if (second !== undefined && !bySecond.has(second))
        bySecond.set(
          second,
          list.filter((p) => p.tokens.length === 1 || p.tokens[1] === second),
        );
    }
    index.set(first, { bySecond, alone });
  }
  const ids = [...index.keys()].map((w) => normalizedWords.idOf(w));
  let firstIds: Uint8Array | undefined;
  if (ids.every((id) => id >= 0)) {
    firstIds = new Uint8Array(Math.max(0, ...ids) + 1);
    for (const id of ids) firstIds[id] = 1;
  }
  return { byFirst: index, firstIds };
}

/**
 * Every occurrence of the indexed phrases in `tokens`, in text order, at most `max`. `ids`, the
 * tokens' ids from normalize(), spares a map lookup for each word no phrase starts with.
 */
export function findPhrases<P extends TokenPhrase>(
  tokens: readonly string[],
  index: PhraseIndex<P>,
  max: number,
  ids?: readonly number[],
): PhraseHit<P>[] {
  const hits: PhraseHit<P>[] = [];
  const firstIds = ids && index.firstIds;
  for (let i = 0; i < tokens.length; i++) {
    if (firstIds) {
      const id = ids[i] as number; // (a word past the table's bound, -1, is looked up)
      if (id >= 0 && firstIds[id] !== 1) continue;
    }
    const group = index.byFirst.get(tokens[i] as string);
    if (!group) continue;
    const next = tokens[i + 1];
    const candidates = (next === undefined ? undefined : group.bySecond.get(next)) ?? group.alone;
    for (const phrase of candidates) {
      const n = phrase.tokens.length;
      if (i + n > tokens.length) continue;
      let j = 1;
      while (j < n && tokens[i + j] === phrase.tokens[j]) j++;
      if (j === n) hits.push({ phrase, start: i, end: i + n });
      if (hits.length >= max) return hits;
    }
  }
  return hits;
}
