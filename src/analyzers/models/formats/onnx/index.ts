/**
 * ONNX: a protobuf `ModelProto`. Loading one runs only the operators of the runtime, so two
 * things matter: tensors whose bytes live in "external data" files named by a path the model
 * chooses (a path outside the model's directory makes the loader read, and with some tools
 * copy or write, arbitrary files: CVE-2022-25882, CVE-2024-27318), and operators from custom
 * domains, which only run when the loader registers a custom-op library (native code) for
 * them — a person must know which library and trust it.
 *
 * The walk follows the field numbers of onnx.proto (see each walker) over ranged reads and
 * skips tensor payloads by offset, so it never reads weights.
 */

import type {
  ByteSource,
  FormatReader,
  FormatResult,
  ModelFinding,
  ReadContext,
} from '../../types.js';
import { forEachField, protoReader, readString } from './protobuf.js';
import type { ProtoField, ProtoReader } from './protobuf.js';

/**
 * Operator domains the standard runtimes implement themselves: the ONNX domains and ONNX
 * Runtime's built-in contrib domains (`com.microsoft*`, compiled into onnxruntime). Anything
 * else needs a custom-op library the loader must register: `suspicious`, named. Operators
 * defined by a function inside the model (FunctionProto) are compositions of other operators,
 * not native code, and are not flagged for their own domain.
 */
const BUILT_IN_DOMAINS = new Set([
  '',
  'ai.onnx',
  'ai.onnx.ml',
  'ai.onnx.preview.training',
  'com.microsoft',
  'com.microsoft.nchwc',
  'com.microsoft.experimental',
  'com.ms.internal.nhwc',
]);

/** Deepest nesting of subgraphs (If/Loop/Scan bodies) followed. */
const MAX_GRAPH_DEPTH = 64;
/** Most nodes and tensors visited (bounds hostile files). */
const MAX_ITEMS = 10_000_000;
/** Most metadata_props copied into the report. */
const MAX_METADATA_PROPS = 64;

/** TensorProto.DataLocation.EXTERNAL */
const DATA_LOCATION_EXTERNAL = 1;

interface Walk {
  readonly reader: ProtoReader;
  readonly findings: ModelFinding[];
  /** `domain\0op` of every node. */
  readonly ops: Map<string, { domain: string; op: string; node: string }>;
  /** `domain\0name` of model-local functions. */
  readonly functions: Set<string>;
  readonly externalFiles: Set<string>;
  items: number;
  tooDeep: boolean;
}

/**
 * Classifies an external-data `location`: undefined when it stays inside the model's
 * directory, else the reason it does not.
 */
export function externalLocationProblem(location: string): string | undefined {
  if (location.length === 0) return 'empty location';
  if (location.includes('\0')) return 'NUL byte';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location)) {
    return /^[A-Za-z]:[\\/]?/.test(location) && !/^[A-Za-z]:\/\//.test(location)
      ? 'absolute Windows path'
      : 'URL';
  }
  if (location.startsWith('/') || location.startsWith('\\')) return 'absolute path';
  if (location.startsWith('~')) return 'home-directory path';
  if (location.split(/[\\/]/).includes('..')) return 'parent-directory (..) segment';
  return undefined;
}

function bump(walk: Walk): void {
  if (++walk.items > MAX_ITEMS) {
    throw new Error(`onnx: more than ${MAX_ITEMS} nodes and tensors`);
  }
}

/** TensorProto: name=8, raw_data=9 (skipped), external_data=13, data_location=14. */
async function walkTensor(walk: Walk, start: number, end: number, where: string): Promise<void> {
  bump(walk);
  let name = '';
  let location: string | undefined;
  let dataLocation = 0;
  let hasExternalEntries = false;
  const entryProblems: string[] = [];
  await forEachField(walk.reader, start, end, async (f) => {
    if (f.number === 8 && f.wire === 2) name = await readString(walk.reader, f, 512);
    else if (f.number === 14 && f.wire === 0) dataLocation = f.varint;
    else if (f.number === 13 && f.wire === 2) {
      hasExternalEntries = true;
      const entry = await readEntry(walk.reader, f);
      if (entry.key === 'location') location = entry.value;
      if ((entry.key === 'offset' || entry.key === 'length') && !/^\d+$/.test(entry.value)) {
        entryProblems.push(`${entry.key} "${entry.value.slice(0, 40)}"`);
      }
    }
  });
  if (dataLocation !== DATA_LOCATION_EXTERNAL && !hasExternalEntries) return;
  const label = `${where} tensor "${name}"`;
  if (location === undefined) {
    walk.findings.push({
      rule: 'onnx.external-data-malformed',
      severity: 'error',
      message: `An external-data tensor names no location.`,
      detail: label,
    });
    return;
  }
  const problem = externalLocationProblem(location);
  if (problem) {
    walk.findings.push({
      rule: 'onnx.external-data-outside',
      severity: 'unsafe',
      message: `A tensor's external data points outside the model's directory (${problem}); loading reads that file.`,
      detail: `${label}: location "${location.slice(0, 300)}"`,
    });
  } else {
    walk.externalFiles.add(location.slice(0, 300));
  }
  if (entryProblems.length > 0) {
    walk.findings.push({
      rule: 'onnx.external-data-malformed',
      severity: 'error',
      message: 'An external-data offset or length is not a non-negative integer.',
      detail: `${label}: ${entryProblems.join(', ')}`,
    });
  }
}

/** StringStringEntryProto: key=1, value=2. */
async function readEntry(
  reader: ProtoReader,
  field: ProtoField,
): Promise<{ key: string; value: string }> {
  let key = '';
  let value = '';
  await forEachField(reader, field.offset, field.offset + field.length, async (f) => {
    if (f.number === 1 && f.wire === 2) key = await readString(reader, f, 256);
    else if (f.number === 2 && f.wire === 2) value = await readString(reader, f, 4096);
  });
  return { key, value };
}

/** SparseTensorProto: values=1, indices=2 (both TensorProto). */
async function walkSparse(walk: Walk, field: ProtoField, where: string): Promise<void> {
  await forEachField(walk.reader, field.offset, field.offset + field.length, async (f) => {
    if ((f.number === 1 || f.number === 2) && f.wire === 2) {
      await walkTensor(walk, f.offset, f.offset + f.length, where);
    }
  });
}

/**
 * AttributeProto: t=5, g=6, tensors=10, graphs=11, sparse_tensor=22, sparse_tensors=23. Graph
 * attributes are the bodies of If/Loop/Scan: their nodes run like the top graph's.
 */
async function walkAttribute(
  walk: Walk,
  field: ProtoField,
  depth: number,
  where: string,
): Promise<void> {
  await forEachField(walk.reader, field.offset, field.offset + field.length, async (f) => {
    if (f.wire !== 2) return;
    const end = f.offset + f.length;
    if (f.number === 5 || f.number === 10) await walkTensor(walk, f.offset, end, where);
    else if (f.number === 22 || f.number === 23) await walkSparse(walk, f, where);
    else if (f.number === 6 || f.number === 11) await walkGraph(walk, f.offset, end, depth + 1);
  });
}

/** NodeProto: name=3, op_type=4, attribute=5, domain=7. */
async function walkNode(walk: Walk, field: ProtoField, depth: number): Promise<void> {
  bump(walk);
  let name = '';
  let op = '';
  let domain = '';
  // Attributes are walked as they come (name=3 and op_type=4 precede them in files written by
  // onnx), so the reader never seeks back over a large attribute tensor.
  await forEachField(walk.reader, field.offset, field.offset + field.length, async (f) => {
    if (f.wire !== 2) return;
    if (f.number === 3) name = await readString(walk.reader, f, 256);
    else if (f.number === 4) op = await readString(walk.reader, f, 256);
    else if (f.number === 7) domain = await readString(walk.reader, f, 256);
    else if (f.number === 5) await walkAttribute(walk, f, depth, `node "${name || op}"`);
  });
  const key = `${domain}\0${op}`;
  if (!walk.ops.has(key)) walk.ops.set(key, { domain, op, node: name });
}

/** GraphProto: node=1, initializer=5, sparse_initializer=15. */
async function walkGraph(walk: Walk, start: number, end: number, depth: number): Promise<void> {
  if (depth > MAX_GRAPH_DEPTH) {
    walk.tooDeep = true;
    return;
  }
  await forEachField(walk.reader, start, end, async (f) => {
    if (f.wire !== 2) return;
    if (f.number === 1) await walkNode(walk, f, depth);
    else if (f.number === 5) await walkTensor(walk, f.offset, f.offset + f.length, 'initializer');
    else if (f.number === 15) await walkSparse(walk, f, 'sparse initializer');
  });
}

/** FunctionProto: name=1, node=7, domain=10. */
async function walkFunction(walk: Walk, field: ProtoField): Promise<void> {
  let name = '';
  let domain = '';
  await forEachField(walk.reader, field.offset, field.offset + field.length, async (f) => {
    if (f.wire !== 2) return;
    if (f.number === 1) name = await readString(walk.reader, f, 256);
    else if (f.number === 10) domain = await readString(walk.reader, f, 256);
    else if (f.number === 7) await walkNode(walk, f, 1);
  });
  walk.functions.add(`${domain}\0${name}`);
}

/** OperatorSetIdProto: domain=1, version=2. */
async function readOpset(reader: ProtoReader, field: ProtoField): Promise<string> {
  let domain = '';
  let version = 0;
  await forEachField(reader, field.offset, field.offset + field.length, async (f) => {
    if (f.number === 1 && f.wire === 2) domain = await readString(reader, f, 256);
    else if (f.number === 2 && f.wire === 0) version = f.varint;
  });
  return `${domain || 'ai.onnx'}:${version}`;
}

/**
 * Walks a ModelProto: ir_version=1, producer_name=2, producer_version=3, domain=4,
 * model_version=5, graph=7, opset_import=8, metadata_props=14, training_info=20
 * (initialization=1 and algorithm=2 are graphs), functions=25.
 */
async function walkModel(source: ByteSource): Promise<FormatResult> {
  const reader = protoReader(source);
  const walk: Walk = {
    reader,
    findings: [],
    ops: new Map(),
    functions: new Set(),
    externalFiles: new Set(),
    items: 0,
    tooDeep: false,
  };
  const metadata: Record<string, unknown> = {};
  const opsets: string[] = [];
  const props: Record<string, string> = {};
  let propCount = 0;
  let graphs = 0;
  const functions: ProtoField[] = [];
  await forEachField(reader, 0, source.size, async (f) => {
    switch (f.number) {
      case 1:
        if (f.wire === 0) metadata.irVersion = f.varint;
        break;
      case 2:
        if (f.wire === 2) metadata.producerName = await readString(reader, f, 256);
        break;
      case 3:
        if (f.wire === 2) metadata.producerVersion = await readString(reader, f, 256);
        break;
      case 4:
        if (f.wire === 2) metadata.domain = await readString(reader, f, 256);
        break;
      case 5:
        if (f.wire === 0) metadata.modelVersion = f.varint;
        break;
      case 7:
        if (f.wire === 2) {
          graphs++;
          await walkGraph(walk, f.offset, f.offset + f.length, 0);
        }
        break;
      case 8:
        if (f.wire === 2) opsets.push(await readOpset(reader, f));
        break;
      case 14:
        if (f.wire === 2) {
          const entry = await readEntry(reader, f);
          if (propCount++ < MAX_METADATA_PROPS) props[entry.key] = entry.value.slice(0, 512);
        }
        break;
      case 20:
        if (f.wire === 2) {
          await forEachField(reader, f.offset, f.offset + f.length, async (g) => {
            if ((g.number === 1 || g.number === 2) && g.wire === 2) {
              await walkGraph(walk, g.offset, g.offset + g.length, 1);
            }
          });
        }
        break;
      case 25:
        // functions are walked after the graph so that their names are known first
        if (f.wire === 2) functions.push(f);
        break;
      default:
        break;
    }
  });
  for (const fn of functions) await walkFunction(walk, fn);
  if (graphs === 0) {
    throw new Error(`onnx: ${source.name} has no graph (field 7); not an ONNX model`);
  }

  const custom = [...walk.ops.values()]
    .filter((o) => !BUILT_IN_DOMAINS.has(o.domain) && !walk.functions.has(`${o.domain}\0${o.op}`))
    .sort((a, b) => a.domain.localeCompare(b.domain) || a.op.localeCompare(b.op));
  for (const o of custom.slice(0, 50)) {
    walk.findings.push({
      rule: 'onnx.custom-op-domain',
      severity: 'suspicious',
      message: `Operator ${o.domain}::${o.op} needs a custom-op library (native code) the loader must register.`,
      detail: `node "${o.node.slice(0, 200)}", domain "${o.domain.slice(0, 200)}"`,
    });
  }
  if (walk.tooDeep) {
    walk.findings.push({
      rule: 'onnx.nesting-too-deep',
      severity: 'error',
      message: `Subgraphs nest deeper than ${MAX_GRAPH_DEPTH} levels; the deeper ones were not analysed.`,
    });
  }
  metadata.opsets = opsets.sort();
  metadata.operatorCount = walk.ops.size;
  if (walk.functions.size > 0) metadata.functionCount = walk.functions.size;
  if (walk.externalFiles.size > 0) metadata.externalData = [...walk.externalFiles].sort();
  if (propCount > 0) metadata.metadataProps = props;
  return { format: 'onnx', findings: walk.findings, metadata, bytesRead: reader.bytesRead };
}

/** ONNX models: `.onnx` by name (protobuf has no magic number). */
export const onnxReader: FormatReader = {
  format: 'onnx',
  matches(name) {
    return /\.onnx$/i.test(name);
  },
  async read(source: ByteSource, _context: ReadContext): Promise<FormatResult> {
    return walkModel(source);
  },
};
