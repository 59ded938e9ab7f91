/**
 * Which files on disk belong to a component and may state its licence: the folder of an
 * installed npm package, a Python `*.dist-info` (its `licenses/` folder included), a model
 * folder or Hugging Face cache snapshot, the scan root for the project itself. Only licence
 * files (LICENSE*, LICENCE*, COPYING*, NOTICE*, UNLICENSE, …) are picked, plus README* for
 * models, whose cards often carry the licence section (a package's README is read only for a
 * choice among its licence files' licences: readmeChoice in index.ts).
 */
import path from 'node:path';
import { joinRel, type ScanFs } from '../../../core/fs.js';
import type { Component } from '../../../core/types.js';

/** Most folders looked at for one component. */
export const MAX_DIRS_PER_COMPONENT = 8;
/** Most licence files read for one component. */
export const MAX_FILES_PER_COMPONENT = 16;
/** Depth of a dist-info `licenses/` tree that is listed (PEP 639 keeps the source layout). */
const MAX_LICENSES_DEPTH = 3;

/** Extensions of text files a licence may be written in (`LICENSE.md`, `COPYING.txt`). */
const TEXT_EXTENSIONS = new Set(['txt', 'md', 'markdown', 'rst', 'text', 'adoc', 'org']);
/** Extensions that mean code or data, never a licence text (`license.js`, `licenses.json`). */
const CODE_EXTENSIONS = new Set([
  'js',
  'mjs',
  'cjs',
  'ts',
  'mts',
  'cts',
  'jsx',
  'tsx',
  'json',
  'py',
  'pyc',
  'pyi',
  'map',
  'html',
  'htm',
  'css',
  'sh',
  'rb',
  'go',
  'rs',
  'c',
  'h',
  'java',
  'yml',
  'yaml',
  'toml',
  'xml',
  'png',
  'svg',
]);
const LICENSE_WORD =
  /^(?:[a-z0-9]+[-_.])?(?:un)?(?:licen[cs]es?|copying|notice|copyright)(?:[-_.][a-z0-9.+_-]*)?$/i;
const README = /^readme(?:\.(?:md|markdown|txt|rst))?$/i;

/** Whether a file name is a licence file (`LICENSE`, `LICENSE-MIT`, `COPYING.LESSER`, `NOTICE.md`). */
export function isLicenseFileName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (CODE_EXTENSIONS.has(ext) || name.toLowerCase().endsWith('.d.ts')) return false;
  const stem = TEXT_EXTENSIONS.has(ext) ? name.slice(0, dot) : name;
  return LICENSE_WORD.test(stem);
}

/** Whether a file name is a README. */
export function isReadmeName(name: string): boolean {
  return README.test(name);
}

/** A folder to look in, and whether READMEs count there. */
export interface LicenseDir {
  readonly dir: string;
  readonly readme: boolean;
  /** Every file below counts (a dist-info `licenses/` folder). */
  readonly all?: boolean;
  /**
   * The project's root: a REUSE project's licence files count too (https://reuse.software/spec/:
   * the texts in `LICENSES/`, `REUSE.toml`, `.reuse/dep5`), every licence used in its files.
   */
  readonly reuse?: boolean;
}

/** REUSE's files that state licences, besides the `LICENSES/` folder. */
const REUSE_FILES = ['REUSE.toml', '.reuse/dep5'];

const INSTALLED_METADATA = /(?:^|\/)[^/]+\.(?:dist-info\/METADATA|egg-info\/PKG-INFO)$/;

/**
 * The folders on disk that hold a component's own files. Lockfile and source-code locations
 * never count: a lockfile's folder is the project's, not the package's.
 */
export async function componentDirs(fs: ScanFs, component: Component): Promise<LicenseDir[]> {
  const dirs = new Map<string, LicenseDir>();
  const add = (d: LicenseDir): void => {
    if (!dirs.has(d.dir) && dirs.size < MAX_DIRS_PER_COMPONENT) dirs.set(d.dir, d);
  };
  for (const location of component.locations) {
    const p = location.path;
    const base = path.posix.basename(p);
    const parent = parentOf(p);
    if (component.kind === 'package') {
      if (component.ecosystem === 'npm' && base === 'package.json' && parent !== '') {
        add({ dir: parent, readme: false });
      } else if (component.ecosystem === 'PyPI' && INSTALLED_METADATA.test(p)) {
        add({ dir: parent, readme: false });
        if (parent.endsWith('.dist-info'))
          add({ dir: joinRel(parent, 'licenses'), readme: false, all: true });
      }
      continue;
    }
    // Models and datasets: their folder (a location that is a directory) or the folder of a
    // file listed without a line (weights, card, config). Located references in code or a
    // Modelfile carry a line and are not the model's files.
    if (location.line !== undefined) continue;
    const info = await fs.stat(p);
    if (info?.type === 'directory') add({ dir: p, readme: true });
    else if (info?.type === 'file') add({ dir: parent, readme: true });
  }
  return [...dirs.values()];
}

function parentOf(p: string): string {
  const d = path.posix.dirname(p);
  return d === '.' ? '' : d;
}

/** The licence files in `dirs`, sorted within each folder, at most `MAX_FILES_PER_COMPONENT`. */
export async function licenseFiles(fs: ScanFs, dirs: readonly LicenseDir[]): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  const push = (file: string): boolean => {
    if (files.length >= MAX_FILES_PER_COMPONENT) return false;
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
    return true;
  };
  for (const d of dirs) {
    if (d.all === true) {
      await listAll(fs, d.dir, 0, push);
      continue;
    }
    const entries = await fs.readdir(d.dir);
    for (const entry of entries) {
      if (entry.type !== 'file') continue;
      if (isLicenseFileName(entry.name) || (d.readme && isReadmeName(entry.name))) {
        if (!push(joinRel(d.dir, entry.name))) return files;
      }
    }
    if (d.reuse !== true) continue;
    // (Named in REUSE's case: a "licenses/" folder may hold other works' licences, and on a
    // case-insensitive disk "LICENSES" would open it.)
    const texts = entries.some((e) => e.type === 'directory' && e.name === 'LICENSES');
    if (texts && !(await listAll(fs, joinRel(d.dir, 'LICENSES'), 0, push))) return files;
    for (const name of REUSE_FILES) {
      const file = joinRel(d.dir, name);
      if ((await fs.stat(file))?.type === 'file' && !push(file)) return files;
    }
  }
  return files;
}

async function listAll(
  fs: ScanFs,
  dir: string,
  depth: number,
  push: (file: string) => boolean,
): Promise<boolean> {
  for (const entry of await fs.readdir(dir)) {
    const p = joinRel(dir, entry.name);
    if (entry.type === 'file' && !push(p)) return false;
    if (entry.type === 'directory' && depth < MAX_LICENSES_DEPTH) {
      if (!(await listAll(fs, p, depth + 1, push))) return false;
    }
  }
  return true;
}
