"""Regenerates models/support-classifier/model.safetensors: a tiny, real safetensors file
(random weights of the right shapes for a 2-layer classifier head). Run from examples/llm-app:
    python3 scripts/make-model.py
Needs: pip install safetensors numpy (pip here is set up with an offline wheelhouse).
"""
import numpy as np
from safetensors.numpy import save_file

rng = np.random.default_rng(seed=7)
tensors = {
    "classifier.dense.weight": rng.standard_normal((16, 32), dtype=np.float32),
    "classifier.dense.bias": np.zeros(16, dtype=np.float32),
    "classifier.out_proj.weight": rng.standard_normal((4, 16), dtype=np.float32),
    "classifier.out_proj.bias": np.zeros(4, dtype=np.float32),
}
save_file(tensors, "models/support-classifier/model.safetensors", metadata={"format": "pt"})
