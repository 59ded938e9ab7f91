/**
 * `--format cyclonedx`: the scan as a CycloneDX 1.6 JSON BOM (SBOM + AI-BOM).
 *
 * Built with the official `@cyclonedx/cyclonedx-library` models and its 1.6 JSON normalizer, so
 * field shapes, enum values and version gating come from the library. The library's models do
 * not carry three 1.6 fields we need (`evidence.occurrences`, `modelCard`, and `data` for
 * dataset components), so those are added to the normalized tree before it is stringified.
 *
 * Mapping (the comments on each function say why):
 * - the scan target → `metadata.component` (type application), never one of `components`;
 * - packages → `library`, models → `machine-learning-model`, datasets → `data`;
 * - bom-ref = component id; `dependencies` has an entry for the target and every component;
 * - advisory evidence → `vulnerabilities` (one per advisory id, `affects` every component).
 */
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { Reporter } from '../../core/reporter.js';
import type {
  ComponentLicense,
  AdvisoryEvidence,
  Component,
  ComponentSource,
  Evidence,
  Hash,
  Location,
  ModelCardEvidence,
  ProvenanceEvidence,
  ScanResult,
  Scope,
  Target,
} from '../../core/types.js';
import { documentUuid } from '../spdx/document-id.js';
import { classifyLicense, compareCodePoints } from '../spdx/license-expression.js';

type NormalizedBom = Serialize.JSON.Types.Normalized.Bom;
type NormalizedComponent = Serialize.JSON.Types.Normalized.Component;

/** A licence name longer than this goes into `license.text`, with a short name. */
const MAX_LICENSE_NAME = 200;
/** Bound on licence text copied into the BOM (a whole LICENSE file is fine, a 10 MB one is not). */
const MAX_LICENSE_TEXT = 100_000;

/** Our lower-case algorithm names → CycloneDX's. Unknown algorithms are left out. */
const HASH_ALGORITHMS: Readonly<Record<string, Enums.HashAlgorithm>> = {
  md5: Enums.HashAlgorithm.MD5,
  sha1: Enums.HashAlgorithm['SHA-1'],
  sha256: Enums.HashAlgorithm['SHA-256'],
  sha384: Enums.HashAlgorithm['SHA-384'],
  sha512: Enums.HashAlgorithm['SHA-512'],
  'sha3-256': Enums.HashAlgorithm['SHA3-256'],
  'sha3-384': Enums.HashAlgorithm['SHA3-384'],
  'sha3-512': Enums.HashAlgorithm['SHA3-512'],
  'blake2b-256': Enums.HashAlgorithm['BLAKE2b-256'],
  'blake2b-384': Enums.HashAlgorithm['BLAKE2b-384'],
  'blake2b-512': Enums.HashAlgorithm['BLAKE2b-512'],
  blake3: Enums.HashAlgorithm.BLAKE3,
};

/**
 * Component properties that feed the 1.6 `modelCard.modelParameters` of a model, by the
 * modelParameters field they fill (first key present wins). Model extractors may use any of
 * these names; everything else stays in `properties` only.
 */
export const MODEL_PARAMETER_KEYS = {
  task: ['model:task', 'model:pipeline_tag', 'hf:pipeline_tag'],
  architectureFamily: [
    'model:architectureFamily',
    'model:family',
    'model:model_type',
    'hf:model_type',
  ],
  modelArchitecture: ['model:architecture', 'model:modelArchitecture', 'hf:architecture'],
} as const;

const SEVERITIES = new Set<string>(Object.values(Enums.Vulnerability.Severity));

/**
 * CycloneDX scope from ours. CycloneDX scope is about the runtime: `required` is needed at
 * runtime, `optional` may be absent at runtime, `excluded` is "for test and other non-runtime
 * purposes … not reachable within a call graph at runtime" — the spec's own words for
 * development-only dependencies, so `dev` → `excluded`. `unknown` sets no scope, which the spec
 * says consumers read as `required`: the cautious reading when the source does not say.
 */
function cdxScope(scope: Scope): Enums.ComponentScope | undefined {
  switch (scope) {
    case 'direct':
    case 'transitive':
      return Enums.ComponentScope.Required;
    case 'optional':
      return Enums.ComponentScope.Optional;
    case 'dev':
      return Enums.ComponentScope.Excluded;
    case 'unknown':
      return undefined;
  }
}

function cdxType(kind: Component['kind']): Enums.ComponentType {
  switch (kind) {
    case 'package':
      return Enums.ComponentType.Library;
    case 'model':
      return Enums.ComponentType.MachineLearningModel;
    case 'dataset':
      return Enums.ComponentType.Data;
  }
}

/**
 * CycloneDX name and group. npm scopes go to `group` (`@types/node` → group `@types`, name
 * `node`), as the CycloneDX npm tooling does; Go modules keep the full module path as the name
 * (the cyclonedx-gomod convention), and so do Hugging Face repos (`org/name`), since that path
 * is how people look them up.
 */
function nameAndGroup(
  ecosystem: Component['ecosystem'] | undefined,
  name: string,
): { name: string; group?: string } {
  if (ecosystem === 'npm' && name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash > 1 && slash < name.length - 1)
      return { group: name.slice(0, slash), name: name.slice(slash + 1) };
  }
  return { name };
}

/** The licence model for a declared licence string (nothing when none is stated). */
function licenseModel(
  declared: string | undefined,
  declaredAck: Enums.LicenseAcknowledgement = Enums.LicenseAcknowledgement.Declared,
): Models.License | undefined {
  const choice = classifyLicense(declared);
  switch (choice.kind) {
    case 'none':
      return undefined;
    case 'id': {
      const license = new Models.SpdxLicense(choice.id);
      license.acknowledgement = declaredAck;
      return license;
    }
    case 'expression': {
      const license = new Models.LicenseExpression(choice.expression);
      license.acknowledgement = declaredAck;
      return license;
    }
    case 'text': {
      const firstLine = choice.text.split(/\r?\n/, 1)[0]?.trim() ?? '';
      const short = choice.text.length <= MAX_LICENSE_NAME && !choice.text.includes('\n');
      const name = short ? choice.text : `${firstLine.slice(0, MAX_LICENSE_NAME - 1)}…`;
      const license = new Models.NamedLicense(name, {
        acknowledgement: declaredAck,
        ...(short
          ? {}
          : {
              text: new Models.Attachment(choice.text.slice(0, MAX_LICENSE_TEXT), {
                contentType: 'text/plain',
              }),
            }),
      });
      return license;
    }
  }
}

function hashDictionary(hashes: readonly Hash[] | undefined): Models.HashDictionary {
  const dict = new Models.HashDictionary();
  const sorted = [...(hashes ?? [])].sort((a, b) =>
    compareCodePoints(`${a.alg}:${a.value}`, `${b.alg}:${b.value}`),
  );
  for (const h of sorted) {
    const alg = HASH_ALGORITHMS[h.alg.toLowerCase()];
    // The library keeps one digest per algorithm; the first in sorted order is kept.
    if (alg !== undefined && !dict.has(alg)) dict.set(alg, h.value.toLowerCase());
  }
  return dict;
}

/** `vcs` for git sources, `distribution` for URL/hub downloads; local paths are not references. */
function externalReferences(
  source: ComponentSource | undefined,
): Models.ExternalReferenceRepository {
  const refs = new Models.ExternalReferenceRepository();
  if (source?.url === undefined || source.url === '') return refs;
  if (source.type === 'git') {
    refs.add(
      new Models.ExternalReference(
        source.url,
        Enums.ExternalReferenceType.VCS,
        source.commit ? { comment: `commit ${source.commit}` } : {},
      ),
    );
  } else if (source.type === 'url' || source.type === 'hub') {
    refs.add(new Models.ExternalReference(source.url, Enums.ExternalReferenceType.Distribution));
  }
  return refs;
}

/**
 * `licenses` of a component: the declared licence (normalised when it was read exactly, else as
 * written) acknowledged `declared`, the concluded one acknowledged `concluded`. CycloneDX 1.6
 * holds either licences or exactly one expression: when either side is a compound expression
 * only the concluded one (else the declared one) is kept, and the other goes to the
 * `openvet:license:declared` property so nothing is lost.
 */
function licenseChoice(
  declaredRaw: string | undefined,
  license: ComponentLicense | undefined,
): { licenses: Models.LicenseRepository; declaredProperty?: string } {
  const declaredText =
    license?.declared !== undefined && license.declaredConfidence === 'declared'
      ? license.declared
      : declaredRaw;
  const declared = licenseModel(declaredText);
  const concluded =
    license?.concluded === undefined
      ? undefined
      : licenseModel(license.concluded, Enums.LicenseAcknowledgement.Concluded);
  const licenses = new Models.LicenseRepository();
  if (declared !== undefined && concluded !== undefined) {
    const expression =
      declared instanceof Models.LicenseExpression || concluded instanceof Models.LicenseExpression;
    if (expression) {
      licenses.add(concluded);
      const lost = declaredText !== undefined && declaredText !== license?.concluded;
      return { licenses, ...(lost ? { declaredProperty: declaredText } : {}) };
    }
    licenses.add(declared);
    licenses.add(concluded);
    return { licenses };
  }
  const only = concluded ?? declared;
  if (only !== undefined) licenses.add(only);
  return { licenses };
}

function properties(component: Component, declaredProperty?: string): Models.PropertyRepository {
  const list: [string, string][] = [['openvet:scope', component.scope]];
  if (component.groups.length > 0)
    list.push(['openvet:groups', [...component.groups].sort(compareCodePoints).join(',')]);
  if (component.foundBy.length > 0)
    list.push(['openvet:foundBy', [...component.foundBy].sort(compareCodePoints).join(',')]);
  if (component.source !== undefined) {
    list.push(['openvet:source:type', component.source.type]);
    if (component.source.url !== undefined) list.push(['openvet:source:url', component.source.url]);
    if (component.source.commit !== undefined)
      list.push(['openvet:source:commit', component.source.commit]);
  }
  for (const [key, value] of Object.entries(component.properties ?? {}))
    list.push([`openvet:${key}`, value]);
  if (component.license !== undefined)
    list.push(['openvet:license:status', component.license.status]);
  if (declaredProperty !== undefined) list.push(['openvet:license:declared', declaredProperty]);
  list.sort(([a, av], [b, bv]) => compareCodePoints(a, b) || compareCodePoints(av, bv));
  const repo = new Models.PropertyRepository();
  for (const [name, value] of list) repo.add(new Models.Property(name, value));
  return repo;
}

function toModel(component: Component): Models.Component {
  const { name, group } = nameAndGroup(component.ecosystem, component.name);
  const { licenses, declaredProperty } = licenseChoice(
    component.declaredLicense,
    component.license,
  );
  return new Models.Component(cdxType(component.kind), name, {
    bomRef: component.id,
    ...(group !== undefined ? { group } : {}),
    ...(component.version !== undefined ? { version: component.version } : {}),
    ...(component.purl !== undefined ? { purl: component.purl } : {}),
    ...(cdxScope(component.scope) !== undefined ? { scope: cdxScope(component.scope) } : {}),
    hashes: hashDictionary(component.hashes),
    licenses,
    externalReferences: externalReferences(component.source),
    properties: properties(component, declaredProperty),
  });
}

/**
 * The target as `metadata.component`. Its bom-ref is its purl unless a component already uses
 * that id (a workspace root listed in its own lockfile), so refs stay unique and the library's
 * random fallback for duplicate refs never kicks in.
 */
function targetModel(target: Target, usedRefs: ReadonlySet<string>): Models.Component {
  const { name, group } = nameAndGroup(target.ecosystem, target.name);
  const ref =
    target.purl !== undefined && !usedRefs.has(target.purl) ? target.purl : 'openvet:target';
  const { licenses } = licenseChoice(target.declaredLicense, target.license);
  return new Models.Component(Enums.ComponentType.Application, name, {
    bomRef: ref,
    ...(group !== undefined ? { group } : {}),
    ...(target.version !== undefined ? { version: target.version } : {}),
    ...(target.purl !== undefined ? { purl: target.purl } : {}),
    licenses,
  });
}

/** https://osv.dev resolves every id OSV aggregates (GHSA, PYSEC, RUSTSEC, GO, CVE, …). */
function osvUrl(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

/**
 * A rating from an advisory's severity: a level name (with the CVSS score and vector it was
 * computed from, when there is one), or a bare CVSS vector.
 */
function rating(severity: string, score?: number, vector?: string): Models.Vulnerability.Rating {
  const lower = severity.trim().toLowerCase();
  const level = lower === 'moderate' ? 'medium' : lower;
  if (SEVERITIES.has(level)) {
    const method = vector !== undefined ? cvssMethod(vector) : undefined;
    return new Models.Vulnerability.Rating({
      severity: level as Enums.Vulnerability.Severity,
      ...(score !== undefined ? { score } : {}),
      ...(method !== undefined ? { method, vector } : {}),
    });
  }
  const method = cvssMethod(severity);
  if (method !== undefined)
    return new Models.Vulnerability.Rating({ method, vector: severity.trim() });
  return new Models.Vulnerability.Rating({
    severity: Enums.Vulnerability.Severity.Unknown,
    justification: severity.trim(),
  });
}

/** The CycloneDX rating method of a CVSS vector, by its prefix. */
function cvssMethod(vector: string): Enums.Vulnerability.RatingMethod | undefined {
  const methods: [RegExp, Enums.Vulnerability.RatingMethod][] = [
    [/^CVSS:4\.0\//, Enums.Vulnerability.RatingMethod.CVSSv4],
    [/^CVSS:3\.1\//, Enums.Vulnerability.RatingMethod.CVSSv31],
    [/^CVSS:3\.0\//, Enums.Vulnerability.RatingMethod.CVSSv3],
    [/^AV:[LAN]\/AC:[HML]\/Au:/, Enums.Vulnerability.RatingMethod.CVSSv2],
  ];
  return methods.find(([re]) => re.test(vector.trim()))?.[1];
}

/** One vulnerability per advisory id, affecting every component the advisory evidence names. */
function vulnerabilities(
  evidence: readonly AdvisoryEvidence[],
  models: ReadonlyMap<string, Models.Component>,
  components: ReadonlyMap<string, Component>,
  usedRefs: Set<string>,
): Models.Vulnerability.Vulnerability[] {
  const byId = new Map<string, AdvisoryEvidence[]>();
  for (const ev of evidence) {
    if (!models.has(ev.componentId)) continue;
    const list = byId.get(ev.advisoryId) ?? [];
    list.push(ev);
    byId.set(ev.advisoryId, list);
  }
  const result: Models.Vulnerability.Vulnerability[] = [];
  for (const advisoryId of [...byId.keys()].sort(compareCodePoints)) {
    const list = (byId.get(advisoryId) ?? []).sort(
      (a, b) => compareCodePoints(a.componentId, b.componentId) || compareCodePoints(a.id, b.id),
    );
    let ref = `vulnerability:${advisoryId}`;
    for (let n = 2; usedRefs.has(ref); n++) ref = `vulnerability:${advisoryId}:${n}`;
    usedRefs.add(ref);
    const vuln = new Models.Vulnerability.Vulnerability({
      bomRef: ref,
      id: advisoryId,
      source: new Models.Vulnerability.Source({
        name: list[0]?.source ?? 'openvet',
        url: osvUrl(advisoryId),
      }),
    });
    const aliases = [...new Set(list.flatMap((ev) => ev.aliases))]
      .filter((a) => a !== advisoryId)
      .sort(compareCodePoints);
    for (const alias of aliases) {
      vuln.references.add(
        new Models.Vulnerability.Reference(
          alias,
          new Models.Vulnerability.Source({ url: osvUrl(alias) }),
        ),
      );
    }
    // One rating per distinct (severity, vector): the same issue reads the same for every
    // component it affects, so this is normally one.
    const ratings = new Map<string, AdvisoryEvidence>();
    for (const ev of list) {
      if (ev.severity === undefined || ev.severity.trim() === '') continue;
      const key = `${ev.severity}\u0000${ev.vector ?? ''}`;
      if (!ratings.has(key)) ratings.set(key, ev);
    }
    for (const key of [...ratings.keys()].sort(compareCodePoints)) {
      const ev = ratings.get(key) as AdvisoryEvidence;
      vuln.ratings.add(rating(ev.severity as string, ev.score, ev.vector));
    }
    const summary = list.find((ev) => ev.summary !== undefined)?.summary;
    if (summary !== undefined) vuln.description = summary;
    const recommendations: string[] = [];
    const seen = new Set<string>();
    for (const ev of list) {
      if (seen.has(ev.componentId)) continue;
      seen.add(ev.componentId);
      const model = models.get(ev.componentId);
      const component = components.get(ev.componentId);
      if (model === undefined || component === undefined) continue;
      const versions = new Models.Vulnerability.AffectedVersionRepository();
      if (component.version !== undefined) {
        versions.add(
          new Models.Vulnerability.AffectedSingleVersion(component.version, {
            status: Enums.Vulnerability.AffectStatus.Affected,
          }),
        );
      }
      const fixed = list.find(
        (e) => e.componentId === ev.componentId && e.fixed !== undefined,
      )?.fixed;
      if (fixed !== undefined) {
        versions.add(
          new Models.Vulnerability.AffectedSingleVersion(fixed, {
            status: Enums.Vulnerability.AffectStatus.Unaffected,
          }),
        );
        const current = component.version !== undefined ? ` ${component.version}` : '';
        const all = list.find((e) => e.componentId === ev.componentId)?.fixedAll;
        recommendations.push(
          all !== undefined && all !== fixed
            ? `Upgrade ${component.name}${current} to ${fixed} or later (${all} fixes every known issue of it).`
            : `Upgrade ${component.name}${current} to ${fixed} or later.`,
        );
      }
      vuln.affects.add(new Models.Vulnerability.Affect(model.bomRef, { versions }));
    }
    if (recommendations.length > 0) vuln.recommendation = recommendations.join(' ');
    result.push(vuln);
  }
  return result;
}

/** Evidence of a model the ML-BOM fields are built from. */
interface ModelFacts {
  readonly card?: ModelCardEvidence;
  readonly provenance?: ProvenanceEvidence;
}

/** Considerations of the 1.6 modelCard, from the card's sections (their text, bounded). */
const CONSIDERATION_SECTIONS = {
  useCases: 'uses',
  technicalLimitations: 'bias-risks-limitations',
} as const;

/**
 * `modelCard` for a model: model parameters from its properties and card (task, architecture,
 * datasets), quantitative analysis from the card's `model-index` results, considerations from
 * its sections; absent when nothing is known.
 */
function modelCard(
  component: Component,
  components: ReadonlyMap<string, Component>,
  facts: ModelFacts,
): Record<string, unknown> | undefined {
  const props = component.properties ?? {};
  const meta = facts.card?.metadata;
  const params: Record<string, unknown> = {};
  for (const [field, keys] of Object.entries(MODEL_PARAMETER_KEYS)) {
    const key = keys.find((k) => props[k] !== undefined && props[k] !== '');
    if (key !== undefined) params[field] = props[key];
  }
  if (params.task === undefined && meta?.pipelineTag !== undefined) params.task = meta.pipelineTag;
  if (params.architectureFamily === undefined && meta?.modelType !== undefined)
    params.architectureFamily = meta.modelType;
  if (params.modelArchitecture === undefined && meta?.architectures[0] !== undefined)
    params.modelArchitecture = meta.architectures[0];
  const datasetRefs = component.dependsOn
    .filter((id) => components.get(id)?.kind === 'dataset')
    .sort(compareCodePoints);
  const named = new Set(datasetRefs.map((id) => components.get(id)?.name));
  const datasets: Record<string, unknown>[] = datasetRefs.map((ref) => ({ ref }));
  // Card datasets not in the inventory: described inline (`componentData` needs a type).
  for (const name of [...(meta?.datasets ?? [])].sort(compareCodePoints))
    if (!named.has(name)) datasets.push({ type: 'dataset', name });
  if (datasets.length > 0) params.datasets = datasets;
  const card: Record<string, unknown> = {};
  if (Object.keys(params).length > 0) card.modelParameters = params;
  const metrics = (meta?.results ?? []).slice(0, 500).map((r) => ({
    type: r.metric,
    value: String(r.value),
    ...(r.dataset !== undefined || r.task !== undefined
      ? { slice: [r.task, r.dataset].filter((x) => x !== undefined).join(' / ') }
      : {}),
  }));
  if (metrics.length > 0) card.quantitativeAnalysis = { performanceMetrics: metrics };
  const considerations: Record<string, string[]> = {};
  for (const [field, id] of Object.entries(CONSIDERATION_SECTIONS)) {
    const text = facts.card?.sections.find((s) => s.id === id && s.status === 'present')?.text;
    if (text !== undefined && text !== '') considerations[field] = [text];
  }
  if (Object.keys(considerations).length > 0) card.considerations = considerations;
  const properties: { name: string; value: string }[] = [];
  if (facts.card !== undefined) {
    const t = facts.card.transparency;
    properties.push({ name: 'openvet:transparency', value: `${t.present}/${t.expected}` });
    if (t.missing.length > 0)
      properties.push({ name: 'openvet:card-sections-missing', value: t.missing.join(',') });
  }
  if (properties.length > 0) card.properties = properties;
  return Object.keys(card).length > 0 ? card : undefined;
}

/**
 * `pedigree.ancestors` of a model: every ancestor of its `base_model` chain, as a component
 * (`pkg:huggingface` purl, declared licence), with its depth and where the link was resolved.
 */
function pedigree(provenance: ProvenanceEvidence | undefined): Record<string, unknown> | undefined {
  const ancestors = provenance?.ancestors ?? [];
  if (ancestors.length === 0) return undefined;
  return {
    ancestors: ancestors.map((a) => ({
      type: 'machine-learning-model',
      name: a.id,
      ...(/^[^/\s]+\/[^/\s]+$/.test(a.id)
        ? { purl: `pkg:huggingface/${a.id.split('/').map(encodeURIComponent).join('/')}` }
        : {}),
      ...(a.license !== undefined && a.license !== ''
        ? { licenses: [{ license: { name: a.license } }] }
        : {}),
      properties: [
        { name: 'openvet:depth', value: String(a.depth) },
        { name: 'openvet:resolved-from', value: a.resolvedFrom },
        ...(a.relation !== undefined ? [{ name: 'openvet:relation', value: a.relation }] : []),
      ],
    })),
  };
}

/** Locations by path, then line (the core sorts them too; a reporter does not rely on it). */
function sortedLocations(locations: readonly Location[]): Location[] {
  return [...locations].sort(
    (a, b) => compareCodePoints(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0),
  );
}

/** Add the 1.6 fields the library's models lack. Mutates the freshly normalized tree. */
function extend(
  normalized: NormalizedBom,
  components: ReadonlyMap<string, Component>,
  evidence: readonly Evidence[],
): void {
  const facts = new Map<string, { card?: ModelCardEvidence; provenance?: ProvenanceEvidence }>();
  for (const e of evidence) {
    if (e.kind !== 'model-card' && e.kind !== 'provenance') continue;
    const entry = facts.get(e.componentId) ?? {};
    if (e.kind === 'model-card') entry.card ??= e;
    else entry.provenance ??= e;
    facts.set(e.componentId, entry);
  }
  for (const out of normalized.components ?? []) {
    const ref = out['bom-ref'];
    const component = ref === undefined ? undefined : components.get(ref);
    if (component === undefined) continue;
    const extra = out as NormalizedComponent & Record<string, unknown>;
    if (component.locations.length > 0) {
      extra.evidence = {
        ...(out.evidence ?? {}),
        occurrences: sortedLocations(component.locations).map((l) =>
          l.line !== undefined ? { location: l.path, line: l.line } : { location: l.path },
        ),
      } as NormalizedComponent['evidence'];
    }
    if (component.kind === 'model') {
      const known = facts.get(component.id) ?? {};
      const card = modelCard(component, components, known);
      if (card !== undefined) extra.modelCard = card;
      const lineage = pedigree(known.provenance);
      if (lineage !== undefined) extra.pedigree = lineage;
    } else if (component.kind === 'dataset') {
      // "SHOULD be specified for any component of type `data`".
      extra.data = [{ type: 'dataset', name: component.name }];
    }
  }
}

const normalizerFactory = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6);

/** Build the library's Bom model for a result. */
export function buildBom(result: ScanResult): {
  bom: Models.Bom;
  components: ReadonlyMap<string, Component>;
} {
  const sorted = [...result.components].sort((a, b) => compareCodePoints(a.id, b.id));
  const components = new Map(sorted.map((c) => [c.id, c]));
  const usedRefs = new Set(components.keys());

  const bom = new Models.Bom({ serialNumber: `urn:uuid:${documentUuid(result)}` });
  const startedAt = new Date(result.startedAt);
  if (!Number.isNaN(startedAt.getTime())) bom.metadata.timestamp = startedAt;
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, result.tool.name, {
      version: result.tool.version,
    }),
  );

  const models = new Map<string, Models.Component>();
  for (const component of sorted) {
    const model = toModel(component);
    models.set(component.id, model);
    bom.components.add(model);
  }
  for (const component of sorted) {
    const model = models.get(component.id);
    for (const dep of [...component.dependsOn].sort(compareCodePoints)) {
      const target = models.get(dep);
      if (model !== undefined && target !== undefined) model.dependencies.add(target.bomRef);
    }
  }

  const root = targetModel(result.target, usedRefs);
  usedRefs.add(root.bomRef.value ?? '');
  for (const dep of [...result.target.dependsOn].sort(compareCodePoints)) {
    const target = models.get(dep);
    if (target !== undefined) root.dependencies.add(target.bomRef);
  }
  bom.metadata.component = root;

  const advisories = result.evidence.filter((e): e is AdvisoryEvidence => e.kind === 'advisory');
  for (const v of vulnerabilities(advisories, models, components, usedRefs))
    bom.vulnerabilities.add(v);
  return { bom, components };
}

/**
 * Render a result as CycloneDX 1.6 JSON.
 *
 * The normalizer is called directly rather than through `Serialize.JsonSerializer`: the
 * serializer is exactly "make bom-refs unique + this normalizer + JSON.stringify", but we must
 * add fields to the normalized tree before stringifying, and its bom-ref fallback uses
 * Math.random (we guarantee unique refs ourselves instead). `sortLists` stays off because the
 * library sorts with `localeCompare`, which depends on the machine's locale; every list is
 * inserted in code-point order instead, so the same result gives the same bytes everywhere.
 */
function render(result: ScanResult): string {
  const { bom, components } = buildBom(result);
  const normalized = normalizerFactory.makeForBom().normalize(bom, { sortLists: false });
  extend(normalized, components, result.evidence);
  addFindings(normalized, result);
  return `${JSON.stringify(normalized, null, 2)}\n`;
}

/**
 * Policy findings and the verdict: each finding is a 1.6 `annotation` on the component it is
 * about (the target when it is about none), made by openvet, with its rule, severity, message
 * and fingerprint; the verdict is an `openvet:verdict` property of the BOM's metadata.
 */
function addFindings(normalized: NormalizedBom, result: ScanResult): void {
  const out = normalized as NormalizedBom & Record<string, unknown>;
  const target = normalized.metadata?.component?.['bom-ref'];
  const refs = new Set((normalized.components ?? []).map((c) => c['bom-ref']));
  const timestamp = normalized.metadata?.timestamp ?? result.startedAt;
  const annotator = {
    component: { type: 'application', name: result.tool.name, version: result.tool.version },
  };
  const seen = new Set<string>();
  const annotations = result.findings.flatMap((f) => {
    if (seen.has(f.fingerprint)) return [];
    seen.add(f.fingerprint);
    const subject = f.componentId !== undefined && refs.has(f.componentId) ? f.componentId : target;
    if (subject === undefined) return [];
    return [
      {
        'bom-ref': `openvet:finding:${f.fingerprint}`,
        subjects: [subject],
        annotator,
        timestamp,
        text: `[${f.severity}] ${f.ruleId}: ${f.message} (fingerprint ${f.fingerprint})`,
      },
    ];
  });
  if (annotations.length > 0) out.annotations = annotations;
  const metadata = normalized.metadata as
    (typeof normalized.metadata & Record<string, unknown>) | undefined;
  if (metadata !== undefined) {
    const properties = (metadata.properties ?? []) as { name: string; value: string }[];
    metadata.properties = [
      ...properties,
      { name: 'openvet:verdict', value: result.verdict.status },
      { name: 'openvet:verdict:summary', value: result.verdict.summary },
    ] as typeof metadata.properties;
  }
}

export const reporter = { name: 'cyclonedx', render } satisfies Reporter;
