/**
 * Licence inheritance: a model derived from another (fine-tune, adapter, merge, quantisation)
 * cannot shed its base model's terms. Given the licence a model declares, the licences of its
 * ancestors (nearest first) and the texts of its own licence/notice files, this says
 *
 * - which declarations the base licence does not allow (`conflicts`): Apache-2.0 on a Llama 3.1
 *   base, a permissive licence that drops OpenRAIL use restrictions, commercial terms on a
 *   non-commercial base or dataset — each citing the clause of the knowledge base
 *   (`src/analyzers/license/knowledge/`) it rests on;
 * - which obligations the derivative must meet, checked against its files (`obligations`):
 *   a copy of the licence, the "Built with Llama" notice and the "Llama" name prefix, the
 *   OpenRAIL use restrictions carried into its licence, the Gemma notice file.
 *
 * Pure: the caller reads the files (bounded) and hands their text in. Written by hand: no
 * library knows these licences' derivative rules.
 */
import { parseDeclared } from '../../license/declared/index.js';
import { identifyLicenses } from '../../license/identify.js';
import { knowledgeOf } from '../../license/knowledge/index.js';
import type { LicenseConflict, LicenseObligation } from '../../../core/types.js';
import type { LicenseKnowledge } from '../../license/knowledge/types.js';

export type { LicenseConflict, LicenseObligation } from '../../../core/types.js';

/** A licence as a model card states it. */
export interface StatedLicense {
  /** `license:` (a Hub tag or an SPDX expression). */
  readonly value?: string;
  /** `license_name:` (with `license: other`). */
  readonly name?: string;
}

/** One ancestor of the model and the licence its card declares. */
export interface AncestorLicense {
  /** Hub id (`meta-llama/Llama-3.1-8B`) or local name. */
  readonly id: string;
  readonly license?: StatedLicense;
  /** 1 = the direct base model. */
  readonly depth: number;
}

/** A dataset the model was trained on, with its licence when known. */
export interface DatasetLicense {
  readonly id: string;
  readonly license?: StatedLicense;
}

/** A text file of the model folder (licence, notice, card), already read (bounded). */
export interface ModelTextFile {
  /** Path relative to the scan root. */
  readonly path: string;
  readonly text: string;
}

/** What licence inheritance is judged on. */
export interface InheritanceInput {
  /** The model's name as it is distributed (`org/name` or the folder name). */
  readonly modelName: string;
  readonly declared?: StatedLicense;
  /** Nearest first. */
  readonly ancestors: readonly AncestorLicense[];
  readonly datasets?: readonly DatasetLicense[];
  /** LICENSE*, NOTICE*, USE_POLICY*, README.md of the model folder. */
  readonly files: readonly ModelTextFile[];
}

/** The result of {@link judgeInheritance}. */
export interface InheritanceResult {
  /** The licence that governs the model through its nearest ancestor with a known licence. */
  readonly governing?: string;
  readonly declaredIds: readonly string[];
  readonly conflicts: readonly LicenseConflict[];
  readonly obligations: readonly LicenseObligation[];
  /** Why nothing could be judged (no ancestors, unknown licences). */
  readonly notes: readonly string[];
}

/** Licence ids a stated licence names (a Hub tag, an SPDX expression, or `other` + name). */
export function statedIds(stated: StatedLicense | undefined): string[] {
  if (stated?.value === undefined || stated.value.trim() === '') return [];
  const read = parseDeclared({ value: stated.value, kind: 'hf-tag', name: stated.name });
  if (read.ids.length > 0) return [...read.ids];
  // `license: other` with `license_name: deepseek` (the Hub has no tag for some licences).
  const name = stated.name?.trim().toLowerCase();
  if (name !== undefined && name !== '' && /^[a-z0-9.+-]{1,80}$/.test(name)) {
    const entry = knowledgeOf(`LicenseRef-${name}`);
    if (entry !== undefined) return [entry.id];
  }
  return [];
}

/** Two ids name the same licence (aliases included). */
function sameLicense(a: string, b: string): boolean {
  const ka = knowledgeOf(a);
  const kb = knowledgeOf(b);
  if (ka !== undefined && kb !== undefined) return ka === kb;
  return a.toLowerCase() === b.toLowerCase();
}

/** A declared licence for messages: its ids, or `(none)`. */
function describe(ids: readonly string[]): string {
  return ids.length === 0 ? '(none)' : ids.join(' AND ');
}

function restricts(entry: LicenseKnowledge): boolean {
  const use = entry.terms?.useRestrictions.value;
  return use !== undefined && use.passDownstream && use.restrictions.length > 0;
}

/**
 * The conflicts between the governing terms `entry` and what the model declares. Order of the
 * checks: a same-licence term is the strongest (Llama, CC-BY-NC-SA); then a ban on commercial
 * use (CC-BY-NC: naming it says more than "restrictions"); then use restrictions that must
 * travel (OpenRAIL, Gemma).
 */
function conflictsWith(
  entry: LicenseKnowledge,
  declaredIds: readonly string[],
  from: string,
  fromKind: LicenseConflict['fromKind'],
): LicenseConflict[] {
  const terms = entry.terms;
  if (terms === undefined) return [];
  const declared = describe(declaredIds);
  const keepsLicense = declaredIds.some((id) => sameLicense(id, entry.id));
  const base = { from, fromKind, governing: entry.id, declared } as const;
  const subject = fromKind === 'base-model' ? `base model ${from}` : `dataset ${from}`;
  if (terms.sameLicense.value && fromKind === 'base-model' && !keepsLicense) {
    return [
      {
        ...base,
        kind: 'same-license',
        clause: terms.sameLicense.clause,
        message: `declares ${declared}, but its ${subject} is under ${entry.name}, whose derivatives stay under that licence (${terms.sameLicense.clause})`,
      },
    ];
  }
  if (terms.commercialUse.value === 'forbidden' && !keepsLicense) {
    const allowsCommercial = declaredIds.some(
      (id) => knowledgeOf(id)?.terms?.commercialUse.value === 'allowed',
    );
    if (allowsCommercial || declaredIds.length === 0) {
      return [
        {
          ...base,
          kind: 'non-commercial',
          clause: terms.commercialUse.clause,
          message: `declares ${declared}${allowsCommercial ? ', which allows commercial use,' : ''} but its ${subject} is under ${entry.name}, which forbids commercial use (${terms.commercialUse.clause})`,
        },
      ];
    }
  }
  if (restricts(entry) && !keepsLicense) {
    const carried = declaredIds.some((id) => {
      const own = knowledgeOf(id);
      return own !== undefined && restricts(own);
    });
    if (!carried && fromKind === 'base-model') {
      return [
        {
          ...base,
          kind: 'use-restrictions',
          clause: terms.useRestrictions.clause,
          message: `declares ${declared}, which carries none of the use restrictions of ${entry.name} that its ${subject} requires to be passed on (${terms.useRestrictions.clause})`,
        },
      ];
    }
  }
  return [];
}

const LICENSE_FILE = /(^|\/)(licen[cs]e|copying)([._-][^/]*)?$/i;
const NOTICE_FILE = /(^|\/)notice([._-][^/]*)?$/i;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The licence/notice files holding the text of `entry` (exact/high, matched as a text: a
 * one-line notice naming the licence is not a copy of it).
 */
function filesStating(files: readonly ModelTextFile[], entry: LicenseKnowledge): string[] {
  return files
    .filter((file) => LICENSE_FILE.test(file.path) || NOTICE_FILE.test(file.path))
    .filter((file) =>
      identifyLicenses(file.text, { fileName: baseName(file.path) }).some(
        (match) =>
          (match.confidence === 'exact' || match.confidence === 'high') &&
          (match.via === undefined || match.via === 'text') &&
          sameLicense(match.license, entry.id),
      ),
    )
    .map((file) => file.path)
    .sort();
}

/** Collapse whitespace and quotes so a notice matches however it is wrapped. */
function flat(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201c\u201d"'`*_]/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The quoted phrase of a clause (`prominently display "Built with Llama"` → `Built with Llama`). */
function quoted(clause: string, after: RegExp): string | undefined {
  const match = new RegExp(`${after.source}\\s*["\u201c]([^"\u201d]+)["\u201d]`, 'i').exec(clause);
  return match?.[1];
}

/** The last quoted phrase of 15+ characters in a clause: the notice text it asks for. */
function lastQuoted(clause: string): string | undefined {
  const phrases = [...clause.matchAll(/["\u201c]([^"\u201c\u201d]{15,})["\u201d]/g)];
  return phrases.at(-1)?.[1]?.replace(/\s*(\u2026|\.\.\.)\s*$/, '');
}

/** The name prefix a naming rule asks for (`"Llama 3" at the beginning of the name` → `Llama 3`). */
function namePrefix(rule: string): string | undefined {
  return /["\u201c]([^"\u201d]+)["\u201d]\s+at the beginning/i.exec(rule)?.[1];
}

/**
 * The line a licence asks derivatives to display prominently ("Built with Llama"), from its
 * attribution term; undefined when it asks for none.
 */
export function displayedNotice(entry: LicenseKnowledge): string | undefined {
  return entry.terms === undefined ? undefined : quoted(entry.terms.attribution.clause, /display/);
}

function obligationsOf(
  entry: LicenseKnowledge,
  modelName: string,
  files: readonly ModelTextFile[],
): LicenseObligation[] {
  const terms = entry.terms;
  if (terms === undefined) return [];
  const out: LicenseObligation[] = [];
  const licenseFiles = files
    .filter((f) => LICENSE_FILE.test(f.path) || NOTICE_FILE.test(f.path))
    .map((f) => f.path)
    .sort();
  if (terms.sameLicense.value || terms.attribution.value) {
    const stating = filesStating(files, entry);
    out.push({
      id: 'license-copy',
      license: entry.id,
      met: stating.length > 0,
      clause: terms.sameLicense.value ? terms.sameLicense.clause : terms.attribution.clause,
      message:
        stating.length > 0
          ? `a copy of ${entry.name} is included (${stating.join(', ')})`
          : `no copy of ${entry.name} found in the model's files${licenseFiles.length > 0 ? ` (looked in ${licenseFiles.join(', ')})` : ' (no LICENSE file)'}`,
      files: stating.length > 0 ? stating : licenseFiles,
    });
  }
  const builtWith = displayedNotice(entry);
  if (builtWith !== undefined) {
    const needle = flat(builtWith);
    const showing = files
      .filter((f) => flat(f.text).includes(needle))
      .map((f) => f.path)
      .sort();
    out.push({
      id: 'built-with-notice',
      license: entry.id,
      met: showing.length > 0,
      clause: terms.attribution.clause,
      message:
        showing.length > 0
          ? `"${builtWith}" is displayed (${showing.join(', ')})`
          : `"${builtWith}" is not displayed in the model card or its files`,
      files: showing,
    });
  }
  const naming = terms.derivativeNaming.value;
  const prefix = naming === null ? undefined : namePrefix(naming);
  if (prefix !== undefined) {
    const name = modelName.slice(modelName.lastIndexOf('/') + 1);
    // "Llama 3" at the beginning: `Llama-3-…`, `llama3_…` and `Llama 3 …` all start with it.
    const squash = (s: string): string => s.toLowerCase().replace(/[\s_.-]+/g, '');
    const met = squash(name).startsWith(squash(prefix));
    out.push({
      id: 'name-prefix',
      license: entry.id,
      met,
      clause: terms.derivativeNaming.clause,
      message: met
        ? `the model name "${name}" begins with "${prefix}"`
        : `the model name "${name}" does not begin with "${prefix}"`,
      files: [],
    });
  }
  if (restricts(entry) && !terms.sameLicense.value) {
    // OpenRAIL-style: any licence may be used for the derivative, but it must carry the use
    // restrictions. A licence file that is (or contains) the base licence carries them.
    const carrying = [
      ...filesStating(files, entry),
      ...files
        .filter(
          (f) => LICENSE_FILE.test(f.path) && /use[- ]restrictions|attachment a/i.test(f.text),
        )
        .map((f) => f.path),
    ];
    const unique = [...new Set(carrying)].sort();
    out.push({
      id: 'use-restrictions',
      license: entry.id,
      met: unique.length > 0,
      clause: terms.useRestrictions.clause,
      message:
        unique.length > 0
          ? `the use restrictions of ${entry.name} are carried in ${unique.join(', ')}`
          : `the use restrictions of ${entry.name} are not carried into the model's licence files`,
      files: unique,
    });
  }
  if (terms.noticeFile.value) {
    const phrase = lastQuoted(terms.noticeFile.clause);
    const notices = files.filter((f) => NOTICE_FILE.test(f.path));
    const matching =
      phrase === undefined ? notices : notices.filter((f) => flat(f.text).includes(flat(phrase)));
    out.push({
      id: 'notice-file',
      license: entry.id,
      met: matching.length > 0,
      clause: terms.noticeFile.clause,
      message:
        matching.length > 0
          ? `notice file present (${matching.map((f) => f.path).join(', ')})`
          : phrase === undefined
            ? 'no NOTICE file'
            : `no NOTICE file stating "${phrase}"`,
      files: matching.map((f) => f.path).sort(),
    });
  }
  return out;
}

/** Judge a model's declared licence and its files against the terms it inherits. */
export function judgeInheritance(input: InheritanceInput): InheritanceResult {
  const declaredIds = statedIds(input.declared);
  const notes: string[] = [];
  const conflicts: LicenseConflict[] = [];
  let governing: LicenseKnowledge | undefined;
  for (const ancestor of [...input.ancestors].sort((a, b) => a.depth - b.depth)) {
    const ids = statedIds(ancestor.license);
    if (ids.length === 0) {
      notes.push(`the licence of ${ancestor.id} is unknown`);
      continue;
    }
    for (const id of ids) {
      const entry = knowledgeOf(id);
      if (entry === undefined) {
        notes.push(`${id} (licence of ${ancestor.id}) is not in the licence knowledge base`);
        continue;
      }
      governing ??= entry.terms?.sameLicense.value || restricts(entry) ? entry : undefined;
      conflicts.push(...conflictsWith(entry, declaredIds, ancestor.id, 'base-model'));
    }
  }
  for (const dataset of input.datasets ?? []) {
    for (const id of statedIds(dataset.license)) {
      const entry = knowledgeOf(id);
      if (entry !== undefined)
        conflicts.push(...conflictsWith(entry, declaredIds, dataset.id, 'dataset'));
    }
  }
  if (input.ancestors.length === 0) notes.push('no base model is declared');
  const obligations =
    governing === undefined ? [] : obligationsOf(governing, input.modelName, input.files);
  // One finding per governing licence and kind: the same Llama base reached twice (a merge of
  // two Llama fine-tunes) is one conflict.
  const seen = new Set<string>();
  const unique = conflicts.filter((c) => {
    const key = `${c.governing}\u0000${c.kind}\u0000${c.fromKind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    ...(governing === undefined ? {} : { governing: governing.id }),
    declaredIds,
    conflicts: unique,
    obligations,
    notes,
  };
}
