/**
 * Package URLs and canonical names per ecosystem (packageurl-js underneath).
 */
import { PackageURL } from 'packageurl-js';
import type { ComponentSource, Ecosystem } from './types.js';

/** PEP 503 normalised name: lower case, runs of `-`, `_` and `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** The name an ecosystem considers canonical (used for ids, purls and merging). */
export function canonicalName(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'PyPI':
      return normalizePypiName(name);
    default:
      return name;
  }
}

const PURL_TYPE: Record<Ecosystem, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  huggingface: 'huggingface',
};

/** purl type for an ecosystem (`pypi`, `golang`, …). */
export function purlType(ecosystem: Ecosystem): string {
  return PURL_TYPE[ecosystem];
}

const LOCAL_SOURCES: ReadonlySet<ComponentSource['type']> = new Set([
  'directory',
  'editable',
  'link',
  'workspace',
  'local',
]);

/**
 * Build a purl. npm scopes and Go/Hugging Face path prefixes become the namespace.
 * Non-registry sources are qualified (`vcs_url`, `download_url`) so that a git or file
 * dependency never shares a purl with the registry package of the same name and version.
 */
export function buildPurl(
  ecosystem: Ecosystem,
  name: string,
  version: string | undefined,
  source?: ComponentSource,
): string | undefined {
  if (name === '') return undefined;
  // Code that lives in a local folder has no package URL: it is not published anywhere.
  if (source !== undefined && LOCAL_SOURCES.has(source.type)) return undefined;
  // A name that is a file system path (a Go `replace` to a directory) is not a package name.
  if (/^(\.{1,2}\/|\/)/.test(name)) return undefined;
  let namespace: string | undefined;
  let pkgName = name;
  if (ecosystem === 'npm' && name.startsWith('@') && name.includes('/')) {
    const slash = name.indexOf('/');
    namespace = name.slice(0, slash);
    pkgName = name.slice(slash + 1);
  } else if (ecosystem === 'Go' || ecosystem === 'huggingface') {
    const slash = name.lastIndexOf('/');
    if (slash > 0) {
      namespace = name.slice(0, slash);
      pkgName = name.slice(slash + 1);
    }
  }
  let qualifiers: Record<string, string> | undefined;
  if (source && source.url !== undefined) {
    if (source.type === 'git')
      qualifiers = {
        vcs_url: source.commit ? `${source.url.replace(/#.*$/, '')}@${source.commit}` : source.url,
      };
    else if (source.type === 'url' || source.type === 'file')
      qualifiers = { download_url: source.url };
  }
  try {
    return new PackageURL(
      purlType(ecosystem),
      namespace,
      pkgName,
      version || undefined,
      qualifiers,
      undefined,
    ).toString();
  } catch {
    return undefined;
  }
}
