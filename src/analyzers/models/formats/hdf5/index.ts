/**
 * HDF5 files (`.h5`, `.hdf5`): Keras 2 and the Keras 3 legacy format save the model config as
 * the JSON root attribute `model_config` (and the compile settings as `training_config`);
 * loading the model deserialises it, which runs Lambda bytecode and imports named modules.
 * The attributes are read with h5wasm over ranged reads (see `lazy-file.ts`), never the
 * datasets. An HDF5 file without `model_config` (a weights file) holds only arrays and is
 * reported as plain `hdf5`.
 */

import type {
  ByteSource,
  FormatReader,
  FormatResult,
  ModelFinding,
  ReadContext,
} from '../../types.js';
import { checkKerasConfig } from '../keras/config.js';
import { readH5RootAttributes } from './lazy-file.js';

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Most metadata bytes fetched for the root attributes. */
const MAX_METADATA_BYTES = 64 * 1024 * 1024;

/** Root attributes whose (string) values are reported. */
const REPORTED_ATTRIBUTES = ['keras_version', 'backend'];
/** Root attributes holding Keras configs to check. */
const CONFIG_ATTRIBUTES = ['model_config', 'training_config'];

/** HDF5 files, by signature (at offset 0) or by the `.h5` / `.hdf5` extension. */
export const hdf5Reader: FormatReader = {
  format: 'hdf5',
  matches(name, head) {
    return HDF5_SIGNATURE.every((b, i) => head[i] === b) || /\.(h5|hdf5)$/i.test(name);
  },
  async read(source: ByteSource, context: ReadContext): Promise<FormatResult> {
    const maxBytes = Math.min(MAX_METADATA_BYTES, context.limits.maxMemberBytes);
    const root = await readH5RootAttributes(
      source,
      [...REPORTED_ATTRIBUTES, ...CONFIG_ATTRIBUTES],
      maxBytes,
    );
    const { bytesRead } = root;

    const findings: ModelFinding[] = [];
    const metadata: Record<string, unknown> = { rootAttributes: root.names.slice(0, 100) };
    for (const name of REPORTED_ATTRIBUTES) {
      const value = root.values[name];
      if (value !== undefined)
        metadata[name === 'keras_version' ? 'kerasVersion' : name] = value.slice(0, 64);
    }
    let isKeras = false;
    for (const name of CONFIG_ATTRIBUTES) {
      const text = root.values[name];
      if (text === undefined) continue;
      isKeras = true;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new Error(
          `hdf5: ${source.name}: root attribute ${name} is not JSON (${(err as Error).message.slice(0, 200)})`,
          {
            cause: err,
          },
        );
      }
      const check = checkKerasConfig(json, name);
      findings.push(...check.findings);
      if (name === 'model_config') {
        if (check.modelClass) metadata.modelClass = check.modelClass;
        metadata.objectCount = check.objectCount;
      }
    }
    if (!isKeras && root.names.includes('model_config')) {
      findings.push({
        rule: 'keras.unreadable-config',
        severity: 'error',
        message: 'The model_config attribute is not a string; it cannot be checked.',
        detail: 'model_config',
      });
    }
    return { format: isKeras ? 'keras-h5' : 'hdf5', findings, metadata, bytesRead };
  },
};
