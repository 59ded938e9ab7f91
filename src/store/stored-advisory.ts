/**
 * An advisory as a store lookup returns it. A lookup parses, for every candidate advisory of a
 * package, only what deciding whether it matches needs (`advisoryMatch`: id, modified, the
 * compact `affected[]` entries); what reporting a match needs (aliases, summary, severity:
 * `advisoryDetail`) comes with the lookup as text and is parsed when first read; the rest of the
 * view (`published`, the entries as written) is read from the store when first used. Matching
 * reads the detail only for the advisories that match, typically a few percent of the
 * candidates, and never the rest: parsing whole views for all of them was most of the time of
 * matching an inventory.
 */
import { StoreError } from '../core/errors.js';
import type {
  OsvAffected,
  OsvCredit,
  OsvRecord,
  OsvReference,
  OsvSeverity,
} from '../analyzers/vulns/osv/types.js';
import type { CompactEntry } from '../analyzers/vulns/ranges/compact.js';
import type { SeverityInput } from '../analyzers/vulns/severity/index.js';

/** Reads the package's view of advisory `id` (called at most once per StoredAdvisory). */
export type AdvisoryViewLoader = (id: string) => OsvRecord;

/**
 * The `advisoryDetail` texts of one package's advisories as a lookup reads them: one text, the
 * details separated by U+001E (JSON text never holds a raw control character), split when one
 * of them is first needed (most packages have no matching advisory).
 */
export class PackageDetails {
  readonly #text: string;
  #parts: readonly string[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** The detail text of advisory number `index` (in the lookup's row order). */
  get(index: number): string {
    this.#parts ??= this.#text.split('\u001e');
    const part = this.#parts[index];
    // The two lists are aggregated over the same rows; unequal lengths mean a damaged index.
    if (part === undefined)
      throw new StoreError(
        'OPENVET_E_DB_CORRUPT',
        'the advisory index of the database is damaged (a detail is missing); run `openvet db import` again',
      );
    return part;
  }
}

/** `advisoryDetail` parsed: aliases, summary, severity, entry severities, database severity. */
type Detail = readonly [
  readonly string[] | 0,
  string | 0,
  readonly OsvSeverity[] | 0,
  readonly OsvSeverity[] | 0,
  string | 0,
];

/**
 * One advisory for one package: an `OsvRecord` whose fields other than `id` and `modified` are
 * getters, over the detail text or the view read through `load` when first needed.
 * `JSON.stringify` gives the view.
 */
export class StoredAdvisory implements OsvRecord {
  readonly id: string;
  readonly modified: string;
  readonly #entries: readonly CompactEntry[];
  readonly #details: PackageDetails;
  readonly #index: number;
  readonly #load: AdvisoryViewLoader;
  #detail: Detail | undefined;
  #view: OsvRecord | undefined;

  /**
   * `row` is one parsed `osv_package.match` value (`[id, modified, entries]`); its detail is
   * number `index` of `details`.
   */
  constructor(
    row: readonly unknown[],
    details: PackageDetails,
    index: number,
    load: AdvisoryViewLoader,
  ) {
    this.id = row[0] as string;
    this.modified = row[1] as string;
    this.#entries = row[2] as CompactEntry[];
    this.#details = details;
    this.#index = index;
    this.#load = load;
  }

  /** The compact entries of a stored advisory (what matching reads), else undefined. */
  static entriesOf(record: OsvRecord): readonly CompactEntry[] | undefined {
    return #entries in record ? record.#entries : undefined;
  }

  /**
   * What `severityOf` reads of a stored advisory, from its detail (the same answer as from the
   * view, without reading the view); else undefined.
   */
  static severityInputOf(record: OsvRecord): SeverityInput | undefined {
    if (!(#entries in record)) return undefined;
    const [, , severity, entrySeverity, fallback] = record.#parsed();
    return {
      ...(severity !== 0 ? { severity } : {}),
      ...(entrySeverity !== 0 ? { affected: [{ severity: entrySeverity }] } : {}),
      ...(fallback !== 0 ? { database_specific: { severity: fallback } } : {}),
    };
  }

  #parsed(): Detail {
    return (this.#detail ??= JSON.parse(this.#details.get(this.#index)) as Detail);
  }

  #full(): OsvRecord {
    return (this.#view ??= this.#load(this.id));
  }

  get schema_version(): string | undefined {
    return this.#full().schema_version;
  }
  get published(): string | undefined {
    return this.#full().published;
  }
  /** Never set: a lookup leaves withdrawn advisories out. */
  get withdrawn(): string | undefined {
    return undefined;
  }
  get aliases(): readonly string[] | undefined {
    const aliases = this.#parsed()[0];
    return aliases === 0 ? undefined : aliases;
  }
  get related(): readonly string[] | undefined {
    return this.#full().related;
  }
  get upstream(): readonly string[] | undefined {
    return this.#full().upstream;
  }
  get summary(): string | undefined {
    const summary = this.#parsed()[1];
    return summary === 0 ? undefined : summary;
  }
  get details(): string | undefined {
    return this.#full().details;
  }
  get severity(): readonly OsvSeverity[] | undefined {
    const severity = this.#parsed()[2];
    return severity === 0 ? undefined : severity;
  }
  get affected(): readonly OsvAffected[] | null | undefined {
    return this.#full().affected;
  }
  get references(): readonly OsvReference[] | null | undefined {
    return this.#full().references;
  }
  get credits(): readonly OsvCredit[] | undefined {
    return this.#full().credits;
  }
  get database_specific(): Readonly<Record<string, unknown>> | undefined {
    return this.#full().database_specific;
  }

  /** The whole view, as JSON (with the lookup's `id` and `modified`). */
  toJSON(): OsvRecord {
    return { ...this.#full(), id: this.id, modified: this.modified };
  }
}
