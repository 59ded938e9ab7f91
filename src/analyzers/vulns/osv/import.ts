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
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { InputError, UsageError, describeError } from '../../../core/errors.js';
import { advisoryInput } from '../../../store/advisory-views.js';
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
  /**
   * Worker threads that parse and validate (0: all in this thread). Default: none below 4
   * processors, else two less than the processors, at most 3; inputs of fewer than 512 records
   * use none.
   */
  readonly workers?: number;
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

/** What is read of one central directory entry (the fields of yauzl's Entry used here). */
interface ZipEntryInfo {
  readonly fileName: string;
  readonly compressionMethod: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly relativeOffsetOfLocalHeader: number;
}

const CENTRAL_MAGIC = 0x02014b50;
const ZIP64_LOCATOR_MAGIC = 0x07064b50;
const ZIP64_END_MAGIC = 0x06064b50;

/**
 * The central directory of an in-memory archive (ZIP64 included), read directly: yauzl's
 * callback-per-entry reader cost as much as all the inflating. Throws on a malformed directory;
 * each entry's data is checked later (entryBytes), so one bad entry stays one reported problem.
 */
function centralDirectory(buffer: Buffer, maxEntries: number): ZipEntryInfo[] | number {
  // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
  let end = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at--)
    if (
      buffer.readUInt32LE(at) === EMPTY_ZIP_MAGIC &&
      at + 22 + buffer.readUInt16LE(at + 20) === buffer.length
    ) {
      end = at;
      break;
    }
  if (end < 0) throw new Error('end of central directory record signature not found');
  let count = buffer.readUInt16LE(end + 10);
  let size = buffer.readUInt32LE(end + 12);
  let offset = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || buffer.readUInt32LE(locator) !== ZIP64_LOCATOR_MAGIC)
      throw new Error('ZIP64 end of central directory locator not found');
    const at = Number(buffer.readBigUInt64LE(locator + 8));
    if (at + 56 > buffer.length || buffer.readUInt32LE(at) !== ZIP64_END_MAGIC)
      throw new Error('ZIP64 end of central directory record not found');
    count = Number(buffer.readBigUInt64LE(at + 32));
    size = Number(buffer.readBigUInt64LE(at + 40));
    offset = Number(buffer.readBigUInt64LE(at + 48));
  }
  if (count > maxEntries) return count;
  if (offset + size > buffer.length)
    throw new Error('central directory runs past the end of the archive');
  const entries: ZipEntryInfo[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_MAGIC)
      throw new Error(`invalid central directory file header signature (entry ${i})`);
    const flags = buffer.readUInt16LE(at + 8);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > buffer.length) throw new Error(`central directory entry ${i} runs past the end`);
    // Bit 11: UTF-8 name; otherwise CP437, identical to Latin-1 for the ASCII names of OSV ids.
    const fileName = buffer.toString(
      flags & 0x800 ? 'utf8' : 'latin1',
      at + 46,
      at + 46 + nameLength,
    );
    let compressedSize = buffer.readUInt32LE(at + 20);
    let uncompressedSize = buffer.readUInt32LE(at + 24);
    let localOffset = buffer.readUInt32LE(at + 42);
    // ZIP64 extra field: the 64-bit values of the fields set to 0xffffffff, in this order.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
      const id = buffer.readUInt16LE(x);
      const length = buffer.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let y = x + 4;
        const take = (): number => {
          if (y + 8 > x + 4 + length) throw new Error(`entry ${fileName}: short ZIP64 extra field`);
          const value = Number(buffer.readBigUInt64LE(y));
          y += 8;
          return value;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      x += 4 + length;
    }
    entries.push({
      fileName,
      // Bit 0: encrypted; such an entry is reported as unreadable rather than read as garbage.
      compressionMethod: flags & 0x1 ? -1 : buffer.readUInt16LE(at + 10),
      crc32: buffer.readUInt32LE(at + 16),
      compressedSize,
      uncompressedSize,
      relativeOffsetOfLocalHeader: localOffset,
    });
    at = next;
  }
  return entries;
}

/**
 * The bytes of one entry of an in-memory archive, inflated and checked against its CRC-32, and
 * the entry's raw DEFLATE data when it was compressed (the store keeps that as is).
 */
function entryBytes(
  buffer: Buffer,
  entry: ZipEntryInfo,
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
  else if (entry.compressionMethod === -1) throw new Error('encrypted entries are not supported');
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
  if (size <= IN_MEMORY_ZIP_BYTES) {
    yield* bufferRecords(file, await readFile(file), limits);
    return;
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (error) {
    throw notAZip(file, error);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw tooManyEntries(file, zip.entryCount, limits);
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith('/') || !isJsonName(name)) continue;
      if (entry.uncompressedSize > limits.maxRecordBytes) {
        yield { source: name, error: `larger than ${limits.maxRecordBytes} bytes` };
        continue;
      }
      try {
        yield { source: name, text: await readEntryText(zip, entry, limits.maxRecordBytes) };
      } catch (error) {
        yield { source: name, error: `cannot read the zip entry: ${describeError(error)}` };
      }
    }
  } finally {
    zip.close();
  }
}

function notAZip(file: string, error: unknown): InputError {
  return new InputError(`${file}: not a readable zip archive (${describeError(error)})`, {
    code: 'OPENVET_E_INPUT',
    cause: error,
  });
}

function tooManyEntries(file: string, count: number, limits: OsvImportLimits): InputError {
  return new InputError(
    `${file}: ${count} entries, more than the ${limits.maxEntries} openvet reads from one archive`,
    { code: 'OPENVET_E_TOO_LARGE' },
  );
}

/** The records of an archive read whole (see zipRecords). */
function* bufferRecords(
  file: string,
  buffer: Buffer,
  limits: OsvImportLimits,
): Generator<RawRecord> {
  let entries: ZipEntryInfo[] | number;
  try {
    entries = centralDirectory(buffer, limits.maxEntries);
  } catch (error) {
    throw notAZip(file, error);
  }
  if (typeof entries === 'number') throw tooManyEntries(file, entries, limits);
  for (const entry of entries) {
    const name = entry.fileName;
    if (name.endsWith('/') || !isJsonName(name)) continue;
    if (entry.uncompressedSize > limits.maxRecordBytes) {
      yield { source: name, error: `larger than ${limits.maxRecordBytes} bytes` };
      continue;
    }
    let record: RawRecord;
    try {
      const { data, deflated } = entryBytes(buffer, entry, limits.maxRecordBytes);
      record = { source: name, text: data.toString('utf8'), ...(deflated ? { deflated } : {}) };
    } catch (error) {
      record = { source: name, error: `cannot read the zip entry: ${describeError(error)}` };
    }
    yield record;
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

/** Records handed to a worker at once. */
const PREPARE_CHUNK = 256;

/** What the store needs of one record, or why it is not imported. */
type Prepared =
  | {
      readonly ok: true;
      readonly id: string;
      readonly modified: string;
      readonly withdrawn?: string;
      readonly packages: AdvisoryInput['packages'];
      readonly ecosystems: readonly string[];
    }
  | {
      readonly ok: false;
      /** The record's id when it has one (for the report, and to tell OSV data from other JSON). */
      readonly id?: string;
      readonly reason: string;
    };

/** Parse, validate and reduce one record's text to what the store needs. */
function prepareOsvText(text: string): Prepared {
  const parsed = parse(text);
  if ('error' in parsed) return { ok: false, reason: parsed.error };
  const result = validateOsvRecord(parsed.value);
  if (!result.ok) {
    const id = idOf(parsed.value);
    return { ok: false, ...(id !== undefined ? { id } : {}), reason: result.reason };
  }
  const { record } = result;
  const input = advisoryInput(record, '');
  const ecosystems = new Set<string>();
  for (const entry of record.affected ?? [])
    if (entry.package !== undefined) ecosystems.add(entry.package.ecosystem);
  return {
    ok: true,
    id: input.id,
    modified: input.modified,
    ...(input.withdrawn !== undefined ? { withdrawn: input.withdrawn } : {}),
    packages: input.packages,
    ecosystems: [...ecosystems],
  };
}

function defaultWorkers(): number {
  // Measured on a busy 2-processor machine, one worker cost more (copying texts and views between
  // threads, loading the module twice) than it saved: threads only where processors are spare.
  const processors = availableParallelism();
  return processors >= 4 ? Math.min(3, processors - 2) : 0;
}

/** Worker threads running `prepareOsvText`, answering chunks in the order they were sent. */
interface PreparePool {
  readonly size: number;
  run(texts: readonly string[]): Promise<readonly Prepared[]>;
  close(): Promise<void>;
}

interface WorkerAnswer {
  readonly seq: number;
  readonly results: readonly Prepared[];
}

function preparePool(size: number): PreparePool {
  const url = new URL(import.meta.url);
  const data = { openvetOsvPrepare: true };
  // From the TypeScript sources (the tests), the worker first registers tsx, the TypeScript loader
  // the tests run with; the built JavaScript is loaded directly.
  const start = (): Worker =>
    url.pathname.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`,
          { eval: true, workerData: data, execArgv: [] },
        )
      : new Worker(url, { workerData: data, execArgv: [] });
  const waiting = new Map<
    number,
    { resolve: (r: readonly Prepared[]) => void; reject: (e: Error) => void }
  >();
  let failure: Error | undefined;
  function fail(error: Error): void {
    failure ??= error;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  }
  const threads = Array.from({ length: size }, () => {
    const worker = start();
    worker.on('message', (answer: WorkerAnswer) => {
      const w = waiting.get(answer.seq);
      waiting.delete(answer.seq);
      w?.resolve(answer.results);
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (waiting.size > 0) fail(new Error(`an OSV import worker stopped (exit code ${code})`));
    });
    return worker;
  });
  let seq = 0;
  return {
    size,
    run(texts) {
      if (failure !== undefined) return Promise.reject(failure);
      const n = seq++;
      return new Promise((resolve, reject) => {
        waiting.set(n, { resolve, reject });
        (threads[n % size] as Worker).postMessage({ seq: n, texts });
      });
    },
    async close() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}

// In a worker started by preparePool: answer each chunk of texts.
if (!isMainThread && (workerData as { openvetOsvPrepare?: boolean } | null)?.openvetOsvPrepare) {
  const port = parentPort;
  port?.on('message', (message: { seq: number; texts: readonly string[] }) => {
    const answer: WorkerAnswer = { seq: message.seq, results: message.texts.map(prepareOsvText) };
    port.postMessage(answer);
  });
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

  async function take(raw: RawRecord, prepared: Prepared | undefined): Promise<void> {
    read++;
    if ('error' in raw) {
      problems.push({ source: raw.source, reason: raw.error });
      return;
    }
    const p = prepared as Prepared;
    if (!p.ok) {
      if (p.id !== undefined) sawId = true;
      problems.push({
        source: raw.source,
        ...(p.id !== undefined ? { id: p.id } : {}),
        reason: p.reason,
      });
      return;
    }
    sawId = true;
    if (p.withdrawn !== undefined) withdrawn++;
    for (const e of p.ecosystems) ecosystems.add(e);
    // The text as read is stored (re-serialising costs as much as parsing); it parses to the very
    // value just validated. From a zip, its compressed bytes are stored instead: no work to
    // produce, a quarter of the size, and three times faster to write. The parsed record is not
    // kept: only its id, dates and per-package views wait in the batch.
    batch.push({
      id: p.id,
      modified: p.modified,
      ...(p.withdrawn !== undefined ? { withdrawn: p.withdrawn } : {}),
      json: raw.text,
      ...(raw.deflated !== undefined ? { deflated: raw.deflated } : {}),
      packages: p.packages,
    });
    if (batch.length >= batchSize) await flush();
  }

  // Parsing, validating and building the per-package views is most of an import's work and needs
  // nothing but the text: worker threads do it for large inputs while this thread reads the
  // input and writes the store. Chunks are taken back in input order, so the batches, the
  // problems and their order are exactly those of a single-threaded import.
  const workers = options.workers ?? defaultWorkers();
  let pool: PreparePool | undefined;
  const inflight: { items: RawRecord[]; results: Promise<readonly Prepared[]> }[] = [];
  let chunk: RawRecord[] = [];
  async function takeChunk(next: (typeof inflight)[number]): Promise<void> {
    const results = await next.results;
    let at = 0;
    for (const raw of next.items) await take(raw, 'error' in raw ? undefined : results[at++]);
  }
  async function dispatch(): Promise<void> {
    const items = chunk;
    chunk = [];
    if (pool === undefined) {
      for (const raw of items)
        await take(raw, 'error' in raw ? undefined : prepareOsvText(raw.text));
      return;
    }
    const texts: string[] = [];
    for (const raw of items) if (!('error' in raw)) texts.push(raw.text);
    inflight.push({ items, results: pool.run(texts) });
    if (inflight.length >= pool.size * 4)
      await takeChunk(inflight.shift() as (typeof inflight)[number]);
  }
  try {
    let chunks = 0;
    for await (const raw of records) {
      chunk.push(raw);
      if (chunk.length < PREPARE_CHUNK) continue;
      // Small inputs never pay for starting a worker: the pool starts with the second chunk.
      if (pool === undefined && workers > 0 && ++chunks >= 2) pool = preparePool(workers);
      await dispatch();
    }
    await dispatch();
    while (inflight.length > 0) await takeChunk(inflight.shift() as (typeof inflight)[number]);
  } finally {
    // A failed import leaves no thread behind; results not taken are dropped.
    for (const pending of inflight) pending.results.catch(() => undefined);
    await pool?.close();
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
