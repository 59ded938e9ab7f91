/**
 * A bounded recursive file search for commands that take a directory and look at some of its
 * files (`license identify DIR`, `model scan DIR`). Breadth-first with an explicit queue (no
 * recursion), skips version-control folders and `node_modules`, never follows a symlinked
 * directory (a symlinked file is listed when it points at a regular file).
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

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

/** Bounds of {@link findFiles}; the defaults suit a checked-out project or model folder. */
export interface FindFilesOptions {
  /** Directory levels below the root to descend (0 = the root only). Default 16. */
  readonly maxDepth?: number;
  /** Stop after this many directory entries have been looked at. Default 200,000. */
  readonly maxEntries?: number;
  /** Stop after this many matching files have been found. Default 20,000. */
  readonly maxFiles?: number;
  /** What the files are, for the truncation message (`licence-bearing files`). */
  readonly what?: string;
}

/** What {@link findFiles} found. */
export interface FoundFiles {
  /** Paths relative to the directory, with `/` separators, sorted by code unit. */
  readonly files: readonly string[];
  /** Set when a bound was reached: some files may be missing, and this says which bound. */
  readonly truncated?: string;
}

/**
 * The files under `dir` whose base name (and path relative to `dir`, `/`-separated) `accept`
 * takes, recursively. Unreadable subdirectories
 * are skipped; an unreadable `dir` rejects.
 */
export async function findFiles(
  dir: string,
  accept: (baseName: string, relativePath: string) => boolean,
  options: FindFilesOptions = {},
): Promise<FoundFiles> {
  const maxDepth = options.maxDepth ?? 16;
  const maxEntries = options.maxEntries ?? 200_000;
  const maxFiles = options.maxFiles ?? 20_000;
  const files: string[] = [];
  let entries = 0;
  let truncated: string | undefined;

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
      if (!accept(entry.name, child)) continue;
      if (entry.isSymbolicLink()) {
        // Listed only when it points at a regular file; a link to a directory is not followed.
        const target = await stat(path.join(dir, child)).catch(() => undefined);
        if (target?.isFile() !== true) continue;
      } else if (!entry.isFile()) {
        continue;
      }
      if (files.length >= maxFiles) {
        truncated = `stopped after ${maxFiles} ${options.what ?? 'matching files'}`;
        break;
      }
      files.push(child);
    }
  }
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return truncated === undefined ? { files } : { files, truncated };
}
