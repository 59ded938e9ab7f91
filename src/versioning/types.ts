/**
 * The contract every version ordering implements. Vulnerability matching only needs to order
 * two version strings of one ecosystem, so the contract is small: a total order (`compare`),
 * a well-formedness test (`valid`), and the parse/compare split that lets hot loops parse a
 * bound once and compare it many times.
 */

/** A version ordering, e.g. SemVer as OSV applies it or PEP 440. */
export interface VersionScheme<Parsed = unknown> {
  /** Stable name of the scheme (`semver`, `pep440`). */
  readonly name: string;
  /**
   * Parse a version string. Never throws: every string gets a place in the order (OSV data
   * and lockfiles contain versions no grammar accepts, and a comparison must still answer).
   * Results are cached, so the same string gives the same object.
   */
  parse(version: string): Parsed;
  /** -1, 0 or 1 as `a` sorts before, equal to, or after `b`. */
  compare(a: string, b: string): number;
  /** `compare` over already-parsed versions (for loops that reuse a parsed bound). */
  compareParsed(a: Parsed, b: Parsed): number;
  /**
   * Whether the string is a well-formed version of the scheme, as opposed to one that only
   * gets a fallback place in the order (a PyPI legacy version, SemVer garbage).
   */
  valid(version: string): boolean;
}
