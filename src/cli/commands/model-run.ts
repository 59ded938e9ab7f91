/**
 * What `openvet model scan` does once its options are parsed: expand the inputs to files, scan
 * each (a few at a time; reports keep the input order), print, and exit 1 when a file is unsafe.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  countingSource,
  isModelFileName,
  scanModelSource,
} from '../../analyzers/models/scan-file.js';
import type { ModelFileReport } from '../../analyzers/models/types.js';
import { InputError, PolicyError, describeError } from '../../core/errors.js';
import { findFiles } from '../../core/find-files.js';
import { createScanFs } from '../../core/fs.js';
import { mapPool } from '../../core/pool.js';
import type { CliIo } from '../io.js';
import type { ModelScanFlags } from './model.js';

/** Files scanned at once: I/O bound (headers and pickle members), little CPU each. */
const CONCURRENCY = 4;

interface Input {
  readonly file: string;
  readonly absolute: string;
  readonly error?: string;
}

export async function runModelScan(
  paths: readonly string[],
  flags: ModelScanFlags,
  io: CliIo,
): Promise<void> {
  const inputs: Input[] = [];
  const notes: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(io.cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined) {
      inputs.push({ file: given, absolute, error: 'no such file or directory' });
    } else if (info.isDirectory()) {
      const found = await findFiles(absolute, isModelFileName, { what: 'model files' });
      if (found.truncated !== undefined) notes.push(`${given}: ${found.truncated}`);
      if (found.files.length === 0) notes.push(`${given}: no model files found`);
      for (const rel of found.files)
        inputs.push({ file: path.join(given, rel), absolute: path.join(absolute, rel) });
    } else {
      inputs.push({ file: given, absolute });
    }
  }

  const reports = await mapPool(inputs, CONCURRENCY, (input) => scanOne(input));
  if (flags.format === 'json') {
    const out = reports.map((r) => {
      const { bytesRead, ...rest } = r;
      return flags.verbose ? { ...rest, bytesRead } : rest;
    });
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout.write(table(reports, flags.verbose));
  }
  for (const note of notes) io.stderr.write(`openvet: ${note}\n`);

  const unreadable = inputs.filter((i) => i.error !== undefined);
  const unsafe = reports.filter((r) => r.verdict === 'unsafe');
  // The report is out; these only set the exit code and say why.
  if (unreadable.length > 0)
    throw new InputError(
      `${unreadable.length} path(s) could not be read (first: ${unreadable[0]?.file}: ${unreadable[0]?.error})`,
      { code: 'OPENVET_E_INPUT' },
    );
  if (unsafe.length > 0)
    throw new PolicyError(
      `${unsafe.length} of ${reports.length} model file(s) unsafe to load (first: ${unsafe[0]?.file})`,
    );
}

async function scanOne(input: Input): Promise<ModelFileReport & { bytesRead: number }> {
  if (input.error !== undefined)
    return {
      file: input.file,
      format: 'unknown',
      verdict: 'error',
      findings: [{ rule: 'model.unreadable', severity: 'error', message: input.error }],
      metadata: {},
      bytesRead: 0,
    };
  const fs = createScanFs(path.dirname(input.absolute));
  let opened;
  try {
    opened = await fs.openFile(path.basename(input.absolute));
  } catch (error) {
    return {
      file: input.file,
      format: 'unknown',
      verdict: 'error',
      findings: [{ rule: 'model.unreadable', severity: 'error', message: describeError(error) }],
      metadata: {},
      bytesRead: 0,
    };
  }
  try {
    return await scanModelSource(input.file, countingSource(path.basename(input.absolute), opened));
  } finally {
    await opened.close();
  }
}

const MARK: Readonly<Record<string, string>> = {
  safe: 'safe',
  unsafe: 'UNSAFE',
  suspicious: 'SUSPICIOUS',
  error: 'ERROR',
  unverifiable: 'unverifiable',
};

function table(reports: readonly ModelFileReport[], verbose: boolean): string {
  const width = Math.max(4, ...reports.map((r) => r.file.length));
  const fmt = Math.max(6, ...reports.map((r) => r.format.length));
  let out = `${`${'FILE'.padEnd(width)}  ${'FORMAT'.padEnd(fmt)}  ${'VERDICT'.padEnd(12)}${verbose ? '  BYTES READ' : ''}`.trimEnd()}\n`;
  for (const r of reports) {
    out +=
      `${r.file.padEnd(width)}  ${r.format.padEnd(fmt)}  ${(MARK[r.verdict] ?? r.verdict).padEnd(12)}${verbose ? `  ${r.bytesRead}` : ''}`.trimEnd();
    out += '\n';
    for (const f of r.findings) {
      if (f.severity === 'info' && !verbose) continue;
      out += `    ${f.severity}: ${f.message}${f.detail !== undefined ? ` (${f.detail})` : ''} [${f.rule}]\n`;
    }
  }
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  out += `\n${reports.length} file(s): ${[...counts.entries()].map(([k, n]) => `${n} ${k}`).join(', ')}\n`;
  return out;
}
