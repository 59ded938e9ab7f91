/**
 * A component's concluded licence judged against the intended use. Every decision cites the
 * licence term it rests on from the knowledge base (`src/analyzers/license/knowledge`), so a
 * reader can check it against the licence text.
 *
 * Expressions: `A OR B` takes the alternative the policy likes best (the user may choose),
 * `A AND B` keeps every decision (all apply). An expression that does not parse as SPDX is
 * judged as one id (AI licence refs such as `LicenseRef-openrail++` are not valid SPDX).
 */
import type parseSpdx from 'spdx-expression-parse';
import { parseSpdxTree } from '../analyzers/license/declared/spdx.js';
import {
  knowledgeOf,
  type LicenseCategory,
  type LicenseKnowledge,
  type LicenseTerms,
} from '../analyzers/license/knowledge/index.js';
import type { Target } from '../core/types.js';
import type { Action, LicenseDecision, Obligation, Policy } from './types.js';

type Node = parseSpdx.Info;

/** Exceptions that let other code link to the licensed code (knowledge README, "linking"). */
const LINKING_EXCEPTIONS: ReadonlySet<string> = new Set(
  [
    'Classpath-exception-2.0',
    'Classpath-exception-2.0-short',
    'Fawkes-Runtime-exception',
    'Independent-modules-exception',
    'GCC-exception-2.0',
    'GCC-exception-2.0-note',
    'GCC-exception-3.1',
    'GNAT-exception',
    'GNU-compiler-exception',
    'gnu-javamail-exception',
    'SWI-exception',
    'mif-exception',
    'eCos-exception-2.0',
    'Font-exception-2.0',
    'GPL-3.0-linking-exception',
    'GPL-3.0-linking-source-exception',
    'LGPL-3.0-linking-exception',
    'OCaml-LGPL-linking-exception',
    'WxWindows-exception-3.1',
  ].map((id) => id.toLowerCase()),
);

const RANK: Readonly<Record<Action, number>> = { allow: 0, review: 1, deny: 2 };
const COPYLEFT: ReadonlySet<LicenseCategory> = new Set([
  'weak-copyleft',
  'strong-copyleft',
  'network-copyleft',
]);

/** The project's own licence, as far as it matters to copyleft: its ids, when it is open source. */
export interface ProjectLicense {
  readonly expression: string;
  readonly ids: readonly string[];
}

/**
 * The project's own open-source licence, or undefined when it has none (a proprietary
 * product): a declared `UNLICENSED`, a proprietary or unknown category counts as none.
 */
export function projectLicense(target: Target | undefined): ProjectLicense | undefined {
  const expression = target?.license?.concluded;
  if (expression === undefined) return undefined;
  const ids = leafIds(expression).filter((id) => {
    const category = knowledgeOf(stripPlus(id))?.category;
    return category !== undefined && category !== 'proprietary' && category !== 'unknown';
  });
  return ids.length > 0 ? { expression, ids } : undefined;
}

/** Decisions about one concluded expression (empty when every licence is allowed silently). */
export function decideExpression(
  expression: string,
  policy: Policy,
  project: ProjectLicense | undefined,
): LicenseDecision[] {
  const tree = parseSpdxTree(expression);
  if (tree === undefined) return [decideLeaf(expression.trim(), policy, project)];
  return decideNode(tree, policy, project, 0);
}

// Expressions come from scanned metadata: bound the recursion (spdx-expression-parse itself
// builds the tree recursively, but a deeper tree than this is not a real licence).
const MAX_DEPTH = 32;

function decideNode(
  node: Node,
  policy: Policy,
  project: ProjectLicense | undefined,
  depth: number,
): LicenseDecision[] {
  if (depth > MAX_DEPTH) {
    return [
      unknown('(expression)', policy, 'the licence expression is nested too deeply to judge'),
    ];
  }
  if ('license' in node) {
    const id = node.plus === true ? `${node.license}+` : node.license;
    return [decideLeaf(id, policy, project, node.exception)];
  }
  const left = decideNode(node.left, policy, project, depth + 1);
  const right = decideNode(node.right, policy, project, depth + 1);
  if (node.conjunction === 'and') return [...left, ...right];
  // OR: the user may pick; take the side with the milder worst action, then fewer problems.
  const cost = (ds: readonly LicenseDecision[]): number =>
    Math.max(0, ...ds.map((d) => RANK[d.action])) * 100 +
    ds.filter((d) => d.action !== 'allow').length;
  return cost(right) < cost(left) ? right : left;
}

function stripPlus(id: string): string {
  return id.endsWith('+') ? id.slice(0, -1) : id;
}

function knowledge(id: string): LicenseKnowledge | undefined {
  return knowledgeOf(id) ?? (id.endsWith('+') ? knowledgeOf(stripPlus(id)) : undefined);
}

function listed(list: readonly string[], id: string): boolean {
  const lower = id.toLowerCase();
  return list.some((entry) => entry.toLowerCase() === lower);
}

function unknown(id: string, policy: Policy, why: string): LicenseDecision {
  return {
    license: id,
    action: policy.licenses.unknown,
    rule: 'license.unknown',
    reason: why,
    obligations: [],
  };
}

/** The clause most telling for a category, so the message cites what the decision rests on. */
function citedTerm(category: LicenseCategory, terms: LicenseTerms): string | undefined {
  switch (category) {
    case 'network-copyleft':
    case 'strong-copyleft':
      return terms.sourceDisclosure.value
        ? terms.sourceDisclosure.clause
        : terms.sameLicense.clause;
    case 'weak-copyleft':
      return terms.sameLicense.value ? terms.sameLicense.clause : terms.sourceDisclosure.clause;
    case 'non-commercial':
      return terms.commercialUse.clause;
    case 'source-available':
    case 'ai-use-restricted':
      return terms.useRestrictions.value.restrictions.length > 0
        ? terms.useRestrictions.clause
        : terms.commercialUse.clause;
    default:
      return terms.commercialUse.clause;
  }
}

/** `GPL-3.0-only §6 …` or, without terms, the knowledge base's category note. */
function cite(k: LicenseKnowledge, category: LicenseCategory): string {
  const clause = k.terms !== undefined ? citedTerm(category, k.terms) : undefined;
  if (clause !== undefined) return `${k.id} ${clause}`;
  return `${k.id} is ${category} in the licence knowledge base${k.note !== undefined ? ` (${k.note})` : ''}${k.url !== undefined ? `, ${k.url}` : ''}`;
}

const WHY: Readonly<Record<LicenseCategory, string>> = {
  'public-domain': 'public domain',
  permissive: 'permissive',
  'weak-copyleft': 'weak copyleft: changes to the licensed files or library must be shared',
  'strong-copyleft': 'strong copyleft: the whole work must be licensed alike when conveyed',
  'network-copyleft':
    'network copyleft: offering the software over a network already requires its source',
  'non-commercial': 'non-commercial: commercial use is forbidden',
  'source-available': 'source-available: not open source, with use restrictions',
  'ai-use-restricted': 'AI licence with use restrictions',
  proprietary: 'proprietary terms',
  unknown: 'unknown',
};

/** The use hands copies to others (so the project's licence and notices travel with them). */
function ships(policy: Policy): boolean {
  return policy.use === 'distribution' || policy.use === 'commercial-model';
}

/** What the user must do under a licence the policy lets through (AI use restrictions …). */
function obligationsOf(k: LicenseKnowledge, policy: Policy): Omit<Obligation, 'componentId'>[] {
  const terms = k.terms;
  if (terms === undefined) return [];
  const out: Omit<Obligation, 'componentId'>[] = [];
  const shipped = ships(policy);
  const { restrictions, passDownstream } = terms.useRestrictions.value;
  // An AI licence's use restrictions bind every user; a code licence's conditions on recipients
  // (GPL installation information, CC's no-DRM) only matter when copies are handed out.
  if (
    restrictions.length > 0 &&
    (k.category === 'ai-use-restricted' || (shipped && passDownstream))
  ) {
    out.push({
      license: k.id,
      obligation: `use restrictions${passDownstream ? ' (pass them on to recipients)' : ''}: ${restrictions.join('; ')}`,
      clause: terms.useRestrictions.clause,
    });
  }
  if (shipped && terms.derivativeNaming.value !== null && k.category === 'ai-use-restricted') {
    out.push({
      license: k.id,
      obligation: `derivative naming: ${terms.derivativeNaming.value}`,
      clause: terms.derivativeNaming.clause,
    });
  }
  if (shipped && k.category === 'ai-use-restricted' && terms.attribution.value) {
    out.push({
      license: k.id,
      obligation: 'attribution notice',
      clause: terms.attribution.clause,
    });
  }
  if (terms.outputRestrictions.value !== null && k.category === 'ai-use-restricted') {
    out.push({
      license: k.id,
      obligation: `outputs: ${terms.outputRestrictions.value}`,
      clause: terms.outputRestrictions.clause,
    });
  }
  return out;
}

function decideLeaf(
  id: string,
  policy: Policy,
  project: ProjectLicense | undefined,
  exception?: string,
): LicenseDecision {
  const label = exception !== undefined ? `${id} WITH ${exception}` : id;
  // The policy's own lists come first: they are the company's explicit word on an id.
  const base = stripPlus(id);
  for (const [list, action, rule] of [
    [policy.licenses.deny, 'deny', 'license.denied'],
    [policy.licenses.review, 'review', 'license.review'],
    [policy.licenses.allow, 'allow', 'license.review'],
  ] as const) {
    if (listed(list, id) || listed(list, base)) {
      return {
        license: label,
        action,
        rule,
        reason: `${label} is on the policy's licence ${action} list (${policy.source})`,
        obligations: [],
      };
    }
  }
  const k = knowledge(id);
  if (k === undefined)
    return unknown(label, policy, `${label} is not in the licence knowledge base`);
  let category = k.category;
  if (category === 'unknown') {
    return unknown(
      label,
      policy,
      `${k.id}: category unknown${k.note !== undefined ? ` (${k.note})` : ''}`,
    );
  }
  // A licence that forbids commercial use is judged as non-commercial whatever its table says.
  if (k.terms?.commercialUse.value === 'forbidden') category = 'non-commercial';
  // The knowledge base's rule (its README): GPL with a linking exception is weak copyleft.
  // `categoryOf` does not apply it to `WITH` expressions yet, so it is applied here.
  if (
    exception !== undefined &&
    LINKING_EXCEPTIONS.has(exception.toLowerCase()) &&
    category === 'strong-copyleft'
  ) {
    category = 'weak-copyleft';
  }
  const action = policy.licenses.categories[category];
  const obligations = obligationsOf(k, policy);

  if (COPYLEFT.has(category) && action !== 'allow' && project !== undefined) {
    // An open-source project: the question is licence compatibility, not "copyleft or not".
    const compatible = project.ids.some((p) => compatibleWith(p, k.id, category));
    if (compatible) {
      return {
        license: label,
        action: 'allow',
        rule: 'license.conflict',
        reason: `${label} is compatible with the project's ${project.expression}`,
        obligations,
      };
    }
    // Shipped, the project's licence is what recipients get, so the two licences conflict;
    // offered as a service, the project's licence binds nobody, and the category decides.
    if (ships(policy)) {
      return {
        license: label,
        action,
        rule: 'license.conflict',
        reason: `the project's licence ${project.expression} conflicts with ${label} (${WHY[category]}): ${cite(k, category)}`,
        obligations: [],
      };
    }
  }

  if (action !== 'deny' && category === 'ai-use-restricted' && policy.licenses.userThresholds) {
    const threshold = k.terms?.userThreshold;
    const limit = threshold?.value;
    if (threshold !== undefined && limit !== null && limit !== undefined) {
      const users = policy.product.monthlyActiveUsers;
      if (users === undefined || users > limit.count) {
        const status =
          users === undefined
            ? `the policy does not state product.monthlyActiveUsers`
            : `the product's ${users.toLocaleString('en-US')} monthly active users are above it`;
        const aup = k.terms?.useRestrictions;
        return {
          license: label,
          action: 'review',
          rule: 'license.review',
          reason: `${k.id} limits use to ${limit.count.toLocaleString('en-US')} monthly active users (${threshold.clause}) and ${status}${aup !== undefined && aup.value.restrictions.length > 0 ? `; its acceptable-use policy applies (${aup.clause})` : ''}`,
          obligations,
        };
      }
    }
  }
  if (action === 'allow') {
    return {
      license: label,
      action,
      rule: 'license.review',
      reason: `${label} is ${category}`,
      obligations,
    };
  }
  return {
    license: label,
    action,
    rule: action === 'deny' ? 'license.denied' : 'license.review',
    reason: `${label} is ${WHY[category]} — ${action === 'deny' ? 'denied' : 'needs a review'} for ${policy.use} use: ${cite(k, category)}`,
    obligations: action === 'deny' ? [] : obligations,
  };
}

/** Every licence id in an expression (`+` kept), or the whole text when it does not parse. */
export function leafIds(expression: string): string[] {
  const tree = parseSpdxTree(expression);
  if (tree === undefined) return [expression.trim()];
  const ids: string[] = [];
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if ('license' in node) ids.push(node.plus === true ? `${node.license}+` : node.license);
    else stack.push(node.right, node.left);
  }
  return ids;
}

/**
 * Whether a project under `project` may include code under the copyleft `dependency`.
 * Hand-written because no package ships a licence compatibility matrix; deliberately narrow
 * (GPL family versions, same id), so anything unlisted is a conflict for a person to check.
 */
export function compatibleWith(
  project: string,
  dependency: string,
  category: LicenseCategory,
): boolean {
  // Weak copyleft stays at the file or library: any project licence may use it.
  if (category === 'weak-copyleft') return true;
  const p = normaliseGpl(project);
  const d = normaliseGpl(dependency);
  if (p.id === d.id) return true;
  if (p.family === undefined || d.family === undefined) return false;
  // GPL-2.0-only code cannot go into a GPL-3.0 work; "or later" code can go into any later one.
  const versionOk = d.version === p.version || (d.orLater && p.version >= d.version);
  if (!versionOk) return false;
  // GPL-3.0 §13 and AGPL-3.0 §13 allow combining GPL-3.0 and AGPL-3.0 works; an AGPL
  // dependency needs the network clause honoured, which a GPL project can do.
  if (d.family === 'AGPL') return p.family === 'AGPL' || p.family === 'GPL';
  return p.family === 'GPL' || p.family === 'AGPL';
}

function normaliseGpl(id: string): {
  id: string;
  family?: 'GPL' | 'AGPL';
  version: number;
  orLater: boolean;
} {
  const m = /^(A?GPL)-([23])\.0(-only|-or-later|\+)?$/i.exec(id.trim());
  if (m === null) return { id: id.toLowerCase(), version: 0, orLater: false };
  const family = (m[1] ?? '').toUpperCase() as 'GPL' | 'AGPL';
  const orLater = m[3] === '-or-later' || m[3] === '+';
  return { id: id.toLowerCase(), family, version: Number(m[2]), orLater };
}
