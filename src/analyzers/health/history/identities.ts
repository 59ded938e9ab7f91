/**
 * Who is who in a history: bots told apart from people, and one person's several identities
 * (work and personal email, a name spelt two ways) merged. git's own `.mailmap` is applied
 * before this (the log asks for `%aN`/`%aE`); this adds the merging `.mailmap` does not spell
 * out: two identities with the same email, or the same name, are one person.
 */

/** Bot accounts by name (GitHub apps end in `[bot]`; these are the common others). */
const BOT_NAME =
  /\[bot\]$|^(dependabot(-preview)?|renovate(-bot)?|github-actions|greenkeeper(io)?|snyk-bot|pre-commit-ci|mergify|imgbot|allcontributors|all-contributors|semantic-release-bot|codecov(-io)?|pyup(-bot|\.io bot)?|deepsource-autofix|whitesource(-bolt)?|mend-bolt|depfu|copybara|k8s-ci-robot|web-flow|gitter-badger|transifex|weblate|crowdin-bot|azure-pipelines|travis-ci|circleci|netlify|vercel|changeset-bot|release-please|lgtm-com|sourcery-ai|restyled-io|autofix-ci|fossabot|stale)(\b|$)/i;

/** Bot accounts by email. */
const BOT_EMAIL =
  /\[bot\]@|^bot@renovateapp\.com$|@dependabot\.com$|^(noreply|no-reply)@(weblate|transifex|crowdin)|^action@github\.com$|^actions@github\.com$|^github-actions@github\.com$|^41898282\+github-actions|^49699333\+dependabot|^29139614\+renovate/i;

/** True for an identity that is a bot, not a person. */
export function isBot(name: string, email: string): boolean {
  return BOT_NAME.test(name.trim()) || BOT_EMAIL.test(email.trim());
}

/** Emails shared by unrelated people: never a reason to merge two identities. */
const GENERIC_EMAILS = new Set([
  '',
  'noreply@github.com',
  'none@none',
  'unknown',
  'root@localhost',
  'nobody@nowhere',
  'user@example.com',
  'you@example.com',
]);

/** Names shared by unrelated people: never a reason to merge two identities. */
const GENERIC_NAMES = new Set([
  '',
  'unknown',
  'root',
  'admin',
  'user',
  'github',
  'ubuntu',
  'your name',
  'none',
]);

function emailKey(email: string): string | undefined {
  const e = email.trim().toLowerCase();
  if (GENERIC_EMAILS.has(e) || !e.includes('@')) return undefined;
  return e;
}

function nameKey(name: string): string | undefined {
  const n = name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (GENERIC_NAMES.has(n)) return undefined;
  return n;
}

/**
 * Interns raw `(name, email)` identities as small integers and merges them by shared email or
 * name (union-find with path halving).
 */
export class IdentityTable {
  readonly names: string[] = [];
  readonly emails: string[] = [];
  readonly bots: boolean[] = [];
  private readonly ids = new Map<string, number>();
  private readonly parent: number[] = [];
  private readonly byKey = new Map<string, number>();

  /** The id of `(name, email)`, merged with earlier ids sharing its email or name. */
  intern(name: string, email: string): number {
    const raw = `${name}\0${email}`;
    const known = this.ids.get(raw);
    if (known !== undefined) return known;
    const id = this.names.length;
    this.ids.set(raw, id);
    this.names.push(name);
    this.emails.push(email);
    this.bots.push(isBot(name, email));
    this.parent.push(id);
    for (const key of [emailKey(email), nameKey(name)]) {
      if (key === undefined) continue;
      const k = key.includes('@') ? `e:${key}` : `n:${key}`;
      const other = this.byKey.get(k);
      if (other === undefined) this.byKey.set(k, id);
      else this.union(other, id);
    }
    return id;
  }

  /** The representative id of `id`'s merged person. */
  find(id: number): number {
    let x = id;
    while (this.parent[x] !== x) {
      const grand = this.parent[this.parent[x] as number] as number;
      this.parent[x] = grand;
      x = grand;
    }
    return x;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // Keep the older identity as the representative: its name is shown.
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  /** `Name <email>` of a representative. */
  label(id: number): string {
    return `${this.names[id] ?? ''} <${this.emails[id] ?? ''}>`;
  }
}
