/**
 * `openvet model scan PATH...`: can loading these model files run code? Static analysis only:
 * nothing is loaded, unpickled or executed. `model` is a command group so that later model
 * commands (lineage, openness) sit beside `scan`.
 */
import { Command, Option } from 'commander';
import type { CliIo } from '../io.js';

/** Output formats of `openvet model scan`. */
export const MODEL_SCAN_FORMATS = ['json', 'table'] as const;

/** The options of `openvet model scan`, as commander parses them. */
export interface ModelScanFlags {
  format: (typeof MODEL_SCAN_FORMATS)[number];
  verbose: boolean;
}

const EXAMPLES = `
Examples:
  $ openvet model scan pytorch_model.bin              # one file, as a table
  $ openvet model scan ~/models --format json         # every model file below a directory
  $ openvet model scan model.safetensors tokenizer.pkl --verbose

A file given by name is always scanned, whatever its name. A directory expands, recursively,
to its model files (.safetensors .gguf .onnx .pt .pth .ckpt .bin .keras .h5 .hdf5 .npy .npz
.joblib .pkl .pickle .dill .pb .tar .zip .7z …); VCS folders and node_modules are skipped.

Verdicts: safe (every callable is known harmless and the structure is valid), unsafe (loading
runs code an attacker chose), suspicious (calls something not known to be harmless, or an
operand could not be resolved), error (malformed: never safe), unverifiable (encrypted or a
format openvet does not read).

JSON output: an array in input order, one entry per file:
  { "file", "format", "verdict", "findings": [{ "rule", "severity", "message", "detail"? }],
    "metadata", "bytesRead"? (with --verbose) }

Exit codes: 0 no file is unsafe, 1 some file is unsafe, 2 usage error or a path that cannot
be read, 3 internal error.`;

function configure(command: Command, io: CliIo): Command {
  // Sub-commands do not inherit the program's exit override (see license.ts).
  return command.exitOverride().configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  });
}

/** The `model` command group. */
export function modelCommand(io: CliIo): Command {
  const scan = new Command('scan')
    .description('Tell whether loading model files can run code, without loading them')
    .argument('<paths...>', 'model files, or directories to search for model files')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(MODEL_SCAN_FORMATS)
        .default('table'),
    )
    .option('-v, --verbose', 'also report the bytes read from each file', false)
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], flags: ModelScanFlags) => {
      const { runModelScan } = await import('./model-run.js');
      await runModelScan(paths, flags, io);
    });
  const group = new Command('model')
    .description('Model tools: scan model files for code that runs on load')
    .addHelpText(
      'after',
      `
Examples:
  $ openvet model scan pytorch_model.bin
  $ openvet model scan ./models --format json`,
    )
    .addCommand(configure(scan, io));
  return configure(group, io);
}
