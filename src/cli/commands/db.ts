/**
 * `openvet db import PATH` and `openvet db status`: the offline advisory data (OSV) in the
 * openvet database.
 */
import { Command, Option } from 'commander';
import type { CliIo } from '../io.js';

/** The options of `openvet db import`, as commander parses them. */
export interface DbImportFlags {
  db?: string;
  verbose: boolean;
  format: 'table' | 'json';
}

/** The options of `openvet db status`, as commander parses them. */
export interface DbStatusFlags {
  db?: string;
  format: 'table' | 'json';
}

const DB_OPTION = [
  '--db <file>',
  'the openvet database (default $OPENVET_DB, else the XDG data directory)',
] as const;

const IMPORT_EXAMPLES = `
Examples:
  $ curl -LO https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip
  $ openvet db import all.zip                 # an osv.dev ecosystem export
  $ openvet db import ./advisories/           # a directory of OSV JSON files (recursive)
  $ openvet db import GHSA-xxxx-xxxx-xxxx.json --db ./ci/openvet.db
  $ openvet db import all.zip --verbose       # list every invalid record, not only the first 20

Each record is validated against the OSV schema; invalid ones are listed (id and reason) and
skipped, and the import goes on: the exit code is 0 even then. A record replaces a stored one
only when its "modified" is newer. Withdrawn advisories are kept but never matched.

Exit codes: 0 imported (even with invalid records), 2 missing or unreadable PATH, or PATH is not
OSV data, 3 internal error.`;

const STATUS_EXAMPLES = `
Examples:
  $ openvet db status
  $ openvet db status --format json --db ./ci/openvet.db`;

/** `openvet db`: the command group. */
export function dbCommand(io: CliIo): Command {
  const db = new Command('db').description(
    'Manage the offline vulnerability data (OSV advisories) in the openvet database',
  );
  db.addHelpText(
    'after',
    `
Examples:
  $ openvet db import all.zip     # an osv.dev ecosystem export
  $ openvet db status`,
  );
  db.addCommand(
    new Command('import')
      .description(
        'Import OSV advisories: an osv.dev all.zip, a directory of OSV JSON files, or one file',
      )
      .argument('<path>', 'all.zip, a directory of OSV JSON files, or one OSV JSON file')
      .option(...DB_OPTION)
      .addOption(
        new Option('-f, --format <format>', 'summary format')
          .choices(['table', 'json'])
          .default('table'),
      )
      .option('-v, --verbose', 'list every invalid record (default: the first 20)', false)
      .addHelpText('after', IMPORT_EXAMPLES)
      .action(async (target: string, flags: DbImportFlags) => {
        // Loaded on use, so that `--help` and `--version` start fast.
        const { runDbImport } = await import('./db-run.js');
        await runDbImport(target, flags, io);
      }),
  );
  db.addCommand(
    new Command('status')
      .description(
        'Show the imported advisory sources, counts per ecosystem and when each was last updated',
      )
      .option(...DB_OPTION)
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['table', 'json'])
          .default('table'),
      )
      .addHelpText('after', STATUS_EXAMPLES)
      .action(async (flags: DbStatusFlags) => {
        const { runDbStatus } = await import('./db-run.js');
        await runDbStatus(flags, io);
      }),
  );
  // program.ts sets these on top-level commands only; nested ones need them too so that a bad
  // option gives exit code 2 through runCli instead of commander's own process.exit.
  for (const sub of db.commands)
    sub.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  return db;
}
