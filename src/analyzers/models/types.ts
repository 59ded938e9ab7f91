/**
 * The result shape of model-file analysis (`openvet model scan`, and the `models` analyzer of
 * `openvet scan`): one report per file, a verdict and the findings behind it. Every format
 * reader under `formats/` returns a `FormatResult`; `scan-file.ts` picks the reader and turns
 * the findings into the verdict.
 */

/**
 * The verdict on one file, worst first:
 * - `unsafe`: loading it runs code an attacker chose (a dangerous callable, a file-system op);
 * - `suspicious`: loading it calls something not known to be harmless, or an operand could not
 *   be resolved — a person must look;
 * - `error`: the file is malformed (never `safe`: a parser that gives up proves nothing);
 * - `unverifiable`: it cannot be read without a secret or a format openvet does not open
 *   (password-protected zip, 7z);
 * - `safe`: every callable is on the allow-list and the structure is valid.
 */
export type ModelVerdict = 'safe' | 'unsafe' | 'suspicious' | 'unverifiable' | 'error';

/** How bad one finding is; the verdict is derived from the worst. */
export type ModelFindingSeverity = 'unsafe' | 'suspicious' | 'error' | 'unverifiable' | 'info';

/** One thing the analysis found. */
export interface ModelFinding {
  /** Stable rule id, e.g. `pickle.dangerous-callable`, `onnx.external-data-outside`. */
  readonly rule: string;
  readonly severity: ModelFindingSeverity;
  /** One sentence a person understands. */
  readonly message: string;
  /**
   * The evidence: the callable (`os.system`), the archive member (`archive/data.pkl`), the
   * byte offset of the opcode, the template excerpt … Plain text.
   */
  readonly detail?: string;
}

/** What one format reader returns for one file. */
export interface FormatResult {
  /** The format as detected, e.g. `pytorch-zip`, `pickle`, `numpy`, `gguf`, `safetensors`. */
  readonly format: string;
  readonly findings: readonly ModelFinding[];
  /** Facts worth showing (tensor count, pickle protocol, archive members …). JSON values. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Bytes actually read from the file (shown in verbose mode; never the tensor data). */
  readonly bytesRead: number;
}

/** The report for one file: `openvet model scan --format json` prints an array of these. */
export interface ModelFileReport extends FormatResult {
  /** The path as given / relative to the directory given. */
  readonly file: string;
  readonly verdict: ModelVerdict;
}

/**
 * Random access to one file's bytes, so that readers fetch headers and pickle members and never
 * the tensor data. Reads past the end return the bytes that exist (possibly none).
 */
export interface ByteSource {
  /** Size of the file in bytes. */
  readonly size: number;
  /** The file's name (last path segment), for format detection by extension. */
  readonly name: string;
  read(offset: number, length: number): Promise<Uint8Array>;
}

const ORDER: readonly ModelFindingSeverity[] = [
  'unsafe',
  'suspicious',
  'error',
  'unverifiable',
  'info',
];

/** The verdict the findings lead to: the worst severity, `safe` when only `info` remains. */
export function verdictOf(findings: readonly ModelFinding[]): ModelVerdict {
  for (const severity of ORDER) {
    if (severity === 'info') break;
    if (findings.some((f) => f.severity === severity)) return severity;
  }
  return 'safe';
}

/** Bounds every reader respects (untrusted files: zip bombs, huge headers, deep nesting). */
export interface ModelScanLimits {
  /** Largest pickle stream / archive member / JSON header read into memory. */
  readonly maxMemberBytes: number;
  /** Most archive members looked at in one file. */
  readonly maxMembers: number;
  /** Deepest nesting (archive in archive, pickle in npy in npz …). */
  readonly maxDepth: number;
  /** Most pickle opcodes processed in one stream. */
  readonly maxOpcodes: number;
}

/** The defaults: generous for real checkpoints, bounded for hostile ones. */
export const DEFAULT_MODEL_LIMITS: ModelScanLimits = {
  maxMemberBytes: 256 * 1024 * 1024,
  maxMembers: 100_000,
  maxDepth: 8,
  maxOpcodes: 50_000_000,
};

/** What a reader is handed besides the bytes. */
export interface ReadContext {
  readonly limits: ModelScanLimits;
  /** Nesting depth of this source (0 = the file itself). */
  readonly depth: number;
}

/**
 * One format. `matches` is cheap (file name and the first 64 bytes); `read` analyses the file.
 * A reader throws only for a malformed file (the caller turns it into an `error` report); what
 * it finds goes into `findings`. Readers never execute, import or deserialize the content.
 */
export interface FormatReader {
  /** The format name reported, e.g. `pytorch-zip`. */
  readonly format: string;
  matches(name: string, head: Uint8Array): boolean;
  read(source: ByteSource, context: ReadContext): Promise<FormatResult>;
}

/** A ByteSource over bytes already in memory (an archive member, a test input). */
export function bytesSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    name,
    read(offset, length) {
      const start = Math.min(Math.max(0, offset), bytes.length);
      return Promise.resolve(bytes.subarray(start, Math.min(bytes.length, start + length)));
    },
  };
}
