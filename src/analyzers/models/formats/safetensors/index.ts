/**
 * safetensors: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and `data_offsets` inside the data area, then the raw tensor bytes. Loading one never
 * runs code, so what matters is that the header is well formed: a loader that trusts bad
 * offsets reads outside the file (memory disclosure or a crash in hand-written and mmap-based
 * readers). Only the header is read, never the tensor data.
 */

import type {
  ByteSource,
  FormatReader,
  FormatResult,
  ModelFinding,
  ReadContext,
} from '../../types.js';

/**
 * Largest header accepted. The reference implementation refuses headers over 100 MB
 * (`MAX_HEADER_SIZE`), so a larger one is malformed whatever the limits say.
 */
const MAX_HEADER_BYTES = 100_000_000;

/** Bits per element of every dtype the format defines (sub-byte floats included). */
const DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
};

/** Most `__metadata__` entries copied into the report (the rest are counted). */
const MAX_METADATA_ENTRIES = 64;
/** Longest `__metadata__` value copied into the report. */
const MAX_METADATA_VALUE = 512;
/** Most findings of one rule kept (a hostile header can have millions of tensors). */
const MAX_FINDINGS_PER_RULE = 20;

interface Span {
  readonly name: string;
  readonly begin: number;
  readonly end: number;
}

/** Collects findings, keeping at most MAX_FINDINGS_PER_RULE of each rule. */
function findingSink(): {
  add: (f: ModelFinding) => void;
  list: () => ModelFinding[];
} {
  const findings: ModelFinding[] = [];
  const counts = new Map<string, number>();
  return {
    add(f) {
      const n = (counts.get(f.rule) ?? 0) + 1;
      counts.set(f.rule, n);
      if (n <= MAX_FINDINGS_PER_RULE) findings.push(f);
    },
    list() {
      for (const [rule, n] of counts) {
        if (n > MAX_FINDINGS_PER_RULE) {
          const first = findings.find((f) => f.rule === rule);
          findings.push({
            rule,
            severity: first?.severity ?? 'error',
            message: `${n - MAX_FINDINGS_PER_RULE} more ${rule} findings not listed`,
          });
        }
      }
      return findings;
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Analyses a safetensors header that is already in memory (the JSON text). */
export function checkSafetensorsHeader(
  json: unknown,
  dataSize: number,
): { findings: ModelFinding[]; metadata: Record<string, unknown> } {
  const sink = findingSink();
  const metadata: Record<string, unknown> = {};
  if (!isRecord(json)) {
    sink.add({
      rule: 'safetensors.bad-header',
      severity: 'error',
      message: 'The safetensors header is not a JSON object.',
    });
    return { findings: sink.list(), metadata };
  }

  const spans: Span[] = [];
  const dtypes: Record<string, number> = {};
  let parameters = 0n;
  let invalid = 0;
  for (const [name, entry] of Object.entries(json)) {
    if (name === '__metadata__') {
      metadata.metadata = checkMetadata(entry, sink.add);
      continue;
    }
    const span = checkTensor(name, entry, dataSize, sink.add);
    if (!span) {
      invalid++;
      continue;
    }
    spans.push(span.span);
    dtypes[span.dtype] = (dtypes[span.dtype] ?? 0) + 1;
    parameters += span.elements;
  }

  // Overlap and gaps: sort by start, compare neighbours.
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let coveredTo = 0;
  let previous: Span | undefined;
  let gaps = 0;
  for (const span of spans) {
    if (previous && span.begin < coveredTo && span.end > span.begin) {
      sink.add({
        rule: 'safetensors.overlapping-tensors',
        severity: 'error',
        message: `Tensors "${previous.name}" and "${span.name}" share bytes; the format requires disjoint tensors.`,
        detail: `"${span.name}" starts at ${span.begin}, "${previous.name}" ends at ${previous.end}`,
      });
    } else if (span.begin > coveredTo) {
      gaps += span.begin - coveredTo;
    }
    if (span.end > coveredTo) {
      coveredTo = span.end;
      previous = span;
    }
  }
  // Unreferenced bytes cannot be loaded as tensors; the reference loader refuses them, but they
  // cannot run anything either: worth knowing (hidden payload room), not a verdict.
  const trailing = Math.max(0, dataSize - coveredTo);
  // (Only meaningful when every tensor's span is known.)
  if (invalid === 0 && (gaps > 0 || trailing > 0)) {
    sink.add({
      rule: 'safetensors.unreferenced-bytes',
      severity: 'info',
      message: `${gaps + trailing} bytes of the data area belong to no tensor.`,
      detail: `gaps between tensors: ${gaps}, after the last tensor: ${trailing}`,
    });
  }

  metadata.tensorCount = spans.length;
  metadata.dtypes = Object.fromEntries(
    Object.entries(dtypes).sort(([a], [b]) => a.localeCompare(b)),
  );
  metadata.parameterCount =
    parameters <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(parameters) : parameters.toString();
  return { findings: sink.list(), metadata };
}

function checkMetadata(
  entry: unknown,
  add: (f: ModelFinding) => void,
): Record<string, string> | undefined {
  if (!isRecord(entry)) {
    add({
      rule: 'safetensors.bad-metadata',
      severity: 'error',
      message: '__metadata__ must be an object of strings.',
    });
    return undefined;
  }
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value !== 'string') {
      add({
        rule: 'safetensors.bad-metadata',
        severity: 'error',
        message: '__metadata__ values must be strings.',
        detail: `key "${key.slice(0, 100)}" holds a ${Array.isArray(value) ? 'array' : typeof value}`,
      });
      continue;
    }
    if (count++ < MAX_METADATA_ENTRIES)
      kept[key.slice(0, 200)] = value.slice(0, MAX_METADATA_VALUE);
  }
  return kept;
}

function checkTensor(
  name: string,
  entry: unknown,
  dataSize: number,
  add: (f: ModelFinding) => void,
): { span: Span; dtype: string; elements: bigint } | undefined {
  const label = name.slice(0, 200);
  const malformed = (message: string, detail?: string): undefined => {
    add({ rule: 'safetensors.bad-tensor', severity: 'error', message, detail });
    return undefined;
  };
  if (!isRecord(entry)) return malformed(`Tensor "${label}" is not an object.`);
  const { dtype, shape, data_offsets: offsets } = entry;
  if (typeof dtype !== 'string' || DTYPE_BITS[dtype] === undefined) {
    add({
      rule: 'safetensors.unknown-dtype',
      severity: 'error',
      message: `Tensor "${label}" has an unknown dtype.`,
      detail: `dtype ${JSON.stringify(dtype)?.slice(0, 50)}`,
    });
    return undefined;
  }
  if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) {
    return malformed(`Tensor "${label}" has a shape that is not a list of non-negative integers.`);
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !isNonNegativeInteger(offsets[0]) ||
    !isNonNegativeInteger(offsets[1])
  ) {
    return malformed(`Tensor "${label}" has data_offsets that are not two non-negative integers.`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) {
    return malformed(`Tensor "${label}" ends before it begins.`, `data_offsets [${begin}, ${end}]`);
  }
  if (end > dataSize) {
    // A loader that trusts these offsets (mmap-based or hand-written readers) reads past the
    // end of the file: a crash at best, memory disclosure at worst. That is an attack, not
    // just damage, so it is `unsafe`.
    add({
      rule: 'safetensors.offset-outside-file',
      severity: 'unsafe',
      message: `Tensor "${label}" points outside the file's data area.`,
      detail: `data_offsets [${begin}, ${end}], data area ${dataSize} bytes`,
    });
    return undefined;
  }
  const elements = shape.reduce((acc, d) => acc * BigInt(d), 1n);
  const bits = elements * BigInt(DTYPE_BITS[dtype]);
  const expected = bits / 8n;
  if (bits % 8n !== 0n || expected !== BigInt(end - begin)) {
    add({
      rule: 'safetensors.size-mismatch',
      severity: 'error',
      message: `Tensor "${label}" has ${end - begin} bytes, not what its dtype and shape need.`,
      detail: `${dtype} [${shape.join(', ')}] needs ${bits % 8n === 0n ? `${expected} bytes` : `${bits} bits (not whole bytes)`}`,
    });
  }
  return { span: { name: label, begin, end }, dtype, elements };
}

/** safetensors files: `.safetensors` by name (the format has no magic number). */
export const safetensorsReader: FormatReader = {
  format: 'safetensors',
  matches(name) {
    return /\.safetensors$/i.test(name);
  },
  async read(source: ByteSource, context: ReadContext): Promise<FormatResult> {
    const format = 'safetensors';
    const lengthBytes = await source.read(0, 8);
    if (lengthBytes.length < 8) {
      throw new Error(`safetensors: file is ${source.size} bytes, too short for the header length`);
    }
    const view = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8);
    const headerLength = Number(view.getBigUint64(0, true));
    const bound = Math.min(MAX_HEADER_BYTES, context.limits.maxMemberBytes);
    const errorResult = (rule: string, message: string, detail: string): FormatResult => ({
      format,
      findings: [{ rule, severity: 'error', message, detail }],
      metadata: { headerLength },
      bytesRead: 8,
    });
    if (headerLength > source.size - 8) {
      return errorResult(
        'safetensors.header-length',
        'The header length at offset 0 runs past the end of the file.',
        `header length ${headerLength}, file size ${source.size}`,
      );
    }
    if (headerLength > bound) {
      return errorResult(
        'safetensors.header-length',
        `The header is larger than the ${bound}-byte limit.`,
        `header length ${headerLength}`,
      );
    }
    const header = await source.read(8, headerLength);
    const bytesRead = 8 + header.length;
    let json: unknown;
    try {
      // fatal: invalid UTF-8 is malformed, not something to guess about
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(header));
    } catch (err) {
      return {
        ...errorResult(
          'safetensors.bad-header',
          'The header is not valid UTF-8 JSON.',
          `bytes 8..${8 + headerLength}: ${(err as Error).message.slice(0, 200)}`,
        ),
        bytesRead,
      };
    }
    const dataSize = source.size - 8 - headerLength;
    const { findings, metadata } = checkSafetensorsHeader(json, dataSize);
    return { format, findings, metadata: { headerLength, ...metadata }, bytesRead };
  },
};
