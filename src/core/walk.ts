/**
 * The tree walker: lists the files and directories of a scan root that extractors may want.
 *
 * - Version-control and tool caches (`.git`, `__pycache__`, …) are skipped.
 * - A directory an extractor claims (`node_modules`) is handed to it whole, not descended.
 * - Symbolic links to files are followed when they stay inside the root (the Hugging Face cache
 *   links snapshot files to blobs). Links to directories are not followed: one inside the root
 *   leads to a directory the walk reaches by its real path anyway, so loops cannot happen and
 *   nothing is listed twice.
 * - Depth, entry count and per-file size are bounded; what is cut is counted and reported.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { FileEntry } from './extractor.js';

/** Directories never worth descending into. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  '.bzr',
  '.jj',
  '_darcs',
  'CVS',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  '.pnpm-store',
  '.yarn-cache',
  '.gradle',
  '.idea',
  '.terraform',
]);

/** Limits of one walk. */
export interface WalkLimits {
  readonly maxDepth: number;
  readonly maxEntries: number;
  /** Files larger than this are listed with `skipped` so extractors never see them. */
  readonly maxFileBytes: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = {
  maxDepth: 48,
  maxEntries: 2_000_000,
  // Model weights are only ever read in part, so size is no reason to skip them here;
  // text readers apply their own cap (see MAX_TEXT_BYTES).
  maxFileBytes: Number.MAX_SAFE_INTEGER,
};

/** What the walker reports for each entry. */
export interface WalkEntry extends FileEntry {
  readonly type: 'file' | 'directory';
}

/** Something the walker did not look at, and why. */
export interface WalkSkip {
  readonly path: string;
  readonly reason: string;
}

export interface WalkOptions {
  /** Glob patterns (picomatch) matched against the relative path; a pattern with no `/` also matches any base name. */
  readonly exclude?: readonly string[];
  readonly limits?: Partial<WalkLimits>;
  /** Return true for a directory to list it but not descend (its entry still carries its children). */
  readonly claims?: (entry: WalkEntry) => boolean;
  /** Called after each directory is read (for progress). */
  readonly onProgress?: (entries: number) => void;
}

export interface WalkResult {
  /** Files and directories in depth-first, name-sorted order. The root directory is `''`. */
  readonly entries: readonly WalkEntry[];
  readonly skipped: readonly WalkSkip[];
}

/** Build the exclude predicate: `dir/**` style globs and bare names (`vendor`, `*.min.js`). */
export function excludeMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  if (patterns.length === 0) return () => false;
  const full = picomatch(patterns as string[], { dot: true });
  const bare = patterns.filter((p) => !p.includes('/'));
  const base = bare.length > 0 ? picomatch(bare, { dot: true }) : () => false;
  return (relPath) => full(relPath) || base(path.posix.basename(relPath));
}

/** Walk `root` (an absolute directory path). Never throws for unreadable entries; lists them in `skipped`. */
export async function walk(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const limits = { ...DEFAULT_WALK_LIMITS, ...options.limits };
  const isExcluded = excludeMatcher(options.exclude ?? []);
  const entries: WalkEntry[] = [];
  const skipped: WalkSkip[] = [];
  const rootReal = await realpath(root);
  let count = 0;
  let truncated = false;

  async function visit(absDir: string, relDir: string, depth: number): Promise<void> {
    let dirents;
    try {
      dirents = await readdir(absDir, { withFileTypes: true });
    } catch (error) {
      skipped.push({
        path: relDir || '.',
        reason: `cannot read directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      return;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const dirEntry: WalkEntry = {
      path: relDir,
      base: relDir === '' ? path.basename(root) : path.posix.basename(relDir),
      size: 0,
      type: 'directory',
      children: dirents.map((d) => d.name),
    };
    entries.push(dirEntry);
    options.onProgress?.(entries.length);
    if (relDir !== '' && options.claims?.(dirEntry)) return;

    const subdirs: [string, string][] = [];
    for (const d of dirents) {
      if (++count > limits.maxEntries) {
        if (!truncated)
          skipped.push({
            path: relDir || '.',
            reason: `more than ${limits.maxEntries} entries; the rest were not walked`,
          });
        truncated = true;
        return;
      }
      const rel = relDir === '' ? d.name : `${relDir}/${d.name}`;
      const abs = path.join(absDir, d.name);
      if (isExcluded(rel)) continue;
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      let size = 0;
      if (d.isSymbolicLink()) {
        let real: string;
        try {
          real = await realpath(abs);
        } catch {
          skipped.push({ path: rel, reason: 'broken symbolic link' });
          continue;
        }
        if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
          skipped.push({ path: rel, reason: 'symbolic link leads outside the scanned directory' });
          continue;
        }
        try {
          const s = await stat(real);
          isDir = s.isDirectory();
          isFile = s.isFile();
          size = s.size;
        } catch {
          continue;
        }
        if (isDir) continue;
      } else if (isFile) {
        try {
          size = (await stat(abs)).size;
        } catch {
          continue;
        }
      } else if (isDir) {
        if (SKIPPED_DIRECTORIES.has(d.name)) continue;
      }
      if (isFile) {
        if (size > limits.maxFileBytes) {
          skipped.push({ path: rel, reason: `larger than ${limits.maxFileBytes} bytes` });
          continue;
        }
        entries.push({ path: rel, base: d.name, size, type: 'file' });
      } else if (isDir) {
        if (SKIPPED_DIRECTORIES.has(d.name)) continue;
        subdirs.push([abs, rel]);
      }
    }
    for (const [abs, rel] of subdirs) {
      if (depth + 1 > limits.maxDepth) {
        skipped.push({ path: rel, reason: `deeper than ${limits.maxDepth} levels` });
        continue;
      }
      await visit(abs, rel, depth + 1);
    }
  }

  await visit(rootReal, '', 0);
  return { entries, skipped };
}
