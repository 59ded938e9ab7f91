/**
 * The scan pipeline: walk → extract (each file by the plugins that want it) → merge into the
 * inventory → analyze (licences, …) → ScanResult. Owns all file access; one bad file or
 * component never stops the scan.
 */
import { stat } from 'node:fs/promises';
import { analyzers as defaultAnalyzers } from '../analyzers/registry.js';
import type { AdvisorySource } from '../analyzers/vulns/source.js';
import type { Analyzer, AnalyzeResult } from './analyzer.js';
import path from 'node:path';
import { InputError, UsageError, describeError } from './errors.js';
import type { ExtractResult, Extractor, FileEntry } from './extractor.js';
import { createScanFs } from './fs.js';
import { buildInventory, type FileRecords } from './inventory.js';
import { buildPurl, canonicalName } from './purl.js';
import type {
  Component,
  Evidence,
  PluginStatus,
  ScanError,
  ScanResult,
  Target,
  ToolInfo,
} from './types.js';
import { walk, type WalkEntry, type WalkLimits } from './walk.js';
import { mapPool } from './pool.js';
import { evaluateFindings, verdictFor } from '../policy/evaluate.js';

/** Everything a scan needs from outside. Injected so tests and the CLI control it. */
export interface ScanOptions {
  /** A directory or a single file. */
  readonly path: string;
  readonly extractors: readonly Extractor[];
  /** Analyzers run over the inventory, in order. Defaults to `src/analyzers/registry.ts`. */
  readonly analyzers?: readonly Analyzer[];
  readonly tool: ToolInfo;
  /** The clock (the CLI passes SOURCE_DATE_EPOCH when set). */
  readonly now: () => Date;
  readonly offline?: boolean;
  readonly exclude?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly limits?: Partial<WalkLimits>;
  /** How many files to extract at once. */
  readonly concurrency?: number;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Vulnerability data for the analyzers (offline database and/or OSV API). */
  readonly advisories?: AdvisorySource;
}

/** Progress of a running scan, for the CLI's status line. */
export interface ScanProgress {
  readonly phase: 'walk' | 'extract' | 'analyze' | 'done';
  readonly filesWalked: number;
  readonly filesExtracted: number;
  readonly filesToExtract: number;
  readonly componentsFound: number;
}

interface Job {
  readonly extractor: Extractor;
  readonly entry: FileEntry;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Scan a directory or file and build the inventory. Throws UsageError when the path is unusable. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const startedAt = options.now();
  const abs = path.resolve(options.path);
  let info;
  try {
    info = await stat(abs);
  } catch {
    throw new UsageError(`${options.path}: no such file or directory`);
  }
  if (!info.isDirectory() && !info.isFile())
    throw new UsageError(`${options.path}: not a file or directory`);
  const isFile = info.isFile();
  const root = isFile ? path.dirname(abs) : abs;
  const fs = createScanFs(root);
  const env = options.env ?? {};

  const active = options.extractors.filter((e) => !(options.offline && e.requiresNetwork));
  const skippedPlugins = options.extractors.filter((e) => options.offline && e.requiresNetwork);
  const dirExtractors = active.filter((e) => e.target === 'directory');
  const fileExtractors = active.filter((e) => e.target === 'file');

  let entries: readonly WalkEntry[];
  const errors: ScanError[] = [];
  let filesSkipped = 0;
  if (isFile) {
    const base = path.basename(abs);
    // A single file: file extractors see it; directory extractors (model folders) see its
    // directory as if it held only this file.
    entries = [
      { path: '', base: path.basename(root), size: 0, type: 'directory', children: [base] },
      { path: base, base, size: info.size, type: 'file' },
    ];
  } else {
    const walked = await walk(root, {
      exclude: options.exclude,
      limits: options.limits,
      claims: (entry) => dirExtractors.some((e) => e.claimsDirectory?.(entry) === true),
      onProgress: (n) =>
        options.onProgress?.({
          phase: 'walk',
          filesWalked: n,
          filesExtracted: 0,
          filesToExtract: 0,
          componentsFound: 0,
        }),
    });
    entries = walked.entries;
    filesSkipped = walked.skipped.length;
    for (const s of walked.skipped)
      errors.push({ path: s.path, plugin: 'core/walk', message: s.reason });
  }
  const allPaths = new Set(entries.map((e) => e.path));

  const jobs: Job[] = [];
  for (const entry of entries) {
    const candidates = entry.type === 'directory' ? dirExtractors : fileExtractors;
    for (const extractor of candidates) {
      if (extractor.required(entry)) jobs.push({ extractor, entry });
    }
  }
  if (isFile && jobs.length === 0) {
    throw new UsageError(
      `${options.path}: not a manifest, lockfile or model file openvet knows (see \`openvet scan --help\` for the list)`,
    );
  }

  const stats = new Map<string, { files: number; errors: number }>();
  for (const e of active) stats.set(e.name, { files: 0, errors: 0 });
  let done = 0;
  let found = 0;
  const outcomes = await mapPool(
    jobs,
    options.concurrency ?? 16,
    async (job): Promise<FileRecords | undefined> => {
      const s = stats.get(job.extractor.name);
      if (s) s.files++;
      let result: ExtractResult;
      try {
        result = await job.extractor.extract({ entry: job.entry, fs, env, allPaths });
      } catch (error) {
        if (s) s.errors++;
        const line = error instanceof InputError ? error.line : undefined;
        errors.push({
          path: job.entry.path || '.',
          plugin: job.extractor.name,
          message: describeError(error),
          ...(line !== undefined ? { line } : {}),
        });
        return undefined;
      } finally {
        done++;
      }
      for (const w of result.warnings ?? []) {
        errors.push({
          path: w.path ?? (job.entry.path || '.'),
          plugin: job.extractor.name,
          message: w.message,
          ...(w.line !== undefined ? { line: w.line } : {}),
        });
      }
      found += result.packages.length;
      options.onProgress?.({
        phase: 'extract',
        filesWalked: entries.length,
        filesExtracted: done,
        filesToExtract: jobs.length,
        componentsFound: found,
      });
      return {
        plugin: job.extractor.name,
        path: job.entry.path,
        packages: result.packages,
        ...(result.root ? { root: result.root } : {}),
        ...(result.keyScope !== undefined ? { keyScope: result.keyScope } : {}),
      };
    },
  );

  const inventory = buildInventory(outcomes.filter((o): o is FileRecords => o !== undefined));
  let target = describeTarget(options.path, isFile ? 'file' : 'directory', root, inventory);

  const allAnalyzers = options.analyzers ?? defaultAnalyzers;
  const activeAnalyzers = allAnalyzers.filter((a) => !(options.offline && a.requiresNetwork));
  const skippedAnalyzers = allAnalyzers.filter((a) => options.offline && a.requiresNetwork);
  let components: readonly Component[] = inventory.components;
  const evidence: Evidence[] = [...inventory.evidence];
  const analyzerStatus: PluginStatus[] = [];
  for (const analyzer of activeAnalyzers) {
    options.onProgress?.({
      phase: 'analyze',
      filesWalked: entries.length,
      filesExtracted: done,
      filesToExtract: jobs.length,
      componentsFound: components.length,
    });
    let result: AnalyzeResult;
    try {
      result = await analyzer.analyze({
        components,
        evidence,
        target,
        fs,
        env,
        allPaths,
        ...(options.advisories !== undefined ? { advisories: options.advisories } : {}),
      });
    } catch (error) {
      errors.push({ path: '.', plugin: analyzer.name, message: describeError(error) });
      analyzerStatus.push({
        name: analyzer.name,
        status: 'failed',
        files: 0,
        errors: 1,
        reason: 'the analyzer failed; the scan went on without its evidence',
      });
      continue;
    }
    for (const e of result.errors)
      errors.push({ path: e.path || '.', plugin: analyzer.name, message: e.message });
    evidence.push(...result.evidence);
    const updates = new Map((result.componentUpdates ?? []).map((u) => [u.id, u]));
    if (updates.size > 0) {
      components = components.map((c) => {
        const update = updates.get(c.id);
        return update?.license !== undefined ? { ...c, license: update.license } : c;
      });
    }
    if (result.targetUpdate?.license !== undefined)
      target = { ...target, license: result.targetUpdate.license };
    analyzerStatus.push({
      name: analyzer.name,
      status: result.errors.length === 0 ? 'ok' : 'partial',
      files: result.filesRead ?? 0,
      errors: result.errors.length,
      ...(result.note !== undefined ? { reason: result.note } : {}),
    });
  }

  const plugins: PluginStatus[] = [
    ...[...stats.entries()].map(([name, s]): PluginStatus => ({
      name,
      status:
        s.files === 0 ? 'ok' : s.errors === 0 ? 'ok' : s.errors === s.files ? 'failed' : 'partial',
      files: s.files,
      errors: s.errors,
    })),
    ...analyzerStatus,
    ...[...skippedPlugins, ...skippedAnalyzers].map((e): PluginStatus => ({
      name: e.name,
      status: 'skipped',
      files: 0,
      errors: 0,
      reason: 'needs the network (--offline)',
    })),
  ].sort((a, b) => compare(a.name, b.name));

  errors.sort((a, b) =>
    compare(
      `${a.path}\0${a.plugin}\0${String(a.line ?? 0).padStart(9, '0')}\0${a.message}`,
      `${b.path}\0${b.plugin}\0${String(b.line ?? 0).padStart(9, '0')}\0${b.message}`,
    ),
  );
  const finishedAt = options.now();
  const unread = errors.filter((e) => e.plugin !== 'core/walk').length;
  options.onProgress?.({
    phase: 'done',
    filesWalked: entries.length,
    filesExtracted: done,
    filesToExtract: jobs.length,
    componentsFound: inventory.components.length,
  });

  const sorted = sortEvidence(evidence);
  const findings = evaluateFindings(sorted, components);
  return {
    schemaVersion: '1.0',
    tool: options.tool,
    target,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    components,
    evidence: sorted,
    findings,
    errors,
    plugins,
    verdict: verdictFor(
      findings,
      `${inventory.components.length} component(s) found` +
        (unread > 0 ? `; ${unread} file problem(s) reported` : ''),
    ),
    stats: { filesWalked: entries.filter((e) => e.type === 'file').length, filesSkipped },
  };
}

/** Evidence in a stable order: by component, then location, source and id. */
function sortEvidence(evidence: readonly Evidence[]): Evidence[] {
  const key = (e: Evidence): string =>
    `${e.componentId}\0${e.location?.path ?? ''}\0${String(e.location?.line ?? 0).padStart(9, '0')}\0${e.source}\0${e.id}`;
  return [...evidence].sort((a, b) => compare(key(a), key(b)));
}

/** The scanned project: named by the shallowest manifest that describes it, else the folder. */
function describeTarget(
  userPath: string,
  type: Target['type'],
  root: string,
  inventory: ReturnType<typeof buildInventory>,
): Target {
  const depth = (p: string): number => (p === '' ? 0 : p.split('/').length);
  const named = [...inventory.roots]
    .filter((r) => r.name)
    .sort((a, b) => depth(a.path) - depth(b.path) || compare(a.path, b.path))[0];
  const name = named?.name ? canonicalName(named.ecosystem, named.name) : path.basename(root);
  const purl = named?.name ? buildPurl(named.ecosystem, name, named.version) : undefined;
  return {
    path: userPath,
    type,
    name,
    ...(named?.version ? { version: named.version } : {}),
    ...(named ? { ecosystem: named.ecosystem } : {}),
    ...(purl ? { purl } : {}),
    ...(named?.declaredLicense ? { declaredLicense: named.declaredLicense } : {}),
    dependsOn: inventory.rootDependsOn,
  };
}
