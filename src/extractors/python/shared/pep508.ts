/**
 * The name (and extras) of a PEP 508 requirement string such as
 * `requests[socks]>=2.31; python_version >= "3.8"` or `foo @ git+https://…`.
 * Only the name part is parsed: versions and markers do not matter for edges.
 */

/** PEP 508 names: letters/digits, with `.`, `_`, `-` inside. */
const REQUIREMENT = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?/;
const EGG = /#egg=([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/** A requirement's name and extras. */
export interface RequirementName {
  readonly name: string;
  readonly extras: readonly string[];
}

/**
 * The name and extras of a requirement, or undefined when it has none (a bare URL).
 * pip-style `-e <url>#egg=name` lines are understood too, since pdm writes them for editables.
 */
export function parseRequirementName(spec: string): RequirementName | undefined {
  const trimmed = spec.trim();
  if (trimmed.startsWith('-e ') || trimmed.startsWith('--editable')) {
    const egg = EGG.exec(trimmed);
    return egg ? { name: egg[1] as string, extras: [] } : undefined;
  }
  const match = REQUIREMENT.exec(trimmed);
  // `https://…` or `C:\…` would otherwise read as a package named `https` or `C`.
  if (!match || /^[:/\\]/.test(trimmed.slice(match[0].length))) return undefined;
  const extras = (match[2] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return { name: match[1] as string, extras };
}
