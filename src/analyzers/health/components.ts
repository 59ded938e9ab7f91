/**
 * `health` in `openvet scan --health`: health evidence per component. What the installed
 * package itself shows (npm: install scripts, native code, minified and obfuscated files,
 * deprecation, repository; PyPI: repository, inactive classifier, native modules, console
 * scripts; the lockfile's `hasInstallScript`/`deprecated` flags when nothing is installed), and
 * the history of its project where a local clone is at hand: `--repos DIR` maps components to
 * the clones in DIR by repository URL, and a model folder that is itself a git clone (Hugging
 * Face repositories are) is analysed in place. History analysis is `openvet health`'s.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Analyzer, AnalyzeInput, AnalyzeResult, AnalyzerError } from '../../core/analyzer.js';
import { describeError } from '../../core/errors.js';
import { mapPool } from '../../core/pool.js';
import type { Component, HealthEvidence } from '../../core/types.js';
import { runGit } from './git.js';
import { analyzeRepository, type HealthReport } from './index.js';
import { inspectNpmPackage, repositoryUrl } from './packages/npm.js';
import { inspectDistribution } from './packages/pypi.js';

/** Options of {@link createHealthAnalyzer}. */
export interface HealthAnalyzerOptions {
  /** Directory holding local clones (one level deep, or `owner/repo` two levels). */
  readonly repos?: string;
  /** The date history is judged at (the scan's clock). */
  readonly asOf: Date;
}

/** Most clones looked at in `--repos DIR`. */
export const MAX_CLONES = 2000;
const CONCURRENCY = 4;

const NPM_MANIFEST = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/;
const DIST_INFO = /(?:^|\/)[^/]+\.dist-info\/METADATA$/;

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() === true;
}

/** A git repository's origin as a browse URL, when it has one a code host understands. */
async function originOf(dir: string): Promise<string | undefined> {
  try {
    const url = (await runGit(dir, ['config', '--get', 'remote.origin.url'], { maxBytes: 4096 }))
      .toString('utf8')
      .trim();
    return repositoryUrl(url).url?.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Browse URL (lower case) → clone directory, for the clones directly in `root` or one below. */
export async function indexClones(root: string): Promise<Map<string, string>> {
  const clones = new Map<string, string>();
  const candidates: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (candidates.length >= MAX_CLONES) return;
    const isRepo =
      (await isDir(path.join(dir, '.git'))) ||
      ((await isDir(path.join(dir, 'objects'))) && (await isDir(path.join(dir, 'refs'))));
    if (isRepo) {
      candidates.push(dir);
      return;
    }
    if (depth >= 2) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1)))
      if (e.isDirectory() && !e.name.startsWith('.'))
        await visit(path.join(dir, e.name), depth + 1);
  };
  await visit(root, 0);
  await mapPool(candidates, CONCURRENCY, async (dir) => {
    const url = await originOf(dir);
    if (url !== undefined && !clones.has(url)) clones.set(url, dir);
  });
  return clones;
}

function packageDir(component: Component, pattern: RegExp): string | undefined {
  const hit = component.locations.find((l) => pattern.test(l.path));
  return hit === undefined ? undefined : path.posix.dirname(hit.path);
}

/** Health evidence fields from a repository report. */
function fromReport(report: HealthReport, clone: string): Partial<HealthEvidence> {
  return {
    ...(report.score !== null ? { score: report.score } : {}),
    clone,
    scoreConfidence: report.confidence,
    dimensions: Object.fromEntries(Object.entries(report.dimensions).map(([k, d]) => [k, d.score])),
    flags: report.flags.map((f) => f.id).sort(),
  };
}

/** One sentence for the table and the HTML report. */
function describe(e: Omit<HealthEvidence, 'detail'>): string {
  const parts: string[] = [];
  if (e.score !== undefined) parts.push(`health ${e.score}/10`);
  if ((e.flags ?? []).length > 0) parts.push(`flags: ${(e.flags ?? []).join(', ')}`);
  const p = e.package;
  if (p?.installScripts !== undefined && Object.keys(p.installScripts).length > 0)
    parts.push(`install scripts: ${Object.keys(p.installScripts).join(', ')}`);
  if ((p?.obfuscated ?? []).length > 0) parts.push(`${p?.obfuscated?.length} obfuscated file(s)`);
  if ((p?.nativeCode ?? []).length > 0) parts.push('native code');
  if (p?.deprecated !== undefined) parts.push(`deprecated: ${p.deprecated}`);
  if (p?.inactive === true) parts.push('declared inactive');
  if (parts.length === 0) parts.push('nothing of note');
  return parts.join('; ');
}

/** The `health` analyzer of `openvet scan --health`. */
export function createHealthAnalyzer(options: HealthAnalyzerOptions): Analyzer {
  async function analyze(input: AnalyzeInput): Promise<AnalyzeResult> {
    const errors: AnalyzerError[] = [];
    const clones =
      options.repos === undefined ? new Map<string, string>() : await indexClones(options.repos);
    const reports = new Map<string, Promise<HealthReport | undefined>>();
    const reportOf = (dir: string, componentId: string): Promise<HealthReport | undefined> => {
      let pending = reports.get(dir);
      if (pending === undefined) {
        pending = analyzeRepository(dir, { asOf: options.asOf }).catch((error: unknown) => {
          errors.push({ path: dir, componentId, message: describeError(error) });
          return undefined;
        });
        reports.set(dir, pending);
      }
      return pending;
    };
    let filesRead = 0;
    const evidence = await mapPool(
      input.components,
      CONCURRENCY,
      async (component): Promise<HealthEvidence | undefined> => {
        const found: Omit<HealthEvidence, 'detail'> & { package?: HealthEvidence['package'] } = {
          kind: 'health',
          id: `health:${component.id}`,
          componentId: component.id,
          source: 'health',
          confidence: 'high',
        };
        let repository: string | undefined;
        let pkg: NonNullable<HealthEvidence['package']> | undefined;
        const props = component.properties ?? {};
        try {
          const npmDir =
            component.ecosystem === 'npm' ? packageDir(component, NPM_MANIFEST) : undefined;
          const distInfo =
            component.ecosystem === 'PyPI' ? packageDir(component, DIST_INFO) : undefined;
          if (npmDir !== undefined) {
            const traits = await inspectNpmPackage(input.fs, npmDir);
            filesRead += traits.files;
            repository = traits.repository;
            pkg = {
              installScripts: traits.installScripts,
              nativeCode: traits.nativeCode,
              minifiedFiles: traits.minified.length,
              obfuscated: traits.obfuscated.map((o) => o.file),
              ...(traits.deprecated !== undefined ? { deprecated: traits.deprecated } : {}),
            };
          } else if (distInfo !== undefined) {
            const traits = await inspectDistribution(input.fs, distInfo);
            filesRead += 1;
            repository = traits.repository;
            pkg = {
              nativeCode: traits.nativeCode,
              inactive: traits.inactive,
              commands: traits.commands,
            };
          }
        } catch (error) {
          errors.push({
            path: component.locations[0]?.path ?? '.',
            componentId: component.id,
            message: describeError(error),
          });
        }
        // The lockfile's own flags, when the installed package said nothing.
        if (
          pkg === undefined &&
          (props['npm:hasInstallScript'] !== undefined || props['npm:deprecated'] !== undefined)
        ) {
          pkg = {
            ...(props['npm:hasInstallScript'] === 'true'
              ? { installScripts: { install: '(the lockfile records an install script)' } }
              : {}),
            ...(props['npm:deprecated'] !== undefined
              ? { deprecated: props['npm:deprecated'] }
              : {}),
          };
        }
        let report: Partial<HealthEvidence> = {};
        const clone = repository === undefined ? undefined : clones.get(repository.toLowerCase());
        if (clone !== undefined) {
          const r = await reportOf(clone, component.id);
          if (r !== undefined) report = fromReport(r, clone);
        } else if (component.kind === 'model') {
          const folder = component.locations.find((l) => !input.allPaths.has(l.path))?.path;
          if (
            folder !== undefined &&
            (await input.fs.stat(`${folder}/.git`))?.type === 'directory'
          ) {
            const dir = path.join(input.fs.root, folder);
            const r = await reportOf(dir, component.id);
            if (r !== undefined) report = fromReport(r, folder);
          }
        }
        if (pkg === undefined && repository === undefined && report.clone === undefined)
          return undefined;
        const out: HealthEvidence = {
          ...found,
          ...(repository !== undefined ? { repository } : {}),
          ...report,
          ...(pkg !== undefined ? { package: pkg } : {}),
          detail: '',
        };
        return { ...out, detail: describe(out) };
      },
    );
    const list = evidence.filter((e): e is HealthEvidence => e !== undefined);
    const withScore = list.filter((e) => e.score !== undefined).length;
    return {
      evidence: list,
      errors,
      filesRead,
      note:
        `${list.length} component(s) with health evidence, ${withScore} scored from a local clone` +
        (options.repos === undefined
          ? ' (no --repos given)'
          : ` (${clones.size} clone(s) in ${options.repos})`),
    };
  }
  return { name: 'health', requiresNetwork: false, analyze } satisfies Analyzer;
}
