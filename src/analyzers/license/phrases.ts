/**
 * Phrase search over normalised tokens, shared by the rule-based matchers (AI licences,
 * licence exceptions): phrases are indexed by their first token, so one pass over the text
 * finds every occurrence of every phrase.
 */

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
export type PhraseIndex<P extends TokenPhrase> = ReadonlyMap<
  string,
  {
    readonly bySecond: ReadonlyMap<string, readonly P[]>;
    /** The one-word phrases: what matches when the next word starts none. */
    readonly alone: readonly P[];
  }
>;

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
  return index;
}

/** Every occurrence of the indexed phrases in `tokens`, in text order, at most `max`. */
export function findPhrases<P extends TokenPhrase>(
  tokens: readonly string[],
  index: PhraseIndex<P>,
  max: number,
): PhraseHit<P>[] {
  const hits: PhraseHit<P>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const group = index.get(tokens[i] as string);
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
