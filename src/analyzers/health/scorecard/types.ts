/**
 * Shared shapes of the health analysis: how a check reads a repository's files (a work tree or
 * a bare repository's HEAD, through the same interface), and what a Scorecard check returns.
 */

/** Scorecard's own check names (https://github.com/ossf/scorecard/blob/main/docs/checks.md). */
export type ScorecardCheckName =
  | 'Binary-Artifacts'
  | 'Dangerous-Workflow'
  | 'Token-Permissions'
  | 'Pinned-Dependencies'
  | 'Dependency-Update-Tool'
  | 'Security-Policy'
  | 'License'
  | 'Fuzzing'
  | 'SAST'
  | 'Packaging'
  | 'CI-Tests'
  | 'Code-Review'
  | 'Maintained';

/** One check's result, computed with Scorecard's scoring rules. */
export interface CheckResult {
  /** 0–10 as Scorecard scores it; null when the check needs data a clone does not have. */
  readonly score: number | null;
  /** One sentence, in Scorecard's wording where it has one. */
  readonly reason: string;
  /** What the score rests on: `path:line: what` strings, sorted. */
  readonly evidence: readonly string[];
}

/**
 * Read-only, bounded view of a repository's files at one revision. Paths are relative with `/`
 * separators. Implementations: a work-tree directory, or a bare repository's HEAD read with one
 * `git ls-tree` and one `git cat-file --batch` process.
 */
export interface RepoFiles {
  /** Every file path (no directories), sorted. */
  list(): readonly string[];
  /**
   * The file's bytes, at most `maxBytes` (default 1 MiB) of them; undefined when the path is not
   * a file. Never follows a symlink out of the repository.
   */
  read(path: string, maxBytes?: number): Promise<Buffer | undefined>;
  /** The file's size in bytes, when known without reading it. */
  size(path: string): number | undefined;
}
