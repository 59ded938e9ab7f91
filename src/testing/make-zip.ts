/**
 * Builds small zip archives in memory, byte by byte, for tests: tampered flags, local names
 * that differ from the central directory, zip64 records, declared sizes that lie.
 */

import { crc32, deflateRawSync } from 'node:zlib';

/** One member to write. */
export interface MakeZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** General-purpose flags (bit 0 = encrypted). */
  readonly flags?: number;
  /** 0 = store (default), 8 = deflate. */
  readonly method?: number;
  /** Name written in the local header (defaults to `name`). */
  readonly localName?: string;
  /** Uncompressed size declared in the central directory (defaults to the real one). */
  readonly declaredSize?: number;
}

const enc = new TextEncoder();

/** The archive bytes; with `zip64`, sizes and offsets go through zip64 records. */
export function makeZip(
  entries: readonly MakeZipEntry[],
  options: { zip64?: boolean } = {},
): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const push = (b: Uint8Array): void => {
    chunks.push(b);
    offset += b.length;
  };
  for (const e of entries) {
    const method = e.method ?? 0;
    const body = method === 8 ? new Uint8Array(deflateRawSync(e.data)) : e.data;
    const crc = crc32(e.data);
    const localName = enc.encode(e.localName ?? e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, e.flags ?? 0, true);
    local.setUint16(8, method, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, e.data.length, true);
    local.setUint16(26, localName.length, true);
    const localOffset = offset;
    push(new Uint8Array(local.buffer));
    push(localName);
    push(body);
    const name = enc.encode(e.name);
    const extra = options.zip64 ? new DataView(new ArrayBuffer(28)) : undefined;
    if (extra) {
      extra.setUint16(0, 0x0001, true);
      extra.setUint16(2, 24, true);
      extra.setBigUint64(4, BigInt(e.declaredSize ?? e.data.length), true);
      extra.setBigUint64(12, BigInt(body.length), true);
      extra.setBigUint64(20, BigInt(localOffset), true);
    }
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    cd.setUint16(8, e.flags ?? 0, true);
    cd.setUint16(10, method, true);
    cd.setUint32(16, crc, true);
    cd.setUint32(20, extra ? 0xffffffff : body.length, true);
    cd.setUint32(24, extra ? 0xffffffff : (e.declaredSize ?? e.data.length), true);
    cd.setUint16(28, name.length, true);
    cd.setUint16(30, extra ? 28 : 0, true);
    cd.setUint32(42, extra ? 0xffffffff : localOffset, true);
    central.push(new Uint8Array(cd.buffer), name);
    if (extra) central.push(new Uint8Array(extra.buffer));
  }
  const cdOffset = offset;
  for (const c of central) push(c);
  const cdSize = offset - cdOffset;
  if (options.zip64) {
    const eocd64Offset = offset;
    const rec = new DataView(new ArrayBuffer(56));
    rec.setUint32(0, 0x06064b50, true);
    rec.setBigUint64(4, 44n, true);
    rec.setBigUint64(24, BigInt(entries.length), true);
    rec.setBigUint64(32, BigInt(entries.length), true);
    rec.setBigUint64(40, BigInt(cdSize), true);
    rec.setBigUint64(48, BigInt(cdOffset), true);
    push(new Uint8Array(rec.buffer));
    const loc = new DataView(new ArrayBuffer(20));
    loc.setUint32(0, 0x07064b50, true);
    loc.setBigUint64(8, BigInt(eocd64Offset), true);
    loc.setUint32(16, 1, true);
    push(new Uint8Array(loc.buffer));
  }
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, options.zip64 ? 0xffff : entries.length, true);
  eocd.setUint16(10, options.zip64 ? 0xffff : entries.length, true);
  eocd.setUint32(12, options.zip64 ? 0xffffffff : cdSize, true);
  eocd.setUint32(16, options.zip64 ? 0xffffffff : cdOffset, true);
  push(new Uint8Array(eocd.buffer));
  const out = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
