/**
 * joblib files. An uncompressed `joblib.dump` is a pickle whose NumpyArrayWrapper objects are
 * each followed by raw array bytes: the walk skips them (see `arrays.ts`) and scans the pickle
 * that continues. A compressed dump (`compress=…`) is one compressed stream of the same: zlib
 * and gzip are inflated here, bounded by `maxMemberBytes` (Node has them built in, and a bound
 * on the output is what stops a bomb); bz2, lzma/xz and lz4 would need a dependency, so those
 * are reported `unverifiable` rather than guessed at.
 */

import { gunzipSync, inflateSync } from 'node:zlib';
import { pickleMetadata } from '../../pickle/scan.js';
import { hasProtoHeader, looksLikePickle } from '../../pickle/sniff.js';
import { bytesSource, type FormatReader } from '../../types.js';
import { scanPickleStream } from './arrays.js';

type Compression = 'zlib' | 'gzip' | 'bz2' | 'xz' | 'lzma' | 'lz4' | 'joblib-zfile';

/** The compression of a joblib stream, from its first bytes (undefined = none). */
export function joblibCompression(head: Uint8Array): Compression | undefined {
  const [a, b, c, d] = head;
  if (a === 0x78 && (b === 0x01 || b === 0x5e || b === 0x9c || b === 0xda)) return 'zlib';
  if (a === 0x1f && b === 0x8b) return 'gzip';
  if (a === 0x42 && b === 0x5a && c === 0x68) return 'bz2';
  if (a === 0xfd && b === 0x37 && c === 0x7a && d === 0x58) return 'xz';
  if (a === 0x5d && b === 0x00 && c === 0x00) return 'lzma';
  if (a === 0x04 && b === 0x22 && c === 0x4d && d === 0x18) return 'lz4';
  // joblib < 0.10: "ZF" then the hex length, then zlib data.
  if (a === 0x5a && b === 0x46) return 'joblib-zfile';
  return undefined;
}

const JOBLIB_NAMES = /\.(joblib|jbl|z|gz|bz2|xz|lzma|lz4)$/i;

/** joblib reader (plain, or zlib/gzip-compressed; other compressions are unverifiable). */
export const joblibReader: FormatReader = {
  format: 'joblib',
  matches(name, head) {
    if (!JOBLIB_NAMES.test(name)) return false;
    return joblibCompression(head) !== undefined || hasProtoHeader(head) || looksLikePickle(head);
  },
  async read(source, context) {
    const head = await source.read(0, 64);
    const compression = joblibCompression(head);
    let stream = source;
    let bytesRead = head.length;
    if (
      compression === 'bz2' ||
      compression === 'xz' ||
      compression === 'lzma' ||
      compression === 'lz4'
    ) {
      return {
        format: 'joblib',
        findings: [
          {
            rule: 'joblib.unsupported-compression',
            severity: 'unverifiable',
            message: `This joblib file is ${compression}-compressed, which openvet does not decompress; its pickle is not checked.`,
            detail: `${source.name}: ${compression} header at offset 0`,
          },
        ],
        metadata: { compression },
        bytesRead,
      };
    }
    if (compression !== undefined) {
      if (source.size > context.limits.maxMemberBytes) {
        throw new Error(`${source.name}: compressed joblib file larger than the limit`);
      }
      const all = await source.read(0, source.size);
      bytesRead = all.length;
      let body = all;
      if (compression === 'joblib-zfile') {
        // "ZF" + the hex length padded to 19 characters (+ an optional space), then zlib data
        // (joblib.numpy_pickle_compat.read_zfile).
        body = all.subarray(all[21] === 0x20 ? 22 : 21);
      }
      let inflated: Uint8Array;
      try {
        const opts = { maxOutputLength: context.limits.maxMemberBytes };
        inflated = compression === 'gzip' ? gunzipSync(body, opts) : inflateSync(body, opts);
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          return {
            format: 'joblib',
            findings: [
              {
                rule: 'joblib.too-large',
                severity: 'unverifiable',
                message: `This joblib file inflates past ${context.limits.maxMemberBytes} bytes; it was not checked.`,
                detail: source.name,
              },
            ],
            metadata: { compression },
            bytesRead,
          };
        }
        throw new Error(`${source.name}: ${compression} data does not inflate (${String(err)})`);
      }
      stream = bytesSource(source.name, inflated);
    }
    const scan = await scanPickleStream(stream, context, source.name);
    return {
      format: 'joblib',
      findings: scan.findings,
      metadata: { ...pickleMetadata(scan.pickles), compression: compression ?? 'none' },
      bytesRead: bytesRead + scan.bytesRead,
    };
  },
};
