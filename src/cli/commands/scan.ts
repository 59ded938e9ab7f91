/**
 * `openvet scan [PATH]`: build the inventory of a project directory or one file and report it.
 */
import { Command, Option } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '../../core/reporter.js';
import { INTENDED_USES } from '../../policy/types.js';
import type { CliIo } from '../io.js';

/** The options of `openvet scan`, as commander parses them. */
export interface ScanFlags {
  format: ReportFormat;
  output?: string;
  offline: boolean;
  exclude: string[];
  progress: boolean;
  quiet: boolean;
  db?: string;
  record: boolean;
  osvUrl?: string;
  /** `--use`: the intended use whose preset judges the scan. */
  use?: string;
  /** `--policy FILE`: the policy file (default: openvet.yml at the scan root). */
  policy?: string;
  /** `--baseline FILE`: an earlier JSON report; only new findings fail. */
  baseline?: string;
  /** `--health`: health evidence per component. */
  health: boolean;
  /** `--repos DIR`: local clones to read the history of components' projects from. */
  repos?: string;
}

const EXAMPLES = `
Examples:
  $ openvet scan                                  # the current directory, as a table
  $ openvet scan examples/llm-app --format json   # the full ScanResult as JSON
  $ openvet scan . --format cyclonedx --output sbom.cdx.json
  $ openvet scan package-lock.json --format spdx  # one lockfile only
  $ openvet scan . --exclude 'test/**' --exclude fixtures --offline
  $ openvet scan . --use saas                     # licences, vulns, models judged for a SaaS
  $ openvet scan . --policy ci/openvet.yml --format json
  $ openvet scan . --baseline main.json             # only findings new since main.json fail
  $ openvet scan . --health --repos ~/src            # package traits and project history

Recognised files: package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock,
node_modules/, requirements*.txt, poetry.lock, Pipfile.lock, uv.lock, pdm.lock, pylock.toml,
*.dist-info/METADATA, *.egg-info/PKG-INFO, go.mod, Cargo.lock, model folders (.safetensors,
.gguf, .onnx, .bin/.pt/.pth/.ckpt, .keras/.h5, .npy/.npz, .joblib, .pkl), Hugging Face caches
(models--ORG--NAME), hub model references in Python/JS/TS source and notebooks, Ollama Modelfiles.

Exit codes: 0 ok, 1 policy failed, 2 usage or input error, 3 internal error.`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function scanCommand(io: CliIo): Command {
  return new Command('scan')
    .description('Inventory a project (SBOM + AI-BOM): every package and model it uses')
    .argument('[path]', 'project directory, or one manifest, lockfile or model file', '.')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('table'),
    )
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option(
      '--offline',
      'use no network: no OSV API (only advisories imported with `openvet db import`), plugins that need it skipped',
      false,
    )
    .option(
      '--osv-url <url>',
      'the OSV API to ask (default $OPENVET_OSV_URL, else https://api.osv.dev)',
    )
    .option(
      '-e, --exclude <glob>',
      'skip paths matching GLOB (repeatable; a bare name matches at any depth)',
      collect,
      [],
    )
    .addOption(
      new Option(
        '--use <use>',
        'judge the scan for an intended use (built-in preset, customised by openvet.yml)',
      ).choices(INTENDED_USES),
    )
    .option(
      '--policy <file>',
      'policy file customising the preset (default: openvet.yml at the scan root)',
    )
    .option(
      '--health',
      'health evidence per component: install scripts, native code, obfuscation, deprecation, and the project history of local clones',
      false,
    )
    .option(
      '--repos <dir>',
      'with --health: local clones (DIR/NAME or DIR/OWNER/NAME) matched to components by repository URL',
    )
    .option(
      '--baseline <file>',
      'an earlier `--format json` report: its findings are still reported but only new ones fail',
    )
    .option('--no-progress', 'no progress line on stderr')
    .option('-q, --quiet', 'print nothing but the report (no per-file problems on stderr)', false)
    .option(
      '--db <file>',
      'the openvet database (default $OPENVET_DB, else the XDG data directory)',
    )
    .option('--no-record', 'do not record this scan in the database')
    .addHelpText('after', EXAMPLES)
    .action(async (target: string, flags: ScanFlags) => {
      // Loaded on use, so that `--help` and `--version` start fast.
      const { runScan } = await import('./scan-run.js');
      await runScan(target, flags, io);
    });
}
