/**
 * Running git on a stranger's repository, safely: an argument array (never a shell), no system
 * or global configuration, no hooks, no fsmonitor, no pager, no external diff or textconv, no
 * signature verification, inherited `GIT_*` variables dropped, output bounded and a timeout.
 * The repository's own `.git/config` still applies, which is why every setting that could run a
 * program is overridden on the command line.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { InputError, OpenvetError } from '../../core/errors.js';

/** `-c` overrides put before every git command. */
const SAFE_CONFIG = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'safe.directory=*',
  'core.pager=cat',
  'diff.external=',
  'log.showSignature=false',
  'i18n.logOutputEncoding=UTF-8',
  'core.quotePath=false',
];

/** Default cap on what one collected git command may print. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** Default time limit of one git command. */
const TIMEOUT_MS = 120_000;

/** The environment git runs with: the caller's, minus every `GIT_*` variable, plus safe ones. */
export function gitEnv(
  base: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    // GIT_DIR, GIT_WORK_TREE, GIT_EXTERNAL_DIFF … would redirect or extend what git does.
    if (value === undefined || key.startsWith('GIT_')) continue;
    env[key] = value;
  }
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_CONFIG_GLOBAL = '/dev/null';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_ASKPASS = '/bin/false';
  env.LC_ALL = 'C';
  return env;
}

/** The full argument array for `git ARGS` run in `dir`. */
export function gitArgs(dir: string, args: readonly string[]): string[] {
  return ['--no-pager', ...SAFE_CONFIG.flatMap((c) => ['-c', c]), '-C', dir, ...args];
}

/** A git process that failed; `stderr` is its first line. */
export class GitError extends OpenvetError {
  readonly exitCode: number | null;
  constructor(message: string, exitCode: number | null) {
    super('OPENVET_E_INPUT', message);
    this.exitCode = exitCode;
    this.name = 'GitError';
  }
}

/** Options of {@link runGit} and {@link streamGit}. */
export interface GitRunOptions {
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Run git in `dir` and collect its stdout (bounded); rejects with GitError on failure. */
export async function runGit(
  dir: string,
  args: readonly string[],
  options: GitRunOptions = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await streamGit(dir, args, (chunk) => chunks.push(chunk), options);
  return Buffer.concat(chunks);
}

/**
 * Run git in `dir`, handing each stdout chunk to `onChunk` as it arrives (constant memory for
 * `git log` over a long history). Output beyond `maxBytes` kills the process and rejects.
 */
export function streamGit(
  dir: string,
  args: readonly string[],
  onChunk: (chunk: Buffer) => void,
  options: GitRunOptions = {},
): Promise<void> {
  const maxBytes = options.maxBytes ?? MAX_OUTPUT_BYTES;
  return new Promise((resolve, reject) => {
    const child = spawn('git', gitArgs(dir, args), {
      env: gitEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let total = 0;
    let failure: Error | undefined;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      total += chunk.length;
      if (total > maxBytes) {
        failure = new InputError(
          `git ${args[0] ?? ''}: output larger than the ${maxBytes}-byte limit`,
          { code: 'OPENVET_E_TOO_LARGE' },
        );
        child.kill('SIGKILL');
        return;
      }
      try {
        onChunk(chunk);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      failure ??=
        error.code === 'ENOENT'
          ? new GitError(
              'git is not installed (or not on PATH): it is needed to read history',
              null,
            )
          : error;
    });
    child.on('close', (code, signal) => {
      if (failure !== undefined) return reject(failure);
      if (code === 0) return resolve();
      const first = stderr.trim().split('\n')[0] ?? '';
      const why = signal === 'SIGKILL' ? 'timed out' : first || `exit code ${code}`;
      reject(new GitError(`git ${args[0] ?? ''} failed in ${dir}: ${why}`, code));
    });
  });
}

/** What {@link openRepository} finds out about a path. */
export interface RepositoryInfo {
  /** The directory git commands run in: the work tree's top level, or the bare repository. */
  readonly dir: string;
  readonly bare: boolean;
  /** A shallow clone: history is cut, so history-wide metrics are lower bounds. */
  readonly shallow: boolean;
  /** False when HEAD has no commit yet (an empty repository). */
  readonly hasCommits: boolean;
}

/**
 * Whether `target` is a git repository (work tree, a folder inside one, or bare), and its shape.
 * Throws InputError (exit 2) when it is not one.
 */
export async function openRepository(
  target: string,
  options: GitRunOptions = {},
): Promise<RepositoryInfo> {
  let out: string;
  try {
    out = (
      await runGit(
        target,
        ['rev-parse', '--is-bare-repository', '--is-shallow-repository', '--absolute-git-dir'],
        options,
      )
    ).toString('utf8');
  } catch (error) {
    if (error instanceof GitError && error.exitCode !== null)
      throw new InputError(
        `${target}: not a git repository (no .git found here or above). openvet health reads a ` +
          'clone: run it on a work tree or a bare repository.',
        { code: 'OPENVET_E_INPUT' },
      );
    throw error;
  }
  const [bareLine, shallowLine, gitDir] = out.split('\n');
  const bare = bareLine === 'true';
  let dir = gitDir ?? target;
  if (!bare) {
    const top = (await runGit(target, ['rev-parse', '--show-toplevel'], options))
      .toString('utf8')
      .trim();
    dir = top === '' ? path.resolve(target) : top;
  }
  const head = await runGit(dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], options)
    .then(() => true)
    .catch(() => false);
  return { dir, bare, shallow: shallowLine === 'true', hasCommits: head };
}
