/**
 * Scorecard's Security-Policy check.
 *
 * Scorecard source read: checks/raw/security_policy.go (the policy files it looks for, the first
 * non-empty one in listing order; the URL, e-mail and "disclosure/vulnerability/1–4 digit"
 * patterns counted line by line; when the repository has none, Scorecard also reads the owner's
 * `.github` repository through the GitHub API, which a clone cannot do), the probes
 * securityPolicyContains{Links,VulnerabilityDisclosure,Text} and
 * checks/evaluation/security_policy.go (links or e-mails 6, more than one disclosure hint 1,
 * enough text besides the links 3; no file → 0).
 */
import { checkResult, evidenceLine } from './common.js';
import type { CheckResult, RepoFiles } from './types.js';

const POLICY_FILES = new Set([
  'security.md',
  '.github/security.md',
  'docs/security.md',
  'security.adoc',
  '.github/security.adoc',
  'docs/security.adoc',
  'doc/security.rst',
  'docs/security.rst',
]);

const URL_PATTERN = /(http|https):\/\/[a-zA-Z0-9./?=_%:-]*/g;
const EMAIL_PATTERN = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,6}\b/g;
// Go's `(?i)(\b*[0-9]{1,4}\b|(Disclos|Vuln))`: `\b*` (zero or more boundaries) matches empty.
const DISCLOSURE_PATTERN = /([0-9]{1,4}\b|(Disclos|Vuln))/gi;

/** What a policy file's content holds, as Scorecard counts it. */
export interface PolicyContent {
  readonly urls: readonly { readonly match: string; readonly line: number }[];
  readonly emails: readonly { readonly match: string; readonly line: number }[];
  readonly disclosureHits: readonly { readonly match: string; readonly line: number }[];
  readonly size: number;
}

/** The policy file Scorecard would read: the first listed one with content. */
export async function findSecurityPolicy(
  files: RepoFiles,
): Promise<{ path: string; text: string } | undefined> {
  for (const path of files.list()) {
    if (!POLICY_FILES.has(path.toLowerCase())) continue;
    const bytes = await files.read(path);
    if (bytes === undefined || bytes.length === 0) continue;
    return { path, text: bytes.toString('utf8') };
  }
  return undefined;
}

/** Scorecard's `collectPolicyHits`. */
export function policyContent(text: string): PolicyContent {
  const urls: { match: string; line: number }[] = [];
  const emails: { match: string; line: number }[] = [];
  const disclosureHits: { match: string; line: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    for (const m of line.matchAll(URL_PATTERN)) urls.push({ match: m[0], line: i + 1 });
    for (const m of line.matchAll(EMAIL_PATTERN)) emails.push({ match: m[0], line: i + 1 });
    for (const m of line.matchAll(DISCLOSURE_PATTERN))
      disclosureHits.push({ match: m[0], line: i + 1 });
  });
  return { urls, emails, disclosureHits, size: Buffer.byteLength(text, 'utf8') };
}

/** Security-Policy: 0 without a policy file, else up to 10 from its content. */
export async function securityPolicy(files: RepoFiles): Promise<CheckResult> {
  const found = await findSecurityPolicy(files);
  if (found === undefined) {
    return checkResult(
      0,
      "security policy file not detected (the owner's .github repository is not checked: it needs the GitHub API)",
      [],
    );
  }
  const content = policyContent(found.text);
  const uniqueUrls = new Set(content.urls.map((u) => u.match));
  const uniqueEmails = new Set(content.emails.map((e) => e.match));
  let linked = 0;
  for (const u of uniqueUrls) linked += u.length;
  for (const e of uniqueEmails) linked += e.length;
  let score = 0;
  const evidence = [evidenceLine(found.path, 1, 'security policy file')];
  if (uniqueUrls.size + uniqueEmails.size > 0) {
    score += 6;
    for (const u of content.urls)
      evidence.push(evidenceLine(found.path, u.line, `link ${u.match}`));
    for (const e of content.emails)
      evidence.push(evidenceLine(found.path, e.line, `e-mail ${e.match}`));
  }
  if (content.disclosureHits.length > 1) {
    score += 1;
    const first = content.disclosureHits[0];
    if (first !== undefined) {
      evidence.push(
        evidenceLine(
          found.path,
          first.line,
          `${content.disclosureHits.length} disclosure/vulnerability/timeline hints`,
        ),
      );
    }
  }
  if (content.size > 1 && content.size > linked + (uniqueUrls.size + uniqueEmails.size) * 2) {
    score += 3;
  }
  return checkResult(score, 'security policy file detected', evidence);
}
