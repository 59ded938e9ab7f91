/**
 * Raw pickle and dill files (`.pkl`, `.pickle`, `.dill`, or any file that starts with a PROTO
 * opcode): every pickle in the file, one after another, not only the first.
 */

import { pickleMetadata } from '../../pickle/scan.js';
import { scanPickleStream } from '../joblib/arrays.js';
import { hasProtoHeader, looksLikePickle } from '../../pickle/sniff.js';
import type { FormatReader } from '../../types.js';

const PICKLE_EXTENSIONS = /\.(pkl|pickle|pck|pcl|dill|p)$/i;
/** Extensions under which checkpoints are commonly saved as a bare pickle (protocol 0/1 too). */
const CHECKPOINT_EXTENSIONS = /\.(bin|pt|pth|ckpt|model|data|sav)$/i;

/** Raw pickle / dill reader. */
export const pickleReader: FormatReader = {
  format: 'pickle',
  matches(name, head) {
    if (PICKLE_EXTENSIONS.test(name)) return true;
    if (hasProtoHeader(head)) return true;
    return CHECKPOINT_EXTENSIONS.test(name) && looksLikePickle(head);
  },
  async read(source, context) {
    const format = /\.dill$/i.test(source.name) ? 'dill' : 'pickle';
    if (source.size === 0) throw new Error(`${source.name}: empty file, not a pickle`);
    // joblib.dump output is often named `.pkl`: skip the array bytes its wrappers are followed by.
    const scan = await scanPickleStream(source, context, source.name);
    return {
      format,
      findings: scan.findings,
      metadata: { ...pickleMetadata(scan.pickles), trailingBytes: source.size - scan.end },
      bytesRead: scan.bytesRead,
    };
  },
};
