/**
 * Run the BUILT CLI (`bin/openvet.js` over `dist/`) as a user would. `npm test` builds first.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(REPO_ROOT, 'bin', 'openvet.js');
export const CORPORA = path.resolve(REPO_ROOT, '..', 'shared', 'corpora');
export const HAVE_CORPORA = existsSync(CORPORA);
/**
 * The data directory the CLI runs see (one per test file): a run never reads or writes the
 * user's own database under ~/.local/share.
 */
const DATA_HOME = mkdtempSync(path.join(tmpdir(), 'openvet-e2e-data-'));

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
          XDG_DATA_HOME: DATA_HOME,
          // Tests never ask the real OSV API: a name that cannot resolve (RFC 2606) fails at once.
          OPENVET_OSV_URL: 'http://osv.invalid',
          // Nor the Hugging Face Hub.
          HF_ENDPOINT: 'http://hf.invalid',
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

/**
 * The validator of the shipped ScanResult JSON Schema (`schema/scan-result.schema.json`):
 * `errorsOf(value)` is `[]` for a valid ScanResult, else the schema's error list.
 */
export async function scanResultValidator(): Promise<{
  readonly errorsOf: (value: unknown) => unknown[];
}> {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const addFormats = (await import('ajv-formats')).default;
  const { readFile } = await import('node:fs/promises');
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(
    JSON.parse(
      await readFile(path.join(REPO_ROOT, 'schema', 'scan-result.schema.json'), 'utf8'),
    ) as object,
  );
  return {
    errorsOf: (value) => (validate(value) ? [] : [...(validate.errors ?? [])]),
  };
}
