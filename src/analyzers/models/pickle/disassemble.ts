/**
 * A pickle disassembler written for openvet: it walks the opcode stream of protocols 0–5 (every
 * opcode of CPython's pickletools), keeps a symbolic stack and memo, and reports every callable
 * the stream would import or call — without executing, importing or deserializing anything.
 *
 * Strings stay strings on the symbolic stack and in the memo, so `STACK_GLOBAL` operands pushed
 * through `MEMOIZE`/`GET` are resolved; any operand that is not a literal string is reported as
 * unresolved. The walk is a single loop (no recursion) bounded by opcode count, memo size and the
 * length of strings it decodes.
 */

import { HIGHEST_PICKLE_PROTOCOL, PICKLE_OPCODES } from './opcodes.js';

/** A symbolic value on the pickle stack: what the disassembler knows about it, nothing more. */
export type PickleValue =
  | { readonly t: 'str'; readonly v: string }
  /** A text string too long to decode (never a module or attribute name). */
  | { readonly t: 'longstr' }
  | { readonly t: 'bytes'; readonly length: number }
  | { readonly t: 'int'; readonly v: number | bigint }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'none' }
  | { readonly t: 'float' }
  | PickleSeq
  | PickleDict
  | { readonly t: 'global'; readonly module: string; readonly name: string }
  | PickleCallResult
  | { readonly t: 'pid' }
  | { readonly t: 'buffer' }
  /** An extension-registry object (EXT1/2/4): unknown without the loader's registry. */
  | { readonly t: 'ext'; readonly code: number }
  /** The result of a `STACK_GLOBAL` whose operands were not literal strings. */
  | { readonly t: 'unresolved' };

/** A tuple, list, set or frozenset; `items` keeps at most `MAX_TRACKED_ITEMS` entries. */
export interface PickleSeq {
  readonly t: 'seq';
  readonly kind: 'tuple' | 'list' | 'set' | 'frozenset';
  items: PickleValue[];
  /** False once items were dropped (more than the tracking bound). */
  complete: boolean;
}

/** A dict; `entries` keeps at most `MAX_TRACKED_ITEMS` pairs. */
export interface PickleDict {
  readonly t: 'dict';
  entries: [PickleValue, PickleValue][];
  complete: boolean;
  /** Every dunder string key set (`__setstate__` …), kept even past the tracking bound. */
  dunders?: string[];
}

/** The object a REDUCE / NEWOBJ / NEWOBJ_EX / OBJ / INST produces. */
export interface PickleCallResult {
  readonly t: 'call';
  readonly callee: PickleValue;
  readonly args: PickleValue;
  readonly opcode: string;
  /** The state a later BUILD applied to it, when there was one. */
  state?: PickleValue;
}

/** A callable the stream imports (GLOBAL, STACK_GLOBAL, INST). */
export interface PickleCallable {
  readonly module: string;
  readonly name: string;
  readonly opcode: 'GLOBAL' | 'STACK_GLOBAL' | 'INST';
  /** Absolute byte offset of the opcode. */
  readonly offset: number;
}

/** Something the stream imports or calls that cannot be named statically. */
export interface PickleUnresolved {
  readonly opcode: string;
  readonly offset: number;
  /** Why it could not be named, e.g. `STACK_GLOBAL operand is a call result`. */
  readonly reason: string;
}

/** One place where the stream calls something (REDUCE, BUILD, NEWOBJ, NEWOBJ_EX, OBJ, INST). */
export interface PickleCallSite {
  readonly opcode: 'REDUCE' | 'BUILD' | 'NEWOBJ' | 'NEWOBJ_EX' | 'OBJ' | 'INST';
  readonly offset: number;
  /**
   * The callable invoked: for BUILD, the class whose `__setstate__` runs. Absent when the callee
   * is not a named global (then `target` says what it is).
   */
  readonly callable?: { readonly module: string; readonly name: string };
  /**
   * `global`: a named callable; `computed`: the callee is itself the result of a call (a
   * getattr/attrgetter chain); `module-attribute`: a BUILD that sets attributes on an imported
   * module or class; `other`: any other value.
   */
  readonly target: 'global' | 'computed' | 'module-attribute' | 'other';
  /** For BUILD: dunder keys (`__setstate__` …) found in the state applied. */
  readonly dunderKeys?: readonly string[];
}

/** Why a stream is malformed. */
export type PickleErrorKind =
  'truncated' | 'unknown-opcode' | 'stack-underflow' | 'missing-stop' | 'invalid' | 'limit';

/** A malformed stream: where and why the walk stopped. */
export interface PickleError {
  readonly kind: PickleErrorKind;
  readonly offset: number;
  readonly message: string;
}

/** Everything the disassembler learned about one pickle. */
export interface PickleDisassembly {
  /** Absolute offset of the first opcode. */
  readonly start: number;
  /** Bytes consumed (up to and including STOP, or up to the error). */
  readonly length: number;
  /** The PROTO operand, or the highest protocol among the opcodes seen when there is none. */
  readonly protocol: number;
  readonly opcodeCount: number;
  readonly callables: readonly PickleCallable[];
  readonly unresolved: readonly PickleUnresolved[];
  readonly calls: readonly PickleCallSite[];
  /** Number of PERSID/BINPERSID opcodes (storages in PyTorch files). */
  readonly persistentIds: number;
  /** The value STOP returned (undefined when the stream is malformed). */
  readonly result?: PickleValue;
  readonly error?: PickleError;
}

/** Bounds of one walk. */
export interface DisassembleOptions {
  /** Most opcodes processed (default 50 000 000). */
  readonly maxOpcodes?: number;
  /** Most memo entries (default 10 000 000). */
  readonly maxMemo?: number;
  /** Deepest stack (default 1 000 000; pickle batches containers, so real streams stay low). */
  readonly maxStack?: number;
  /** Longest string decoded; longer ones are kept as opaque (default 4096). */
  readonly maxStringLength?: number;
  /** Added to every offset reported (the position of `bytes` in the file). */
  readonly baseOffset?: number;
  /**
   * Called after each BUILD with the built object and the position just after the BUILD opcode;
   * returns how many raw bytes follow that are not opcodes (joblib writes array data there) and
   * optionally a nested disassembly whose findings are merged. Throws to abort the walk.
   */
  readonly afterBuild?: (
    instance: PickleValue,
    position: number,
    bytes: Uint8Array,
    baseOffset: number,
  ) => { skip: number; nested?: PickleDisassembly } | undefined;
}

/** How many items of one container are tracked (enough for shapes, dtype args, state keys). */
export const MAX_TRACKED_ITEMS = 64;

const OTHER_FLOAT: PickleValue = { t: 'float' };
const NONE: PickleValue = { t: 'none' };
const TRUE: PickleValue = { t: 'bool', v: true };
const FALSE: PickleValue = { t: 'bool', v: false };
const LONGSTR: PickleValue = { t: 'longstr' };
const PID: PickleValue = { t: 'pid' };
const BUFFER: PickleValue = { t: 'buffer' };
const UNRESOLVED: PickleValue = { t: 'unresolved' };

const utf8Lossy = new TextDecoder('utf-8');
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Latin-1 text of bytes[from, to): a loop, as TextDecoder costs more on short strings. */
function latin1At(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** UTF-8 text of bytes[from, to), ASCII without a decoder; `strict` throws on invalid UTF-8. */
function utf8At(bytes: Uint8Array, from: number, to: number, strict: boolean): string {
  let s = '';
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) return (strict ? utf8Strict : utf8Lossy).decode(bytes.subarray(from, to));
    s += String.fromCharCode(b);
  }
  return s;
}

class Malformed extends Error {
  constructor(
    readonly kind: PickleErrorKind,
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Disassembles the pickle that starts at `start` in `bytes`. Never throws for malformed input:
 * the result carries `error`, plus every callable seen before it (a real unpickler would already
 * have called them).
 */
export function disassemblePickle(
  bytes: Uint8Array,
  start = 0,
  options: DisassembleOptions = {},
): PickleDisassembly {
  const maxOpcodes = options.maxOpcodes ?? 50_000_000;
  const maxMemo = options.maxMemo ?? 10_000_000;
  const maxStack = options.maxStack ?? 1_000_000;
  const maxString = options.maxStringLength ?? 4096;
  const base = options.baseOffset ?? 0;
  const end = bytes.length;

  const stack: PickleValue[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PickleValue>();
  const callables: PickleCallable[] = [];
  const unresolved: PickleUnresolved[] = [];
  const calls: PickleCallSite[] = [];
  let persistentIds = 0;
  let protocol = -1;
  let highest = 0;
  let count = 0;
  let pos = start;
  let opStart = start;
  let result: PickleValue | undefined;

  const fence = (): number => (marks.length > 0 ? marks[marks.length - 1]! : 0);
  const pop = (): PickleValue => {
    if (stack.length <= fence()) {
      throw new Malformed('stack-underflow', base + opStart, 'unpickling stack underflow');
    }
    return stack.pop()!;
  };
  const top = (): PickleValue => {
    if (stack.length <= fence()) {
      throw new Malformed('stack-underflow', base + opStart, 'unpickling stack underflow');
    }
    return stack[stack.length - 1]!;
  };
  const popMark = (): PickleValue[] => {
    const mark = marks.pop();
    if (mark === undefined) {
      throw new Malformed('stack-underflow', base + opStart, 'could not find MARK');
    }
    return stack.splice(mark);
  };
  const need = (n: number): void => {
    if (n > end - pos) {
      throw new Malformed(
        'truncated',
        base + opStart,
        `pickle truncated: ${n} operand bytes expected, ${end - pos} remain`,
      );
    }
  };
  /** Consumes a `\n`-terminated line; returns the offset of its newline (it starts at `pos`). */
  const lineEnd = (): number => {
    const nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) {
      throw new Malformed('truncated', base + opStart, 'pickle truncated: no newline');
    }
    pos = nl + 1;
    return nl;
  };
  /** The line as latin-1 text; undefined when longer than `maxStringLength`. */
  const readLine = (): string | undefined => {
    const from = pos;
    const nl = lineEnd();
    return nl - from > maxString ? undefined : latin1At(bytes, from, nl);
  };
  const u32 = (at: number): number =>
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + bytes[at + 3]! * 0x1000000;
  const i32 = (at: number): number =>
    bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
  const u64 = (at: number): number => u32(at) + u32(at + 4) * 0x100000000;
  const text = (from: number, length: number): PickleValue =>
    length > maxString ? LONGSTR : { t: 'str', v: utf8At(bytes, from, from + length, false) };
  const memoPut = (key: number, value: PickleValue): void => {
    if (!memo.has(key) && memo.size >= maxMemo) {
      throw new Malformed('limit', base + opStart, `memo larger than ${maxMemo} entries`);
    }
    memo.set(key, value);
  };
  const memoGet = (key: number): PickleValue => {
    const value = memo.get(key);
    if (value === undefined) {
      throw new Malformed('invalid', base + opStart, `memo key ${key} not found`);
    }
    return value;
  };
  const lineInt = (line: string | undefined): number => {
    const s = (line ?? '').trim();
    if (!/^[+-]?\d+$/.test(s)) {
      throw new Malformed('invalid', base + opStart, `invalid integer ${JSON.stringify(s)}`);
    }
    return Number(s);
  };
  const globalName = (): { module: string; name: string } => {
    try {
      const parts: string[] = [];
      for (let i = 0; i < 2; i++) {
        const from = pos;
        const nl = lineEnd();
        // No importable name is this long; building the string would only cost memory.
        if (nl - from > maxString) {
          throw new Malformed(
            'limit',
            base + opStart,
            `GLOBAL/INST operand over ${maxString} bytes`,
          );
        }
        parts.push(utf8At(bytes, from, nl, true));
      }
      return { module: parts[0]!, name: parts[1]! };
    } catch (err) {
      if (err instanceof Malformed) throw err;
      throw new Malformed('invalid', base + opStart, 'GLOBAL/INST operand is not valid UTF-8');
    }
  };
  const call = (
    opcode: PickleCallSite['opcode'],
    callee: PickleValue,
    args: PickleValue,
  ): PickleValue => {
    calls.push(callSite(opcode, base + opStart, callee));
    return { t: 'call', callee, args, opcode };
  };

  try {
    while (true) {
      if (pos >= end) {
        throw new Malformed('missing-stop', base + pos, 'pickle ended without STOP');
      }
      if (++count > maxOpcodes) {
        throw new Malformed('limit', base + pos, `more than ${maxOpcodes} opcodes`);
      }
      opStart = pos;
      if (stack.length > maxStack) {
        throw new Malformed('limit', base + pos, `stack deeper than ${maxStack}`);
      }
      const code = bytes[pos++]!;
      const op = PICKLE_OPCODES[code];
      if (op === undefined) {
        throw new Malformed(
          'unknown-opcode',
          base + opStart,
          `unknown opcode 0x${code.toString(16).padStart(2, '0')}`,
        );
      }
      if (op.proto > highest) highest = op.proto;
      switch (op.name) {
        case 'PROTO': {
          need(1);
          const p = bytes[pos++]!;
          if (p > HIGHEST_PICKLE_PROTOCOL) {
            throw new Malformed('invalid', base + opStart, `unsupported pickle protocol ${p}`);
          }
          if (protocol < 0) protocol = p;
          break;
        }
        case 'FRAME': {
          need(8);
          const size = u64(pos);
          pos += 8;
          // Frames only group opcodes for buffered reading; the opcodes inside are walked as usual.
          if (size > end - pos) {
            throw new Malformed('truncated', base + opStart, `frame of ${size} bytes truncated`);
          }
          break;
        }
        case 'STOP':
          result = pop();
          return finish();
        case 'INT': {
          const s = readLine();
          if (s === undefined) stack.push({ t: 'int', v: 0n });
          else if (s === '00' || s === '01') stack.push(s === '01' ? TRUE : FALSE);
          else stack.push(intFromText(s, base + opStart));
          break;
        }
        case 'LONG': {
          const s = readLine()?.replace(/L$/, '');
          stack.push(s === undefined ? { t: 'int', v: 0n } : intFromText(s, base + opStart));
          break;
        }
        case 'BININT':
          need(4);
          stack.push({ t: 'int', v: i32(pos) });
          pos += 4;
          break;
        case 'BININT1':
          need(1);
          stack.push({ t: 'int', v: bytes[pos++]! });
          break;
        case 'BININT2':
          need(2);
          stack.push({ t: 'int', v: bytes[pos]! | (bytes[pos + 1]! << 8) });
          pos += 2;
          break;
        case 'LONG1':
        case 'LONG4': {
          let n: number;
          if (op.name === 'LONG1') {
            need(1);
            n = bytes[pos++]!;
          } else {
            need(4);
            n = i32(pos);
            pos += 4;
            if (n < 0) throw new Malformed('invalid', base + opStart, 'LONG4 negative byte count');
          }
          need(n);
          stack.push({ t: 'int', v: n <= 64 ? littleEndianSigned(bytes, pos, n) : 0n });
          pos += n;
          break;
        }
        case 'STRING': {
          const from = pos;
          const nl = lineEnd();
          const q = bytes[from];
          if (nl - from < 2 || (q !== 0x22 && q !== 0x27) || bytes[nl - 1] !== q) {
            throw new Malformed('invalid', base + opStart, 'STRING argument must be quoted');
          }
          stack.push(
            nl - from - 2 > maxString
              ? LONGSTR
              : { t: 'str', v: escapeDecode(latin1At(bytes, from + 1, nl - 1)) },
          );
          break;
        }
        case 'BINSTRING':
        case 'SHORT_BINSTRING': {
          let n: number;
          if (op.name === 'BINSTRING') {
            need(4);
            n = i32(pos);
            pos += 4;
            if (n < 0) {
              throw new Malformed('invalid', base + opStart, 'BINSTRING negative byte count');
            }
          } else {
            need(1);
            n = bytes[pos++]!;
          }
          need(n);
          // Python 2 str: decoded with the loader's encoding (ASCII by default).
          stack.push(n > maxString ? LONGSTR : { t: 'str', v: latin1At(bytes, pos, pos + n) });
          pos += n;
          break;
        }
        case 'BINBYTES':
        case 'SHORT_BINBYTES':
        case 'BINBYTES8':
        case 'BYTEARRAY8': {
          const n = readLength(op.arg);
          need(n);
          stack.push({ t: 'bytes', length: n });
          pos += n;
          break;
        }
        case 'UNICODE': {
          const from = pos;
          const nl = lineEnd();
          stack.push(
            nl - from > maxString
              ? LONGSTR
              : { t: 'str', v: rawUnicodeEscapeDecode(latin1At(bytes, from, nl)) },
          );
          break;
        }
        case 'SHORT_BINUNICODE':
        case 'BINUNICODE':
        case 'BINUNICODE8': {
          const n = readLength(op.arg);
          need(n);
          stack.push(text(pos, n));
          pos += n;
          break;
        }
        case 'NEXT_BUFFER':
          stack.push(BUFFER);
          break;
        case 'READONLY_BUFFER':
          top();
          break;
        case 'NONE':
          stack.push(NONE);
          break;
        case 'NEWTRUE':
          stack.push(TRUE);
          break;
        case 'NEWFALSE':
          stack.push(FALSE);
          break;
        case 'FLOAT':
          readLine();
          stack.push(OTHER_FLOAT);
          break;
        case 'BINFLOAT':
          need(8);
          pos += 8;
          stack.push(OTHER_FLOAT);
          break;
        case 'EMPTY_LIST':
          stack.push({ t: 'seq', kind: 'list', items: [], complete: true });
          break;
        case 'APPEND': {
          const value = pop();
          addItems(top(), [value], base + opStart);
          break;
        }
        case 'APPENDS': {
          const items = popMark();
          addItems(top(), items, base + opStart);
          break;
        }
        case 'LIST':
          stack.push(seq('list', popMark()));
          break;
        case 'EMPTY_TUPLE':
          stack.push(seq('tuple', []));
          break;
        case 'TUPLE':
          stack.push(seq('tuple', popMark()));
          break;
        case 'TUPLE1': {
          const a = pop();
          stack.push(seq('tuple', [a]));
          break;
        }
        case 'TUPLE2': {
          const b = pop();
          const a = pop();
          stack.push(seq('tuple', [a, b]));
          break;
        }
        case 'TUPLE3': {
          const c = pop();
          const b = pop();
          const a = pop();
          stack.push(seq('tuple', [a, b, c]));
          break;
        }
        case 'EMPTY_DICT':
          stack.push({ t: 'dict', entries: [], complete: true });
          break;
        case 'DICT': {
          const items = popMark();
          const dict: PickleDict = { t: 'dict', entries: [], complete: true };
          setItems(dict, items, base + opStart);
          stack.push(dict);
          break;
        }
        case 'SETITEM': {
          const value = pop();
          const key = pop();
          setItems(top(), [key, value], base + opStart);
          break;
        }
        case 'SETITEMS': {
          const items = popMark();
          setItems(top(), items, base + opStart);
          break;
        }
        case 'EMPTY_SET':
          stack.push({ t: 'seq', kind: 'set', items: [], complete: true });
          break;
        case 'ADDITEMS': {
          const items = popMark();
          addItems(top(), items, base + opStart);
          break;
        }
        case 'FROZENSET':
          stack.push(seq('frozenset', popMark()));
          break;
        case 'POP':
          // CPython: POP on an empty stack (above the mark) discards the mark instead.
          if (stack.length <= fence() && marks.length > 0) popMark();
          else pop();
          break;
        case 'DUP':
          stack.push(top());
          break;
        case 'MARK':
          marks.push(stack.length);
          break;
        case 'POP_MARK':
          popMark();
          break;
        case 'GET':
          stack.push(memoGet(lineInt(readLine())));
          break;
        case 'BINGET':
          need(1);
          stack.push(memoGet(bytes[pos++]!));
          break;
        case 'LONG_BINGET':
          need(4);
          stack.push(memoGet(u32(pos)));
          pos += 4;
          break;
        case 'PUT': {
          const key = lineInt(readLine());
          if (key < 0) throw new Malformed('invalid', base + opStart, 'negative PUT argument');
          memoPut(key, top());
          break;
        }
        case 'BINPUT':
          need(1);
          memoPut(bytes[pos++]!, top());
          break;
        case 'LONG_BINPUT':
          need(4);
          memoPut(u32(pos), top());
          pos += 4;
          break;
        case 'MEMOIZE':
          memoPut(memo.size, top());
          break;
        case 'EXT1':
        case 'EXT2':
        case 'EXT4': {
          let ext: number;
          if (op.name === 'EXT1') {
            need(1);
            ext = bytes[pos++]!;
          } else if (op.name === 'EXT2') {
            need(2);
            ext = bytes[pos]! | (bytes[pos + 1]! << 8);
            pos += 2;
          } else {
            need(4);
            ext = i32(pos);
            pos += 4;
          }
          unresolved.push({
            opcode: op.name,
            offset: base + opStart,
            reason: `extension code ${ext} (copyreg registry of the loading process)`,
          });
          stack.push({ t: 'ext', code: ext });
          break;
        }
        case 'GLOBAL': {
          const { module, name } = globalName();
          callables.push({ module, name, opcode: 'GLOBAL', offset: base + opStart });
          stack.push({ t: 'global', module, name });
          break;
        }
        case 'STACK_GLOBAL': {
          const name = pop();
          const module = pop();
          if (module.t === 'str' && name.t === 'str') {
            callables.push({
              module: module.v,
              name: name.v,
              opcode: 'STACK_GLOBAL',
              offset: base + opStart,
            });
            stack.push({ t: 'global', module: module.v, name: name.v });
          } else {
            unresolved.push({
              opcode: 'STACK_GLOBAL',
              offset: base + opStart,
              reason: `operands are ${describe(module)} and ${describe(name)}, not literal strings`,
            });
            stack.push(UNRESOLVED);
          }
          break;
        }
        case 'REDUCE': {
          const args = pop();
          const callee = pop();
          stack.push(call('REDUCE', callee, args));
          break;
        }
        case 'BUILD': {
          const state = pop();
          const instance = top();
          const site = callSite('BUILD', base + opStart, instance);
          const dunders = dunderKeys(state);
          calls.push(dunders.length > 0 ? { ...site, dunderKeys: dunders } : site);
          if (instance.t === 'call') instance.state = state;
          let after: ReturnType<NonNullable<DisassembleOptions['afterBuild']>>;
          try {
            after = options.afterBuild?.(instance, pos, bytes, base);
          } catch (err) {
            throw new Malformed('invalid', base + opStart, (err as Error).message);
          }
          if (after) {
            if (after.nested) {
              callables.push(...after.nested.callables);
              unresolved.push(...after.nested.unresolved);
              calls.push(...after.nested.calls);
              if (after.nested.error) {
                throw new Malformed(
                  after.nested.error.kind,
                  after.nested.error.offset,
                  `embedded pickle: ${after.nested.error.message}`,
                );
              }
            }
            if (after.skip > end - pos) {
              throw new Malformed(
                'truncated',
                base + pos,
                `${after.skip} bytes of embedded data expected, ${end - pos} remain`,
              );
            }
            pos += after.skip;
          }
          break;
        }
        case 'INST': {
          const { module, name } = globalName();
          const args = popMark();
          callables.push({ module, name, opcode: 'INST', offset: base + opStart });
          stack.push(call('INST', { t: 'global', module, name }, seq('tuple', args)));
          break;
        }
        case 'OBJ': {
          const items = popMark();
          const cls = items.shift();
          if (cls === undefined)
            throw new Malformed('stack-underflow', base + opStart, 'OBJ without class');
          stack.push(call('OBJ', cls, seq('tuple', items)));
          break;
        }
        case 'NEWOBJ': {
          const args = pop();
          const cls = pop();
          stack.push(call('NEWOBJ', cls, args));
          break;
        }
        case 'NEWOBJ_EX': {
          pop();
          const args = pop();
          const cls = pop();
          stack.push(call('NEWOBJ_EX', cls, args));
          break;
        }
        case 'PERSID':
          readLine();
          persistentIds++;
          stack.push(PID);
          break;
        case 'BINPERSID':
          pop();
          persistentIds++;
          stack.push(PID);
          break;
        default:
          // Unreachable: every opcode of the table has a case above.
          throw new Malformed('unknown-opcode', base + opStart, `unhandled opcode ${op.name}`);
      }
    }
  } catch (err) {
    if (err instanceof Malformed) {
      return finish({ kind: err.kind, offset: err.offset, message: err.message });
    }
    throw err;
  }

  function finish(error?: PickleError): PickleDisassembly {
    const length = (error ? Math.max(pos, opStart) : pos) - start;
    return {
      start: base + start,
      length,
      protocol: protocol >= 0 ? protocol : highest,
      opcodeCount: count,
      callables,
      unresolved,
      calls,
      persistentIds,
      ...(result !== undefined && !error ? { result } : {}),
      ...(error ? { error } : {}),
    };
  }

  function readLength(arg: string): number {
    if (arg === 'bytes1') {
      need(1);
      return bytes[pos++]!;
    }
    if (arg === 'bytes4') {
      need(4);
      const n = u32(pos);
      pos += 4;
      return n;
    }
    need(8);
    const n = u64(pos);
    pos += 8;
    return n;
  }
}

/**
 * Disassembles the pickles that follow one another from `start` (legacy PyTorch files hold five
 * in a row). Stops after `count` pickles, at the end of the bytes, or at the first malformed
 * one (which is included, with its error).
 */
export function disassemblePickles(
  bytes: Uint8Array,
  start: number,
  count: number,
  options: DisassembleOptions = {},
): PickleDisassembly[] {
  const out: PickleDisassembly[] = [];
  let pos = start;
  while (out.length < count && pos < bytes.length) {
    const one = disassemblePickle(bytes, pos, options);
    out.push(one);
    if (one.error) break;
    pos += one.length;
  }
  return out;
}

function seq(kind: PickleSeq['kind'], items: PickleValue[]): PickleSeq {
  if (items.length > MAX_TRACKED_ITEMS) {
    return { t: 'seq', kind, items: items.slice(0, MAX_TRACKED_ITEMS), complete: false };
  }
  return { t: 'seq', kind, items, complete: true };
}

function addItems(target: PickleValue, items: PickleValue[], offset: number): void {
  if (target.t === 'seq' && (target.kind === 'list' || target.kind === 'set')) {
    for (const item of items) {
      if (target.items.length < MAX_TRACKED_ITEMS) target.items.push(item);
      else target.complete = false;
    }
    return;
  }
  // Appending to an object calls its `append`/`extend`/`add`: real pickles do this only on
  // objects built by REDUCE/NEWOBJ (list subclasses), which are reported as calls already, or
  // returned by the loader's persistent_load.
  if (
    target.t === 'call' ||
    target.t === 'unresolved' ||
    target.t === 'ext' ||
    target.t === 'pid'
  ) {
    return;
  }
  throw new Malformed('invalid', offset, `cannot append to ${describe(target)}`);
}

function setItems(target: PickleValue, items: PickleValue[], offset: number): void {
  if (items.length % 2 !== 0) throw new Malformed('invalid', offset, 'odd number of dict items');
  if (target.t === 'dict') {
    for (let i = 0; i < items.length; i += 2) {
      const key = items[i]!;
      if (key.t === 'str' && key.v.startsWith('__') && key.v.endsWith('__') && key.v.length > 4) {
        if ((target.dunders ??= []).length < MAX_TRACKED_ITEMS) target.dunders.push(key.v);
      }
      if (target.entries.length < MAX_TRACKED_ITEMS) target.entries.push([key, items[i + 1]!]);
      else target.complete = false;
    }
    return;
  }
  // `obj[key] = value` on an object (OrderedDict, defaultdict …) is its `__setitem__`.
  if (
    target.t === 'call' ||
    target.t === 'unresolved' ||
    target.t === 'ext' ||
    target.t === 'pid'
  ) {
    return;
  }
  throw new Malformed('invalid', offset, `cannot set items on ${describe(target)}`);
}

function callSite(
  opcode: PickleCallSite['opcode'],
  offset: number,
  callee: PickleValue,
): PickleCallSite {
  const site = (
    target: PickleCallSite['target'],
    global?: { readonly module: string; readonly name: string },
  ): PickleCallSite =>
    global === undefined
      ? { opcode, offset, target }
      : { opcode, offset, callable: { module: global.module, name: global.name }, target };
  if (opcode === 'BUILD') {
    // BUILD runs the instance's `__setstate__` (or sets attributes): tie it to the class.
    if (callee.t === 'call')
      return callee.callee.t === 'global' ? site('global', callee.callee) : site('computed');
    return callee.t === 'global' ? site('module-attribute', callee) : site('other');
  }
  if (callee.t === 'global') return site('global', callee);
  if (callee.t === 'call' || callee.t === 'unresolved' || callee.t === 'ext')
    return site('computed');
  return site('other');
}

/** Dunder keys of a BUILD state: a dict, or a `(dict, slotstate)` tuple. */
function dunderKeys(state: PickleValue): string[] {
  const dicts: PickleDict[] = [];
  if (state.t === 'dict') dicts.push(state);
  if (state.t === 'seq' && state.kind === 'tuple') {
    for (const item of state.items) if (item.t === 'dict') dicts.push(item);
  }
  return dicts.flatMap((dict) => dict.dunders ?? []);
}

/** A short description of a value for messages. */
export function describe(value: PickleValue): string {
  switch (value.t) {
    case 'str':
      return `string ${JSON.stringify(value.v.slice(0, 60))}`;
    case 'global':
      return `global ${value.module}.${value.name}`;
    case 'call':
      return 'a call result';
    case 'seq':
      return `a ${value.kind}`;
    default:
      return `a ${value.t}`;
  }
}

function intFromText(s: string, offset: number): PickleValue {
  const trimmed = s.trim();
  if (!/^[+-]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|\d+)$/.test(trimmed)) {
    throw new Malformed('invalid', offset, `invalid integer ${JSON.stringify(s.slice(0, 40))}`);
  }
  const negative = trimmed.startsWith('-');
  const digits = trimmed.replace(/^[+-]/, '');
  const big = BigInt(digits);
  const v = negative ? -big : big;
  return {
    t: 'int',
    v: v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v,
  };
}

/** Little-endian two's-complement integer of LONG1/LONG4. */
function littleEndianSigned(bytes: Uint8Array, at: number, n: number): number | bigint {
  if (n === 0) return 0;
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
  if ((bytes[at + n - 1]! & 0x80) !== 0) v -= 1n << BigInt(8 * n);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v;
}

/** Python's `raw-unicode-escape` decoding (UNICODE opcode): latin-1 plus \uXXXX / \UXXXXXXXX. */
function rawUnicodeEscapeDecode(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u4?: string, u8?: string) => {
    const cp = parseInt((u4 ?? u8)!, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  });
}

/** Python's `codecs.escape_decode` (STRING opcode), for the escapes that matter to names. */
function escapeDecode(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      "'": "'",
      '"': '"',
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
      '0': '\0',
    };
    return simple[e] ?? `\\${e}`;
  });
}
