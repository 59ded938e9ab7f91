/**
 * `openvet vuln match PURL...`: which known advisories affect these package versions, from the
 * offline OSV data imported with `openvet db import`.
 */
import { Command, Option } from 'commander';
import type { CliIo } from '../io.js';

/** The options of `openvet vuln match`, as commander parses them. */
export interface VulnMatchFlags {
  db?: string;
  format: 'json' | 'table';
}

const EXAMPLES = `
Examples:
  $ openvet vuln match pkg:pypi/django@3.2.0
  $ openvet vuln match pkg:npm/lodash@4.17.20 pkg:npm/%40babel/traverse@7.22.0 --format table
  $ cat purls.txt | openvet vuln match -

JSON output: an array in input order, one entry per purl:
  { "purl", "ids": [...], "aliases": [...], "severity": "critical"|"high"|"medium"|"low"|"none"|null,
    "fixed": "<smallest version fixing every advisory>"|null, "error"?: "..." }
Supported: pkg:npm, pkg:pypi, pkg:golang, pkg:cargo, each with a version. Matching uses the
advisories imported with "openvet db import"; withdrawn advisories never match; GHSA, CVE and
PYSEC ids of one issue are merged.

Exit codes: 0 done (whether or not anything matched), 2 usage error or a purl that cannot be
read (its entry has "error"; the others are still reported), 3 internal error.`;

/** The `vuln` command group. */
export function vulnCommand(io: CliIo): Command {
  const vuln = new Command('vuln').description(
    'Known vulnerabilities of package versions (offline OSV data)',
  );
  vuln.addCommand(
    new Command('match')
      .description('Match package URLs against the imported OSV advisories')
      .argument(
        '[purls...]',
        'package URLs with a version; "-" reads them from stdin, one per line',
      )
      .option(
        '--db <file>',
        'the openvet database (default $OPENVET_DB, else the XDG data directory)',
      )
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['json', 'table'])
          .default('json'),
      )
      .addHelpText('after', EXAMPLES)
      .action(async (purls: string[], flags: VulnMatchFlags) => {
        const { runVulnMatch } = await import('./vuln-run.js');
        await runVulnMatch(purls, flags, io);
      })
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
      }),
  );
  return vuln
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
}
