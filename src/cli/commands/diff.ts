/**
 * `openvet diff OLD.json NEW.json`: what changed between two scans (change gating in CI).
 */
import { Command, Option } from 'commander';
import { DIFF_FORMATS, type DiffFormat } from '../../diff/render.js';
import type { CliIo } from '../io.js';

/** The options of `openvet diff`. */
export interface DiffFlags {
  format: DiffFormat;
}

const EXAMPLES = `
Examples:
  $ openvet scan . --format json -o new.json
  $ openvet diff main.json new.json                   # table
  $ openvet diff main.json new.json --format markdown  # a pull-request comment

OLD and NEW are reports of \`openvet scan --format json\`. Components are compared by id (an
upgrade shows as a version change), findings by fingerprint (stable across runs for the same
problem in the same place).

Exit codes: 0 no new critical or high finding, 1 a new finding fails the gate, 2 a file that
cannot be read or is not a scan result.`;

/** The `diff` command. */
export function diffCommand(io: CliIo): Command {
  return new Command('diff')
    .description('Compare two scan results: new components, new and resolved findings')
    .argument('<old>', 'the baseline scan result (JSON)')
    .argument('<new>', 'the new scan result (JSON)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('table'),
    )
    .addHelpText('after', EXAMPLES)
    .action(async (oldFile: string, newFile: string, flags: DiffFlags) => {
      const { runDiff } = await import('./diff-run.js');
      await runDiff(oldFile, newFile, flags, io);
    });
}
