/**
 * Riders: conditions attached to a licence that take rights away from it, so that the licence
 * named is no longer what governs the code. The Commons Clause ("License Condition v1.0",
 * commonsclause.com) is the one in wide use: put on top of Apache-2.0 or MIT, it removes "the
 * right to Sell the Software" — the result is source-available, not open source, and a file
 * that holds an unmodified Apache-2.0 or MIT text with it must not read as plain Apache-2.0 or
 * MIT. SPDX lists no id for it; it is reported as `LicenseRef-Commons-Clause`, next to the
 * licence it restricts.
 *
 * Identified by the clause's own condition sentence, or by its name in a grant ("Apache 2.0 with
 * Commons Clause"). Written by hand: a short, fixed wording that no package identifies.
 *
 * Conditions a grant adds in its own words ("licensed under the Apache License 2.0, with the
 * following additional conditions:", Dify's) are reported as `LicenseRef-Additional-Conditions`:
 * what they say is the project's own, so no id describes it, but the file must not read as the
 * named licence alone.
 *
 * Restrictions a file states on its own ("For non-commercial use only", "Commercial use is
 * prohibited", "You may not sell this software") beside a licence that allows what they forbid
 * (an MIT text) are reported under the same id, outside any licence text found in the file and
 * unless a licence in it already says as much (a non-commercial licence's own restatement).
 */
import { type LicenseCategory, categoryOf } from './knowledge/index.js';
import type { LicenseMatch } from './match.js';
import { type FlatText, flatten, lineAt } from './notices/flatten.js';
import { dep5LicenceTexts } from './notices/dep5.js';
import { blankLines } from './notices/index.js';

/** The id openvet reports for the Commons Clause. */
export const COMMONS_CLAUSE = 'LicenseRef-Commons-Clause';

/**
 * The id openvet reports for conditions a grant adds to the licence it names ("licensed under the
 * Apache License 2.0, with the following additional conditions:") and for restrictions on use a
 * file states beside it ("Commercial use is prohibited"): terms of the project's own, which no
 * knowledge-base entry describes (category `unknown`: someone must read them).
 */
export const ADDED_CONDITIONS = 'LicenseRef-Additional-Conditions';

/** Whether `id` is a rider's: a condition on the licence beside it, not a licence of its own. */
export function isRider(id: string): boolean {
  return id === COMMONS_CLAUSE || id === ADDED_CONDITIONS;
}

/** The Commons Clause's condition, as every copy states it (flattened text: lower case). */
const CONDITION =
  /\bthe\s+grant\s+of\s+rights\s+under\s+the\s+licen[cs]e\s+will\s+not\s+include,?\s+and\s+the\s+licen[cs]e\s+does\s+not\s+grant\s+to\s+you,?\s+the\s+right\s+to\s+sell\s+the\s+software\b/;
/** Its name attached to a licence in a grant or a title ("Apache 2.0 with Commons Clause"). */
const NAMED =
  /\b(?:with|plus|and|\+)\s+(?:the\s+)?commons\s+clause\b|\bcommons\s+clause\s+licen[cs]e\s+condition\b/;

/**
 * A grant that names a licence and adds conditions to it in the same sentence (flattened text).
 * "Additional" (or "extra", "further") is what makes them the project's own: conditions the
 * licence itself sets ("provided that the following conditions are met") are not added.
 */
const ADDED =
  /\b(?:licen[cs]ed|released|distributed|available|provided|offered)\s+under\s+(?:[^.;:\u2029]|\.(?=\S)){2,100}?,?\s+(?:with|plus|subject\s+to|and)\s+(?:the\s+|these\s+|some\s+)?(?:following\s+)?(?:additional|extra|further|supplementary)\s+(?:conditions|restrictions|terms|limitations|clauses)\b/;

/** What ADDED needs in the raw text, searched before the text is flattened for it. */
const ADDED_HINT =
  /\bunder\s[\s\S]{0,160}?\b(?:additional|extra|further|supplementary)\s+(?:conditions|restrictions|terms|limitations|clauses)\b/i;

const ADDED_REASON = (words: string): string =>
  `The grant adds conditions of its own to the licence it names ("${words}"): the terms are that licence's and these, which no licence id describes. Read them.`;

/** The kinds of use a "… use only" restriction keeps (flattened text). */
const USES =
  '(?:personal|private|non-?\\s?commercial|noncommercial|educational|academic|research|evaluation)';
/** Each wording of a restriction on use (flattened text: lower case, one line). */
const RESTRICTIONS: readonly RegExp[] = [
  // "for non-commercial use only", "for personal and educational purposes only"
  new RegExp(
    `\\bfor\\s+${USES}(?:\\s*(?:,|and|or|and/or)\\s*${USES})*\\s+(?:use|uses|usage|purposes?)\\s+only\\b`,
  ),
  // "only for research purposes", "may be used solely for non-commercial use"
  new RegExp(
    `\\b(?:only|solely|exclusively|strictly)\\s+(?:be\\s+used\\s+)?for\\s+${USES}\\s+(?:use|uses|usage|purposes?)\\b`,
  ),
  // "free for non-commercial use" (commercial use is not)
  new RegExp(
    `\\bfree\\s+(?:of\\s+charge\\s+)?for\\s+${USES}\\s+(?:use|uses|usage|purposes?)\\b(?!\\s*(?:and|or|,))`,
  ),
  // "commercial use is prohibited", "commercial use of this software is not permitted"
  /\bcommercial\s+(?:use|usage|purposes|distribution|redistribution|exploitation)\s+(?:of\s+[^.;\u2029]{1,60}?\s+)?(?:is|are)\s+(?:strictly\s+|expressly\s+)?(?:prohibited|forbidden|not\s+(?:permitted|allowed|authori[sz]ed))\b/,
  // "may not be used for commercial purposes", "you may not use it for any commercial purpose"
  /\b(?:may|must|shall|can)\s*not\s+(?:be\s+)?(?:use|used|sell|sold|distribute|distributed|redistribute|redistributed|exploit|exploited)\s+(?:[^.;\u2029]{0,60}?\s)?(?:for\s+(?:any\s+)?(?:commercial|for-profit)|commercially|for\s+profit)\b/,
  // "not for commercial use", "not for resale"
  /\bnot\s+for\s+(?:commercial\s+(?:use|usage|purposes?|distribution)|(?:re)?sale)\b/,
  // "you may not sell the software", "may not be sold"
  /\b(?:may|must|shall|can)\s*not\s+(?:be\s+)?(?:sell|sold|resell|resold)\b/,
];
const RESTRICTION_REASON = (words: string): string =>
  `The file restricts use beyond the licence ("${words}"): the terms are the licence's and this restriction, which no licence id describes. Read it.`;

const REASON =
  'The Commons Clause removes the right to Sell the Software (to provide, for a fee, a product or service whose value derives from it): the licence it is attached to is restricted, source-available rather than open source.';

/**
 * The riders in `text`, each once, with its lines; [] when there is none. `licences`: what the
 * file states besides (a licence that already restricts use makes a restatement of it nothing
 * new); `texts`: the licence texts among them (the restrictions a CC BY-NC or research licence
 * text states are its own).
 */
export function identifyRiders(
  text: string,
  licences: readonly LicenseMatch[] = [],
  texts: readonly LicenseMatch[] = [],
): LicenseMatch[] {
  // (Case-sensitive searches for the spellings copies use: much cheaper on long files.)
  const commons =
    /[Cc]ommons\s+[Cc]lause|COMMONS\s+CLAUSE|right\s+to\s+[Ss]ell\s+the\s+[Ss]oftware/.test(text);
  // (Conditions added to a grant: "under" shortly before them, whatever lies between.)
  const added = ADDED_HINT.test(text);
  // Restrictions are read outside the licence texts, in the text the notice rules flattened
  // just before (flatten keeps it; a Debian copyright file, whose License fields are blanked
  // too, is flattened again).
  const prose = licences.some(
    (m) => m.confidence !== 'medium' && RESTRICTING.has(categoryOf(m.license)),
  )
    ? undefined
    : withoutLicenceTexts(text, texts);
  const restricted = prose !== undefined && /\S/.test(prose);
  if (!commons && !added && !restricted) return [];
  const found: LicenseMatch[] = [];
  const rider = (
    license: string,
    flat: FlatText,
    m: RegExpExecArray,
    reason: string,
  ): LicenseMatch => ({
    license,
    confidence: 'high',
    score: 1,
    startLine: lineAt(flat, m.index),
    endLine: lineAt(flat, m.index + m[0].length - 1),
    via: 'notice',
    reason,
  });
  const flat = commons || added ? flatten(text) : undefined;
  const clause = flat && commons ? (CONDITION.exec(flat.text) ?? NAMED.exec(flat.text)) : null;
  if (flat && clause) found.push(rider(COMMONS_CLAUSE, flat, clause, REASON));
  const conditions = flat && added ? ADDED.exec(flat.text) : null;
  if (flat && conditions) {
    const words = /\b(?:with|plus|subject\s+to|and)\s.*$/.exec(conditions[0])?.[0] ?? '';
    found.push(rider(ADDED_CONDITIONS, flat, conditions, ADDED_REASON(words)));
  }
  // (The Commons Clause and added conditions are the restriction already.)
  if (prose !== undefined && restricted && !conditions && !clause) {
    const flatProse = flatten(prose);
    const restriction = firstRestriction(flatProse);
    if (restriction)
      found.push(
        rider(ADDED_CONDITIONS, flatProse, restriction, RESTRICTION_REASON(restriction[0])),
      );
  }
  return found;
}

/** Categories of licences that restrict use themselves: a restriction beside them restates them. */
const RESTRICTING: ReadonlySet<LicenseCategory> = new Set([
  'non-commercial',
  'source-available',
  'proprietary',
  'ai-use-restricted',
]);

/** `text` with the lines of the licence texts in it emptied (line numbers kept). */
function withoutLicenceTexts(text: string, texts: readonly LicenseMatch[]): string {
  // (A DEP-5 file's licence texts are a licence's words, even where openvet does not recognise
  // the text: Vim's copy of the Open Publication License describes its option "To prohibit any
  // publication … for commercial purposes".)
  const debian = dep5LicenceTexts(text);
  return texts.length > 0 || debian.length > 0 ? blankLines(text, [...texts, ...debian]) : text;
}

/** The first restriction on use in the flattened text. */
function firstRestriction(flat: FlatText): RegExpExecArray | undefined {
  let first: RegExpExecArray | undefined;
  for (const re of RESTRICTIONS) {
    const m = re.exec(flat.text);
    if (m && (!first || m.index < first.index)) first = m;
  }
  return first;
}
