/**
 * The explicit list of model-file readers, in the order they are tried: the first whose
 * `matches` accepts a file reads it. Specific formats come before the generic ones they could
 * be mistaken for (a `.keras` or `.npz` file is a zip; a PyTorch zip is the generic zip case).
 */
import type { FormatReader } from '../types.js';

/** Every reader `openvet model scan` and the models analyzer use. */
export const formatReaders: readonly FormatReader[] = [];
