"""Regenerates the model fixtures beside this script: tiny but REAL model files (a few KB
each) written by the libraries that write them in the wild, so the extractors' header
sniffing is tested on genuine bytes. Random weights, fixed seeds.

Run from anywhere:
    python3 src/extractors/model/__fixtures__/make-fixtures.py
Needs (pip here is set up with an offline wheelhouse):
    pip install safetensors numpy torch onnx gguf joblib

The Hugging Face cache layout (symlinks into blobs/) is built by the tests at run time in a
temp dir, not here.
"""
import json
import os
import pickle
import shutil

import gguf
import joblib
import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(seed=11)


def fresh(name):
    path = os.path.join(HERE, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_json(path, value):
    write_text(path, json.dumps(value, indent=2, sort_keys=True) + "\n")


def tensors(prefix, shapes):
    return {f"{prefix}.{k}": rng.standard_normal(s).astype(np.float32) for k, s in shapes.items()}


# 1. safetensors + config.json + model card naming the hub repo it was published as.
d = fresh("safetensors-card")
save_file(tensors("encoder", {"weight": (8, 16), "bias": (8,)}), os.path.join(d, "model.safetensors"), metadata={"format": "pt"})
write_json(os.path.join(d, "config.json"), {
    "_name_or_path": "openvet-test/tiny-bert",
    "architectures": ["BertForSequenceClassification"],
    "model_type": "bert",
    "hidden_size": 8,
})
write_json(os.path.join(d, "tokenizer_config.json"), {"do_lower_case": True, "model_max_length": 32})
write_text(os.path.join(d, "vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\nworld\n")
write_text(os.path.join(d, "README.md"), """---
license: apache-2.0
base_model: google-bert/bert-base-uncased
pipeline_tag: text-classification
library_name: transformers
tags:
  - tiny
---

# tiny-bert

A tiny test classifier.
""")

# 2. Sharded safetensors with an index; config names only the base it was fine-tuned from.
d = fresh("sharded")
save_file(tensors("layer0", {"weight": (4, 4)}), os.path.join(d, "model-00001-of-00002.safetensors"))
save_file(tensors("layer1", {"weight": (4, 4), "bias": (4,)}), os.path.join(d, "model-00002-of-00002.safetensors"))
write_json(os.path.join(d, "model.safetensors.index.json"), {
    "metadata": {"total_size": 144},
    "weight_map": {
        "layer0.weight": "model-00001-of-00002.safetensors",
        "layer1.weight": "model-00002-of-00002.safetensors",
        "layer1.bias": "model-00002-of-00002.safetensors",
    },
})
write_json(os.path.join(d, "config.json"), {
    "_name_or_path": "meta-llama/Llama-3.2-1B",
    "architectures": ["LlamaForCausalLM"],
    "model_type": "llama",
})
write_text(os.path.join(d, "README.md"), """---
license: llama3.2
base_model:
  - meta-llama/Llama-3.2-1B
  - meta-llama/Llama-3.2-1B-Instruct
---
Merged fine-tune.
""")

# 3. PyTorch pickle-in-zip weights (torch.save), the classic pytorch_model.bin.
d = fresh("pytorch-bin")
torch.manual_seed(3)
torch.save({"linear.weight": torch.randn(4, 4), "linear.bias": torch.zeros(4)}, os.path.join(d, "pytorch_model.bin"))
write_json(os.path.join(d, "config.json"), {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2"})

# 4. GGUF, written by llama.cpp's own gguf package.
d = fresh("gguf")
writer = gguf.GGUFWriter(os.path.join(d, "tiny-q8.gguf"), "llama")
writer.add_name("Tiny Llama")
writer.add_license("mit")
writer.add_tensor("token_embd.weight", rng.standard_normal((4, 8)).astype(np.float32))
writer.write_header_to_file()
writer.write_kv_data_to_file()
writer.write_tensors_to_file()
writer.close()

# 5. ONNX: one MatMul.
d = fresh("onnx")
weight = helper.make_tensor("W", TensorProto.FLOAT, [4, 2], rng.standard_normal(8).astype(np.float32).tolist())
graph = helper.make_graph(
    [helper.make_node("MatMul", ["X", "W"], ["Y"])],
    "tiny",
    [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 4])],
    [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 2])],
    initializer=[weight],
)
model = helper.make_model(graph, producer_name="openvet-fixtures", opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(d, "model.onnx"))

# 6. Classic ML: joblib and pickle (plain data, nothing executable), numpy arrays beside a card.
d = fresh("classic-ml")
joblib.dump({"coef": [0.5, -1.25], "intercept": 0.1}, os.path.join(d, "model.joblib"))
with open(os.path.join(d, "scaler.pkl"), "wb") as f:
    pickle.dump({"mean": [1.0, 2.0], "scale": [0.5, 0.25]}, f, protocol=4)
np.save(os.path.join(d, "embeddings.npy"), rng.standard_normal((3, 4)).astype(np.float32))
write_text(os.path.join(d, "README.md"), """---
license: mit
library_name: sklearn
pipeline_tag: tabular-classification
---
Churn model.
""")

# 7. A PEFT LoRA adapter: the base model is in adapter_config.json only.
d = fresh("peft-adapter")
save_file(tensors("base_model.model.q_proj.lora_A", {"weight": (2, 8)}), os.path.join(d, "adapter_model.safetensors"))
write_json(os.path.join(d, "adapter_config.json"), {
    "base_model_name_or_path": "mistralai/Mistral-7B-v0.1",
    "peft_type": "LORA",
    "r": 2,
    "target_modules": ["q_proj"],
})

# 8. A diffusers pipeline: model_index.json at the top, weights in component folders.
d = fresh("diffusers")
write_json(os.path.join(d, "model_index.json"), {
    "_class_name": "StableDiffusionPipeline",
    "_diffusers_version": "0.30.0",
    "unet": ["diffusers", "UNet2DConditionModel"],
    "vae": ["diffusers", "AutoencoderKL"],
})
for part in ("unet", "vae"):
    os.makedirs(os.path.join(d, part))
    save_file(tensors(part, {"weight": (2, 2)}), os.path.join(d, part, "diffusion_pytorch_model.safetensors"))
    write_json(os.path.join(d, part, "config.json"), {"_class_name": "UNet2DConditionModel" if part == "unet" else "AutoencoderKL"})
write_text(os.path.join(d, "README.md"), """---
license: creativeml-openrail-m
pipeline_tag: text-to-image
library_name: diffusers
---
""")

print("fixtures written to", HERE)
