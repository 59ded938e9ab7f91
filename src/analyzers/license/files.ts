/**
 * Which files in a directory state a licence: LICENSE/COPYING/NOTICE-style files, READMEs and
 * model cards, acceptable-use policies and package manifests (npm, Python, Cargo, Composer, R,
 * Maven, NuGet). Used by `openvet license identify`
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

/** Is `fileName` (a base name, not a path) a file that may state a licence? */
export function isLicenseBearingFile(fileName: string): boolean {
  const name = fileName.toLowerCase();
  if (MANIFESTS.has(name)) return true;
  if (MANIFEST_EXTENSIONS.some((ext) => name.endsWith(ext) && name.length > ext.length))
    return true;
  if (!STEM_PATTERN.test(name)) return false;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return true;
  return !NOT_LICENSE_EXTENSIONS.has(name.slice(dot + 1));
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
