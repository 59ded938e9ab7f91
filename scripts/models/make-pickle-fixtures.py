#!/usr/bin/env python3
"""Generates the fixtures of openvet's pickle-based model readers.

Run from the repository root with torch, numpy, joblib and dill installed (the offline
wheelhouse works: pip install torch numpy joblib dill):

    python scripts/models/make-pickle-fixtures.py

Benign files are written by the real libraries (torch.save, np.save, np.savez, joblib.dump,
dill.dump). Malicious files are hand-assembled pickle bytes or produced by __reduce__ classes;
they are NEVER loaded here, and every payload is harmless (`echo pwned`). Output is deterministic
enough for review; each file stays well under 100 KB.
"""

import io
import os
import pickle
import struct
import sys
import tarfile
import zipfile

import dill
import joblib
import numpy as np
import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'analyzers', 'models', 'formats')


def out(fmt, name, data):
    folder = os.path.join(ROOT, fmt, '__fixtures__')
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    with open(path, 'wb') as f:
        f.write(data)
    assert len(data) < 100 * 1024, (name, len(data))
    print(f'{fmt}/__fixtures__/{name}: {len(data)} bytes')


class Evil:
    """Pickles as os.system('echo pwned'); only ever dumped, never loaded."""

    def __reduce__(self):
        return (os.system, ('echo pwned',))


def s4(text):
    """SHORT_BINUNICODE + MEMOIZE."""
    b = text.encode()
    return b'\x8c' + bytes([len(b)]) + b + b'\x94'


def proto4(body):
    return b'\x80\x04' + body + b'.'


torch.manual_seed(0)
np.random.seed(0)

# ---------------------------------------------------------------------------- malicious pickles
OS_SYSTEM = pickle.dumps(Evil(), protocol=2)
out('pickle', 'os-system-reduce.pkl', OS_SYSTEM)
out('pickle', 'os-system-proto0.pkl', pickle.dumps(Evil(), protocol=0))

# Protocol 0 INST: (S'echo pwned' / i os system
out('pickle', 'proto0-inst.pkl', b"(S'echo pwned'\nios\nsystem\n.")

# importlib.import_module('os') then inspect.getattr_static(<os>, 'system')('echo pwned')
out('pickle', 'importlib-getattr-static.pkl', proto4(
    s4('inspect') + s4('getattr_static') + b'\x93\x94'
    + s4('importlib') + s4('import_module') + b'\x93\x94'
    + s4('os') + b'\x85R\x94'
    + s4('system') + b'\x86R\x94'
    + s4('echo pwned') + b'\x85R.'[:-1]))

# Operands memoized far from their use, fetched back with BINGET for STACK_GLOBAL.
out('pickle', 'memo-hidden-stack-global.pkl', proto4(
    s4('collections') + b'0' + s4('OrderedDict') + b'0' + s4('posix') + b'0' + s4('system') + b'0'
    + b'h\x02h\x03\x93' + s4('echo pwned') + b'\x85R'))

# STACK_GLOBAL whose module operand is computed at load time ('o' + 's'): unresolved.
out('pickle', 'concat-stack-global.pkl', proto4(
    s4('_operator') + s4('add') + b'\x93\x94' + s4('o') + s4('s') + b'\x86R\x94'
    + s4('system') + b'\x93' + s4('echo pwned') + b'\x85R'))

# copyreg._reconstructor(subprocess.Popen, subprocess.Popen, ['echo', 'pwned']):
# base.__init__(obj, state) runs the command.
out('pickle', 'copyreg-reconstructor.pkl', proto4(
    s4('copyreg') + s4('_reconstructor') + b'\x93'
    + s4('subprocess') + s4('Popen') + b'\x93\x94' + b'h\x03'
    + b']\x94(' + s4('echo') + s4('pwned') + b'e' + b'\x87R'))


class ReduceEx:
    """__reduce_ex__ rather than __reduce__: same effect, other hook."""

    def __reduce_ex__(self, protocol):
        return (os.system, ('echo pwned',))


out('pickle', 'reduce-ex.pkl', pickle.dumps(ReduceEx(), protocol=4))

# Nested torch.load of another file (weights_only=False) from inside a pickle.
out('pickle', 'nested-torch-load.pkl', proto4(
    s4('torch') + s4('load') + b'\x93' + s4('other.pt') + b'\x85R'))

# BUILD abuse: set __setstate__ on an instance, then BUILD again calls it with the payload.
out('pickle', 'build-setstate.pkl', proto4(
    s4('collections') + s4('OrderedDict') + b'\x93)\x81'
    + b'N}' + s4('__setstate__') + s4('posix') + s4('system') + b'\x93s\x86b'
    + s4('echo pwned') + b'b'))

# BUILD on a module: overwrite torch._utils._rebuild_tensor_v2 with builtins.eval.
out('pickle', 'build-on-module.pkl', proto4(
    s4('torch') + s4('_utils') + b'\x93}' + s4('_rebuild_tensor_v2') + s4('builtins') + s4('eval')
    + b'\x93sb0' + s4('torch._utils') + s4('_rebuild_tensor_v2') + b'\x93' + s4('1+1') + b'\x85R'))

# A benign pickle followed by a malicious second pickle in the same file.
out('pickle', 'second-pickle.pkl', pickle.dumps([1, 2, 3], protocol=4) + OS_SYSTEM)

# Dangerous dotted name through STACK_GLOBAL attribute walking.
out('pickle', 'dunder-globals.pkl', proto4(
    s4('collections') + s4('OrderedDict.__init__.__globals__') + b'\x93.'[:-1]))

# ---------------------------------------------------------------------------- benign pickles / dill
out('pickle', 'benign-containers.pkl', pickle.dumps(
    {'a': [1, 2.5, 'x'], 'b': (None, True), 's': {1, 2}, 'f': frozenset([3]), 'c': complex(1, 2),
     'ba': bytearray(b'xy'), 'bytes': b'\x00\x01', 'sl': slice(1, 5)}, protocol=2))
out('pickle', 'benign-containers-p0.pkl', pickle.dumps({'a': [1, 2], 'b': 'text', 'c': b'x'}, protocol=0))
out('pickle', 'benign-containers-p5.pkl', pickle.dumps({'a': [1, 2], 'b': 'text', 'n': 10**30}, protocol=5))
out('pickle', 'benign-numpy.pkl', pickle.dumps({'w': np.arange(12, dtype=np.float32).reshape(3, 4),
                                                 'n': np.float64(1.5)}, protocol=4))
out('pickle', 'benign-numpy-p5.pkl', pickle.dumps({'w': np.arange(6, dtype=np.int16)}, protocol=5))
out('pickle', 'benign.dill', dill.dumps({'weights': [0.1, 0.2], 'name': 'model'}))
out('pickle', 'lambda.dill', dill.dumps(eval(compile('lambda x: x + 1', '<fixture>', 'eval'))))

# ---------------------------------------------------------------------------- PyTorch
state = {'linear.weight': torch.randn(4, 3), 'linear.bias': torch.zeros(4),
         'steps': torch.tensor([3], dtype=torch.int64), 'half': torch.ones(2, dtype=torch.float16)}


def torch_bytes(obj, **kw):
    buf = io.BytesIO()
    torch.save(obj, buf, **kw)
    return buf.getvalue()


out('pytorch', 'benign-zip.pt', torch_bytes(state))
out('pytorch', 'benign-legacy.pt', torch_bytes(state, _use_new_zipfile_serialization=False))
out('pytorch', 'benign-module.pt', torch_bytes(torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU())))
out('pytorch', 'benign-optimizer.pt', torch_bytes({'model': torch.nn.Linear(2, 2).state_dict(),
                                                   'optimizer': torch.optim.SGD(torch.nn.Linear(2, 2).parameters(), lr=0.1).state_dict(),
                                                   'epoch': 3}))


def rezip(data, replace=None, add=None):
    """Copies a torch zip, replacing or adding members (STORED, like torch)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            name = info.filename
            body = src.read(name)
            if replace and name.endswith(replace[0]):
                body = replace[1]
            dst.writestr(name, body)
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return buf.getvalue()


zip_benign = torch_bytes(state)
archive = zipfile.ZipFile(io.BytesIO(zip_benign)).namelist()[0].split('/')[0]
out('pytorch', 'malicious-data-pkl.pt', rezip(zip_benign, replace=('/data.pkl', OS_SYSTEM)))
out('pytorch', 'malicious-extra-member.pt', rezip(zip_benign, add={f'{archive}/extra.pkl': OS_SYSTEM}))
out('pytorch', 'malicious-renamed-member.pt', rezip(zip_benign, add={f'{archive}/notes.bin': OS_SYSTEM}))
out('pytorch', 'malicious-nested-load.pt', rezip(zip_benign, replace=(
    '/data.pkl', proto4(s4('torch.serialization') + s4('load') + b'\x93' + s4('x.pt') + b'\x85R'))))

legacy = torch_bytes(state, _use_new_zipfile_serialization=False)
magic = pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2)
assert legacy.startswith(magic)
# The malicious pickle replaces the 2nd pickle (protocol version) of a legacy file.
rest = legacy[len(magic):]
proto_len = len(pickle.dumps(1001, protocol=2))
out('pytorch', 'malicious-legacy-second.pt', magic + OS_SYSTEM + rest[proto_len:])


def tar_member(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data))


def legacy_tar(object_pickle):
    """The torch < 0.4 tar layout, written by hand (modern torch cannot write it)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.PAX_FORMAT) as tar:
        tar_member(tar, 'sys_info', pickle.dumps({'protocol_version': 1000, 'little_endian': True,
                                                  'type_sizes': {'short': 2, 'int': 4, 'long': 4}}, protocol=2))
        tar_member(tar, 'pickle', object_pickle)
        storages = io.BytesIO()
        pickle.dump(1, storages, protocol=2)
        pickle.dump(('0', 'cpu', torch.FloatStorage), storages, protocol=2)
        storages.write(struct.pack('<q', 4) + struct.pack('<4f', 1, 2, 3, 4))
        pickle.dump([], storages, protocol=2)
        tar_member(tar, 'storages', storages.getvalue())
        tensors = io.BytesIO()
        pickle.dump(1, tensors, protocol=2)
        pickle.dump(('t0', '0', torch.FloatTensor), tensors, protocol=2)
        tensors.write(struct.pack('<i', 1) + b'\0\0\0\0' + struct.pack('<q', 4) + struct.pack('<q', 1) + struct.pack('<q', 0))
        tar_member(tar, 'tensors', tensors.getvalue())
    return buf.getvalue()


class Persistent(pickle.Pickler):
    def persistent_id(self, obj):
        return 't0' if obj == 'TENSOR' else None


def tar_object():
    buf = io.BytesIO()
    Persistent(buf, protocol=2).dump({'weight': 'TENSOR'})
    return buf.getvalue()


out('pytorch', 'benign-tar.pt', legacy_tar(tar_object()))
out('pytorch', 'malicious-tar.pt', legacy_tar(OS_SYSTEM))

# ---------------------------------------------------------------------------- NumPy


def npy(arr):
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=True)
    return buf.getvalue()


out('numpy', 'benign.npy', npy(np.arange(20, dtype='<f8').reshape(4, 5)))
out('numpy', 'benign-structured.npy', npy(np.zeros(3, dtype=[('x', '<i4'), ('y', '<f4', (2,))])))
out('numpy', 'benign-object.npy', npy(np.array(['a', 1, None, 2.5], dtype=object)))
header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
header = header + ' ' * (64 - 10 - len(header) - 1) + '\n'
malicious_npy = b'\x93NUMPY\x01\x00' + struct.pack('<H', len(header)) + header.encode() + OS_SYSTEM
out('numpy', 'malicious-object.npy', malicious_npy)


def npz(arrays, compressed=False):
    buf = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buf, **arrays)
    return buf.getvalue()


out('numpy', 'benign.npz', npz({'w': np.ones((3, 3)), 'labels': np.array(['x', None], dtype=object)}))
out('numpy', 'benign-compressed.npz', npz({'w': np.ones((30, 30)), 'o': np.array([1, 'a'], dtype=object)}, True))
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, 'w') as z:
    z.writestr('w.npy', npy(np.ones(3)))
    z.writestr('evil.npy', malicious_npy)
out('numpy', 'malicious.npz', zbuf.getvalue())

# ---------------------------------------------------------------------------- joblib


def joblib_bytes(obj, **kw):
    buf = io.BytesIO()
    joblib.dump(obj, buf, **kw)
    return buf.getvalue()


sk_like = {'coef_': np.random.rand(3, 4), 'intercept_': np.zeros(3, dtype=np.float32),
           'classes_': np.array(['a', 'b', 'c'], dtype=object), 'n_iter_': np.array([7], dtype=np.int32),
           'params': {'C': 1.0, 'penalty': 'l2'}, 'mask': np.array([True, False])}
out('joblib', 'benign.joblib', joblib_bytes(sk_like))
out('joblib', 'benign-named.pkl', joblib_bytes(sk_like))
out('joblib', 'benign-zlib.joblib', joblib_bytes(sk_like, compress=3))
out('joblib', 'benign-gzip.joblib', joblib_bytes(sk_like, compress=('gzip', 3)))
out('joblib', 'benign-xz.joblib', joblib_bytes(sk_like, compress=('xz', 3)))
# The malicious object comes after the arrays: found only if their bytes are skipped right.
out('joblib', 'malicious-after-arrays.joblib', joblib_bytes([sk_like, Evil()]))
out('joblib', 'malicious-zlib.joblib', joblib_bytes([sk_like, Evil()], compress=3))

# Real scikit-learn estimators, when scikit-learn is installed (optional: not in the wheelhouse).
try:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    X = np.random.rand(40, 3)
    y = (X[:, 0] > 0.5).astype(int)
    out('joblib', 'sklearn-pipeline.joblib',
        joblib_bytes(Pipeline([('scale', StandardScaler()), ('model', LogisticRegression())]).fit(X, y)))
    out('joblib', 'sklearn-tree.joblib', joblib_bytes(DecisionTreeClassifier(max_depth=2).fit(X, y)))
except ImportError:
    print('scikit-learn not installed: sklearn fixtures skipped', file=sys.stderr)

# A NumpyArrayWrapper without the alignment key whose "array bytes" are opcodes: joblib.load
# skips them as a uint8 array, pickle.load runs them (POP the wrapper, os.system, POP).
payload = b'0cposix\nsystem\n(S"echo pwned"\ntR0'
wrapper = (b'\x80\x04' + s4('joblib.numpy_pickle') + s4('NumpyArrayWrapper') + b'\x93)\x81}('
           + s4('shape') + b'K' + bytes([len(payload)]) + b'\x85' + s4('dtype')
           + s4('numpy') + s4('dtype') + b'\x93' + s4('u1') + b'\x89\x88\x87R' + b'ub')
out('joblib', 'hidden-opcodes.pkl', wrapper + payload + b'N.')

print('done', file=sys.stderr)
