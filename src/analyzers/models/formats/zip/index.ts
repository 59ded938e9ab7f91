/**
 * Zip archives read through a ByteSource, written by hand (central directory, zip64, local
 * headers): readers list the entries from the central directory and read only the members they
 * need, never the tensor data. Every read is bounded: central-directory size, entry count,
 * uncompressed size and compression ratio (zip bombs). Encrypted entries are detected, never
 * decrypted; 7z archives are recognised and reported unverifiable.
 */

import { inflateRawSync, constants as zlibConstants } from 'node:zlib';
import type { ByteSource, FormatReader, FormatResult, ModelScanLimits } from '../../types.js';

/** One entry of the central directory. */
export interface ZipEntry {
  /** Name as recorded in the central directory (what loaders look up). */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** Traditional (bit 0), strong (bit 6) or AES (method 99) encryption. */
  readonly encrypted: boolean;
}

/** The central directory of one archive. */
export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  /** Entries beyond `limits.maxMembers` that were not listed. */
  readonly omittedEntries: number;
  readonly bytesRead: number;
}

/** Why an entry could not be read. */
export type ZipReadProblem = 'encrypted' | 'unsupported-method' | 'too-large' | 'ratio' | 'corrupt';

/** An entry that could not be read (the caller turns it into a finding, not a crash). */
export class ZipEntryError extends Error {
  constructor(
    readonly problem: ZipReadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ZipEntryError';
  }
}

/** A compression ratio above this on an entry larger than 1 MiB is treated as a zip bomb. */
export const MAX_COMPRESSION_RATIO = 200;

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const utf8 = new TextDecoder('utf-8');

/** True for the local-file-header or empty-archive signature. */
export function isZipHead(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))
  );
}

/** True for the 7z signature `7z\xBC\xAF\x27\x1C`. */
export function is7zHead(head: Uint8Array): boolean {
  const sig = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
  return head.length >= 6 && sig.every((b, i) => head[i] === b);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number): number {
  return dv.getUint32(at, true) + dv.getUint32(at + 4, true) * 0x100000000;
}

/**
 * Reads the central directory. Throws (Error naming the offset) when the archive is malformed:
 * no end-of-central-directory record, a directory outside the file, a bad entry signature.
 */
export async function openZip(source: ByteSource, limits: ModelScanLimits): Promise<ZipArchive> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  let bytesRead = tail.length;
  const tv = view(tail);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('zip: end of central directory record not found');
  let total = tv.getUint16(eocd + 10, true);
  let cdSize = tv.getUint32(eocd + 12, true);
  let cdOffset = tv.getUint32(eocd + 16, true);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || tv.getUint32(loc, true) !== EOCD64_LOCATOR) {
      throw new Error(`zip: zip64 locator missing before offset ${tailStart + eocd}`);
    }
    const eocd64Offset = u64(tv, loc + 8);
    const rec = await source.read(eocd64Offset, 56);
    bytesRead += rec.length;
    if (rec.length < 56 || view(rec).getUint32(0, true) !== EOCD64) {
      throw new Error(`zip: zip64 end of central directory not found at offset ${eocd64Offset}`);
    }
    const rv = view(rec);
    total = u64(rv, 32);
    cdSize = u64(rv, 40);
    cdOffset = u64(rv, 48);
  }
  if (cdOffset + cdSize > source.size) {
    throw new Error(
      `zip: central directory (offset ${cdOffset}, ${cdSize} bytes) outside the file`,
    );
  }
  if (cdSize > limits.maxMemberBytes) {
    throw new Error(`zip: central directory of ${cdSize} bytes exceeds the limit`);
  }
  const cd = await source.read(cdOffset, cdSize);
  bytesRead += cd.length;
  const cv = view(cd);
  const entries: ZipEntry[] = [];
  let pos = 0;
  let seen = 0;
  while (pos + 46 <= cd.length && seen < total) {
    if (cv.getUint32(pos, true) !== CENTRAL) {
      throw new Error(`zip: bad central directory entry signature at offset ${cdOffset + pos}`);
    }
    const flags = cv.getUint16(pos + 8, true);
    const method = cv.getUint16(pos + 10, true);
    let compressedSize = cv.getUint32(pos + 20, true);
    let uncompressedSize = cv.getUint32(pos + 24, true);
    const nameLength = cv.getUint16(pos + 28, true);
    const extraLength = cv.getUint16(pos + 30, true);
    const commentLength = cv.getUint16(pos + 32, true);
    let localHeaderOffset = cv.getUint32(pos + 42, true);
    const nameEnd = pos + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > cd.length) {
      throw new Error(`zip: central directory entry at offset ${cdOffset + pos} truncated`);
    }
    const name = utf8.decode(cd.subarray(pos + 46, nameEnd));
    // Zip64 extended information: the 0xFFFFFFFF fields, in this order.
    let e = nameEnd;
    const extraEnd = nameEnd + extraLength;
    while (e + 4 <= extraEnd) {
      const id = cv.getUint16(e, true);
      const size = cv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let f = e + 4;
        const fieldEnd = Math.min(e + 4 + size, extraEnd);
        if (uncompressedSize === 0xffffffff && f + 8 <= fieldEnd) {
          uncompressedSize = u64(cv, f);
          f += 8;
        }
        if (compressedSize === 0xffffffff && f + 8 <= fieldEnd) {
          compressedSize = u64(cv, f);
          f += 8;
        }
        if (localHeaderOffset === 0xffffffff && f + 8 <= fieldEnd) {
          localHeaderOffset = u64(cv, f);
        }
      }
      e += 4 + size;
    }
    seen++;
    if (entries.length < limits.maxMembers) {
      entries.push({
        name,
        method,
        flags,
        compressedSize,
        uncompressedSize,
        localHeaderOffset,
        encrypted: (flags & 0x1) !== 0 || (flags & 0x40) !== 0 || method === 99,
      });
    }
    pos = extraEnd + commentLength;
  }
  return { entries, omittedEntries: Math.max(0, total - entries.length), bytesRead };
}

/** Where an entry's data starts, read from its local header. */
export interface ZipLocal {
  readonly dataOffset: number;
  /** The name in the local header (a mismatch with the central directory is a tampering sign). */
  readonly localName: string;
  readonly bytesRead: number;
}

/** Reads the local header of `entry`. Throws ZipEntryError('corrupt') when it is not one. */
export async function readLocalHeader(source: ByteSource, entry: ZipEntry): Promise<ZipLocal> {
  const head = await source.read(entry.localHeaderOffset, 30);
  if (head.length < 30 || view(head).getUint32(0, true) !== LOCAL) {
    throw new ZipEntryError(
      'corrupt',
      `zip: no local header for ${entry.name} at offset ${entry.localHeaderOffset}`,
    );
  }
  const hv = view(head);
  const nameLength = hv.getUint16(26, true);
  const extraLength = hv.getUint16(28, true);
  const nameBytes = await source.read(entry.localHeaderOffset + 30, nameLength);
  const dataOffset = entry.localHeaderOffset + 30 + nameLength + extraLength;
  if (dataOffset + entry.compressedSize > source.size) {
    throw new ZipEntryError('corrupt', `zip: data of ${entry.name} runs past the end of the file`);
  }
  return { dataOffset, localName: utf8.decode(nameBytes), bytesRead: 30 + nameBytes.length };
}

/** One entry's bytes. */
export interface ZipEntryData extends ZipLocal {
  readonly bytes: Uint8Array;
}

/**
 * Reads and (for deflate) inflates one entry, at most `maxBytes` uncompressed. With `headOnly`,
 * returns only the first `maxBytes` (enough to sniff a format) instead of failing on larger
 * entries. Throws ZipEntryError for encrypted, unsupported, oversized or bomb-like entries.
 */
export async function readZipEntry(
  source: ByteSource,
  entry: ZipEntry,
  maxBytes: number,
  headOnly = false,
): Promise<ZipEntryData> {
  if (entry.encrypted) {
    throw new ZipEntryError('encrypted', `zip: ${entry.name} is encrypted`);
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipEntryError(
      'unsupported-method',
      `zip: ${entry.name} uses compression method ${entry.method}`,
    );
  }
  if (!headOnly && entry.uncompressedSize > maxBytes) {
    throw new ZipEntryError(
      'too-large',
      `zip: ${entry.name} is ${entry.uncompressedSize} bytes uncompressed, over the ${maxBytes}-byte limit`,
    );
  }
  if (
    entry.uncompressedSize > 1024 * 1024 &&
    entry.uncompressedSize > MAX_COMPRESSION_RATIO * Math.max(1, entry.compressedSize)
  ) {
    throw new ZipEntryError(
      'ratio',
      `zip: ${entry.name} expands ${entry.compressedSize} bytes to ${entry.uncompressedSize} (zip bomb?)`,
    );
  }
  const local = await readLocalHeader(source, entry);
  if (entry.method === 0) {
    const length = Math.min(entry.compressedSize, maxBytes);
    const bytes = await source.read(local.dataOffset, length);
    return { ...local, bytes, bytesRead: local.bytesRead + bytes.length };
  }
  // Deflate: for a head, a compressed prefix is enough (sync flush returns what it decoded).
  const compressedLength = headOnly
    ? Math.min(entry.compressedSize, 64 * 1024)
    : entry.compressedSize;
  const compressed = await source.read(local.dataOffset, compressedLength);
  let bytes: Uint8Array;
  try {
    bytes = inflateRawSync(compressed, {
      finishFlush: zlibConstants.Z_SYNC_FLUSH,
      // A 64 KiB deflate prefix inflates to at most ~66 MiB: the head case stays bounded.
      maxOutputLength: Math.max(1, headOnly ? 128 * 1024 * 1024 : maxBytes),
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipEntryError('too-large', `zip: ${entry.name} inflates past ${maxBytes} bytes`);
    }
    throw new ZipEntryError('corrupt', `zip: ${entry.name} does not inflate (${String(err)})`);
  }
  if (headOnly) bytes = bytes.subarray(0, maxBytes);
  return { ...local, bytes, bytesRead: local.bytesRead + compressed.length };
}

/**
 * Member names never handed to an unpickler or model loader (so an encrypted one hides nothing
 * that loading would run). Anything else that is encrypted makes the file unverifiable.
 */
export function isInertMemberName(name: string): boolean {
  return (
    /\.(txt|md|rst|csv|tsv|log|png|jpe?g|gif|svg|license)$/i.test(name) ||
    /(^|\/)(LICENSE|README|NOTICE)[^/]*$/.test(name)
  );
}

/** 7z archives: openvet does not open them, so the verdict is `unverifiable`. */
export const sevenZipReader: FormatReader = {
  format: '7z',
  matches(_name, head) {
    return is7zHead(head);
  },
  read(source): Promise<FormatResult> {
    return Promise.resolve({
      format: '7z',
      findings: [
        {
          rule: '7z.unsupported-archive',
          severity: 'unverifiable',
          message:
            'This is a 7z archive; openvet does not open 7z, so what it contains is not checked.',
          detail: `${source.name}: 7z signature at offset 0`,
        },
      ],
      metadata: { size: source.size },
      bytesRead: 6,
    });
  },
};
