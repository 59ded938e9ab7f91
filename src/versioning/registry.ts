/**
 * Which version ordering each OSV ecosystem uses. Follows OSV-SCALIBR's `semantic.Parse`:
 * npm, Go and crates.io use its lenient SemVer; PyPI uses PEP 440 with a legacy fallback.
 */
import { pep440 } from './pep440/index.js';
import { semver } from './semver/index.js';
import type { VersionScheme } from './types.js';

/** OSV ecosystem name (exact spelling of the OSV schema) → version scheme. */
export const SCHEMES_BY_ECOSYSTEM: Readonly<Record<string, VersionScheme>> = {
  npm: semver,
  Go: semver,
  'crates.io': semver,
  PyPI: pep440,
};

/**
 * The version scheme of an OSV ecosystem, or `undefined` when openvet has none for it. A
 * `:suffix` (as in `Debian:12`) is ignored, since it scopes the data, not the ordering.
 */
export function schemeForEcosystem(ecosystem: string): VersionScheme | undefined {
  const colon = ecosystem.indexOf(':');
  const base = colon === -1 ? ecosystem : ecosystem.slice(0, colon);
  return Object.hasOwn(SCHEMES_BY_ECOSYSTEM, base) ? SCHEMES_BY_ECOSYSTEM[base] : undefined;
}

export { pep440, semver };
export type { VersionScheme };
