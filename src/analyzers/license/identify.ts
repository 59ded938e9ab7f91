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
import { focus } from './focus.js';
import { EXCEPTION_IDS, identifyExceptions, modifies } from './exceptions/index.js';
import { declaredInManifest, restatesDeclared } from './manifests/index.js';
import { declaredByReuseName } from './manifests/reuse.js';
import { identifyRiders } from './riders.js';
import { identifyText, type LicenseMatch } from './match.js';
import { normalize } from './normalize.js';
import { blankLines, detectNotices } from './notices/index.js';
import { successorOf } from './successors.js';

export type { Confidence, LicenseMatch } from './match.js';

/** Options for {@link identifyLicenses}. */
export interface IdentifyOptions {
  /** The file's name or path (not read), when known: its name tells manifests, its folders REUSE's licence files. */
  readonly fileName?: string;
  /**
   * Receives one sentence per bound of the engine this text reached (at most 64 licence texts
   * per file, the first 60,000 words compared, …): what the answer may lack.
   */
  readonly limits?: string[];
}

/** Every licence `file` states, in file order. Confidence semantics: see LicenseMatch. */
export function identifyLicenses(file: string, options: IdentifyOptions = {}): LicenseMatch[] {
  // The rules read the parts of a long file near licence words (focus.ts); the manifest
  // parsers below read the whole file.
  const text = focus(file);
  const texts = identifyText(text, options.limits);
  // A file whose words are exactly one licence's text (most LICENSE files) holds nothing else:
  // no AI licence text and no exception (an exception's own text is looked at by its rules).
  const only = texts.length === 1 && texts[0]?.confidence === 'exact' ? texts[0] : undefined;
  const lines = only && normalize(text).lines;
  const alone =
    only !== undefined &&
    !EXCEPTION_IDS.has(only.license) &&
    only.startLine === lines?.[0] &&
    only.endLine === lines.at(-1);
  const ai = alone ? [] : identifyAiLicense(text);
  // A notice inside a licence text is part of it (the GPL's "How to Apply" appendix), even when
  // the text only matched `medium`: restating it as the file's notice would be a guess.
  // An exception's own text (the deprecated `GPL-2.0-with-…-exception` ids) is not a licence
  // text: the notice next to it names the licence it modifies.
  // (An AI licence's name in a sentence explains no lines: "the code is under the MIT license,
  // the weights under the Llama 3.1 Community License" states both.)
  const explained = [
    ...texts.filter((m) => !EXCEPTION_IDS.has(m.license)),
    ...ai.filter((m) => m.confidence !== 'medium' && m.via !== 'notice'),
  ];
  const aiNotices = ai.filter((m) => m.via === 'notice');
  const notices = detectNotices(text, {
    exclude: explained,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const decided = texts.map((m) => decide(successor(m), notices));
  const exceptions = (alone ? [] : identifyExceptions(text)).map((e) => {
    const next = successorOf(e.license);
    return next === undefined ? e : { ...e, license: next };
  });
  const named = exceptions.some((e) => e.confidence !== 'medium');
  const all = withExceptions(
    [
      ...decided,
      ...ai,
      ...(named ? notices : withUnknownExceptions(text, notices, explained)).filter(
        (n) => !absorbed(n, decided) && !restates(n, aiNotices),
      ),
    ],
    exceptions,
  );
  // A rider that takes rights away from the licence it is attached to (the Commons Clause).
  all.push(...identifyRiders(text, all, explained));
  // Hints only when nothing confident was found: a medium next to a conclusion is noise.
  const confident = all.filter((m) => m.confidence !== 'medium');
  const out = confident.length > 0 ? confident : all;
  const sorted = out.sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
  if (options.fileName === undefined) return sorted;
  // A REUSE LICENSES/ file's name: the licence the project declares the text is, unless the
  // text says so itself.
  const reuse = declaredByReuseName(options.fileName, file.split('\n').length);
  if (
    reuse !== undefined &&
    !sorted.some((m) => m.confidence !== 'medium' && m.license === reuse.license)
  )
    sorted.push(reuse);
  // Package manifests and model cards: the declared licence fields. A notice read from the same
  // field (`"license": "MIT"`) restates it and is dropped in favour of the declared match.
  const declared = declaredInManifest(file, basename(options.fileName));
  if (declared.length === 0) return sorted;
  const kept = sorted.filter((m) => !restatesDeclared(m, declared));
  return [...kept, ...declared].sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}

/** A notice stating what an AI licence rule read on the same lines ("under CC BY-NC 4.0"). */
function restates(n: LicenseMatch, aiNotices: readonly LicenseMatch[]): boolean {
  return aiNotices.some(
    (a) => a.license === n.license && a.startLine <= n.endLine && a.endLine >= n.startLine,
  );
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
  // GFDL ids also say whether the document has invariant sections, which the text cannot.
  const stem = (open[0] as string)
    .replace(/-(?:only|or-later)$/, '')
    .replace(/-(?:no-)?invariants$/, '');
  return {
    ...m,
    license: `${stem}-*`,
    family: open,
    reason: `The ${stem} text is the same for ${open.join(' and ')}; no notice in the file says which version terms apply ("only", or "or any later version")${stem.startsWith('GFDL') ? ' or whether the document has invariant sections' : ''}. Look for a notice in the source files or the package metadata.`,
  };
}

// "As a special exception, …", "In addition to the permissions in the GNU General Public
// License, …", "I give permission for vsftpd to be linked to the OpenSSL libraries": the text
// grants an exception to a GNU licence. Not the word alone: source code throws exceptions.
const EXCEPTION_STATEMENTS =
  /\b(?:special|following|additional|linking|link|runtime|library|classpath|font|autoconf|bison)\s+exceptions?\b|\bexceptions?\s+(?:to|from)\s+(?:the\s+)?(?:terms|gnu|gpl|lgpl|agpl|license|licence)\b|\bwith\s+(?:the|an|this|following)\s+exceptions?\b|\bexception\s+statement\b|\bonly\s+exception\b|\badditional\s+permissions?\b|\bin\s+addition\s+to\s+the\s+permissions\b|\b(?:specific\s+)?permission\s+is\s+(?:also\s+)?granted\s+to\s+link\b|\bpermission\s+(?:for\s+[\w.-]+\s+)?to\s+(?:be\s+)?link(?:ed)?\b/gi;

/**
 * A notice in a text that also states an exception no rule names (or is an exception's text): the
 * licence is "GPL WITH <some exception>", and saying only "GPL" would be confidently wrong. A
 * hint, with the reason.
 */
function withUnknownExceptions(
  text: string,
  notices: readonly LicenseMatch[],
  /** Licence texts found in the file: their own wording ("as a special exception, the source
   * code distributed need not include…", GPL-2.0 section 3) states no exception. */
  licenseTexts: readonly LicenseMatch[],
): readonly LicenseMatch[] {
  const title = /^\s*(\S[^\n]*)/.exec(text)?.[1] ?? '';
  // An exception's own text (its title says so): every licence it names is context.
  const exceptionText = /\bexception\b/i.test(title);
  // Only confident notices are demoted, and outside an exception's own text only GNU ones; the
  // search through the whole text is only for files that have such a notice.
  const demotable = (n: LicenseMatch): boolean =>
    n.via === 'notice' &&
    n.confidence !== 'medium' &&
    !n.license.includes(' WITH ') &&
    (exceptionText || /^(?:A|L)?GPL-/.test(n.license));
  if (!notices.some(demotable)) return notices;
  if (!exceptionText && !statesException(blankLines(text, licenseTexts), notices.filter(demotable)))
    return notices;
  return notices.map((n) =>
    demotable(n)
      ? {
          ...n,
          confidence: 'medium' as const,
          reason:
            'The file states an exception to this licence that openvet cannot name; the licence is this one WITH that exception.',
        }
      : n,
  );
}

// "…gcc's library exception to the GPL v3": the version of the GNU licence an exception is to.
const EXCEPTION_TO_VERSION =
  /\bexceptions?\s+(?:to|from)\s+(?:the\s+)?(?:gnu\s+)?(?:(?:lesser|affero)\s+)?(?:general\s+public\s+license|[al]?gpl)\s*,?\s*(?:v\.?\s*|version\s*)?(\d)\b/i;

/**
 * Whether `text` states an exception that may modify one of `notices` (GNU licences): one to
 * another version of the licence ("GPL v2 … gcc's library exception to the GPL v3") does not.
 */
function statesException(text: string, notices: readonly LicenseMatch[]): boolean {
  const versions = new Set(notices.map((n) => /-(\d)\.\d/.exec(n.license)?.[1]));
  for (const m of text.matchAll(EXCEPTION_STATEMENTS)) {
    const to = EXCEPTION_TO_VERSION.exec(text.slice(m.index, m.index + 120))?.[1];
    if (to === undefined || versions.has(to)) return true;
  }
  return false;
}

/** Lines around an exception within which a licence match is the licence it modifies. */
const EXCEPTION_NEAR_LINES = 30;

/** The licence part of a match's id (`GPL-2.0-only WITH X` → GPL-2.0-only). */
function baseOf(license: string): string {
  const at = license.indexOf(' WITH ');
  return at < 0 ? license : license.slice(0, at);
}

/**
 * A notice naming a deprecated id that SPDX now writes as a licence WITH this exception
 * (`wxWindows` → `GPL-2.0-or-later WITH WxWindows-exception-3.1`): it names the exception, not
 * the licence the text grants.
 */
function namesException(m: LicenseMatch, e: LicenseMatch): boolean {
  return successorOf(m.license)?.endsWith(` WITH ${e.license}`) === true;
}

/** Whether match `m` lies inside the lines of `e`. */
function within(m: LicenseMatch, e: LicenseMatch): boolean {
  return m.startLine >= e.startLine && m.endLine <= e.endLine;
}

/** Lines between two ranges (0 when they overlap). */
function gap(a: LicenseMatch, b: LicenseMatch): number {
  return Math.max(0, a.startLine - b.endLine, b.startLine - a.endLine);
}

/**
 * Joins each exception found with the licence it modifies: the nearest confident licence match
 * overlapping it or within EXCEPTION_NEAR_LINES becomes `<licence> WITH <exception>` (a notice
 * that named another exception — "with the Classpath exception" — takes the one the text
 * proves). An exception with no licence next to it is reported alone. Full-text matches that
 * are an exception's own text (the deprecated `GPL-2.0-with-…-exception` ids) give way to the
 * exception rules, which tell the variants apart.
 */
function withExceptions(
  matches: readonly LicenseMatch[],
  exceptions: readonly LicenseMatch[],
): LicenseMatch[] {
  if (exceptions.length === 0) return [...matches];
  const out = matches.filter(
    (m) => !(EXCEPTION_IDS.has(m.license) && exceptions.some((e) => gap(e, m) === 0)),
  );
  for (const e of exceptions) {
    if (e.confidence === 'medium') {
      out.push(e);
      continue;
    }
    // A licence named inside the exception's own text that the exception is not written for
    // is what the exception lets code combine with ("software licensed under the GPLv2" in
    // LLVM's), a mention.
    for (let i = out.length - 1; i >= 0; i--) {
      const x = out[i] as LicenseMatch;
      if (x.confidence !== 'medium' && within(x, e) && !modifies(e.license, baseOf(x.license))) {
        out.splice(i, 1);
      }
    }
    const near = out
      .map((m, i) => ({ m, i, d: gap(e, m) }))
      .filter(
        ({ m, d }) =>
          m.confidence !== 'medium' &&
          !EXCEPTION_IDS.has(m.license) &&
          !namesException(m, e) &&
          modifies(e.license, baseOf(m.license)) &&
          d <= EXCEPTION_NEAR_LINES,
      )
      // A notice that already names this exception first, then a licence outside the
      // exception's own text (inside it, a licence is usually a mention: "code distributed under
      // the GPL"), then the nearest.
      .sort(
        (a, b) =>
          Number(b.m.license.endsWith(` WITH ${e.license}`)) -
            Number(a.m.license.endsWith(` WITH ${e.license}`)) ||
          Number(within(a.m, e)) - Number(within(b.m, e)) ||
          a.d - b.d,
      );
    const best = near[0]?.i ?? -1;
    const m = out[best];
    if (m === undefined) {
      out.push(e);
      continue;
    }
    const base = baseOf(m.license);
    const withE = (id: string): string => withException(id, e.license);
    const combined: LicenseMatch = {
      ...m,
      license: withE(base),
      confidence: m.confidence === 'exact' ? 'high' : m.confidence,
      startLine: Math.min(m.startLine, e.startLine),
      endLine: Math.max(m.endLine, e.endLine),
      ...(m.sameText ? { sameText: m.sameText.map(withE) } : {}),
      ...(m.family ? { family: m.family.map(withE) } : {}),
      reason: `${m.reason ? `${m.reason} ` : ''}Lines ${e.startLine}-${e.endLine} state ${e.license}, an exception to ${base}.`,
    };
    // The exception's text names its licence again ("provided under the terms of the LGPL with
    // the following exceptions"): those mentions are part of it, as is a notice of the same
    // licence overlapping it, or one nearby naming an exception by name only ("GPL2 with the
    // Classpath exception"), which the text found here overrides.
    const partOf = (x: LicenseMatch): boolean =>
      x.confidence !== 'medium' &&
      (within(x, e) ||
        (namesException(x, e) && gap(e, x) <= EXCEPTION_NEAR_LINES) ||
        (baseOf(x.license) === base &&
          (gap(e, x) === 0 ||
            (x.via === 'notice' &&
              x.license.includes(' WITH ') &&
              gap(e, x) <= EXCEPTION_NEAR_LINES))));
    const rest = out.filter((x, i) => i !== best && !partOf(x));
    out.length = 0;
    out.push(...rest, combined);
  }
  return out.map((m) => versioned(m, exceptions));
}

/**
 * `license` with the exception joined: to each choice of a plain `A OR B` it is written for
 * ("GPL-2.0-only WITH e OR MIT"), else to the whole.
 */
function withException(license: string, exception: string): string {
  if (/[()]|\sAND\s/.test(license)) return `${baseOf(license)} WITH ${exception}`;
  const choices = license.split(' OR ').map(baseOf);
  if (!choices.some((id) => modifies(exception, id))) return `${baseOf(license)} WITH ${exception}`;
  return choices
    .map((id) => (modifies(exception, id) ? `${id} WITH ${exception}` : id))
    .join(' OR ');
}

/** The family of an exception id: its first word (`Autoconf`, `Classpath`, `GCC`). */
function exceptionFamily(id: string): string {
  return (id.split('-')[0] ?? id).toLowerCase();
}

/**
 * A notice that names an exception by name only ("GPLv3 with the Autoconf exception") takes the
 * version the file's own exception text proves (Autoconf-exception-generic-3.0), as a GPL text
 * takes the version its notice states.
 */
function versioned(m: LicenseMatch, exceptions: readonly LicenseMatch[]): LicenseMatch {
  const at = m.license.indexOf(' WITH ');
  if (m.via !== 'notice' || at < 0) return m;
  const named = m.license.slice(at + 6).split(' ')[0] as string;
  const proven = exceptions.find(
    (e) =>
      e.confidence !== 'medium' &&
      e.license !== named &&
      exceptionFamily(e.license) === exceptionFamily(named),
  );
  if (proven === undefined) return m;
  return {
    ...m,
    license: m.license
      .split(' ')
      .map((token) => (token === named ? proven.license : token))
      .join(' '),
    reason: `The notice names the ${named.split('-')[0]} exception; lines ${proven.startLine}-${proven.endLine} state ${proven.license}.`,
  };
}

/** A notice restating what a text match in the file already says (the same licence). */
function absorbed(n: LicenseMatch, texts: readonly LicenseMatch[]): boolean {
  return texts.some(
    (t) => t.confidence !== 'medium' && (t.license === n.license || mislabels(n, t)),
  );
}

/** Lines above a licence text in which a heading names it ("licensed under the New BSD License"). */
const HEADING_LINES = 3;

/**
 * A notice right above (or inside) a verified licence text that names another variant of the
 * same licence ("now licensed under the New BSD License" over the two-clause text): the text is
 * what is granted, and the notice's variant is a mislabel.
 */
function mislabels(n: LicenseMatch, t: LicenseMatch): boolean {
  if (n.via !== 'notice' || t.license.includes('*') || n.license.includes(' ')) return false;
  const stem = (id: string): string => id.split('-')[0] ?? id;
  return (
    stem(n.license) === stem(t.license) &&
    n.startLine >= t.startLine - HEADING_LINES &&
    n.endLine <= t.endLine
  );
}
