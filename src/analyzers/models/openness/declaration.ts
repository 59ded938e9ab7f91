/**
 * Reading a MOF model declaration: the YAML (or JSON) file the Model Openness Tool imports
 * and exports, `{ framework: {...}, release: { name, license, components: [...] } }`.
 *
 * Parsed with `yaml` (bounded: size, aliases) or `JSON.parse`, then validated with Ajv
 * against a schema written from the fields the MOF schema documents. Like the MOT's own
 * import script, a file that is just the `release` mapping is accepted too. Anything wrong is
 * an `InputError` naming the file, the field (and the line, for YAML syntax errors).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../../../core/errors.js';
import { MOF_COMPONENTS } from './mof-data.js';
import type {
  MofDeclaration,
  MofDeclaredComponent,
  MofGlobalLicense,
  MofGlobalSlot,
} from './types.js';

/** Real declarations are a few KiB; anything this large is not one. */
export const MAX_DECLARATION_BYTES = 1024 * 1024;
/** YAML aliases expand; a handful is plenty for a declaration (and stops "billion laughs"). */
const MAX_ALIASES = 50;
/** Longest string field accepted (licence names, paths, descriptions). */
const MAX_STRING = 4096;

const GLOBAL_SLOTS: readonly MofGlobalSlot[] = ['distribution', 'code', 'data', 'document'];

const optionalString = { type: ['string', 'null'], maxLength: MAX_STRING } as const;
// Versions are strings in the MOF schema, but YAML turns `version: 7` into a number.
const stringOrNumber = { type: ['string', 'number', 'null'], maxLength: MAX_STRING } as const;

/**
 * The schema of the `release` mapping: the fields the MOF schema (mof_schema.json) documents,
 * with what the evaluation needs made strict (component names, licence field types) and the
 * rest lenient (unknown fields are kept out of the result, not refused). `license` and
 * `producer`, required by the MOF schema, are optional here: a declaration without global
 * licences is still evaluable, and the producer does not change the result.
 */
const RELEASE_SCHEMA = {
  type: 'object',
  required: ['name', 'components'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 255 },
    version: stringOrNumber,
    date: stringOrNumber,
    type: optionalString,
    architecture: optionalString,
    treatment: optionalString,
    origin: optionalString,
    producer: optionalString,
    contact: optionalString,
    repository: optionalString,
    huggingface: optionalString,
    // The MOT's JSON API writes "no global licences" as `[]` (an empty PHP array).
    license: {
      type: ['object', 'array', 'null'],
      maxItems: 0,
      properties: Object.fromEntries(
        GLOBAL_SLOTS.map((slot) => [
          slot,
          {
            type: ['object', 'null'],
            properties: { name: optionalString, path: optionalString },
          },
        ]),
      ),
    },
    components: {
      type: 'array',
      maxItems: MOF_COMPONENTS.length,
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', enum: MOF_COMPONENTS.map((c) => c.name) },
          description: optionalString,
          license: optionalString,
          license_path: optionalString,
          component_path: optionalString,
        },
      },
    },
  },
} as const;

let validator: ValidateFunction | undefined;
function validateRelease(value: unknown): readonly ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(RELEASE_SCHEMA);
  return validator(value) ? [] : (validator.errors ?? []);
}

function describe(error: ErrorObject): string {
  const where = `release${error.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}`;
  if (error.keyword === 'enum' && error.instancePath.endsWith('/name'))
    return `${where} is ${typeof error.data === 'string' ? JSON.stringify(error.data.slice(0, 80)) : kind(error.data)}, not one of the 17 MOF component names (${MOF_COMPONENTS.map((c) => `"${c.name}"`).join(', ')})`;
  if (error.keyword === 'type') {
    const wanted = ([] as unknown[]).concat(error.params.type).filter((t) => t !== 'null');
    return `${where} must be ${wanted.join(' or ')}, not ${kind(error.data)}`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

type Fields = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : undefined;
}

function loadTree(text: string, file: string): unknown {
  if (/\.json$/i.test(file)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new InputError(`${file}: not valid JSON (${(error as Error).message})`, {
        cause: error,
      });
    }
  }
  // (`prettyErrors` off: the library's excerpt for each error is quadratic over a long line of
  // errors; the line is counted apart.)
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new InputError(
      `${file}${line !== undefined ? `:${line}` : ''}: not valid YAML (${first.message.split('\n')[0]})`,
      { line },
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown;
  } catch (error) {
    throw new InputError(`${file}: YAML refused (${(error as Error).message})`, { cause: error });
  }
}

/**
 * Parse and validate a MOF declaration. `file` names the file in messages and picks the
 * syntax (`.json` → JSON, anything else → YAML, of which JSON is a subset anyway).
 * Throws `InputError` (code `OPENVET_E_PARSE`, or `OPENVET_E_TOO_LARGE`) when the text is not
 * a declaration.
 */
export function parseMofDeclaration(text: string, file: string): MofDeclaration {
  if (Buffer.byteLength(text, 'utf8') > MAX_DECLARATION_BYTES)
    throw new InputError(
      `${file}: larger than ${MAX_DECLARATION_BYTES} bytes; a MOF declaration is a few KiB`,
      { code: 'OPENVET_E_TOO_LARGE' },
    );
  const tree = loadTree(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  if (!isObject(tree))
    throw new InputError(`${file}: expected a mapping with a "release" key, got ${kind(tree)}`);
  const framework = tree.framework;
  if (isObject(framework) && typeof framework.name === 'string') {
    if (framework.name !== 'Model Openness Framework')
      throw new InputError(
        `${file}: framework.name is "${framework.name}", expected "Model Openness Framework"`,
      );
  }
  // The MOT's import script takes `release` when present, else the whole mapping.
  const release = tree.release ?? tree;
  if (!isObject(release))
    throw new InputError(`${file}: "release" must be a mapping, got ${kind(release)}`);
  const errors = validateRelease(release);
  if (errors.length > 0)
    throw new InputError(
      `${file}: not a valid MOF declaration: ${errors.slice(0, 5).map(describe).join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}`,
    );
  return toDeclaration(release, isObject(framework) ? str(framework.version) : undefined);
}

function kind(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

// Validated: every access below matches the schema.
function toDeclaration(release: Fields, frameworkVersion: string | undefined): MofDeclaration {
  const license: Partial<Record<MofGlobalSlot, MofGlobalLicense>> = {};
  const globals = isObject(release.license) ? release.license : {};
  for (const slot of GLOBAL_SLOTS) {
    const entry = globals[slot];
    if (isObject(entry))
      license[slot] = { name: str(entry.name) ?? null, path: str(entry.path) ?? null };
  }
  const components: MofDeclaredComponent[] = [];
  for (const item of release.components as readonly Fields[]) {
    components.push({
      name: item.name as string,
      ...(typeof item.description === 'string' && { description: item.description }),
      ...(typeof item.license === 'string' && { license: item.license }),
      ...(typeof item.license_path === 'string' && { licensePath: item.license_path }),
      ...(typeof item.component_path === 'string' && { componentPath: item.component_path }),
    });
  }
  const meta = (key: string): Partial<Record<string, string>> => {
    const value = str(release[key]);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    name: release.name as string,
    ...meta('version'),
    ...meta('producer'),
    ...meta('date'),
    ...meta('type'),
    ...meta('architecture'),
    ...meta('origin'),
    ...meta('repository'),
    ...meta('huggingface'),
    ...(frameworkVersion !== undefined && { frameworkVersion }),
    license,
    components,
  };
}
