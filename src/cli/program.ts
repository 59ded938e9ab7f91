/**
 * The commander program and the single place that maps errors to exit codes:
 * 0 ok, 1 policy failed, 2 usage or input error, 3 internal error.
 */
import { Command, CommanderError } from 'commander';
import { OpenvetError } from '../core/errors.js';
import { dbCommand } from './commands/db.js';
import { diffCommand } from './commands/diff.js';
import { vulnCommand } from './commands/vuln.js';
import { historyCommand } from './commands/history.js';
import { healthCommand } from './commands/health.js';
import { licenseCommand } from './commands/license.js';
import { modelCommand } from './commands/model.js';
import { noticeCommand } from './commands/notice.js';
import { scanCommand } from './commands/scan.js';
import type { CliIo } from './io.js';
import { toolVersion } from './version.js';

export const EXIT = { ok: 0, policy: 1, usage: 2, internal: 3 } as const;

const ISSUES_URL = 'https://github.com/openvet/openvet/issues';

export function buildProgram(io: CliIo): Command {
  const program = new Command('openvet')
    .description(
      'Is the open-source code and the open AI models this project builds on safe to adopt? Evidence, not guesses.',
    )
    .version(toolVersion(), '-V, --version')
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ openvet scan                         # inventory the current project
  $ openvet scan . --format cyclonedx -o sbom.json
  $ openvet license identify LICENSE       # which licences a file states
  $ openvet db import all.zip              # offline OSV advisories (osv.dev export)
  $ openvet vuln match pkg:pypi/django@3.2.0
  $ openvet model scan ./models            # can loading these model files run code?
  $ openvet notice . -o THIRD_PARTY_NOTICES.txt
  $ openvet diff main.json new.json        # new and resolved findings
  $ openvet history`,
    );
  program.addCommand(scanCommand(io));
  program.addCommand(historyCommand(io));
  program.addCommand(healthCommand(io));
  program.addCommand(licenseCommand(io));
  program.addCommand(modelCommand(io));
  program.addCommand(noticeCommand(io));
  program.addCommand(diffCommand(io));
  program.addCommand(dbCommand(io));
  program.addCommand(vulnCommand(io));
  program.exitOverride();
  for (const command of program.commands)
    command.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  return program;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with code 0; commander already printed its own message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof OpenvetError) {
      const internal = error.code === 'OPENVET_E_INTERNAL';
      io.stderr.write(
        `openvet: ${error.message}${internal ? `\nPlease report this at ${ISSUES_URL}` : ''}\n`,
      );
      if (error.code === 'OPENVET_E_POLICY_FAILED') return EXIT.policy;
      return internal ? EXIT.internal : EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(
      `openvet: internal error: ${error instanceof Error ? error.message : String(error)}\n` +
        `This is a bug in openvet. Please report it at ${ISSUES_URL} with the command you ran and this trace:\n${detail}\n`,
    );
    return EXIT.internal;
  }
}
