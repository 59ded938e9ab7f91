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
 */
import type { LicenseMatch } from './match.js';
import { flatten, lineAt } from './notices/flatten.js';

/** The id openvet reports for the Commons Clause. */
export const COMMONS_CLAUSE = 'LicenseRef-Commons-Clause';

/** Whether `id` is a rider's: a condition on the licence beside it, not a licence of its own. */
export function isRider(id: string): boolean {
  return id === COMMONS_CLAUSE;
}

/** The Commons Clause's condition, as every copy states it (flattened text: lower case). */
const CONDITION =
  /\bthe\s+grant\s+of\s+rights\s+under\s+the\s+licen[cs]e\s+will\s+not\s+include,?\s+and\s+the\s+licen[cs]e\s+does\s+not\s+grant\s+to\s+you,?\s+the\s+right\s+to\s+sell\s+the\s+software\b/;
/** Its name attached to a licence in a grant or a title ("Apache 2.0 with Commons Clause"). */
const NAMED =
  /\b(?:with|plus|and|\+)\s+(?:the\s+)?commons\s+clause\b|\bcommons\s+clause\s+licen[cs]e\s+condition\b/;

const REASON =
  'The Commons Clause removes the right to Sell the Software (to provide, for a fee, a product or service whose value derives from it): the licence it is attached to is restricted, source-available rather than open source.';

/** The Commons Clause in `text`, once, with its lines; [] when there is none. */
export function identifyRiders(text: string): LicenseMatch[] {
  // (A case-sensitive search for the spellings copies use: much cheaper on long files.)
  if (
    !/[Cc]ommons\s+[Cc]lause|COMMONS\s+CLAUSE|right\s+to\s+[Ss]ell\s+the\s+[Ss]oftware/.test(text)
  )
    return [];
  const flat = flatten(text);
  const m = CONDITION.exec(flat.text) ?? NAMED.exec(flat.text);
  if (!m) return [];
  return [
    {
      license: COMMONS_CLAUSE,
      confidence: 'high',
      score: 1,
      startLine: lineAt(flat, m.index),
      endLine: lineAt(flat, m.index + m[0].length - 1),
      via: 'notice',
      reason: REASON,
    },
  ];
}
