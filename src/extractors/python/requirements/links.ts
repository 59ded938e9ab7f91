/**
 * What pip makes of a requirement that is a URL or a path (pip's `Link`, `parse_editable`,
 * `_looks_like_path`, wheel file names): where it comes from, and the name and version the
 * URL itself tells. Hand-written: no installed library knows pip's rules.
 */
import { isValidName, parseExtras } from './pep508.js';

const VCS_SCHEMES: ReadonlySet<string> = new Set([
  'git',
  'git+http',
  'git+https',
  'git+ssh',
  'git+git',
  'git+file',
  'hg+file',
  'hg+http',
  'hg+https',
  'hg+ssh',
  'hg+static-http',
  'svn',
  'svn+ssh',
  'svn+http',
  'svn+https',
  'svn+svn',
  'svn+file',
  'bzr+http',
  'bzr+https',
  'bzr+ssh',
  'bzr+sftp',
  'bzr+ftp',
  'bzr+lp',
  'bzr+file',
]);

const URL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'file', 'ftp']);

/** pip's archive extensions (`is_archive_file`), longest first. */
const ARCHIVE_EXTENSIONS = [
  '.tar.bz2',
  '.tar.lzma',
  '.tar.xz',
  '.tar.gz',
  '.tar.lz',
  '.tbz',
  '.txz',
  '.tlz',
  '.tgz',
  '.tar',
  '.zip',
  '.whl',
] as const;

const SHA1_RE = /^[0-9a-fA-F]{40}$/;

function schemeOf(text: string): string {
  const colon = text.indexOf(':');
  return colon < 0 ? '' : text.slice(0, colon).toLowerCase();
}

/** pip's `is_url`: the text starts with a scheme pip knows (`https:`, `git+ssh:`, …). */
export function isUrl(text: string): boolean {
  const scheme = schemeOf(text);
  return URL_SCHEMES.has(scheme) || VCS_SCHEMES.has(scheme);
}

/** Whether the URL uses a version-control scheme. */
export function isVcsUrl(text: string): boolean {
  return VCS_SCHEMES.has(schemeOf(text));
}

/** pip's `_looks_like_path`: contains a path separator or starts with a dot. */
export function looksLikePath(text: string): boolean {
  return text.includes('/') || text.includes('\\') || text.startsWith('.');
}

/** The archive extension of a file name, if pip would take it for an archive. */
export function archiveExtension(fileName: string): string | undefined {
  const lower = fileName.toLowerCase();
  return ARCHIVE_EXTENSIONS.find((ext) => lower.endsWith(ext));
}

/** Split `path[extras]` (pip's `_strip_extras`). */
export function stripExtras(text: string): { path: string; extras: string[] } {
  // pip's `^(.+)(\[[^\]]*\])$`: the last "[" (the pattern tried each one, quadratic in a run of
  // them), the text ending with the "]" that closes it.
  const open = text.lastIndexOf('[');
  if (open < 1 || !text.endsWith(']') || text.indexOf(']', open) !== text.length - 1)
    return { path: text, extras: [] };
  const parsed = parseExtras(text.slice(open), 0);
  if (typeof parsed === 'string') return { path: text, extras: [] };
  return { path: text.slice(0, open), extras: parsed.extras };
}

/** The `#key=value&…` fragment of a URL as a map, and the URL without it. */
export function splitFragment(url: string): { base: string; params: Map<string, string> } {
  const hash = url.indexOf('#');
  const params = new Map<string, string>();
  if (hash < 0) return { base: url, params };
  for (const pair of url.slice(hash + 1).split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) params.set(pair.slice(0, eq), safeDecode(pair.slice(eq + 1)));
  }
  return { base: url.slice(0, hash), params };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The project name in an `#egg=name` fragment (extras dropped), when it is a valid name. */
export function eggName(params: ReadonlyMap<string, string>): string | undefined {
  const egg = params.get('egg');
  if (egg === undefined) return undefined;
  const name = stripExtras(egg).path;
  return isValidName(name) ? name : undefined;
}

/** The last path segment of a URL or path, fragment and query removed. */
export function lastSegment(urlOrPath: string): string {
  const noFragment = urlOrPath.replace(/[#?].*$/s, '');
  const segments = noFragment.split(/[/\\]/).filter((s) => s !== '');
  return safeDecode(segments[segments.length - 1] ?? '');
}

/** Name and version of a wheel file name (`name-version(-build)?-py-abi-plat.whl`). */
export function wheelInfo(fileName: string): { name: string; version: string } | undefined {
  const match = /^([^\s-]+?)-([^\s-]+?)(?:-\d[^-]*?)?-[^\s-]+?-[^\s-]+?-[^\s-]+?\.whl$/i.exec(
    fileName,
  );
  if (match === null) return undefined;
  const name = match[1] as string;
  return isValidName(name) ? { name, version: match[2] as string } : undefined;
}

/**
 * Name and version of a source archive file name (`name-version.tar.gz`): the version is the
 * part after the last `-` that starts with a digit. When `knownName` is given (a `name @ url`
 * requirement), the name part must match it once normalised.
 */
export function sdistInfo(
  fileName: string,
  knownName?: string,
): { name: string; version: string } | undefined {
  const ext = archiveExtension(fileName);
  if (ext === undefined || ext === '.whl') return undefined;
  const stem = fileName.slice(0, fileName.length - ext.length);
  const match = /^(.+?)-(\d[^-]*)$/.exec(stem);
  if (match === null) return undefined;
  const name = match[1] as string;
  if (!isValidName(name)) return undefined;
  if (knownName !== undefined && normalize(name) !== normalize(knownName)) return undefined;
  return { name, version: match[2] as string };
}

function normalize(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Name and version told by an archive file name (wheel or sdist). */
export function archiveInfo(
  fileName: string,
  knownName?: string,
): { name: string; version: string } | undefined {
  const wheel = wheelInfo(fileName);
  if (wheel !== undefined) {
    return knownName === undefined || normalize(wheel.name) === normalize(knownName)
      ? wheel
      : undefined;
  }
  return sdistInfo(fileName, knownName);
}

/** A version-control URL taken apart (pip's `VersionControl.get_url_rev_and_auth`). */
export interface VcsUrl {
  /** `git`, `hg`, `svn` or `bzr`. */
  readonly vcs: string;
  /** The URL without the `@rev` and the `#fragment`. */
  readonly url: string;
  readonly rev?: string;
  /** The revision when it is a full 40-hex commit id (lower case). */
  readonly commit?: string;
  readonly params: ReadonlyMap<string, string>;
  /** The repository name from the URL path (`repo` for `…/org/repo.git`). */
  readonly repoName: string;
}

/** Take a VCS URL apart: scheme, `@rev` at the end of the path, fragment. */
export function parseVcsUrl(url: string): VcsUrl {
  const { base, params } = splitFragment(url);
  const scheme = schemeOf(base);
  const vcs = scheme.split('+')[0] ?? scheme;
  // The revision is the last `@` in the path; an `@` in the authority is a user name.
  const afterScheme = base.slice(scheme.length + 1);
  let authorityEnd = 0;
  if (afterScheme.startsWith('//')) {
    const slash = afterScheme.indexOf('/', 2);
    authorityEnd = slash < 0 ? afterScheme.length : slash;
  }
  const path = afterScheme.slice(authorityEnd);
  const at = path.lastIndexOf('@');
  let cleanPath = path;
  let rev: string | undefined;
  if (at >= 0) {
    cleanPath = path.slice(0, at);
    rev = path.slice(at + 1) || undefined;
  }
  const cleanUrl = `${base.slice(0, scheme.length + 1)}${afterScheme.slice(0, authorityEnd)}${cleanPath}`;
  const repoName = lastSegment(cleanPath).replace(/\.git$/i, '');
  return {
    vcs,
    url: cleanUrl,
    ...(rev !== undefined ? { rev } : {}),
    ...(rev !== undefined && SHA1_RE.test(rev) ? { commit: rev.toLowerCase() } : {}),
    params,
    repoName,
  };
}
