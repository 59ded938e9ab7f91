/**
 * One model file → one report. The format is decided by the readers in `formats/registry.ts`
 * (first whose `matches` accepts the name and first bytes); the reader's findings decide the
 * verdict. A reader that throws means a malformed file: verdict `error`, never `safe`. A file
 * no reader recognises is not loadable as a model at all (see below): `safe`, with a note.
 */
import type { OpenFile } from '../../core/fs.js';
import { formatReaders } from './formats/registry.js';
import {
  DEFAULT_MODEL_LIMITS,
  verdictOf,
  type ByteSource,
  type FormatReader,
  type ModelFileReport,
  type ModelScanLimits,
} from './types.js';

/** Bytes of the head handed to `matches`. */
const HEAD_BYTES = 64;

/** A ByteSource over an opened file that counts the bytes read. */
export function countingSource(
  name: string,
  file: Pick<OpenFile, 'size' | 'read'>,
): ByteSource & {
  readonly bytesRead: () => number;
} {
  let total = 0;
  return {
    name,
    size: file.size,
    async read(offset, length) {
      const bytes = await file.read(offset, length);
      total += bytes.length;
      return bytes;
    },
    bytesRead: () => total,
  };
}

/** Options of `scanModelSource`. */
export interface ModelScanOptions {
  readonly limits?: ModelScanLimits;
  /** The readers to try (tests); defaults to every registered one. */
  readonly readers?: readonly FormatReader[];
}

/** Scan one file's bytes and report it as `file`. Never throws for a malformed file. */
export async function scanModelSource(
  file: string,
  source: ByteSource & { readonly bytesRead?: () => number },
  options: ModelScanOptions = {},
): Promise<ModelFileReport> {
  const limits = options.limits ?? DEFAULT_MODEL_LIMITS;
  const readers = options.readers ?? formatReaders;
  let head: Uint8Array;
  try {
    head = await source.read(0, HEAD_BYTES);
  } catch (error) {
    return errorReport(file, 'unknown', `could not read the file: ${(error as Error).message}`, 0);
  }
  const reader = readers.find((r) => r.matches(source.name, head));
  if (reader === undefined) {
    // No reader claims it: its first bytes are not a pickle opcode, an archive or any model
    // header. Every loader that runs code on load (pickle, torch.load, joblib, numpy with
    // pickles, Keras, ONNX, GGUF) rejects such bytes before running anything, so the file is
    // harmless to load, whatever its name (a PNG saved as `model.pt`).
    const findings = [
      {
        rule: 'model.unknown-format',
        severity: 'info' as const,
        message:
          'not a model format: no loader that runs code would accept these bytes (not a pickle, archive or model header)',
      },
    ];
    return {
      file,
      format: 'unknown',
      verdict: verdictOf(findings),
      findings,
      metadata: {},
      bytesRead: source.bytesRead?.() ?? head.length,
    };
  }
  try {
    const result = await reader.read(source, { limits, depth: 0 });
    return {
      file,
      format: result.format,
      verdict: verdictOf(result.findings),
      findings: result.findings,
      metadata: result.metadata,
      bytesRead: source.bytesRead?.() ?? result.bytesRead,
    };
  } catch (error) {
    return errorReport(
      file,
      reader.format,
      `malformed ${reader.format} file: ${(error as Error).message}`,
      source.bytesRead?.() ?? 0,
    );
  }
}

function errorReport(
  file: string,
  format: string,
  message: string,
  bytesRead: number,
): ModelFileReport {
  const findings = [{ rule: 'model.malformed', severity: 'error' as const, message }];
  return { file, format, verdict: 'error', findings, metadata: {}, bytesRead };
}

/**
 * File names `openvet model scan DIR` looks at: every weight format openvet reads, plus
 * pickles under other names and the archives that carry them.
 */
export function isModelFileName(name: string): boolean {
  return MODEL_FILE.test(name) || name === 'saved_model.pb';
}

const MODEL_FILE =
  /\.(safetensors|gguf|onnx|pt|pth|ckpt|bin|keras|h5|hdf5|npy|npz|joblib|pkl|pickle|dill|pb|tar|zip|7z|mar|nemo|msgpack|model)$/i;
