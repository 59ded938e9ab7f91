/**
 * Cheap detection of pickle content from the first bytes of a file (for `FormatReader.matches`).
 */

import { disassemblePickle } from './disassemble.js';
import { HIGHEST_PICKLE_PROTOCOL } from './opcodes.js';

/**
 * True when `head` starts with a PROTO opcode as pickle writes it (0x80 then protocol 2–5;
 * PROTO exists since protocol 2, so 0 and 1 only appear in crafted streams, which
 * `looksLikePickle` still recognises).
 */
export function hasProtoHeader(head: Uint8Array): boolean {
  return (
    head.length >= 2 && head[0] === 0x80 && head[1]! >= 2 && head[1]! <= HIGHEST_PICKLE_PROTOCOL
  );
}

/**
 * True when `head` walks as the beginning of a pickle: every opcode in it is valid and the walk
 * only stops because the head ends (or at STOP). Text and binary formats fail within a few
 * bytes (unknown opcode, invalid GLOBAL line, missing memo entry).
 */
export function looksLikePickle(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  if (hasProtoHeader(head)) return true;
  const dis = disassemblePickle(head, 0, { maxOpcodes: 64 });
  if (!dis.error) return true;
  return dis.error.kind === 'truncated' || dis.error.kind === 'missing-stop';
}
