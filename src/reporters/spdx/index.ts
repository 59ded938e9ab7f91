/**
 * `--format spdx`: the scan as an SPDX 2.3 JSON document.
 *
 * Written by hand: there is no maintained JavaScript writer for SPDX 2.3 (the spdx tools are
 * Java/Python/Go), and the JSON form is a plain object tree. Correctness is checked by the tests
 * against the official SPDX 2.3 JSON Schema plus the rules the schema cannot express (SPDXID
 * syntax and uniqueness, every referenced element and LicenseRef defined).
 *
 * Mapping: the scan target is the root package (`SPDXRef-Package-root`) the document DESCRIBES;
 * each component is a package; recorded dependency edges become relationships (dev/optional
 * direct dependencies as `DEV_DEPENDENCY_OF` / `OPTIONAL_DEPENDENCY_OF` the root, as SPDX 2.3
 * defines them); advisory evidence becomes REVIEW annotations and SECURITY references.
 */
import { createHash } from 'node:crypto';
import type { Reporter } from '../../core/reporter.js';
import type {
  AdvisoryEvidence,
  Evidence,
  ModelCardEvidence,
  OpennessEvidence,
  ProvenanceEvidence,
  Component,
  ComponentLicense,
  ComponentSource,
  Hash,
  ScanResult,
} from '../../core/types.js';
import { documentUuid, isoSeconds } from './document-id.js';
import { classifyLicense, compareCodePoints } from './license-expression.js';

const NOASSERTION = 'NOASSERTION';
const ROOT_ID = 'SPDXRef-Package-root';
/** Readable part of a package SPDXID, before the hash suffix. */
const MAX_ID_BASE = 80;
/** Bound on licence text copied into `extractedText`. */
const MAX_LICENSE_TEXT = 100_000;
/** Locations listed in a package's `sourceInfo` before "and N more". */
const MAX_LOCATIONS_LISTED = 20;

/** Our lower-case algorithm names → SPDX 2.3 checksum algorithms. Unknown ones are left out. */
const CHECKSUM_ALGORITHMS: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA1',
  sha224: 'SHA224',
  sha256: 'SHA256',
  sha384: 'SHA384',
  sha512: 'SHA512',
  'sha3-256': 'SHA3-256',
  'sha3-384': 'SHA3-384',
  'sha3-512': 'SHA3-512',
  'blake2b-256': 'BLAKE2b-256',
  'blake2b-384': 'BLAKE2b-384',
  'blake2b-512': 'BLAKE2b-512',
  blake3: 'BLAKE3',
};

/** An SPDX 2.3 package, with the fields this reporter writes (in output order). */
export interface SpdxPackage {
  readonly SPDXID: string;
  readonly name: string;
  readonly versionInfo?: string;
  readonly downloadLocation: string;
  readonly filesAnalyzed: false;
  readonly checksums?: readonly { readonly algorithm: string; readonly checksumValue: string }[];
  readonly sourceInfo?: string;
  readonly licenseConcluded: string;
  readonly licenseDeclared: string;
  readonly copyrightText: string;
  readonly comment?: string;
  readonly externalRefs?: readonly SpdxExternalRef[];
  readonly primaryPackagePurpose: 'APPLICATION' | 'LIBRARY' | 'OTHER';
  readonly annotations?: readonly SpdxAnnotation[];
}

export interface SpdxExternalRef {
  readonly referenceCategory: 'PACKAGE-MANAGER' | 'SECURITY' | 'OTHER' | 'PERSISTENT-ID';
  readonly referenceType: string;
  readonly referenceLocator: string;
}

export interface SpdxAnnotation {
  readonly annotationDate: string;
  readonly annotationType: 'REVIEW' | 'OTHER';
  readonly annotator: string;
  readonly comment: string;
}

export interface SpdxRelationship {
  readonly spdxElementId: string;
  readonly relationshipType: string;
  readonly relatedSpdxElement: string;
}

export interface SpdxExtractedLicense {
  readonly licenseId: string;
  readonly extractedText: string;
  readonly name?: string;
  readonly comment?: string;
}

/** The SPDX 2.3 document this reporter writes. */
export interface SpdxDocument {
  readonly spdxVersion: 'SPDX-2.3';
  readonly dataLicense: 'CC0-1.0';
  readonly SPDXID: 'SPDXRef-DOCUMENT';
  readonly name: string;
  readonly documentNamespace: string;
  readonly creationInfo: {
    readonly created: string;
    readonly creators: readonly string[];
    readonly comment?: string;
  };
  readonly packages: readonly SpdxPackage[];
  readonly hasExtractedLicensingInfos?: readonly SpdxExtractedLicense[];
  readonly relationships: readonly SpdxRelationship[];
}

/** Letters, digits, `.` and `-` only (the SPDXID and LicenseRef idstring alphabet). */
function idstring(value: string): string {
  return value
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * A unique, valid SPDXID per component: a readable part (`npm-babel-core-7.22.0`) plus a hash
 * of the component id, since different ids can sanitise to the same text (a git and a registry
 * copy of one version). On a hash-prefix clash the suffix grows; ids are visited in sorted order
 * so the assignment is deterministic.
 */
export function packageSpdxIds(components: readonly Component[]): Map<string, string> {
  const used = new Set<string>([ROOT_ID]);
  const result = new Map<string, string>();
  for (const c of [...components].sort((a, b) => compareCodePoints(a.id, b.id))) {
    const base =
      idstring(`${c.ecosystem}-${c.name}${c.version !== undefined ? `-${c.version}` : ''}`).slice(
        0,
        MAX_ID_BASE,
      ) || 'component';
    const digest = sha256(c.id);
    let length = 8;
    let id = `SPDXRef-Package-${base}-${digest.slice(0, length)}`;
    while (used.has(id) && length < digest.length) {
      length += 4;
      id = `SPDXRef-Package-${base}-${digest.slice(0, length)}`;
    }
    used.add(id);
    result.set(c.id, id);
  }
  return result;
}

/**
 * SPDX download location for a non-registry source (`NOASSERTION` otherwise; registry packages
 * are located by their purl). Git sources use SPDX's VCS form, `git+https://host/repo@commit`.
 * Local paths (file, directory, link, workspace, editable) are not download locations.
 */
function downloadLocation(source: ComponentSource | undefined): string {
  const url = source?.url;
  if (source === undefined || url === undefined || !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url))
    return NOASSERTION;
  if (source.type === 'git') {
    const hash = url.indexOf('#');
    const bare = hash >= 0 ? url.slice(0, hash) : url;
    const fragment = hash >= 0 ? url.slice(hash + 1) : '';
    const vcs = /^(https?|ssh):\/\//.test(bare) ? `git+${bare}` : bare;
    const ref = source.commit ?? fragment;
    return ref !== '' && /^[A-Za-z0-9._/-]+$/.test(ref) ? `${vcs}@${ref}` : vcs;
  }
  if (source.type === 'url' || source.type === 'hub') return url;
  return NOASSERTION;
}

function checksums(hashes: readonly Hash[] | undefined): SpdxPackage['checksums'] {
  const out: { algorithm: string; checksumValue: string }[] = [];
  const seen = new Set<string>();
  const sorted = [...(hashes ?? [])].sort((a, b) =>
    compareCodePoints(`${a.alg}:${a.value}`, `${b.alg}:${b.value}`),
  );
  for (const h of sorted) {
    const algorithm = CHECKSUM_ALGORITHMS[h.alg.toLowerCase()];
    // One digest per algorithm (the first in sorted order), as in the CycloneDX report.
    if (algorithm === undefined || seen.has(algorithm)) continue;
    seen.add(algorithm);
    out.push({ algorithm, checksumValue: h.value.toLowerCase() });
  }
  out.sort((a, b) => compareCodePoints(a.algorithm, b.algorithm));
  return out.length > 0 ? out : undefined;
}

/**
 * The declared licence to write: the normalised expression when the statements were read
 * exactly, else the statement as written (free text becomes a LicenseRef with its text).
 */
function declaredOf(
  raw: string | undefined,
  license: ComponentLicense | undefined,
): string | undefined {
  return license?.declared !== undefined && license.declaredConfidence === 'declared'
    ? license.declared
    : raw;
}

/** Collects `hasExtractedLicensingInfos` for every LicenseRef the document uses. */
class ExtractedLicenses {
  readonly #byId = new Map<string, SpdxExtractedLicense>();

  /** The `licenseDeclared` value for a declared licence string. */
  declared(raw: string | undefined): string {
    const choice = classifyLicense(raw);
    switch (choice.kind) {
      case 'none':
        return NOASSERTION;
      case 'id':
        return choice.id;
      case 'expression':
        for (const ref of choice.licenseRefs) {
          if (this.#byId.has(ref)) continue;
          this.#byId.set(ref, {
            licenseId: ref,
            // The source names the reference but does not carry its text.
            extractedText: `The package metadata declares "${choice.expression}" and does not include the text of ${ref}.`,
            comment:
              'Licence reference as declared by the package metadata; its text was not available to openvet.',
          });
        }
        return choice.expression;
      case 'text': {
        const ref = `LicenseRef-openvet-${sha256(choice.text).slice(0, 16)}`;
        if (!this.#byId.has(ref)) {
          const firstLine = choice.text.split(/\r?\n/, 1)[0]?.trim() ?? '';
          this.#byId.set(ref, {
            licenseId: ref,
            extractedText: choice.text.slice(0, MAX_LICENSE_TEXT),
            name: firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine || ref,
            comment:
              'Licence as declared by the package metadata; it is not an SPDX licence expression.',
          });
        }
        return ref;
      }
    }
  }

  /**
   * The `licenseConcluded` value: openvet's concluded expression, NOASSERTION when nothing was
   * concluded. Concluded expressions are valid SPDX (ids and LicenseRef-…) by construction.
   */
  concluded(expression: string | undefined): string {
    if (expression === undefined) return NOASSERTION;
    const choice = classifyLicense(expression);
    if (choice.kind === 'id') return choice.id;
    if (choice.kind !== 'expression') return NOASSERTION;
    for (const ref of choice.licenseRefs) {
      if (this.#byId.has(ref)) continue;
      this.#byId.set(ref, {
        licenseId: ref,
        extractedText: `openvet concluded "${choice.expression}"; the text of ${ref} is not included in this document.`,
        comment:
          'Licence reference concluded by openvet (an AI model licence named by its Hugging Face licence tag, or a licence not on the SPDX list).',
      });
    }
    return choice.expression;
  }

  list(): SpdxExtractedLicense[] {
    return [...this.#byId.values()].sort((a, b) => compareCodePoints(a.licenseId, b.licenseId));
  }
}

/** https://osv.dev resolves every id OSV aggregates (GHSA, PYSEC, RUSTSEC, GO, CVE, …). */
function osvUrl(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

function advisoryComment(ev: AdvisoryEvidence): string {
  const parts = [`Vulnerability ${ev.advisoryId}`];
  const aliases = [...ev.aliases].filter((a) => a !== ev.advisoryId).sort(compareCodePoints);
  if (aliases.length > 0) parts.push(`aliases: ${aliases.join(', ')}`);
  if (ev.severity !== undefined && ev.severity !== '')
    parts.push(
      `severity: ${ev.severity}${ev.score !== undefined ? ` (CVSS ${ev.score}${ev.vector !== undefined ? ` ${ev.vector}` : ''})` : ''}`,
    );
  if (ev.summary !== undefined) parts.push(`summary: ${ev.summary.replace(/;/g, ',')}`);
  if (ev.fixed !== undefined) parts.push(`fixed in: ${ev.fixed}`);
  if (ev.fixedAll !== undefined && ev.fixedAll !== ev.fixed)
    parts.push(`every known issue fixed in: ${ev.fixedAll}`);
  parts.push(`source: ${ev.source}`, `confidence: ${ev.confidence}`);
  return `${parts.join('; ')}.`;
}

/** Scan facts SPDX has no field for (scope, groups, where found), in the package's `sourceInfo`. */
function sourceInfo(c: Component): string {
  const parts = [`scope: ${c.scope}`];
  if (c.groups.length > 0)
    parts.push(`groups: ${[...c.groups].sort(compareCodePoints).join(', ')}`);
  if (c.foundBy.length > 0)
    parts.push(`found by: ${[...c.foundBy].sort(compareCodePoints).join(', ')}`);
  if (c.locations.length > 0) {
    const sorted = [...c.locations].sort(
      (a, b) => compareCodePoints(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0),
    );
    const listed = sorted
      .slice(0, MAX_LOCATIONS_LISTED)
      .map((l) => (l.line !== undefined ? `${l.path}:${l.line}` : l.path));
    const more = c.locations.length - listed.length;
    parts.push(`declared in: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  }
  if (c.source !== undefined) {
    parts.push(
      `source: ${c.source.type}${c.source.url !== undefined ? ` ${c.source.url}` : ''}${c.source.commit !== undefined ? ` at ${c.source.commit}` : ''}`,
    );
  }
  return `openvet ${parts.join('; ')}.`;
}

/** SPDX 2.3 has no purpose for AI models or datasets: `OTHER`, said plainly in `comment`. */
function purpose(kind: Component['kind']): {
  primaryPackagePurpose: SpdxPackage['primaryPackagePurpose'];
  comment?: string;
} {
  switch (kind) {
    case 'package':
      return { primaryPackagePurpose: 'LIBRARY' };
    case 'model':
      return {
        primaryPackagePurpose: 'OTHER',
        comment: 'Machine-learning model (SPDX 2.3 has no package purpose for models).',
      };
    case 'dataset':
      return {
        primaryPackagePurpose: 'OTHER',
        comment: 'Dataset (SPDX 2.3 has no package purpose for datasets).',
      };
  }
}

/**
 * Model facts as annotation comments, per component: what the card says (task, architecture,
 * datasets, evaluation results, licence files, documentation completeness), the lineage, and
 * the openness verdicts. SPDX 2.3 has no fields for these (SPDX 3's AI profile does).
 */
function modelAnnotations(evidence: readonly Evidence[]): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  const push = (id: string, text: string): void => {
    const list = notes.get(id) ?? [];
    list.push(text);
    notes.set(id, list);
  };
  const cards = evidence.filter((e): e is ModelCardEvidence => e.kind === 'model-card');
  for (const card of cards) {
    const m = card.metadata;
    const facts = [
      m.pipelineTag !== undefined ? `task ${m.pipelineTag}` : undefined,
      m.architectures.length > 0 ? `architecture ${m.architectures.join(', ')}` : undefined,
      m.modelType !== undefined ? `model type ${m.modelType}` : undefined,
      m.libraryName !== undefined ? `library ${m.libraryName}` : undefined,
      m.datasets.length > 0 ? `datasets ${m.datasets.join(', ')}` : undefined,
      m.results.length > 0
        ? `evaluation ${m.results
            .slice(0, 20)
            .map((r) => `${r.metric}=${r.value}${r.dataset !== undefined ? ` (${r.dataset})` : ''}`)
            .join('; ')}`
        : undefined,
      m.licenseFiles.length > 0 ? `licence files ${m.licenseFiles.join(', ')}` : undefined,
    ].filter((f): f is string => f !== undefined);
    if (facts.length > 0) push(card.componentId, `openvet model card: ${facts.join('; ')}`);
    const t = card.transparency;
    push(
      card.componentId,
      `openvet transparency: ${t.present} of ${t.expected} model-card sections present${t.missing.length > 0 ? ` (missing: ${t.missing.join(', ')})` : ''}`,
    );
  }
  for (const e of evidence) {
    if (e.kind === 'provenance' && e.baseModels.length > 0) {
      const p: ProvenanceEvidence = e;
      const chain = (p.ancestors ?? [])
        .map(
          (a) =>
            `${a.id}${a.license !== undefined ? ` [${a.license}]` : ''} (depth ${a.depth}, ${a.resolvedFrom})`,
        )
        .join('; ');
      push(
        p.componentId,
        `openvet lineage: base model(s) ${p.baseModels.join(', ')}${p.relation !== undefined ? ` (${p.relation})` : ''}${chain !== '' ? `; ancestors ${chain}` : ''}${(p.missing ?? []).length > 0 ? `; unresolved ${(p.missing ?? []).map((m) => m.id).join(', ')}` : ''}`,
      );
    } else if (e.kind === 'openness') {
      const o: OpennessEvidence = e;
      push(
        o.componentId,
        `openvet openness: MOF class ${o.class ?? 'none'}${o.progress !== undefined ? ` (progress I ${o.progress.I}%, II ${o.progress.II}%, III ${o.progress.III}%)` : ''}${o.osaid !== undefined ? `; OSAID ${o.osaid}` : ''}`,
      );
    }
  }
  return notes;
}

/**
 * Packages for the ancestors of the scan's models that are not components themselves (a base
 * model is rarely in the project), appended to `packages`; returns ancestor id → SPDXID.
 */
function ancestorPackages(
  evidence: readonly Evidence[],
  byId: ReadonlyMap<string, Component>,
  spdxIds: ReadonlyMap<string, string>,
  packages: SpdxPackage[],
): Map<string, string> {
  const byName = new Map<string, string>();
  for (const [id, c] of byId) {
    const spdx = spdxIds.get(id);
    if (c.kind === 'model' && spdx !== undefined && !byName.has(c.name)) byName.set(c.name, spdx);
  }
  const used = new Set(packages.map((p) => p.SPDXID));
  const result = new Map<string, string>();
  const ancestors = evidence
    .flatMap((e) => (e.kind === 'provenance' ? (e.ancestors ?? []) : []))
    .sort((a, b) => compareCodePoints(a.id, b.id));
  for (const a of ancestors) {
    if (result.has(a.id)) continue;
    const existing = byName.get(a.id);
    if (existing !== undefined) {
      result.set(a.id, existing);
      continue;
    }
    let spdx = `SPDXRef-Ancestor-${idstring(a.id).slice(0, MAX_ID_BASE) || 'model'}-${sha256(a.id).slice(0, 8)}`;
    while (used.has(spdx)) spdx = `${spdx}x`;
    used.add(spdx);
    result.set(a.id, spdx);
    const hub = /^[^/\s]+\/[^/\s]+$/.test(a.id);
    packages.push({
      SPDXID: spdx,
      name: a.id,
      downloadLocation: hub ? `https://huggingface.co/${a.id}` : NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: NOASSERTION,
      copyrightText: NOASSERTION,
      comment: `Ancestor model (base_model chain), resolved from ${a.resolvedFrom}${a.license !== undefined ? `; its card declares ${a.license}` : ''}.`,
      ...(hub
        ? {
            externalRefs: [
              {
                referenceCategory: 'PACKAGE-MANAGER',
                referenceType: 'purl',
                referenceLocator: `pkg:huggingface/${a.id.split('/').map(encodeURIComponent).join('/')}`,
              },
            ],
          }
        : {}),
      primaryPackagePurpose: 'OTHER',
    });
  }
  return result;
}

/** Build the SPDX document for a result. */
export function buildDocument(result: ScanResult): SpdxDocument {
  const components = [...result.components].sort((a, b) => compareCodePoints(a.id, b.id));
  const byId = new Map(components.map((c) => [c.id, c]));
  const spdxIds = packageSpdxIds(components);
  const licenses = new ExtractedLicenses();
  const created = isoSeconds(result.startedAt);
  const annotator = `Tool: ${result.tool.name}-${result.tool.version}`;
  const target = result.target;

  const advisories = new Map<string, AdvisoryEvidence[]>();
  for (const ev of result.evidence) {
    if (ev.kind !== 'advisory' || !byId.has(ev.componentId)) continue;
    const list = advisories.get(ev.componentId) ?? [];
    list.push(ev);
    advisories.set(ev.componentId, list);
  }

  const root: SpdxPackage = {
    SPDXID: ROOT_ID,
    name: target.name,
    ...(target.version !== undefined ? { versionInfo: target.version } : {}),
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: licenses.concluded(target.license?.concluded),
    licenseDeclared: licenses.declared(declaredOf(target.declaredLicense, target.license)),
    copyrightText: NOASSERTION,
    ...(target.purl !== undefined
      ? {
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: target.purl,
            },
          ],
        }
      : {}),
    primaryPackagePurpose: 'APPLICATION',
  };

  const modelNotes = modelAnnotations(result.evidence);
  // Policy findings: a REVIEW annotation on the package they are about (the root otherwise).
  const findingNotes = new Map<string, string[]>();
  for (const f of result.findings) {
    const key = f.componentId !== undefined && byId.has(f.componentId) ? f.componentId : ROOT_ID;
    const list = findingNotes.get(key) ?? [];
    list.push(
      `openvet finding [${f.severity}] ${f.ruleId}: ${f.message} (fingerprint ${f.fingerprint})`,
    );
    findingNotes.set(key, list);
  }
  const reviews = (key: string): SpdxAnnotation[] =>
    (findingNotes.get(key) ?? []).map((comment) => ({
      annotationDate: created,
      annotationType: 'REVIEW' as const,
      annotator,
      comment,
    }));
  const rootReviews = reviews(ROOT_ID);
  const packages: SpdxPackage[] = [
    rootReviews.length > 0 ? { ...root, annotations: rootReviews } : root,
  ];
  for (const c of components) {
    const evs = (advisories.get(c.id) ?? []).sort(
      (a, b) => compareCodePoints(a.advisoryId, b.advisoryId) || compareCodePoints(a.id, b.id),
    );
    const externalRefs: SpdxExternalRef[] = [];
    if (c.purl !== undefined)
      externalRefs.push({
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: c.purl,
      });
    for (const advisoryId of [...new Set(evs.map((e) => e.advisoryId))]) {
      externalRefs.push({
        referenceCategory: 'SECURITY',
        referenceType: 'advisory',
        referenceLocator: osvUrl(advisoryId),
      });
    }
    const sums = checksums(c.hashes);
    const { primaryPackagePurpose, comment } = purpose(c.kind);
    packages.push({
      SPDXID: spdxIds.get(c.id) ?? '',
      name: c.name,
      ...(c.version !== undefined ? { versionInfo: c.version } : {}),
      downloadLocation: downloadLocation(c.source),
      filesAnalyzed: false,
      ...(sums !== undefined ? { checksums: sums } : {}),
      sourceInfo: sourceInfo(c),
      licenseConcluded: licenses.concluded(c.license?.concluded),
      licenseDeclared: licenses.declared(declaredOf(c.declaredLicense, c.license)),
      copyrightText: NOASSERTION,
      ...(comment !== undefined ? { comment } : {}),
      ...(externalRefs.length > 0 ? { externalRefs } : {}),
      primaryPackagePurpose,
      ...(evs.length > 0 || modelNotes.has(c.id) || findingNotes.has(c.id)
        ? {
            annotations: [
              ...reviews(c.id),
              ...evs.map((ev) => ({
                annotationDate: created,
                annotationType: 'REVIEW' as const,
                annotator,
                comment: advisoryComment(ev),
              })),
              ...(modelNotes.get(c.id) ?? []).map((comment) => ({
                annotationDate: created,
                annotationType: 'OTHER' as const,
                annotator,
                comment,
              })),
            ],
          }
        : {}),
    });
  }
  const ancestorIds = ancestorPackages(result.evidence, byId, spdxIds, packages);

  const edges: SpdxRelationship[] = [];
  const seenEdges = new Set<string>();
  function relate(
    spdxElementId: string,
    relationshipType: string,
    relatedSpdxElement: string,
  ): void {
    const key = `${spdxElementId}\0${relationshipType}\0${relatedSpdxElement}`;
    if (seenEdges.has(key)) return;
    seenEdges.add(key);
    edges.push({ spdxElementId, relationshipType, relatedSpdxElement });
  }
  for (const depId of target.dependsOn) {
    const dep = byId.get(depId);
    const depSpdx = spdxIds.get(depId);
    if (dep === undefined || depSpdx === undefined) continue;
    if (dep.scope === 'dev') relate(depSpdx, 'DEV_DEPENDENCY_OF', ROOT_ID);
    else if (dep.scope === 'optional') relate(depSpdx, 'OPTIONAL_DEPENDENCY_OF', ROOT_ID);
    else relate(ROOT_ID, 'DEPENDS_ON', depSpdx);
  }
  for (const c of components) {
    const from = spdxIds.get(c.id);
    for (const depId of c.dependsOn) {
      const to = spdxIds.get(depId);
      if (from !== undefined && to !== undefined && to !== from) relate(from, 'DEPENDS_ON', to);
    }
  }
  // Model lineage: a model is a DESCENDANT_OF its base models, link by link up the chain.
  for (const ev of result.evidence) {
    if (ev.kind !== 'provenance') continue;
    const model = spdxIds.get(ev.componentId);
    if (model === undefined) continue;
    for (const a of ev.ancestors ?? []) {
      const parent = ancestorIds.get(a.id);
      if (parent === undefined) continue;
      for (const child of a.depth === 1 ? [model] : a.children.map((id) => ancestorIds.get(id)))
        if (child !== undefined && child !== parent) relate(child, 'DESCENDANT_OF', parent);
    }
  }
  edges.sort(
    (a, b) =>
      compareCodePoints(a.spdxElementId, b.spdxElementId) ||
      compareCodePoints(a.relationshipType, b.relationshipType) ||
      compareCodePoints(a.relatedSpdxElement, b.relatedSpdxElement),
  );

  const extracted = licenses.list();
  const docName = idstring(target.name) || 'project';
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: target.version !== undefined ? `${target.name}@${target.version}` : target.name,
    // Deterministic (see document-id.ts): a URI unique to this document's content and time.
    documentNamespace: `https://openvet.dev/spdx/${docName}-${documentUuid(result)}`,
    creationInfo: {
      created,
      creators: [annotator],
      comment: `openvet verdict: ${result.verdict.status} — ${result.verdict.summary}`,
    },
    packages,
    ...(extracted.length > 0 ? { hasExtractedLicensingInfos: extracted } : {}),
    relationships: [
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: ROOT_ID,
      },
      ...edges,
    ],
  };
}

/** Render a result as SPDX 2.3 JSON. */
function render(result: ScanResult): string {
  return `${JSON.stringify(buildDocument(result), null, 2)}\n`;
}

export const reporter = { name: 'spdx', render } satisfies Reporter;
