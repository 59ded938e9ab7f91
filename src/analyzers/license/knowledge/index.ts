/**
 * The licence knowledge base: category and terms for every SPDX licence id in
 * `spdx-license-list` and for the AI model licences (`LicenseRef-<hub tag>`).
 * See README.md beside this file for how entries are made.
 */
import { createRequire } from 'node:module';
import { AI_LICENSES } from './ai-licenses.js';
import { SPDX_CATEGORY_TABLES, UNKNOWN_REASONS } from './spdx-categories.js';
import { SPDX_TERM_ALIASES, SPDX_TERMS } from './spdx-terms.js';
import type { LicenseCategory, LicenseKnowledge } from './types.js';

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
  for (const entry of AI_LICENSES) {
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
 * The category of a simple licence expression: one id, optionally with `+`
 * (`GPL-2.0+` style) or `WITH <exception>`, which keep the licence's category.
 * Compound expressions (AND/OR) and unknown ids give `unknown` for now.
 */
export function categoryOf(expression: string): LicenseCategory {
  const text = expression
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .trim();
  if (/\s(AND|OR)\s/i.test(text)) return 'unknown';
  const withMatch = /^(\S+)\s+WITH\s+\S+$/i.exec(text);
  const id = withMatch?.[1] ?? text;
  const direct = knowledgeOf(id);
  if (direct !== undefined) return direct.category;
  if (id.endsWith('+')) return knowledgeOf(id.slice(0, -1))?.category ?? 'unknown';
  return 'unknown';
}
