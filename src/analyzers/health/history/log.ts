/**
 * One streaming pass over `git log`: a single process, `-z` output, parsed as it arrives into
 * one callback per commit with its file changes. Nothing but the current commit is held.
 */
import { StringDecoder } from 'node:string_decoder';
import { streamGit, type GitRunOptions } from '../git.js';

/** One file change of a commit, as `--name-status -M` reports it. */
export interface FileChange {
  /** `A`, `M`, `D`, `T`, `R` (rename), `C` (copy). */
  readonly status: string;
  readonly path: string;
  /** For `R`/`C`: the path before. */
  readonly from?: string;
}

/** One commit as the log reports it (mailmap applied to names and emails). */
export interface LogCommit {
  readonly sha: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly committerName: string;
  readonly committerEmail: string;
  /** Committer date, seconds since 1970. */
  readonly committedAt: number;
  readonly parents: number;
  readonly changes: FileChange[];
}

const RS = '\x1e';
const US = '\x1f';
/** `%aN`/`%aE`/`%cN`/`%cE` apply `.mailmap`. */
const FORMAT = `${RS}%H${US}%aN${US}%aE${US}%cN${US}%cE${US}%ct${US}%P`;

/** The `git log` arguments of the pass (exported for the benchmark and the tests). */
export function logArgs(maxCommits: number): string[] {
  return [
    'log',
    'HEAD',
    `--max-count=${maxCommits}`,
    `--format=${FORMAT}`,
    '-z',
    '--name-status',
    '-M',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--use-mailmap',
    // Merges show no file list (no `-m`): their changes are counted on the merged commits.
  ];
}

/**
 * A push parser of the `-z` log: tokens are NUL-separated; a token starting with RS (after an
 * optional LF) is a commit header when a status is expected; a status token is followed by one
 * path, or two for renames and copies. Paths are consumed by count, never recognised by their
 * content, so a file name holding RS cannot derail it.
 */
export function logParser(onCommit: (c: LogCommit) => void): {
  push(chunk: Buffer): void;
  end(): void;
} {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let current: LogCommit | undefined;
  let status = '';
  let pathsWanted = 0;
  let from: string | undefined;

  function token(raw: string): void {
    if (pathsWanted > 0) {
      pathsWanted--;
      if (pathsWanted === 1) {
        from = raw;
        return;
      }
      current?.changes.push(
        from !== undefined ? { status, path: raw, from } : { status, path: raw },
      );
      from = undefined;
      return;
    }
    const t = raw.charCodeAt(0) === 10 ? raw.slice(1) : raw;
    if (t.startsWith(RS)) {
      if (current !== undefined) onCommit(current);
      const [sha = '', an = '', ae = '', cn = '', ce = '', ct = '0', parents = ''] = t
        .slice(1)
        .split(US);
      current = {
        sha,
        authorName: an,
        authorEmail: ae,
        committerName: cn,
        committerEmail: ce,
        committedAt: Number(ct),
        parents: parents === '' ? 0 : parents.split(' ').length,
        changes: [],
      };
      return;
    }
    if (t === '') return;
    status = t.charAt(0);
    pathsWanted = status === 'R' || status === 'C' ? 2 : 1;
  }

  return {
    push(chunk) {
      const text = carry + decoder.write(chunk);
      const parts = text.split('\0');
      carry = parts.pop() ?? '';
      for (const p of parts) token(p);
    },
    end() {
      const rest = carry + decoder.end();
      if (rest !== '') for (const p of rest.split('\0')) token(p);
      carry = '';
      if (current !== undefined) onCommit(current);
      current = undefined;
    },
  };
}

/** Stream the log of HEAD in `dir` (newest first), one callback per commit. */
export async function readLog(
  dir: string,
  onCommit: (c: LogCommit) => void,
  options: GitRunOptions & { maxCommits?: number } = {},
): Promise<void> {
  const parser = logParser(onCommit);
  await streamGit(dir, logArgs(options.maxCommits ?? 1_000_000), (c) => parser.push(c), {
    // Streamed, so the bound is on the total printed, not on memory: generous.
    maxBytes: options.maxBytes ?? 4 * 1024 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 300_000,
    ...(options.env !== undefined ? { env: options.env } : {}),
  });
  parser.end();
}
