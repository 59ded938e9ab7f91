/**
 * Types of the licence knowledge base: what a licence lets a company do, and
 * where in the licence text each answer comes from.
 */

/**
 * What kind of licence this is, from a company's point of view.
 * - `public-domain`: rights waived or dedicated; no conditions at all.
 * - `permissive`: use for anything; keep notices.
 * - `weak-copyleft`: changes to the licensed files/library stay under the licence;
 *   the larger work may use another licence.
 * - `strong-copyleft`: the whole derived work must be shared under the licence when distributed.
 * - `network-copyleft`: as strong/weak copyleft, but offering the software over a network
 *   (or deploying it) already triggers source disclosure.
 * - `non-commercial`: commercial use forbidden.
 * - `source-available`: not open source: use allowed with field-of-use, hosting,
 *   no-derivatives or similar restrictions.
 * - `ai-use-restricted`: AI model licences whose use restrictions (acceptable-use policy,
 *   Attachment A) bind the user and must be passed downstream.
 * - `proprietary`: an end-user licence or all-rights-reserved terms.
 * - `unknown`: nobody has checked this licence closely enough to say; never a guess.
 */
export type LicenseCategory =
  | 'public-domain'
  | 'permissive'
  | 'weak-copyleft'
  | 'strong-copyleft'
  | 'network-copyleft'
  | 'non-commercial'
  | 'source-available'
  | 'ai-use-restricted'
  | 'proprietary'
  | 'unknown';

/** Every category, in order from least to most restrictive (unknown last). */
export const LICENSE_CATEGORIES: readonly LicenseCategory[] = [
  'public-domain',
  'permissive',
  'weak-copyleft',
  'strong-copyleft',
  'network-copyleft',
  'non-commercial',
  'source-available',
  'ai-use-restricted',
  'proprietary',
  'unknown',
];

/**
 * One term of a licence. `clause` cites where the answer comes from: a section
 * number and/or a short quoted phrase. When the licence says nothing on the
 * matter, `clause` starts with `silent:` and says what that silence means.
 */
export interface Term<T> {
  readonly value: T;
  readonly clause: string;
  /** Why the value is what it is, when the clause alone does not make it clear. */
  readonly note?: string;
}

/** How far source disclosure reaches when it applies. */
export type DisclosureScope = 'file' | 'library' | 'work' | 'network';

/** Source disclosure: whether it is required and how far it reaches. */
export interface SourceDisclosureTerm extends Term<boolean> {
  readonly scope?: DisclosureScope;
}

/** Commercial use: allowed, forbidden, or allowed under conditions (thresholds, fees, limits). */
export type CommercialUse = 'allowed' | 'forbidden' | 'conditional';

/** A user-count threshold above which the licence no longer applies without a separate deal. */
export interface UserThreshold {
  readonly count: number;
  readonly unit: 'monthly-active-users';
}

/** Use restrictions (field-of-use, acceptable-use policy) and whether recipients must be bound too. */
export interface UseRestrictions {
  readonly restrictions: readonly string[];
  /** True when the licence requires passing the restrictions on to downstream recipients. */
  readonly passDownstream: boolean;
}

/**
 * The terms that matter to a company. Each field carries the clause it comes from.
 */
export interface LicenseTerms {
  /** Credit the authors (keep copyright notices, licence text, attribution lines). */
  readonly attribution: Term<boolean>;
  /** A NOTICE-style file must be carried along with copies. */
  readonly noticeFile: Term<boolean>;
  /** Source must be disclosed to recipients (or network users). */
  readonly sourceDisclosure: SourceDisclosureTerm;
  /** Derived works (or the changed files) must be licensed under the same licence. */
  readonly sameLicense: Term<boolean>;
  /** The licence grants an express patent licence. */
  readonly patentGrant: Term<boolean>;
  readonly commercialUse: Term<CommercialUse>;
  /** `null` when there is no threshold. */
  readonly userThreshold: Term<UserThreshold | null>;
  readonly useRestrictions: Term<UseRestrictions>;
  /** The naming rule for derivatives (e.g. "Llama" at the start of the model name), `null` if none. */
  readonly derivativeNaming: Term<string | null>;
  /** Restrictions on using the outputs (e.g. to train other models), `null` if none. */
  readonly outputRestrictions: Term<string | null>;
}

/** How an entry's category was decided. */
export type CategoryBasis =
  /** Listed by hand in a category table (`spdx-categories.ts`, `ai-licenses.ts`). */
  | 'table'
  /** OSI-approved, not listed in any table, in a family checked by hand: permissive. */
  | 'osi-rule';

/** What the knowledge base knows about one licence. */
export interface LicenseKnowledge {
  /** SPDX id, or `LicenseRef-<Hugging Face tag>` for AI model licences. */
  readonly id: string;
  readonly name: string;
  readonly category: LicenseCategory;
  readonly basis: CategoryBasis;
  /** Why the category is what it is, when not obvious (always set for `unknown`). */
  readonly note?: string;
  readonly osiApproved?: boolean;
  /** Where the text lives. */
  readonly url?: string;
  /** Full terms; present for the most used licences and every AI licence whose text we read. */
  readonly terms?: LicenseTerms;
  /**
   * False when the terms were written without the licence text at hand (from the
   * published terms as remembered); such entries need a re-check against the text.
   */
  readonly termsVerified?: boolean;
  /** Other ids for the same licence (deprecated SPDX ids, other Hub tags). */
  readonly aliases?: readonly string[];
}
