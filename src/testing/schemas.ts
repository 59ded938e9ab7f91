/**
 * Test helper: validate a report against the official JSON Schemas kept in the shared corpus
 * (`../shared/corpora/schemas`, next to the repository). Not part of the public API.
 *
 * Both CycloneDX 1.6 and SPDX 2.3 schemas are draft-07, so the default Ajv class is the right
 * one. Formats come from ajv-formats, except two it does not implement: `iri-reference` (checked
 * as a URI reference once non-ASCII characters are percent-encoded, which is what makes an IRI
 * a URI) and `idn-email` (a loose shape check).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the
// module object in the types, while at runtime it is the function itself (which also has
// `.default`). Taking `.default` when present works for both.
type AddFormats = typeof addFormatsModule.default;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats);

/** Which report a schema validates. */
export type SchemaKind = 'cyclonedx' | 'spdx';

/** The outcome of a validation: `errors` is empty when `valid`. */
export interface SchemaValidation {
  readonly valid: boolean;
  /** One line per error: `<JSON pointer> <message>`. */
  readonly errors: readonly string[];
}

/** The repository root: the nearest folder above this file with a package.json. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('openvet repository root (package.json) not found above src/testing/schemas.ts');
}

/** Absolute path of the shared schema corpus (it may not exist in a fresh clone). */
export const SCHEMAS_DIR = path.resolve(repoRoot(), '../shared/corpora/schemas');

const FILES: Readonly<Record<SchemaKind, { main: string; refs: readonly string[] }>> = {
  cyclonedx: {
    main: 'bom-1.6.schema.json',
    refs: ['cyclonedx-spdx.schema.json', 'cyclonedx-jsf-0.82.schema.json'],
  },
  spdx: { main: 'spdx-2.3.schema.json', refs: [] },
};

/** True when every schema file for `kind` is present. Use it to skip tests with a message. */
export function schemasAvailable(kind?: SchemaKind): boolean {
  const kinds: SchemaKind[] = kind === undefined ? ['cyclonedx', 'spdx'] : [kind];
  return kinds.every((k) =>
    [FILES[k].main, ...FILES[k].refs].every((f) => existsSync(path.join(SCHEMAS_DIR, f))),
  );
}

function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as Record<string, unknown>;
}

function isUriReference(ajv: Ajv, value: string): boolean {
  const check = ajv.formats['uri-reference'];
  const ascii = [...value]
    .map((ch) => (ch.charCodeAt(0) > 0x7f ? encodeURIComponent(ch) : ch))
    .join('');
  if (check instanceof RegExp) return check.test(ascii);
  if (typeof check === 'function') return check(ascii);
  return true;
}

const validators = new Map<SchemaKind, ValidateFunction>();

function validatorFor(kind: SchemaKind): ValidateFunction {
  const cached = validators.get(kind);
  if (cached !== undefined) return cached;
  if (!schemasAvailable(kind))
    throw new Error(`JSON Schemas for ${kind} not found in ${SCHEMAS_DIR}`);
  // strict off: the CycloneDX schema uses annotation keywords Ajv does not know (`meta:enum`).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('iri-reference', {
    type: 'string',
    validate: (v: string) => isUriReference(ajv, v),
  });
  ajv.addFormat('idn-email', {
    type: 'string',
    validate: (v: string) => /^[^\s@]+@[^\s@]+$/u.test(v),
  });
  // The refs are resolved by their `$id` (`http://cyclonedx.org/schema/spdx.schema.json`, …).
  for (const ref of FILES[kind].refs) ajv.addSchema(readSchema(ref));
  const validate = ajv.compile(readSchema(FILES[kind].main));
  validators.set(kind, validate);
  return validate;
}

/**
 * Validate a report (its JSON text or the parsed value) against the official schema for
 * `kind`. Throws when the schemas are absent; check {@link schemasAvailable} first.
 */
export function validateAgainstSchema(kind: SchemaKind, json: unknown): SchemaValidation {
  const data: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  const validate = validatorFor(kind);
  if (validate(data)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
  return { valid: false, errors };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * CycloneDX rules the JSON Schema cannot express: every bom-ref unique, every dependency and
 * `affects` ref defined, and the subject (`metadata.component`) not among `components`.
 * Returns one message per problem (empty when consistent).
 */
export function cyclonedxConsistencyErrors(json: unknown): string[] {
  const bom: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (!isRecord(bom)) return ['BOM is not an object'];
  const errors: string[] = [];
  const refs = new Set<string>();
  const define = (ref: unknown, where: string): void => {
    if (typeof ref !== 'string') return;
    if (refs.has(ref)) errors.push(`${where}: duplicate bom-ref ${ref}`);
    refs.add(ref);
  };
  const metadata = isRecord(bom.metadata) ? bom.metadata : {};
  const subject = isRecord(metadata.component) ? metadata.component['bom-ref'] : undefined;
  define(subject, 'metadata.component');
  const components = records(bom.components);
  components.forEach((c, i) => define(c['bom-ref'], `components/${i}`));
  records(bom.vulnerabilities).forEach((v, i) => define(v['bom-ref'], `vulnerabilities/${i}`));
  if (typeof subject === 'string' && components.some((c) => c['bom-ref'] === subject)) {
    errors.push(`metadata.component ${subject} is also listed in components`);
  }
  records(bom.dependencies).forEach((d, i) => {
    if (typeof d.ref !== 'string' || !refs.has(d.ref))
      errors.push(`dependencies/${i}: ref ${String(d.ref)} is not defined`);
    for (const dep of Array.isArray(d.dependsOn) ? d.dependsOn : []) {
      if (typeof dep !== 'string' || !refs.has(dep))
        errors.push(`dependencies/${i}: dependsOn ${String(dep)} is not defined`);
    }
  });
  records(bom.vulnerabilities).forEach((v, i) => {
    for (const a of records(v.affects)) {
      if (typeof a.ref !== 'string' || !refs.has(a.ref))
        errors.push(`vulnerabilities/${i}: affects ${String(a.ref)} is not defined`);
    }
  });
  return errors;
}

const SPDX_ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const LICENSE_REF = /LicenseRef-[A-Za-z0-9.-]+/g;

/**
 * SPDX 2.3 rules the JSON Schema cannot express: SPDXIDs well-formed (`SPDXRef-` + letters,
 * digits, `.`, `-`) and unique, every relationship end defined, every `LicenseRef-…` used in
 * a package licence defined in `hasExtractedLicensingInfos`, and the document DESCRIBES
 * something. Returns one message per problem (empty when consistent).
 */
export function spdxConsistencyErrors(json: unknown): string[] {
  const doc: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (!isRecord(doc)) return ['document is not an object'];
  const errors: string[] = [];
  const ids = new Set<string>();
  if (doc.SPDXID !== 'SPDXRef-DOCUMENT') errors.push('document SPDXID must be SPDXRef-DOCUMENT');
  ids.add('SPDXRef-DOCUMENT');
  records(doc.packages).forEach((p, i) => {
    const id = p.SPDXID;
    if (typeof id !== 'string' || !SPDX_ID.test(id))
      errors.push(`packages/${i}: invalid SPDXID ${String(id)}`);
    else if (ids.has(id)) errors.push(`packages/${i}: duplicate SPDXID ${id}`);
    else ids.add(id);
  });
  const defined = new Set(records(doc.hasExtractedLicensingInfos).map((l) => l.licenseId));
  records(doc.packages).forEach((p, i) => {
    for (const field of ['licenseDeclared', 'licenseConcluded']) {
      const value = p[field];
      if (typeof value !== 'string') continue;
      for (const ref of value.match(LICENSE_REF) ?? []) {
        if (!defined.has(ref))
          errors.push(
            `packages/${i}: ${field} uses ${ref}, not defined in hasExtractedLicensingInfos`,
          );
      }
    }
  });
  const relationships = records(doc.relationships);
  relationships.forEach((r, i) => {
    for (const end of ['spdxElementId', 'relatedSpdxElement']) {
      const id = r[end];
      if (typeof id !== 'string' || !(ids.has(id) || id === 'NONE' || id === 'NOASSERTION')) {
        errors.push(`relationships/${i}: ${end} ${String(id)} is not defined`);
      }
    }
  });
  if (
    !relationships.some(
      (r) => r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relationshipType === 'DESCRIBES',
    )
  ) {
    errors.push('no DOCUMENT DESCRIBES relationship');
  }
  return errors;
}
