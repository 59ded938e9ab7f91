/**
 * Which files in a directory state a licence: LICENSE/COPYING/NOTICE-style files, READMEs and
 * model cards, acceptable-use policies and package manifests. Used by `openvet license identify`
 * to expand a directory argument; the walk is bounded and never follows directory symlinks.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

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
]);

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

/** Directories never descended into: version control metadata and installed npm packages. */
const SKIPPED_DIRECTORIES = new Set([
  '.git',
  '.hg',
  '.svn',
  '.bzr',
  '_darcs',
  'CVS',
  'node_modules',
]);

/** Is `fileName` (a base name, not a path) a file that may state a licence? */
export function isLicenseBearingFile(fileName: string): boolean {
  const name = fileName.toLowerCase();
  if (MANIFESTS.has(name)) return true;
  if (!STEM_PATTERN.test(name)) return false;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return true;
  return !NOT_LICENSE_EXTENSIONS.has(name.slice(dot + 1));
}

/** Bounds of {@link findLicenseFiles}; the defaults suit a checked-out project or model folder. */
export interface FindLicenseFilesOptions {
  /** Directory levels below the root to descend (0 = the root only). Default 16. */
  readonly maxDepth?: number;
  /** Stop after this many directory entries have been looked at. Default 200,000. */
  readonly maxEntries?: number;
  /** Stop after this many licence-bearing files have been found. Default 20,000. */
  readonly maxFiles?: number;
}

/** What {@link findLicenseFiles} found. */
export interface FoundLicenseFiles {
  /** Paths relative to the directory, with `/` separators, sorted by code unit. */
  readonly files: readonly string[];
  /** Set when a bound was reached: some files may be missing, and this says which bound. */
  readonly truncated?: string;
}

/**
 * The licence-bearing files under `dir`, recursively. Skips VCS folders and `node_modules`,
 * does not follow symlinks to directories (a symlinked file is listed), and stops at the
 * bounds in `options`. Unreadable subdirectories are skipped; an unreadable `dir` rejects.
 */
export async function findLicenseFiles(
  dir: string,
  options: FindLicenseFilesOptions = {},
): Promise<FoundLicenseFiles> {
  const maxDepth = options.maxDepth ?? 16;
  const maxEntries = options.maxEntries ?? 200_000;
  const maxFiles = options.maxFiles ?? 20_000;
  const files: string[] = [];
  let entries = 0;
  let truncated: string | undefined;

  // Breadth-first with an explicit queue: no recursion, so no stack depth to worry about.
  const queue: { rel: string; depth: number }[] = [{ rel: '', depth: 0 }];
  while (queue.length > 0 && truncated === undefined) {
    const { rel, depth } = queue.shift()!;
    let listing: Dirent[];
    try {
      listing = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (error) {
      if (rel === '') throw error;
      continue;
    }
    listing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of listing) {
      if (++entries > maxEntries) {
        truncated = `stopped after ${maxEntries} directory entries`;
        break;
      }
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if (depth < maxDepth) queue.push({ rel: child, depth: depth + 1 });
        continue;
      }
      if (!isLicenseBearingFile(entry.name)) continue;
      if (entry.isSymbolicLink()) {
        // Listed only when it points at a regular file; a link to a directory is not followed.
        const target = await stat(path.join(dir, child)).catch(() => undefined);
        if (target?.isFile() !== true) continue;
      } else if (!entry.isFile()) {
        continue;
      }
      if (files.length >= maxFiles) {
        truncated = `stopped after ${maxFiles} licence-bearing files`;
        break;
      }
      files.push(child);
    }
  }
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return truncated === undefined ? { files } : { files, truncated };
}
