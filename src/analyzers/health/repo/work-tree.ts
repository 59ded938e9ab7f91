/**
 * `RepoFiles` over a work-tree directory: the files below it (bounded; `.git`, other VCS folders
 * and `node_modules` skipped, symlinked directories never followed), read through the core's
 * root-confined ScanFs so that a symlink leading out of the repository is never read.
 */
import { findFiles, type FindFilesOptions } from '../../../core/find-files.js';
import { createScanFs } from '../../../core/fs.js';
import { mapPool } from '../../../core/pool.js';
import type { RepoFiles } from '../scorecard/types.js';

/** Default cap on a file read through {@link RepoFiles.read}. */
export const DEFAULT_READ_BYTES = 1024 * 1024;

/** A RepoFiles over a directory, with the note of a bound reached while listing. */
export interface WorkTreeFiles extends RepoFiles {
  /** Set when a listing bound was reached (some files are missing). */
  readonly truncated?: string;
}

/** Options of {@link workTreeFiles}. */
export interface WorkTreeOptions extends FindFilesOptions {
  /**
   * The files to expose (relative paths), instead of walking the directory: a git work tree's
   * tracked files, so that build output and other ignored files are not taken for the project's
   * (Scorecard reads the committed tree).
   */
  readonly paths?: readonly string[];
}

/** List `dir` (bounded by `options`) and return a RepoFiles over it. */
export async function workTreeFiles(
  dir: string,
  options: WorkTreeOptions = {},
): Promise<WorkTreeFiles> {
  const fs = createScanFs(dir);
  const { paths, ...bounds } = options;
  const found =
    paths !== undefined
      ? { files: [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) }
      : await findFiles(dir, () => true, {
          maxFiles: 100_000,
          what: 'repository files',
          ...bounds,
        });
  const sizes = new Map<string, number>();
  // Sizes up front (the interface's `size` is synchronous); a handful of stats at a time.
  const stats = await mapPool(found.files, 16, (p) => fs.stat(p));
  const files: string[] = [];
  found.files.forEach((p, i) => {
    const s = stats[i];
    if (s?.type !== 'file') return; // a symlink leading outside, or to nothing
    files.push(p);
    sizes.set(p, s.size);
  });
  return {
    ...('truncated' in found && found.truncated !== undefined
      ? { truncated: found.truncated }
      : {}),
    list: () => files,
    size: (p) => sizes.get(p),
    async read(p, maxBytes = DEFAULT_READ_BYTES) {
      if (!sizes.has(p)) return undefined;
      try {
        const bytes = await fs.readBytes(p, 0, Math.min(maxBytes, sizes.get(p) ?? maxBytes));
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      } catch {
        return undefined;
      }
    },
  };
}
