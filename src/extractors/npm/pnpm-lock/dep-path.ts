/**
 * pnpm dependency paths: the keys of a lockfile's `packages` and `snapshots` sections and the
 * references in its `dependencies` maps. pnpm's own parser (`@pnpm/dependency-path`) only
 * understands the format of the pnpm version it ships with; these functions read all three
 * generations, so they are written here:
 *
 * - lockfile 5.x: `/name/1.0.0`, `/@scope/name/1.0.0_peer@2.0.0+other@3.0.0`, and non-registry
 *   paths such as `registry.example.com/name/1.0.0` or `github.com/owner/repo/<commit>`;
 * - lockfile 6.x: `/name@1.0.0(peer@2.0.0)`;
 * - lockfile 9.x: `name@1.0.0` in `packages`, `name@1.0.0(peer@2.0.0)` in `snapshots`, and
 *   `name@<url or file: or git specifier>` for everything not from the registry.
 */

/** Which generation of dependency paths a lockfile uses. */
export type PathStyle = 'v5' | 'v6' | 'v9';

/** The style a `lockfileVersion` implies (`5.4` → v5, `6.0` → v6, `9.0` → v9). */
export function styleOf(lockfileVersion: number): PathStyle {
  if (lockfileVersion >= 7) return 'v9';
  if (lockfileVersion >= 6) return 'v6';
  return 'v5';
}

/**
 * Where the trailing `(…)` groups of a dependency path (peers, `patch_hash=`) start, or -1.
 * Scans from the end and balances parentheses, as pnpm does, so peers that carry their own
 * peers (`a@1.0.0(b@2.0.0(c@3.0.0))`) are handled. Iterative: no recursion on input.
 */
export function indexOfSuffix(depPath: string): number {
  if (!depPath.endsWith(')')) return -1;
  let open = 1;
  for (let i = depPath.length - 2; i >= 0; i--) {
    const c = depPath[i];
    if (c === '(') open--;
    else if (c === ')') open++;
    else if (open === 0) return i + 1;
  }
  return -1;
}

/** The dependency path without its trailing `(peer@x)` / `(patch_hash=…)` groups. */
export function stripSuffix(depPath: string): string {
  const index = indexOfSuffix(depPath);
  return index === -1 ? depPath : depPath.slice(0, index);
}

/** A name and a version read from a dependency path; either may be missing. */
export interface ParsedPath {
  readonly name?: string;
  /** Registry version (starts with a digit), peer suffix removed. */
  readonly version?: string;
  /** v9 only: the non-registry part after `name@` (`file:…`, a tarball URL, a git specifier). */
  readonly specifier?: string;
}

const STARTS_WITH_DIGIT = /^\d/;

/**
 * Name and version of a lockfile 5.x/6.x dependency path, following what OSV-SCALIBR accepts:
 * the first segment is dropped (it is empty for `/name/…`, a host otherwise), a scoped name
 * takes two segments, and the version is the next segment or, in 6.x, what follows the last
 * `@` of the name. Versions that do not start with a digit (a git path's repository name, say)
 * are not versions: the package entry's own `name`/`version` fields must supply them.
 *
 * Returns undefined when the path has no `/` at all (not a dependency path).
 */
export function parseLegacyPath(depPath: string): ParsedPath | undefined {
  // `file:` paths never encode the version; such entries always carry `name` and `version`.
  if (depPath.startsWith('file:')) return {};
  const parts = stripSuffix(depPath).split('/');
  if (parts.length < 2) return undefined;
  let rest = parts.slice(1);
  let name: string;
  const first = rest[0] ?? '';
  if (first.startsWith('@') && rest.length >= 2) {
    name = `${first}/${rest[1] ?? ''}`;
    rest = rest.slice(2);
  } else {
    name = first;
    rest = rest.slice(1);
  }
  let version = rest[0] ?? '';
  if (version === '') {
    // 6.x: `/name@1.0.0` (the name itself may start with `@`).
    const at = name.lastIndexOf('@');
    if (at > 0) {
      version = name.slice(at + 1);
      name = name.slice(0, at);
    }
  }
  if (!STARTS_WITH_DIGIT.test(version)) return {};
  // 5.x peer suffix: `1.0.0_react@17.0.2+react-dom@17.0.2`.
  const underscore = version.indexOf('_');
  if (underscore !== -1) version = version.slice(0, underscore);
  return name === '' ? {} : { name, version };
}

/**
 * Name and version of a lockfile 9.x dependency path (`name@version(peers)`), or undefined
 * when there is no `@` after the first character. A version that does not start with a digit
 * is returned as `specifier` (`file:…`, `https://…`, `git+…`).
 */
export function parseV9Path(depPath: string): ParsedPath | undefined {
  const id = stripSuffix(depPath);
  const at = id.indexOf('@', 1);
  if (at === -1) return undefined;
  const name = id.slice(0, at);
  const version = id.slice(at + 1);
  if (version === '') return { name };
  return STARTS_WITH_DIGIT.test(version) ? { name, version } : { name, specifier: version };
}

/**
 * The dependency path a `dependencies` entry (`name: reference`) points to, as pnpm's
 * `refToRelative` computes it for each generation; undefined for `link:` references
 * (workspace links have no `packages` entry).
 */
export function refToPath(reference: string, name: string, style: PathStyle): string | undefined {
  if (reference.startsWith('link:')) return undefined;
  if (style === 'v9') {
    if (reference.startsWith('@')) return reference;
    const at = reference.indexOf('@');
    if (at === -1) return `${name}@${reference}`;
    const colon = reference.indexOf(':');
    const bracket = reference.indexOf('(');
    // An alias points at another package: `string-width-cjs: string-width@4.2.3`.
    if ((colon === -1 || at < colon) && (bracket === -1 || at < bracket)) return reference;
    return `${name}@${reference}`;
  }
  if (reference.startsWith('file:')) return reference;
  if (style === 'v6') {
    // A `/` inside the peer suffix (`1.0.0(@types/node@20.0.0)`) does not make it a path.
    const bracket = reference.indexOf('(');
    if (!reference.includes('/') || (bracket !== -1 && reference.lastIndexOf('/', bracket) === -1))
      return `/${name}@${reference}`;
    return reference;
  }
  return reference.includes('/') ? reference : `/${name}/${reference}`;
}
