/**
 * What `openvet license identify` does once its options are parsed: expand the inputs to
 * files, read each one bounded, identify its licences and print one entry per file.
 */
import { readFile, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { findLicenseFiles } from '../../analyzers/license/files.js';
import { identifyLicenses, type LicenseMatch } from '../../analyzers/license/identify.js';
import { InputError, UsageError, describeError } from '../../core/errors.js';
import { readAll, type CliIo } from '../io.js';
import type { LicenseIdentifyFlags } from './license.js';

/** Only this much of each file is read: licence texts are far smaller, and a huge file is not one. */
export const MAX_LICENSE_FILE_BYTES = 1024 * 1024;

/** Files read ahead of the one being identified, to overlap I/O with matching. */
const READ_AHEAD = 8;

/** One file's result, as printed in the JSON output. */
export interface IdentifyEntry {
  /** The path as the user gave it (joined with the relative path for files found in a DIR). */
  readonly file: string;
  readonly matches: readonly LicenseMatch[];
  /** Set when only the first {@link MAX_LICENSE_FILE_BYTES} bytes were read. */
  readonly truncated?: true;
  /** The engine's bounds this file reached, one sentence each (what may be missing). */
  readonly limits?: readonly string[];
  /** Why the file could not be read; `matches` is then empty. */
  readonly error?: string;
}

interface Input {
  readonly file: string;
  readonly absolute: string;
  /** Set when the input failed before reading (e.g. a directory that cannot be listed). */
  readonly error?: string;
}

interface ReadResult {
  readonly text?: string;
  readonly truncated?: boolean;
  readonly error?: string;
}

export async function runLicenseIdentify(
  paths: readonly string[],
  flags: LicenseIdentifyFlags,
  io: CliIo,
): Promise<void> {
  const given = [...paths];
  if (flags.filesFrom !== undefined) given.push(...(await readFileList(flags.filesFrom, io)));
  if (paths.length === 0 && flags.filesFrom === undefined) {
    throw new UsageError(
      'license identify: no files given. Pass FILE or DIR arguments, or --files-from FILE ' +
        '(one path per line, "-" for stdin). Example: openvet license identify LICENSE',
    );
  }

  const inputs = await expandInputs(given, io);
  const table = flags.format === 'table';
  // Known before any file is read, so table lines can stream aligned. (No spread: the list
  // may hold more entries than a call has argument slots.)
  const fileWidth = Math.min(
    60,
    inputs.reduce((w, i) => Math.max(w, i.file.length), 4),
  );
  const entries: IdentifyEntry[] = [];
  let failed: IdentifyEntry | undefined;
  let failures = 0;

  // Reads run READ_AHEAD files ahead of matching; results are consumed strictly in input order.
  const pending = new Map<number, Promise<ReadResult>>();
  const startRead = (i: number): void => {
    const input = inputs[i];
    if (input === undefined) return;
    pending.set(
      i,
      input.error !== undefined ? Promise.resolve({ error: input.error }) : readBounded(input),
    );
  };
  for (let i = 0; i < READ_AHEAD; i++) startRead(i);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const read = await pending.get(i)!;
    pending.delete(i);
    startRead(i + READ_AHEAD);
    const entry = identifyOne(input, read);
    if (entry.error !== undefined) {
      failures++;
      failed ??= entry;
    }
    if (table) io.stdout.write(tableLines(entry, fileWidth));
    else entries.push(entry);
  }

  if (!table) io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  if (failed !== undefined) {
    throw new InputError(
      `${failures} of ${inputs.length} file(s) could not be read (first: ${failed.file}: ${failed.error})`,
      { code: 'OPENVET_E_INPUT' },
    );
  }
}

function identifyOne(input: Input, read: ReadResult): IdentifyEntry {
  if (read.text === undefined) {
    return { file: input.file, matches: [], error: read.error ?? 'could not be read' };
  }
  const limits: string[] = [];
  const matches = identifyLicenses(read.text, {
    fileName: input.absolute,
    limits,
  }).map(toOutputMatch);
  return {
    file: input.file,
    matches,
    ...(read.truncated === true ? { truncated: true } : {}),
    ...(limits.length > 0 ? { limits } : {}),
  };
}

/** The match fields in a fixed order, optional ones only when present: stable output bytes. */
function toOutputMatch(m: LicenseMatch): LicenseMatch {
  return {
    license: m.license,
    confidence: m.confidence,
    score: m.score,
    startLine: m.startLine,
    endLine: m.endLine,
    ...(m.sameText !== undefined && m.sameText.length > 0 ? { sameText: m.sameText } : {}),
    ...(m.family !== undefined ? { family: m.family } : {}),
    ...(m.via !== undefined ? { via: m.via } : {}),
    ...(m.reason !== undefined ? { reason: m.reason } : {}),
  };
}

/** Paths listed one per line in FILE or on stdin (`-`); blank lines are ignored. */
async function readFileList(source: string, io: CliIo): Promise<string[]> {
  let text: string;
  try {
    text =
      source === '-'
        ? await readAll(io.stdin ?? process.stdin)
        : await readFile(path.resolve(io.cwd, source), 'utf8');
  } catch (error) {
    throw new UsageError(`--files-from ${source}: cannot read the list of files: ${reason(error)}`);
  }
  return text
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .filter((line) => line.trim() !== '');
}

/** Each given path, or for a directory its licence-bearing files, in the order given. */
async function expandInputs(given: readonly string[], io: CliIo): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const file of given) {
    const absolute = path.resolve(io.cwd, file);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory() !== true) {
      // Missing or unreadable files are reported by the read, in their entry.
      inputs.push({ file, absolute });
      continue;
    }
    try {
      const found = await findLicenseFiles(absolute);
      if (found.truncated !== undefined) {
        io.stderr.write(`openvet: ${file}: ${found.truncated}; some files are not listed\n`);
      }
      if (found.files.length === 0) {
        io.stderr.write(`openvet: ${file}: no licence-bearing files in this directory\n`);
      }
      for (const rel of found.files) {
        inputs.push({ file: path.join(file, rel), absolute: path.join(absolute, rel) });
      }
    } catch (error) {
      inputs.push({ file, absolute, error: `cannot list this directory: ${reason(error)}` });
    }
  }
  return inputs;
}

/** The first {@link MAX_LICENSE_FILE_BYTES} of a regular file, decoded (UTF-8 or UTF-16 by BOM). */
async function readBounded(input: Input): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(input.absolute, 'r');
  } catch (error) {
    return { error: reason(error) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { error: 'not a regular file' };
    const buffer = Buffer.alloc(Math.min(info.size, MAX_LICENSE_FILE_BYTES));
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return {
      text: decode(buffer.subarray(0, length)),
      truncated: info.size > MAX_LICENSE_FILE_BYTES,
    };
  } catch (error) {
    return { error: reason(error) };
  } finally {
    await handle.close();
  }
}

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  // The UTF-8 decoder drops a BOM and replaces invalid bytes (e.g. a Latin-1 ©) with U+FFFD.
  return new TextDecoder('utf-8').decode(bytes);
}

/** A user-facing reason for a file-system error, without the errno prefix and path. */
function reason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent of this path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return describeError(error);
  }
}

function tableLines(entry: IdentifyEntry, fileWidth: number): string {
  const file = entry.file.padEnd(fileWidth);
  // What the file's result may lack, after its last line.
  const remarks = [
    ...(entry.truncated === true ? [`first ${MAX_LICENSE_FILE_BYTES / 1048576} MiB read`] : []),
    ...(entry.limits ?? []),
  ];
  const truncated = remarks.length > 0 ? `  (${remarks.join('; ')})` : '';
  if (entry.error !== undefined) return `${file}  error: ${entry.error}\n`;
  if (entry.matches.length === 0) return `${file}  (no licence found)${truncated}\n`;
  let out = '';
  for (const [i, m] of entry.matches.entries()) {
    const notes = [
      m.sameText !== undefined && m.sameText.length > 0
        ? `same text: ${m.sameText.join(', ')}`
        : '',
      m.reason ?? '',
    ].filter(Boolean);
    const lines = `lines ${m.startLine}-${m.endLine}`.padEnd(13);
    const line = `${file}  ${m.license.padEnd(24)}  ${m.confidence.padEnd(6)}  ${lines}`;
    const last = i === entry.matches.length - 1 ? truncated : '';
    out += `${line}${notes.length > 0 ? `  ${notes.join('; ')}` : ''}${last}`.trimEnd() + '\n';
  }
  return out;
}
