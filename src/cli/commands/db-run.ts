/**
 * What `openvet db import` and `openvet db status` do once their options are parsed.
 */
import path from 'node:path';
import { importOsv, type OsvImportSummary } from '../../analyzers/vulns/osv/import.js';
import type { AdvisoryStatus } from '../../store/types.js';
import { clockFromEnv } from '../clock.js';
import type { CliIo } from '../io.js';
import type { DbImportFlags, DbStatusFlags } from './db.js';

/** How many invalid records the summary lists without --verbose. */
const SHOWN_PROBLEMS = 20;

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map(
      (r) =>
        `${r
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}

function importText(summary: OsvImportSummary, verbose: boolean): string {
  const lines = [
    `Imported OSV data from ${summary.path} (${summary.kind}, ${summary.read} record(s) read${summary.ecosystems.length > 0 ? `; ${summary.ecosystems.join(', ')}` : ''})`,
    `  imported   ${summary.imported}`,
    `  updated    ${summary.updated}`,
    `  unchanged  ${summary.unchanged}   (the stored record is as new or newer)`,
    `  withdrawn  ${summary.withdrawn}   (kept, never matched)`,
    `  invalid    ${summary.invalid}${summary.invalid > 0 ? '   (skipped; the rest was imported)' : ''}`,
  ];
  const shown = verbose ? summary.problems : summary.problems.slice(0, SHOWN_PROBLEMS);
  if (shown.length > 0) lines.push('', 'Invalid records:');
  for (const p of shown) lines.push(`  ${p.id ?? p.source}: ${p.reason}`);
  if (shown.length < summary.problems.length)
    lines.push(`  … and ${summary.problems.length - shown.length} more (--verbose lists all)`);
  return `${lines.join('\n')}\n`;
}

/** `openvet db import PATH`. */
export async function runDbImport(target: string, flags: DbImportFlags, io: CliIo): Promise<void> {
  const now = clockFromEnv(io.env);
  const { openSqliteStore, resolveDbPath } = await import('../../store/index.js');
  const store = await openSqliteStore(resolveDbPath(flags.db, io.env));
  let summary: OsvImportSummary;
  try {
    summary = await importOsv(path.resolve(io.cwd, target), store, { displayPath: target, now });
  } finally {
    await store.close();
  }
  if (flags.format === 'json') {
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  io.stdout.write(importText(summary, flags.verbose));
}

function statusText(status: AdvisoryStatus): string {
  if (status.advisories === 0 && status.sources.length === 0)
    return 'No advisories imported yet. Run `openvet db import all.zip` with an osv.dev export.\n';
  const parts = [
    `${status.advisories} advisory(ies), ${status.withdrawn} withdrawn\n\n`,
    table([
      ['ECOSYSTEM', 'ADVISORIES', 'WITHDRAWN', 'LAST UPDATED', 'NEWEST MODIFIED'],
      ...status.ecosystems.map((e) => [
        e.ecosystem,
        String(e.advisories),
        String(e.withdrawn),
        e.lastUpdated,
        e.newestModified,
      ]),
    ]),
    '\n',
    table([
      ['SOURCE', 'IMPORTED AT', 'READ', 'IMPORTED', 'UPDATED', 'UNCHANGED', 'INVALID', 'PATH'],
      ...status.sources.map((s) => [
        s.name,
        s.importedAt,
        String(s.counts.read ?? 0),
        String(s.counts.imported ?? 0),
        String(s.counts.updated ?? 0),
        String(s.counts.unchanged ?? 0),
        String(s.counts.invalid ?? 0),
        s.path,
      ]),
    ]),
  ];
  return parts.join('');
}

/** `openvet db status`. */
export async function runDbStatus(flags: DbStatusFlags, io: CliIo): Promise<void> {
  const { openSqliteStore, resolveDbPath } = await import('../../store/index.js');
  const store = await openSqliteStore(resolveDbPath(flags.db, io.env));
  let status: AdvisoryStatus;
  try {
    status = await store.advisoryStatus();
  } finally {
    await store.close();
  }
  io.stdout.write(
    flags.format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : statusText(status),
  );
}
