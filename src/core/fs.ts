/**
 * Read-only, bounded file access rooted at one directory. Extractors get this instead of
 * `node:fs` so that the core decides what may be read: nothing outside the root (symlinks
 * that escape it included), nothing larger than the limits.
 */
import { open, readdir, realpath, stat, lstat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from './errors.js';

/** Default cap on a file read as text (lockfiles of big monorepos reach tens of MB). */
export const MAX_TEXT_BYTES = 128 * 1024 * 1024;

/** A file opened for ranged reads. Reads past the end return the bytes that exist. */
export interface OpenFile {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A directory entry as `readdir` reports it, symlinks resolved to what they point at. */
export interface DirEntry {
  readonly name: string;
  readonly type: 'file' | 'directory' | 'other';
  /** True when the entry itself is a symbolic link. */
  readonly symlink: boolean;
}

/** What `stat` tells about a path. */
export interface FsStat {
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly symlink: boolean;
}

/** Read-only view of one directory tree. All paths are relative to `root`, `/`-separated. */
export interface ScanFs {
  /** Absolute path of the root. */
  readonly root: string;
  /** UTF-8 text of a file (BOM stripped). Throws `InputError` when larger than `maxBytes`. */
  readText(relPath: string, maxBytes?: number): Promise<string>;
  /** Up to `length` bytes from `start` (fewer at the end of the file). */
  readBytes(relPath: string, start: number, length: number): Promise<Uint8Array>;
  /**
   * Open a regular file for many ranged reads (model files: headers and archive members of a
   * file that may be gigabytes). The caller closes it.
   */
  openFile(relPath: string): Promise<OpenFile>;
  /** undefined when the path does not exist or escapes the root. */
  stat(relPath: string): Promise<FsStat | undefined>;
  /** Sorted entries; empty when the directory does not exist or escapes the root. */
  readdir(relPath: string): Promise<readonly DirEntry[]>;
  /** The relative, normalised path of `relPath` after following symlinks; undefined outside root. */
  resolve(relPath: string): Promise<string | undefined>;
}

/** Join scan-relative path segments with `/`, normalising `.` and `..` (never above the root). */
export function joinRel(...parts: string[]): string {
  const joined = path.posix.normalize(parts.filter((p) => p !== '').join('/'));
  if (joined === '.' || joined === './') return '';
  return joined.replace(/^\.\//, '').replace(/\/$/, '');
}

/** Create a ScanFs for `root` (an absolute or cwd-relative directory path). */
export function createScanFs(root: string): ScanFs {
  const absRoot = path.resolve(root);
  let realRootPromise: Promise<string> | undefined;
  const realRoot = (): Promise<string> =>
    (realRootPromise ??= realpath(absRoot).catch(() => absRoot));

  function toAbs(relPath: string): string | undefined {
    const abs = path.resolve(absRoot, relPath);
    if (abs !== absRoot && !abs.startsWith(absRoot + path.sep)) return undefined;
    return abs;
  }

  async function insideRoot(abs: string): Promise<string | undefined> {
    try {
      const real = await realpath(abs);
      const rootReal = await realRoot();
      if (real !== rootReal && !real.startsWith(rootReal + path.sep)) return undefined;
      return real;
    } catch {
      return undefined;
    }
  }

  async function checked(relPath: string): Promise<string> {
    const abs = toAbs(relPath);
    const real = abs === undefined ? undefined : await insideRoot(abs);
    if (real === undefined) {
      throw new InputError(
        `${relPath || '.'}: not found, or a link that leads outside the scanned directory`,
        {
          code: 'OPENVET_E_NOT_FOUND',
        },
      );
    }
    return real;
  }

  return {
    root: absRoot,
    async readText(relPath, maxBytes = MAX_TEXT_BYTES) {
      const real = await checked(relPath);
      const handle = await open(real, 'r');
      try {
        const info = await handle.stat();
        if (!info.isFile())
          throw new InputError(`${relPath}: not a regular file`, { code: 'OPENVET_E_INPUT' });
        if (info.size > maxBytes) {
          throw new InputError(
            `${relPath}: ${info.size} bytes is larger than the ${maxBytes}-byte limit for this format`,
            {
              code: 'OPENVET_E_TOO_LARGE',
            },
          );
        }
        const buffer = await handle.readFile();
        const text = buffer.toString('utf8');
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      } finally {
        await handle.close();
      }
    },
    async readBytes(relPath, start, length) {
      const real = await checked(relPath);
      const handle = await open(real, 'r');
      try {
        const buffer = Buffer.alloc(Math.max(0, length));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async openFile(relPath) {
      const real = await checked(relPath);
      const handle = await open(real, 'r');
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        throw new InputError(`${relPath}: not a regular file`, { code: 'OPENVET_E_INPUT' });
      }
      return {
        size: info.size,
        async read(offset, length) {
          const want = Math.max(0, Math.min(length, info.size - offset));
          if (want === 0 || offset < 0) return new Uint8Array(0);
          const buffer = Buffer.allocUnsafe(want);
          let got = 0;
          // A read may return fewer bytes than asked (pipes, network file systems): loop.
          while (got < want) {
            const { bytesRead } = await handle.read(buffer, got, want - got, offset + got);
            if (bytesRead === 0) break;
            got += bytesRead;
          }
          return new Uint8Array(buffer.buffer, buffer.byteOffset, got);
        },
        close: () => handle.close(),
      };
    },
    async stat(relPath) {
      const abs = toAbs(relPath);
      if (abs === undefined) return undefined;
      const real = await insideRoot(abs);
      if (real === undefined) return undefined;
      try {
        const [l, s] = await Promise.all([lstat(abs), stat(real)]);
        return {
          type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other',
          size: s.size,
          symlink: l.isSymbolicLink(),
        };
      } catch {
        return undefined;
      }
    },
    async readdir(relPath) {
      const abs = toAbs(relPath);
      if (abs === undefined) return [];
      const real = await insideRoot(abs);
      if (real === undefined) return [];
      let dirents;
      try {
        dirents = await readdir(real, { withFileTypes: true });
      } catch {
        return [];
      }
      const entries: DirEntry[] = [];
      for (const d of dirents) {
        if (d.isSymbolicLink()) {
          const target = await insideRoot(path.join(real, d.name));
          let type: DirEntry['type'] = 'other';
          if (target !== undefined) {
            try {
              const s = await stat(target);
              type = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
            } catch {
              type = 'other';
            }
          }
          entries.push({ name: d.name, type, symlink: true });
        } else {
          entries.push({
            name: d.name,
            type: d.isFile() ? 'file' : d.isDirectory() ? 'directory' : 'other',
            symlink: false,
          });
        }
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return entries;
    },
    async resolve(relPath) {
      const abs = toAbs(relPath);
      if (abs === undefined) return undefined;
      const real = await insideRoot(abs);
      if (real === undefined) return undefined;
      const rootReal = await realRoot();
      return path.relative(rootReal, real).split(path.sep).join('/');
    },
  };
}
