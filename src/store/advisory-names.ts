/**
 * The key advisories are looked up by: (ecosystem, name) with the name normalised the way the
 * ecosystem compares names, so that an advisory for `Django` finds the component `django`.
 * The store owns it because it writes and reads the index with the same function.
 */
import { normalizePypiName } from '../core/purl.js';

/** The package name as the advisory index stores it for `ecosystem`. */
export function advisoryPackageKey(ecosystem: string, name: string): string {
  // PyPI compares names by PEP 503; npm, Go and crates.io names are compared as written
  // (npm names are lower case by rule, Go module paths and crate names are case-sensitive).
  if (ecosystem === 'PyPI') return normalizePypiName(name);
  return name;
}

/** The key of one package in lookups: ecosystem and normalised name, separated by NUL. */
export function advisoryLookupKey(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${advisoryPackageKey(ecosystem, name)}`;
}
