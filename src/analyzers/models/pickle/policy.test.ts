import { describe, expect, it } from 'vitest';
import { verdictOf } from '../types.js';
import { disassemblePickle } from './disassemble.js';
import { classifyCallable, normalizeModule, pickleFindings } from './policy.js';

const table: [string, string, 'allowed' | 'dangerous' | 'unknown'][] = [
  // PyTorch
  ['torch._utils', '_rebuild_tensor_v2', 'allowed'],
  ['torch._utils', '_rebuild_parameter', 'allowed'],
  ['torch._tensor', '_rebuild_from_type_v2', 'allowed'],
  ['torch', 'FloatStorage', 'allowed'],
  ['torch', 'BFloat16Storage', 'allowed'],
  ['torch', 'UntypedStorage', 'allowed'],
  ['torch.cuda', 'HalfStorage', 'allowed'],
  ['torch', 'float16', 'allowed'],
  ['torch', 'bfloat16', 'allowed'],
  ['torch', 'device', 'allowed'],
  ['torch', 'Size', 'allowed'],
  ['torch.nn.modules.linear', 'Linear', 'allowed'],
  ['torch.nn.modules.module', 'register_module_forward_hook', 'unknown'],
  ['torch', 'load', 'dangerous'],
  ['torch.serialization', 'load', 'dangerous'],
  ['torch.hub', 'load', 'dangerous'],
  ['torch._inductor.codecache', 'compile_file', 'dangerous'],
  ['torch', '_utils', 'unknown'],
  ['torch.storage', '_load_from_bytes', 'unknown'],
  // NumPy
  ['numpy.core.multiarray', '_reconstruct', 'allowed'],
  ['numpy._core.multiarray', '_reconstruct', 'allowed'],
  ['numpy', 'ndarray', 'allowed'],
  ['numpy._core.numeric', '_frombuffer', 'allowed'],
  ['numpy', 'dtype', 'allowed'],
  ['numpy.core.multiarray', 'scalar', 'allowed'],
  ['numpy', 'float64', 'allowed'],
  ['numpy', 'load', 'dangerous'],
  ['numpy.testing._private.utils', 'runstring', 'dangerous'],
  // builtins and Python 2 spellings
  ['builtins', 'set', 'allowed'],
  ['__builtin__', 'set', 'allowed'],
  ['builtins', 'frozenset', 'allowed'],
  ['builtins', 'slice', 'allowed'],
  ['builtins', 'complex', 'allowed'],
  ['builtins', 'bytearray', 'allowed'],
  ['_codecs', 'encode', 'allowed'],
  ['copyreg', '_reconstructor', 'allowed'],
  ['copy_reg', '_reconstructor', 'allowed'],
  ['collections', 'OrderedDict', 'allowed'],
  ['builtins', 'eval', 'dangerous'],
  ['__builtin__', 'eval', 'dangerous'],
  ['builtins', 'exec', 'dangerous'],
  ['builtins', 'compile', 'dangerous'],
  ['builtins', 'getattr', 'dangerous'],
  ['__builtin__', 'getattr', 'dangerous'],
  ['builtins', '__import__', 'dangerous'],
  ['builtins', 'open', 'dangerous'],
  ['builtins', 'breakpoint', 'dangerous'],
  ['builtins', 'input', 'dangerous'],
  ['builtins', 'print', 'unknown'],
  // dangerous modules, their submodules and aliases
  ['os', 'system', 'dangerous'],
  ['os.path', 'join', 'dangerous'],
  ['posix', 'system', 'dangerous'],
  ['nt', 'system', 'dangerous'],
  ['subprocess', 'Popen', 'dangerous'],
  ['commands', 'getoutput', 'dangerous'],
  ['importlib', 'import_module', 'dangerous'],
  ['importlib.machinery', 'SourceFileLoader', 'dangerous'],
  ['runpy', '_run_code', 'dangerous'],
  ['pty', 'spawn', 'dangerous'],
  ['socket', 'create_connection', 'dangerous'],
  ['shutil', 'rmtree', 'dangerous'],
  ['webbrowser', 'open', 'dangerous'],
  ['pickle', 'loads', 'dangerous'],
  ['_pickle', 'loads', 'dangerous'],
  ['cPickle', 'loads', 'dangerous'],
  ['marshal', 'loads', 'dangerous'],
  ['dill._dill', '_create_code', 'dangerous'],
  ['joblib', 'load', 'dangerous'],
  ['types', 'CodeType', 'dangerous'],
  ['types', 'FunctionType', 'dangerous'],
  ['inspect', 'getattr_static', 'dangerous'],
  ['operator', 'attrgetter', 'dangerous'],
  ['operator', 'methodcaller', 'dangerous'],
  // partial itself only binds arguments: suspicious; on a dangerous callee that callee is
  // reported unsafe on its own (see pickleFindings below).
  ['functools', 'partial', 'unknown'],
  ['ctypes', 'CDLL', 'dangerous'],
  ['sys', 'exit', 'dangerous'],
  ['asyncio', 'create_subprocess_shell', 'dangerous'],
  ['requests.api', 'get', 'dangerous'],
  ['urllib.request', 'urlopen', 'dangerous'],
  ['httplib', 'HTTPSConnection', 'dangerous'],
  ['http.client', 'HTTPSConnection', 'dangerous'],
  ['bdb', 'Bdb', 'dangerous'],
  ['pdb', 'Pdb', 'dangerous'],
  ['timeit', 'timeit', 'dangerous'],
  ['code', 'InteractiveInterpreter', 'dangerous'],
  ['cProfile', 'run', 'dangerous'],
  ['profile', 'run', 'dangerous'],
  ['trace', 'Trace', 'dangerous'],
  ['venv', 'create', 'dangerous'],
  ['ensurepip', 'bootstrap', 'dangerous'],
  ['pip', 'main', 'dangerous'],
  ['pip._internal', 'main', 'dangerous'],
  ['setuptools.sandbox', 'run_setup', 'dangerous'],
  ['pydoc', 'pipepager', 'dangerous'],
  // dotted names walk attributes
  ['bdb', 'Bdb.run', 'dangerous'],
  ['collections', 'OrderedDict.__init__.__globals__', 'dangerous'],
  ['builtins', 'object.__subclasses__', 'dangerous'],
  ['collections', 'OrderedDict.fromkeys', 'unknown'],
  ['torch', 'hub.load', 'dangerous'],
  // anything else
  ['aiohttp.client', 'ClientSession', 'dangerous'],
  ['mypackage.models', 'Net', 'unknown'],
  ['_operator', 'add', 'unknown'],
  ['', '', 'unknown'],
];

describe('classifyCallable', () => {
  it.each(table)('%s.%s → %s', (module, name, expected) => {
    expect(classifyCallable(module, name)).toBe(expected);
  });

  it('normalises Python 2 module names', () => {
    expect(normalizeModule('__builtin__')).toBe('builtins');
    expect(normalizeModule('copy_reg')).toBe('copyreg');
    expect(normalizeModule(' os ')).toBe('os');
  });
});

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('pickleFindings', () => {
  const cases: [string, string, string, string[]][] = [
    ['allowed only', 'ccollections\nOrderedDict\n)R.', 'safe', []],
    ['dangerous', 'cos\nsystem\n(S"ls"\ntR.', 'unsafe', ['pickle.dangerous-callable']],
    ['unknown', 'cmypkg\nNet\n)R.', 'suspicious', ['pickle.unknown-callable']],
    [
      'unresolved',
      '\x8c\x01a\x8c\x01b\x86\x8c\x01c\x93.',
      'suspicious',
      ['pickle.unresolved-operand'],
    ],
    ['extension', '\x82\x01.', 'suspicious', ['pickle.extension-code']],
    ['computed call', 'cbuiltins\nset\n)R)R.', 'suspicious', ['pickle.computed-call']],
    [
      'build on module',
      'ctorch\nnn\n}b.',
      'unsafe',
      ['pickle.unknown-callable', 'pickle.build-on-global'],
    ],
    [
      'dunder state',
      'cargparse\nNamespace\n)R}\x8c\x0c__setstate__Nsb.',
      'unsafe',
      ['pickle.dunder-state'],
    ],
    ['malformed', 'K\x01', 'error', ['pickle.malformed']],
    [
      'partial on a dangerous callee',
      'cfunctools\npartial\ncos\nsystem\n\x85R.',
      'unsafe',
      ['pickle.unknown-callable', 'pickle.dangerous-callable'],
    ],
    [
      'partial on an allowed callee',
      'cfunctools\npartial\ncbuiltins\nset\n\x85R.',
      'suspicious',
      ['pickle.unknown-callable'],
    ],
  ];
  it.each(cases)('%s', (_name, text, verdict, rules) => {
    const findings = pickleFindings(disassemblePickle(enc(text)), 'x.pkl');
    expect(findings.map((f) => f.rule)).toEqual(rules);
    expect(verdictOf(findings)).toBe(verdict);
  });

  it('names the callable, the offset and the member in the detail', () => {
    const [finding] = pickleFindings(
      disassemblePickle(enc('\x80\x02cos\nsystem\n.')),
      'archive/data.pkl',
    );
    expect(finding!.detail).toBe('os.system (GLOBAL at offset 2, archive/data.pkl)');
  });

  it('reports each callable once', () => {
    const findings = pickleFindings(disassemblePickle(enc('cos\nsystem\n0cos\nsystem\n.')), 'x');
    expect(findings).toHaveLength(1);
  });
});
