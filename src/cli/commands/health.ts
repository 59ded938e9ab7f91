/**
 * `openvet health PATH`: is anyone responsible for this project, how actively, how concentrated
 * is that, and how does it handle security? Computed offline from a local git clone.
 */
import { Command, Option } from 'commander';
import type { CliIo } from '../io.js';

/** Output formats of `openvet health`. */
export const HEALTH_FORMATS = ['table', 'json'] as const;

/** The options of `openvet health`, as commander parses them. */
export interface HealthFlags {
  format: (typeof HEALTH_FORMATS)[number];
  asOf?: string;
}

const EXAMPLES = `
Examples:
  $ openvet health ~/src/left-pad                   # a work tree, as a table
  $ openvet health repo.git --format json          # a bare repository
  $ openvet health . --as-of 2024-06-30            # as it stood on that date

Reads the clone only (no network): history metrics from one pass over \`git log\` (human commits
in 90/365 days, releases per year, days since the last commit and release, active maintainers,
CHAOSS contributor absence factor, truck factor by degree of authorship), OpenSSF Scorecard
checks computed with Scorecard's own rules (null where a check needs forge data), and openvet's
dimensions (activity, people, security, process), overall score and confidence. See
docs/health.md for every formula.

JSON output: { repository, asOf, history, scorecard: { <check>: { score, reason, evidence } },
  projectFiles?, dimensions, score, confidence, flags, notes }

Exit codes: 0 report printed, 2 not a git repository or a bad option, 3 internal error.`;

/** The `health` command. */
export function healthCommand(io: CliIo): Command {
  return new Command('health')
    .description('Maintenance health of a project from its local git clone (offline)')
    .argument('[path]', 'a git work tree (or a folder in one) or a bare repository', '.')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(HEALTH_FORMATS).default('table'),
    )
    .option('--as-of <date>', 'compute as of this date (YYYY-MM-DD or ISO 8601; default now)')
    .addHelpText('after', EXAMPLES)
    .action(async (target: string, flags: HealthFlags) => {
      const { runHealth } = await import('./health-run.js');
      await runHealth(target, flags, io);
    });
}
