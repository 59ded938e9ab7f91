/**
 * model/hub-references: Hugging Face Hub models (and datasets) that source code loads by id,
 * found at their call sites in Python, notebooks and JavaScript/TypeScript:
 *
 * - transformers/diffusers/peft `X.from_pretrained("org/name", revision="…")` (Python and
 *   transformers.js), `PeftModel.from_pretrained(base, "org/adapter")`;
 * - `pipeline("task", model="org/name")`, `pipeline(model=…)`, `pipeline('task', 'org/name')`;
 * - `hf_hub_download(repo_id=…)` / `snapshot_download(…)` (positional too; `repo_type="dataset"`);
 * - sentence-transformers `SentenceTransformer("…")` / `CrossEncoder("…")`;
 * - `InferenceClient("org/name")`, and in files that use the Inference API
 *   (`InferenceClient`, `@huggingface/inference`) any `model="org/name"` / `model: 'org/name'`.
 *
 * Why not a full parser: we need constant string literals at known call sites, not the
 * program's meaning (a variable's value is out of reach either way). A small lexer blanks
 * comments and string contents, plain regular expressions (no nested quantifiers) find the
 * call names, and a bracket-counting scan reads the arguments (see lex.ts, calls.ts).
 *
 * Only literals that look like hub ids count: `org/name`, or in `from_pretrained`/`pipeline`
 * model positions a legacy canonical id (`gpt2`, `bert-base-uncased`). Local paths
 * (`./x`, `/abs`, `~/x`, or a relative path that exists in the scanned tree), variables and
 * f-strings are ignored. A 40-hex `revision` is the version; any other revision is kept as
 * `hf:revision`. Unpinned references take the commit of the local hub cache's ref when the
 * model is cached there (`hf:cache: 'true'`).
 */
import path from 'node:path';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { InputError } from '../../../core/errors.js';
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  FileEntry,
  PackageRecord,
} from '../../../core/extractor.js';
import { joinRel } from '../../../core/fs.js';
import {
  cacheLookup,
  hubCacheDir,
  hubSource,
  isCanonicalId,
  isCommit,
  isNamespacedId,
  type CacheLookup,
  type HubRepoType,
} from '../shared/hub.js';
import { lineFinder } from '../../shared/text.js';
import { findCalls, type Arg, type Call } from './calls.js';
import { lexJs, lexPython, type Lexed, type StringLiteral } from './lex.js';

/** Source files larger than this are generated or minified bundles, not code someone wrote. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
/** Notebooks carry their outputs (images, tables) inline; the code is a small part of them. */
export const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;
/** Cells of one notebook read at most. */
const MAX_CELLS = 10_000;

const PYTHON = /\.py$/;
const JS = /\.(?:js|mjs|cjs|ts|mts|cts|tsx|jsx)$/;
const NOTEBOOK = /\.ipynb$/;
const SKIPPED_SEGMENTS: ReadonlySet<string> = new Set([
  'node_modules',
  'site-packages',
  'dist-packages',
  '.venv',
  'venv',
]);

function required(entry: FileEntry): boolean {
  if (/\.min\.(?:js|mjs|cjs)$/.test(entry.base) || /\.d\.(?:ts|mts|cts)$/.test(entry.base))
    return false;
  const notebook = NOTEBOOK.test(entry.base);
  if (!notebook && !PYTHON.test(entry.base) && !JS.test(entry.base)) return false;
  if (entry.size > (notebook ? MAX_NOTEBOOK_BYTES : MAX_SOURCE_BYTES)) return false;
  return !entry.path.split('/').some((s) => SKIPPED_SEGMENTS.has(s));
}

/** Test code: its models are development dependencies. */
function isTestPath(relPath: string): boolean {
  const segments = relPath.split('/');
  const base = segments[segments.length - 1] ?? '';
  if (
    segments
      .slice(0, -1)
      .some((s) => s === 'test' || s === 'tests' || s === '__tests__' || s === 'testing')
  )
    return true;
  return /^test_.*\.py$|_test\.py$|\.(?:test|spec)\.[cm]?[jt]sx?$|^conftest\.py$/.test(base);
}

/** A hub reference found in code, before cache lookup. */
interface Reference {
  readonly id: string;
  readonly type: HubRepoType;
  readonly literal: StringLiteral;
  readonly revision?: string;
}

function keyword(args: readonly Arg[], ...names: string[]): Arg | undefined {
  for (const name of names) {
    const arg = args.find((a) => a.keyword === name);
    if (arg !== undefined) return arg;
  }
  return undefined;
}

function positional(args: readonly Arg[], index: number): Arg | undefined {
  return args.filter((a) => a.keyword === undefined)[index];
}

/** A string literal's value when it is a constant. */
function constant(literal: StringLiteral | undefined): string | undefined {
  return literal?.constant === true ? literal.value : undefined;
}

/** `revision="…"` as a keyword, or `{ revision: '…' }` in an options object (transformers.js). */
function revisionOf(args: readonly Arg[]): string | undefined {
  const direct = constant(keyword(args, 'revision')?.literal);
  if (direct !== undefined) return direct;
  for (const arg of args) {
    const value = constant(arg.object?.get('revision'));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** How bare (un-namespaced) ids are read at a call site. */
type BarePolicy = 'never' | 'canonical' | 'sentence-transformers';

/** The model id a literal names, or undefined when it is not a hub id in this position. */
function hubIdOf(value: string, bare: BarePolicy): string | undefined {
  if (isNamespacedId(value)) return value;
  if (bare === 'never' || value.includes('/')) return undefined;
  if (isCanonicalId(value)) return value;
  // sentence-transformers prefixes bare names that are not canonical transformers ids.
  if (bare === 'sentence-transformers' && isNamespacedId(`sentence-transformers/${value}`))
    return `sentence-transformers/${value}`;
  return undefined;
}

/** What one call site references. */
function referenceOf(
  call: Call,
): { arg: Arg | undefined; bare: BarePolicy; type: HubRepoType } | undefined {
  const { args } = call;
  switch (call.callee) {
    case 'from_pretrained': {
      // PEFT: PeftModel.from_pretrained(base_model, "org/adapter").
      const peft = call.receiver !== undefined && /^Peft/.test(call.receiver);
      const arg =
        keyword(args, 'pretrained_model_name_or_path', 'model_id') ??
        positional(args, peft ? 1 : 0);
      return { arg, bare: 'canonical', type: 'model' };
    }
    case 'pipeline': {
      const arg = keyword(args, 'model') ?? positional(args, 1);
      // A bare word as the second positional is only a model when the first is a task literal.
      const task = keyword(args, 'task') ?? positional(args, 0);
      const bare: BarePolicy =
        arg?.keyword !== undefined || task?.literal !== undefined ? 'canonical' : 'never';
      return { arg, bare, type: 'model' };
    }
    case 'hf_hub_download':
    case 'snapshot_download': {
      const repoType = constant(keyword(args, 'repo_type')?.literal);
      if (repoType !== undefined && repoType !== 'model' && repoType !== 'dataset')
        return undefined;
      return {
        arg: keyword(args, 'repo_id') ?? positional(args, 0),
        bare: 'never',
        type: repoType === 'dataset' ? 'dataset' : 'model',
      };
    }
    case 'SentenceTransformer':
      return {
        arg: keyword(args, 'model_name_or_path') ?? positional(args, 0),
        bare: 'sentence-transformers',
        type: 'model',
      };
    case 'CrossEncoder':
      return {
        arg: keyword(args, 'model_name_or_path', 'model_name') ?? positional(args, 0),
        bare: 'canonical',
        type: 'model',
      };
    case 'InferenceClient':
    case 'AsyncInferenceClient':
      return { arg: keyword(args, 'model') ?? positional(args, 0), bare: 'never', type: 'model' };
    default:
      return undefined;
  }
}

const CALL_NAMES = [
  'from_pretrained',
  'pipeline',
  'hf_hub_download',
  'snapshot_download',
  'SentenceTransformer',
  'CrossEncoder',
  'InferenceClient',
  'AsyncInferenceClient',
];

/** Files that call the Inference API name models as `model=`/`model:` anywhere (client methods, options). */
const INFERENCE_API = /@huggingface\/inference|\bInferenceClient\b|\bHfInference\b/;

/** Hub references in one lexed unit of code (a file, or one notebook cell). */
function referencesIn(lexed: Lexed, raw: string): Reference[] {
  const refs: Reference[] = [];
  const seen = new Set<number>();
  for (const call of findCalls(lexed, CALL_NAMES)) {
    const ref = referenceOf(call);
    const value = constant(ref?.arg?.literal);
    if (ref === undefined || value === undefined || ref.arg?.literal === undefined) continue;
    const id = hubIdOf(value, ref.bare);
    if (id === undefined || seen.has(ref.arg.literal.start)) continue;
    seen.add(ref.arg.literal.start);
    const revision = revisionOf(call.args);
    refs.push({
      id,
      type: ref.type,
      literal: ref.arg.literal,
      ...(revision !== undefined ? { revision } : {}),
    });
  }
  if (INFERENCE_API.test(raw)) {
    for (const match of lexed.masked.matchAll(/\bmodel\s*[:=]\s*(?=["'`])/g)) {
      const at = match.index + match[0].length;
      const literal = lexed.literals.get(at);
      const value = constant(literal);
      if (literal === undefined || value === undefined || seen.has(at) || !isNamespacedId(value))
        continue;
      if (lexed.masked[at - match[0].length - 1] === '.') continue; // `x.model = "…"` is an assignment
      seen.add(at);
      refs.push({ id: value, type: 'model', literal });
    }
  }
  return refs;
}

/** A code unit to scan and how to map its offsets back to lines of the file. */
interface CodeUnit {
  readonly code: string;
  readonly language: 'python' | 'js';
  readonly lineOf: (offset: number) => number;
}

function plainUnit(text: string, language: 'python' | 'js'): CodeUnit {
  return { code: text, language, lineOf: lineFinder(text) };
}

/** The code cells of a notebook, each mapped to the file lines of its `source` strings. */
function notebookUnits(text: string, file: string): CodeUnit[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'object')
    throw new InputError(`${file}: expected a Jupyter notebook (a JSON object with "cells")`);
  const fileLine = lineFinder(text);
  const property = (node: JsonNode | undefined, key: string): JsonNode | undefined =>
    node?.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
  const languageNode = property(property(property(root, 'metadata'), 'kernelspec'), 'language');
  const language =
    typeof languageNode?.value === 'string' &&
    /^(?:javascript|typescript)$/i.test(languageNode.value)
      ? 'js'
      : 'python';
  const units: CodeUnit[] = [];
  for (const cell of (property(root, 'cells')?.children ?? []).slice(0, MAX_CELLS)) {
    if (property(cell, 'cell_type')?.value !== 'code') continue;
    const source = property(cell, 'source');
    const pieces =
      source?.type === 'array'
        ? (source.children ?? [])
        : source?.type === 'string'
          ? [source]
          : [];
    let code = '';
    const offsets: { at: number; line: number }[] = [];
    for (const piece of pieces) {
      if (typeof piece.value !== 'string') continue;
      offsets.push({ at: code.length, line: fileLine(piece.offset) });
      code += piece.value;
    }
    if (code === '') continue;
    units.push({
      code,
      language,
      lineOf(offset) {
        let line = offsets[0]?.line ?? 1;
        for (const o of offsets) if (o.at <= offset) line = o.line;
        return line;
      },
    });
  }
  return units;
}

/** A relative path that exists in the scanned tree (from the file's folder or the root) is local. */
function isLocalPath(value: string, file: string, allPaths: ReadonlySet<string>): boolean {
  const fromFile = joinRel(path.posix.dirname(file), value);
  return allPaths.has(fromFile) || allPaths.has(joinRel(value));
}

async function toRecord(
  ref: Reference,
  line: number,
  test: boolean,
  cache: CacheLookup,
): Promise<PackageRecord> {
  const properties: Record<string, string> = {};
  let version: string | undefined;
  if (ref.revision !== undefined && isCommit(ref.revision)) version = ref.revision;
  else {
    if (ref.revision !== undefined) properties['hf:revision'] = ref.revision;
    const cached = await cache.commitFor(ref.id, ref.type, ref.revision ?? 'main');
    if (cached !== undefined) {
      version = cached;
      properties['hf:cache'] = 'true';
    }
  }
  return {
    kind: ref.type,
    ecosystem: 'huggingface',
    name: ref.id,
    ...(version !== undefined ? { version } : {}),
    direct: true,
    line,
    ...(test ? { groups: ['test'] } : {}),
    source: hubSource(ref.id, ref.type),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const { entry, fs, allPaths } = input;
  const notebook = NOTEBOOK.test(entry.base);
  const text = await fs.readText(entry.path, notebook ? MAX_NOTEBOOK_BYTES : MAX_SOURCE_BYTES);
  const units = notebook
    ? notebookUnits(text, entry.path)
    : [plainUnit(text, PYTHON.test(entry.base) ? 'python' : 'js')];
  const cache = cacheLookup(hubCacheDir(input.env));
  const test = isTestPath(entry.path);
  const packages: PackageRecord[] = [];
  for (const unit of units) {
    const lexed = unit.language === 'python' ? lexPython(unit.code) : lexJs(unit.code);
    for (const ref of referencesIn(lexed, unit.code)) {
      if (isLocalPath(ref.literal.value, entry.path, allPaths)) continue;
      packages.push(await toRecord(ref, unit.lineOf(ref.literal.start), test, cache));
    }
  }
  return { packages };
}

export const extractor = {
  name: 'model/hub-references',
  ecosystem: 'huggingface',
  requiresNetwork: false,
  target: 'file',
  required,
  extract,
} satisfies Extractor;

/** Exposed for tests: the references a snippet of code makes, without file or cache. */
export function referencesInSource(
  code: string,
  language: 'python' | 'js',
): { id: string; type: HubRepoType; revision?: string; line: number }[] {
  const unit = plainUnit(code, language);
  const lexed = language === 'python' ? lexPython(code) : lexJs(code);
  return referencesIn(lexed, code).map((r) => ({
    id: r.id,
    type: r.type,
    ...(r.revision !== undefined ? { revision: r.revision } : {}),
    line: unit.lineOf(r.literal.start),
  }));
}
