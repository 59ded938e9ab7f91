/**
 * What `openvet diff` does: read both reports, compare, print; exit 1 when new findings fail.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError, PolicyError } from '../../core/errors.js';
import { diffScans, parseSnapshot, type ScanSnapshot } from '../../diff/index.js';
import { newFindingsFail, renderDiff } from '../../diff/render.js';
import type { CliIo } from '../io.js';
import type { DiffFlags } from './diff.js';

/** Largest scan result read (a 10,000-component report with evidence is tens of MB). */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

/** Read one scan result file as a snapshot; InputError (exit 2) when it cannot be. */
export async function readSnapshot(file: string, io: CliIo): Promise<ScanSnapshot> {
  const absolute = path.resolve(io.cwd, file);
  let text: string;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new InputError(`${file}: not a file`);
    if (info.size > MAX_REPORT_BYTES)
      throw new InputError(`${file}: larger than ${MAX_REPORT_BYTES / 1048576} MiB`);
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return parseSnapshot(text, file);
}

export async function runDiff(
  oldFile: string,
  newFile: string,
  flags: DiffFlags,
  io: CliIo,
): Promise<void> {
  const diff = diffScans(await readSnapshot(oldFile, io), await readSnapshot(newFile, io));
  io.stdout.write(renderDiff(diff, flags.format));
  if (newFindingsFail(diff))
    throw new PolicyError(
      `${diff.newFindings.length} new finding(s) since ${oldFile}, some critical or high`,
    );
}
