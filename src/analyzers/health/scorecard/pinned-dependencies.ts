/**
 * Scorecard's Pinned-Dependencies check.
 *
 * Scorecard source read: checks/raw/pinned_dependencies.go (GitHub Actions `uses:` pinned by a
 * 40+ hex SHA, local actions skipped, `docker://…@sha256:`; Dockerfile `FROM` pinned by
 * `@sha256:`, by an earlier pinned stage, or `scratch`; `RUN` commands, `run:` steps of
 * sh/bash/mksh and shell scripts analysed for downloads), checks/raw/shell_download_validate.go
 * (see shell.ts) and checks/evaluation/pinned_dependencies.go with checker's
 * `CreateProportionalScoreWeighted` (each ecosystem weighs 10; within GitHub Actions,
 * GitHub-owned actions weigh 2 and third-party ones 8 when both are present; score =
 * ⌊10·Σ pinned·weight / Σ total·weight⌋).
 *
 * Not applied: the NuGet post-processing that marks `nuget`/`dotnet add` installs pinned when
 * every .csproj sets RestoreLockedMode or central package versions are fixed, and the npm
 * lockfile integrity verification of the newest Scorecard (unreleased at the time of writing).
 */
import {
  MAX_SCORE,
  basename,
  checkResult,
  containsCommands,
  evidenceLine,
  readText,
} from './common.js';
import { analyzeShell, type DependencyType } from './shell.js';
import type { CheckResult, RepoFiles } from './types.js';
import { isGitHubOwnedAction, loadWorkflows, shellForStep } from './workflow.js';

/** One dependency, pinned or not, where it is used. */
interface Dependency {
  readonly type: DependencyType;
  readonly pinned: boolean;
  readonly path: string;
  readonly line: number;
  readonly snippet: string;
}

const SUPPORTED_SHELLS = ['sh', 'bash', 'mksh'];
const SHELL_INTERPRETERS = ['exec', 'su', 'sh', 'bash', 'mksh', 'dash', 'ksh'];
/** Files scanned as shell scripts; more is a vendored tree, not the project's scripts. */
const MAX_SCRIPTS = 5000;

/** Pinned-Dependencies: the weighted share of dependencies pinned by hash. */
export async function pinnedDependencies(files: RepoFiles): Promise<CheckResult> {
  const deps: Dependency[] = [];
  const notes: string[] = [];
  await collectWorkflows(files, deps, notes);
  await collectDockerfiles(files, deps);
  await collectScripts(files, deps);

  const evidence = [
    ...notes,
    ...deps
      .filter((d) => !d.pinned)
      .map((d) => evidenceLine(d.path, d.line, `${label(d)} not pinned by hash: ${d.snippet}`)),
  ];
  const score = scoreOf(deps);
  if (score === undefined) return checkResult(null, 'no dependencies found', evidence);
  if (score === MAX_SCORE) return checkResult(MAX_SCORE, 'all dependencies are pinned', evidence);
  return checkResult(score, 'dependency not pinned by hash detected', evidence);
}

function label(d: Dependency): string {
  if (d.type !== 'GitHubAction') return d.type;
  return isGitHubOwnedAction(d.snippet) ? 'GitHub-owned GitHubAction' : 'third-party GitHubAction';
}

/** Scorecard's weighting; undefined when no dependency was found (inconclusive). */
export function scoreOf(
  deps: readonly {
    readonly type: DependencyType;
    readonly pinned: boolean;
    readonly snippet: string;
  }[],
): number | undefined {
  const groups: { success: number; total: number; weight: number }[] = [];
  const count = (list: readonly { pinned: boolean }[]): { success: number; total: number } => ({
    success: list.filter((d) => d.pinned).length,
    total: list.length,
  });
  const actions = deps.filter((d) => d.type === 'GitHubAction');
  const owned = count(actions.filter((d) => isGitHubOwnedAction(d.snippet)));
  const third = count(actions.filter((d) => !isGitHubOwnedAction(d.snippet)));
  if (owned.total > 0 && third.total > 0) {
    groups.push({ ...owned, weight: 2 }, { ...third, weight: 8 });
  } else if (owned.total > 0) groups.push({ ...owned, weight: 10 });
  else if (third.total > 0) groups.push({ ...third, weight: 10 });
  const types = new Set(deps.map((d) => d.type).filter((t) => t !== 'GitHubAction'));
  for (const type of types)
    groups.push({ ...count(deps.filter((d) => d.type === type)), weight: 10 });
  let ws = 0;
  let wt = 0;
  for (const g of groups) {
    ws += g.success * g.weight;
    wt += g.total * g.weight;
  }
  if (wt === 0) return undefined;
  return Math.min(MAX_SCORE, Math.floor((MAX_SCORE * ws) / wt));
}

/** Scorecard's `isActionDependencyPinned`. */
export function isActionPinned(uses: string): boolean {
  if (/^\..+[^/]/.test(uses)) return true;
  if (/.*@[a-fA-F\d]{40,}/.test(uses)) return true;
  return /docker:\/\/.*@sha256:[a-fA-F\d]{64}/.test(uses);
}

async function collectWorkflows(
  files: RepoFiles,
  deps: Dependency[],
  notes: string[],
): Promise<void> {
  const { workflows, errors } = await loadWorkflows(files);
  notes.push(...errors);
  for (const workflow of workflows) {
    for (const job of workflow.jobs) {
      const calls = job.uses !== undefined ? [job.uses] : [];
      for (const uses of [...calls, ...job.steps.flatMap((s) => (s.uses ? [s.uses] : []))]) {
        if (uses.value === '' || uses.value.startsWith('./')) continue;
        deps.push({
          type: 'GitHubAction',
          pinned: isActionPinned(uses.value),
          path: workflow.path,
          line: uses.line,
          snippet: uses.value,
        });
      }
      // One set of downloaded files per job, as Scorecard's taintedFiles.
      const tainted = new Set<string>();
      for (const step of job.steps) {
        if (step.run === undefined) continue;
        const shell = shellForStep(step, job);
        if (shell === undefined) {
          notes.push(evidenceLine(workflow.path, step.line, 'cannot tell which OS runs this step'));
          continue;
        }
        if (!SUPPORTED_SHELLS.some((s) => basename(shell).toLowerCase() === s)) continue;
        // Scorecard replaces `${{ … }}` so the shell parser does not fail on it.
        const script = step.run.value.replace(/\{\{[^{}]*\}\}/g, 'GITHUB_REDACTED_VAR');
        // A block scalar's text starts on the line after `run: |`; a plain one on its own line
        // (Scorecard adds the script line to the `run:` line in both cases, one too many for
        // plain scalars; only the evidence line differs).
        const first = step.run.line + (step.run.block === true ? 1 : 0);
        for (const d of analyzeShell(script, tainted)) {
          deps.push({ ...d, path: workflow.path, line: first + d.line - 1 });
        }
      }
    }
  }
}

/** Scorecard's `fileIsInVendorDir`. */
function inVendorDir(path: string): boolean {
  return path.split('/').some((d) => ['vendor', 'third_party'].includes(d.toLowerCase()));
}

/** Scorecard's `isTemplateFile`. */
function isTemplateFile(path: string): boolean {
  return basename(path)
    .split('.')
    .some((part) => ['template', 'tmpl', 'tpl'].includes(part.toLowerCase()));
}

function isShellScriptFile(path: string, content: string, shells: readonly string[]): boolean {
  const byExtension = shells.some((name) => path.endsWith(`.${name}`));
  const first = content.split('\n', 1)[0] ?? '';
  if (!first.startsWith('#!')) return byExtension;
  const parts = first.slice(2).split(' ');
  const [p0 = '', p1 = ''] = parts;
  return shells.some(
    (name) =>
      basename(p0).toLowerCase() === name ||
      (basename(p0).toLowerCase() === 'env' && basename(p1).toLowerCase() === name),
  );
}

function isDockerfile(path: string, content: string): boolean {
  if (/\.(go|c|cpp|rs|js|py|pyc|java)$/.test(path)) return false;
  return !isShellScriptFile(path, content, SHELL_INTERPRETERS);
}

async function collectDockerfiles(files: RepoFiles, deps: Dependency[]): Promise<void> {
  for (const path of files.list()) {
    if (!basename(path).toLowerCase().includes('dockerfile') || inVendorDir(path)) continue;
    const content = await readText(files, path);
    if (content === undefined || !isDockerfile(path, content) || !containsCommands(content)) {
      continue;
    }
    const instructions = parseDockerfile(content);
    if (!isTemplateFile(path)) deps.push(...fromImages(path, instructions));
    const tainted = new Set<string>();
    for (const ins of instructions) {
      if (ins.command.toUpperCase() !== 'RUN') continue;
      const script = ins.heredoc ?? ins.args.join(' ');
      const base = ins.heredoc !== undefined ? ins.startLine : ins.startLine - 1;
      for (const d of analyzeShell(script, tainted)) {
        deps.push({ ...d, path, line: base + d.line });
      }
    }
  }
}

function fromImages(path: string, instructions: readonly Instruction[]): Dependency[] {
  const out: Dependency[] = [];
  const pinnedStages = new Map<string, boolean>();
  const args = new Map<string, string>();
  const digest = /.*@sha256:([a-f\d]{64}|\$\{.*\})/;
  for (const ins of instructions) {
    if (ins.command.toUpperCase() === 'ARG') {
      for (const a of ins.args) {
        const eq = a.indexOf('=');
        if (eq !== -1) args.set(a.slice(0, eq), a.slice(eq + 1));
      }
      continue;
    }
    if (ins.command.toUpperCase() !== 'FROM') continue;
    const values = ins.args
      .filter((a) => !a.startsWith('--'))
      .map((v) => {
        let out = v;
        for (const [k, value] of args) out = out.split(`\${${k}}`).join(value);
        return out;
      });
    const [name = '', as = '', stage = ''] = values;
    if (values.length > 0 && name.toLowerCase() === 'scratch') {
      if (values.length === 3 && as.toLowerCase() === 'as') pinnedStages.set(stage, true);
      continue;
    }
    let pinned: boolean;
    if (values.length === 3 && as.toLowerCase() === 'as') {
      pinned = pinnedStages.get(name) === true || digest.test(name);
      pinnedStages.set(stage, pinned);
    } else if (values.length === 1) {
      pinned = pinnedStages.get(name) === true || digest.test(name);
    } else {
      continue;
    }
    out.push({ type: 'containerImage', pinned, path, line: ins.startLine, snippet: ins.original });
  }
  return out;
}

/** A Dockerfile instruction as buildkit's parser gives it. */
interface Instruction {
  /** As written; instructions are case-insensitive (Scorecard's testdata Dockerfile-pinned-as
   * uses `FROm … aS base` and ` FrOM base As build`). */
  readonly command: string;
  readonly args: readonly string[];
  readonly startLine: number;
  readonly original: string;
  /** The body of `RUN <<EOF`. */
  readonly heredoc?: string;
}

/**
 * A minimal Dockerfile reader (no maintained JavaScript parser of buildkit's grammar is
 * installed): comments, `\` continuations (comment lines inside them dropped), JSON-form
 * arguments, `RUN <<EOF` heredocs.
 */
export function parseDockerfile(content: string): Instruction[] {
  const lines = content.split(/\r?\n/);
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const startLine = i + 1;
    let text = lines[i] ?? '';
    i++;
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    while (/\\\s*$/.test(text) && i < lines.length) {
      text = text.replace(/\\\s*$/, '');
      const next = lines[i] ?? '';
      i++;
      if (next.trim().startsWith('#') || next.trim() === '') continue;
      text += next;
    }
    const m = /^\s*(\S+)\s*(.*)$/.exec(text);
    if (m === null) continue;
    const command = m[1] ?? '';
    const rest = (m[2] ?? '').trim();
    const heredocStart = /^<<-?\s*(['"]?)([A-Za-z0-9_]+)\1/.exec(rest);
    if (command.toUpperCase() === 'RUN' && heredocStart !== null) {
      const delimiter = heredocStart[2] ?? '';
      const body: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim() !== delimiter) body.push(lines[i++] ?? '');
      i++;
      out.push({ command, args: [], startLine, original: text, heredoc: body.join('\n') });
      continue;
    }
    out.push({ command, args: dockerArgs(command, rest), startLine, original: text.trim() });
  }
  return out;
}

function dockerArgs(command: string, rest: string): string[] {
  if (rest.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
    } catch {
      // Not JSON: buildkit falls back to the shell form.
    }
  }
  const upper = command.toUpperCase();
  // RUN/CMD/ENTRYPOINT keep their shell text whole; FROM/ARG split on whitespace.
  if (upper === 'FROM' || upper === 'ARG') return rest.split(/\s+/).filter((a) => a !== '');
  return rest === '' ? [] : [rest];
}

async function collectScripts(files: RepoFiles, deps: Dependency[]): Promise<void> {
  let scanned = 0;
  for (const path of files.list()) {
    const name = basename(path);
    const byExtension = SUPPORTED_SHELLS.some((s) => path.endsWith(`.${s}`));
    // A shebang decides for extension-less files; files with another extension are not read
    // (Scorecard reads every file's first line; scripts named *.py with a bash shebang are
    // the only ones this misses).
    if (!byExtension && name.includes('.')) continue;
    if (++scanned > MAX_SCRIPTS) break;
    const content = await readText(files, path);
    if (content === undefined || !isShellScriptFile(path, content, SUPPORTED_SHELLS)) continue;
    for (const d of analyzeShell(content)) deps.push({ ...d, path });
  }
}
