/**
 * TensorFlow SavedModel (`saved_model.pb`): a protobuf `SavedModel` whose graphs run when the
 * model is loaded and called. TensorFlow's own guidance is that a model is a program
 * ("Using TensorFlow Securely"); the operators that turn it into an attack are the ones that
 * touch the file system or call back into Python. This reader lists every op of every graph
 * and of every function in the function library (tf.function bodies live there) and flags
 * those.
 *
 * Walked fields (tensorflow/core/protobuf/saved_model.proto, meta_graph.proto and
 * framework/graph.proto, node_def.proto, function.proto, op_def.proto):
 * SavedModel.meta_graphs=2 → MetaGraphDef.meta_info_def=1 (MetaInfoDef.tags=4,
 * tensorflow_version=5) and graph_def=2 → GraphDef.node=1 (NodeDef.name=1, op=2) and
 * library=2 → FunctionDefLibrary.function=1 → FunctionDef.signature=1 (OpDef.name=1),
 * node_def=3 (NodeDef). Constant tensors in node attributes are skipped by offset.
 */

import type {
  ByteSource,
  FormatReader,
  FormatResult,
  ModelFinding,
  ReadContext,
} from '../../types.js';
import { forEachField, protoReader, readString } from '../onnx/protobuf.js';
import type { ProtoField, ProtoReader } from '../onnx/protobuf.js';

/**
 * Ops that read, write or list files, or run Python, at graph execution. Source: modelscan's
 * `unsafe_tf_operators` (protectai/modelscan `settings.py`: ReadFile, WriteFile; later
 * versions add MatchingFiles, WholeFileReader, PyFunc, EagerPyFunc), completed with the
 * remaining py-func variant and the V2 reader.
 */
export const UNSAFE_TF_OPS: ReadonlyMap<string, string> = new Map([
  ['ReadFile', 'reads any file the process can read'],
  ['WriteFile', 'writes any file the process can write'],
  ['MatchingFiles', 'lists files matching a glob (file-system discovery)'],
  ['WholeFileReader', 'reads whole files'],
  ['WholeFileReaderV2', 'reads whole files'],
  ['PyFunc', 'calls a Python function of the loading process'],
  ['PyFuncStateless', 'calls a Python function of the loading process'],
  ['EagerPyFunc', 'calls a Python function of the loading process'],
]);

/**
 * Ops a person should look at: `ImmutableConst` memory-maps a file named in the graph,
 * `DebugIdentityV2` / `DebugIdentityV3` write tensors to a dump directory named in the graph.
 */
export const SUSPICIOUS_TF_OPS: ReadonlyMap<string, string> = new Map([
  ['ImmutableConst', 'memory-maps a file named in the graph'],
  ['DebugIdentityV2', 'writes debug dumps to a directory named in the graph'],
  ['DebugIdentityV3', 'writes debug dumps to a directory named in the graph'],
]);

/** Most nodes visited in one file (bounds hostile files). */
const MAX_NODES = 10_000_000;

interface Walk {
  readonly reader: ProtoReader;
  /** op → the first node and place using it. */
  readonly ops: Map<string, string>;
  nodes: number;
  functions: number;
}

/** NodeDef: name=1, op=2. */
async function walkNode(walk: Walk, field: ProtoField, where: string): Promise<void> {
  if (++walk.nodes > MAX_NODES) throw new Error(`savedmodel: more than ${MAX_NODES} nodes`);
  let name = '';
  let op = '';
  await forEachField(walk.reader, field.offset, field.offset + field.length, async (f) => {
    if (f.wire !== 2) return;
    if (f.number === 1) name = await readString(walk.reader, f, 256);
    else if (f.number === 2) op = await readString(walk.reader, f, 256);
  });
  if (!walk.ops.has(op)) walk.ops.set(op, `${where} node "${name}"`);
}

/**
 * FunctionDef: signature=1 (OpDef.name=1), node_def=3. Nodes are walked as they come (the
 * signature is written first), so the reader never seeks back.
 */
async function walkFunction(walk: Walk, field: ProtoField): Promise<void> {
  walk.functions++;
  let name = '';
  await forEachField(walk.reader, field.offset, field.offset + field.length, async (f) => {
    if (f.wire !== 2) return;
    if (f.number === 1) {
      await forEachField(walk.reader, f.offset, f.offset + f.length, async (g) => {
        if (g.number === 1 && g.wire === 2) name = await readString(walk.reader, g, 256);
      });
    } else if (f.number === 3) await walkNode(walk, f, `function "${name}"`);
  });
}

/** GraphDef: node=1, library=2 (FunctionDefLibrary.function=1). */
async function walkGraph(walk: Walk, field: ProtoField, where: string): Promise<void> {
  await forEachField(walk.reader, field.offset, field.offset + field.length, async (f) => {
    if (f.wire !== 2) return;
    if (f.number === 1) await walkNode(walk, f, where);
    else if (f.number === 2) {
      await forEachField(walk.reader, f.offset, f.offset + f.length, async (g) => {
        if (g.number === 1 && g.wire === 2) await walkFunction(walk, g);
      });
    }
  });
}

async function walkSavedModel(source: ByteSource): Promise<FormatResult> {
  const reader = protoReader(source);
  const walk: Walk = { reader, ops: new Map(), nodes: 0, functions: 0 };
  const tags = new Set<string>();
  const versions = new Set<string>();
  let metaGraphs = 0;
  await forEachField(reader, 0, source.size, async (f) => {
    if (f.number !== 2 || f.wire !== 2) return;
    metaGraphs++;
    await forEachField(reader, f.offset, f.offset + f.length, async (m) => {
      if (m.wire !== 2) return;
      if (m.number === 2) await walkGraph(walk, m, `meta graph ${metaGraphs}`);
      else if (m.number === 1) {
        await forEachField(reader, m.offset, m.offset + m.length, async (i) => {
          if (i.wire !== 2) return;
          if (i.number === 4) tags.add(await readString(reader, i, 128));
          else if (i.number === 5) versions.add(await readString(reader, i, 64));
        });
      }
    });
  });
  if (metaGraphs === 0) {
    throw new Error(`savedmodel: ${source.name} has no meta graph (field 2); not a SavedModel`);
  }
  const findings: ModelFinding[] = [];
  for (const [op, where] of [...walk.ops].sort(([a], [b]) => a.localeCompare(b))) {
    const unsafe = UNSAFE_TF_OPS.get(op);
    const suspicious = SUSPICIOUS_TF_OPS.get(op);
    if (unsafe) {
      findings.push({
        rule: 'savedmodel.unsafe-op',
        severity: 'unsafe',
        message: `The graph uses ${op}, which ${unsafe}.`,
        detail: `${op} in ${where}`,
      });
    } else if (suspicious) {
      findings.push({
        rule: 'savedmodel.suspicious-op',
        severity: 'suspicious',
        message: `The graph uses ${op}, which ${suspicious}.`,
        detail: `${op} in ${where}`,
      });
    }
  }
  return {
    format: 'savedmodel',
    findings,
    metadata: {
      metaGraphs,
      tags: [...tags].sort(),
      tensorflowVersions: [...versions].sort(),
      nodeCount: walk.nodes,
      functionCount: walk.functions,
      operators: [...walk.ops.keys()].sort().slice(0, 500),
    },
    bytesRead: reader.bytesRead,
  };
}

/**
 * TensorFlow SavedModel: the `saved_model.pb` file of a SavedModel directory (the variables
 * hold only tensors; `saved_model.pbtxt` is not read).
 */
export const savedModelReader: FormatReader = {
  format: 'savedmodel',
  matches(name) {
    return name === 'saved_model.pb';
  },
  async read(source: ByteSource, _context: ReadContext): Promise<FormatResult> {
    return walkSavedModel(source);
  },
};
