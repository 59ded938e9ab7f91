/**
 * Builds real git repositories in temporary directories for tests and benchmarks, with scripted
 * authors, dates, files, renames, tags and workflows. Everything goes through one
 * `git fast-import` process (commits may be a generator: a 20,000-commit history streams without
 * being held in memory), so dates and identities are exact and no hooks or user config apply.
 *
 * ```ts
 * const repo = await createGitRepo({
 *   commits: [
 *     { author: 'Ada <ada@example.org>', date: '2024-01-02', files: { 'a.txt': 'hi\n' } },
 *     { author: 'Bob <bob@example.org>', date: '2024-02-03', files: { 'a.txt': null }, tag: 'v1.0.0' },
 *   ],
 * });
 * // repo.dir is a work tree with HEAD on `main`; pass `bare: true` for a bare repository.
 * await repo.cleanup();
 * ```
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gitArgs, gitEnv, runGit } from '../analyzers/health/git.js';

/** A date: ISO 8601 text, a Date, or seconds since 1970. */
export type RepoDate = string | Date | number;

/** A tag on a commit: a lightweight one by name, or annotated with its own tagger and date. */
export type RepoTag =
  | string
  | {
      readonly name: string;
      readonly tagger?: string;
      readonly date?: RepoDate;
      readonly message?: string;
    };

/** One scripted commit. */
export interface RepoCommit {
  /** `Name <email>`. */
  readonly author: string;
  /** `Name <email>`; the author when absent. */
  readonly committer?: string;
  /** Author date; also the committer date unless `commitDate` is given. */
  readonly date: RepoDate;
  readonly commitDate?: RepoDate;
  readonly message?: string;
  /** Files to write (text or bytes) or delete (`null`). Paths use `/`. */
  readonly files?: Readonly<Record<string, string | Uint8Array | null>>;
  /** Files to rename, `from → to` (applied before `files`). */
  readonly renames?: Readonly<Record<string, string>>;
  /** Files to write as symbolic links, `path → target`. */
  readonly symlinks?: Readonly<Record<string, string>>;
  readonly tag?: RepoTag;
}

/** What to build. */
export interface GitRepoSpec {
  /** Oldest first; may be a generator for large histories. */
  readonly commits: Iterable<RepoCommit>;
  /** A bare repository instead of a work tree. Default false. */
  readonly bare?: boolean;
  /** Branch HEAD points at. Default `main`. */
  readonly branch?: string;
  /** Where to create it; a fresh temporary directory when absent. */
  readonly dir?: string;
}

/** A built repository. */
export interface GitRepo {
  /** The work tree (or the bare repository) directory. */
  readonly dir: string;
  /** Removes the directory. */
  cleanup(): Promise<void>;
}

/** Seconds since 1970 of a {@link RepoDate}. */
export function epochSeconds(date: RepoDate): number {
  if (typeof date === 'number') return Math.floor(date);
  const ms = (typeof date === 'string' ? new Date(date) : date).getTime();
  if (Number.isNaN(ms)) throw new Error(`git-repo: not a date: ${String(date)}`);
  return Math.floor(ms / 1000);
}

/** The date `days` days before `from` (fractions allowed), for scripting recent activity. */
export function daysBefore(from: RepoDate, days: number): Date {
  return new Date(epochSeconds(from) * 1000 - days * 86_400_000);
}

const enc = new TextEncoder();

function ident(who: string, date: RepoDate): string {
  if (!/^[^<>\n]*<[^<>\n]*>$/.test(who))
    throw new Error(`git-repo: want 'Name <email>', got ${who}`);
  return `${who} ${epochSeconds(date)} +0000`;
}

function data(bytes: string | Uint8Array): (string | Uint8Array)[] {
  const body = typeof bytes === 'string' ? enc.encode(bytes) : bytes;
  return [`data ${body.length}\n`, body, '\n'];
}

function quotePath(p: string): string {
  // fast-import takes a path unquoted unless it starts with `"` or holds a space/LF; quote always.
  return `"${p.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * The `git fast-import` stream for `commits` on `refs/heads/BRANCH`, piece by piece (strings and
 * bytes), so that a generator of commits is never materialised.
 */
export function* fastImportStream(
  commits: Iterable<RepoCommit>,
  branch = 'main',
): Generator<string | Uint8Array> {
  let mark = 0;
  for (const c of commits) {
    mark++;
    yield `commit refs/heads/${branch}\nmark :${mark}\n`;
    yield `author ${ident(c.author, c.date)}\n`;
    yield `committer ${ident(c.committer ?? c.author, c.commitDate ?? c.date)}\n`;
    yield* data(c.message ?? `commit ${mark}\n`);
    for (const [from, to] of Object.entries(c.renames ?? {}))
      yield `R ${quotePath(from)} ${quotePath(to)}\n`;
    for (const [p, target] of Object.entries(c.symlinks ?? {})) {
      yield `M 120000 inline ${quotePath(p)}\n`;
      yield* data(target);
    }
    for (const [p, content] of Object.entries(c.files ?? {})) {
      if (content === null) {
        yield `D ${quotePath(p)}\n`;
        continue;
      }
      yield `M 100644 inline ${quotePath(p)}\n`;
      yield* data(content);
    }
    yield '\n';
    if (c.tag === undefined) continue;
    if (typeof c.tag === 'string') {
      yield `reset refs/tags/${c.tag}\nfrom :${mark}\n\n`;
      continue;
    }
    yield `tag ${c.tag.name}\nfrom :${mark}\n`;
    yield `tagger ${ident(c.tag.tagger ?? c.committer ?? c.author, c.tag.date ?? c.commitDate ?? c.date)}\n`;
    yield* data(c.tag.message ?? `${c.tag.name}\n`);
  }
}

/** Stream `commits` into the existing repository at `dir` with one `git fast-import`. */
export async function fastImport(
  dir: string,
  commits: Iterable<RepoCommit>,
  branch = 'main',
): Promise<void> {
  const child = spawn('git', gitArgs(dir, ['fast-import', '--quiet', '--force']), {
    env: gitEnv(),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  // fast-import dying mid-stream (a bad command) closes its stdin: reported by `done` below.
  child.stdin.on('error', () => undefined);
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import failed (${code}): ${stderr}`)),
    );
  });
  done.catch(() => undefined); // handled: awaited below, possibly after an early failure
  // Batch small pieces into ~64 KiB writes and honour back-pressure.
  let batch: (string | Uint8Array)[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const buf = Buffer.concat(batch.map((b) => (typeof b === 'string' ? Buffer.from(b) : b)));
    batch = [];
    size = 0;
    // Wait for the pipe to drain, or for fast-import to stop (its error comes from `done`).
    if (!child.stdin.write(buf)) await Promise.race([once(child.stdin, 'drain'), done]);
  };
  try {
    for (const piece of fastImportStream(commits, branch)) {
      batch.push(piece);
      size += piece.length;
      if (size >= 65_536) await flush();
    }
    await flush();
  } finally {
    child.stdin.end();
  }
  await done;
}

/** Build a repository as `spec` says (see the module comment). */
export async function createGitRepo(spec: GitRepoSpec): Promise<GitRepo> {
  const branch = spec.branch ?? 'main';
  const dir = spec.dir ?? (await mkdtemp(path.join(tmpdir(), 'openvet-git-')));
  await runGit(dir, ['init', '--quiet', ...(spec.bare === true ? ['--bare'] : []), '-b', branch]);
  await fastImport(dir, spec.commits, branch);
  if (spec.bare !== true) {
    const hasHead = await runGit(dir, ['rev-parse', '--verify', '--quiet', 'HEAD'])
      .then(() => true)
      .catch(() => false);
    if (hasHead) await runGit(dir, ['checkout', '--quiet', '--force', branch]);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
