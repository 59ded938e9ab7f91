/**
 * What `openvet scan` does once its options are parsed: scan, record, report.
 */
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzers as registered } from '../../analyzers/registry.js';
import type { Analyzer } from '../../core/analyzer.js';
import { InputError, PolicyError, UsageError } from '../../core/errors.js';
import { scan } from '../../core/scan.js';
import type { ScanResult } from '../../core/types.js';
import type { Policy } from '../../policy/types.js';
import type { Store } from '../../store/index.js';
import { extractors } from '../../extractors/registry.js';
import { reporters } from '../../reporters/registry.js';
import { clockFromEnv } from '../clock.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { toolVersion } from '../version.js';
import type { ScanFlags } from './scan.js';

export async function runScan(target: string, flags: ScanFlags, io: CliIo): Promise<void> {
  // One store for the scan: the offline vulnerability data, the OSV API cache and the scan
  // history. An offline scan that records nothing never creates an empty database just to
  // find no advisories in it.
  const { openSqliteStore, resolveDbPath } = await import('../../store/index.js');
  const dbPath = resolveDbPath(flags.db, io.env);
  const store: Store | undefined =
    flags.record || !flags.offline || existsSync(dbPath)
      ? await openSqliteStore(dbPath)
      : undefined;
  try {
    await scanWith(store, target, flags, io);
  } finally {
    await store?.close();
  }
}

async function scanWith(
  store: Store | undefined,
  target: string,
  flags: ScanFlags,
  io: CliIo,
): Promise<void> {
  // The policy first: a mistake in it is reported (exit 2) before a long scan, not after.
  const policy = await policyFor(target, flags, io);
  // So is an unreadable baseline.
  const baseline =
    flags.baseline === undefined
      ? undefined
      : await (await import('./diff-run.js')).readSnapshot(flags.baseline, io);
  const reporter = reporters[flags.format];
  const { advisorySourceFor } = await import('./scan-advisories.js');
  const advisories = await advisorySourceFor(store, flags, io);
  const progress = createProgress(io.stderr, flags.progress && !flags.quiet);
  let result: ScanResult;
  try {
    result = await scan({
      path: path.resolve(io.cwd, target),
      extractors,
      analyzers: await analyzersFor(flags, io),
      tool: { name: 'openvet', version: toolVersion() },
      now: clockFromEnv(io.env),
      offline: flags.offline,
      exclude: flags.exclude,
      env: io.env,
      onProgress: (p) => progress.update(p),
      ...(advisories !== undefined ? { advisories } : {}),
    });
  } finally {
    progress.done();
  }
  // Report the path as the user typed it, not the absolute one: same input, same bytes.
  result = { ...result, target: { ...result.target, path: target } };
  if (policy !== undefined) {
    const { applyPolicy } = await import('../../policy/evaluate.js');
    result = applyPolicy(result, policy);
  }
  if (baseline !== undefined && flags.baseline !== undefined) {
    const { verdictAgainstBaseline } = await import('../../diff/index.js');
    result = {
      ...result,
      verdict: verdictAgainstBaseline(result.verdict, result.findings, baseline, flags.baseline),
    };
  }

  if (flags.record && store !== undefined) await store.recordScan(result);

  const tty = flags.output === undefined && io.stdout.isTTY === true;
  const text = reporter.render(result, {
    color: tty && !io.env.NO_COLOR,
    ...(tty && io.stdout.columns !== undefined && io.stdout.columns > 0
      ? { width: io.stdout.columns }
      : {}),
  });
  if (flags.output !== undefined) {
    await writeFile(path.resolve(io.cwd, flags.output), text);
  } else {
    io.stdout.write(text);
  }
  const tableOnStdout = flags.format === 'table' && flags.output === undefined;
  if (!flags.quiet && !tableOnStdout) {
    for (const e of result.errors) {
      io.stderr.write(
        `openvet: ${e.path}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message} [${e.plugin}]\n`,
      );
    }
    if (flags.output !== undefined) {
      io.stderr.write(
        `openvet: ${result.components.length} component(s) written to ${flags.output} (${flags.format})\n`,
      );
    }
  }
  // The report is out; a failed verdict only sets the exit code (1) and says why.
  if (result.verdict.status === 'fail')
    throw new PolicyError(`verdict: fail — ${result.verdict.summary}`);
}

/** `--use`, `--policy` or an openvet.yml at the scan root; undefined when none is given. */
async function policyFor(target: string, flags: ScanFlags, io: CliIo): Promise<Policy | undefined> {
  const { resolvePolicy } = await import('../../policy/load.js');
  const abs = path.resolve(io.cwd, target);
  const root = existsSync(abs) && statSync(abs).isFile() ? path.dirname(abs) : abs;
  return resolvePolicy({
    root,
    shownRoot: root === abs ? target : path.dirname(target),
    cwd: io.cwd,
    ...(flags.use !== undefined ? { use: flags.use } : {}),
    ...(flags.policy !== undefined ? { file: flags.policy } : {}),
  });
}

/**
 * The registered analyzers, with the Hugging Face Hub turned on for the lineage when the scan
 * may use the network ($HF_ENDPOINT, else the library's default Hub; $HF_TOKEN for gated
 * repositories).
 */
async function analyzersFor(flags: ScanFlags, io: CliIo): Promise<readonly Analyzer[]> {
  const withHealth = await healthAnalyzers(flags, io);
  if (flags.offline) return [...registered, ...withHealth];
  const { createProvenanceAnalyzer } = await import('../../analyzers/models/lineage/analyzer.js');
  const token = io.env.HF_TOKEN;
  const online = createProvenanceAnalyzer({
    hub: {
      userAgent: `openvet/${toolVersion()}`,
      ...(token !== undefined && token !== '' ? { accessToken: token } : {}),
    },
  });
  return [...registered.map((a) => (a.name === online.name ? online : a)), ...withHealth];
}

/** The health analyzer when `--health` is given (`--repos DIR` must be a directory). */
async function healthAnalyzers(flags: ScanFlags, io: CliIo): Promise<Analyzer[]> {
  if (flags.repos !== undefined && !flags.health)
    throw new UsageError('--repos is used with --health');
  if (!flags.health) return [];
  const repos = flags.repos === undefined ? undefined : path.resolve(io.cwd, flags.repos);
  if (repos !== undefined && !(existsSync(repos) && statSync(repos).isDirectory()))
    throw new InputError(`--repos ${flags.repos}: not a directory`);
  const { createHealthAnalyzer } = await import('../../analyzers/health/components.js');
  return [
    createHealthAnalyzer({
      asOf: clockFromEnv(io.env)(),
      ...(repos !== undefined ? { repos } : {}),
    }),
  ];
}
