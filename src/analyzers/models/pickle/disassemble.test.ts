import { describe, expect, it } from 'vitest';
import {
  disassemblePickle,
  disassemblePickles,
  type PickleDisassembly,
  type PickleValue,
} from './disassemble.js';
import { PICKLE_OPCODE_COUNT, PICKLE_OPCODES } from './opcodes.js';

/** Assembles a pickle from latin-1 strings and byte arrays. */
function asm(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') for (const ch of part) out.push(ch.charCodeAt(0) & 0xff);
    else out.push(...part);
  }
  return Uint8Array.from(out);
}

const le4 = (n: number): number[] => [
  n & 0xff,
  (n >> 8) & 0xff,
  (n >> 16) & 0xff,
  (n >>> 24) & 0xff,
];
const le8 = (n: number): number[] => [...le4(n), 0, 0, 0, 0];
/** SHORT_BINUNICODE. */
const su = (s: string): string => `\x8c${String.fromCharCode(s.length)}${s}`;

function plain(value: PickleValue | undefined): unknown {
  if (value === undefined) return undefined;
  switch (value.t) {
    case 'str':
    case 'int':
    case 'bool':
      return value.v;
    case 'none':
      return null;
    case 'seq':
      return { [value.kind]: value.items.map(plain) };
    case 'dict':
      return { dict: value.entries.map(([k, v]) => [plain(k), plain(v)]) };
    case 'global':
      return `global:${value.module}.${value.name}`;
    case 'call':
      return { call: plain(value.callee), args: plain(value.args), state: plain(value.state) };
    case 'bytes':
      return `bytes:${value.length}`;
    default:
      return value.t;
  }
}

interface Row {
  covers: string[];
  bytes: Uint8Array;
  result: unknown;
}

const rows: [string, Row][] = [
  ['INT / STOP', { covers: ['INT', 'STOP'], bytes: asm('I42\n.'), result: 42 }],
  [
    'INT booleans',
    { covers: ['INT'], bytes: asm('(I01\nI00\nt.'), result: { tuple: [true, false] } },
  ],
  ['BININT negative', { covers: ['BININT'], bytes: asm('J', le4(-2), '.'), result: -2 }],
  ['BININT1', { covers: ['BININT1'], bytes: asm('K\x07.'), result: 7 }],
  ['BININT2', { covers: ['BININT2'], bytes: asm('M\x01\x02.'), result: 0x0201 }],
  [
    'LONG',
    { covers: ['LONG'], bytes: asm('L12345678901234567890L\n.'), result: 12345678901234567890n },
  ],
  ['LONG1 negative', { covers: ['LONG1'], bytes: asm('\x8a\x01\xff.'), result: -1 }],
  ['LONG4', { covers: ['LONG4'], bytes: asm('\x8b', le4(2), '\x00\x01.'), result: 256 }],
  ['STRING quoted', { covers: ['STRING'], bytes: asm("S'os\\x2e'\n."), result: 'os.' }],
  ['BINSTRING', { covers: ['BINSTRING'], bytes: asm('T', le4(2), 'ab.'), result: 'ab' }],
  ['SHORT_BINSTRING', { covers: ['SHORT_BINSTRING'], bytes: asm('U\x02ab.'), result: 'ab' }],
  ['BINBYTES', { covers: ['BINBYTES'], bytes: asm('B', le4(3), 'xyz.'), result: 'bytes:3' }],
  ['SHORT_BINBYTES', { covers: ['SHORT_BINBYTES'], bytes: asm('C\x01x.'), result: 'bytes:1' }],
  ['BINBYTES8', { covers: ['BINBYTES8'], bytes: asm('\x8e', le8(2), 'xy.'), result: 'bytes:2' }],
  ['BYTEARRAY8', { covers: ['BYTEARRAY8'], bytes: asm('\x96', le8(1), 'x.'), result: 'bytes:1' }],
  [
    'NEXT_BUFFER / READONLY_BUFFER',
    { covers: ['NEXT_BUFFER', 'READONLY_BUFFER'], bytes: asm('\x97\x98.'), result: 'buffer' },
  ],
  ['NONE', { covers: ['NONE'], bytes: asm('N.'), result: null }],
  [
    'NEWTRUE / NEWFALSE',
    {
      covers: ['NEWTRUE', 'NEWFALSE'],
      bytes: asm('\x88\x89\x86.'),
      result: { tuple: [true, false] },
    },
  ],
  [
    'UNICODE raw-unicode-escape',
    { covers: ['UNICODE'], bytes: asm('Vsys\\u0074em\n.'), result: 'system' },
  ],
  [
    'SHORT_BINUNICODE',
    { covers: ['SHORT_BINUNICODE'], bytes: asm(su('posix'), '.'), result: 'posix' },
  ],
  [
    'BINUNICODE utf-8',
    { covers: ['BINUNICODE'], bytes: asm('X', le4(2), [0xc3, 0xa9], '.'), result: 'é' },
  ],
  ['BINUNICODE8', { covers: ['BINUNICODE8'], bytes: asm('\x8d', le8(2), 'os.'), result: 'os' }],
  [
    'FLOAT / BINFLOAT',
    {
      covers: ['FLOAT', 'BINFLOAT'],
      bytes: asm('F1.5\nG', [0, 0, 0, 0, 0, 0, 0xf8, 0x3f], '\x86.'),
      result: { tuple: ['float', 'float'] },
    },
  ],
  [
    'EMPTY_LIST / APPEND / APPENDS',
    {
      covers: ['EMPTY_LIST', 'APPEND', 'APPENDS', 'MARK'],
      bytes: asm(']K\x01a(K\x02K\x03e.'),
      result: { list: [1, 2, 3] },
    },
  ],
  ['LIST', { covers: ['LIST'], bytes: asm('(K\x01l.'), result: { list: [1] } }],
  [
    'EMPTY_TUPLE / TUPLE / TUPLE1-3',
    {
      covers: ['EMPTY_TUPLE', 'TUPLE', 'TUPLE1', 'TUPLE2', 'TUPLE3'],
      bytes: asm(')K\x01\x85K\x01K\x02\x86K\x01K\x02K\x03\x87(t(K\x09t\x87.'),
      result: { tuple: [{ tuple: [1, 2, 3] }, { tuple: [] }, { tuple: [9] }] },
    },
  ],
  [
    'EMPTY_DICT / SETITEM / SETITEMS',
    {
      covers: ['EMPTY_DICT', 'SETITEM', 'SETITEMS'],
      bytes: asm('}', su('a'), 'K\x01s(', su('b'), 'K\x02u.'),
      result: {
        dict: [
          ['a', 1],
          ['b', 2],
        ],
      },
    },
  ],
  ['DICT', { covers: ['DICT'], bytes: asm('(', su('k'), 'Nd.'), result: { dict: [['k', null]] } }],
  [
    'EMPTY_SET / ADDITEMS / FROZENSET',
    {
      covers: ['EMPTY_SET', 'ADDITEMS', 'FROZENSET'],
      bytes: asm('\x8f(K\x01\x90(K\x02\x91\x86.'),
      result: { tuple: [{ set: [1] }, { frozenset: [2] }] },
    },
  ],
  [
    'POP / DUP / POP_MARK',
    {
      covers: ['POP', 'DUP', 'POP_MARK'],
      bytes: asm('K\x01K\x020(K\x031K\x0420\x86.'),
      result: { tuple: [1, 4] },
    },
  ],
  ['PUT / GET', { covers: ['PUT', 'GET'], bytes: asm(su('x'), 'p7\n0g7\n.'), result: 'x' }],
  [
    'BINPUT / BINGET',
    { covers: ['BINPUT', 'BINGET'], bytes: asm(su('x'), 'q\x030h\x03.'), result: 'x' },
  ],
  [
    'LONG_BINPUT / LONG_BINGET',
    {
      covers: ['LONG_BINPUT', 'LONG_BINGET'],
      bytes: asm(su('x'), 'r', le4(70000), '0j', le4(70000), '.'),
      result: 'x',
    },
  ],
  [
    'MEMOIZE',
    { covers: ['MEMOIZE'], bytes: asm(su('a'), '\x94', su('b'), '\x940h\x01.'), result: 'b' },
  ],
  [
    'EXT1 / EXT2 / EXT4',
    {
      covers: ['EXT1', 'EXT2', 'EXT4'],
      bytes: asm('\x82\x01\x83\x01\x00\x84', le4(1), '\x87.'),
      result: { tuple: ['ext', 'ext', 'ext'] },
    },
  ],
  [
    'GLOBAL',
    {
      covers: ['GLOBAL'],
      bytes: asm('ccollections\nOrderedDict\n.'),
      result: 'global:collections.OrderedDict',
    },
  ],
  [
    'STACK_GLOBAL',
    {
      covers: ['STACK_GLOBAL'],
      bytes: asm(su('torch'), su('Size'), '\x93.'),
      result: 'global:torch.Size',
    },
  ],
  [
    'REDUCE',
    {
      covers: ['REDUCE'],
      bytes: asm('cbuiltins\nset\n)R.'),
      result: { call: 'global:builtins.set', args: { tuple: [] }, state: undefined },
    },
  ],
  [
    'BUILD',
    {
      covers: ['BUILD'],
      bytes: asm('cargparse\nNamespace\n)R}b.'),
      result: { call: 'global:argparse.Namespace', args: { tuple: [] }, state: { dict: [] } },
    },
  ],
  [
    'INST',
    {
      covers: ['INST'],
      bytes: asm('(K\x01iargparse\nNamespace\n.'),
      result: { call: 'global:argparse.Namespace', args: { tuple: [1] }, state: undefined },
    },
  ],
  [
    'OBJ',
    {
      covers: ['OBJ'],
      bytes: asm('(cargparse\nNamespace\nK\x02o.'),
      result: { call: 'global:argparse.Namespace', args: { tuple: [2] }, state: undefined },
    },
  ],
  [
    'NEWOBJ',
    {
      covers: ['NEWOBJ'],
      bytes: asm('cargparse\nNamespace\n)\x81.'),
      result: { call: 'global:argparse.Namespace', args: { tuple: [] }, state: undefined },
    },
  ],
  [
    'NEWOBJ_EX',
    {
      covers: ['NEWOBJ_EX'],
      bytes: asm('cargparse\nNamespace\n)}\x92.'),
      result: { call: 'global:argparse.Namespace', args: { tuple: [] }, state: undefined },
    },
  ],
  [
    'PROTO / FRAME',
    { covers: ['PROTO', 'FRAME'], bytes: asm('\x80\x04\x95', le8(3), 'K\x05.'), result: 5 },
  ],
  ['PERSID', { covers: ['PERSID'], bytes: asm('P0\n.'), result: 'pid' }],
  ['BINPERSID', { covers: ['BINPERSID'], bytes: asm(su('0'), 'Q.'), result: 'pid' }],
];

describe('disassemblePickle: every opcode', () => {
  it.each(rows)('%s', (_name, row) => {
    const dis = disassemblePickle(row.bytes);
    expect(dis.error).toBeUndefined();
    expect(dis.length).toBe(row.bytes.length);
    expect(plain(dis.result)).toEqual(row.result);
  });

  it('the table covers all 68 opcodes of pickletools', () => {
    const names = PICKLE_OPCODES.filter((op) => op !== undefined).map((op) => op.name);
    expect(names).toHaveLength(PICKLE_OPCODE_COUNT);
    expect(PICKLE_OPCODE_COUNT).toBe(68);
    const covered = new Set(rows.flatMap(([, r]) => r.covers));
    expect(names.filter((n) => !covered.has(n))).toEqual([]);
  });
});

const errors: [string, Uint8Array, string, number][] = [
  ['truncated operand', asm('X', le4(10), 'abc'), 'truncated', 0],
  ['truncated line', asm('cos\nsys'), 'truncated', 0],
  ['unknown opcode', asm('K\x01\xff.'), 'unknown-opcode', 2],
  ['stack underflow on REDUCE', asm('R.'), 'stack-underflow', 0],
  ['stack underflow on STOP', asm('.'), 'stack-underflow', 0],
  ['underflow below a MARK', asm('K\x01(\x85.'), 'stack-underflow', 3],
  ['TUPLE without MARK', asm('K\x01t.'), 'stack-underflow', 2],
  ['missing STOP', asm('K\x01K\x02'), 'missing-stop', 4],
  ['protocol 6', asm('\x80\x06N.'), 'invalid', 0],
  ['memo key not found', asm('h\x05.'), 'invalid', 0],
  ['GLOBAL not UTF-8', asm('cmod\n\xf8\n.'), 'invalid', 0],
  ['STRING not quoted', asm('Sabc\n.'), 'invalid', 0],
  ['negative BINSTRING length', asm('T', le4(-1), '.'), 'invalid', 0],
  ['APPEND to a string', asm(su('a'), 'Na.'), 'invalid', 4],
];

describe('disassemblePickle: malformed streams', () => {
  it.each(errors)('%s', (_name, bytes, kind, offset) => {
    const dis = disassemblePickle(bytes);
    expect(dis.error?.kind).toBe(kind);
    expect(dis.error?.offset).toBe(offset);
    expect(dis.result).toBeUndefined();
  });

  it('stops at the opcode limit', () => {
    const dis = disassemblePickle(asm('NNNNNNNN.'), 0, { maxOpcodes: 4 });
    expect(dis.error?.kind).toBe('limit');
  });

  it('stops at the memo limit', () => {
    const dis = disassemblePickle(asm('N\x94\x94\x94.'), 0, { maxMemo: 2 });
    expect(dis.error?.kind).toBe('limit');
  });

  it('stops at the stack limit', () => {
    const dis = disassemblePickle(asm('NNNNNNNN.'), 0, { maxStack: 4 });
    expect(dis.error?.kind).toBe('limit');
  });

  it('never throws on truncated or corrupted input', () => {
    const base = asm(
      '\x80\x04\x95',
      le8(60),
      su('collections'),
      '\x94',
      su('OrderedDict'),
      '\x94\x93)R(',
      su('k'),
      'cos\nsystem\nX',
      le4(2),
      'ab\x85Rq\x05u\x8a\x02\x01\x02\x96',
      le8(1),
      'x0h\x05.',
    );
    expect(disassemblePickle(base).error).toBeUndefined();
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let cut = 0; cut < base.length; cut++) {
      expect(disassemblePickle(base.subarray(0, cut)).error).toBeDefined();
    }
    for (let i = 0; i < 2000; i++) {
      const bytes = base.slice();
      for (let k = 0; k < 3; k++) bytes[next() % bytes.length] = next() & 0xff;
      const dis = disassemblePickle(bytes);
      expect(dis.length).toBeLessThanOrEqual(bytes.length);
    }
  });

  it('keeps the callables seen before the error', () => {
    const dis = disassemblePickle(asm('cos\nsystem\nX', le4(99), 'ab'));
    expect(dis.error?.kind).toBe('truncated');
    expect(dis.callables.map((c) => `${c.module}.${c.name}`)).toEqual(['os.system']);
  });
});

describe('disassemblePickle: callables and call sites', () => {
  const names = (dis: PickleDisassembly): string[] =>
    dis.callables.map((c) => `${c.opcode} ${c.module}.${c.name}@${c.offset}`);

  it('resolves STACK_GLOBAL operands pushed through the memo', () => {
    const bytes = asm(
      '\x80\x04',
      su('os'),
      '\x940',
      su('system'),
      '\x940h\x00h\x01\x93',
      su('ls'),
      '\x85R.',
    );
    const dis = disassemblePickle(bytes);
    expect(names(dis)).toEqual(['STACK_GLOBAL os.system@22']);
    expect(dis.calls).toEqual([
      {
        opcode: 'REDUCE',
        offset: 28,
        callable: { module: 'os', name: 'system' },
        target: 'global',
      },
    ]);
  });

  it('reports STACK_GLOBAL operands that are not literal strings as unresolved', () => {
    const bytes = asm(
      su('_operator'),
      su('add'),
      '\x93',
      su('o'),
      su('s'),
      '\x86R',
      su('system'),
      '\x93N.',
    );
    const dis = disassemblePickle(bytes);
    expect(dis.unresolved).toHaveLength(1);
    expect(dis.unresolved[0]!.opcode).toBe('STACK_GLOBAL');
    expect(dis.unresolved[0]!.reason).toContain('call result');
  });

  it('ties a REDUCE on a computed value to no callable', () => {
    const bytes = asm('cbuiltins\ngetattr\n(cos\nsystem\nS"x"\ntR)R.');
    const dis = disassemblePickle(bytes);
    expect(dis.calls.map((c) => c.target)).toEqual(['global', 'computed']);
  });

  it('ties BUILD to the class of the instance and records dunder state keys', () => {
    const bytes = asm('cargparse\nNamespace\n)\x81N}', su('__setstate__'), 'Ns\x86b.');
    const dis = disassemblePickle(bytes);
    const build = dis.calls.find((c) => c.opcode === 'BUILD');
    expect(build).toMatchObject({
      callable: { module: 'argparse', name: 'Namespace' },
      target: 'global',
      dunderKeys: ['__setstate__'],
    });
  });

  it('finds dunder state keys past the tracking bound', () => {
    const filler = Array.from({ length: 100 }, (_, i) => `${su(`k${i}`)}N`).join('');
    const bytes = asm('cargparse\nNamespace\n)\x81}(', filler, su('__setstate__'), 'Nub.');
    const build = disassemblePickle(bytes).calls.find((c) => c.opcode === 'BUILD');
    expect(build?.dunderKeys).toEqual(['__setstate__']);
  });

  it('marks a BUILD on an imported module or class', () => {
    const dis = disassemblePickle(asm('ctorch\n_utils\n}b.'));
    expect(dis.calls[0]).toMatchObject({ opcode: 'BUILD', target: 'module-attribute' });
  });

  it('records INST, OBJ, NEWOBJ and NEWOBJ_EX call sites', () => {
    const bytes = asm('(ia\nb\n(cc\nd\no0ce\nf\n)\x810cg\nh\n)}\x92.');
    const dis = disassemblePickle(bytes);
    expect(dis.calls.map((c) => `${c.opcode}:${c.callable?.module}.${c.callable?.name}`)).toEqual([
      'INST:a.b',
      'OBJ:c.d',
      'NEWOBJ:e.f',
      'NEWOBJ_EX:g.h',
    ]);
  });

  it('reports the protocol and offsets relative to baseOffset', () => {
    const dis = disassemblePickle(asm('\x80\x02cos\nsystem\n.'), 0, { baseOffset: 100 });
    expect(dis.protocol).toBe(2);
    expect(dis.callables[0]!.offset).toBe(102);
    expect(dis.start).toBe(100);
  });

  it('infers the protocol from the opcodes when there is no PROTO', () => {
    expect(disassemblePickle(asm('N.')).protocol).toBe(0);
    expect(disassemblePickle(asm(su('a'), '.')).protocol).toBe(4);
  });

  it('counts persistent ids', () => {
    expect(disassemblePickle(asm('P1\nP2\n\x86.')).persistentIds).toBe(2);
  });

  it('lets a BUILD hook skip embedded bytes', () => {
    const bytes = asm('cjoblib\nW\n)\x81}b', 'RAWDATA', 'N\x86.');
    const dis = disassemblePickle(bytes, 0, { afterBuild: () => ({ skip: 7 }) });
    expect(dis.error).toBeUndefined();
  });
});

describe('disassemblePickles', () => {
  it('reads pickles one after the other', () => {
    const bytes = asm('K\x01.', '\x80\x02cos\nsystem\n.', 'N.');
    const all = disassemblePickles(bytes, 0, 10);
    expect(all.map((d) => d.start)).toEqual([0, 3, 17]);
    expect(all[1]!.callables[0]).toMatchObject({ module: 'os', name: 'system', offset: 5 });
  });

  it('stops at the count and at the first malformed pickle', () => {
    const bytes = asm('K\x01.', 'K\x02.', '\xff', 'N.');
    expect(disassemblePickles(bytes, 0, 1)).toHaveLength(1);
    const all = disassemblePickles(bytes, 0, 10);
    expect(all).toHaveLength(3);
    expect(all[2]!.error?.kind).toBe('unknown-opcode');
  });
});
