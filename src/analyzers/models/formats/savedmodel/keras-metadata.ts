/**
 * `keras_metadata.pb` of TF2 Keras SavedModels (`model.save(dir)` before Keras 3): a protobuf
 * `SavedMetadata` whose nodes carry each layer's JSON config. Loading the directory with
 * `keras.models.load_model` rebuilds layers from it, so a Lambda layer's marshalled bytecode
 * runs (modelscan checks the same file). Field numbers (keras/protobuf/saved_metadata.proto):
 * SavedMetadata.nodes=1 → SavedObject.node_id=2, node_path=3, identifier=4, metadata=5.
 */

import type {
  ByteSource,
  FormatReader,
  FormatResult,
  ModelFinding,
  ReadContext,
} from '../../types.js';
import { checkKerasConfig } from '../keras/config.js';
import { forEachField, protoReader, readString } from '../onnx/protobuf.js';

/** Longest node metadata parsed (layer configs are kilobytes). */
const MAX_METADATA_CHARS = 16 * 1024 * 1024;

/** `keras_metadata.pb` files of Keras SavedModel directories. */
export const kerasMetadataReader: FormatReader = {
  format: 'keras-metadata',
  matches(name) {
    return name === 'keras_metadata.pb';
  },
  async read(source: ByteSource, context: ReadContext): Promise<FormatResult> {
    const reader = protoReader(source);
    const findings: ModelFinding[] = [];
    const maxChars = Math.min(MAX_METADATA_CHARS, context.limits.maxMemberBytes);
    let nodes = 0;
    await forEachField(reader, 0, source.size, async (f) => {
      if (f.number !== 1 || f.wire !== 2) return;
      nodes++;
      let path = '';
      let json = '';
      await forEachField(reader, f.offset, f.offset + f.length, async (g) => {
        if (g.wire !== 2) return;
        if (g.number === 3) path = await readString(reader, g, 512);
        else if (g.number === 5) {
          if (g.length > maxChars) {
            throw new Error(
              `keras-metadata: node at offset ${f.offset} has ${g.length} bytes of metadata, over ${maxChars}`,
            );
          }
          json = await readString(reader, g, g.length);
        }
      });
      if (json === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (err) {
        throw new Error(
          `keras-metadata: node "${path}" metadata is not JSON (${(err as Error).message.slice(0, 200)})`,
          {
            cause: err,
          },
        );
      }
      findings.push(...checkKerasConfig(parsed, `keras_metadata.pb node ${path}`).findings);
    });
    return {
      format: 'keras-metadata',
      findings,
      metadata: { nodeCount: nodes },
      bytesRead: reader.bytesRead,
    };
  },
};
