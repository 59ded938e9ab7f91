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
 */
import type { LicenseMatch } from './match.js';
import { flatten, lineAt } from './notices/flatten.js';

/** The id openvet reports for the Commons Clause. */
export const COMMONS_CLAUSE = 'LicenseRef-Commons-Clause';

/**
 * The id openvet reports for conditions a grant adds to the licence it names ("licensed under the
 * Apache License 2.0, with the following additional conditions:"): terms of the project's own,
 * which no knowledge-base entry describes (category `unknown`: someone must read them).
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

const REASON =
  'The Commons Clause removes the right to Sell the Software (to provide, for a fee, a product or service whose value derives from it): the licence it is attached to is restricted, source-available rather than open source.';

/** The riders in `text`, each once, with its lines; [] when there is none. */
export function identifyRiders(text: string): LicenseMatch[] {
  // (Case-sensitive searches for the spellings copies use: much cheaper on long files.)
  const commons =
    /[Cc]ommons\s+[Cc]lause|COMMONS\s+CLAUSE|right\s+to\s+[Ss]ell\s+the\s+[Ss]oftware/.test(text);
  // (Conditions added to a grant: "under" shortly before them, whatever lies between.)
  const added = ADDED_HINT.test(text);
  if (!commons && !added) return [];
  const flat = flatten(text);
  const found: LicenseMatch[] = [];
  const rider = (license: string, m: RegExpExecArray, reason: string): LicenseMatch => ({
    license,
    confidence: 'high',
    score: 1,
    startLine: lineAt(flat, m.index),
    endLine: lineAt(flat, m.index + m[0].length - 1),
    via: 'notice',
    reason,
  });
  const clause = commons ? (CONDITION.exec(flat.text) ?? NAMED.exec(flat.text)) : null;
  if (clause) found.push(rider(COMMONS_CLAUSE, clause, REASON));
  const conditions = added ? ADDED.exec(flat.text) : null;
  if (conditions) {
    const words = /\b(?:with|plus|subject\s+to|and)\s.*$/.exec(conditions[0])?.[0] ?? '';
    found.push(rider(ADDED_CONDITIONS, conditions, ADDED_REASON(words)));
  }
  return found;
}
