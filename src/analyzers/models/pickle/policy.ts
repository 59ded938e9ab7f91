/**
 * The callable policy for pickles: an ALLOW-LIST of the reconstruction callables real PyTorch,
 * NumPy, joblib/scikit-learn and the Python standard containers use; a list of known-dangerous
 * modules and names (reported `unsafe`); everything else is `suspicious` and named. Published
 * scanner bypasses work by finding a callable a deny-list forgot, so only the allow-list can say
 * `safe`.
 */

import type { ModelFinding } from '../types.js';
import type { PickleDisassembly } from './disassemble.js';

/** What the policy says about one callable. */
export type CallableClass = 'allowed' | 'dangerous' | 'unknown';

/** Python 2 module names the unpickler maps to their Python 3 names (`fix_imports`). */
const PY2_MODULES: Readonly<Record<string, string>> = {
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  cPickle: 'pickle',
  _multiprocessing: 'multiprocessing',
  commands: 'subprocess',
  httplib: 'http.client',
  urllib2: 'urllib.request',
  SocketServer: 'socketserver',
  cStringIO: 'io',
  StringIO: 'io',
  exceptions: 'builtins',
  UserDict: 'collections',
  UserList: 'collections',
};

/** Exact allowed `module.name` pairs (after normalisation). */
const ALLOWED = new Set<string>([
  // Python containers and scalars rebuilt by REDUCE.
  'builtins.set',
  'builtins.frozenset',
  'builtins.slice',
  'builtins.complex',
  'builtins.bytearray',
  'builtins.bytes',
  'builtins.list',
  'builtins.dict',
  'builtins.tuple',
  'builtins.int',
  'builtins.float',
  'builtins.str',
  'builtins.bool',
  'builtins.range',
  'builtins.object',
  'builtins.NoneType',
  'builtins.Ellipsis',
  'builtins.NotImplemented',
  '_codecs.encode',
  'codecs.encode',
  'copyreg._reconstructor',
  'copyreg.__newobj__',
  'copyreg.__newobj_ex__',
  'collections.OrderedDict',
  'collections.defaultdict',
  'collections.Counter',
  'collections.deque',
  'datetime.datetime',
  'datetime.date',
  'datetime.time',
  'datetime.timedelta',
  'datetime.timezone',
  'decimal.Decimal',
  'fractions.Fraction',
  'uuid.UUID',
  'argparse.Namespace',
  'types.SimpleNamespace',
  'pathlib.Path',
  'pathlib.PosixPath',
  'pathlib.WindowsPath',
  'pathlib.PurePath',
  'pathlib.PurePosixPath',
  'pathlib.PureWindowsPath',
  // PyTorch (torch.save: zip and legacy; what torch's weights_only unpickler allows, plus the
  // module classes of whole-model pickles).
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_tensor_v3',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch._utils._rebuild_qtensor',
  'torch._utils._rebuild_sparse_tensor',
  'torch._utils._rebuild_sparse_csr_tensor',
  'torch._utils._rebuild_meta_tensor_no_storage',
  'torch._utils._rebuild_nested_tensor',
  'torch._utils._rebuild_wrapper_subclass',
  'torch._utils._rebuild_device_tensor_from_numpy',
  'torch._utils._rebuild_device_tensor_from_cpu_tensor',
  'torch._tensor._rebuild_from_type',
  'torch._tensor._rebuild_from_type_v2',
  'torch.serialization._get_layout',
  'torch.Size',
  'torch.Tensor',
  'torch.device',
  'torch.dtype',
  'torch.nn.parameter.Parameter',
  'torch.nn.Parameter',
  'torch.nn.parameter.Buffer',
  'torch.storage.TypedStorage',
  'torch.storage.UntypedStorage',
  'torch.strided',
  'torch.sparse_coo',
  'torch.sparse_csr',
  'torch.sparse_csc',
  'torch.sparse_bsr',
  'torch.sparse_bsc',
  'torch._mkldnn',
  'torch.contiguous_format',
  'torch.channels_last',
  'torch.channels_last_3d',
  'torch.preserve_format',
  'torch.per_tensor_affine',
  'torch.per_channel_affine',
  'torch.per_tensor_symmetric',
  'torch.per_channel_symmetric',
  'torch.per_channel_affine_float_qparams',
  // NumPy arrays, dtypes and scalars.
  'numpy.core.multiarray._reconstruct',
  'numpy._core.multiarray._reconstruct',
  'numpy.core.multiarray.scalar',
  'numpy._core.multiarray.scalar',
  // Protocol-5 pickles of arrays: _frombuffer(buffer, dtype, shape, order).
  'numpy.core.numeric._frombuffer',
  'numpy._core.numeric._frombuffer',
  'numpy.ndarray',
  'numpy.dtype',
  'numpy.ma.core._mareconstruct',
  'numpy.ma.core.MaskedArray',
  'numpy.random._pickle.__randomstate_ctor',
  'numpy.random._pickle.__generator_ctor',
  'numpy.random._pickle.__bit_generator_ctor',
  'numpy.random.mtrand.RandomState',
  'numpy.random._mt19937.MT19937',
  'numpy.random._pcg64.PCG64',
  'numpy.random._generator.Generator',
  // joblib's array wrappers (the array bytes that follow are skipped, never unpickled).
  'joblib.numpy_pickle.NumpyArrayWrapper',
  'joblib.numpy_pickle_compat.NDArrayWrapper',
  'joblib.numpy_pickle_compat.ZNDArrayWrapper',
  'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper',
  // scikit-learn: common estimators, listed one by one (their unpickling is __new__ plus
  // BaseEstimator.__setstate__, which only updates __dict__).
  'sklearn.linear_model._base.LinearRegression',
  'sklearn.linear_model._logistic.LogisticRegression',
  'sklearn.linear_model._ridge.Ridge',
  'sklearn.linear_model._ridge.RidgeClassifier',
  'sklearn.linear_model._coordinate_descent.Lasso',
  'sklearn.linear_model._coordinate_descent.ElasticNet',
  'sklearn.linear_model._stochastic_gradient.SGDClassifier',
  'sklearn.linear_model._stochastic_gradient.SGDRegressor',
  'sklearn.tree._classes.DecisionTreeClassifier',
  'sklearn.tree._classes.DecisionTreeRegressor',
  'sklearn.tree._tree.Tree',
  'sklearn.ensemble._forest.RandomForestClassifier',
  'sklearn.ensemble._forest.RandomForestRegressor',
  'sklearn.ensemble._forest.ExtraTreesClassifier',
  'sklearn.ensemble._forest.ExtraTreesRegressor',
  'sklearn.ensemble._gb.GradientBoostingClassifier',
  'sklearn.ensemble._gb.GradientBoostingRegressor',
  'sklearn.preprocessing._data.StandardScaler',
  'sklearn.preprocessing._data.MinMaxScaler',
  'sklearn.preprocessing._data.RobustScaler',
  'sklearn.preprocessing._label.LabelEncoder',
  'sklearn.preprocessing._encoders.OneHotEncoder',
  'sklearn.preprocessing._encoders.OrdinalEncoder',
  'sklearn.decomposition._pca.PCA',
  'sklearn.decomposition._truncated_svd.TruncatedSVD',
  'sklearn.cluster._kmeans.KMeans',
  'sklearn.svm._classes.SVC',
  'sklearn.svm._classes.SVR',
  'sklearn.svm._classes.LinearSVC',
  'sklearn.neighbors._classification.KNeighborsClassifier',
  'sklearn.neighbors._regression.KNeighborsRegressor',
  'sklearn.naive_bayes.GaussianNB',
  'sklearn.naive_bayes.MultinomialNB',
  'sklearn.feature_extraction.text.CountVectorizer',
  'sklearn.feature_extraction.text.TfidfVectorizer',
  'sklearn.feature_extraction.text.TfidfTransformer',
  'sklearn.pipeline.Pipeline',
  'sklearn.compose._column_transformer.ColumnTransformer',
  'sklearn.utils._bunch.Bunch',
  'sklearn._loss.loss.HalfBinomialLoss',
  'sklearn._loss.loss.HalfSquaredError',
  'sklearn._loss.loss.HalfMultinomialLoss',
  'sklearn._loss.link.IdentityLink',
  'sklearn._loss.link.LogitLink',
  'sklearn._loss.link.MultinomialLogit',
  'sklearn._loss.link.Interval',
]);

/** torch dtype names (`torch.float32` pickles as GLOBAL torch float32). */
const TORCH_DTYPES =
  /^(float|double|half|bfloat16|float(16|32|64)|float8_e[45]m[23](fn)?(uz)?|float8_e8m0fnu|float4_e2m1fn_x2|u?int(1|2|3|4|5|6|7|8|16|32|64)?|short|long|bool|complex(32|64|128)?|cfloat|cdouble|chalf|q(u?int(8|32)|uint4x2|uint2x4)|quint(8|4x2|2x4)|qint(8|32)|bits(1x8|2x4|4x2|8|16))$/;

/** NumPy scalar type names that show up as classes in pickles. */
const NUMPY_SCALARS =
  /^(bool_|bool|int(8|16|32|64)|uint(8|16|32|64)|float(16|32|64|128)?|complex(64|128|256)|longlong|ulonglong|intc|uintc|intp|uintp|half|single|double|longdouble|str_|bytes_|void|datetime64|timedelta64|object_)$/;

/**
 * Modules whose every callable is dangerous (the module itself and its submodules). Includes
 * the Python 2 spellings that `fix_imports` maps.
 */
const DANGEROUS_MODULES = new Set<string>([
  'os',
  'posix',
  'nt',
  'posixpath',
  'ntpath',
  'subprocess',
  '_posixsubprocess',
  'popen2',
  'sys',
  'importlib',
  'imp',
  'zipimport',
  'pkgutil',
  'runpy',
  'pty',
  'socket',
  '_socket',
  'socketserver',
  'ssl',
  'select',
  'selectors',
  'shutil',
  'webbrowser',
  'pickle',
  '_pickle',
  'pickletools',
  'marshal',
  'shelve',
  'dill',
  'cloudpickle',
  'types',
  'inspect',
  'ctypes',
  '_ctypes',
  'cffi',
  'mmap',
  'fcntl',
  'signal',
  'resource',
  'asyncio',
  'multiprocessing',
  'concurrent',
  'threading',
  '_thread',
  'requests',
  'urllib',
  'urllib3',
  'httpx',
  'aiohttp',
  'http',
  'ftplib',
  'smtplib',
  'telnetlib',
  'poplib',
  'imaplib',
  'nntplib',
  'xmlrpc',
  'bdb',
  'pdb',
  'timeit',
  'code',
  'codeop',
  'cProfile',
  'profile',
  'trace',
  'venv',
  'ensurepip',
  'pip',
  'setuptools',
  'distutils',
  'pkg_resources',
  'site',
  'sysconfig',
  'platform',
  'pydoc',
  'doctest',
  'idlelib',
  'lib2to3',
  'tkinter',
  'turtle',
  'builtins.__import__',
  'gc',
  'tempfile',
  'glob',
  'fileinput',
  'tarfile',
  'zipfile',
  'io',
  '_io',
  'logging.config',
  'numpy.f2py',
  'numpy.distutils',
  'numpy.testing',
  'torch.hub',
  'torch._inductor',
  'torch._dynamo',
  'torch.utils.cpp_extension',
  'torch.package',
  'torch.distributed.rpc',
  'joblib.parallel',
]);

/** Dangerous single callables in otherwise harmless modules. */
const DANGEROUS_NAMES = new Set<string>([
  'builtins.eval',
  'builtins.exec',
  'builtins.execfile',
  'builtins.compile',
  'builtins.getattr',
  'builtins.setattr',
  'builtins.delattr',
  'builtins.__import__',
  'builtins.open',
  'builtins.file',
  'builtins.breakpoint',
  'builtins.input',
  'builtins.raw_input',
  'builtins.globals',
  'builtins.locals',
  'builtins.vars',
  'builtins.apply',
  'builtins.reload',
  'builtins.help',
  'codecs.open',
  'operator.attrgetter',
  'operator.methodcaller',
  'numpy.load',
  'numpy.lib.npyio.load',
  'numpy.lib._npyio_impl.load',
  'numpy.loadtxt',
  'numpy.fromfile',
  'numpy.save',
  'numpy.tofile',
  'torch.load',
  'torch.save',
  'torch.serialization.load',
  'torch.serialization._load',
  'torch.serialization._legacy_load',
  'torch.jit.load',
  'torch.jit._serialization.load',
  'torch.ops.load_library',
  'torch.classes.load_library',
  'joblib.load',
  'joblib.numpy_pickle.load',
  'pandas.read_pickle',
  'pandas.io.pickle.read_pickle',
]);

/** Attribute names that reach interpreter internals whatever object they start from. */
const DANGEROUS_ATTRIBUTES =
  /^__(globals|builtins|subclasses|import|code|class|dict|getattribute|getattr|reduce|reduce_ex|setstate|init|new|call|func|self|module|loader|spec|bases|mro|base)__$/;

/** Normalises a module name as Python's unpickler would (`fix_imports` for Python 2 names). */
export function normalizeModule(module: string): string {
  const trimmed = module.trim();
  return PY2_MODULES[trimmed] ?? trimmed;
}

/** Classifies one `module.name` the stream imports. */
export function classifyCallable(module: string, name: string): CallableClass {
  const mod = normalizeModule(module);
  const full = `${mod}.${name}`;
  const segments = name.split('.');
  // Dotted names (protocol 4+) walk attributes: `Bdb.run`, `Path.write_text`, `__class__`.
  if (segments.some((s) => DANGEROUS_ATTRIBUTES.test(s))) return 'dangerous';
  if (isDangerousModule(mod)) return 'dangerous';
  // A dangerous name reached as a prefix (`builtins.getattr.__call__`) or via a dotted name.
  for (let i = 1; i <= segments.length; i++) {
    if (DANGEROUS_NAMES.has(`${mod}.${segments.slice(0, i).join('.')}`)) return 'dangerous';
  }
  // The module named as the attribute of its parent: `builtins` + `os` or `torch` + `hub`.
  if (segments.length >= 1 && isDangerousModule(`${mod}.${segments[0]!}`)) return 'dangerous';
  if (mod === 'builtins' && isDangerousModule(segments[0]!)) return 'dangerous';
  if (segments.length > 1) return 'unknown';
  if (ALLOWED.has(full)) return 'allowed';
  if (
    mod === 'torch' &&
    (TORCH_DTYPES.test(name) || /^[A-Z][A-Za-z0-9]*(Storage|Tensor)$/.test(name))
  ) {
    return 'allowed';
  }
  if (mod === 'torch.cuda' && /^[A-Z][A-Za-z0-9]*(Storage|Tensor)$/.test(name)) return 'allowed';
  // Module classes of whole-model pickles (torch.save(model)): `torch.nn.modules.linear.Linear`.
  // Only capitalised class names: no function of those modules is reachable this way.
  if (/^torch\.nn\.modules\.[a-z_]+$/.test(mod) && /^[A-Z][A-Za-z0-9]*$/.test(name)) {
    return 'allowed';
  }
  if (mod === 'numpy' && NUMPY_SCALARS.test(name)) return 'allowed';
  if (mod === 'numpy.dtypes' && /^[A-Za-z0-9]+DType$/.test(name)) return 'allowed';
  return 'unknown';
}

function isDangerousModule(module: string): boolean {
  const parts = module.split('.');
  for (let i = 1; i <= parts.length; i++) {
    if (DANGEROUS_MODULES.has(parts.slice(0, i).join('.'))) return true;
  }
  return false;
}

/** Dunder state keys whose BUILD makes a later operation call something chosen by the file. */
const DANGEROUS_STATE_KEYS =
  /^__(setstate|reduce|reduce_ex|getattr|getattribute|setattr|class|dict|globals|builtins|code|init|new|call|import|getitem|setitem|del|enter|exit|iter|next)__$/;

/**
 * The findings for one disassembled pickle. `where` names the pickle in messages and details
 * (`archive/data.pkl`, `pickle 2 of 5 at offset 120`).
 */
export function pickleFindings(dis: PickleDisassembly, where: string): ModelFinding[] {
  const findings: ModelFinding[] = [];
  const seen = new Set<string>();
  for (const c of dis.callables) {
    const cls = classifyCallable(c.module, c.name);
    if (cls === 'allowed') continue;
    const full = `${c.module}.${c.name}`;
    const key = `${cls}:${full}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(
      cls === 'dangerous'
        ? {
            rule: 'pickle.dangerous-callable',
            severity: 'unsafe',
            message: `Loading ${where} calls ${full}, which can run arbitrary code or touch the system.`,
            detail: `${full} (${c.opcode} at offset ${c.offset}, ${where})`,
          }
        : {
            rule: 'pickle.unknown-callable',
            severity: 'suspicious',
            message: `Loading ${where} imports ${full}, which is not on the allow-list of reconstruction callables.`,
            detail: `${full} (${c.opcode} at offset ${c.offset}, ${where})`,
          },
    );
  }
  for (const u of dis.unresolved) {
    findings.push({
      rule: u.opcode.startsWith('EXT') ? 'pickle.extension-code' : 'pickle.unresolved-operand',
      severity: 'suspicious',
      message: `Loading ${where} imports a callable that cannot be named statically.`,
      detail: `${u.opcode} at offset ${u.offset}: ${u.reason} (${where})`,
    });
  }
  for (const call of dis.calls) {
    if (call.opcode === 'BUILD' && call.target === 'module-attribute') {
      findings.push({
        rule: 'pickle.build-on-global',
        severity: 'unsafe',
        message: `Loading ${where} overwrites attributes of ${call.callable!.module}.${call.callable!.name}, so later imports resolve to values the file chose.`,
        detail: `BUILD at offset ${call.offset} on ${call.callable!.module}.${call.callable!.name} (${where})`,
      });
    }
    if (call.dunderKeys && call.dunderKeys.length > 0) {
      const dangerous = call.dunderKeys.filter((k) => DANGEROUS_STATE_KEYS.test(k));
      findings.push({
        rule: 'pickle.dunder-state',
        severity: dangerous.length > 0 ? 'unsafe' : 'suspicious',
        message: `Loading ${where} sets special attributes (${call.dunderKeys.join(', ')}) through BUILD, which can redirect later calls.`,
        detail: `BUILD at offset ${call.offset} (${where})`,
      });
    }
    if (call.opcode !== 'BUILD' && call.target === 'computed') {
      findings.push({
        rule: 'pickle.computed-call',
        severity: 'suspicious',
        message: `Loading ${where} calls a value computed at load time (e.g. the result of getattr), not a named callable.`,
        detail: `${call.opcode} at offset ${call.offset} (${where})`,
      });
    }
  }
  if (dis.error) {
    findings.push({
      rule: 'pickle.malformed',
      severity: 'error',
      message: `${where} is not a well-formed pickle: ${dis.error.message}.`,
      detail: `${dis.error.kind} at offset ${dis.error.offset} (${where})`,
    });
  }
  return findings;
}
