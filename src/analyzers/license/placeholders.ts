/**
 * Placeholders in the SPDX reference texts: "<Owner Organization Name>", "[name of copyright
 * owner]", "<year>", an author's "<phk@FreeBSD.ORG>", and lists of copyright years a clause
 * quotes. SPDX templates mark these as variable text
 * (guideline 2, "replaceable text"); the `spdx-license-list` texts keep only their original
 * wording, so they are found here by shape. A copy that fills one in ("<Name of Institution>" →
 * "University of Illinois") is still that licence.
 *
 * Written by hand: no npm package ships the SPDX templates' variable regions.
 */
import { normalize } from './normalize.js';

// <…> or […] on one line. A bracketed word of the licence itself ("[including the GNU Public
// Licence.]", CeCILL's "[C]nrs", a "[1]" footnote) is no placeholder: the content must name what
// is to be filled in.
const BRACKETED = /<([^<>\n]{1,80})>|\[([^[\]\n]{1,80})\]/g;
const PLACEHOLDER_WORDS =
  /\b(?:years?|yyyy|xxxx|jahr|dates?|names?|owners?|holders?|authors?|organi[sz]ation|institution|development group|email|licensor|inhaber|rechtsinhabers|insert|enter|complete this|software name|program|product|asset|copyright information|copyright notice|signature)\b|年份/i;
const YEAR = /^\s*\d{4}(?:\s*[-,]\s*\d{4})?\s*$/;
// An author's address in place of a name ("<phk@FreeBSD.ORG>", "<solar at openwall.com>").
const EMAIL = /^\s*[\w.+-]+(?:@|\s+at\s+)[\w-]+(?:\.[\w-]+)+\s*$/i;
const URL = /:\/\/|^\s*www\.|^#/i;
// A list of three or more years inside a licence's clauses: the copyright years it quotes, which
// each release of the work updates (the PSF licence's "Copyright (c) 2001, 2002, …, 2022 Python
// Software Foundation; All Rights Reserved" are retained").
const YEAR_LIST = /\b(?:19|20)\d{2}(?:\s*,\s*(?:19|20)\d{2}){2,}\b/g;

/** Whether the text inside brackets is a placeholder to fill in. */
export function isPlaceholder(inner: string): boolean {
  if (URL.test(inner)) return false;
  return PLACEHOLDER_WORDS.test(inner) || YEAR.test(inner) || EMAIL.test(inner);
}

// Words that cannot occur in a licence text, marking where a placeholder's tokens start and end.
const OPEN = 'qqplaceholderopenqq';
const CLOSE = 'qqplaceholdercloseqq';

/**
 * The token spans [from, to) of `text`'s normalised tokens that are placeholders. Undefined when
 * there are none, or when marking them would change the tokens (a placeholder inside a line the
 * normaliser removes or rewrites): then the text keeps no variable parts.
 */
export function placeholderSpans(
  text: string,
  tokens: readonly string[],
): [number, number][] | undefined {
  let found = false;
  const marked = text
    .replace(BRACKETED, (all: string, angle?: string, square?: string) => {
      const inner = angle ?? square ?? '';
      if (!isPlaceholder(inner)) return all;
      found = true;
      const [open, close] = angle !== undefined ? ['<', '>'] : ['[', ']'];
      return `${open}${OPEN} ${inner} ${CLOSE}${close}`;
    })
    .replace(YEAR_LIST, (years: string) => {
      found = true;
      return `${OPEN} ${years} ${CLOSE}`;
    });
  if (!found) return undefined;
  const spans: [number, number][] = [];
  let at = 0;
  let start = -1;
  for (const t of normalize(marked).tokens) {
    if (t === OPEN) {
      start = at;
      continue;
    }
    if (t === CLOSE) {
      if (start >= 0 && at > start) spans.push([start, at]);
      start = -1;
      continue;
    }
    if (tokens[at] !== t) return undefined;
    at++;
  }
  return at === tokens.length && spans.length > 0 ? spans : undefined;
}
