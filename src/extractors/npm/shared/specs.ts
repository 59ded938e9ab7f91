/**
 * Helpers shared by the npm lockfile extractors: integrity strings, git resolutions (which
 * commit a lockfile pinned), package specifiers (`file:`, `link:`, `npm:` aliases, …) and
 * `name@range` descriptors.
 */
import type { ComponentSource, Hash } from '../../../core/types.js';

/** Digest sizes in bytes, to reject integrity strings whose payload does not fit the algorithm. */
const DIGEST_BYTES: Readonly<Record<string, number>> = {
  sha1: 20,
  sha256: 32,
  sha384: 48,
  sha512: 64,
  md5: 16,
};

/**
 * Hashes from a Subresource-Integrity string (`sha512-<base64>`, several separated by
 * whitespace). Options after `?` are ignored; entries that do not decode to a digest of the
 * algorithm's size are dropped.
 */
export function integrityToHashes(integrity: unknown): Hash[] {
  if (typeof integrity !== 'string') return [];
  const hashes: Hash[] = [];
  for (const part of integrity.trim().split(/\s+/)) {
    const match = /^([a-zA-Z0-9]+)-([A-Za-z0-9+/=_-]+)(?:\?.*)?$/.exec(part);
    if (match === null) continue;
    const alg = match[1]!.toLowerCase();
    const size = DIGEST_BYTES[alg];
    if (size === undefined) continue;
    const bytes = Buffer.from(match[2]!, 'base64');
    if (bytes.length !== size) continue;
    const hash = { alg, value: bytes.toString('hex') };
    if (!hashes.some((h) => h.alg === hash.alg && h.value === hash.value)) hashes.push(hash);
  }
  return hashes;
}

const GIT_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org']);

/** Index of the first match of `scheme` that starts the string or follows an `@` (not at 0). */
function schemeBefore(s: string, scheme: RegExp, limit: number): boolean {
  scheme.lastIndex = 0;
  for (let m = scheme.exec(s); m !== null && m.index < limit; m = scheme.exec(s)) {
    // `.+` in the patterns this mirrors: at least one character between scheme and limit.
    if (
      (m.index === 0 || (m.index >= 2 && s[m.index - 1] === '@')) &&
      m.index + m[0].length < limit
    )
      return true;
  }
  return false;
}

const GIT_SCHEME = /(?:git(?:\+(?:ssh|https))?|ssh):\/\//g;
const HTTPS_SCHEME = /https:\/\//g;

/**
 * The commit a resolved git URL (or hosted-git shorthand) pins, or undefined. Plain registry
 * tarballs never yield one (their `#<sha1>` fragment is a checksum, not a commit).
 *
 * Tries, in order, the forms OSV-SCALIBR recognises (its conformance data decides which commit
 * is expected, e.g. `#commit=` in Yarn Berry resolutions): `git://`, `git+ssh://`,
 * `git+https://`, `ssh://` URLs ending in `#<commit>`; `https://….git#<commit>`; GitHub
 * `codeload` tarballs; `#commit=<commit>`; `github:`/`gitlab:`/`bitbucket:` shorthands; then
 * hosted-git web URLs with the commit as fragment or `ref` query. Written as string checks, not
 * SCALIBR's `(?:^|.+@)…` regular expressions, which backtrack quadratically on long URLs.
 */
export function extractCommit(resolution: string | undefined): string | undefined {
  if (resolution === undefined || resolution === '') return undefined;
  // Fast path for the common case, registry tarballs: every way below needs one of these.
  if (!resolution.includes('#') && !resolution.includes('?') && !resolution.includes('codeload.'))
    return undefined;
  const tail = /#(\w+)$/.exec(resolution);
  if (tail !== null) {
    const hash = tail.index;
    if (hash > 0 && schemeBefore(resolution, GIT_SCHEME, hash)) return tail[1];
    if (
      resolution.slice(0, hash).endsWith('.git') &&
      schemeBefore(resolution, HTTPS_SCHEME, hash - 4)
    )
      return tail[1];
  }
  const codeload = /https:\/\/codeload\.github\.com(?:\/[\w.-]+){2}\/tar\.gz\/(\w+)$/.exec(
    resolution,
  );
  if (codeload !== null) return codeload[1];
  const berry = /#commit[:=](\w+)$/.exec(resolution);
  // A registry tarball is never a git checkout, whatever its fragment says.
  if (
    berry !== null &&
    berry.index > 0 &&
    !/\.(?:tgz|tar\.gz|tar)$/i.test(resolution.slice(0, berry.index))
  )
    return berry[1];
  if (
    tail !== null &&
    /^(?:github|gitlab|bitbucket):./.test(resolution) &&
    tail.index > resolution.indexOf(':') + 1
  )
    return tail[1];
  // Hosted-git web URLs: the commit is the fragment, or the `ref` query parameter.
  let url: URL;
  try {
    url = new URL(resolution);
  } catch {
    return undefined;
  }
  if (!GIT_HOSTS.has(url.hostname)) return undefined;
  const commit =
    url.search === '' ? url.hash.replace(/^#/, '') : (url.searchParams.get('ref') ?? '');
  return commit === '' ? undefined : commit;
}

/** Remove a password or token from an http(s) URL (`https://token@github.com/…`). */
export function redactUrl(url: string): string {
  return url.replace(/^((?:git\+)?https?:\/\/)[^/@\s]+@/, '$1');
}

/** Hosts of the `github:`, `gitlab:` and `bitbucket:` shorthands. */
const SHORTHAND_HOSTS: Readonly<Record<string, string>> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucket: 'bitbucket.org',
  gist: 'gist.github.com',
};

function httpsRepo(host: string, repoPath: string): string {
  const clean = repoPath
    .replace(/^\/+/, '')
    // (Trailing slashes from the start of their run only: tried from each slash of a long run
    // that does not end the text, the pattern is quadratic.)
    .replace(/(?<!\/)\/+$/, '')
    .replace(/\.git$/, '');
  return `https://${SHORTHAND_HOSTS[host] ?? host}/${clean}`;
}

/**
 * The repository a git resolution points at, as an `https://host/path` URL without the commit,
 * the `.git` suffix or credentials: `git+ssh://git@github.com:a/b.git#c`, `github:a/b#c`,
 * `a/b`, and GitHub/GitLab tarball URLs all become `https://github.com/a/b` (or the GitLab
 * one). One spelling per repository keeps identical git dependencies together. Anything
 * unrecognised is returned without fragment, query and credentials.
 */
export function gitRepositoryUrl(resolution: string): string {
  const codeload = /^https:\/\/codeload\.github\.com\/([\w.-]+)\/([\w.-]+)\/tar\.gz\//.exec(
    resolution,
  );
  if (codeload !== null) return httpsRepo('github.com', `${codeload[1]}/${codeload[2]}`);
  const archive =
    /^https:\/\/(?:[^/@]+@)?(github\.com|gitlab\.com|bitbucket\.org)\/(.+?)\/(?:-\/)?(?:repository\/)?archive(?:\.tar\.gz|\/)/.exec(
      resolution,
    );
  if (archive !== null) return httpsRepo(archive[1]!, archive[2]!);
  const bare = resolution.replace(/[#?].*$/, '');
  const shorthand = /^(github|gitlab|bitbucket|gist):(.+)$/.exec(bare);
  if (shorthand !== null) return httpsRepo(shorthand[1]!, shorthand[2]!);
  if (/^[\w.-]+\/[\w.-]+$/.test(bare)) return httpsRepo('github.com', bare);
  // scheme://[user@]host[:port]/path, including the scp-like `host:path` npm writes after git+ssh://
  const url =
    /^(?:git\+)?(?:ssh|https?|git):\/\/(?:[^@/]+@)?([^/:]+)(?:(?::\d+)?\/|:(?![\d/]))(.+)$/.exec(
      bare,
    );
  if (url !== null) return httpsRepo(url[1]!, url[2]!);
  // scp-like `git@host:path`
  const scp = /^[^@/:]+@([^/:]+):(?!\d)(.+)$/.exec(bare);
  if (scp !== null) return httpsRepo(scp[1]!, scp[2]!);
  return redactUrl(bare);
}

/** A git source for a resolution that pins a commit, else undefined. */
export function gitSource(resolution: string | undefined): ComponentSource | undefined {
  const commit = extractCommit(resolution);
  if (resolution === undefined || commit === undefined) return undefined;
  return { type: 'git', url: gitRepositoryUrl(resolution), commit };
}

/** True for specifiers npm and yarn fetch with git (not counting hosted tarballs). */
export function isGitSpec(spec: string): boolean {
  return (
    /^(?:git\+[a-z]+|git|ssh):\/\//i.test(spec) ||
    /^(?:github|gitlab|bitbucket|gist):/i.test(spec) ||
    /^https?:\/\/.+\.git(?:#.*)?$/i.test(spec) ||
    // `owner/repo` or `owner/repo#ref` (GitHub shorthand)
    /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec)
  );
}

/** True when a `file:` path points at a tarball rather than a folder. */
function isTarballPath(path: string): boolean {
  return /\.(?:tgz|tar\.gz|tar)$/i.test(path);
}

/**
 * Where a package comes from, judged from the specifier or version a lockfile recorded for it
 * (`file:../x`, `link:../x`, `portal:`, `workspace:`, a git URL, a tarball URL). undefined for
 * registry versions and ranges. The commit of a git source comes from `resolved` only (what the
 * lockfile resolved), never from the specifier, whose `#ref` may name a branch or tag.
 */
export function specSource(spec: string, resolved?: string): ComponentSource | undefined {
  const protocol = /^([a-z]+):/i.exec(spec)?.[1]?.toLowerCase();
  switch (protocol) {
    case 'file': {
      const path = spec.slice(5);
      return { type: isTarballPath(path) ? 'file' : 'directory', url: path };
    }
    case 'link':
    case 'portal':
      return { type: 'link', url: spec.slice(protocol.length + 1) };
    case 'workspace':
      return { type: 'workspace', url: spec.slice(10) };
    case 'npm':
      return undefined;
    default:
      break;
  }
  const git = gitSource(resolved);
  if (git !== undefined) return git;
  if (isGitSpec(spec)) return { type: 'git', url: gitRepositoryUrl(spec) };
  if (/^https?:\/\//i.test(spec)) return { type: 'url', url: redactUrl(spec) };
  return undefined;
}

/** `name@range` split at the `@` after the (optional) scope; range is '' when absent. */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  if (at <= 0) return { name: descriptor, range: '' };
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/**
 * The real package behind an `npm:` alias specifier (`npm:string-width@^4.2.0`), or undefined
 * when the specifier is not an alias (`npm:^6.0.0` only names a range).
 */
export function parseNpmAlias(spec: string): { name: string; range: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const rest = spec.slice(4);
  const target = splitDescriptor(rest);
  if (target.range === '' && !rest.includes('@', 1)) return undefined;
  if (!/^(?:@[^/@\s]+\/)?[^/@\s]+$/.test(target.name)) return undefined;
  return target;
}
