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

/** Phrases grouped by their first token. */
export function indexByFirstToken<P extends TokenPhrase>(
  phrases: Iterable<P>,
): ReadonlyMap<string, readonly P[]> {
  const byFirst = new Map<string, P[]>();
  for (const phrase of phrases) {
    const first = phrase.tokens[0];
    if (first === undefined) continue;
    const list = byFirst.get(first);
    if (list) list.push(phrase);
    else byFirst.set(first, [phrase]);
  }
  return byFirst;
}

/** Every occurrence of the indexed phrases in `tokens`, in text order, at most `max`. */
export function findPhrases<P extends TokenPhrase>(
  tokens: readonly string[],
  byFirst: ReadonlyMap<string, readonly P[]>,
  max: number,
): PhraseHit<P>[] {
  const hits: PhraseHit<P>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = byFirst.get(tokens[i] as string);
    if (!candidates) continue;
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
