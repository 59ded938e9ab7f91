/**
 * The model-file analyzer of `openvet scan`: every weight file of every model component is
 * analysed statically (`scan-file.ts`: pickle disassembly, archive members, headers; nothing is
 * loaded) and gets one `model-file` evidence with its verdict and findings; a model folder that
 * ships code its loader runs (`auto_map`, Python files) gets `model-code` evidence. The policy
 * turns these into `model.unsafe-file` and `model.remote-code` findings.
 */
import type { Analyzer, AnalyzeInput, AnalyzeResult, AnalyzerError } from '../../core/analyzer.js';
import { describeError } from '../../core/errors.js';
import { mapPool } from '../../core/pool.js';
import type { ModelCodeEvidence, ModelFileEvidence } from '../../core/types.js';
import { modelCodeOf } from './remote-code.js';
import { countingSource, isModelFileName, scanModelSource } from './scan-file.js';

/** Files analysed at once. */
const CONCURRENCY = 4;
const WORST = ['unsafe', 'suspicious', 'error', 'unverifiable', 'info'] as const;

async function analyze(input: AnalyzeInput): Promise<AnalyzeResult> {
  const jobs: { componentId: string; file: string }[] = [];
  const seen = new Set<string>();
  for (const component of input.components) {
    if (component.kind !== 'model') continue;
    for (const location of component.locations) {
      const base = location.path.slice(location.path.lastIndexOf('/') + 1);
      if (!isModelFileName(base) || !input.allPaths.has(location.path)) continue;
      const key = `${component.id}\u0000${location.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      jobs.push({ componentId: component.id, file: location.path });
    }
  }
  const errors: AnalyzerError[] = [];
  // One file may belong to several components (a shared cache blob): analyse it once.
  const reports = new Map<string, Promise<ModelFileEvidence | undefined>>();
  const analyseFile = (file: string): Promise<ModelFileEvidence | undefined> => {
    let pending = reports.get(file);
    if (pending === undefined) {
      pending = (async () => {
        let opened;
        try {
          opened = await input.fs.openFile(file);
        } catch (error) {
          errors.push({ path: file, message: describeError(error) });
          return undefined;
        }
        try {
          const base = file.slice(file.lastIndexOf('/') + 1);
          const report = await scanModelSource(file, countingSource(base, opened));
          const worst = [...report.findings].sort(
            (a, b) => WORST.indexOf(a.severity) - WORST.indexOf(b.severity),
          )[0];
          return {
            kind: 'model-file',
            id: '',
            componentId: '',
            source: 'models',
            confidence: 'high',
            location: { path: file },
            file,
            format: report.format,
            verdict: report.verdict,
            ...(worst !== undefined && worst.severity !== 'info'
              ? {
                  detail:
                    worst.detail !== undefined
                      ? `${worst.message} (${worst.detail})`
                      : worst.message,
                }
              : {}),
            findings: report.findings,
          } satisfies ModelFileEvidence;
        } finally {
          await opened.close();
        }
      })();
      reports.set(file, pending);
    }
    return pending;
  };
  const evidence = await mapPool(jobs, CONCURRENCY, async (job) => {
    const report = await analyseFile(job.file);
    if (report === undefined) return undefined;
    return {
      ...report,
      id: `model-file:${job.componentId}:${job.file}`,
      componentId: job.componentId,
    };
  });
  const found = evidence.filter((e): e is ModelFileEvidence => e !== undefined);
  const notSafe = found.filter((e) => e.verdict !== 'safe').length;
  const code: ModelCodeEvidence[] = [];
  for (const component of input.components) {
    if (component.kind !== 'model') continue;
    const ev = await modelCodeOf(component, input.fs, input.allPaths);
    if (ev !== undefined) code.push(ev);
  }
  return {
    evidence: [...found, ...code],
    errors,
    filesRead: reports.size,
    note:
      `${reports.size} model file(s) analysed; ${notSafe} not safe` +
      (code.length > 0 ? `; ${code.length} model(s) ship code run on load` : ''),
  };
}

/** The model-file analyzer (static analysis only, no network). */
export const analyzer = {
  name: 'models',
  requiresNetwork: false,
  analyze,
} satisfies Analyzer;
