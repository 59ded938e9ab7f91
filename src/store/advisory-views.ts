/**
 * The per-package view of an OSV advisory that the lookup index stores: what matching and
 * reporting read (id, modified, published, withdrawn, aliases, summary, severity, the GHSA
 * severity fallback) and only the `affected[]` entries of that one package.
 *
 * Why: a scan looks up thousands of packages at once, and parsing whole records (details,
 * references, credits and the entries of every other package: 60–80% of an osv.dev record) was
 * most of the lookup time. The full record stays in `osv_advisory` as imported.
 */
import type { OsvAffected, OsvRecord } from '../analyzers/vulns/osv/types.js';
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

/**
 * The packages `record` names, one view each (entries naming the same package after
 * normalisation, e.g. `Demo` and `demo` on PyPI, share one view), in first-seen order.
 */
export function advisoryPackageViews(record: OsvRecord): AdvisoryPackageView[] {
  const byKey = new Map<string, { ecosystem: string; name: string; entries: OsvAffected[] }>();
  for (const entry of record.affected ?? []) {
    if (entry.package === undefined) continue;
    const { ecosystem } = entry.package;
    const name = advisoryPackageKey(ecosystem, entry.package.name);
    const key = `${ecosystem}\u0000${name}`;
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, { ecosystem, name, entries: [entry] });
    else group.entries.push(entry);
  }
  return [...byKey.values()].map((g) => ({
    ecosystem: g.ecosystem,
    name: g.name,
    view: advisoryView(record, g.entries),
  }));
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
    packages: advisoryPackageViews(record).map((p) => ({
      ecosystem: p.ecosystem,
      name: p.name,
      view: JSON.stringify(p.view),
    })),
  };
}
