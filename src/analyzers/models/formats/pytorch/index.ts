/**
 * PyTorch checkpoints, in the three layouts `torch.save` has written:
 * - zip (default since 1.6): every pickle member under any archive name (`<archive>/data.pkl`, and any
 *   other `.pkl` or member that starts with a PROTO opcode); tensor storages (`<archive>/data/<key>`)
 *   are counted, never read;
 * - legacy (`_use_new_zipfile_serialization=False`): five pickles in a row (magic number,
 *   protocol version, sys_info, the object, storage keys) then raw storage bytes — every pickle
 *   is scanned, not only the first;
 * - legacy tar (torch < 0.4): members `sys_info`, `pickle`, `storages`, `tensors`.
 */

import { disassemblePickle, type PickleDisassembly } from '../../pickle/disassemble.js';
import { pickleFindings } from '../../pickle/policy.js';
import { pickleMetadata, readPickleAt, scanPickleSequence } from '../../pickle/scan.js';
import { hasProtoHeader, looksLikePickle } from '../../pickle/sniff.js';
import type { ByteSource, FormatReader, ModelFinding, ReadContext } from '../../types.js';
import { scanPickleStream } from '../joblib/arrays.js';
import {
  isInertMemberName,
  isZipHead,
  openZip,
  readLocalHeader,
  readZipEntry,
  ZipEntryError,
  type ZipEntry,
} from '../zip/index.js';

/** A window of a source (a stored zip member, a tar member) seen as a source of its own. */
export function sliceSource(
  source: ByteSource,
  name: string,
  start: number,
  size: number,
): ByteSource {
  return {
    name,
    size,
    read(offset, length) {
      const from = Math.min(Math.max(0, offset), size);
      return source.read(start + from, Math.min(length, size - from));
    },
  };
}

/** The findings for an entry that could not be read. */
export function zipEntryFinding(entry: ZipEntry, err: ZipEntryError): ModelFinding {
  switch (err.problem) {
    case 'encrypted':
      return isInertMemberName(entry.name)
        ? {
            rule: 'zip.encrypted-member',
            severity: 'info',
            message: `Member ${entry.name} is encrypted; no loader reads a member of that kind, so it was skipped.`,
            detail: entry.name,
          }
        : {
            rule: 'zip.encrypted-member',
            severity: 'unverifiable',
            message: `Member ${entry.name} is encrypted (password-protected), so what loading it does cannot be checked.`,
            detail: entry.name,
          };
    case 'ratio':
      return {
        rule: 'zip.compression-bomb',
        severity: 'suspicious',
        message: `Member ${entry.name} has a compression ratio typical of a zip bomb; it was not inflated.`,
        detail: err.message,
      };
    case 'too-large':
    case 'unsupported-method':
      return {
        rule: err.problem === 'too-large' ? 'zip.member-too-large' : 'zip.unsupported-compression',
        severity: 'unverifiable',
        message: `Member ${entry.name} could not be read: ${err.message}.`,
        detail: entry.name,
      };
    default:
      throw new Error(err.message);
  }
}

const STORAGE_MEMBER = /(^|\/)data\/[^/]+$/;

/** PyTorch zip checkpoint reader (also any zip whose members are pickles). */
export const pytorchZipReader: FormatReader = {
  format: 'pytorch-zip',
  matches(_name, head) {
    return isZipHead(head);
  },
  async read(source, context) {
    const zip = await openZip(source, context.limits);
    let bytesRead = zip.bytesRead;
    const findings: ModelFinding[] = [];
    const pickles: PickleDisassembly[] = [];
    const prefixes = new Set(
      zip.entries
        .filter((e) => /(^|\/)data\.pkl$/.test(e.name))
        .map((e) => e.name.slice(0, -'data.pkl'.length)),
    );
    const pickleMembers: string[] = [];
    let dataMembers = 0;
    for (const entry of zip.entries) {
      if (entry.name.endsWith('/')) continue;
      const isStorage =
        STORAGE_MEMBER.test(entry.name) &&
        prefixes.has(entry.name.slice(0, entry.name.lastIndexOf('data/')));
      if (isStorage && !entry.encrypted) {
        dataMembers++;
        continue;
      }
      try {
        // `.pkl` members and members that start with PROTO are pickles (a pickle named
        // `data.txt` is still one); a member that only walks like a pickle for 64 bytes is
        // reported when it names a callable or parses to the end, else taken for data.
        let kind: 'pickle' | 'maybe' | 'data' = /\.pkl$/i.test(entry.name) ? 'pickle' : 'data';
        if (kind === 'data') {
          const head = await readZipEntry(source, entry, 64, true);
          bytesRead += head.bytesRead;
          if (hasProtoHeader(head.bytes)) kind = 'pickle';
          else if (looksLikePickle(head.bytes)) kind = 'maybe';
        }
        if (kind === 'data') continue;
        const member = await memberSource(source, entry, context);
        bytesRead += member.bytesRead;
        if (member.localName !== entry.name) {
          findings.push({
            rule: 'zip.name-mismatch',
            severity: 'suspicious',
            message: `Member ${entry.name} carries another name in its local header (${member.localName}): the archive was altered to mislead scanners.`,
            detail: `${entry.name} / ${member.localName}`,
          });
        }
        const scan = await scanPickleStream(member.source, context, entry.name);
        bytesRead += scan.bytesRead;
        const first = scan.pickles[0];
        if (kind === 'maybe' && first?.error && first.callables.length === 0) continue;
        pickleMembers.push(entry.name);
        pickles.push(...scan.pickles);
        findings.push(...scan.findings);
      } catch (err) {
        if (!(err instanceof ZipEntryError)) throw err;
        findings.push(zipEntryFinding(entry, err));
      }
    }
    if (zip.omittedEntries > 0) {
      findings.push({
        rule: 'zip.too-many-members',
        severity: 'unverifiable',
        message: `The archive has ${zip.entries.length + zip.omittedEntries} members; only the first ${zip.entries.length} were checked.`,
        detail: source.name,
      });
    }
    const isTorch = prefixes.size > 0;
    return {
      format: isTorch ? 'pytorch-zip' : 'zip',
      findings,
      metadata: {
        ...pickleMetadata(pickles),
        members: zip.entries.length + zip.omittedEntries,
        pickleMembers,
        dataMembers,
        archives: [...prefixes].map((p) => p.replace(/\/$/, '')).sort(),
      },
      bytesRead,
    };
  },
};

async function memberSource(
  source: ByteSource,
  entry: ZipEntry,
  context: ReadContext,
): Promise<{ source: ByteSource; bytesRead: number; localName: string }> {
  if (entry.method === 0 && !entry.encrypted) {
    // Stored (what torch writes): read it in place, only as far as the pickle goes.
    const local = await readLocalHeader(source, entry);
    return {
      source: sliceSource(source, entry.name, local.dataOffset, entry.compressedSize),
      bytesRead: local.bytesRead,
      localName: local.localName,
    };
  }
  const data = await readZipEntry(source, entry, context.limits.maxMemberBytes);
  return {
    source: sliceSource(
      {
        name: entry.name,
        size: data.bytes.length,
        read: (o, l) => Promise.resolve(data.bytes.subarray(o, o + l)),
      },
      entry.name,
      0,
      data.bytes.length,
    ),
    bytesRead: data.bytesRead,
    localName: data.localName,
  };
}

/** The magic number legacy `torch.save` pickles first (0x1950a86a20f9469cfc6c). */
export const TORCH_LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PICKLES = ['magic number', 'protocol version', 'sys_info', 'object', 'storage keys'];

/** Legacy (non-zip) PyTorch checkpoint reader. */
export const pytorchLegacyReader: FormatReader = {
  format: 'pytorch-legacy',
  matches(_name, head) {
    const first = disassemblePickle(head, 0, { maxOpcodes: 16 });
    return first.result?.t === 'int' && BigInt(first.result.v) === TORCH_LEGACY_MAGIC;
  },
  async read(source, context) {
    const findings: ModelFinding[] = [];
    const pickles: PickleDisassembly[] = [];
    let bytesRead = 0;
    let pos = 0;
    for (const [i, role] of LEGACY_PICKLES.entries()) {
      const { dis, bytesRead: n } = await readPickleAt(source, pos, context);
      bytesRead += n;
      pickles.push(dis);
      const where = `${source.name} pickle ${i + 1} (${role}) at offset ${pos}`;
      findings.push(...pickleFindings(dis, where));
      if (dis.error) break;
      pos += dis.length;
    }
    return {
      format: 'pytorch-legacy',
      findings,
      metadata: { ...pickleMetadata(pickles), storageBytes: Math.max(0, source.size - pos) },
      bytesRead,
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Legacy tar format.

const TAR_MEMBERS = ['sys_info', 'pickle', 'storages', 'tensors'];

interface TarMember {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

const latin1 = new TextDecoder('latin1');

function tarString(block: Uint8Array, at: number, length: number): string {
  const field = block.subarray(at, at + length);
  const nul = field.indexOf(0);
  return latin1.decode(nul < 0 ? field : field.subarray(0, nul));
}

/** True when `head` (≥ 64 bytes) is a tar name field: printable ASCII, then only NULs. */
export function isTarNameField(head: Uint8Array): boolean {
  if (head.length < 64) return false;
  const nul = head.indexOf(0);
  if (nul < 1 || nul >= 64) return false;
  for (let i = 0; i < nul; i++) if (head[i]! < 0x20 || head[i]! > 0x7e) return false;
  for (let i = nul; i < 64; i++) if (head[i] !== 0) return false;
  return true;
}

/** The header checksum: the byte sum of the block with the checksum field read as spaces. */
function tarChecksumOk(block: Uint8Array): boolean {
  const text = tarString(block, 148, 8).trim();
  if (!/^[0-7]+$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === parseInt(text, 8);
}

/**
 * Lists the members of a tar file (ustar, PAX and GNU long names), bounded by maxMembers.
 * Throws when a header's checksum is wrong (not a tar, or a corrupt one).
 */
export async function listTar(
  source: ByteSource,
  context: ReadContext,
): Promise<{ members: TarMember[]; bytesRead: number }> {
  const members: TarMember[] = [];
  let bytesRead = 0;
  let pos = 0;
  let longName: string | undefined;
  while (pos + 512 <= source.size && members.length < context.limits.maxMembers) {
    const block = await source.read(pos, 512);
    bytesRead += block.length;
    if (block.every((b) => b === 0)) break;
    if (!tarChecksumOk(block)) throw new Error(`tar: bad header checksum at offset ${pos}`);
    const sizeText = tarString(block, 124, 12).trim();
    if (!/^[0-7]*$/.test(sizeText)) throw new Error(`tar: bad size field at offset ${pos + 124}`);
    const size = sizeText === '' ? 0 : parseInt(sizeText, 8);
    const type = String.fromCharCode(block[156]!);
    const prefix = tarString(block, 345, 155);
    let name = tarString(block, 0, 100);
    if (prefix && latin1.decode(block.subarray(257, 262)) === 'ustar') name = `${prefix}/${name}`;
    const dataOffset = pos + 512;
    if (dataOffset + size > source.size) throw new Error(`tar: member ${name} runs past the end`);
    if (type === 'L') {
      longName = tarString(await source.read(dataOffset, Math.min(size, 4096)), 0, 4096);
    } else if (type === 'x') {
      const pax = latin1.decode(await source.read(dataOffset, Math.min(size, 65536)));
      const path = /\d+ path=([^\n]*)\n/.exec(pax);
      if (path) longName = path[1];
    } else if (type !== 'g') {
      members.push({ name: longName ?? name, offset: dataOffset, size });
      longName = undefined;
    }
    pos = dataOffset + Math.ceil(size / 512) * 512;
  }
  return { members, bytesRead };
}

/** Element sizes of the legacy storage classes (`torch.FloatStorage` …). */
const STORAGE_ELEMENT_SIZE: Readonly<Record<string, number>> = {
  DoubleStorage: 8,
  FloatStorage: 4,
  HalfStorage: 2,
  BFloat16Storage: 2,
  LongStorage: 8,
  IntStorage: 4,
  ShortStorage: 2,
  CharStorage: 1,
  ByteStorage: 1,
  BoolStorage: 1,
  ComplexFloatStorage: 8,
  ComplexDoubleStorage: 16,
};

/** Legacy tar PyTorch checkpoint reader. */
export const pytorchTarReader: FormatReader = {
  format: 'pytorch-tar',
  matches(name, head) {
    // torch.load opens any tar (whatever its first member) and reads its `storages`,
    // `tensors` and `pickle` members; the first 64 bytes of a tar are the first member's name,
    // NUL-padded. `read` checks the header checksum.
    if (!isTarNameField(head)) return false;
    const first = latin1.decode(head.subarray(0, head.indexOf(0)));
    return TAR_MEMBERS.includes(first) || /\.(pt|pth|bin|ckpt|tar|model)$/i.test(name);
  },
  async read(source, context) {
    const { members, bytesRead: listed } = await listTar(source, context);
    let bytesRead = listed;
    const findings: ModelFinding[] = [];
    const pickles: PickleDisassembly[] = [];
    const names = members.map((m) => m.name);
    for (const member of members) {
      const sub = sliceSource(source, member.name, member.offset, member.size);
      if (member.name === 'storages' || member.name === 'tensors') {
        const walked = await walkTarRecords(sub, member.name, context);
        bytesRead += walked.bytesRead;
        pickles.push(...walked.pickles);
        findings.push(...walked.findings);
        continue;
      }
      // `pickle`, `sys_info`, `.pkl` members and anything else that starts with PROTO.
      const head = await sub.read(0, 2);
      bytesRead += head.length;
      const named = member.name === 'pickle' || member.name === 'sys_info';
      if (!named && !/\.pkl$/i.test(member.name) && !hasProtoHeader(head)) continue;
      const scan = await scanPickleSequence(sub, 0, context, `${source.name}:${member.name}`);
      bytesRead += scan.bytesRead;
      pickles.push(...scan.pickles);
      findings.push(...scan.findings);
    }
    const isTorch = names.some((n) => TAR_MEMBERS.includes(n));
    return {
      format: isTorch ? 'pytorch-tar' : 'tar',
      findings,
      metadata: { ...pickleMetadata(pickles), members: names },
      bytesRead,
    };
  },
};

/**
 * The `storages` and `tensors` members: a pickled count, then per record a pickle followed by
 * raw bytes (a storage: 8-byte element count and the elements; a tensor: ndim, shape, stride
 * and offset). Every pickle is scanned; the raw bytes are skipped.
 */
async function walkTarRecords(
  source: ByteSource,
  member: string,
  context: ReadContext,
): Promise<{ findings: ModelFinding[]; pickles: PickleDisassembly[]; bytesRead: number }> {
  const findings: ModelFinding[] = [];
  const pickles: PickleDisassembly[] = [];
  let bytesRead = 0;
  let pos = 0;
  const first = await readPickleAt(source, pos, context);
  bytesRead += first.bytesRead;
  pickles.push(first.dis);
  findings.push(...pickleFindings(first.dis, `${member} (record count)`));
  if (first.dis.error) return { findings, pickles, bytesRead };
  pos += first.dis.length;
  const countValue = first.dis.result;
  const count = countValue?.t === 'int' ? Number(countValue.v) : -1;
  for (let i = 0; i < count && i < context.limits.maxMembers && pos < source.size; i++) {
    const rec = await readPickleAt(source, pos, context);
    bytesRead += rec.bytesRead;
    pickles.push(rec.dis);
    findings.push(...pickleFindings(rec.dis, `${member} record ${i + 1} at offset ${pos}`));
    if (rec.dis.error) return { findings, pickles, bytesRead };
    pos += rec.dis.length;
    if (member === 'storages') {
      // args = (key, location, storage_type); the raw storage follows.
      const args = rec.dis.result;
      const type = args?.t === 'seq' ? args.items[2] : undefined;
      const element = type?.t === 'global' ? STORAGE_ELEMENT_SIZE[type.name] : undefined;
      const sizeBytes = await source.read(pos, 8);
      bytesRead += sizeBytes.length;
      if (element === undefined || sizeBytes.length < 8) {
        findings.push({
          rule: 'pytorch.tar-unreadable-storage',
          severity: 'unverifiable',
          message: `Storage record ${i + 1} of ${member} cannot be sized, so the records after it were not checked.`,
          detail: `${member} offset ${pos}`,
        });
        return { findings, pickles, bytesRead };
      }
      const dv = new DataView(sizeBytes.buffer, sizeBytes.byteOffset, 8);
      const elements = dv.getUint32(0, true) + dv.getUint32(4, true) * 0x100000000;
      pos += 8 + elements * element;
    } else {
      const ndimBytes = await source.read(pos, 4);
      bytesRead += ndimBytes.length;
      if (ndimBytes.length < 4) break;
      const ndim = new DataView(ndimBytes.buffer, ndimBytes.byteOffset, 4).getInt32(0, true);
      if (ndim < 0 || ndim > 64) {
        throw new Error(`${member}: tensor record ${i + 1} has ${ndim} dimensions`);
      }
      pos += 4 + 4 + ndim * 16 + 8;
    }
  }
  // Storage views (storages) follow as one last pickle.
  if (member === 'storages' && pos < source.size) {
    const views = await readPickleAt(source, pos, context);
    bytesRead += views.bytesRead;
    pickles.push(views.dis);
    findings.push(...pickleFindings(views.dis, `${member} (storage views) at offset ${pos}`));
  }
  return { findings, pickles, bytesRead };
}
