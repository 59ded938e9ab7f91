/**
 * One error base class with a stable `code`; every code is listed in docs/errors.md with
 * what the user should do. Only `src/cli/` maps errors to exit codes.
 */

/** Stable error codes. Keep docs/errors.md in step. */
export type ErrorCode =
  | 'OPENVET_E_USAGE'
  | 'OPENVET_E_INPUT'
  | 'OPENVET_E_PARSE'
  | 'OPENVET_E_TOO_LARGE'
  | 'OPENVET_E_NOT_FOUND'
  | 'OPENVET_E_DB_CORRUPT'
  | 'OPENVET_E_DB_NEWER'
  | 'OPENVET_E_DB'
  | 'OPENVET_E_POLICY_FAILED'
  | 'OPENVET_E_INTERNAL';

/** Base class of every error openvet raises on purpose. */
export class OpenvetError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'OpenvetError';
  }
}

/** The user asked for something that cannot be done as asked (bad option, missing path). */
export class UsageError extends OpenvetError {
  constructor(message: string) {
    super('OPENVET_E_USAGE', message);
    this.name = 'UsageError';
  }
}

/**
 * The command did its job and the answer is "no": a model file is unsafe to load, the policy
 * failed. The report is already out; the CLI prints the message and exits 1.
 */
export class PolicyError extends OpenvetError {
  constructor(message: string) {
    super('OPENVET_E_POLICY_FAILED', message);
    this.name = 'PolicyError';
  }
}

/**
 * A scanned file is malformed or unsupported. Thrown by extractors; the runner turns it into
 * a per-file scan error and the scan goes on.
 */
export class InputError extends OpenvetError {
  readonly line: number | undefined;
  constructor(message: string, options?: { line?: number; cause?: unknown; code?: ErrorCode }) {
    super(options?.code ?? 'OPENVET_E_PARSE', message, { cause: options?.cause });
    this.line = options?.line;
    this.name = 'InputError';
  }
}

/** The local store cannot be used (corrupt, from a newer openvet, locked). */
export class StoreError extends OpenvetError {
  constructor(
    code: 'OPENVET_E_DB_CORRUPT' | 'OPENVET_E_DB_NEWER' | 'OPENVET_E_DB',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'StoreError';
  }
}

/** A short, single-line description of any thrown value, for per-file error records. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
