/**
 * A minimal protobuf wire-format walker over a ByteSource, shared by the ONNX and TensorFlow
 * SavedModel readers. Model protos reach 2 GB and almost all of that is tensor bytes
 * (`raw_data`, packed floats) the analysis never needs, so fields are visited by offset and
 * length-delimited payloads are skipped without being read. protobufjs's `Reader` works on one
 * in-memory buffer, so it would force reading (or slicing) the whole message first; this walker
 * reads through a small window instead and only materialises the strings it is asked for.
 */

import type { ByteSource } from '../../types.js';

/** One field as it sits in the file. */
export interface ProtoField {
  readonly number: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  readonly wire: number;
  /** Offset of the payload (after tag and length). */
  readonly offset: number;
  /** Payload length for wire type 2 (fixed 8/4 for 1/5, the varint's size for 0). */
  readonly length: number;
  /** The value of a varint field (exact up to 2^53). */
  readonly varint: number;
}

/** Buffered random access: a window of the source plus the count of bytes fetched. */
export interface ProtoReader {
  readonly size: number;
  /** Bytes fetched from the source so far. */
  readonly bytesRead: number;
  /** Makes `[offset, offset + length)` (clamped to the file) available to `byteAt`. */
  ensure(offset: number, length: number): Promise<void>;
  byteAt(offset: number): number;
  /** Reads `length` bytes at `offset` (through the window when it fits). */
  bytes(offset: number, length: number): Promise<Uint8Array>;
}

const WINDOW = 64 * 1024;

/** A ProtoReader over `source`, reading `WINDOW`-sized blocks on demand. */
export function protoReader(source: ByteSource): ProtoReader {
  let windowStart = 0;
  let window: Uint8Array = new Uint8Array(0);
  let bytesRead = 0;
  const covers = (offset: number, length: number): boolean =>
    offset >= windowStart && offset + length <= windowStart + window.length;
  const reader: ProtoReader = {
    size: source.size,
    get bytesRead() {
      return bytesRead;
    },
    async ensure(offset, length) {
      const want = Math.min(length, source.size - offset);
      if (want <= 0 || covers(offset, want)) return;
      window = await source.read(offset, Math.max(WINDOW, want));
      windowStart = offset;
      bytesRead += window.length;
    },
    byteAt(offset) {
      const b = window[offset - windowStart];
      if (b === undefined || offset < windowStart) {
        throw new Error(`protobuf: unexpected end of data at offset ${offset}`);
      }
      return b;
    },
    async bytes(offset, length) {
      if (length <= WINDOW) {
        await reader.ensure(offset, length);
        const start = offset - windowStart;
        return window.subarray(start, start + length);
      }
      const out = await source.read(offset, length);
      bytesRead += out.length;
      return out;
    },
  };
  return reader;
}

function readVarint(
  reader: ProtoReader,
  offset: number,
  end: number,
): { value: number; size: number } {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (offset + i >= end) throw new Error(`protobuf: varint runs past offset ${end}`);
    const b = reader.byteAt(offset + i);
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return { value, size: i + 1 };
  }
  throw new Error(`protobuf: varint longer than 10 bytes at offset ${offset}`);
}

/**
 * Calls `visit` for every field of the message in `[start, end)`, in file order. Throws an
 * Error naming the offset when the bytes are not a valid message (a field running past its
 * parent, an unknown or group wire type).
 */
export async function forEachField(
  reader: ProtoReader,
  start: number,
  end: number,
  visit: (field: ProtoField) => Promise<void> | void,
): Promise<void> {
  let at = start;
  while (at < end) {
    await reader.ensure(at, 20);
    const tag = readVarint(reader, at, end);
    const number = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    if (number === 0) throw new Error(`protobuf: field number 0 at offset ${at}`);
    let offset = at + tag.size;
    let length: number;
    let varint = 0;
    switch (wire) {
      case 0: {
        const v = readVarint(reader, offset, end);
        varint = v.value;
        length = v.size;
        break;
      }
      case 1:
        length = 8;
        break;
      case 5:
        length = 4;
        break;
      case 2: {
        const v = readVarint(reader, offset, end);
        offset += v.size;
        length = v.value;
        break;
      }
      default:
        throw new Error(`protobuf: unsupported wire type ${wire} at offset ${at}`);
    }
    if (offset + length > end) {
      throw new Error(
        `protobuf: field ${number} at offset ${at} runs to ${offset + length}, past its message end ${end}`,
      );
    }
    await visit({ number, wire, offset, length, varint });
    at = offset + length;
  }
}

const utf8 = new TextDecoder('utf-8');

/** Reads a string field, at most `max` bytes (longer strings are cut and marked with `…`). */
export async function readString(
  reader: ProtoReader,
  field: ProtoField,
  max = 4096,
): Promise<string> {
  if (field.wire !== 2)
    throw new Error(`protobuf: field ${field.number} at offset ${field.offset} is not a string`);
  const bytes = await reader.bytes(field.offset, Math.min(field.length, max));
  return utf8.decode(bytes) + (field.length > max ? '…' : '');
}
