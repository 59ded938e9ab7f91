/**
 * `openvet history`: the scans recorded in the database, newest first.
 */
import { Command, Option } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { CliIo } from '../io.js';

const EXAMPLES = `
Examples:
  $ openvet history                 # the 20 most recent scans
  $ openvet history --limit 100 --format json
  $ openvet history --db ./ci/openvet.db`;

export function historyCommand(io: CliIo): Command {
  return new Command('history')
    .description('List the scans recorded in the openvet database')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json'])
        .default('table'),
    )
    .option('-n, --limit <n>', 'how many scans to list', '20')
    .option('--target <path>', 'only scans of this target path (as it was given to scan)')
    .option(
      '--db <file>',
      'the openvet database (default $OPENVET_DB, else the XDG data directory)',
    )
    .addHelpText('after', EXAMPLES)
    .action(
      async (flags: { format: 'table' | 'json'; limit: string; target?: string; db?: string }) => {
        const limit = Number(flags.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new UsageError(`--limit must be a positive whole number, not ${flags.limit}`);
        const { openSqliteStore, resolveDbPath } = await import('../../store/index.js');
        const store = await openSqliteStore(resolveDbPath(flags.db, io.env));
        try {
          const scans = await store.listScans({
            limit,
            ...(flags.target !== undefined ? { target: flags.target } : {}),
          });
          if (flags.format === 'json') {
            io.stdout.write(`${JSON.stringify(scans, null, 2)}\n`);
            return;
          }
          if (scans.length === 0) {
            io.stdout.write('No scans recorded yet. Run `openvet scan` first.\n');
            return;
          }
          const rows = scans.map((s) => [
            String(s.id),
            s.startedAt,
            s.targetName,
            s.targetPath,
            String(s.components),
            String(s.errors),
            s.verdict,
          ]);
          const headers = ['ID', 'STARTED', 'NAME', 'PATH', 'COMPONENTS', 'PROBLEMS', 'VERDICT'];
          const widths = headers.map((h, i) =>
            Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
          );
          for (const r of [headers, ...rows])
            io.stdout.write(
              `${r
                .map((c, i) => c.padEnd(widths[i] ?? 0))
                .join('  ')
                .trimEnd()}\n`,
            );
        } finally {
          await store.close();
        }
      },
    );
}
