/**
 * History metrics of a repository from ONE streaming pass over `git log HEAD` (plus one
 * `git ls-tree` for the files at HEAD and one `git for-each-ref` for the tags, run at the same
 * time): activity, releases, maintainers, concentration (CHAOSS contributor absence factor) and
 * the truck factor (degree of authorship, see truck-factor.ts).
 *
 * Dates are committer dates (Scorecard's `Maintained` uses them too). Everything is relative to
 * `asOf`: commits and tags dated after it are left out of the windows; the truck factor uses the
 * files at HEAD and the commits up to `asOf`.
 */
import { runGit, type GitRunOptions } from '../git.js';
import { IdentityTable } from './identities.js';
import { readLog } from './log.js';
import { truckFactor, type FileAuthorship } from './truck-factor.js';

const DAY = 86_400;

/** Options of {@link analyzeHistory}. */
export interface HistoryOptions {
  /** The date the metrics are computed at. */
  readonly asOf: Date;
  /** The real clock, for the age of the newest commit. Default: `asOf`. */
  readonly now?: Date;
  /** Most commits read (newest first); the result says when the history was cut. */
  readonly maxCommits?: number;
  readonly git?: GitRunOptions;
}

/** Counts over a window ending at `asOf`. */
export interface Windowed {
  readonly last90Days: number;
  readonly last365Days: number;
}

/** A person as the metrics name them. */
export interface Person {
  /** `Name <email>` of the first identity seen (aliases merged into it). */
  readonly name: string;
  readonly commits: number;
}

/** What the history says. Dates are ISO 8601; day counts are whole days, rounded down. */
export interface HistoryMetrics {
  readonly asOf: string;
  readonly shallow: boolean;
  /** Set when the history was cut at `maxCommits`. */
  readonly truncated?: string;
  readonly commits: {
    /** Commits on HEAD up to `asOf` (merges included, bots included). */
    readonly total: number;
    readonly bots: number;
    /** Authored by people (bots excluded). */
    readonly human: number;
    readonly humanInWindow: Windowed;
  };
  readonly firstCommitAt?: string;
  readonly lastCommitAt?: string;
  readonly daysSinceLastCommit?: number;
  /** The newest commit on HEAD whatever `asOf`, and its age relative to the real clock. */
  readonly newestCommit?: { readonly sha: string; readonly at: string; readonly ageDays: number };
  readonly releases: {
    /** Version-like tags (`v1.2.3`, `1.2`, `pkg@1.2.3`, `release-1.2`) dated up to `asOf`. */
    readonly total: number;
    /** Calendar year (UTC) → tags that year. */
    readonly perYear: Readonly<Record<string, number>>;
    readonly last365Days: number;
    readonly last?: { readonly tag: string; readonly at: string };
    readonly daysSinceLastRelease?: number;
  };
  /** People who authored or committed (not the GitHub web-flow identity) in the window. */
  readonly activeMaintainers: Windowed;
  /** Most active people in the last 365 days (up to 10), by human commits. */
  readonly topMaintainers: readonly Person[];
  /** People who authored a commit, ever (aliases merged). */
  readonly contributors: number;
  /** CHAOSS: the fewest people making 50% of the human commits (0 when none). */
  readonly contributorAbsenceFactor: { readonly allTime: number; readonly last365Days: number };
  readonly truckFactor: {
    readonly value: number;
    /** Files at HEAD with authorship in the history read. */
    readonly files: number;
    /** The people whose departure leaves most files orphaned, in order. */
    readonly authors: readonly string[];
  };
  /** Committer dates (seconds) of the newest 30 commits up to `asOf`, newest first (Scorecard). */
  readonly recentCommitTimes: readonly number[];
  /** Committer date (seconds) of the oldest commit read. */
  readonly oldestCommitTime?: number;
  /**
   * The newest commit authored or committed by GitHub's Dependabot account (id 49699333, its
   * noreply email), which Scorecard's Dependency-Update-Tool counts when no configuration file is
   * found (checks/raw/dependency_update_tool.go).
   */
  readonly dependabotCommit?: string;
}

/** GitHub's Dependabot account, by the id in its noreply email. */
const DEPENDABOT_EMAIL = /^49699333\+dependabot(?:\[bot\])?@users\.noreply\.github\.com$/i;

/** Tags counted as releases: a version number somewhere after a separator or at the start. */
const RELEASE_TAG = /(?:^|[-_/@])v?\d+(?:\.\d+)+|^v\d+$/i;

/** True for a tag name that names a release. */
export function isReleaseTag(name: string): boolean {
  return RELEASE_TAG.test(name);
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function days(fromSeconds: number, toSeconds: number): number {
  return Math.floor((toSeconds - fromSeconds) / DAY);
}

/** Smallest k such that the k largest counts reach half the total. */
export function absenceFactor(counts: Iterable<number>): number {
  const sorted = [...counts].filter((n) => n > 0).sort((a, b) => b - a);
  const total = sorted.reduce((s, n) => s + n, 0);
  if (total === 0) return 0;
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i] as number;
    if (sum * 2 >= total) return i + 1;
  }
  return sorted.length;
}

/** Files at HEAD, as a set. */
async function headFiles(dir: string, git?: GitRunOptions): Promise<Set<string>> {
  const out = await runGit(dir, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', 'HEAD'], {
    maxBytes: 256 * 1024 * 1024,
    ...git,
  });
  const files = out.toString('utf8').split('\0');
  files.pop();
  return new Set(files);
}

interface Tag {
  readonly name: string;
  readonly at: number;
}

async function readTags(dir: string, git?: GitRunOptions): Promise<Tag[]> {
  // creatordate: the tagger date of an annotated tag, the commit date of a lightweight one.
  const out = await runGit(
    dir,
    ['for-each-ref', 'refs/tags', '--format=%(refname:strip=2)%00%(creatordate:unix)'],
    { maxBytes: 64 * 1024 * 1024, ...git },
  );
  const tags: Tag[] = [];
  for (const line of out.toString('utf8').split('\n')) {
    const [name, at] = line.split('\0');
    if (name === undefined || name === '' || at === undefined || at === '') continue;
    tags.push({ name, at: Number(at) });
  }
  return tags;
}

interface MutableFile {
  creator: number | undefined;
  changes: Map<number, number>;
}

/** The metrics of a repository with no commit yet, as of `asOf` (whole seconds). */
export function emptyHistory(asOf: Date): HistoryMetrics {
  return {
    asOf: new Date(Math.floor(asOf.getTime() / 1000) * 1000).toISOString(),
    shallow: false,
    commits: { total: 0, bots: 0, human: 0, humanInWindow: { last90Days: 0, last365Days: 0 } },
    releases: { total: 0, perYear: {}, last365Days: 0 },
    activeMaintainers: { last90Days: 0, last365Days: 0 },
    topMaintainers: [],
    contributors: 0,
    contributorAbsenceFactor: { allTime: 0, last365Days: 0 },
    truckFactor: { value: 0, files: 0, authors: [] },
    recentCommitTimes: [],
  };
}

/** Compute the history metrics of the repository at `dir` (see the module comment). */
export async function analyzeHistory(
  dir: string,
  options: HistoryOptions,
): Promise<HistoryMetrics> {
  const asOf = Math.floor(options.asOf.getTime() / 1000);
  const now = Math.floor((options.now ?? options.asOf).getTime() / 1000);
  const maxCommits = options.maxCommits ?? 1_000_000;
  const d90 = asOf - 90 * DAY;
  const d365 = asOf - 365 * DAY;

  const [head, tags, shallowOut] = await Promise.all([
    headFiles(dir, options.git),
    readTags(dir, options.git),
    runGit(dir, ['rev-parse', '--is-shallow-repository'], options.git),
  ]);

  const people = new IdentityTable();
  const authored = new Map<number, number>(); // raw author id → human commits (all time)
  const authored365 = new Map<number, number>();
  const active90 = new Set<number>();
  const active365 = new Set<number>();
  const commitTimes: number[] = [];
  let total = 0;
  let bots = 0;
  let human90 = 0;
  let human365 = 0;
  let read = 0;
  let newest: { sha: string; at: number } | undefined;
  let oldest: number | undefined;
  let dependabot: string | undefined;

  // Newest-first path tracking: the HEAD path each historical path stands for (null: a file
  // that no longer exists, or a previous life of a path that was deleted and created again).
  const alias = new Map<string, string | null>();
  const files = new Map<string, MutableFile>();
  const finalPath = (p: string): string | null => {
    const a = alias.get(p);
    if (a !== undefined) return a;
    return head.has(p) ? p : null;
  };
  const touch = (p: string | null, dev: number | undefined, created: boolean): void => {
    // Bots' changes still move paths (renames, deletions) but author nothing.
    if (p === null || dev === undefined) return;
    let f = files.get(p);
    if (f === undefined) {
      f = { creator: undefined, changes: new Map() };
      files.set(p, f);
    }
    f.changes.set(dev, (f.changes.get(dev) ?? 0) + 1);
    // Newest first: the first creation seen is the file's current life.
    if (created && f.creator === undefined) f.creator = dev;
  };

  await readLog(
    dir,
    (c) => {
      read++;
      if (newest === undefined || c.committedAt > newest.at)
        newest = { sha: c.sha, at: c.committedAt };
      if (c.committedAt > asOf) return;
      total++;
      commitTimes.push(c.committedAt);
      if (
        dependabot === undefined &&
        (DEPENDABOT_EMAIL.test(c.authorEmail) || DEPENDABOT_EMAIL.test(c.committerEmail))
      )
        dependabot = c.sha;
      if (oldest === undefined || c.committedAt < oldest) oldest = c.committedAt;
      const author = people.intern(c.authorName, c.authorEmail);
      const botAuthor = people.bots[author] === true;
      if (botAuthor) bots++;
      else {
        authored.set(author, (authored.get(author) ?? 0) + 1);
        if (c.committedAt > d365) {
          human365++;
          authored365.set(author, (authored365.get(author) ?? 0) + 1);
          active365.add(author);
        }
        if (c.committedAt > d90) {
          human90++;
          active90.add(author);
        }
      }
      // A committer other than the author merged or applied the change: a maintainer too,
      // unless it is GitHub's own web-flow identity or a bot.
      if (c.committedAt > d365 && c.committerEmail.toLowerCase() !== 'noreply@github.com') {
        const committer = people.intern(c.committerName, c.committerEmail);
        if (committer !== author && people.bots[committer] !== true) {
          active365.add(committer);
          if (c.committedAt > d90) active90.add(committer);
        }
      }
      const dev = botAuthor ? undefined : author;
      for (const ch of c.changes) {
        switch (ch.status) {
          case 'A':
            touch(finalPath(ch.path), dev, true);
            alias.set(ch.path, null);
            break;
          case 'D':
            alias.set(ch.path, null);
            break;
          case 'R':
          case 'C': {
            const target = finalPath(ch.path);
            touch(target, dev, ch.status === 'C');
            alias.set(ch.path, null);
            if (ch.status === 'R' && ch.from !== undefined) alias.set(ch.from, target);
            break;
          }
          default:
            touch(finalPath(ch.path), dev, false);
        }
      }
    },
    { maxCommits, ...(options.git ?? {}) },
  );

  // Merge aliases now that every identity has been seen.
  const merge = (counts: Map<number, number>): Map<number, number> => {
    const out = new Map<number, number>();
    for (const [id, n] of counts) {
      const r = people.find(id);
      out.set(r, (out.get(r) ?? 0) + n);
    }
    return out;
  };
  const mergedSet = (ids: Set<number>): Set<number> => new Set([...ids].map((i) => people.find(i)));
  const all = merge(authored);
  const year = merge(authored365);
  const authorship: FileAuthorship[] = [];
  for (const f of files.values())
    authorship.push({
      creator: f.creator === undefined ? undefined : people.find(f.creator),
      changes: merge(f.changes),
    });
  const tf = truckFactor(authorship);

  const releases = tags.filter((t) => isReleaseTag(t.name) && t.at <= asOf);
  releases.sort((a, b) => b.at - a.at || (a.name < b.name ? -1 : 1));
  const perYear: Record<string, number> = {};
  for (const t of releases) {
    const y = String(new Date(t.at * 1000).getUTCFullYear());
    perYear[y] = (perYear[y] ?? 0) + 1;
  }
  const lastRelease = releases[0];
  commitTimes.sort((a, b) => b - a);
  const last = commitTimes[0];
  const top = [...year.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 10)
    .map(([id, n]) => ({ name: people.label(id), commits: n }));

  return {
    asOf: iso(asOf),
    shallow: shallowOut.toString('utf8').trim() === 'true',
    ...(read >= maxCommits
      ? { truncated: `history cut after the newest ${maxCommits} commits` }
      : {}),
    commits: {
      total,
      bots,
      human: total - bots,
      humanInWindow: { last90Days: human90, last365Days: human365 },
    },
    ...(oldest !== undefined ? { firstCommitAt: iso(oldest) } : {}),
    ...(last !== undefined
      ? { lastCommitAt: iso(last), daysSinceLastCommit: days(last, asOf) }
      : {}),
    ...(newest !== undefined
      ? { newestCommit: { sha: newest.sha, at: iso(newest.at), ageDays: days(newest.at, now) } }
      : {}),
    releases: {
      total: releases.length,
      perYear,
      last365Days: releases.filter((t) => t.at > d365).length,
      ...(lastRelease !== undefined
        ? {
            last: { tag: lastRelease.name, at: iso(lastRelease.at) },
            daysSinceLastRelease: days(lastRelease.at, asOf),
          }
        : {}),
    },
    activeMaintainers: {
      last90Days: mergedSet(active90).size,
      last365Days: mergedSet(active365).size,
    },
    topMaintainers: top,
    contributors: all.size,
    contributorAbsenceFactor: {
      allTime: absenceFactor(all.values()),
      last365Days: absenceFactor(year.values()),
    },
    truckFactor: {
      value: tf.value,
      files: tf.files,
      authors: tf.removed.map((id) => people.label(id)),
    },
    recentCommitTimes: commitTimes.slice(0, 30),
    ...(oldest !== undefined ? { oldestCommitTime: oldest } : {}),
    ...(dependabot !== undefined ? { dependabotCommit: dependabot } : {}),
  };
}
