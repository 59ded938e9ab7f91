/**
 * `openvet model scan PATH...`: can loading these model files run code? Static analysis only:
 * nothing is loaded, unpickled or executed. `openvet model openness --mof FILE`: the Model
 * Openness Framework class of a declared model and its OSI Open Source AI Definition verdict.
 */
import { Command, Option } from 'commander';
import type { CliIo } from '../io.js';

/** Output formats of `openvet model scan`. */
export const MODEL_SCAN_FORMATS = ['json', 'table'] as const;

/** Output formats of `openvet model openness`. */
export const MODEL_OPENNESS_FORMATS = ['json', 'table'] as const;

/** The options of `openvet model openness`, as commander parses them. */
export interface ModelOpennessFlags {
  /** The MOF declaration file (YAML or JSON), or `-` for standard input. */
  mof: string;
  format: (typeof MODEL_OPENNESS_FORMATS)[number];
}

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

const OPENNESS_EXAMPLES = `
Examples:
  $ openvet model openness --mof OLMo-7B.yml                 # class, progress and components
  $ openvet model openness --mof model.yml --format json     # the same as JSON
  $ cat model.yml | openvet model openness --mof -

The file is a Model Openness Framework (MOF) declaration, as the MOF tool
(github.com/lfai/model_openness_tool) imports and exports it: YAML or
JSON, { framework: {...}, release: { name, license: { distribution|code|data|document:
{ name, path } }, components: [{ name, license, license_path, component_path }] } }.

Classes (most open first): I Open Science, II Open Tooling, III Open Model. A class is met
when every required component of it and of the classes below it is declared under an open
licence (OSI-approved, FSF-libre, or on the MOF open-data list); progress is the share met,
computed and rounded as the MOF tool does. The OSI Open Source AI Definition 1.0 verdict
(open-source-ai / not-open-source-ai) is judged on the same components.

JSON output: { "file", "name", "class": "I"|"II"|"III"|null, "label",
  "progress": { "I", "II", "III" }, "progressExact": {...},
  "components": [{ "id", "key", "name", "contentType", "class", "required", "requiredFor",
    "present", "license", "licenseSource", "licenseOpen", "openBasis", "typeAppropriate",
    "status", "reason" }],
  "warnings": [...], "osaid": { "verdict", "reasons": [{ "requirement", "status", "message" }] } }

Exit codes: 0 evaluated (whatever the class), 2 unreadable or malformed file, 3 internal error.`;

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
  const openness = new Command('openness')
    .description(
      'Evaluate a Model Openness Framework declaration: MOF class, progress, OSI OSAID verdict',
    )
    .requiredOption('--mof <file>', 'the MOF declaration (YAML or JSON; - for standard input)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(MODEL_OPENNESS_FORMATS)
        .default('table'),
    )
    .addHelpText('after', OPENNESS_EXAMPLES)
    .action(async (flags: ModelOpennessFlags) => {
      const { runModelOpenness } = await import('./model-run.js');
      await runModelOpenness(flags, io);
    });
  const group = new Command('model')
    .description(
      'Model tools: scan model files for code that runs on load; evaluate model openness',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ openvet model scan pytorch_model.bin
  $ openvet model scan ./models --format json
  $ openvet model openness --mof model.yml`,
    )
    .addCommand(configure(scan, io))
    .addCommand(configure(openness, io));
  return configure(group, io);
}
