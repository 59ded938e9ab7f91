/**
 * The policy of a scan: the preset of the intended use (`--use`, or `extends:` in the policy
 * file), customised by `openvet.yml` at the scan root or the file `--policy` names.
 *
 * The file is YAML, read with `yaml` keeping line positions, and validated against
 * `schema/openvet-policy.schema.json` with ajv; every problem is reported with the file, the
 * line and what is allowed (`openvet.yml:7: vulns.severity must be one of critical, high,
 * medium, low`) as an InputError (exit 2). The file is data only: nothing in it is executed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from 'yaml';
import { InputError, UsageError } from '../core/errors.js';
import { PRESETS } from './presets/index.js';
import { INTENDED_USES, type IntendedUse, type Policy, type VulnIgnore } from './types.js';

/** The names a policy file at the scan root may have, in the order tried. */
export const POLICY_FILE_NAMES = ['openvet.yml', 'openvet.yaml'] as const;

// A policy is a page of settings; anything larger is not one.
const MAX_POLICY_BYTES = 1024 * 1024;

/** Where the policy comes from, as the CLI gathers it. */
export interface PolicyRequest {
  /** `--use`. */
  readonly use?: string;
  /** `--policy FILE`, relative to `cwd`. */
  readonly file?: string;
  /** The scan root: a policy file there is read when `--policy` is not given. */
  readonly root: string;
  /** The scan root as the user typed it, to name a policy file found there in messages. */
  readonly shownRoot?: string;
  readonly cwd: string;
}

/** The policy file as written (after validation). */
interface PolicyFile {
  extends?: IntendedUse;
  use?: IntendedUse;
  product?: { monthlyActiveUsers?: number };
  licenses?: Partial<Omit<Policy['licenses'], 'categories'>> & {
    categories?: Partial<Policy['licenses']['categories']>;
  };
  vulns?: Partial<Omit<Policy['vulns'], 'ignore'>> & { ignore?: VulnIgnore[] };
  models?: Partial<Policy['models']>;
  health?: Partial<Policy['health']>;
  components?: Partial<Policy['components']>;
}

/** A use name → the intended use, or a UsageError listing the choices. */
export function parseUse(value: string, where = '--use'): IntendedUse {
  if ((INTENDED_USES as readonly string[]).includes(value)) return value as IntendedUse;
  throw new UsageError(`${where}: unknown use '${value}' (one of ${INTENDED_USES.join(', ')})`);
}

/**
 * The policy for a scan, or undefined when neither `--use`, `--policy` nor a policy file at the
 * root asks for one (the scan then reports the use-independent model rules only).
 */
export async function resolvePolicy(request: PolicyRequest): Promise<Policy | undefined> {
  const cliUse = request.use !== undefined ? parseUse(request.use) : undefined;
  let file: string | undefined;
  if (request.file !== undefined) {
    file = path.resolve(request.cwd, request.file);
    if (!existsSync(file)) throw new UsageError(`--policy ${request.file}: no such file`);
  } else {
    file = POLICY_FILE_NAMES.map((n) => path.join(request.root, n)).find((f) => existsSync(f));
  }
  if (file === undefined) return cliUse !== undefined ? PRESETS[cliUse] : undefined;
  const shown =
    request.file ??
    (request.shownRoot !== undefined
      ? path.join(request.shownRoot, path.basename(file))
      : path.relative(request.cwd, file) || path.basename(file));
  const info = await stat(file);
  if (!info.isFile()) throw new UsageError(`${shown}: not a file`);
  if (info.size > MAX_POLICY_BYTES)
    throw new InputError(`${shown}: ${info.size} bytes; a policy file is at most 1 MiB`, {
      code: 'OPENVET_E_INPUT',
    });
  return parsePolicy(await readFile(file, 'utf8'), shown, cliUse);
}

/**
 * Parse and validate a policy file's text; `shown` names it in messages. `cliUse` (`--use`)
 * wins over the file's `extends:`, so one file can be judged for several uses.
 */
export async function parsePolicy(
  text: string,
  shown: string,
  cliUse?: IntendedUse,
): Promise<Policy> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    throw policyError(
      doc.errors.map((e) => `${shown}:${lineOf(e.pos[0])}: ${e.message.split('\n')[0] ?? ''}`),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw policyError([`${shown}:1: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const problems = await schemaProblems(data, doc, lineOf, shown);
  const file = data as PolicyFile;
  for (const [i, entry] of (file.vulns?.ignore ?? []).entries()) {
    const written = typeof entry.expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(entry.expires);
    if (written && !isRealDate(entry.expires)) {
      problems.push(
        `${shown}:${lineOf(nodeAt(doc, ['vulns', 'ignore', i, 'expires'])?.range?.[0])}: vulns.ignore[${i}].expires must be a real date (YYYY-MM-DD), not ${entry.expires}`,
      );
    }
    if (typeof entry.reason === 'string' && entry.reason.trim() === '') {
      const line = lineOf(nodeAt(doc, ['vulns', 'ignore', i, 'reason'])?.range?.[0]);
      problems.push(
        `${shown}:${line}: vulns.ignore[${i}].reason must say why the advisory is accepted`,
      );
    }
  }
  if (file.extends !== undefined && file.use !== undefined && file.extends !== file.use) {
    problems.push(
      `${shown}:${lineOf(nodeAt(doc, ['use'])?.range?.[0])}: use (${file.use}) and extends (${file.extends}) disagree; give one`,
    );
  }
  if (problems.length > 0) throw policyError(byLine(problems));

  const use = cliUse ?? file.extends ?? file.use;
  if (use === undefined) {
    throw policyError([
      `${shown}:1: no intended use: add \`extends: <use>\` (one of ${INTENDED_USES.join(', ')}) or pass --use`,
    ]);
  }
  const fileUse = file.extends ?? file.use;
  const source =
    fileUse === undefined || fileUse === use
      ? `${shown} (extends ${use})`
      : `${shown} (extends ${fileUse}, judged for ${use} by --use)`;
  const ignore = (file.vulns?.ignore ?? []).map((entry, i): VulnIgnore => ({
    ...entry,
    at: `${shown}:${lineOf(nodeAt(doc, ['vulns', 'ignore', i])?.range?.[0])}`,
  }));
  return merge(PRESETS[use], file, source, ignore);
}

function merge(preset: Policy, file: PolicyFile, source: string, ignore: VulnIgnore[]): Policy {
  const { categories, ...licenses } = file.licenses ?? {};
  return {
    use: preset.use,
    source,
    product: { ...preset.product, ...file.product },
    licenses: {
      ...preset.licenses,
      ...licenses,
      categories: { ...preset.licenses.categories, ...categories },
    },
    vulns: { ...preset.vulns, ...file.vulns, ignore: [...preset.vulns.ignore, ...ignore] },
    models: { ...preset.models, ...file.models },
    health: { ...preset.health, ...file.health },
    components: { ...preset.components, ...file.components },
  };
}

/** Problems in file order (`file:LINE: …`). */
function byLine(problems: readonly string[]): string[] {
  const line = (p: string): number => Number(/:(\d+): /.exec(p)?.[1] ?? 0);
  return [...problems].sort((a, b) => line(a) - line(b));
}

function policyError(lines: readonly string[]): InputError {
  return new InputError(lines.join('\n'), { code: 'OPENVET_E_INPUT' });
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

type YamlNode = { range?: [number, number, number] | null } | null | undefined;

function nodeAt(doc: Document, segments: readonly (string | number)[]): YamlNode {
  return doc.getIn(segments, true) as YamlNode;
}

/** The YAML key node of `key` in the map at `segments` (to point at an unknown setting). */
function keyAt(doc: Document, segments: readonly (string | number)[], key: string): YamlNode {
  const map = segments.length === 0 ? doc.contents : doc.getIn(segments, true);
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === key) return item.key;
  }
  return undefined;
}

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
  readonly parentSchema?: { enum?: unknown[]; properties?: Record<string, unknown> };
}

let validator: Promise<(data: unknown) => AjvError[]> | undefined;

/** The compiled schema validator (ajv loaded on first use: scans without a policy skip it). */
function policyValidator(): Promise<(data: unknown) => AjvError[]> {
  validator ??= (async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const schemaPath = fileURLToPath(
      new URL('../../schema/openvet-policy.schema.json', import.meta.url),
    );
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
    const validate = ajv.compile(schema);
    return (data: unknown) => (validate(data) ? [] : ((validate.errors ?? []) as AjvError[]));
  })();
  return validator;
}

function dotted(segments: readonly (string | number)[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

async function schemaProblems(
  data: unknown,
  doc: Document,
  lineOf: (offset: number | undefined) => number,
  shown: string,
): Promise<string[]> {
  const errors = (await policyValidator())(data);
  const lines = new Map<string, number>();
  for (const error of errors) {
    // Enums are reported once per `$ref`'d definition; `if`/`anyOf` wrappers add nothing.
    const segments = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const name = dotted(segments) || 'the policy';
    let node: YamlNode = nodeAt(doc, segments);
    let text: string;
    switch (error.keyword) {
      case 'enum':
        text = `${name} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
        break;
      case 'additionalProperties': {
        const key = String(error.params.additionalProperty);
        node = keyAt(doc, segments, key) ?? node;
        const allowed = Object.keys(error.parentSchema?.properties ?? {});
        text = `${segments.length > 0 ? `${name}.` : ''}${key} is not a setting here (allowed: ${allowed.join(', ')})`;
        break;
      }
      case 'required':
        text = `${name} needs ${String(error.params.missingProperty)}`;
        break;
      case 'type':
        text = `${name} must be ${article(String(error.params.type))}`;
        break;
      case 'pattern':
        text = `${name} must be a date written YYYY-MM-DD`;
        break;
      case 'minimum':
      case 'maximum':
        text = `${name} must be at ${error.keyword === 'minimum' ? 'least' : 'most'} ${String(error.params.limit)}`;
        break;
      case 'minLength':
        text = `${name} must not be empty`;
        break;
      default:
        text = `${name} ${error.message ?? 'is not valid'}`;
    }
    const line = lineOf(node?.range?.[0]);
    lines.set(`${shown}:${line}: ${text}`, line);
  }
  return [...lines.entries()].sort((a, b) => a[1] - b[1]).map(([t]) => t);
}

function article(type: string): string {
  if (type === 'object') return 'a mapping of settings';
  if (type === 'array') return 'a list';
  if (type === 'integer') return 'a whole number';
  return `a ${type}`;
}
