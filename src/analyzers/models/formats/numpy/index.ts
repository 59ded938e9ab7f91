/**
 * NumPy `.npy` and `.npz`. An `.npy` header is a Python dict literal, parsed here by hand
 * (bounded, never evaluated); arrays of plain dtypes are raw bytes, arrays with an object dtype
 * (`|O`, or a structured dtype with an object field) are a pickle after the header, which
 * `np.load(allow_pickle=True)` runs. An `.npz` is a zip of `.npy` members.
 */

import { pickleFindings } from '../../pickle/policy.js';
import { pickleMetadata, scanPickleSequence } from '../../pickle/scan.js';
import type { PickleDisassembly } from '../../pickle/disassemble.js';
import {
  bytesSource,
  type ByteSource,
  type FormatReader,
  type ModelFinding,
  type ReadContext,
} from '../../types.js';
import { sliceSource, zipEntryFinding } from '../pytorch/index.js';
import { isZipHead, openZip, readZipEntry, ZipEntryError } from '../zip/index.js';

/** Largest `.npy` header read (NumPy itself refuses headers over 10 000 bytes by default). */
export const MAX_NPY_HEADER = 1024 * 1024;

/** A parsed header value (a subset of Python literals). */
export type PyLiteral =
  string | number | boolean | null | PyLiteral[] | { [key: string]: PyLiteral };

/** The `.npy` header. */
export interface NpyHeader {
  readonly version: string;
  readonly descr: PyLiteral;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Offset of the array data (or the pickle, for object dtypes). */
  readonly dataOffset: number;
  readonly hasObject: boolean;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** True for the `\x93NUMPY` magic. */
export function isNpyHead(head: Uint8Array): boolean {
  return head.length >= 6 && MAGIC.every((b, i) => head[i] === b);
}

/**
 * Parses a Python literal (dict, tuple, list, str, int, bool, None), as NumPy's
 * `ast.literal_eval` of the header would. Throws on anything else; depth bounded.
 */
export function parsePyLiteral(text: string, maxDepth = 32): PyLiteral {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`npy header: ${what} at character ${i}`);
  };
  const value = (depth: number): PyLiteral => {
    if (depth > maxDepth) fail('nesting too deep');
    ws();
    const c = text[i];
    if (c === undefined) return fail('unexpected end');
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail('unterminated string');
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    if (c === '{' || c === '(' || c === '[') {
      const close = c === '{' ? '}' : c === '(' ? ')' : ']';
      i++;
      const items: PyLiteral[] = [];
      const dict: Record<string, PyLiteral> = {};
      for (;;) {
        ws();
        if (text[i] === close) {
          i++;
          break;
        }
        const item = value(depth + 1);
        ws();
        if (c === '{') {
          if (text[i] !== ':') fail('expected ":"');
          i++;
          if (typeof item !== 'string') fail('dict key is not a string');
          dict[item as string] = value(depth + 1);
          ws();
        } else {
          items.push(item);
        }
        if (text[i] === ',') i++;
        else if (text[i] !== close) fail(`expected "," or "${close}"`);
      }
      return c === '{' ? dict : items;
    }
    const word = /^(True|False|None|[+-]?\d+)/.exec(text.slice(i, i + 32));
    if (!word) return fail('unexpected token');
    i += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    return Number(word[0]);
  };
  const out = value(0);
  ws();
  if (i !== text.length) fail('trailing characters');
  return out;
}

/** True when a dtype descriptor has an object (pickled) part. */
export function descrHasObject(descr: PyLiteral): boolean {
  if (typeof descr === 'string') return /^[<>|=]?O/.test(descr);
  if (!Array.isArray(descr)) return false;
  // Sub-array: (base, shape).
  if (typeof descr[0] === 'string' && Array.isArray(descr[1]) && descr.length === 2) {
    if (descr[1].every((d) => typeof d === 'number')) return descrHasObject(descr[0]);
  }
  // Structured: [(name, dtype[, shape]), …]; dtype may nest.
  return descr.some(
    (field) => Array.isArray(field) && field.length >= 2 && descrHasObject(field[1]!),
  );
}

/** Reads and validates the `.npy` header of `source`. Throws for a malformed header. */
export async function readNpyHeader(
  source: ByteSource,
): Promise<{ header: NpyHeader; bytesRead: number }> {
  const pre = await source.read(0, 12);
  if (!isNpyHead(pre) || pre.length < 10) throw new Error(`${source.name}: not an .npy file`);
  const major = pre[6]!;
  const minor = pre[7]!;
  const dv = new DataView(pre.buffer, pre.byteOffset, pre.length);
  let headerLength: number;
  let start: number;
  if (major === 1) {
    headerLength = dv.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (pre.length < 12) throw new Error(`${source.name}: truncated .npy preamble`);
    headerLength = dv.getUint32(8, true);
    start = 12;
  } else {
    throw new Error(`${source.name}: unsupported .npy version ${major}.${minor}`);
  }
  if (headerLength > MAX_NPY_HEADER) {
    throw new Error(`${source.name}: .npy header of ${headerLength} bytes exceeds the limit`);
  }
  const raw = await source.read(start, headerLength);
  if (raw.length < headerLength) throw new Error(`${source.name}: truncated .npy header`);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(raw);
  // (trimEnd, not a `\s+$` pattern: tried from each blank of a long run, that is quadratic.)
  const parsed = parsePyLiteral(text.trimEnd());
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${source.name}: .npy header is not a dict`);
  }
  const keys = Object.keys(parsed).sort().join(',');
  if (keys !== 'descr,fortran_order,shape') {
    throw new Error(
      `${source.name}: .npy header keys are ${keys}, expected descr, fortran_order, shape`,
    );
  }
  const shape = parsed['shape'];
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && d >= 0)) {
    throw new Error(`${source.name}: .npy shape is not a tuple of integers`);
  }
  if (typeof parsed['fortran_order'] !== 'boolean') {
    throw new Error(`${source.name}: .npy fortran_order is not a boolean`);
  }
  const descr = parsed['descr']!;
  return {
    header: {
      version: `${major}.${minor}`,
      descr,
      fortranOrder: parsed['fortran_order'],
      shape: shape as number[],
      dataOffset: start + headerLength,
      hasObject: descrHasObject(descr),
    },
    bytesRead: pre.length + raw.length,
  };
}

async function scanNpy(
  source: ByteSource,
  context: ReadContext,
  label: string,
): Promise<{
  findings: ModelFinding[];
  pickles: PickleDisassembly[];
  header: NpyHeader;
  bytesRead: number;
}> {
  const { header, bytesRead } = await readNpyHeader(source);
  if (!header.hasObject) return { findings: [], pickles: [], header, bytesRead };
  const scan = await scanPickleSequence(
    sliceSource(source, label, header.dataOffset, source.size - header.dataOffset),
    0,
    context,
    `${label} (object array)`,
  );
  // np.load reads exactly one pickle; a second one would only be data, but report it too.
  const findings = scan.pickles.length > 0 ? scan.findings : [];
  if (scan.pickles.length === 0) {
    findings.push(...pickleFindings({ ...emptyDis(header.dataOffset) }, `${label} (object array)`));
  }
  return { findings, pickles: [...scan.pickles], header, bytesRead: bytesRead + scan.bytesRead };
}

function emptyDis(offset: number): PickleDisassembly {
  return {
    start: offset,
    length: 0,
    protocol: 0,
    opcodeCount: 0,
    callables: [],
    unresolved: [],
    calls: [],
    persistentIds: 0,
    error: { kind: 'missing-stop', offset, message: 'object array without pickle data' },
  };
}

/** `.npy` reader. */
export const numpyReader: FormatReader = {
  format: 'numpy',
  matches(_name, head) {
    return isNpyHead(head);
  },
  async read(source, context) {
    const { findings, pickles, header, bytesRead } = await scanNpy(source, context, source.name);
    return {
      format: 'numpy',
      findings,
      metadata: {
        version: header.version,
        descr: header.descr,
        shape: header.shape,
        fortranOrder: header.fortranOrder,
        objectArray: header.hasObject,
        ...(header.hasObject ? pickleMetadata(pickles) : {}),
      },
      bytesRead,
    };
  },
};

/** `.npz` reader (zip of `.npy`; any member starting with the NumPy magic is an array). */
export const npzReader: FormatReader = {
  format: 'numpy-npz',
  matches(name, head) {
    return /\.npz$/i.test(name) && isZipHead(head);
  },
  async read(source, context) {
    const zip = await openZip(source, context.limits);
    let bytesRead = zip.bytesRead;
    const findings: ModelFinding[] = [];
    const arrays: Record<string, unknown>[] = [];
    for (const entry of zip.entries) {
      try {
        // np.load(npz)[key] reads a member as an array when it starts with the magic.
        const head = await readZipEntry(source, entry, MAX_NPY_HEADER + 12, true);
        bytesRead += head.bytesRead;
        if (!isNpyHead(head.bytes)) continue;
        const { header } = await readNpyHeader(bytesSource(entry.name, head.bytes));
        arrays.push({
          name: entry.name,
          descr: header.descr,
          shape: header.shape,
          objectArray: header.hasObject,
        });
        if (!header.hasObject) continue;
        const full = await readZipEntry(source, entry, context.limits.maxMemberBytes);
        bytesRead += full.bytesRead;
        const scanned = await scanNpy(bytesSource(entry.name, full.bytes), context, entry.name);
        findings.push(...scanned.findings);
      } catch (err) {
        if (!(err instanceof ZipEntryError)) throw err;
        findings.push(zipEntryFinding(entry, err));
      }
    }
    return {
      format: 'numpy-npz',
      findings,
      metadata: { members: zip.entries.length, arrays: arrays.slice(0, 200) },
      bytesRead,
    };
  },
};
