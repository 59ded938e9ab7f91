/**
 * Model cards (README.md YAML front matter) and JSON configs, read bounded and tolerantly:
 * a broken card or config is a warning, never a failed scan.
 */
import { parseDocument } from 'yaml';
import { InputError } from '../../../core/errors.js';
import type { ScanFs } from '../../../core/fs.js';
import type { LicenseStatement } from '../../../core/types.js';

/** A non-fatal problem, in the shape `ExtractResult.warnings` takes. */
export interface Warning {
  readonly message: string;
  readonly line?: number;
  readonly path?: string;
}

/** Only the start of a card is read: the front matter is at the top, the prose can be huge. */
export const MAX_CARD_BYTES = 64 * 1024;
/** config.json of real models stays well under this (large label maps reach a few MB). */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** A plain JSON-ish object. */
export type Fields = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The YAML front matter of a model card: the text between a leading `---` line and the next
 * `---` line, within the first 64 KiB. Undefined when the card has none; a warning when it
 * is unterminated or not valid YAML.
 */
export function parseFrontMatter(
  text: string,
  file: string,
  warnings: Warning[],
): Fields | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return undefined;
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]?.trimEnd();
    if (line === '---' || line === '...') {
      end = i;
      break;
    }
  }
  if (end < 0) {
    warnings.push({
      message: `${file}: front matter opened with --- on line 1 is not closed within the first ${MAX_CARD_BYTES} bytes; card ignored`,
      line: 1,
      path: file,
    });
    return undefined;
  }
  const yaml = lines.slice(1, end).join('\n');
  const doc = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error !== undefined) {
    // Front matter starts on line 2 of the file.
    const line = 2 + (yaml.slice(0, error.pos[0]).match(/\n/g)?.length ?? 0);
    warnings.push({
      message: `${file}: card front matter is not valid YAML (${error.message.split('\n')[0]}); card ignored`,
      line,
      path: file,
    });
    return undefined;
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    warnings.push({
      message: `${file}: card front matter could not be read (${cause instanceof Error ? cause.message : String(cause)}); card ignored`,
      line: 2,
      path: file,
    });
    return undefined;
  }
  if (value === null || value === undefined) return {};
  if (!isObject(value)) {
    warnings.push({
      message: `${file}: card front matter is not a mapping of keys to values; card ignored`,
      line: 2,
      path: file,
    });
    return undefined;
  }
  return value;
}

/** Read a card's front matter (first 64 KiB only). Undefined when there is no card or no front matter. */
export async function readCard(
  fs: ScanFs,
  file: string,
  warnings: Warning[],
): Promise<Fields | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readBytes(file, 0, MAX_CARD_BYTES);
  } catch {
    return undefined;
  }
  return parseFrontMatter(new TextDecoder('utf-8', { fatal: false }).decode(bytes), file, warnings);
}

/** Read a JSON object file (config.json and friends). Undefined when absent; a warning when malformed. */
export async function readJsonObject(
  fs: ScanFs,
  file: string,
  warnings: Warning[],
): Promise<Fields | undefined> {
  let text: string;
  try {
    text = await fs.readText(file, MAX_CONFIG_BYTES);
  } catch (error) {
    if (error instanceof InputError && error.code === 'OPENVET_E_NOT_FOUND') return undefined;
    warnings.push({
      message: error instanceof Error ? error.message : `${file}: unreadable`,
      path: file,
    });
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    warnings.push({
      message: `${file}: not valid JSON (${error instanceof Error ? error.message : String(error)}); ignored`,
      path: file,
    });
    return undefined;
  }
  if (!isObject(value)) {
    warnings.push({ message: `${file}: expected a JSON object; ignored`, path: file });
    return undefined;
  }
  return value;
}

/** A string field, trimmed; undefined when absent, empty or not a string. */
export function stringField(fields: Fields | undefined, key: string): string | undefined {
  const value = fields?.[key];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A field that may be one string or a list of strings (card `base_model`, `license`). */
export function stringList(fields: Fields | undefined, key: string): string[] {
  const value = fields?.[key];
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The first element of a list field, when it is a string (config `architectures`). */
export function firstString(fields: Fields | undefined, key: string): string | undefined {
  const value = fields?.[key];
  if (!Array.isArray(value)) return undefined;
  const first: unknown = value[0];
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** Card facts copied onto the component. */
export interface CardFacts {
  readonly license?: string;
  /** Each `license:` tag, with `license_name`/`license_link`, for the licence analyzer. */
  readonly licenseStatements: readonly LicenseStatement[];
  readonly properties: Record<string, string>;
  readonly baseModels: readonly string[];
}

/**
 * What a card's front matter says: the HF licence tag (`apache-2.0`, `llama3.1`, `other`; a
 * custom licence's `license_name`/`license_link` kept as properties), pipeline tag,
 * library and base models.
 */
export function cardFacts(card: Fields | undefined): CardFacts {
  const properties: Record<string, string> = {};
  const licenses = stringList(card, 'license');
  const pipelineTag = stringField(card, 'pipeline_tag');
  const library = stringField(card, 'library_name');
  const baseModels = stringList(card, 'base_model');
  const licenseName = stringField(card, 'license_name');
  const licenseLink = stringField(card, 'license_link');
  if (pipelineTag !== undefined) properties['model:pipeline_tag'] = pipelineTag;
  if (library !== undefined) properties['model:library_name'] = library;
  if (baseModels.length > 0) properties['model:base_model'] = baseModels.join(',');
  if (licenseName !== undefined) properties['model:license_name'] = licenseName;
  if (licenseLink !== undefined) properties['model:license_link'] = licenseLink;
  const licenseStatements: LicenseStatement[] = licenses.map((value) => ({
    value,
    kind: 'hf-tag',
    ...(licenseName !== undefined ? { name: licenseName } : {}),
    ...(licenseLink !== undefined ? { link: licenseLink } : {}),
  }));
  return {
    ...(licenses.length > 0 ? { license: licenses.join(', ') } : {}),
    licenseStatements,
    properties,
    baseModels,
  };
}
