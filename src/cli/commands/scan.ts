/**
 * `openvet scan [PATH]`: build the inventory of a project directory or one file and report it.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import type { ReportFormat } from '../../core/reporter.js';
import { scan } from '../../core/scan.js';
import type { ScanResult } from '../../core/types.js';
import { extractors } from '../../extractors/registry.js';
import { REPORT_FORMATS, reporters } from '../../reporters/registry.js';
import { openSqliteStore, resolveDbPath } from '../../store/index.js';
import { clockFromEnv } from '../clock.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { toolVersion } from '../version.js';

interface ScanFlags {
  format: ReportFormat;
  output?: string;
  offline: boolean;
  exclude: string[];
  progress: boolean;
  quiet: boolean;
  db?: string;
  record: boolean;
}

const EXAMPLES = `
Examples:
  $ openvet scan                                  # the current directory, as a table
  $ openvet scan examples/llm-app --format json   # the full ScanResult as JSON
  $ openvet scan . --format cyclonedx --output sbom.cdx.json
  $ openvet scan package-lock.json --format spdx  # one lockfile only
  $ openvet scan . --exclude 'test/**' --exclude fixtures --offline

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
    .option('--offline', 'use no network: plugins that need it are skipped', false)
    .option(
      '-e, --exclude <glob>',
      'skip paths matching GLOB (repeatable; a bare name matches at any depth)',
      collect,
      [],
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
      await runScan(target, flags, io);
    });
}

async function runScan(target: string, flags: ScanFlags, io: CliIo): Promise<void> {
  const reporter = reporters[flags.format];

  const progress = createProgress(io.stderr, flags.progress && !flags.quiet);
  let result: ScanResult;
  try {
    result = await scan({
      path: path.resolve(io.cwd, target),
      extractors,
      tool: { name: 'openvet', version: toolVersion() },
      now: clockFromEnv(io.env),
      offline: flags.offline,
      exclude: flags.exclude,
      env: io.env,
      onProgress: (p) => progress.update(p),
    });
  } finally {
    progress.done();
  }
  // Report the path as the user typed it, not the absolute one: same input, same bytes.
  result = { ...result, target: { ...result.target, path: target } };

  if (flags.record) {
    const store = await openSqliteStore(resolveDbPath(flags.db, io.env));
    try {
      await store.recordScan(result);
    } finally {
      await store.close();
    }
  }

  const text = reporter.render(result, {
    color: flags.output === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR,
  });
  if (flags.output !== undefined) {
    await writeFile(path.resolve(io.cwd, flags.output), text);
  } else {
    io.stdout.write(text);
  }
  const tableOnStdout = flags.format === 'table' && flags.output === undefined;
  if (!flags.quiet && !tableOnStdout) {
    for (const e of result.errors) {
      io.stderr.write(
        `openvet: ${e.path}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message} [${e.plugin}]\n`,
      );
    }
    if (flags.output !== undefined) {
      io.stderr.write(
        `openvet: ${result.components.length} component(s) written to ${flags.output} (${flags.format})\n`,
      );
    }
  }
}
