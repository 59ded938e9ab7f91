/**
 * The pickle opcode table, after CPython's `Lib/pickletools.py` (all 68 opcodes of protocols
 * 0–5). Written out by hand so the disassembler depends on no library and every byte it accepts
 * is listed here.
 */

/** How the operand that follows an opcode byte is encoded. */
export type PickleArgKind =
  | 'none'
  | 'uint1'
  | 'uint2'
  | 'int4'
  | 'uint4'
  | 'uint8'
  /** A `\n`-terminated line (decimal numbers, quoted strings, raw-unicode-escape text). */
  | 'line'
  /** Two `\n`-terminated lines: module and name (GLOBAL, INST). */
  | 'line2'
  /** 1-byte length then that many bytes. */
  | 'bytes1'
  /** 4-byte little-endian length (signed for BINSTRING/LONG4, unsigned otherwise). */
  | 'bytes4'
  | 'bytes8';

/** One opcode of the pickle virtual machine. */
export interface PickleOpcode {
  readonly code: number;
  readonly name: string;
  readonly arg: PickleArgKind;
  /** Lowest protocol that emits it (pickletools' `proto`). */
  readonly proto: number;
}

const TABLE: readonly [string, string, PickleArgKind, number][] = [
  ['I', 'INT', 'line', 0],
  ['J', 'BININT', 'int4', 1],
  ['K', 'BININT1', 'uint1', 1],
  ['M', 'BININT2', 'uint2', 1],
  ['L', 'LONG', 'line', 0],
  ['\x8a', 'LONG1', 'bytes1', 2],
  ['\x8b', 'LONG4', 'bytes4', 2],
  ['S', 'STRING', 'line', 0],
  ['T', 'BINSTRING', 'bytes4', 1],
  ['U', 'SHORT_BINSTRING', 'bytes1', 1],
  ['B', 'BINBYTES', 'bytes4', 3],
  ['C', 'SHORT_BINBYTES', 'bytes1', 3],
  ['\x8e', 'BINBYTES8', 'bytes8', 4],
  ['\x96', 'BYTEARRAY8', 'bytes8', 5],
  ['\x97', 'NEXT_BUFFER', 'none', 5],
  ['\x98', 'READONLY_BUFFER', 'none', 5],
  ['N', 'NONE', 'none', 0],
  ['\x88', 'NEWTRUE', 'none', 2],
  ['\x89', 'NEWFALSE', 'none', 2],
  ['V', 'UNICODE', 'line', 0],
  ['\x8c', 'SHORT_BINUNICODE', 'bytes1', 4],
  ['X', 'BINUNICODE', 'bytes4', 1],
  ['\x8d', 'BINUNICODE8', 'bytes8', 4],
  ['F', 'FLOAT', 'line', 0],
  ['G', 'BINFLOAT', 'uint8', 1],
  [']', 'EMPTY_LIST', 'none', 1],
  ['a', 'APPEND', 'none', 0],
  ['e', 'APPENDS', 'none', 1],
  ['l', 'LIST', 'none', 0],
  [')', 'EMPTY_TUPLE', 'none', 1],
  ['t', 'TUPLE', 'none', 0],
  ['\x85', 'TUPLE1', 'none', 2],
  ['\x86', 'TUPLE2', 'none', 2],
  ['\x87', 'TUPLE3', 'none', 2],
  ['}', 'EMPTY_DICT', 'none', 1],
  ['d', 'DICT', 'none', 0],
  ['s', 'SETITEM', 'none', 0],
  ['u', 'SETITEMS', 'none', 1],
  ['\x8f', 'EMPTY_SET', 'none', 4],
  ['\x90', 'ADDITEMS', 'none', 4],
  ['\x91', 'FROZENSET', 'none', 4],
  ['0', 'POP', 'none', 0],
  ['2', 'DUP', 'none', 0],
  ['(', 'MARK', 'none', 0],
  ['1', 'POP_MARK', 'none', 1],
  ['g', 'GET', 'line', 0],
  ['h', 'BINGET', 'uint1', 1],
  ['j', 'LONG_BINGET', 'uint4', 1],
  ['p', 'PUT', 'line', 0],
  ['q', 'BINPUT', 'uint1', 1],
  ['r', 'LONG_BINPUT', 'uint4', 1],
  ['\x94', 'MEMOIZE', 'none', 4],
  ['\x82', 'EXT1', 'uint1', 2],
  ['\x83', 'EXT2', 'uint2', 2],
  ['\x84', 'EXT4', 'int4', 2],
  ['c', 'GLOBAL', 'line2', 0],
  ['\x93', 'STACK_GLOBAL', 'none', 4],
  ['R', 'REDUCE', 'none', 0],
  ['b', 'BUILD', 'none', 0],
  ['i', 'INST', 'line2', 0],
  ['o', 'OBJ', 'none', 1],
  ['\x81', 'NEWOBJ', 'none', 2],
  ['\x92', 'NEWOBJ_EX', 'none', 4],
  ['\x80', 'PROTO', 'uint1', 2],
  ['.', 'STOP', 'none', 0],
  ['\x95', 'FRAME', 'uint8', 4],
  ['P', 'PERSID', 'line', 0],
  ['Q', 'BINPERSID', 'none', 1],
];

/** Every opcode, indexed by its byte (undefined = not an opcode). */
export const PICKLE_OPCODES: readonly (PickleOpcode | undefined)[] = (() => {
  const byCode: (PickleOpcode | undefined)[] = new Array<PickleOpcode | undefined>(256);
  for (const [char, name, arg, proto] of TABLE) {
    const code = char.charCodeAt(0);
    byCode[code] = { code, name, arg, proto };
  }
  return byCode;
})();

/** Number of opcodes in the table (68, as in pickletools). */
export const PICKLE_OPCODE_COUNT = TABLE.length;

/** The highest pickle protocol CPython reads. */
export const HIGHEST_PICKLE_PROTOCOL = 5;
