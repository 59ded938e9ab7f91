/**
 * Helpers shared by the Scorecard file checks: Scorecard's path matching, bounded reads, its
 * "file contains commands" test and the result builder. Scorecard source read for these:
 * ossf/scorecard checks/fileparser/listing.go and github_workflow.go.
 */
import type { CheckResult, RepoFiles } from './types.js';

/** Largest file a check reads, in bytes (Scorecard reads whole files; we bound them). */
export const MAX_READ_BYTES = 1024 * 1024;

/** Files read at once by the checks that read many (the cost is opens, not bytes). */
export const READ_CONCURRENCY = 16;

/** Scorecard's highest score. */
export const MAX_SCORE = 10;

/**
 * Scorecard's `PathMatcher`: Go's `path.Match` against the full path, then against the base
 * name (`*` never crosses a `/`). Only `*` and `?` are used by the patterns the checks pass.
 */
export function matchesPath(pattern: string, fullPath: string, caseSensitive: boolean): boolean {
  const re = globRegExp(caseSensitive ? pattern : pattern.toLowerCase());
  const path = caseSensitive ? fullPath : fullPath.toLowerCase();
  if (re.test(path)) return true;
  return re.test(basename(path));
}

const globCache = new Map<string, RegExp>();

function globRegExp(pattern: string): RegExp {
  const cached = globCache.get(pattern);
  if (cached !== undefined) return cached;
  let source = '^';
  for (const ch of pattern) {
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`${source}$`);
  globCache.set(pattern, re);
  return re;
}

/** The last path segment. */
export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** The directory part (`.` for a top-level file), like Go's `filepath.Dir`. */
export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

/** A file's text (UTF-8, at most `maxBytes`), or undefined when it cannot be read. */
export async function readText(
  files: RepoFiles,
  path: string,
  maxBytes = MAX_READ_BYTES,
): Promise<string | undefined> {
  const bytes = await files.read(path, maxBytes);
  return bytes?.toString('utf8');
}

/**
 * Scorecard's `CheckFileContainsCommands`: true when some line is neither blank nor a comment.
 * Files failing it are skipped by every workflow and Dockerfile check.
 */
export function containsCommands(content: string, commentPrefix = '#'): boolean {
  for (const line of content.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith(commentPrefix)) return true;
  }
  return false;
}

/** Builds a result with its evidence sorted and deduplicated (reproducible output). */
export function checkResult(
  score: number | null,
  reason: string,
  evidence: readonly string[],
): CheckResult {
  return { score, reason, evidence: sortEvidence(evidence) };
}

/** Evidence deduplicated and ordered by path, line (numerically), then text. */
export function sortEvidence(evidence: readonly string[]): string[] {
  return [...new Set(evidence)].sort(compareEvidence);
}

/** `path:line: what`, the one evidence format of every check. */
export function evidenceLine(path: string, line: number, what: string): string {
  return `${path}:${Math.max(1, line)}: ${what}`;
}

/** Orders evidence by path, then line number (numerically), then text. */
function compareEvidence(a: string, b: string): number {
  const pa = splitEvidence(a);
  const pb = splitEvidence(b);
  if (pa.path !== pb.path) return pa.path < pb.path ? -1 : 1;
  if (pa.line !== pb.line) return pa.line - pb.line;
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitEvidence(e: string): { path: string; line: number } {
  const m = /^(.*?):(\d+):/.exec(e);
  if (m === null) return { path: e, line: 0 };
  return { path: m[1] ?? e, line: Number(m[2]) };
}

/** Go's `filepath.Clean` for the relative paths scripts name (`./a//b/../c` → `a/c`). */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}
