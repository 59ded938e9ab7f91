/**
 * Does the project say it is archived, deprecated or unmaintained? A clone does not carry the
 * forge's "archived" flag, but projects that stop usually say so at the top of their README, in
 * words or with a repostatus.org / shields.io badge.
 */
import type { RepoFiles } from './scorecard/types.js';

/** README names looked at, at the repository root. */
const README = /^readme(\.(md|markdown|rst|txt|adoc|org))?$/i;
/** Bytes of a README read. */
const MAX_README_BYTES = 64 * 1024;

const NOTICES: readonly RegExp[] = [
  /\b(?:this|the) (?:project|repository|repo|package|library|module|tool|crate|gem|plugin|extension|sdk|action) (?:is|has been) (?:now )?(?:officially )?(?:deprecated|archived|unmaintained|abandoned|discontinued|end[- ]of[- ]life|no longer (?:actively )?(?:maintained|supported|developed))\b/i,
  /\bno longer (?:actively )?(?:maintained|supported|developed)\b/i,
  /^\W{0,8}(?:deprecated|archived|unmaintained)\W{0,4}[:!]/i,
  /repostatus\.org\/badges\/[^\s)]*\/(?:abandoned|unsupported|inactive|moved)\.svg/i,
  /img\.shields\.io\/badge\/(?:maintenance|maintained)-no\b/i,
  /img\.shields\.io\/badge\/(?:status|project)-(?:deprecated|archived|unmaintained|abandoned)\b/i,
];

/** The first line of a root README that says the project is over, as `path:line: text`. */
export async function findDeprecationNotice(files: RepoFiles): Promise<string | undefined> {
  const readmes = files.list().filter((p) => !p.includes('/') && README.test(p));
  for (const p of readmes) {
    const bytes = await files.read(p, MAX_README_BYTES);
    if (bytes === undefined) continue;
    const lines = bytes.toString('utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (NOTICES.some((re) => re.test(line))) return `${p}:${i + 1}: ${line.trim().slice(0, 160)}`;
    }
  }
  return undefined;
}
