/**
 * Openness of one model, from either source: a MOF declaration file (`declarationOpenness`)
 * or what a scan saw of the model (`modelOpenness`). Both give the MOF evaluation plus the
 * OSAID 1.0 verdict; they differ only in how absence reads (not released vs not seen).
 */
import { parseExpression } from '../../license/declared/spdx.js';
import { evaluateMof, mofOpenBasis } from './evaluate.js';
import {
  FSF_LIBRE,
  MOF_COMPONENTS,
  OPEN_DATA,
  OSI_APPROVED,
  TYPE_APPROPRIATE,
} from './mof-data.js';
import { osaidVerdict } from './osaid.js';
import type {
  MofDeclaration,
  MofDeclaredComponent,
  ModelArtifacts,
  ModelOpenness,
} from './types.js';

/** Evidence paths kept per component: enough to find them, bounded for huge model folders. */
export const MAX_EVIDENCE_FILES = 50;

/** The openness of a model as its MOF declaration states it. */
export function declarationOpenness(declaration: MofDeclaration): ModelOpenness {
  const evaluation = evaluateMof(declaration, { mode: 'declaration' });
  return { ...evaluation, osaid: osaidVerdict(evaluation, 'declaration') };
}

const KNOWN_IDS: ReadonlyMap<string, string> = new Map(
  [
    ...OSI_APPROVED,
    ...FSF_LIBRE,
    ...OPEN_DATA,
    ...Object.values(TYPE_APPROPRIATE).flatMap((set) => [...set]),
  ].map((id) => [id.toLowerCase(), id]),
);

/**
 * The id the MOF lists match exactly, from what a scan reports: Hugging Face tags are lower
 * case (`apache-2.0`), and an SPDX expression is open when one side of an OR is, or every
 * part of an AND is. Anything else is kept as given (and is not open to the MOF).
 */
export function mofLicenseId(license: string): string {
  const trimmed = license.trim();
  const known = KNOWN_IDS.get(trimmed.toLowerCase());
  if (known !== undefined) return known;
  const parsed = parseExpression(trimmed);
  if (parsed === undefined) return trimmed;
  if (parsed.ids.length === 1 && !/\sWITH\s/.test(parsed.expression)) return parsed.expression;
  const open = parsed.ids.filter((id) => mofOpenBasis(id).length > 0);
  // Mixed or conjunctive expressions need every part open; a plain OR needs one. The MOF
  // judges one id per component, so an open expression is represented by one of its ids
  // (the first in sorted order): the verdict is the same, only the label is shorter.
  const conjunctive = /\s(AND|WITH)\s/.test(parsed.expression);
  if (conjunctive)
    return open.length === parsed.ids.length ? (open[0] as string) : parsed.expression;
  return open[0] ?? parsed.expression;
}

/**
 * The openness of a model from what a scan saw of it (see `ModelArtifacts` for the input).
 * Pure: no file or network access. A component without evidence counts as not seen, so the
 * OSAID verdict is `insufficient-evidence` rather than `not-open-source-ai` unless something
 * seen is under terms that are not open.
 */
export function modelOpenness(facts: ModelArtifacts): ModelOpenness {
  const licenseFiles = [...(facts.licenseFiles ?? [])].sort();
  const components: MofDeclaredComponent[] = [];
  for (const def of MOF_COMPONENTS) {
    const evidence = facts.components[def.key];
    if (evidence === undefined || evidence.files.length === 0) continue;
    const files = [...new Set(evidence.files)].sort();
    if (def.key === 'model-parameters-final') files.push(...licenseFiles);
    components.push({
      name: def.name,
      ...(evidence.license !== undefined && { license: mofLicenseId(evidence.license) }),
      evidence: files.slice(0, MAX_EVIDENCE_FILES),
    });
  }
  const declaration: MofDeclaration = {
    name: facts.name,
    license:
      facts.license === undefined
        ? {}
        : { distribution: { name: mofLicenseId(facts.license), path: null } },
    components,
  };
  const evaluation = evaluateMof(declaration, { mode: 'evidence' });
  return { ...evaluation, osaid: osaidVerdict(evaluation, 'evidence') };
}
