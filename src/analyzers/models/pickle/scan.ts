/**
 * Reading pickles out of a ByteSource: a window that grows only while the pickle is not
 * finished, so a legacy PyTorch file's pickles are read and its tensor data is not.
 */

import type { ByteSource, ModelFinding, ReadContext } from '../types.js';
import {
  disassemblePickle,
  type DisassembleOptions,
  type PickleDisassembly,
} from './disassemble.js';
import { classifyCallable, pickleFindings } from './policy.js';

/** First window read for a pickle; grown ×4 while the pickle runs past it. */
export const FIRST_PICKLE_WINDOW = 256 * 1024;

/** One pickle read from a source. */
export interface SourcePickle {
  readonly dis: PickleDisassembly;
  /** Bytes fetched from the source to read it (re-reads of a grown window included). */
  readonly bytesRead: number;
}

/**
 * Disassembles the pickle that starts at `offset` of `source`, reading no more than it needs
 * (bounded by `limits.maxMemberBytes`; a longer pickle gets a `limit` error).
 */
export async function readPickleAt(
  source: ByteSource,
  offset: number,
  context: ReadContext,
  options: DisassembleOptions = {},
): Promise<SourcePickle> {
  const available = Math.max(0, source.size - offset);
  const cap = Math.min(available, context.limits.maxMemberBytes);
  let window = Math.min(FIRST_PICKLE_WINDOW, cap);
  let bytesRead = 0;
  for (;;) {
    const bytes = await source.read(offset, window);
    bytesRead += bytes.length;
    const dis = disassemblePickle(bytes, 0, {
      maxOpcodes: context.limits.maxOpcodes,
      ...options,
      baseOffset: offset,
    });
    const ranOut =
      dis.error !== undefined &&
      (dis.error.kind === 'truncated' || dis.error.kind === 'missing-stop');
    if (!ranOut || window >= cap) {
      if (ranOut && available > cap) {
        const error = {
          kind: 'limit' as const,
          offset: dis.error.offset,
          message: `pickle longer than the ${context.limits.maxMemberBytes}-byte limit`,
        };
        return { dis: { ...dis, error }, bytesRead };
      }
      return { dis, bytesRead };
    }
    window = Math.min(window * 4, cap);
  }
}

/** Result of scanning the pickles of one file or member. */
export interface PickleScan {
  readonly findings: ModelFinding[];
  readonly pickles: readonly PickleDisassembly[];
  readonly bytesRead: number;
  /** Offset just after the last pickle read. */
  readonly end: number;
}

/** Most pickles read one after another from one stream. */
export const MAX_PICKLES_IN_SEQUENCE = 64;

/**
 * Scans the pickles that follow one another from `offset` (raw pickle files, dill, legacy torch
 * files with a bypassed magic number). After the first, the next is read only when the bytes
 * left parse as one: trailing data that is no pickle ends the sequence without a finding
 * unless it already named a callable before failing (an unpickler reading on would call it).
 */
export async function scanPickleSequence(
  source: ByteSource,
  offset: number,
  context: ReadContext,
  label: string,
  options: DisassembleOptions = {},
): Promise<PickleScan> {
  const findings: ModelFinding[] = [];
  const pickles: PickleDisassembly[] = [];
  let bytesRead = 0;
  let pos = offset;
  while (pos < source.size && pickles.length < MAX_PICKLES_IN_SEQUENCE) {
    const { dis, bytesRead: n } = await readPickleAt(source, pos, context, options);
    bytesRead += n;
    const first = pickles.length === 0;
    const where =
      first && label.length > 0 ? label : `${label} pickle ${pickles.length + 1} at offset ${pos}`;
    if (!first && dis.error && dis.callables.length === 0 && dis.unresolved.length === 0) {
      // Not a pickle: data after the last one (pickle.load stops at STOP and never reads it).
      break;
    }
    pickles.push(dis);
    findings.push(...pickleFindings(dis, where.trim()));
    if (dis.error) break;
    pos += dis.length;
  }
  return { findings, pickles, bytesRead, end: pos };
}

/** Metadata shared by the pickle-based readers: protocol, counts, the callables by class. */
export function pickleMetadata(pickles: readonly PickleDisassembly[]): Record<string, unknown> {
  const callables = new Set<string>();
  let opcodes = 0;
  let persistentIds = 0;
  for (const p of pickles) {
    opcodes += p.opcodeCount;
    persistentIds += p.persistentIds;
    for (const c of p.callables) callables.add(`${c.module}.${c.name}`);
  }
  const sorted = [...callables].sort();
  return {
    pickles: pickles.length,
    protocol: pickles[0]?.protocol ?? null,
    opcodes,
    persistentIds,
    callables: sorted.slice(0, 200),
    allowedCallables: sorted.filter((c) => {
      const dot = c.lastIndexOf('.');
      return classifyCallable(c.slice(0, dot), c.slice(dot + 1)) === 'allowed';
    }).length,
  };
}
