/**
 * The per-package view of an OSV advisory that a lookup returns: what matching and reporting
 * read (id, modified, published, withdrawn, aliases, summary, severity, the GHSA severity
 * fallback) and only the `affected[]` entries of that one package; and the part of it the lookup
 * index stores for every (package, advisory): what matching reads (`advisoryMatch`).
 *
 * Why: a scan looks up thousands of packages at once and most candidate advisories do not match;
 * parsing whole records (details, references, credits and the entries of every other package:
 * 60–80% of an osv.dev record), and then even whole views, was most of the lookup time. The full
 * record stays in `osv_advisory` as imported; the view is built from it for the advisories that
 * match.
 */
import type { OsvAffected, OsvRecord } from '../analyzers/vulns/osv/types.js';
import { compactEntry } from '../analyzers/vulns/ranges/compact.js';
import { advisoryPackageKey } from './advisory-names.js';
import type { AdvisoryInput } from './types.js';

/** One package an advisory names, with the advisory's view for it. */
export interface AdvisoryPackageView {
  readonly ecosystem: string;
  /** The name as the index stores it (`advisoryPackageKey`). */
  readonly name: string;
  readonly view: OsvRecord;
}

/** The record reduced to what matching and reporting read, with `affected` as given. */
export function advisoryView(record: OsvRecord, affected: readonly OsvAffected[]): OsvRecord {
  const severityFallback = record.database_specific?.severity;
  return {
    id: record.id,
    modified: record.modified,
    ...(record.published !== undefined ? { published: record.published } : {}),
    ...(record.withdrawn !== undefined ? { withdrawn: record.withdrawn } : {}),
    ...(record.aliases != null && record.aliases.length > 0 ? { aliases: record.aliases } : {}),
    ...(record.summary !== undefined ? { summary: record.summary } : {}),
    ...(record.severity != null && record.severity.length > 0 ? { severity: record.severity } : {}),
    affected,
    ...(severityFallback !== undefined
      ? { database_specific: { severity: severityFallback } }
      : {}),
  };
}

/** One package an advisory names, with the advisory's entries for it. */
interface PackageEntries {
  readonly ecosystem: string;
  /** The name as the index stores it (`advisoryPackageKey`). */
  readonly name: string;
  readonly entries: OsvAffected[];
}

/**
 * The packages `record` names, each with its entries (entries naming the same package after
 * normalisation, e.g. `Demo` and `demo` on PyPI, are one package), in first-seen order.
 */
function packageEntries(record: OsvRecord): PackageEntries[] {
  const byKey = new Map<string, PackageEntries>();
  for (const entry of record.affected ?? []) {
    if (entry.package === undefined) continue;
    const { ecosystem } = entry.package;
    const name = advisoryPackageKey(ecosystem, entry.package.name);
    const key = `${ecosystem}\u0000${name}`;
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, { ecosystem, name, entries: [entry] });
    else group.entries.push(entry);
  }
  return [...byKey.values()];
}

/** The packages `record` names, one view each (see `packageEntries`). */
export function advisoryPackageViews(record: OsvRecord): AdvisoryPackageView[] {
  return packageEntries(record).map((g) => ({
    ecosystem: g.ecosystem,
    name: g.name,
    view: advisoryView(record, g.entries),
  }));
}

/**
 * What the lookup index keeps of an advisory for one package (`osv_package.match`): only what
 * matching reads of every candidate, as JSON text `[id, modified, entries]`, each entry in
 * its compact form (`compactEntry`). The rest of the view is read from the whole record, and
 * only for the advisories that match (`StoredAdvisory`).
 */
export function advisoryMatch(
  id: string,
  modified: string,
  entries: readonly OsvAffected[],
): string {
  return JSON.stringify([id, modified, entries.map(compactEntry)]);
}

/** The (ecosystem, normalised name) pairs `record` names, without building views. */
export function advisoryPackageKeys(record: OsvRecord): { ecosystem: string; name: string }[] {
  const seen = new Set<string>();
  const out: { ecosystem: string; name: string }[] = [];
  for (const entry of record.affected ?? []) {
    if (entry.package === undefined) continue;
    const { ecosystem } = entry.package;
    const name = advisoryPackageKey(ecosystem, entry.package.name);
    const key = `${ecosystem}\u0000${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ecosystem, name });
  }
  return out;
}

/**
 * The rest of what matching reads of an advisory for one package, kept beside `advisoryMatch`
 * in the lookup index (`osv_package.detail`) but parsed only for the advisories that match: JSON
 * text `[aliases, summary, severity, entry severities, database severity]`, `0` for each one
 * absent (the entries' `severity` lists flattened, in order; the GHSA fallback rating).
 */
export function advisoryDetail(record: OsvRecord, entries: readonly OsvAffected[]): string {
  const severityFallback = record.database_specific?.severity;
  const entrySeverity = entries.flatMap((e) => e.severity ?? []);
  return JSON.stringify([
    record.aliases != null && record.aliases.length > 0 ? record.aliases : 0,
    record.summary ?? 0,
    record.severity != null && record.severity.length > 0 ? record.severity : 0,
    entrySeverity.length > 0 ? entrySeverity : 0,
    severityFallback ?? 0,
  ]);
}

/** What `Store.importAdvisories` takes for one validated record and its text as read. */
export function advisoryInput(
  record: OsvRecord,
  json: string,
  deflated?: Uint8Array,
): AdvisoryInput {
  return {
    id: record.id,
    modified: record.modified,
    ...(record.withdrawn !== undefined ? { withdrawn: record.withdrawn } : {}),
    json,
    ...(deflated !== undefined ? { deflated } : {}),
    packages: packageEntries(record).map((p) => ({
      ecosystem: p.ecosystem,
      name: p.name,
      match: advisoryMatch(record.id, record.modified, p.entries),
      detail: advisoryDetail(record, p.entries),
    })),
  };
}
