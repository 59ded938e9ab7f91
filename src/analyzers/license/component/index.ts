/**
 * `license/component`: gives every component (and the scanned project) its declared, detected
 * and concluded licence. Declared statements come from the inventory's declared-licence
 * evidence; detected licences from the licence files in the component's own folders on disk
 * (see files.ts), each identified once however many components share it; the rule that
 * concludes is in conclude.ts. Files are read through the ScanFs only, bounded in size.
 */
import type {
  AnalyzeResult,
  Analyzer,
  AnalyzerError,
  ComponentUpdate,
} from '../../../core/analyzer.js';
import { joinRel, type ScanFs } from '../../../core/fs.js';
import { shortHash } from '../../../core/inventory.js';
import type {
  Component,
  ComponentLicense,
  Evidence,
  LicenseEvidence,
  LicenseMismatchEvidence,
  LicenseMismatchSide,
  Location,
} from '../../../core/types.js';
import { identifyLicenses, type LicenseMatch } from '../identify.js';
import { conclude, type DeclaredInput, type DetectedInput, type Side } from './conclude.js';
import { componentDirs, isReadmeName, licenseFiles, type LicenseDir } from './files.js';
import { mapPool } from '../../../core/pool.js';

/** Only this much of a licence file is read (licence texts are far shorter; NOTICE files of big bundles are not). */
export const MAX_LICENSE_FILE_BYTES = 256 * 1024;
/** Most distinct files read in one scan. */
export const MAX_FILES_PER_SCAN = 20_000;
/** Components analysed at once. */
const CONCURRENCY = 8;

const NAME = 'license/component';

interface FileResult {
  readonly matches: readonly LicenseMatch[];
  readonly error?: string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A model card's YAML front matter blanked out, line numbers kept: its `license:` is the
 * declared statement, already read as such; found again in the text it would "confirm" itself.
 */
export function blankFrontMatter(text: string): string {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return text;
  const end = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(l));
  if (end < 0) return text;
  return [...lines.slice(0, end + 1).map(() => ''), ...lines.slice(end + 1)].join('\n');
}

/** Reads and identifies each distinct file once (by its real path), however many components share it. */
function createReader(fs: ScanFs): {
  read(file: string): Promise<FileResult>;
  readonly count: () => number;
} {
  const cache = new Map<string, Promise<FileResult>>();
  async function identify(file: string): Promise<FileResult> {
    try {
      const bytes = await fs.readBytes(file, 0, MAX_LICENSE_FILE_BYTES);
      if (bytes.includes(0)) return { matches: [] }; // binary, not a licence text
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      const fileName = file.slice(file.lastIndexOf('/') + 1);
      const body = isReadmeName(fileName) ? blankFrontMatter(text) : text;
      // (The path: a REUSE LICENSES/ file's folder and name say which licence it is.)
      return { matches: identifyLicenses(body, { fileName: file }) };
    } catch (error) {
      return {
        matches: [],
        error: `${file}: could not be read for licence identification (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }
  return {
    async read(file) {
      const real = (await fs.resolve(file)) ?? file;
      let result = cache.get(real);
      if (result === undefined) {
        if (cache.size >= MAX_FILES_PER_SCAN) {
          return {
            matches: [],
            error: `${file}: not read, the scan already read ${MAX_FILES_PER_SCAN} licence files`,
          };
        }
        result = identify(real);
        cache.set(real, result);
      }
      return result;
    },
    count: () => cache.size,
  };
}

function declaredOf(component: string, evidence: readonly Evidence[]): DeclaredInput[] {
  return evidence
    .filter(
      (e): e is LicenseEvidence =>
        e.kind === 'license' &&
        e.componentId === component &&
        (e.role === 'declared' || (e.role === undefined && e.confidence === 'declared')),
    )
    .map((e) => ({
      statement: {
        value: e.expression,
        kind: e.statedAs ?? 'spdx-field',
        ...(e.licenseName !== undefined ? { name: e.licenseName } : {}),
        ...(e.licenseLink !== undefined ? { link: e.licenseLink } : {}),
      },
      evidenceId: e.id,
      ...(e.location !== undefined ? { path: e.location.path } : {}),
      ...(e.location?.line !== undefined ? { line: e.location.line } : {}),
    }));
}

async function detect(
  reader: ReturnType<typeof createReader>,
  fs: ScanFs,
  dirs: readonly LicenseDir[],
  errors: AnalyzerError[],
  componentId: string | undefined,
): Promise<DetectedInput[]> {
  const files = await licenseFiles(fs, dirs);
  const detected: DetectedInput[] = [];
  for (const file of files) {
    const result = await reader.read(file);
    if (result.error !== undefined) {
      errors.push({ path: file, message: result.error, ...(componentId ? { componentId } : {}) });
    }
    for (const match of result.matches) detected.push({ file, match });
  }
  detected.push(...(await readmeChoice(reader, fs, dirs, detected)));
  return detected;
}

/**
 * A package's README stating a choice among the licences its licence files hold ("Licensed
 * under either of … at your option" over LICENSE-APACHE and LICENSE-MIT): that statement, so
 * that the conclusion is the choice rather than all of them. Nothing else a package README says
 * is taken as the package's licence (models read theirs whole: componentDirs).
 */
async function readmeChoice(
  reader: ReturnType<typeof createReader>,
  fs: ScanFs,
  dirs: readonly LicenseDir[],
  detected: readonly DetectedInput[],
): Promise<DetectedInput[]> {
  const ids = new Set(
    detected.filter((d) => d.match.confidence !== 'medium').map((d) => d.match.license),
  );
  if (ids.size < 2 || [...ids].some((id) => /[()]|\sOR\s/.test(id))) return [];
  for (const d of dirs) {
    if (d.readme || d.all === true) continue;
    for (const entry of await fs.readdir(d.dir)) {
      if (entry.type !== 'file' || !isReadmeName(entry.name)) continue;
      const file = joinRel(d.dir, entry.name);
      const { matches } = await reader.read(file);
      const choice = matches.find(
        (m) =>
          m.confidence !== 'medium' &&
          !/[()]/.test(m.license) &&
          [...ids].every((id) => m.license.split(/\s+OR\s+/).includes(id)),
      );
      if (choice !== undefined) return [{ file, match: choice }];
    }
  }
  return [];
}

function location(side: Side): Location | undefined {
  if (side.path === undefined) return undefined;
  return {
    path: side.path,
    ...(side.line !== undefined ? { line: side.line } : {}),
    ...(side.endLine !== undefined && side.endLine !== side.line ? { endLine: side.endLine } : {}),
  };
}

function toSide(side: Side): LicenseMismatchSide {
  const where = location(side);
  return {
    expression: side.expression,
    confidence: side.confidence,
    ...(where !== undefined ? { location: where } : {}),
  };
}

function describe(side: Side): string {
  const where = location(side);
  if (where === undefined) return side.expression;
  const lines =
    where.line === undefined
      ? ''
      : `:${where.line}${where.endLine !== undefined ? `-${where.endLine}` : ''}`;
  return `${side.expression} (${where.path}${lines}, ${side.confidence})`;
}

/** The evidence and the licence summary of one component. */
export function componentEvidence(
  component: Component,
  declared: readonly DeclaredInput[],
  detected: readonly DetectedInput[],
  looked = true,
): { license: ComponentLicense; evidence: Evidence[] } {
  const conclusion = conclude(declared, detected, looked);
  const evidence: Evidence[] = [];
  for (const { file, match } of detected) {
    const where: Location = {
      path: file,
      line: match.startLine,
      ...(match.endLine !== match.startLine ? { endLine: match.endLine } : {}),
    };
    evidence.push({
      id: `license:${shortHash(component.id, NAME, file, match.license, String(match.startLine), String(match.endLine))}`,
      kind: 'license',
      componentId: component.id,
      source: NAME,
      confidence: match.confidence,
      expression: match.license,
      role: 'detected',
      score: Math.round(match.score * 1000) / 1000,
      ...(match.via !== undefined ? { via: match.via } : {}),
      ...(match.sameText !== undefined && match.sameText.length > 0
        ? { sameText: [...match.sameText].sort(compare) }
        : {}),
      ...(match.reason !== undefined ? { reason: match.reason } : {}),
      location: where,
    });
  }
  const { license } = conclusion;
  if (license.concluded !== undefined) {
    evidence.push({
      id: `license:${shortHash(component.id, NAME, 'concluded', license.concluded)}`,
      kind: 'license',
      componentId: component.id,
      source: NAME,
      confidence: conclusion.confidence ?? 'declared',
      expression: license.concluded,
      role: 'concluded',
      ...(license.reason !== undefined ? { reason: license.reason } : {}),
    });
  }
  if (conclusion.mismatch !== undefined) {
    const { declared: d, detected: t } = conclusion.mismatch;
    const mismatch: LicenseMismatchEvidence = {
      id: `license-mismatch:${shortHash(component.id, NAME, ...t.map(describe))}`,
      kind: 'license-mismatch',
      componentId: component.id,
      source: NAME,
      confidence: t.some((s) => s.confidence === 'high') ? 'high' : 'exact',
      declared: d.map(toSide),
      detected: t.map(toSide),
      message: `declared ${d.map(describe).join(', ')} but found ${t.map(describe).join(', ')}`,
      ...(d[0] !== undefined && location(d[0]) !== undefined ? { location: location(d[0]) } : {}),
    };
    evidence.push(mismatch);
  }
  return { license, evidence };
}

/** The licence analyzer. */
export const analyzer = {
  name: NAME,
  requiresNetwork: false,
  async analyze(input): Promise<AnalyzeResult> {
    const { fs } = input;
    const reader = createReader(fs);
    const errors: AnalyzerError[] = [];
    const evidence: Evidence[] = [];
    const updates = await mapPool(
      input.components,
      CONCURRENCY,
      async (component): Promise<ComponentUpdate> => {
        const declared = declaredOf(component.id, input.evidence);
        let detected: DetectedInput[] = [];
        let looked = false;
        try {
          const dirs = await componentDirs(fs, component);
          looked = dirs.length > 0;
          detected = await detect(reader, fs, dirs, errors, component.id);
        } catch (error) {
          errors.push({
            path: component.locations[0]?.path ?? '.',
            componentId: component.id,
            message: `licence files of ${component.id} could not be listed (${error instanceof Error ? error.message : String(error)})`,
          });
        }
        const result = componentEvidence(component, declared, detected, looked);
        evidence.push(...result.evidence);
        return { id: component.id, license: result.license };
      },
    );
    // The project itself: its manifest's licence and the licence files at the scan root.
    let targetLicense: ComponentLicense | undefined;
    if (input.target.type === 'directory') {
      const declared: DeclaredInput[] =
        input.target.declaredLicense !== undefined
          ? [{ statement: { value: input.target.declaredLicense, kind: 'spdx-field' } }]
          : [];
      const detected = await detect(
        reader,
        fs,
        [{ dir: '', readme: false, reuse: true }],
        errors,
        undefined,
      );
      if (declared.length > 0 || detected.length > 0)
        targetLicense = conclude(declared, detected).license;
    }
    errors.sort((a, b) => compare(`${a.path}\0${a.message}`, `${b.path}\0${b.message}`));
    return {
      evidence,
      componentUpdates: updates,
      ...(targetLicense !== undefined ? { targetUpdate: { license: targetLicense } } : {}),
      errors,
      filesRead: reader.count(),
    };
  },
} satisfies Analyzer;
