/**
 * `RepoFiles` over a repository's HEAD commit without a work tree (a bare repository): one
 * `git ls-tree -r -l -z HEAD` lists the blobs with their sizes, one long-lived
 * `git cat-file --batch` process serves every read (requests queued, one at a time). Symlinks
 * and submodules are not files here, so nothing outside the repository is ever read.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { InputError } from '../../../core/errors.js';
import { gitArgs, gitEnv, runGit } from '../git.js';
import type { RepoFiles } from '../scorecard/types.js';
import { DEFAULT_READ_BYTES } from './work-tree.js';

/** Most blobs listed; a tree larger than this is cut (and says so). */
const MAX_FILES = 200_000;

/** A RepoFiles backed by a git process: close it when done. */
export interface GitHeadFiles extends RepoFiles {
  readonly truncated?: string;
  /** Ends the `git cat-file` process. */
  close(): Promise<void>;
}

interface Blob {
  readonly sha: string;
  readonly size: number;
}

/** Parse `git ls-tree -r -l -z` output: regular and executable blobs only. */
export function parseLsTree(
  out: Buffer,
  maxFiles = MAX_FILES,
): { blobs: Map<string, Blob>; truncated?: string } {
  const blobs = new Map<string, Blob>();
  for (const record of out.toString('utf8').split('\0')) {
    if (record === '') continue;
    // `<mode> SP <type> SP <sha> SP+ <size> TAB <path>`
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, sha, size] = record.slice(0, tab).split(/ +/);
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || sha === undefined) continue;
    if (blobs.size >= maxFiles) return { blobs, truncated: `stopped after ${maxFiles} files` };
    blobs.set(record.slice(tab + 1), { sha, size: Number(size) });
  }
  return { blobs };
}

/**
 * The files git tracks in the work tree at `dir` (the index), at most `maxFiles`: one
 * `git ls-files -z`. Submodules and symlinks are listed too; the work-tree reader skips what is
 * not a regular file inside the tree.
 */
export async function trackedFiles(
  dir: string,
  maxFiles = MAX_FILES,
): Promise<{ paths: string[]; truncated?: string }> {
  const out = await runGit(dir, ['ls-files', '-z', '--cached', '--full-name'], {
    maxBytes: 256 * 1024 * 1024,
  });
  const paths = out.toString('utf8').split('\0');
  paths.pop();
  if (paths.length > maxFiles)
    return { paths: paths.slice(0, maxFiles), truncated: `stopped after ${maxFiles} files` };
  return { paths };
}

/** A RepoFiles over HEAD of the repository at `dir` (bare or not). */
export async function gitHeadFiles(dir: string): Promise<GitHeadFiles> {
  const listing = await runGit(dir, ['ls-tree', '-r', '-l', '-z', '--full-tree', 'HEAD'], {
    maxBytes: 256 * 1024 * 1024,
  });
  const { blobs, truncated } = parseLsTree(listing);
  const files = [...blobs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const reader = catFileReader(dir);
  return {
    ...(truncated !== undefined ? { truncated } : {}),
    list: () => files,
    size: (p) => blobs.get(p)?.size,
    async read(p, maxBytes = DEFAULT_READ_BYTES) {
      const blob = blobs.get(p);
      if (blob === undefined) return undefined;
      return reader.read(blob.sha, maxBytes);
    },
    close: () => reader.close(),
  };
}

interface Pending {
  readonly sha: string;
  readonly maxBytes: number;
  readonly resolve: (b: Buffer | undefined) => void;
  readonly reject: (e: Error) => void;
}

/**
 * One `git cat-file --batch` process, started on first use. Its output is a header line
 * `<sha> blob <size>` (or `<sha> missing`) then `size` bytes and a LF; the bytes beyond
 * `maxBytes` are streamed past, never kept.
 */
function catFileReader(dir: string): {
  read(sha: string, maxBytes: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
} {
  let child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  const queue: Pending[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  // Parser state for the request at the head of the queue.
  let remaining = -1; // bytes of content still to come (+1 for the LF); -1 = expecting a header
  let kept: Buffer[] = [];
  let keptBytes = 0;
  let closed: Promise<void> | undefined;

  function fail(error: Error): void {
    for (const p of queue.splice(0)) p.reject(error);
  }

  function onData(chunk: Buffer): void {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    while (buffer.length > 0 && queue.length > 0) {
      const head = queue[0] as Pending;
      if (remaining < 0) {
        const nl = buffer.indexOf(0x0a);
        if (nl < 0) return;
        const header = buffer.subarray(0, nl).toString('utf8');
        buffer = buffer.subarray(nl + 1);
        const parts = header.split(' ');
        if (parts[1] !== 'blob') {
          queue.shift();
          head.resolve(undefined);
          continue;
        }
        remaining = Number(parts[2]) + 1;
        kept = [];
        keptBytes = 0;
      }
      const take = Math.min(remaining, buffer.length);
      // `remaining - 1` content bytes are left (the last byte is the LF after the content).
      const want = Math.min(take, remaining - 1, Math.max(0, head.maxBytes - keptBytes));
      if (want > 0) {
        kept.push(Buffer.from(buffer.subarray(0, want)));
        keptBytes += want;
      }
      buffer = buffer.subarray(take);
      remaining -= take;
      if (remaining > 0) return;
      remaining = -1;
      queue.shift();
      head.resolve(Buffer.concat(kept));
    }
  }

  function start(): ChildProcessByStdio<Writable, Readable, null> {
    const c = spawn('git', gitArgs(dir, ['cat-file', '--batch']), {
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    c.stdout.on('data', onData);
    c.on('error', (e) => fail(e));
    c.on('close', (code) => {
      child = undefined;
      if (queue.length > 0)
        fail(
          new InputError(`git cat-file stopped (exit ${code}) in ${dir}`, {
            code: 'OPENVET_E_INPUT',
          }),
        );
    });
    c.stdin.on('error', () => undefined);
    return c;
  }

  return {
    read(sha, maxBytes) {
      if (closed !== undefined) return Promise.reject(new Error('git cat-file reader is closed'));
      child ??= start();
      const c = child;
      return new Promise((resolve, reject) => {
        queue.push({ sha, maxBytes, resolve, reject });
        c.stdin.write(`${sha}\n`);
      });
    },
    close() {
      const c = child;
      if (c === undefined) return (closed ??= Promise.resolve());
      closed ??= new Promise<void>((resolve) => {
        c.once('close', () => resolve());
        c.stdin.end();
      });
      return closed;
    },
  };
}
