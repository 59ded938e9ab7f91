/**
 * Which files in a directory state a licence: LICENSE/COPYING/NOTICE-style files, READMEs and
 * model cards, acceptable-use policies, package manifests (npm, Python, Cargo, Composer, R,
 * Maven, NuGet) and REUSE's licence files. Used by `openvet license identify`
 * to expand a directory argument; the walk is bounded and never follows directory symlinks.
 */
import { findFiles, type FindFilesOptions, type FoundFiles } from '../../core/find-files.js';

/**
 * Base names (case-insensitive) that start a licence-bearing file name. Any suffix after a
 * `.`, `-` or `_` is allowed (`LICENSE-MIT`, `COPYING.LESSER`, `license.txt`, `README.md`),
 * as is a plural `s` (`LICENSES`, `NOTICES`).
 */
const STEMS = [
  'licence',
  'license',
  'unlicence',
  'unlicense',
  'copying',
  'copyright',
  'notice',
  'readme',
  'patent',
  'use_policy',
  'use-policy',
];

const STEM_PATTERN = new RegExp(`^(?:${STEMS.join('|')})s?(?:[-._].*)?$`, 'i');

/** Package manifests that declare a licence, matched by exact name (case-insensitive). */
const MANIFESTS = new Set([
  'package.json',
  'pyproject.toml',
  'setup.cfg',
  'pkg-info',
  'metadata',
  'cargo.toml',
  'composer.json',
  // An R package's DESCRIPTION (R writes it in upper case).
  'description',
  'pom.xml',
]);

/**
 * Extensions of package manifests whose base name is the package's own (`Newtonsoft.Json.nuspec`,
 * `rake.gemspec`),
 * matched case-insensitively.
 */
const MANIFEST_EXTENSIONS = ['.nuspec', '.gemspec'];

/**
 * Extensions that make a `license.*`-named file source code or a binary rather than a licence
 * text: `src/license.ts` is a program about licences, not a licence. A deny list, not an allow
 * list, because licence files carry arbitrary suffixes (`LICENSE.APACHE2`, `COPYING.LIB`).
 */
const NOT_LICENSE_EXTENSIONS = new Set([
  // source code
  'js',
  'mjs',
  'cjs',
  'jsx',
  'ts',
  'mts',
  'cts',
  'tsx',
  'py',
  'pyc',
  'pyi',
  'go',
  'rs',
  'java',
  'class',
  'kt',
  'scala',
  'c',
  'h',
  'cc',
  'cpp',
  'hpp',
  'cs',
  'rb',
  'php',
  'swift',
  'sh',
  'map',
  'vue',
  'svelte',
  'css',
  'scss',
  // binaries and images
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'ico',
  'pdf',
  'zip',
  'gz',
  'tgz',
  'bz2',
  'xz',
  'jar',
  'so',
  'dll',
  'exe',
  'o',
  'a',
  'wasm',
]);

/**
 * REUSE (https://reuse.software/spec/): licence texts in a `LICENSES/` folder named by their
 * SPDX id (`LICENSES/MIT.txt`; the Linux kernel's `LICENSES/preferred/GPL-2.0` too), the
 * licences of files that cannot carry a header in `REUSE.toml` or the older `.reuse/dep5`.
 */
function isReuseFile(name: string, relativePath: string): boolean {
  if (name === 'reuse.toml') return true;
  const parts = relativePath.toLowerCase().split('/');
  if (name === 'dep5' && parts.at(-2) === '.reuse') return true;
  return parts.slice(0, -1).includes('licenses');
}

/**
 * Is `fileName` (a base name) a file that may state a licence? `relativePath` (from the folder
 * searched, `/`-separated) tells the REUSE files, whose names alone do not.
 */
export function isLicenseBearingFile(fileName: string, relativePath = fileName): boolean {
  const name = fileName.toLowerCase();
  if (MANIFESTS.has(name)) return true;
  if (isReuseFile(name, relativePath)) return !NOT_LICENSE_EXTENSIONS.has(extensionOf(name));
  if (MANIFEST_EXTENSIONS.some((ext) => name.endsWith(ext) && name.length > ext.length))
    return true;
  if (!STEM_PATTERN.test(name)) return false;
  return !NOT_LICENSE_EXTENSIONS.has(extensionOf(name));
}

/** What follows a name's last dot ('' for none, or a dot-file's whole name). */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1);
}

/**
 * The licence-bearing files under `dir`, recursively (see `findFiles` for the walk and its
 * bounds). Unreadable subdirectories are skipped; an unreadable `dir` rejects.
 */
export async function findLicenseFiles(
  dir: string,
  options: FindFilesOptions = {},
): Promise<FoundFiles> {
  return findFiles(dir, isLicenseBearingFile, { what: 'licence-bearing files', ...options });
}
