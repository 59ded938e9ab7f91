/**
 * Where a scan's advisories come from. The CLI builds the source (the offline database the user
 * imported with `openvet db import`, the OSV API when not `--offline`, or both) and hands it to
 * the core, which passes it to the vulnerability analyzer: the analyzer never opens a database
 * or a socket itself, and `--offline` is decided in one place.
 */
import type { PackageVersion } from './match/index.js';
import { advisoryLookupKey } from '../../store/advisory-names.js';
import { osvQueryCacheKey } from './online/cache.js';
import type { OsvRecord } from './osv/types.js';

/** What a source found for a list of package versions. */
export interface AdvisoryData {
  /** The records naming each package version, keyed by `advisoryDataKey`. */
  readonly records: ReadonlyMap<string, readonly OsvRecord[]>;
  /** What the user should know about the data (API unreachable, no database, stale cache …). */
  readonly notes: readonly string[];
}

/** A provider of OSV records for package versions. */
export interface AdvisorySource {
  /** For the report: e.g. `offline database`, `OSV API + offline database`. */
  readonly description: string;
  lookup(packages: readonly PackageVersion[]): Promise<AdvisoryData>;
}

/** The key of one package version in `AdvisoryData.records` (ecosystem, normalised name, version). */
export function advisoryDataKey(pkg: PackageVersion): string {
  return osvQueryCacheKey(pkg);
}

/** What the offline source needs of the store. */
export interface AdvisoryStoreReader {
  advisoriesFor(ecosystem: string, name: string): Promise<OsvRecord[]>;
  advisoriesForMany?(
    keys: readonly { readonly ecosystem: string; readonly name: string }[],
  ): Promise<Map<string, OsvRecord[]>>;
}

/** The advisories imported into the store (`openvet db import`). */
export function storeAdvisorySource(
  store: AdvisoryStoreReader,
  description = 'offline database',
): AdvisorySource {
  return {
    description,
    async lookup(packages) {
      const records = new Map<string, readonly OsvRecord[]>();
      const byName = new Map<string, OsvRecord[]>();
      const nameKey = (p: PackageVersion): string => advisoryLookupKey(p.ecosystem, p.name);
      const names = [...new Map(packages.map((p) => [nameKey(p), p])).values()];
      if (store.advisoriesForMany) {
        const found = await store.advisoriesForMany(
          names.map((p) => ({ ecosystem: p.ecosystem, name: p.name })),
        );
        for (const [key, list] of found) byName.set(key, list);
      } else {
        for (const p of names)
          byName.set(nameKey(p), await store.advisoriesFor(p.ecosystem, p.name));
      }
      for (const p of packages) records.set(advisoryDataKey(p), byName.get(nameKey(p)) ?? []);
      return { records, notes: [] };
    },
  };
}

/**
 * Several sources asked together: each package version gets the union of their records, one per
 * id (the most recently modified copy). A source that throws is a note, not a failed scan.
 */
export function combineAdvisorySources(sources: readonly AdvisorySource[]): AdvisorySource {
  return {
    description: sources.map((s) => s.description).join(' + '),
    async lookup(packages) {
      const notes: string[] = [];
      const merged = new Map<string, Map<string, OsvRecord>>();
      const answers = await Promise.all(
        sources.map(async (source) => {
          try {
            return await source.lookup(packages);
          } catch (error) {
            notes.push(`${source.description}: ${(error as Error).message}`);
            return undefined;
          }
        }),
      );
      for (const answer of answers) {
        if (answer === undefined) continue;
        notes.push(...answer.notes);
        for (const [key, list] of answer.records) {
          const byId = merged.get(key) ?? new Map<string, OsvRecord>();
          for (const record of list) {
            const had = byId.get(record.id);
            if (had === undefined || Date.parse(had.modified) < Date.parse(record.modified))
              byId.set(record.id, record);
          }
          merged.set(key, byId);
        }
      }
      const records = new Map<string, readonly OsvRecord[]>();
      for (const [key, byId] of merged)
        records.set(
          key,
          [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
        );
      return { records, notes };
    },
  };
}
