/**
 * model/ollama-modelfile: the models an Ollama `Modelfile` builds on (`FROM`, and `ADAPTER`
 * for LoRA adapters). Instructions are case-insensitive; `"""…"""` values may span lines
 * (and may contain lines that look like instructions, which are not).
 *
 * - `FROM ./model.gguf` / `FROM ./safetensors-dir`: a model in the project; named the way the
 *   model-folder extractor names its folder, so both records merge into one component.
 * - `FROM hf.co/ORG/NAME[:tag]` (or `huggingface.co/…`): the Hub model `ORG/NAME`, the tag
 *   (usually a quantisation) kept as `ollama:tag`.
 * - anything else (`llama3.1:8b`, `user/model`): an Ollama registry model, reported under its
 *   name as written with source `ollama://<ref>` and `model:registry: 'ollama'` (the Hub
 *   ecosystem is the nearest the inventory has; the source keeps them apart).
 * An embedded `LICENSE` is noted as `ollama:license: 'embedded'`.
 */
import path from 'node:path';
import { InputError } from '../../../core/errors.js';
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  FileEntry,
  PackageRecord,
} from '../../../core/extractor.js';
import { joinRel } from '../../../core/fs.js';
import type { Warning } from '../shared/card.js';
import { describeDirectory } from '../shared/directory.js';
import { weightKindOf } from '../shared/formats.js';
import { hubSource, isNamespacedId } from '../shared/hub.js';

/** Modelfiles are a few lines; a huge one is not a Modelfile. */
const MAX_MODELFILE_BYTES = 1024 * 1024;

function required(entry: FileEntry): boolean {
  return /^modelfile$|\.modelfile$/i.test(entry.base) && entry.size <= MAX_MODELFILE_BYTES;
}

/** One instruction with its (unquoted) argument and the line it starts on. */
interface Instruction {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

/** Split a Modelfile into instructions (Ollama's grammar: `NAME value`, `#` comments, `"…"`/`"""…"""` values). */
export function parseModelfile(text: string, file: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const instructions: Instruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z]+)(?:\s+(.*))?$/.exec(line);
    if (match === null)
      throw new InputError(
        `${file}: line ${i + 1}: expected an instruction (FROM, PARAMETER, TEMPLATE, SYSTEM, ADAPTER, LICENSE, MESSAGE), got "${line.slice(0, 40)}"`,
        { line: i + 1 },
      );
    const name = (match[1] ?? '').toUpperCase();
    let value = (match[2] ?? '').trim();
    const start = i + 1;
    if (value.startsWith('"""')) {
      const rest = value.slice(3);
      const close = rest.indexOf('"""');
      if (close >= 0) value = rest.slice(0, close);
      else {
        const body = [rest];
        let closed = false;
        while (++i < lines.length) {
          const next = lines[i] ?? '';
          const end = next.indexOf('"""');
          if (end >= 0) {
            body.push(next.slice(0, end));
            closed = true;
            break;
          }
          body.push(next);
        }
        if (!closed)
          throw new InputError(
            `${file}: line ${start}: ${name} value opened with """ is never closed`,
            { line: start },
          );
        value = body.join('\n');
      }
    } else if (value.startsWith('"')) {
      // A "…" value may also run over several lines.
      const body = [value.slice(1)];
      let closed = value.length >= 2 && value.endsWith('"');
      while (!closed && ++i < lines.length) {
        const next = lines[i] ?? '';
        body.push(next);
        closed = next.trimEnd().endsWith('"');
      }
      if (!closed)
        throw new InputError(
          `${file}: line ${start}: ${name} value opened with " is never closed`,
          { line: start },
        );
      value = body.join('\n').trimEnd().slice(0, -1);
    }
    instructions.push({ name, value, line: start });
  }
  return instructions;
}

const HF_REF = /^(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\/([^/\s:]+\/[^/\s:]+)(?::(\S+))?$/i;

/** A path rather than a model name: explicit relative/absolute/home paths, weight files, or what exists beside the Modelfile. */
function isPath(ref: string, file: string, allPaths: ReadonlySet<string>): boolean {
  if (/^(?:\.{1,2}[/\\]|[/\\~]|[A-Za-z]:[/\\])/.test(ref)) return true;
  if (weightKindOf(path.posix.basename(ref)) !== undefined) return true;
  return allPaths.has(joinRel(path.posix.dirname(file), ref));
}

function stem(ref: string): string {
  // (Trailing separators counted off by hand: `[/\\]+$` tried from each separator of a long
  // run is quadratic in it.)
  let end = ref.length;
  while (end > 0 && (ref[end - 1] === '/' || ref[end - 1] === '\\')) end--;
  const base = ref.slice(0, end).split(/[/\\]/).pop() ?? ref;
  return base.replace(/\.(?:gguf|safetensors|bin)$/i, '') || base;
}

/** A `FROM`/`ADAPTER` path: the project's model folder it points into, or a local model outside the scan. */
async function localModel(
  input: ExtractInput,
  ref: string,
  line: number,
  warnings: Warning[],
): Promise<PackageRecord> {
  const { fs, entry, allPaths } = input;
  let rel: string | undefined;
  if (path.posix.isAbsolute(ref) && ref.startsWith(`${fs.root}/`))
    rel = ref.slice(fs.root.length + 1);
  else if (!/^[/\\~]|^[A-Za-z]:[/\\]/.test(ref))
    rel = joinRel(path.posix.dirname(entry.path), ref.replace(/\\/g, '/'));
  if (rel !== undefined && (rel === '..' || rel.startsWith('../'))) rel = undefined;
  const fallback: PackageRecord = {
    kind: 'model',
    ecosystem: 'huggingface',
    name: stem(ref),
    direct: true,
    line,
    source: { type: 'local', url: ref },
  };
  if (rel === undefined) return fallback;
  const info = await fs.stat(rel);
  if (info === undefined) {
    warnings.push({
      message: `${entry.path}: line ${line}: ${ref} is not in the scanned tree`,
      line,
    });
    return fallback;
  }
  const dir =
    info.type === 'directory'
      ? rel
      : path.posix.dirname(rel) === '.'
        ? ''
        : path.posix.dirname(rel);
  // The folder's own warnings are reported by model/model-dir; not twice.
  const record = await describeDirectory({ fs, dir, allPaths, warnings: [] });
  if (record === undefined) return { ...fallback, files: [rel] };
  return { ...record, line, files: info.type === 'directory' ? (record.files ?? []) : [rel] };
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const { entry, allPaths } = input;
  const text = await input.fs.readText(entry.path, MAX_MODELFILE_BYTES);
  const instructions = parseModelfile(text, entry.path);
  if (!instructions.some((i) => i.name === 'FROM')) {
    throw new InputError(
      `${entry.path}: no FROM instruction; a Modelfile starts from a model (FROM <model or path>)`,
    );
  }
  const license = instructions.some((i) => i.name === 'LICENSE' && i.value.trim() !== '');
  const warnings: Warning[] = [];
  const packages: PackageRecord[] = [];
  for (const { name, value, line } of instructions) {
    if (name !== 'FROM' && name !== 'ADAPTER') continue;
    const ref = value.trim();
    if (ref === '')
      throw new InputError(`${entry.path}: line ${line}: ${name} needs a model name or path`, {
        line,
      });
    const extra: Record<string, string> = {};
    if (name === 'ADAPTER') extra['ollama:role'] = 'adapter';
    if (license) extra['ollama:license'] = 'embedded';
    let record: PackageRecord;
    const hf = HF_REF.exec(ref);
    if (hf !== null && isNamespacedId(hf[1] ?? '')) {
      const id = hf[1] ?? '';
      if (hf[2] !== undefined) extra['ollama:tag'] = hf[2];
      record = {
        kind: 'model',
        ecosystem: 'huggingface',
        name: id,
        direct: true,
        line,
        source: hubSource(id),
      };
    } else if (isPath(ref, entry.path, allPaths)) {
      record = await localModel(input, ref, line, warnings);
    } else {
      extra['model:registry'] = 'ollama';
      record = {
        kind: 'model',
        ecosystem: 'huggingface',
        name: ref,
        direct: true,
        line,
        source: { type: 'url', url: `ollama://${ref}` },
      };
    }
    const properties = { ...record.properties, ...extra };
    packages.push({ ...record, ...(Object.keys(properties).length > 0 ? { properties } : {}) });
  }
  return { packages, ...(warnings.length > 0 ? { warnings } : {}) };
}

export const extractor = {
  name: 'model/ollama-modelfile',
  ecosystem: 'huggingface',
  requiresNetwork: false,
  target: 'file',
  required,
  extract,
} satisfies Extractor;
