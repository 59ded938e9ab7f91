/**
 * `openvet license identify [FILE|DIR...]`: which licences do these files state, with line
 * ranges and a confidence for each. `license` is a command group so that further licence
 * commands can sit beside `identify`.
 */
import { Command, Option } from 'commander';
import type { CliIo } from '../io.js';

/** Output formats of `openvet license identify`. */
export const LICENSE_IDENTIFY_FORMATS = ['json', 'table'] as const;

/** The options of `openvet license identify`, as commander parses them. */
export interface LicenseIdentifyFlags {
  format: (typeof LICENSE_IDENTIFY_FORMATS)[number];
  filesFrom?: string;
}

const EXAMPLES = `
Examples:
  $ openvet license identify LICENSE                    # one file, as JSON
  $ openvet license identify . --format table           # every licence-bearing file below .
  $ openvet license identify LICENSE-MIT LICENSE-APACHE NOTICE
  $ find vendor -name 'LICENSE*' | openvet license identify --files-from -

A directory expands, recursively, to its licence-bearing files: LICENSE*, LICENCE*, COPYING*,
COPYRIGHT*, NOTICE*, UNLICENSE, PATENTS, README* (model cards included), USE_POLICY*, and the
manifests package.json, pyproject.toml, setup.cfg, PKG-INFO, METADATA, Cargo.toml,
composer.json, DESCRIPTION (R), pom.xml and *.nuspec (any case, any suffix except source-code
and binary extensions). VCS folders and node_modules are
skipped; symlinked directories are not followed. Paths from --files-from (blank lines
ignored) are relative to the current directory and come after the arguments.

JSON output: an array in input order, one entry per file:
  { "file", "matches": [{ "license", "confidence", "score", "startLine", "endLine",
    "sameText"?, "family"?, "via"?, "reason"? }], "truncated"?: true, "error"?: "..." }
Confidence: exact = the normalised text is the reference text; high = a verified match;
medium = similar, a hint only. A "family" answer (e.g. "GPL-3.0-*") means the text fits
every id in "family" and nothing in the file says which; "reason" says why. Only the first 1 MiB of a file is read ("truncated": true).

Exit codes: 0 every file was read, 2 usage error or some file could not be read (its entry
has an "error" and the others are still reported), 3 internal error.`;

function configure(command: Command, io: CliIo): Command {
  // Sub-commands do not inherit the program's exit override: without it commander would call
  // process.exit itself on a bad option.
  return command.exitOverride().configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  });
}

/** The `license` command group. */
export function licenseCommand(io: CliIo): Command {
  const identify = new Command('identify')
    .description('Identify the licences stated in files (full texts, notices, AI model licences)')
    .argument('[paths...]', 'files, or directories to search for licence-bearing files')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(LICENSE_IDENTIFY_FORMATS)
        .default('json'),
    )
    .option('--files-from <file>', 'read more paths from FILE, one per line ("-" = stdin)')
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], flags: LicenseIdentifyFlags) => {
      // Loaded on use, so that `--help` and `--version` start fast.
      const { runLicenseIdentify } = await import('./license-run.js');
      await runLicenseIdentify(paths, flags, io);
    });
  const group = new Command('license')
    .description('Licence tools: identify the licences files state')
    .addHelpText(
      'after',
      `
Examples:
  $ openvet license identify LICENSE
  $ openvet license identify . --format table`,
    )
    .addCommand(configure(identify, io));
  return configure(group, io);
}
