/** Test helpers for model-file analysis. */
import {
  countingSource,
  scanModelSource,
  type ModelScanOptions,
} from '../analyzers/models/scan-file.js';
import { bytesSource, type ModelFileReport } from '../analyzers/models/types.js';

/** A counting ByteSource over bytes in memory, named `name`. */
export function memorySource(name: string, bytes: Uint8Array): ReturnType<typeof countingSource> {
  const inner = bytesSource(name, bytes);
  return countingSource(name, { size: bytes.length, read: (o, l) => inner.read(o, l) });
}

/** Scan bytes in memory as `openvet model scan` scans a file called `name`. */
export function scanBytes(
  name: string,
  bytes: Uint8Array,
  options?: ModelScanOptions,
): Promise<ModelFileReport> {
  return scanModelSource(name, memorySource(name, bytes), options);
}
