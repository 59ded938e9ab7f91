/**
 * Riders: conditions put on top of another licence that take rights away from it
 * (`src/analyzers/license/riders.ts` finds them). Their terms apply together with the terms of
 * the licence they are attached to; the policy reads a file's licence as `<licence> AND
 * <rider>`, so the more restrictive of the two decides.
 *
 * The Commons Clause ("Commons Clause" License Condition v1.0, commonsclause.com), read from its
 * published text: three sentences and the Software/License/Licensor fields.
 */
import { term, terms } from './terms-helpers.js';
import type { LicenseKnowledge } from './types.js';

const commonsClause: LicenseKnowledge = {
  id: 'LicenseRef-Commons-Clause',
  name: '"Commons Clause" License Condition v1.0',
  category: 'source-available',
  basis: 'table',
  note: 'A rider on another licence (usually Apache-2.0 or MIT): that licence applies, without the right to sell the software. Not open source.',
  url: 'https://commonsclause.com/',
  terms: terms({
    attribution: term(
      true,
      '"Any license notice or attribution required by the License must also include this Commons Clause License Condition notice"',
    ),
    commercialUse: term(
      'conditional',
      '"the License does not grant to you, the right to Sell the Software"',
      'Using the software in a business is allowed; selling it, or a product or service whose value derives entirely or substantially from it, is not.',
    ),
    useRestrictions: term(
      {
        restrictions: [
          'no selling the software: providing to third parties, for a fee or other consideration, a product or service whose value derives entirely or substantially from its functionality (fees for hosting, consulting or support included)',
        ],
        passDownstream: true,
      },
      '"Sell" means practicing any or all of the rights granted to you under the License to provide to third parties, for a fee or other consideration …; the condition notice must go with every licence notice',
    ),
  }),
  termsVerified: true,
};

/** Every rider the knowledge base describes. */
export const RIDER_LICENSES: readonly LicenseKnowledge[] = [commonsClause];
