/**
 * `openvet db import PATH`: read OSV records from an osv.dev ecosystem export (`all.zip`, one
 * `<ID>.json` per entry), a directory of OSV JSON files, or one OSV JSON file; validate each one
 * and hand the valid ones to the store in large batches.
 *
 * Nothing read is ever executed. Every size and count is bounded. A malformed or invalid record is
 * reported (file or id, and why) and the import goes on; only an input that is not OSV data at
 * all (missing, unreadable, not a zip/directory/JSON file, no JSON inside) stops it.
 */
import { lstat, open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { InputError, UsageError, describeError } from '../../../core/errors.js';
import type { AdvisoryInput, Store } from '../../../store/types.js';
import { validateOsvRecord } from './validate.js';

/** Bounds on what one import reads. */
export interface OsvImportLimits {
  /** Largest single record (file or zip entry), in bytes. */
  readonly maxRecordBytes: number;
  /** Most zip entries or directory files considered. */
  readonly maxEntries: number;
  /** Deepest directory level walked. */
  readonly maxDepth: number;
}

/** The default bounds: far above any real advisory (the largest osv.dev record is ~1 MiB). */
export const DEFAULT_OSV_IMPORT_LIMITS: OsvImportLimits = {
  maxRecordBytes: 10 * 1024 * 1024,
  maxEntries: 2_000_000,
  maxDepth: 32,
};

/** One record that was not imported. */
export interface OsvImportProblem {
  /** The file or zip entry it came from. */
  readonly source: string;
  /** The record's id when it could be read. */
  readonly id?: string;
  readonly reason: string;
}

/** What one import did. */
export interface OsvImportSummary {
  /** The path as given. */
  readonly path: string;
  /** The absolute path, as recorded in the store. */
  readonly resolvedPath: string;
  readonly kind: 'zip' | 'directory' | 'file';
  /** JSON files or zip entries read. */
  readonly read: number;
  readonly imported: number;
  readonly updated: number;
  /** Same or older `modified` than the stored record: left as it was. */
  readonly unchanged: number;
  /** Valid records that are withdrawn (stored, never matched); included in the counts above. */
  readonly withdrawn: number;
  readonly invalid: number;
  /** Every record not imported, in input order. */
  readonly problems: readonly OsvImportProblem[];
  /** The ecosystems named by the valid records, sorted. */
  readonly ecosystems: readonly string[];
}

/** Options of `importOsv`. */
export interface OsvImportOptions {
  /** The path as the user wrote it (recorded and reported); defaults to `inputPath`. */
  readonly displayPath?: string;
  /** The clock (injected so that the same input gives the same database). */
  readonly now: () => Date;
  readonly limits?: OsvImportLimits;
  /** Records per store transaction. */
  readonly batchSize?: number;
}

/** One item read from the input: its text, or why it could not be read. */
type RawRecord =
  | { readonly source: string; readonly text: string; readonly deflated?: Buffer }
  | { readonly source: string; readonly error: string };

const ZIP_MAGIC = 0x04034b50; // "PK\x03\x04", little-endian
const EMPTY_ZIP_MAGIC = 0x06054b50; // "PK\x05\x06": an empty archive
/** Archives up to this size are read whole (see zipRecords). */
const IN_MEMORY_ZIP_BYTES = 1024 * 1024 * 1024;

function isJsonName(name: string): boolean {
  return name.toLowerCase().endsWith('.json');
}

async function readEntryText(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  maxBytes: number,
): Promise<string> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // validateEntrySizes already refuses a stream longer than its header says; this guards a
    // header that lies about a huge size being small.
    if (size > maxBytes) {
      stream.destroy();
      throw new Error(`larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The bytes of one entry of an in-memory archive, inflated and checked against its CRC-32, and
 * the entry's raw DEFLATE data when it was compressed (the store keeps that as is).
 */
function entryBytes(
  buffer: Buffer,
  entry: yauzl.Entry,
  maxBytes: number,
): { data: Buffer; deflated?: Buffer } {
  // The local header repeats the name and has its own extra field: the data starts after both.
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== ZIP_MAGIC)
    throw new Error('bad local file header');
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buffer.length) throw new Error('entry data runs past the end of the archive');
  const raw = buffer.subarray(start, end);
  let data: Buffer;
  if (entry.compressionMethod === 0) data = raw;
  else if (entry.compressionMethod === 8)
    // maxOutputLength stops a zip bomb whatever the header claims.
    data = inflateRawSync(raw, {
      maxOutputLength: maxBytes,
      // One output chunk of the announced size: no 16 KiB scratch buffer and copy per entry.
      chunkSize: Math.min(Math.max(entry.uncompressedSize, 64), maxBytes),
    });
  else throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  if (data.length !== entry.uncompressedSize) throw new Error('size differs from the header');
  if (crc32(data) !== entry.crc32) throw new Error('CRC-32 mismatch: the archive is damaged');
  return entry.compressionMethod === 8 ? { data, deflated: raw } : { data };
}

async function* zipRecords(file: string, limits: OsvImportLimits): AsyncGenerator<RawRecord> {
  // An osv.dev ecosystem export is tens of MB: reading it whole and inflating each entry
  // synchronously is about ten times faster than one yauzl stream per entry. Larger archives
  // are streamed entry by entry, so memory stays bounded.
  const size = (await stat(file)).size;
  const inMemory = size <= IN_MEMORY_ZIP_BYTES;
  const buffer = inMemory ? await readFile(file) : undefined;
  let zip: yauzl.ZipFile;
  try {
    const options = {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: false,
    };
    zip =
      buffer !== undefined
        ? await yauzl.fromBufferPromise(buffer, options)
        : await yauzl.openPromise(file, options);
  } catch (error) {
    throw new InputError(`${file}: not a readable zip archive (${describeError(error)})`, {
      code: 'OPENVET_E_INPUT',
      cause: error,
    });
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new InputError(
        `${file}: ${zip.entryCount} entries, more than the ${limits.maxEntries} openvet reads from one archive`,
        { code: 'OPENVET_E_TOO_LARGE' },
      );
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith('/') || !isJsonName(name)) continue;
      if (entry.uncompressedSize > limits.maxRecordBytes) {
        yield { source: name, error: `larger than ${limits.maxRecordBytes} bytes` };
        continue;
      }
      let record: RawRecord;
      try {
        if (buffer !== undefined) {
          const { data, deflated } = entryBytes(buffer, entry, limits.maxRecordBytes);
          record = { source: name, text: data.toString('utf8'), ...(deflated ? { deflated } : {}) };
        } else {
          record = { source: name, text: await readEntryText(zip, entry, limits.maxRecordBytes) };
        }
      } catch (error) {
        yield { source: name, error: `cannot read the zip entry: ${describeError(error)}` };
        continue;
      }
      yield record;
    }
  } finally {
    zip.close();
  }
}

async function* directoryRecords(root: string, limits: OsvImportLimits): AsyncGenerator<RawRecord> {
  let seen = 0;
  async function* walk(dir: string, depth: number): AsyncGenerator<RawRecord> {
    if (depth > limits.maxDepth) {
      yield { source: dir, error: `deeper than ${limits.maxDepth} levels: not read` };
      return;
    }
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (error) {
      yield { source: dir, error: `cannot read the directory: ${describeError(error)}` };
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      // lstat: symbolic links are not followed, so the walk stays inside PATH and cannot loop.
      const info = await lstat(full).catch(() => undefined);
      if (info === undefined) continue;
      if (info.isDirectory()) {
        yield* walk(full, depth + 1);
        continue;
      }
      if (!info.isFile() || !isJsonName(name)) continue;
      if (++seen > limits.maxEntries)
        throw new InputError(
          `${root}: more than ${limits.maxEntries} JSON files, more than openvet reads from one directory`,
          { code: 'OPENVET_E_TOO_LARGE' },
        );
      const source = path.relative(root, full).split(path.sep).join('/');
      if (info.size > limits.maxRecordBytes) {
        yield { source, error: `larger than ${limits.maxRecordBytes} bytes` };
        continue;
      }
      try {
        yield { source, text: await readFile(full, 'utf8') };
      } catch (error) {
        yield { source, error: `cannot read the file: ${describeError(error)}` };
      }
    }
  }
  yield* walk(root, 0);
}

async function startsLikeZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead < 4) return false;
    const magic = head.readUInt32LE(0);
    return magic === ZIP_MAGIC || magic === EMPTY_ZIP_MAGIC;
  } finally {
    await handle.close();
  }
}

function parse(text: string): { value: unknown } | { error: string } {
  try {
    // A byte-order mark is not JSON, but editors write one.
    return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    // Very deep nesting makes JSON.parse throw RangeError; it is malformed input all the same.
    return { error: `not valid JSON: ${describeError(error)}` };
  }
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Import OSV data from `inputPath` into `store`. Resolves to what was done; rejects only when
 * the input is not OSV data at all (a UsageError or InputError: exit code 2).
 */
export async function importOsv(
  inputPath: string,
  store: Pick<Store, 'importAdvisories' | 'recordAdvisorySource'>,
  options: OsvImportOptions,
): Promise<OsvImportSummary> {
  const displayPath = options.displayPath ?? inputPath;
  const limits = options.limits ?? DEFAULT_OSV_IMPORT_LIMITS;
  const batchSize = options.batchSize ?? 5000;
  const importedAt = options.now().toISOString();
  const resolvedPath = path.resolve(inputPath);

  let info;
  try {
    info = await lstat(inputPath);
    // One explicit symbolic link (e.g. `latest -> all-2026-01.zip`) is what the user asked for.
    if (info.isSymbolicLink()) info = await stat(inputPath);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new UsageError(`${displayPath}: no such file or directory`);
    throw new InputError(`${displayPath}: cannot read (${describeError(error)})`, {
      code: 'OPENVET_E_INPUT',
      cause: error,
    });
  }

  let kind: OsvImportSummary['kind'];
  let records: AsyncIterable<RawRecord> | Iterable<RawRecord>;
  if (info.isDirectory()) {
    kind = 'directory';
    records = directoryRecords(inputPath, limits);
  } else if (!info.isFile()) {
    throw new InputError(
      `${displayPath}: not a zip archive, a directory or a JSON file of OSV records`,
      { code: 'OPENVET_E_INPUT' },
    );
  } else {
    let zip: boolean;
    try {
      zip = await startsLikeZip(inputPath);
    } catch (error) {
      throw new InputError(`${displayPath}: cannot read (${describeError(error)})`, {
        code: 'OPENVET_E_INPUT',
        cause: error,
      });
    }
    if (zip) {
      kind = 'zip';
      records = zipRecords(inputPath, limits);
    } else {
      kind = 'file';
      if (info.size > limits.maxRecordBytes)
        throw new InputError(
          `${displayPath}: larger than ${limits.maxRecordBytes} bytes, too large for one OSV record`,
          { code: 'OPENVET_E_TOO_LARGE' },
        );
      const text = await readFile(inputPath, 'utf8');
      const parsed = parse(text);
      // A single file that is not even a JSON object with an id is not OSV data: stop (exit 2)
      // rather than report one "invalid record".
      if ('error' in parsed || idOf(parsed.value) === undefined)
        throw new InputError(
          `${displayPath}: not an OSV record (${'error' in parsed ? parsed.error : 'a JSON object with an "id" was expected'}); pass an osv.dev all.zip, a directory of OSV JSON files or one OSV JSON file`,
          { code: 'OPENVET_E_INPUT' },
        );
      records = [{ source: path.basename(inputPath), text }];
    }
  }

  const problems: OsvImportProblem[] = [];
  const ecosystems = new Set<string>();
  let read = 0;
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  let withdrawn = 0;
  let sawId = false;
  let batch: AdvisoryInput[] = [];

  async function flush(): Promise<void> {
    if (batch.length === 0) return;
    const counts = await store.importAdvisories(batch, { source: resolvedPath, importedAt });
    imported += counts.imported;
    updated += counts.updated;
    unchanged += counts.unchanged;
    batch = [];
  }

  for await (const raw of records) {
    read++;
    if ('error' in raw) {
      problems.push({ source: raw.source, reason: raw.error });
      continue;
    }
    const parsed = parse(raw.text);
    if ('error' in parsed) {
      problems.push({ source: raw.source, reason: parsed.error });
      continue;
    }
    if (idOf(parsed.value) !== undefined) sawId = true;
    const result = validateOsvRecord(parsed.value);
    if (!result.ok) {
      const id = idOf(parsed.value);
      problems.push({
        source: raw.source,
        ...(id !== undefined ? { id } : {}),
        reason: result.reason,
      });
      continue;
    }
    const { record } = result;
    if (record.withdrawn !== undefined) withdrawn++;
    for (const entry of record.affected ?? [])
      if (entry.package !== undefined) ecosystems.add(entry.package.ecosystem);
    // The text as read is stored (re-serialising costs as much as parsing); it parses to the very
    // value just validated. From a zip, its compressed bytes are stored instead: no work to
    // produce, a quarter of the size, and three times faster to write.
    batch.push({
      record,
      json: raw.text,
      ...(raw.deflated !== undefined ? { deflated: raw.deflated } : {}),
    });
    if (batch.length >= batchSize) await flush();
  }
  await flush();

  // JSON files of which not one even has an id (a folder of package.json files, say) are not OSV
  // data: stop as for a single non-OSV file rather than report each one as invalid.
  if (read > 0 && !sawId)
    throw new InputError(
      `${displayPath}: none of the ${read} JSON file(s) is an OSV record (no "id"); pass an osv.dev all.zip, a directory of OSV JSON files or one OSV JSON file`,
      { code: 'OPENVET_E_INPUT' },
    );
  if (read === 0)
    throw new InputError(
      `${displayPath}: no OSV JSON files found in this ${kind === 'zip' ? 'zip archive' : 'directory'}; pass an osv.dev all.zip, a directory of OSV JSON files or one OSV JSON file`,
      { code: 'OPENVET_E_INPUT' },
    );

  const summary: OsvImportSummary = {
    path: displayPath,
    resolvedPath,
    kind,
    read,
    imported,
    updated,
    unchanged,
    withdrawn,
    invalid: problems.length,
    problems,
    ecosystems: [...ecosystems].sort(),
  };
  await store.recordAdvisorySource({
    name: summary.ecosystems.length > 0 ? summary.ecosystems.join(', ') : '(no packages)',
    path: resolvedPath,
    importedAt,
    counts: { read, imported, updated, unchanged, withdrawn, invalid: problems.length },
  });
  return summary;
}
