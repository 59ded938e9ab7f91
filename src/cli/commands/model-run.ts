/**
 * What `openvet model scan` does once its options are parsed: expand the inputs to files, scan
 * each (a few at a time; reports keep the input order), print, and exit 1 when a file is unsafe.
 * And what `openvet model openness` does: read one MOF declaration, evaluate it, print.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  countingSource,
  isModelFileName,
  scanModelSource,
} from '../../analyzers/models/scan-file.js';
import {
  MAX_DECLARATION_BYTES,
  declarationOpenness,
  parseMofDeclaration,
  type ModelOpenness,
} from '../../analyzers/models/openness/index.js';
import type { ModelFileReport } from '../../analyzers/models/types.js';
import { InputError, PolicyError, describeError } from '../../core/errors.js';
import { findFiles } from '../../core/find-files.js';
import { createScanFs } from '../../core/fs.js';
import { mapPool } from '../../core/pool.js';
import { readAll, type CliIo } from '../io.js';
import type { ModelOpennessFlags, ModelScanFlags } from './model.js';

/** Files scanned at once: I/O bound (headers and pickle members), little CPU each. */
const CONCURRENCY = 4;

interface Input {
  readonly file: string;
  readonly absolute: string;
  readonly error?: string;
}

/** `openvet model scan`: see model.ts for the contract. */
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

/**
 * `openvet model openness --mof FILE`: evaluate one MOF declaration and print it. An
 * unreadable or malformed file is an `InputError` (exit 2); any class, even none, exits 0.
 */
export async function runModelOpenness(flags: ModelOpennessFlags, io: CliIo): Promise<void> {
  const file = flags.mof;
  let text: string;
  if (file === '-') {
    text = await readAll(io.stdin ?? process.stdin);
  } else {
    const absolute = path.resolve(io.cwd, file);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined || !info.isFile())
      throw new InputError(
        `${file}: ${info === undefined ? 'no such file' : 'not a file'}; --mof takes a MOF declaration (YAML or JSON)`,
        { code: 'OPENVET_E_INPUT' },
      );
    // Checked before reading so a huge file is refused without being loaded.
    if (info.size > MAX_DECLARATION_BYTES)
      throw new InputError(
        `${file}: ${info.size} bytes, larger than ${MAX_DECLARATION_BYTES}; a MOF declaration is a few KiB`,
        { code: 'OPENVET_E_TOO_LARGE' },
      );
    try {
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      throw new InputError(`${file}: cannot be read (${describeError(error)})`, {
        code: 'OPENVET_E_INPUT',
        cause: error,
      });
    }
  }
  const result = declarationOpenness(parseMofDeclaration(text, file === '-' ? 'stdin' : file));
  if (flags.format === 'json') {
    io.stdout.write(`${JSON.stringify({ file, ...result }, null, 2)}\n`);
    return;
  }
  io.stdout.write(opennessTable(file, result));
}

const STATUS_MARK: Readonly<Record<string, string>> = {
  open: 'open',
  'not-open': 'NOT OPEN',
  unlicensed: 'UNLICENSED',
  missing: 'MISSING',
  substituted: 'substituted',
  'not-declared': '-',
};

function opennessTable(file: string, r: ModelOpenness): string {
  const pct = (n: number): string => `${n}%`;
  let out = `${r.name} (${file})\n`;
  out += `MOF class:  ${r.label}\n`;
  out += `Progress:   Class III ${pct(r.progress.III)}, Class II ${pct(r.progress.II)}, Class I ${pct(r.progress.I)}\n`;
  out += `OSI OSAID:  ${r.osaid.verdict}\n\n`;
  const width = Math.max(9, ...r.components.map((c) => c.name.length));
  out += `${'COMPONENT'.padEnd(width)}  ${'FOR'.padEnd(9)}  ${'STATUS'.padEnd(11)}  LICENCE\n`;
  for (const c of r.components) {
    const needed = c.required ? c.requiredFor.join(',') : 'optional';
    const licence =
      c.license === null
        ? ''
        : `${c.license}${c.licenseSource === 'component' || c.licenseSource === null ? '' : ' (global)'}`;
    out += `${`${c.name.padEnd(width)}  ${needed.padEnd(9)}  ${(STATUS_MARK[c.status] ?? c.status).padEnd(11)}  ${licence}`.trimEnd()}\n`;
    if (c.status !== 'open' && c.status !== 'not-declared') out += `    ${c.reason}\n`;
  }
  for (const warning of r.warnings) out += `\nwarning: ${warning}`;
  if (r.warnings.length > 0) out += '\n';
  out += '\nOSI Open Source AI Definition 1.0:\n';
  for (const reason of r.osaid.reasons) out += `  ${reason.status.padEnd(7)}  ${reason.message}\n`;
  return out;
}
