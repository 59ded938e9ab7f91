/**
 * The licence knowledge base: category and terms for every SPDX licence id in
 * `spdx-license-list`, for the AI model licences (`LicenseRef-<hub tag>`) and for the riders
 * put on top of other licences (`LicenseRef-Commons-Clause`).
 * See README.md beside this file for how entries are made.
 */
import { createRequire } from 'node:module';
import type { Info as SpdxNode } from 'spdx-expression-parse';
import { parseSpdxTree } from '../declared/spdx.js';
import { AI_LICENSES } from './ai-licenses.js';
import { RIDER_LICENSES } from './riders.js';
import { SPDX_CATEGORY_TABLES, UNKNOWN_REASONS } from './spdx-categories.js';
import { SPDX_TERM_ALIASES, SPDX_TERMS } from './spdx-terms.js';
import { LICENSE_CATEGORIES, type LicenseCategory, type LicenseKnowledge } from './types.js';

export type * from './types.js';
export { LICENSE_CATEGORIES } from './types.js';

interface SpdxListEntry {
  readonly name: string;
  readonly url: string;
  readonly osiApproved: boolean;
}

// spdx-license-list is CommonJS JSON; createRequire keeps this file plain ESM.
const spdxList = createRequire(import.meta.url)('spdx-license-list') as Readonly<
  Record<string, SpdxListEntry>
>;

let byId: ReadonlyMap<string, LicenseKnowledge> | undefined;
let byLowerId: ReadonlyMap<string, LicenseKnowledge> | undefined;

function spdxEntry(
  id: string,
  entry: SpdxListEntry,
  tableCategory: LicenseCategory | undefined,
): LicenseKnowledge {
  const terms = SPDX_TERMS[id] ?? SPDX_TERMS[SPDX_TERM_ALIASES[id] ?? ''];
  // The OSI rule: every OSI-approved id that is not permissive is in a table, so an
  // unlisted OSI id is permissive; an unlisted non-OSI id is unknown, never guessed.
  const category: LicenseCategory = tableCategory ?? (entry.osiApproved ? 'permissive' : 'unknown');
  const note =
    UNKNOWN_REASONS[id] ??
    (tableCategory === undefined && !entry.osiApproved
      ? 'new SPDX id, not yet categorised'
      : undefined);
  return {
    id,
    name: entry.name,
    category,
    basis: tableCategory === undefined && entry.osiApproved ? 'osi-rule' : 'table',
    osiApproved: entry.osiApproved,
    url: entry.url,
    ...(note === undefined ? {} : { note }),
    ...(terms === undefined ? {} : { terms, termsVerified: true }),
  };
}

function build(): ReadonlyMap<string, LicenseKnowledge> {
  const tableCategory = new Map<string, LicenseCategory>();
  for (const [category, ids] of SPDX_CATEGORY_TABLES) {
    for (const id of ids) tableCategory.set(id, category);
  }
  const map = new Map<string, LicenseKnowledge>();
  for (const [id, entry] of Object.entries(spdxList)) {
    map.set(id, spdxEntry(id, entry, tableCategory.get(id)));
  }
  for (const entry of [...AI_LICENSES, ...RIDER_LICENSES]) {
    map.set(entry.id, entry);
    for (const alias of entry.aliases ?? []) map.set(alias, entry);
  }
  return map;
}

function index(): ReadonlyMap<string, LicenseKnowledge> {
  byId ??= build();
  return byId;
}

/** Every entry once (aliases not repeated), sorted by id. */
export function allKnowledge(): readonly LicenseKnowledge[] {
  const seen = new Set<LicenseKnowledge>(index().values());
  return [...seen].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * What the knowledge base knows about one licence id: an SPDX id or a
 * `LicenseRef-<tag>`. SPDX ids match case-insensitively, as the SPDX spec says.
 */
export function knowledgeOf(id: string): LicenseKnowledge | undefined {
  const map = index();
  const exact = map.get(id);
  if (exact !== undefined) return exact;
  if (byLowerId === undefined) {
    const lower = new Map<string, LicenseKnowledge>();
    for (const [key, value] of map) lower.set(key.toLowerCase(), value);
    byLowerId = lower;
  }
  return byLowerId.get(id.trim().toLowerCase());
}

/**
 * The category of a licence expression. One id, optionally with `+` (`GPL-2.0+` style) or
 * `WITH <exception>`, has the licence's category. `A OR B` is as open as its most open
 * alternative (the user may take it); `A AND B` (all apply) is as restrictive as its most
 * restrictive part, and `unknown` when any part is. Categories are ordered by
 * LICENSE_CATEGORIES. Text that does not parse as SPDX is read as one id
 * (`LicenseRef-openrail++`).
 */
export function categoryOf(expression: string): LicenseCategory {
  const text = expression
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .trim();
  const tree = /\s(?:AND|OR)\s/i.test(text) ? parseSpdxTree(text) : undefined;
  return tree === undefined ? categoryOfId(text) : categoryOfNode(tree);
}

const RESTRICTIVENESS = new Map(LICENSE_CATEGORIES.map((c, i) => [c, i]));

function categoryOfNode(node: SpdxNode): LicenseCategory {
  if ('license' in node)
    return categoryOfId(node.plus === true ? `${node.license}+` : node.license);
  const left = categoryOfNode(node.left);
  const right = categoryOfNode(node.right);
  const rank = (c: LicenseCategory): number => RESTRICTIVENESS.get(c) ?? LICENSE_CATEGORIES.length;
  if (node.conjunction === 'and')
    return left === 'unknown' || right === 'unknown'
      ? 'unknown'
      : rank(left) >= rank(right)
        ? left
        : right;
  if (left === 'unknown') return right;
  if (right === 'unknown') return left;
  return rank(left) <= rank(right) ? left : right;
}

/** The category of one id, `X+` or `X WITH exception`. */
function categoryOfId(text: string): LicenseCategory {
  const withMatch = /^(\S+)\s+WITH\s+\S+$/i.exec(text);
  const id = withMatch?.[1] ?? text;
  const direct = knowledgeOf(id);
  if (direct !== undefined) return direct.category;
  if (id.endsWith('+')) return knowledgeOf(id.slice(0, -1))?.category ?? 'unknown';
  return 'unknown';
}
