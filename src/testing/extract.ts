/**
 * Test helpers: run one extractor on a file or directory the way the scan runner does.
 * Not part of the public API.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import type { ExtractResult, Extractor } from '../core/extractor.js';
import { createScanFs } from '../core/fs.js';
import { walk } from '../core/walk.js';

/**
 * Extract `relPath` (a file, or a directory for directory extractors) under `root` with
 * `extractor`. `allPaths` is what the walker lists under root.
 */
export async function runExtractor(
  extractor: Extractor,
  root: string,
  relPath: string,
  env: Record<string, string | undefined> = {},
): Promise<ExtractResult> {
  const fs = createScanFs(root);
  const listing = await walk(fs.root);
  const entry = listing.entries.find((e) => e.path === relPath);
  if (entry === undefined) throw new Error(`${relPath} not found under ${root}`);
  return extractor.extract({
    entry,
    fs,
    env,
    allPaths: new Set(listing.entries.map((e) => e.path)),
  });
}

/** Write `files` (relative path → content) into a fresh temp directory and return its path. */
export async function tempTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'openvet-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return root;
}

/** The `InputError` that `fn` throws; any other error is rethrown, and not throwing fails. */
export function thrownInputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}
