/**
 * Test helper: check a SARIF log the way its consumers do. Not part of the public API.
 *
 * - {@link sarifSchemaErrors}: the official SARIF 2.1.0 JSON Schema from the shared corpus
 *   (`../shared/corpora/schemas/sarif-2.1.0.schema.json`). It is draft-04; the only draft-04
 *   construct it uses that Ajv's default (draft-07) dialect reads differently is the root `id`,
 *   renamed `$id` here.
 * - {@link githubSarifErrors}: what GitHub code scanning requires beyond the schema (from
 *   "SARIF support for code scanning" and its upload limits): a location on every result with a
 *   relative artifact URI, rule ids that resolve, `security-severity` a number in 0–10 given as
 *   a string, at most 20 tags per rule, 25,000 results per run, 20 runs per file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SCHEMAS_DIR } from './schemas.js';

type AddFormats = typeof addFormatsModule.default;
// ajv-formats is CommonJS (see schemas.ts for why `.default` is taken when present).
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats);

/** The SARIF schema file in the shared corpus. */
export const SARIF_SCHEMA_FILE = path.join(SCHEMAS_DIR, 'sarif-2.1.0.schema.json');

/** True when the SARIF schema is present (skip schema tests with a message otherwise). */
export function sarifSchemaAvailable(): boolean {
  return existsSync(SARIF_SCHEMA_FILE);
}

let validator: ValidateFunction | undefined;

/** Errors of `log` against the SARIF 2.1.0 schema (`[]` when valid). Throws when it is absent. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    const { id, ...rest } = schema;
    delete rest.$schema; // draft-04, which Ajv's default dialect does not load
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    validator = ajv.compile({ ...rest, $id: String(id) });
  }
  if (validator(log)) return [];
  return (validator.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** What GitHub code scanning would reject or mis-file in `log` (`[]` when none). */
export function githubSarifErrors(log: unknown): string[] {
  if (!isRecord(log)) return ['the log is not an object'];
  const errors: string[] = [];
  if (log.version !== '2.1.0') errors.push(`version is ${String(log.version)}, not 2.1.0`);
  const runs = list(log.runs);
  if (runs.length === 0 || runs.length > 20) errors.push(`${runs.length} runs (1–20 allowed)`);
  runs.forEach((run, r) => {
    const driver = isRecord(run.tool) && isRecord(run.tool.driver) ? run.tool.driver : {};
    if (typeof driver.name !== 'string' || driver.name === '')
      errors.push(`runs/${r}: tool.driver.name missing`);
    const rules = list(driver.rules);
    const ids = rules.map((rule) => rule.id);
    rules.forEach((rule, i) => {
      const where = `runs/${r}/rules/${i}`;
      if (ids.indexOf(rule.id) !== i) errors.push(`${where}: duplicate id ${String(rule.id)}`);
      const props = isRecord(rule.properties) ? rule.properties : {};
      const tags = Array.isArray(props.tags) ? props.tags : [];
      if (tags.length > 20) errors.push(`${where}: ${tags.length} tags (at most 20)`);
      const severity = props['security-severity'];
      if (severity !== undefined) {
        const n = typeof severity === 'string' ? Number(severity) : NaN;
        if (!(n >= 0 && n <= 10))
          errors.push(`${where}: security-severity ${JSON.stringify(severity)}`);
        if (!tags.includes('security'))
          errors.push(`${where}: security-severity without the security tag`);
      }
      if (!isRecord(rule.shortDescription)) errors.push(`${where}: no shortDescription`);
      if (!isRecord(rule.help)) errors.push(`${where}: no help`);
    });
    const results = list(run.results);
    if (results.length > 25_000)
      errors.push(`runs/${r}: ${results.length} results (at most 25,000)`);
    results.forEach((result, i) => {
      const where = `runs/${r}/results/${i}`;
      if (typeof result.ruleId !== 'string' || !ids.includes(result.ruleId))
        errors.push(`${where}: ruleId ${String(result.ruleId)} is not a rule of the run`);
      if (typeof result.ruleIndex === 'number' && ids[result.ruleIndex] !== result.ruleId)
        errors.push(`${where}: ruleIndex ${result.ruleIndex} is not ${String(result.ruleId)}`);
      if (!isRecord(result.message) || typeof result.message.text !== 'string')
        errors.push(`${where}: no message.text`);
      const locations = list(result.locations);
      if (locations.length === 0) errors.push(`${where}: no location`);
      if (locations.length > 1000) errors.push(`${where}: more than 1,000 locations`);
      for (const location of locations) {
        const physical = isRecord(location.physicalLocation) ? location.physicalLocation : {};
        const artifact = isRecord(physical.artifactLocation) ? physical.artifactLocation : {};
        const uri = artifact.uri;
        if (typeof uri !== 'string' || uri === '') errors.push(`${where}: no artifactLocation.uri`);
        else if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/'))
          errors.push(`${where}: uri ${uri} is not relative to the repository`);
        const region = isRecord(physical.region) ? physical.region : undefined;
        if (
          region !== undefined &&
          !(typeof region.startLine === 'number' && region.startLine >= 1)
        )
          errors.push(`${where}: region without a startLine ≥ 1`);
      }
      if (
        !isRecord(result.partialFingerprints) ||
        Object.keys(result.partialFingerprints).length === 0
      )
        errors.push(`${where}: no partialFingerprints`);
    });
  });
  return errors;
}
