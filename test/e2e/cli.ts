/**
 * Run the BUILT CLI (`bin/openvet.js` over `dist/`) as a user would. `npm test` builds first.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(REPO_ROOT, 'bin', 'openvet.js');
export const CORPORA = path.resolve(REPO_ROOT, '..', 'shared', 'corpora');
export const HAVE_CORPORA = existsSync(CORPORA);

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `openvet ...args`; never rejects (the exit code is part of the result). */
export function openvet(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error(
      'dist/ is missing: run `npm run build` (npm test does it) before the end-to-end tests',
    );
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          // Tests never ask the real OSV API: a name that cannot resolve (RFC 2606) fails at once.
          OPENVET_OSV_URL: 'http://osv.invalid',
          ...options.env,
        },
        maxBuffer: 256 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 3) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
