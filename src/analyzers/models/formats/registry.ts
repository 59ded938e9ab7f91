/**
 * The explicit list of model-file readers, in the order they are tried: the first whose
 * `matches` accepts a file reads it. Unreadable containers first (7z), then the zip-based
 * formats from the most specific (`.keras`, `.npz`) to the generic one (any other zip is read
 * as torch.load would read it), then formats with a magic number (GGUF, HDF5), formats known by
 * name (safetensors, ONNX, SavedModel: a wrong file under such a name fails its reader and is
 * reported `error`), and the pickle family last, the generic pickle sniffing at the very end
 * because it accepts any file whose first bytes look like a pickle.
 */
import type { FormatReader } from '../types.js';
import { ggufReader } from './gguf/index.js';
import { hdf5Reader } from './hdf5/index.js';
import { joblibReader } from './joblib/index.js';
import { kerasReader } from './keras/index.js';
import { npzReader, numpyReader } from './numpy/index.js';
import { onnxReader } from './onnx/index.js';
import { pickleReader } from './pickle/index.js';
import { pytorchLegacyReader, pytorchTarReader, pytorchZipReader } from './pytorch/index.js';
import { safetensorsReader } from './safetensors/index.js';
import { savedModelReader } from './savedmodel/index.js';
import { kerasMetadataReader } from './savedmodel/keras-metadata.js';
import { sevenZipReader } from './zip/index.js';

/** Every reader `openvet model scan` and the models analyzer use, in the order tried. */
export const formatReaders: readonly FormatReader[] = [
  sevenZipReader,
  kerasReader,
  npzReader,
  pytorchZipReader,
  ggufReader,
  hdf5Reader,
  safetensorsReader,
  onnxReader,
  savedModelReader,
  kerasMetadataReader,
  numpyReader,
  pytorchTarReader,
  joblibReader,
  pytorchLegacyReader,
  pickleReader,
];
