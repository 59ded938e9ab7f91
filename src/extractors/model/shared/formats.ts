/**
 * Model weight files: which names are weights, and what their first bytes say. Nothing here
 * ever loads, unpickles or executes a weight file: at most a few magic bytes and, for
 * safetensors, the JSON header (length-prefixed, capped) are read.
 */
import type { ScanFs } from '../../../core/fs.js';

/** Weight formats, as reported in `model:formats`. */
export type ModelFormat =
  | 'safetensors'
  | 'gguf'
  | 'onnx'
  | 'pytorch'
  | 'keras'
  | 'hdf5'
  | 'numpy'
  | 'joblib'
  | 'pickle'
  | 'tensorflow';

/**
 * How sure a file name alone makes us that the file is a model weight.
 * - `certain`: the extension is used for nothing else (`.safetensors`, `.gguf`, `.pt`, …).
 * - `generic`: `.bin`/`.h5` are used for anything; only a model-ish name or model context
 *   (a config.json, a card, another weight) makes them weights.
 * - `companion`: `.npy`/`.npz` and ONNX external data are weights only beside other model files.
 */
export type WeightCertainty = 'certain' | 'generic' | 'companion';

/** What a file name says about a weight file. */
export interface WeightKind {
  readonly format: ModelFormat;
  readonly certainty: WeightCertainty;
}

const BY_SUFFIX: readonly (readonly [string, WeightKind])[] = [
  ['.safetensors', { format: 'safetensors', certainty: 'certain' }],
  ['.gguf', { format: 'gguf', certainty: 'certain' }],
  ['.onnx', { format: 'onnx', certainty: 'certain' }],
  ['.onnx_data', { format: 'onnx', certainty: 'companion' }],
  ['.onnx.data', { format: 'onnx', certainty: 'companion' }],
  ['.pt', { format: 'pytorch', certainty: 'certain' }],
  ['.pth', { format: 'pytorch', certainty: 'certain' }],
  ['.ckpt', { format: 'pytorch', certainty: 'certain' }],
  ['.bin', { format: 'pytorch', certainty: 'generic' }],
  ['.keras', { format: 'keras', certainty: 'certain' }],
  ['.h5', { format: 'hdf5', certainty: 'generic' }],
  ['.hdf5', { format: 'hdf5', certainty: 'generic' }],
  ['.npy', { format: 'numpy', certainty: 'companion' }],
  ['.npz', { format: 'numpy', certainty: 'companion' }],
  ['.joblib', { format: 'joblib', certainty: 'certain' }],
  ['.pkl', { format: 'pickle', certainty: 'certain' }],
  ['.pickle', { format: 'pickle', certainty: 'certain' }],
];

/** The weight kind a file name implies, or undefined for anything else. */
export function weightKindOf(name: string): WeightKind | undefined {
  // A TensorFlow SavedModel is a graph file plus a variables/ folder; the graph names it.
  if (name === 'saved_model.pb') return { format: 'tensorflow', certainty: 'certain' };
  const lower = name.toLowerCase();
  for (const [suffix, kind] of BY_SUFFIX)
    if (lower.endsWith(suffix) && lower.length > suffix.length) return kind;
  return undefined;
}

/** `pytorch_model.bin`, `adapter_model.bin`, `tf_model.h5`, `weights.h5`, `checkpoint-3.bin`, … */
export function isModelishName(name: string): boolean {
  return /model|weight|ckpt|checkpoint|adapter|lora/i.test(name);
}

/** Files that describe a model (card, configs, tokenizer) and belong to it as locations. */
const META_NAMES: ReadonlySet<string> = new Set([
  'README.md',
  'config.json',
  'generation_config.json',
  'adapter_config.json',
  'model_index.json',
  'modules.json',
  'sentence_bert_config.json',
  'config_sentence_transformers.json',
  'scheduler_config.json',
  'preprocessor_config.json',
  'processor_config.json',
  'chat_template.json',
  'chat_template.jinja',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'added_tokens.json',
  'vocab.json',
  'vocab.txt',
  'merges.txt',
  'tokenizer.model',
  'spiece.model',
  'sentencepiece.bpe.model',
]);

/** A card, config or tokenizer file (including shard indexes such as `model.safetensors.index.json`). */
export function isMetaName(name: string): boolean {
  return META_NAMES.has(name) || name.endsWith('.index.json');
}

/** The header of a safetensors file is JSON; bigger than this and we do not read it. */
export const MAX_SAFETENSORS_HEADER = 16 * 1024 * 1024;

/** What sniffing a weight file found. */
export interface Sniff {
  /** The magic matches the extension (or the format has no magic to check). */
  readonly matches: boolean;
  /** What the bytes look like instead, when they do not match (`zip`, `pickle`, `gguf`, …). */
  readonly looksLike?: string;
  /** Total parameters, from a safetensors header. */
  readonly parameters?: number;
  /** A non-fatal problem worth reporting even when the magic matches (truncated, header too big). */
  readonly problem?: string;
}

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const GGUF = [0x47, 0x47, 0x55, 0x46];
const HDF5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const NUMPY = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const GZIP = [0x1f, 0x8b];

function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY);
}

/** Protocol 2+ pickles open with PROTO (0x80, n); protocol 0/1 with one of these opcodes. */
const PICKLE0_OPCODES = new Set([...'(]})cdIJKLMFGNSTUVXlt'].map((c) => c.charCodeAt(0)));

function isPickle(bytes: Uint8Array): boolean {
  const first = bytes[0];
  if (first === undefined) return false;
  if (first === 0x80) return (bytes[1] ?? 0) >= 2 && (bytes[1] ?? 0) <= 5;
  return PICKLE0_OPCODES.has(first);
}

/** What the first bytes of a file look like, for the "does not match" warning. */
export function describeMagic(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  if (startsWith(bytes, GGUF)) return 'GGUF';
  if (isZip(bytes)) return 'a zip archive';
  if (startsWith(bytes, HDF5)) return 'HDF5';
  if (startsWith(bytes, NUMPY)) return 'a NumPy array';
  if (startsWith(bytes, GZIP)) return 'gzip data';
  if (bytes[0] === 0x80 && isPickle(bytes)) return 'a pickle';
  if (bytes.length >= 9 && bytes[8] === 0x7b && bytes[6] === 0 && bytes[7] === 0)
    return 'safetensors';
  if (bytes.every((b) => b === 0)) return 'all zero bytes';
  return 'something else';
}

/** The first bytes of an ONNX ModelProto: a tag of one of its fields (ir_version=1 … functions=25). */
function isOnnxStart(bytes: Uint8Array): boolean {
  const tag = bytes[0];
  if (tag === undefined) return false;
  const field = tag >> 3;
  const wire = tag & 7;
  return field >= 1 && field <= 25 && (wire === 0 || wire === 2);
}

/** Compression formats joblib writes (zlib, gzip, bz2, xz, lzma, lz4) or a plain pickle. */
function isJoblib(bytes: Uint8Array): boolean {
  if (isPickle(bytes) || startsWith(bytes, GZIP)) return true;
  if (bytes[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(bytes[1] ?? -1)) return true;
  if (startsWith(bytes, [0x42, 0x5a, 0x68])) return true; // BZh
  if (startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return true; // xz
  if (startsWith(bytes, [0x5d, 0x00, 0x00])) return true; // lzma
  if (startsWith(bytes, [0x04, 0x22, 0x4d, 0x18])) return true; // lz4
  return startsWith(bytes, [0x5a, 0x46]); // joblib < 0.10 "ZF" zlib prefix
}

/** HDF5 files may carry a user block; the signature then sits at 512, 1024, 2048, … */
async function isHdf5(fs: ScanFs, file: string, head: Uint8Array, size: number): Promise<boolean> {
  if (startsWith(head, HDF5)) return true;
  for (let offset = 512; offset + HDF5.length <= size && offset <= 65536; offset *= 2) {
    if (startsWith(await fs.readBytes(file, offset, HDF5.length), HDF5)) return true;
  }
  return false;
}

function readU64(bytes: Uint8Array, offset: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset, true);
}

async function sniffSafetensors(
  fs: ScanFs,
  file: string,
  head: Uint8Array,
  size: number,
): Promise<Sniff> {
  if (head.length < 8) return { matches: false, looksLike: describeMagic(head) };
  const headerLength = readU64(head, 0);
  if (headerLength < 2n || headerLength > BigInt(size - 8))
    return { matches: false, looksLike: describeMagic(head) };
  if (headerLength > BigInt(MAX_SAFETENSORS_HEADER)) {
    return {
      matches: true,
      problem: `safetensors header of ${headerLength} bytes is larger than the ${MAX_SAFETENSORS_HEADER}-byte limit; not read`,
    };
  }
  const header = await fs.readBytes(file, 8, Number(headerLength));
  if (header[0] !== 0x7b) return { matches: false, looksLike: describeMagic(head) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(header).toString('utf8'));
  } catch {
    return { matches: true, problem: 'safetensors header is not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { matches: true, problem: 'safetensors header is not a JSON object' };
  }
  let parameters = 0;
  let dataEnd = 0;
  for (const [name, info] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '__metadata__' || typeof info !== 'object' || info === null) continue;
    const { shape, data_offsets: offsets } = info as { shape?: unknown; data_offsets?: unknown };
    if (Array.isArray(shape))
      parameters += shape.reduce<number>((n, d) => n * (typeof d === 'number' ? d : 0), 1);
    if (Array.isArray(offsets) && typeof offsets[1] === 'number')
      dataEnd = Math.max(dataEnd, offsets[1]);
  }
  const available = size - 8 - Number(headerLength);
  if (dataEnd > available) {
    return {
      matches: true,
      parameters,
      problem: `safetensors data is truncated (${available} of ${dataEnd} bytes present)`,
    };
  }
  return { matches: true, parameters };
}

/**
 * Check a weight file's first bytes against its format. Reads at most 16 bytes, a few HDF5
 * signature probes, or a capped safetensors header; never the weights themselves.
 */
export async function sniffWeight(
  fs: ScanFs,
  file: string,
  format: ModelFormat,
  size: number,
): Promise<Sniff> {
  const head = await fs.readBytes(file, 0, 16);
  const verdict = (matches: boolean): Sniff =>
    matches ? { matches } : { matches, looksLike: describeMagic(head) };
  switch (format) {
    case 'safetensors':
      return sniffSafetensors(fs, file, head, size);
    case 'gguf':
      return verdict(startsWith(head, GGUF));
    case 'onnx':
      // External-data companions are raw tensor bytes with no header of their own.
      return verdict(/\.onnx$/i.test(file) ? isOnnxStart(head) : head.length > 0);
    case 'pytorch':
      return verdict(isZip(head) || isPickle(head));
    case 'keras':
      return verdict(isZip(head));
    case 'hdf5':
      return verdict(await isHdf5(fs, file, head, size));
    case 'numpy':
      return verdict(/\.npz$/i.test(file) ? isZip(head) : startsWith(head, NUMPY));
    case 'joblib':
      return verdict(isJoblib(head));
    case 'pickle':
      return verdict(isPickle(head));
    case 'tensorflow':
      // saved_model.pb is a protobuf (SavedModel: field 1 varint or field 2 message).
      return verdict(head[0] === 0x08 || head[0] === 0x12);
  }
}
