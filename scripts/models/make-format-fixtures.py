#!/usr/bin/env python3
"""Generate the small model-file fixtures of the non-pickle format readers.

Writes into src/analyzers/models/formats/<format>/__fixtures__/ (each file < 100 KB):
safetensors, gguf, onnx, keras (.keras and .h5) and savedmodel. Benign files are made with the
real libraries (safetensors.torch, gguf.GGUFWriter, onnx.helper, keras, tensorflow); malicious
and malformed ones are made by editing those files' bytes or protos. Nothing generated here is
ever loaded: the Keras Lambda payloads are harmless (`echo pwned`) and are never called, the
SavedModel ops are traced into graphs, not run.

Usage (offline, from the repository root):
    python3 -m venv /tmp/fxenv
    /tmp/fxenv/bin/pip install --no-index --find-links /opt/wheels \
        torch numpy safetensors onnx gguf keras h5py tensorflow-cpu
    /tmp/fxenv/bin/python scripts/models/make-format-fixtures.py

Outputs are deterministic except where the libraries embed versions or random initial
weights (Keras); tests only assert on structure, never on those values.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import sys
import tempfile
import zipfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "src" / "analyzers" / "models" / "formats"


def out_dir(fmt: str) -> Path:
    d = FORMATS / fmt / "__fixtures__"
    d.mkdir(parents=True, exist_ok=True)
    return d


# --------------------------------------------------------------------------------------------
# safetensors
# --------------------------------------------------------------------------------------------


def rewrite_safetensors_header(src: bytes, edit) -> bytes:
    """Parse a safetensors file's header, let `edit` change it, and reassemble the file."""
    (n,) = struct.unpack("<Q", src[:8])
    header = json.loads(src[8 : 8 + n])
    data = src[8 + n :]
    edit(header)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    return struct.pack("<Q", len(raw)) + raw + data


def make_safetensors() -> None:
    import torch
    from safetensors.torch import save_file

    d = out_dir("safetensors")
    torch.manual_seed(0)
    tensors = {
        "embed.weight": torch.randn(16, 8),
        "layer.0.weight": torch.randn(8, 8, dtype=torch.float16),
        "layer.0.bias": torch.zeros(8, dtype=torch.bfloat16),
        "step": torch.tensor([3], dtype=torch.int64),
        "mask": torch.ones(4, dtype=torch.bool),
    }
    save_file(tensors, str(d / "benign.safetensors"), metadata={"format": "pt", "source": "openvet"})
    benign = (d / "benign.safetensors").read_bytes()

    def overlap(h):
        # make the second tensor start inside the first one
        names = sorted((k for k in h if k != "__metadata__"), key=lambda k: h[k]["data_offsets"][0])
        first, second = h[names[0]], h[names[1]]
        length = second["data_offsets"][1] - second["data_offsets"][0]
        start = first["data_offsets"][0] + 4
        second["data_offsets"] = [start, start + length]

    (d / "overlap.safetensors").write_bytes(rewrite_safetensors_header(benign, overlap))

    def beyond(h):
        h["embed.weight"]["data_offsets"] = [0, 1 << 40]
        h["embed.weight"]["shape"] = [1 << 38]

    (d / "offsets-beyond-file.safetensors").write_bytes(rewrite_safetensors_header(benign, beyond))

    # header length field larger than the file
    (d / "header-beyond-file.safetensors").write_bytes(struct.pack("<Q", 10_000_000) + benign[8:64])

    def bad_size(h):
        h["layer.0.weight"]["shape"] = [8, 9]

    (d / "size-mismatch.safetensors").write_bytes(rewrite_safetensors_header(benign, bad_size))


# --------------------------------------------------------------------------------------------
# GGUF
# --------------------------------------------------------------------------------------------

LLAMA3_TEMPLATE = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}"
    "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'"
    "+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}"
    "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}"
    "{% endif %}"
)

CHATML_TEMPLATE = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content']"
    " + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}"
    "{{ '<|im_start|>assistant\n' }}{% endif %}"
)

# Published GGUF chat-template SSTI payloads (CVE-2024-34359 in llama-cpp-python and the
# classic Jinja sandbox-escape chains), with a harmless command.
SSTI_PAYLOADS = {
    "ssti-subclasses": (
        "{% for x in ().__class__.__base__.__subclasses__() %}{% if \"warning\" in x.__name__ %}"
        "{{x()._module.__builtins__['__import__']('os').popen(\"echo pwned\")}}{%endif%}"
        "{% endfor %}"
    ),
    "ssti-cycler-globals": "{{ cycler.__init__.__globals__.os.popen('echo pwned').read() }}",
    "ssti-attr-hex": (
        "{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f')|attr('\\x5f\\x5fbase\\x5f\\x5f') }}" + CHATML_TEMPLATE
    ),
}


def write_gguf(path: Path, template: str | None, name: str = "tiny-llama") -> None:
    import numpy as np
    from gguf import GGUFWriter

    w = GGUFWriter(str(path), "llama")
    w.add_name(name)
    w.add_license("llama3")
    w.add_base_model_count(1)
    w.add_base_model_name(0, "Meta Llama 3 8B")
    w.add_context_length(128)
    w.add_embedding_length(8)
    w.add_block_count(1)
    w.add_tokenizer_model("gpt2")
    w.add_token_list(["<|begin_of_text|>", "<|eot_id|>", "a", "b"])
    if template is not None:
        w.add_chat_template(template)
    w.add_tensor("token_embd.weight", np.arange(32, dtype=np.float32).reshape(4, 8))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def make_gguf() -> None:
    d = out_dir("gguf")
    write_gguf(d / "benign-llama3.gguf", LLAMA3_TEMPLATE)
    write_gguf(d / "benign-chatml.gguf", CHATML_TEMPLATE, name="tiny-chatml")
    write_gguf(d / "benign-no-template.gguf", None)
    for stem, payload in SSTI_PAYLOADS.items():
        write_gguf(d / f"{stem}.gguf", payload)
    # cut inside the metadata: the header claims more than the file holds
    benign = (d / "benign-llama3.gguf").read_bytes()
    (d / "truncated.gguf").write_bytes(benign[:200])


# --------------------------------------------------------------------------------------------
# ONNX
# --------------------------------------------------------------------------------------------


def onnx_model(custom_domain: str | None = None, nested_custom: bool = False):
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    weight = numpy_helper.from_array(np.arange(64, dtype=np.float32).reshape(8, 8), "W")
    nodes = [helper.make_node("MatMul", ["X", "W"], ["Y0"], name="matmul")]
    opsets = [helper.make_opsetid("", 17)]
    if custom_domain:
        nodes.append(helper.make_node("Exfiltrate", ["Y0"], ["Y1"], domain=custom_domain, name="custom"))
        opsets.append(helper.make_opsetid(custom_domain, 1))
    else:
        nodes.append(helper.make_node("Relu", ["Y0"], ["Y1"], name="relu"))
    if nested_custom:
        # the custom op hides in the `then` branch of an If node
        then_graph = helper.make_graph(
            [helper.make_node("Shell", ["Y1"], ["T"], domain="evil.ops")],
            "then",
            [],
            [helper.make_tensor_value_info("T", TensorProto.FLOAT, [1, 8])],
        )
        else_graph = helper.make_graph(
            [helper.make_node("Identity", ["Y1"], ["E"])],
            "else",
            [],
            [helper.make_tensor_value_info("E", TensorProto.FLOAT, [1, 8])],
        )
        nodes.append(helper.make_node("Constant", [], ["C"], value=helper.make_tensor("c", TensorProto.BOOL, [], [True])))
        nodes.append(helper.make_node("If", ["C"], ["Y"], then_branch=then_graph, else_branch=else_graph))
        opsets.append(helper.make_opsetid("evil.ops", 1))
    else:
        nodes.append(helper.make_node("Identity", ["Y1"], ["Y"]))
    graph = helper.make_graph(
        nodes,
        "tiny",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 8])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 8])],
        [weight],
    )
    model = helper.make_model(graph, opset_imports=opsets, producer_name="openvet-fixtures")
    helper.set_model_props(model, {"license": "apache-2.0", "author": "openvet"})
    return model


def make_onnx() -> None:
    import onnx
    from onnx.external_data_helper import convert_model_to_external_data

    d = out_dir("onnx")
    model = onnx_model()
    onnx.save(model, str(d / "benign.onnx"))

    ext = onnx_model()
    convert_model_to_external_data(ext, all_tensors_to_one_file=True, location="benign-external.onnx.data", size_threshold=0)
    onnx.save(ext, str(d / "benign-external.onnx"))

    for stem, location in [
        ("external-traversal", "../../etc/passwd"),
        ("external-absolute", "/etc/passwd"),
        ("external-url", "file:///etc/passwd"),
    ]:
        m = onnx_model()
        convert_model_to_external_data(m, all_tensors_to_one_file=True, location="x.data", size_threshold=0)
        for t in m.graph.initializer:
            for entry in t.external_data:
                if entry.key == "location":
                    entry.value = location
        # serialise directly: onnx.save would try to write the external data file
        (d / f"{stem}.onnx").write_bytes(m.SerializeToString())

    onnx.save(onnx_model(custom_domain="com.example.evil"), str(d / "custom-domain.onnx"))
    onnx.save(onnx_model(nested_custom=True), str(d / "custom-domain-subgraph.onnx"))
    onnx.save(onnx_model(custom_domain="com.microsoft"), str(d / "benign-contrib-domain.onnx"))


# --------------------------------------------------------------------------------------------
# Keras
# --------------------------------------------------------------------------------------------


def make_keras() -> None:
    import keras

    d = out_dir("keras")

    def dense_model(extra=None):
        inputs = keras.Input(shape=(4,))
        x = keras.layers.Dense(3, name="dense")(inputs)
        if extra is not None:
            x = extra(x)
        return keras.Model(inputs, keras.layers.Dense(2, name="out")(x))

    keras.utils.set_random_seed(0)
    dense_model().save(d / "benign.keras")
    dense_model().save(d / "benign.h5")

    # Keras calls the lambda while building the model, so the payload sits in a branch that is
    # never taken: the marshalled bytecode still names os.system, nothing runs.
    never = False
    payload = keras.layers.Lambda(
        lambda x: __import__("os").system("echo pwned") if never else x, name="payload"
    )
    lambda_model = dense_model(payload)
    lambda_model.save(d / "lambda.keras")
    lambda_model.save(d / "lambda.h5")

    @keras.saving.register_keras_serializable(package="EvilPkg")
    class Scale(keras.layers.Layer):
        def call(self, x):
            return x * 2.0

    dense_model(Scale(name="scale")).save(d / "custom-object.keras")

    # a .keras whose config says the Lambda is stored in Keras 2's form (function_type lambda)
    with zipfile.ZipFile(d / "benign.keras") as z:
        members = {n: z.read(n) for n in z.namelist()}
    cfg = json.loads(members["config.json"])
    cfg["config"]["layers"].append(
        {
            "class_name": "Lambda",
            "module": "keras.layers",
            "config": {
                "name": "legacy_lambda",
                "function": ["4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMEAAAAfABTACkBTqkAKQHaAXhyAQAAAHIBAAAA+gg8c3RkaW4+2gg8bGFtYmRhPgEAAADzAAAAAA==", None, None],
                "function_type": "lambda",
            },
        }
    )
    members["config.json"] = json.dumps(cfg).encode()
    with zipfile.ZipFile(d / "legacy-lambda.keras", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def make_hdf5() -> None:
    """Plain HDF5 files: a weights-only file, and a hand-written Keras config that injects a
    module (CVE-2025-1550 style) — written with h5py, never loaded by Keras."""
    import h5py
    import numpy as np

    d = out_dir("hdf5")
    with h5py.File(d / "weights-only.h5", "w") as f:
        f.attrs["layer_names"] = np.array([b"dense"])
        g = f.create_group("dense")
        g.attrs["weight_names"] = np.array([b"dense/kernel:0"])
        g.create_dataset("dense/kernel:0", data=np.arange(64, dtype=np.float32).reshape(8, 8))
    config = {
        "class_name": "Sequential",
        "config": {
            "name": "s",
            "layers": [{"module": "os", "class_name": "system", "config": "echo pwned", "registered_name": None}],
        },
    }
    # A Keras file with one damaged global-heap length (found by mutating lambda.h5): the HDF5
    # library loops forever reading it, which the reader's worker deadline must stop.
    import re

    lam = bytearray((FORMATS / "keras" / "__fixtures__" / "lambda.h5").read_bytes())
    m = re.search(rb"\x0d\x00{7}input_layer", bytes(lam))
    if m is None:
        raise SystemExit("lambda.h5: the input_layer heap object was not found")
    lam[m.start()] = 245
    (d / "heap-loop.h5").write_bytes(bytes(lam))

    with h5py.File(d / "module-injection.h5", "w") as f:
        f.attrs["keras_version"] = "3.8.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(config)
        f.create_group("model_weights")


# --------------------------------------------------------------------------------------------
# TensorFlow SavedModel
# --------------------------------------------------------------------------------------------


def make_savedmodel() -> None:
    import tensorflow as tf

    d = out_dir("savedmodel")

    class Benign(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(tf.ones([4, 2]))

        @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])
        def __call__(self, x):
            return tf.nn.relu(tf.matmul(x, self.w))

    class ReadsFile(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([], tf.string)])
        def __call__(self, path):
            data = tf.io.read_file("/etc/passwd")
            tf.io.write_file("/tmp/openvet-pwned", data)
            return data

    def shout(x):  # never called: only traced into an EagerPyFunc node
        return x

    class PyFunc(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([2], tf.float32)])
        def __call__(self, x):
            return tf.py_function(shout, [x], tf.float32)

    # keras_metadata.pb of TF2 Keras SavedModels: each node's metadata is the layer's JSON
    # config (the Lambda one carries marshalled bytecode, here a harmless stand-in).
    from tensorflow.python.keras.protobuf import saved_metadata_pb2

    def keras_metadata(layers):
        meta = saved_metadata_pb2.SavedMetadata()
        for i, layer in enumerate(layers):
            node = meta.nodes.add()
            node.node_id = i
            node.node_path = "root" if i == 0 else f"root.layer-{i - 1}"
            node.identifier = "_tf_keras_network" if i == 0 else "_tf_keras_layer"
            node.metadata = json.dumps(layer)
            node.version.producer = 2
        return meta.SerializeToString()

    dense = {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 2}}
    model = {"class_name": "Sequential", "name": "seq", "config": {"name": "seq", "layers": []}}
    lam = {
        "class_name": "Lambda",
        "name": "payload",
        "config": {"name": "payload", "function": ["4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMEAAAAfABTACkBTqkA", None, None], "function_type": "lambda"},
    }
    for stem, layers in [("keras-benign", [model, dense]), ("keras-lambda", [model, dense, lam])]:
        target = d / stem
        target.mkdir(exist_ok=True)
        (target / "keras_metadata.pb").write_bytes(keras_metadata(layers))

    for stem, module in [("benign", Benign()), ("readfile", ReadsFile()), ("pyfunc", PyFunc())]:
        with tempfile.TemporaryDirectory() as tmp:
            tf.saved_model.save(module, tmp)
            target = d / stem
            target.mkdir(exist_ok=True)
            shutil.copyfile(Path(tmp) / "saved_model.pb", target / "saved_model.pb")


def main() -> None:
    os.umask(0o022)
    steps = {
        "safetensors": make_safetensors,
        "gguf": make_gguf,
        "onnx": make_onnx,
        "keras": make_keras,
        "hdf5": make_hdf5,
        "savedmodel": make_savedmodel,
    }
    wanted = sys.argv[1:] or list(steps)
    for name in wanted:
        steps[name]()
        print(f"{name}: done")
    for fmt in wanted:
        for f in sorted((FORMATS / fmt / "__fixtures__").rglob("*")):
            if f.is_file():
                size = f.stat().st_size
                if size > 100_000:
                    raise SystemExit(f"{f} is {size} bytes, over the 100 KB fixture limit")


if __name__ == "__main__":
    main()
