/**
 * Types of the policy: what a company allows for one intended use, and what the rules hand the
 * evaluator. A `Policy` is always complete (a preset with the policy file's changes applied), so
 * rules never need defaults of their own.
 */
import type { LicenseCategory } from '../analyzers/license/knowledge/index.js';
import type { Component, Evidence, Finding, ScanError, Target } from '../core/types.js';

/** How the software that uses the components will be used. Each has a built-in preset. */
export type IntendedUse = 'internal' | 'saas' | 'distribution' | 'commercial-model' | 'research';

/** Every intended use, in the order the docs list them. */
export const INTENDED_USES: readonly IntendedUse[] = [
  'internal',
  'saas',
  'distribution',
  'commercial-model',
  'research',
];

/** What the policy does with something: let it pass, ask a person, or fail the verdict. */
export type Action = 'allow' | 'review' | 'deny';

/** Advisory severities a threshold can name, worst first. */
export type VulnSeverity = 'critical' | 'high' | 'medium' | 'low';

/** One accepted vulnerability: ignored until `expires` (a `YYYY-MM-DD` date, inclusive). */
export interface VulnIgnore {
  /** An advisory id or any of its aliases (GHSA, CVE, PYSEC …). */
  readonly id: string;
  readonly reason: string;
  readonly expires: string;
  /** Limit the entry to components whose purl or id matches this pattern. */
  readonly component?: string;
  /** Where the entry is written (`openvet.yml:12`), for messages. */
  readonly at?: string;
}

/** A policy, complete: a preset with the policy file's changes applied. */
export interface Policy {
  readonly use: IntendedUse;
  /** Where it came from: `preset saas`, or `openvet.yml (extends saas)`. */
  readonly source: string;
  /** The product's users; decides licences with a user threshold (Llama's 700M MAU). */
  readonly product: { readonly monthlyActiveUsers?: number };
  readonly licenses: {
    /** What each licence category gets under this use. */
    readonly categories: Readonly<Record<Exclude<LicenseCategory, 'unknown'>, Action>>;
    /** Licence ids (SPDX or LicenseRef-…) that override the categories. Compared case-insensitively. */
    readonly allow: readonly string[];
    readonly deny: readonly string[];
    readonly review: readonly string[];
    /** What a component whose licence is unknown (or not concluded) gets. */
    readonly unknown: Action;
    /** Judge dev-only dependencies too (they are not shipped, so by default they are not). */
    readonly includeDev: boolean;
    /** Check user-count thresholds (Llama): the use puts the software in front of users. */
    readonly userThresholds: boolean;
  };
  readonly vulns: {
    /** Fail on advisories at or above this severity. */
    readonly severity: VulnSeverity;
    /** Ask for review on advisories at or above this severity (below `severity`). */
    readonly review: VulnSeverity;
    readonly ignore: readonly VulnIgnore[];
  };
  readonly models: {
    /** `deny`: unsafe/suspicious files fail, unreadable ones ask for review; `review`: all review. */
    readonly unsafeFiles: Action;
    readonly remoteCode: Action;
    readonly licenseConflict: Action;
    /** The least open Model Openness Framework class accepted (`I` is the most open). */
    readonly minimumOpenness?: OpennessClass;
    readonly openness: Action;
  };
  readonly health: {
    /** Components whose health score (0–10) is below this get `health.low`. */
    readonly minimumScore?: number;
    readonly action: Action;
  };
  readonly components: {
    /** purl/id glob patterns exempt from every rule. */
    readonly allow: readonly string[];
    /** purl/id glob patterns that fail the verdict wherever they appear. */
    readonly deny: readonly string[];
  };
}

/** Model Openness Framework classes, most open first. */
export type OpennessClass = 'I' | 'II' | 'III';

/** Something a licence requires of the user that the verdict lists (OpenRAIL's restrictions …). */
export interface Obligation {
  readonly componentId: string;
  readonly license: string;
  readonly obligation: string;
  /** The clause in the licence text (knowledge base). */
  readonly clause: string;
}

/** What the rules read: the scan's inventory and evidence, the policy and the clock. */
export interface RuleContext {
  readonly components: readonly Component[];
  readonly componentById: ReadonlyMap<string, Component>;
  readonly evidence: readonly Evidence[];
  readonly target?: Target;
  readonly policy: Policy;
  /** Today, `YYYY-MM-DD`, from the scan's clock (ignore-list expiry). */
  readonly today: string;
  /** Components exempt from every rule (`components.allow`). */
  readonly exempt: (componentId: string) => boolean;
  /** Licence decisions per component (computed once; several rules read them). */
  readonly licenses: readonly ComponentLicenseDecision[];
}

/** One decision about one licence of a component (see `license-decision.ts`). */
export interface LicenseDecision {
  /** The licence id the decision is about (`GPL-3.0-only`, `LicenseRef-llama3.1`). */
  readonly license: string;
  readonly action: Action;
  /** Which rule reports it when it is not `allow`. */
  readonly rule: 'license.denied' | 'license.review' | 'license.unknown' | 'license.conflict';
  /** Why, citing the licence term from the knowledge base. */
  readonly reason: string;
  readonly obligations: readonly Omit<Obligation, 'componentId'>[];
}

/** The decisions about one component's concluded licence. */
export interface ComponentLicenseDecision {
  readonly component: Component;
  /** The expression judged (concluded licence), absent when nothing was concluded. */
  readonly expression?: string;
  readonly decisions: readonly LicenseDecision[];
  /** The evidence the decision rests on (the concluded licence evidence). */
  readonly evidenceIds: readonly string[];
}

/** A finding, and whether it fails the verdict (otherwise it asks for review). */
export interface RuleFinding {
  readonly finding: Finding;
  readonly blocking: boolean;
}

/** A rule: pure function of the context. */
export type Rule = (context: RuleContext) => RuleFinding[];

/** What `evaluatePolicy` reads from a scan. */
export interface PolicyInput {
  readonly components: readonly Component[];
  readonly evidence: readonly Evidence[];
  readonly target?: Target;
  readonly errors?: readonly ScanError[];
}
