/**
 * The built-in presets, one per intended use. What differs between uses is what a licence
 * category means for them:
 *
 * - `internal`: the software never leaves the company: copyleft (even AGPL) is never denied,
 *   because nothing is conveyed; non-commercial licences need a review (in-house use by a
 *   company can be "commercial advantage" under CC-BY-NC §1(i)).
 * - `saas`: offered over a network: network copyleft (AGPL §13) is denied, GPL is not
 *   triggered by network use; non-commercial is denied.
 * - `distribution`: shipped to others as a proprietary product: strong and network copyleft are
 *   denied, weak copyleft needs a review (relinking, file-level disclosure). When the project
 *   declares its own open-source licence, copyleft is judged by `license.conflict` instead.
 * - `commercial-model`: a model trained or served for money: as distribution.
 * - `research`: non-commercial research: only unknown and proprietary licences need a review.
 *
 * Every use checks model safety and vulnerabilities; user-count thresholds (Llama's 700M MAU)
 * matter when the software is put in front of users (saas, distribution, commercial-model).
 */
import type { Action, IntendedUse, Policy } from '../types.js';

type Categories = Policy['licenses']['categories'];

const BASE: Omit<Policy, 'use' | 'source' | 'licenses'> & {
  licenses: Omit<Policy['licenses'], 'categories' | 'userThresholds'>;
} = {
  product: {},
  licenses: { allow: [], deny: [], review: [], unknown: 'review', includeDev: false },
  vulns: { severity: 'high', review: 'medium', ignore: [] },
  models: {
    unsafeFiles: 'deny',
    remoteCode: 'review',
    licenseConflict: 'review',
    openness: 'review',
  },
  health: { action: 'review' },
  components: { allow: [], deny: [] },
};

function categories(
  copyleft: { weak: Action; strong: Action; network: Action },
  nonCommercial: Action,
  sourceAvailable: Action,
): Categories {
  return {
    'public-domain': 'allow',
    permissive: 'allow',
    'weak-copyleft': copyleft.weak,
    'strong-copyleft': copyleft.strong,
    'network-copyleft': copyleft.network,
    'non-commercial': nonCommercial,
    'source-available': sourceAvailable,
    // AI licences are allowed with their use restrictions listed as obligations; a user
    // threshold (Llama) turns them into a review where it applies (see license-decision.ts).
    'ai-use-restricted': 'allow',
    proprietary: 'review',
  };
}

/** The built-in policy of each intended use. */
export const PRESETS: Readonly<Record<IntendedUse, Policy>> = {
  internal: {
    ...BASE,
    use: 'internal',
    source: 'preset internal',
    licenses: {
      ...BASE.licenses,
      categories: categories(
        { weak: 'allow', strong: 'allow', network: 'allow' },
        'review',
        'review',
      ),
      userThresholds: false,
    },
  },
  saas: {
    ...BASE,
    use: 'saas',
    source: 'preset saas',
    licenses: {
      ...BASE.licenses,
      categories: categories({ weak: 'allow', strong: 'allow', network: 'deny' }, 'deny', 'review'),
      userThresholds: true,
    },
    health: { minimumScore: 3, action: 'review' },
  },
  distribution: {
    ...BASE,
    use: 'distribution',
    source: 'preset distribution',
    licenses: {
      ...BASE.licenses,
      categories: categories({ weak: 'review', strong: 'deny', network: 'deny' }, 'deny', 'review'),
      userThresholds: true,
    },
    models: { ...BASE.models, licenseConflict: 'deny' },
    health: { minimumScore: 3, action: 'review' },
  },
  'commercial-model': {
    ...BASE,
    use: 'commercial-model',
    source: 'preset commercial-model',
    licenses: {
      ...BASE.licenses,
      categories: categories({ weak: 'review', strong: 'deny', network: 'deny' }, 'deny', 'review'),
      userThresholds: true,
    },
    models: { ...BASE.models, licenseConflict: 'deny' },
    health: { minimumScore: 3, action: 'review' },
  },
  research: {
    ...BASE,
    use: 'research',
    source: 'preset research',
    licenses: {
      ...BASE.licenses,
      categories: categories(
        { weak: 'allow', strong: 'allow', network: 'allow' },
        'allow',
        'allow',
      ),
      userThresholds: false,
    },
    vulns: { severity: 'critical', review: 'high', ignore: [] },
  },
};
