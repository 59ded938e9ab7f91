/**
 * model/model-dir: a folder in the project that holds model weights (safetensors, GGUF,
 * ONNX, PyTorch, Keras/HDF5, NumPy, joblib/pickle, TensorFlow SavedModel) is one model
 * component, sharded or not, with its card, config and tokenizer files as locations.
 *
 * Weights are never loaded: only their first bytes are checked against their extension (a
 * mismatch is a warning). Folders inside installed packages and Hugging Face cache trees
 * are left to their own extractors (see `isExcludedModelPath`).
 */
import type { ExtractInput, ExtractResult, Extractor, FileEntry } from '../../../core/extractor.js';
import type { Warning } from '../shared/card.js';
import { admitWeights } from '../shared/contents.js';
import { describeDirectory, isExcludedModelPath, PIPELINE_MARKERS } from '../shared/directory.js';

/** Cheap test on the folder's child names: weights by name, or the root of a multi-part pipeline. */
function required(entry: FileEntry): boolean {
  const children = entry.children;
  if (children === undefined || children.length === 0 || isExcludedModelPath(entry.path))
    return false;
  if (PIPELINE_MARKERS.some((m) => children.includes(m))) return true;
  return admitWeights(children).length > 0;
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const warnings: Warning[] = [];
  const record = await describeDirectory({
    fs: input.fs,
    dir: input.entry.path,
    allPaths: input.allPaths,
    warnings,
  });
  return {
    packages: record === undefined ? [] : [record],
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export const extractor = {
  name: 'model/model-dir',
  ecosystem: 'huggingface',
  requiresNetwork: false,
  target: 'directory',
  required,
  extract,
} satisfies Extractor;
