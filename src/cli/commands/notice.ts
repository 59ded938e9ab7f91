/**
 * `openvet notice [PATH]`: the third-party notice file a distributor must ship.
 */
import { Command, Option } from 'commander';
import { NOTICE_FORMATS, type NoticeFormat } from '../../notice/render.js';
import type { CliIo } from '../io.js';

/** The options of `openvet notice`, as commander parses them. */
export interface NoticeFlags {
  format: NoticeFormat;
  output?: string;
  includeDev: boolean;
  exclude: string[];
}

const EXAMPLES = `
Examples:
  $ openvet notice                                  # the current project, as text
  $ openvet notice . -o THIRD_PARTY_NOTICES.txt
  $ openvet notice examples/llm-app --format markdown

For every component the project ships (dev-only dependencies left out unless --include-dev):
its copyright lines and its own licence and NOTICE files, grouped by licence; the licence's
reference text for components whose own text was not found; the notices AI model licences
require ("Built with Llama", their attribution sentence). Components whose licence could not
be determined are listed last, for review. Offline: no network is used.

Exit codes: 0 ok, 2 usage or input error, 3 internal error.`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The `notice` command. */
export function noticeCommand(io: CliIo): Command {
  return new Command('notice')
    .description('Write the third-party notice file to ship with a distribution')
    .argument('[path]', 'project directory', '.')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(NOTICE_FORMATS).default('text'),
    )
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .option('--include-dev', 'include components only needed for development', false)
    .option('-e, --exclude <glob>', 'skip paths matching GLOB (repeatable)', collect, [])
    .addHelpText('after', EXAMPLES)
    .action(async (target: string, flags: NoticeFlags) => {
      const { runNotice } = await import('./notice-run.js');
      await runNotice(target, flags, io);
    });
}
