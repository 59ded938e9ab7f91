/**
 * The MOF evaluation, following the Model Openness Tool's `ModelEvaluator` (lfai/
 * model_openness_tool, web/modules/mof/src/ModelEvaluator.php) step for step, so classes and
 * percentages are the MOT's own:
 *
 * 1. A component's licence is its own `license`, else the global licence for its content type,
 *    else the global `distribution` licence (`resolveLicense`). A component declared with
 *    `license: unlicensed` (or empty) has none and does NOT fall back to the global ones.
 * 2. A declared component with an open licence (FSF-libre, open-data list or OSI-approved) is
 *    "included"; with no licence "unlicensed"; otherwise "invalid". Undeclared required
 *    components are "missing". Optional components never count.
 * 3. The technical report may be left out when a research paper is declared: it is then no
 *    longer missing, and the research paper counts for classes II and III in its place.
 * 4. Progress of class N: count, from class III down to N, the required components of the
 *    classes so far and those included; stop at the first class not fully met, and if that
 *    is above N the progress of N is 0. Class I needs one component fewer when the research
 *    paper stands in for the technical report. Capped at 100.
 * 5. The class is the most open one whose progress is exactly 100.
 */
import { correctName, isSpdxLicenseId } from '../../license/declared/spdx.js';
import {
  FSF_LIBRE,
  MOF_CLASS_LABELS,
  MOF_COMPONENTS,
  OPEN_DATA,
  OSI_APPROVED,
  RESEARCH_PAPER_ID,
  TECHNICAL_REPORT_ID,
  TYPE_APPROPRIATE,
  type MofClassNumber,
  type MofComponentDef,
  type MofContentType,
} from './mof-data.js';
import type {
  MofClassName,
  MofComponentReport,
  MofComponentStatus,
  MofDeclaration,
  MofDeclaredComponent,
  MofEvaluation,
  MofLicenseSource,
  MofOpenBasis,
  MofProgress,
  OpennessMode,
} from './types.js';

const CLASS_NAMES: Readonly<Record<MofClassNumber, MofClassName>> = { 1: 'I', 2: 'II', 3: 'III' };

/** Why the framework counts a licence id as open (empty: it does not). Exact-case ids. */
export function mofOpenBasis(license: string): readonly MofOpenBasis[] {
  const basis: MofOpenBasis[] = [];
  if (OSI_APPROVED.has(license)) basis.push('osi-approved');
  if (FSF_LIBRE.has(license)) basis.push('fsf-libre');
  if (OPEN_DATA.has(license)) basis.push('open-data');
  return basis;
}

/** Whether the framework lists `license` as appropriate for `type` (code, data, document). */
export function isTypeAppropriate(license: string, type: MofContentType): boolean {
  return TYPE_APPROPRIATE[type].has(license);
}

// PHP's `empty()` / `?:` on strings: '' and '0' are false. The MOT tests licence names so.
function phpEmpty(value: string | null | undefined): value is null | undefined | '' | '0' {
  return value === null || value === undefined || value === '' || value === '0';
}

interface Resolved {
  readonly license: string | null;
  readonly source: MofLicenseSource | null;
}

function resolveLicense(
  def: MofComponentDef,
  declared: MofDeclaredComponent,
  decl: MofDeclaration,
): Resolved {
  // `isset($component_license['license'])`: a declared licence, even an empty one, wins.
  if (declared.license !== undefined && declared.license !== null) {
    const own = declared.license === 'unlicensed' ? '' : declared.license;
    return phpEmpty(own) ? { license: null, source: null } : { license: own, source: 'component' };
  }
  const typed = decl.license[def.contentType]?.name;
  if (!phpEmpty(typed)) return { license: typed, source: 'global-type' };
  const distribution = decl.license.distribution?.name;
  if (!phpEmpty(distribution)) return { license: distribution, source: 'global-distribution' };
  return { license: null, source: null };
}

type Status = 'included' | 'invalid' | 'unlicensed' | 'missing';

interface Row {
  readonly def: MofComponentDef;
  readonly declared: MofDeclaredComponent | undefined;
  readonly resolved: Resolved;
  readonly basis: readonly MofOpenBasis[];
  readonly status: Status;
}

/** Options of `evaluateMof`. */
export interface EvaluateOptions {
  /** How to word absence (see `OpennessMode`); `declaration` by default. */
  readonly mode?: OpennessMode;
}

/** Evaluate a MOF declaration: class, progress per class, and the 17 components. */
export function evaluateMof(decl: MofDeclaration, options: EvaluateOptions = {}): MofEvaluation {
  const mode = options.mode ?? 'declaration';
  const byName = new Map(MOF_COMPONENTS.map((def) => [def.name, def]));
  // A component listed twice: the MOT merges the entries field by field, later ones winning.
  const declared = new Map<number, MofDeclaredComponent>();
  for (const entry of decl.components) {
    const def = byName.get(entry.name);
    if (def === undefined) continue; // validated away by parseMofDeclaration
    const before = declared.get(def.id);
    declared.set(def.id, before === undefined ? entry : mergeDeclared(before, entry));
  }

  const rows = new Map<number, Row>();
  for (const def of MOF_COMPONENTS) {
    const entry = declared.get(def.id);
    const resolved: Resolved =
      entry === undefined ? { license: null, source: null } : resolveLicense(def, entry, decl);
    // In the MOT a missing licence becomes the string 'unlicensed' before the open test.
    const basis = mofOpenBasis(resolved.license ?? 'unlicensed');
    let status: Status;
    if (entry === undefined) status = 'missing';
    else if (basis.length > 0) status = 'included';
    else if (resolved.license === null || resolved.license === 'unlicensed') status = 'unlicensed';
    else status = 'invalid';
    rows.set(def.id, { def, declared: entry, resolved, basis, status });
  }
  const statusOf = (id: number): Status => rows.get(id)?.status ?? 'missing';

  // The research paper may stand in for the technical report (MOF: "MAY be omitted").
  const researchPaper = statusOf(RESEARCH_PAPER_ID);
  const substituted = statusOf(TECHNICAL_REPORT_ID) !== 'included' && researchPaper !== 'missing';

  const requiredOf = (cls: MofClassNumber): readonly MofComponentDef[] =>
    MOF_COMPONENTS.filter((def) => def.required && def.class === cls);
  /** Included required components of classes >= cls, as the MOT's `included` list counts them. */
  const includedFrom = (cls: MofClassNumber): number => {
    let n = MOF_COMPONENTS.filter(
      (def) => def.required && def.class >= cls && statusOf(def.id) === 'included',
    ).length;
    // The stand-in research paper is added to the lists of classes II and III.
    if (substituted && researchPaper === 'included' && cls >= 2) n += 1;
    return n;
  };

  const progressOf = (cls: MofClassNumber): number => {
    let total = 0;
    let included = 0;
    let i = 3;
    for (; i >= cls; i--) {
      total += requiredOf(i as MofClassNumber).length;
      included = includedFrom(i as MofClassNumber);
      if (included < total) break; // the MOT stops at the first class not met
    }
    if (i > cls) return 0;
    if (
      cls === 1 &&
      statusOf(TECHNICAL_REPORT_ID) !== 'included' &&
      statusOf(RESEARCH_PAPER_ID) === 'included'
    )
      total -= 1;
    return Math.min((included / total) * 100, 100);
  };

  const exact: MofProgress = { I: progressOf(1), II: progressOf(2), III: progressOf(3) };
  let classNumber: 0 | MofClassNumber = 0;
  for (const cls of [3, 2, 1] as const) if (exact[CLASS_NAMES[cls]] === 100) classNumber = cls;

  const components = MOF_COMPONENTS.map((def) => {
    const row = rows.get(def.id) as Row;
    return report(row, mode, def.id === TECHNICAL_REPORT_ID && substituted);
  });
  const warnings = components
    .filter((c) => c.licenseOpen && !c.typeAppropriate && c.license !== null)
    .map(
      (c) =>
        `${c.name}: ${c.license} is open, but not a licence the MOF lists for ${c.contentType} (${[...TYPE_APPROPRIATE[c.contentType]].slice(0, 4).join(', ')}, …)`,
    );

  return {
    name: decl.name,
    class: classNumber === 0 ? null : CLASS_NAMES[classNumber],
    label: MOF_CLASS_LABELS[classNumber],
    progress: { I: phpRound(exact.I), II: phpRound(exact.II), III: phpRound(exact.III) },
    progressExact: exact,
    components,
    warnings,
  };
}

/** PHP `round()` to an integer: half away from zero (progress is never negative). */
function phpRound(value: number): number {
  return Math.floor(value + 0.5);
}

function mergeDeclared(a: MofDeclaredComponent, b: MofDeclaredComponent): MofDeclaredComponent {
  return {
    ...a,
    ...Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)),
  };
}

function requiredFor(def: MofComponentDef): readonly MofClassName[] {
  if (!def.required) return [];
  return ([3, 2, 1] as const).filter((cls) => cls <= def.class).map((cls) => CLASS_NAMES[cls]);
}

function report(row: Row, mode: OpennessMode, standIn: boolean): MofComponentReport {
  const { def, resolved, basis } = row;
  let status: MofComponentStatus;
  if (row.status === 'missing')
    status = standIn ? 'substituted' : def.required ? 'missing' : 'not-declared';
  else if (row.status === 'included') status = 'open';
  else status = row.status === 'unlicensed' ? 'unlicensed' : 'not-open';
  const license = resolved.license === 'unlicensed' ? null : resolved.license;
  return {
    id: def.id,
    key: def.key,
    name: def.name,
    contentType: def.contentType,
    class: def.class,
    required: def.required,
    requiredFor: requiredFor(def),
    present: row.declared !== undefined,
    license,
    licenseSource: license === null ? null : resolved.source,
    licenseOpen: basis.length > 0,
    openBasis: basis,
    typeAppropriate:
      license !== null && basis.length > 0 && isTypeAppropriate(license, def.contentType),
    status,
    reason:
      reasonFor(def, status, license, resolved.source, basis, mode) +
      (standIn && status !== 'substituted' && status !== 'open'
        ? '; the research paper stands in for it'
        : ''),
    ...(row.declared?.evidence !== undefined && { evidence: row.declared.evidence }),
  };
}

const BASIS_WORDS: Readonly<Record<MofOpenBasis, string>> = {
  'osi-approved': 'OSI-approved',
  'fsf-libre': 'FSF-libre',
  'open-data': 'an open-data licence',
};

const SOURCE_WORDS: Readonly<Record<MofLicenseSource, string>> = {
  component: 'its own licence',
  'global-type': 'the global licence for',
  'global-distribution': 'the global distribution licence',
};

function reasonFor(
  def: MofComponentDef,
  status: MofComponentStatus,
  license: string | null,
  source: MofLicenseSource | null,
  basis: readonly MofOpenBasis[],
  mode: OpennessMode,
): string {
  const counts = def.required
    ? `counts towards class ${requiredFor(def).join(', ')}`
    : 'optional: never counts towards a class';
  const from =
    source === null
      ? ''
      : source === 'global-type'
        ? ` (${SOURCE_WORDS[source]} ${def.contentType})`
        : ` (${SOURCE_WORDS[source]})`;
  switch (status) {
    case 'open':
      return `${license}${from} is ${basis.map((b) => BASIS_WORDS[b]).join(' and ')}; ${counts}`;
    case 'not-open':
      return `${license}${from} ${notOpenWhy(license ?? '')}; ${def.required ? `does not count towards class ${requiredFor(def).join(', ')}` : 'optional'}`;
    case 'unlicensed':
      return mode === 'declaration'
        ? `declared without a licence, and no global licence applies; ${def.required ? 'does not count' : 'optional'}`
        : `found, but no licence is known for it; ${def.required ? 'does not count' : 'optional'}`;
    case 'missing':
      return mode === 'declaration'
        ? `not declared; needed for class ${requiredFor(def).join(', ')}`
        : `no evidence found; needed for class ${requiredFor(def).join(', ')}`;
    case 'substituted':
      return 'not declared; the research paper stands in for it (the MOF allows either)';
    case 'not-declared':
      return mode === 'declaration' ? 'not declared (optional)' : 'no evidence found (optional)';
  }
}

function notOpenWhy(license: string): string {
  const lists = 'not OSI-approved, FSF-libre or on the MOF open-data list';
  if (isSpdxLicenseId(license))
    return `is an SPDX licence the MOF does not count as open (${lists})`;
  const correction = correctName(license);
  if (correction.kind === 'id' && mofOpenBasis(correction.id).length > 0)
    return `is not an SPDX licence id (the MOF matches ids exactly: did you mean ${correction.id}?)`;
  return `is not a licence the MOF counts as open (${lists})`;
}
