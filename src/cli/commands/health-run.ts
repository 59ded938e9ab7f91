/**
 * What `openvet health` does once its options are parsed: open the repository, analyse it,
 * print JSON or a table.
 */
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { analyzeRepository, type HealthReport } from '../../analyzers/health/index.js';
import { clockFromEnv } from '../clock.js';
import type { CliIo } from '../io.js';
import type { HealthFlags } from './health.js';

/** `--as-of`: a date (midnight UTC) or a full ISO 8601 timestamp. */
export function parseAsOf(value: string): Date {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms))
    throw new UsageError(
      `--as-of must be a date like 2024-06-30 or 2024-06-30T12:00:00Z, not ${JSON.stringify(value)}`,
    );
  return new Date(ms);
}

export async function runHealth(target: string, flags: HealthFlags, io: CliIo): Promise<void> {
  const now = clockFromEnv(io.env)();
  const asOf = flags.asOf !== undefined ? parseAsOf(flags.asOf) : now;
  const report = await analyzeRepository(path.resolve(io.cwd, target), {
    asOf,
    now,
  });
  const shown = { ...report, repository: { ...report.repository, path: target } };
  if (flags.format === 'json') {
    io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    return;
  }
  io.stdout.write(table(shown));
}

const fmt = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : Number.isInteger(n) ? String(n) : n.toFixed(1);

/** The human-readable report. */
export function table(r: HealthReport): string {
  const h = r.history;
  const lines: string[] = [];
  lines.push(
    `${r.repository.path} (${r.repository.bare ? 'bare' : 'work tree'}) as of ${r.asOf.slice(0, 10)}`,
  );
  lines.push(
    `Score ${fmt(r.score)}/10  confidence ${Math.round(r.confidence * 100)}%  ` +
      Object.entries(r.dimensions)
        .map(([k, d]) => `${k} ${fmt(d.score)}`)
        .join('  '),
  );
  for (const f of r.flags)
    lines.push(
      `FLAG ${f.id}: ${f.message}${f.evidence[0] !== undefined ? ` (${f.evidence[0]})` : ''}`,
    );
  lines.push('');
  lines.push('History');
  const rows: [string, string][] = [
    ['commits (human / bot)', `${h.commits.human} / ${h.commits.bots}`],
    [
      'human commits 90d / 365d',
      `${h.commits.humanInWindow.last90Days} / ${h.commits.humanInWindow.last365Days}`,
    ],
    [
      'last commit',
      h.lastCommitAt !== undefined
        ? `${h.lastCommitAt.slice(0, 10)} (${h.daysSinceLastCommit} days)`
        : '–',
    ],
    [
      'newest commit',
      h.newestCommit !== undefined
        ? `${h.newestCommit.at.slice(0, 10)} (${h.newestCommit.ageDays} days old)`
        : '–',
    ],
    ['releases (365d / total)', `${h.releases.last365Days} / ${h.releases.total}`],
    [
      'last release',
      h.releases.last !== undefined
        ? `${h.releases.last.tag} ${h.releases.last.at.slice(0, 10)} (${h.releases.daysSinceLastRelease} days)`
        : '–',
    ],
    [
      'active maintainers 90d / 365d',
      `${h.activeMaintainers.last90Days} / ${h.activeMaintainers.last365Days}`,
    ],
    ['contributors', String(h.contributors)],
    [
      'contributor absence factor (all / 365d)',
      `${h.contributorAbsenceFactor.allTime} / ${h.contributorAbsenceFactor.last365Days}`,
    ],
    [
      'truck factor',
      `${h.truckFactor.value}${h.truckFactor.authors.length > 0 ? ` (${h.truckFactor.authors.join(', ')})` : ''}`,
    ],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(w)}  ${v}`);
  lines.push('');
  lines.push('Scorecard');
  const cw = Math.max(...Object.keys(r.scorecard).map((k) => k.length));
  for (const [name, c] of Object.entries(r.scorecard))
    lines.push(
      `  ${name.padEnd(cw)}  ${(c.score === null ? '?' : String(c.score)).padStart(2)}  ${c.reason}`,
    );
  for (const n of r.notes) lines.push(`note: ${n}`);
  return `${lines.join('\n')}\n`;
}
