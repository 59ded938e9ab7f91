/**
 * The one entry point for "which licences does this text state?": full licence texts
 * (match.ts), short notices, grants, identifier lines and licence URLs (notices/), and AI model
 * licences (ai/), merged into one list in file order.
 *
 * Texts that cannot decide between ids (the GPL-2.0 text is the same for GPL-2.0-only and
 * GPL-2.0-or-later) are decided by a notice in the same file when there is one; otherwise the
 * answer is the family (`GPL-2.0-*`) with `family` listing the candidates and a `reason`.
 */
import { basename } from 'node:path';
import { identifyAiLicense } from './ai/index.js';
import { declaredInManifest, restatesDeclared } from './manifests/index.js';
import { identifyText, type LicenseMatch } from './match.js';
import { detectNotices } from './notices/index.js';
import { successorOf } from './successors.js';

export type { Confidence, LicenseMatch } from './match.js';

/** Options for {@link identifyLicenses}. */
export interface IdentifyOptions {
  /** The file's name (not read), when known. */
  readonly fileName?: string;
}

/** Every licence `text` states, in file order. Confidence semantics: see LicenseMatch. */
export function identifyLicenses(text: string, options: IdentifyOptions = {}): LicenseMatch[] {
  const texts = identifyText(text);
  const ai = identifyAiLicense(text);
  // A notice inside a licence text is part of it (the GPL's "How to Apply" appendix), even when
  // the text only matched `medium`: restating it as the file's notice would be a guess.
  const explained = [...texts, ...ai.filter((m) => m.confidence !== 'medium')];
  const notices = detectNotices(text, { exclude: explained });
  const decided = texts.map((m) => decide(successor(m), notices));
  const all = [
    ...decided,
    ...ai,
    ...withUnknownExceptions(text, notices).filter((n) => !absorbed(n, decided)),
  ];
  // Hints only when nothing confident was found: a medium next to a conclusion is noise.
  const confident = all.filter((m) => m.confidence !== 'medium');
  const out = confident.length > 0 ? confident : all;
  const sorted = out.sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
  if (options.fileName === undefined) return sorted;
  // Package manifests and model cards: the declared licence fields. A notice read from the same
  // field (`"license": "MIT"`) restates it and is dropped in favour of the declared match.
  const declared = declaredInManifest(text, basename(options.fileName));
  if (declared.length === 0) return sorted;
  const kept = sorted.filter((m) => !restatesDeclared(m, declared));
  return [...kept, ...declared].sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}

function successor(m: LicenseMatch): LicenseMatch {
  const next = successorOf(m.license);
  if (next === undefined) return m;
  return {
    ...m,
    license: next,
    sameText: [m.license, ...(m.sameText ?? [])],
    reason: `The text is that of ${m.license}, a deprecated SPDX id; SPDX lists the licence as ${next}.`,
  };
}

/** The ids a text match leaves open: itself and the ids with the same text, minus deprecated. */
function candidates(m: LicenseMatch): string[] {
  return [m.license, ...(m.sameText ?? [])].filter((id) => /-(?:only|or-later)$/.test(id));
}

/**
 * A text match whose text fits several ids: the notice in the file that names one of them
 * decides; otherwise the family is the answer, with the reason.
 */
function decide(m: LicenseMatch, notices: readonly LicenseMatch[]): LicenseMatch {
  const open = candidates(m);
  if (open.length < 2) return m;
  const notice = notices.find((n) => n.confidence !== 'medium' && open.includes(n.license));
  if (notice) {
    const rest: LicenseMatch = { ...m };
    delete (rest as { sameText?: unknown }).sameText;
    return {
      ...rest,
      license: notice.license,
      reason: `The text fits ${open.join(' and ')}; the notice on line ${notice.startLine} says ${notice.license}.`,
    };
  }
  const stem = (open[0] as string).replace(/-(?:only|or-later)$/, '');
  return {
    ...m,
    license: `${stem}-*`,
    family: open,
    reason: `The ${stem} text is the same for ${open.join(' and ')}; no notice in the file says which version terms apply ("only", or "or any later version"). Look for a notice in the source files or the package metadata.`,
  };
}

// "As a special exception, …", "In addition to the permissions in the GNU General Public
// License, …", "I give permission for vsftpd to be linked to the OpenSSL libraries": the text
// grants an exception to a GNU licence.
const EXCEPTION_STATEMENT =
  /\bexceptions?\b|\badditional\s+permissions?\b|\bin\s+addition\s+to\s+the\s+permissions\b|\b(?:specific\s+)?permission\s+is\s+(?:also\s+)?granted\s+to\s+link\b|\bpermission\s+(?:for\s+[\w.-]+\s+)?to\s+(?:be\s+)?link(?:ed)?\b/i;

/**
 * A notice in a text that also states an exception no rule names (or is an exception's text): the
 * licence is "GPL WITH <some exception>", and saying only "GPL" would be confidently wrong. A
 * hint, with the reason.
 */
function withUnknownExceptions(
  text: string,
  notices: readonly LicenseMatch[],
): readonly LicenseMatch[] {
  const title = /^\s*(\S[^\n]*)/.exec(text)?.[1] ?? '';
  // An exception's own text (its title says so): every licence it names is context.
  const exceptionText = /\bexception\b/i.test(title);
  if (!exceptionText && !EXCEPTION_STATEMENT.test(text)) return notices;
  return notices.map((n) =>
    n.via === 'notice' &&
    (exceptionText || /^(?:A|L)?GPL-/.test(n.license)) &&
    !n.license.includes(' WITH ') &&
    n.confidence !== 'medium'
      ? {
          ...n,
          confidence: 'medium' as const,
          reason:
            'The file states an exception to this licence that openvet cannot name; the licence is this one WITH that exception.',
        }
      : n,
  );
}

/** A notice restating what a text match in the file already says (the same licence). */
function absorbed(n: LicenseMatch, texts: readonly LicenseMatch[]): boolean {
  return texts.some((t) => t.confidence !== 'medium' && t.license === n.license);
}
