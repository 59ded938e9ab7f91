/**
 * The rule that turns a component's declared statements and the licences found in its files
 * into one concluded licence, or into none with a reason. Pure: no files, no clock.
 *
 * 1. Declared statements are normalised (`parseDeclared`). Exact readings (confidence
 *    `declared`) that all give the same expression make the declared licence; a correction
 *    ("Apache 2" → Apache-2.0, confidence `medium`) makes only a declared hint. Exact readings
 *    that differ from each other make no declared licence (the sources disagree).
 * 2. Detected licences are file matches at `exact` or `high` confidence; `medium` matches are
 *    hints, shown but never used.
 * 3. A detected licence agrees with a declared expression when one of its ids (the match's
 *    licence or an id of the same text, see `sameText`) names the same licence as a word of
 *    the expression, `-only`/`-or-later`/`+` aside: the text of GPL-2.0-only and
 *    GPL-2.0-or-later is the same, so the declaration decides the variant.
 * 4. Conclusion:
 *    - declared (exact) and every detected licence agrees → the declared expression
 *      (`confirmed`; `declared` when no licence file was found);
 *    - declared hint (medium) and at least one detected licence, all agreeing → the hint,
 *      confirmed by the text (`confirmed`); with no detected licence → nothing (`unknown`):
 *      a correction is a guess until a text backs it;
 *    - declared (exact or hint) and a detected licence that disagrees → nothing, status
 *      `mismatch`, and `license-mismatch` evidence naming both sides; except in a file that
 *      also states the declared licence (a combined notice file listing bundled code's
 *      licences): those extra licences are listed in `detected` and contradict nothing;
 *    - a proprietary statement (UNLICENSED) and a detected open licence → `mismatch` too;
 *    - nothing readable declared → the distinct detected licences joined with AND (a
 *      package whose files carry several licences is under all of them), `detected`; a choice
 *      found among them that offers all the others (a README's "Licensed under either of" over
 *      LICENSE-APACHE and LICENSE-MIT) is the conclusion instead; unless a match cannot tell
 *      variants apart (`sameText`), then nothing;
 *    - otherwise nothing (`unknown`) with the reason.
 */
import type { ComponentLicense, Confidence, LicenseStatement } from '../../../core/types.js';
import { parseDeclared, type DeclaredLicense } from '../declared/index.js';
import { categoryOf } from '../knowledge/index.js';
import type { LicenseMatch } from '../identify.js';
import { isRider } from '../riders.js';

/** A declared statement with where it was made. */
export interface DeclaredInput {
  readonly statement: LicenseStatement;
  /** Evidence id of the statement, when it has one. */
  readonly evidenceId?: string;
  readonly path?: string;
  readonly line?: number;
}

/** A licence match found in one file. */
export interface DetectedInput {
  readonly file: string;
  readonly match: LicenseMatch;
}

/** One side of a disagreement, for the `license-mismatch` evidence. */
export interface Side {
  readonly expression: string;
  readonly confidence: Confidence;
  readonly path?: string;
  readonly line?: number;
  readonly endLine?: number;
}

/** What the rule decides. */
export interface Conclusion {
  readonly license: ComponentLicense;
  /** Declared and detected sides of a mismatch (empty otherwise). */
  readonly mismatch?: { readonly declared: Side[]; readonly detected: Side[] };
  /** Confidence of the conclusion as evidence: `declared`, or the weakest supporting match. */
  readonly confidence?: Confidence;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A licence id reduced to what its text can tell: case and the -only/-or-later/+ suffix dropped. */
function family(id: string): string {
  return id
    .toLowerCase()
    .replace(/(?:-only|-or-later|\+|-\*)$/, '')
    .trim();
}

function words(expression: string): Set<string> {
  return new Set(
    expression
      .split(/[\s()]+/)
      .filter((w) => w !== '' && !/^(?:AND|OR|WITH)$/i.test(w))
      .map(family),
  );
}

/**
 * Every id a match may stand for: its licence, the ids of the same text and, for a family
 * answer (`GPL-2.0-*`), the members of the family. Read defensively: the matcher's result type
 * grows while it is improved.
 */
function candidates(match: LicenseMatch): string[] {
  const extra = (match as { readonly family?: unknown }).family;
  const members = Array.isArray(extra)
    ? extra.filter((x): x is string => typeof x === 'string')
    : [];
  return [match.license, ...(match.sameText ?? []), ...members];
}

/** Whether the text leaves the variant open (GPL-2.0-only or -or-later), so it cannot conclude alone. */
export function undecided(match: LicenseMatch): boolean {
  return candidates(match).length > 1 || match.license.includes('*');
}

/** Whether a match names a licence of the expression (rule 3). */
export function agrees(match: LicenseMatch, expression: string): boolean {
  const allowed = words(expression);
  return candidates(match).some((id) => allowed.has(family(id)));
}

function quote(s: string): string {
  return `“${s.length > 80 ? `${s.slice(0, 79)}…` : s}”`;
}

function at(d: DetectedInput): string {
  const m = d.match;
  return `${d.file}:${m.startLine}${m.endLine !== m.startLine ? `-${m.endLine}` : ''}`;
}

interface ReadStatement {
  readonly input: DeclaredInput;
  readonly parsed: DeclaredLicense;
}

/** Conclude a component's licence from its declared statements and detected matches. */
export function conclude(
  declaredInputs: readonly DeclaredInput[],
  detectedInputs: readonly DetectedInput[],
  /** Whether any of the component's files were on disk to look at. */
  looked = true,
): Conclusion {
  const read: ReadStatement[] = declaredInputs.map((input) => ({
    input,
    parsed: parseDeclared({
      value: input.statement.value,
      kind: input.statement.kind,
      ...(input.statement.name !== undefined ? { name: input.statement.name } : {}),
      ...(input.statement.link !== undefined ? { link: input.statement.link } : {}),
    }),
  }));
  const exact = read.filter(
    (r) => r.parsed.expression !== undefined && r.parsed.confidence === 'declared',
  );
  const medium = read.filter(
    (r) => r.parsed.expression !== undefined && r.parsed.confidence === 'medium',
  );
  const unreadable = read.filter((r) => r.parsed.expression === undefined);
  const exactExpressions = [...new Set(exact.map((r) => r.parsed.expression ?? ''))].sort(compare);
  const mediumExpressions = [...new Set(medium.map((r) => r.parsed.expression ?? ''))].sort(
    compare,
  );

  const confident = detectedInputs.filter((d) => d.match.confidence !== 'medium');
  const detected = [...new Set(confident.map((d) => d.match.license))].sort(compare);
  const hintIds = [
    ...new Set(
      detectedInputs.filter((d) => d.match.confidence === 'medium').map((d) => d.match.license),
    ),
  ]
    .filter((id) => !detected.includes(id))
    .sort(compare);
  const base = {
    detected,
    ...(hintIds.length > 0 ? { hints: hintIds } : {}),
  };
  const weakest: Confidence | undefined =
    confident.length === 0
      ? undefined
      : confident.some((d) => d.match.confidence === 'high')
        ? 'high'
        : 'exact';

  let declared: string | undefined;
  let declaredConfidence: 'declared' | 'medium' | undefined;
  let sources: ReadStatement[] = [];
  if (exactExpressions.length === 1) {
    declared = exactExpressions[0];
    declaredConfidence = 'declared';
    sources = exact;
  } else if (exactExpressions.length === 0 && mediumExpressions.length === 1) {
    declared = mediumExpressions[0];
    declaredConfidence = 'medium';
    sources = medium;
  }
  const declaredPart =
    declared !== undefined
      ? { declared, declaredConfidence: declaredConfidence ?? 'declared' }
      : {};

  if (
    exactExpressions.length > 1 ||
    (exactExpressions.length === 0 && mediumExpressions.length > 1)
  ) {
    const list = exactExpressions.length > 1 ? exactExpressions : mediumExpressions;
    return {
      license: {
        ...base,
        status: 'unknown',
        reason: `the declared statements disagree with each other (${list.join('; ')}); nothing concluded`,
      },
    };
  }

  if (declared !== undefined) {
    // A rider (the Commons Clause) found with the declared licence takes rights away from it:
    // it joins the conclusion (`Apache-2.0 AND LicenseRef-Commons-Clause`), neither confirming
    // nor contradicting the declared licence.
    const riders = confident.filter((d) => isRider(d.match.license));
    const licences = confident.filter((d) => !isRider(d.match.license));
    const withRiders = (expression: string): string =>
      riders.length === 0
        ? expression
        : allOf([expression, ...new Set(riders.map((d) => d.match.license))]);
    const riderNote =
      riders.length > 0
        ? `; ${[...new Set(riders.map((d) => `${d.match.license} (${at(d)})`))].join(', ')} restricts it`
        : '';
    // A file that states the declared licence and others too is a combined notice file (the
    // package's licence, then those of the code it bundles, as vite's LICENSE.md): its other
    // licences are listed in `detected` but contradict nothing.
    const confirming = new Set(
      licences.filter((d) => agrees(d.match, declared)).map((d) => d.file),
    );
    const extra = licences.filter((d) => !agrees(d.match, declared));
    const against = extra.filter((d) => !confirming.has(d.file));
    const bundled = [
      ...new Set(extra.filter((d) => confirming.has(d.file)).map((d) => d.match.license)),
    ].sort(compare);
    const bundledNote =
      bundled.length > 0
        ? `; the file that confirms it also carries ${bundled.join(', ')} (notices of bundled code, listed in detected)`
        : '';
    if (against.length > 0) {
      const found = [...new Set(against.map((d) => `${d.match.license} (${at(d)})`))].join(', ');
      return {
        license: {
          ...base,
          ...declaredPart,
          status: 'mismatch',
          reason: `declared ${declared} but the files say ${found}; nothing concluded`,
        },
        mismatch: {
          declared: sources.map((r) => sideOfDeclared(r, declared ?? '')),
          detected: against.map(sideOfDetected),
        },
      };
    }
    if (declaredConfidence === 'declared') {
      const confirmed = licences.length > 0;
      const concluded = withRiders(declared);
      return {
        license: {
          ...base,
          ...declaredPart,
          concluded,
          status: confirmed ? 'confirmed' : 'declared',
          category: categoryOf(concluded),
          ...(confirmed
            ? bundledNote !== '' || riderNote !== ''
              ? {
                  reason: `declared ${declared}, confirmed by its licence file${bundledNote}${riderNote}`,
                }
              : {}
            : {
                reason:
                  (looked
                    ? 'declared; no licence text found in its files to confirm it'
                    : 'declared; its files are not on disk, so no licence text was checked') +
                  riderNote,
              }),
        },
        confidence: 'declared',
      };
    }
    // A corrected statement concludes only once a licence text backs it.
    const from = sources[0]?.parsed.corrected?.from ?? sources[0]?.input.statement.value ?? '';
    if (licences.length > 0) {
      const concluded = withRiders(declared);
      return {
        license: {
          ...base,
          ...declaredPart,
          concluded,
          status: 'confirmed',
          category: categoryOf(concluded),
          reason: `declared ${quote(from)} reads as ${declared} only by correction; the licence text confirms it${bundledNote}${riderNote}`,
        },
        ...(weakest !== undefined ? { confidence: weakest } : {}),
      };
    }
    return {
      license: {
        ...base,
        ...declaredPart,
        status: 'unknown',
        reason: `declared ${quote(from)} reads as ${declared} only by correction (medium confidence) and no licence text confirms it; a hint, not a conclusion`,
      },
    };
  }

  const proprietary = unreadable.find((r) => r.parsed.reason?.startsWith('proprietary') === true);
  if (proprietary !== undefined && confident.length > 0) {
    const found = [...new Set(confident.map((d) => `${d.match.license} (${at(d)})`))].join(', ');
    return {
      license: {
        ...base,
        status: 'mismatch',
        reason: `declared ${quote(proprietary.input.statement.value)} (${proprietary.parsed.reason ?? 'proprietary'}) but the files say ${found}; nothing concluded`,
      },
      mismatch: {
        declared: [sideOfDeclared(proprietary, proprietary.input.statement.value)],
        detected: confident.map(sideOfDetected),
      },
    };
  }

  const declaredNote =
    unreadable.length > 0
      ? `; the declared ${quote(unreadable[0]?.input.statement.value ?? '')} could not be read as a licence (${unreadable[0]?.parsed.reason ?? 'unknown'})`
      : '';
  if (confident.length > 0) {
    const open = confident.find((d) => undecided(d.match));
    if (open !== undefined) {
      const ids = [...new Set(candidates(open.match))].join(', ');
      return {
        license: {
          ...base,
          status: 'unknown',
          reason: `${at(open)} has a text shared by ${ids} and nothing declared says which${declaredNote}`,
        },
      };
    }
    // A choice among the licences found (a README's "Licensed under either of … at your
    // option" over LICENSE-APACHE and LICENSE-MIT): those files are the choice's texts.
    const choice = detected.find(
      (e) => /\sOR\s/.test(e) && detected.every((o) => o === e || choicesOf(e).includes(o)),
    );
    const concluded = choice ?? allOf(detected);
    const files = [...new Set(confident.map((d) => d.file))].sort(compare);
    return {
      license: {
        ...base,
        concluded,
        status: 'detected',
        category: categoryOf(concluded),
        reason:
          `no licence declared; concluded from ${files.join(', ')}` +
          (choice !== undefined && detected.length > 1
            ? ` (the texts of the licences of the choice ${choice} that ${confident.find((d) => d.match.license === choice)?.file ?? 'a file'} states)`
            : detected.length > 1
              ? ' (several licences found: all apply, joined with AND)'
              : '') +
          declaredNote,
      },
      ...(weakest !== undefined ? { confidence: weakest } : {}),
    };
  }
  const reason =
    unreadable.length > 0
      ? `the declared ${quote(unreadable[0]?.input.statement.value ?? '')} is not a licence openvet can read (${unreadable[0]?.parsed.reason ?? 'unknown'}) and no licence file was identified`
      : hintIds.length > 0
        ? `no licence declared; the files only resemble ${hintIds.join(', ')} (medium confidence: a hint, never a conclusion)`
        : looked
          ? 'no licence declared and no licence text identified in its files'
          : 'no licence declared, and its files are not on disk to look at';
  return { license: { ...base, status: 'unknown', reason } };
}

function sideOfDeclared(r: ReadStatement, expression: string): Side {
  return {
    expression,
    confidence: r.parsed.confidence,
    ...(r.input.path !== undefined ? { path: r.input.path } : {}),
    ...(r.input.line !== undefined ? { line: r.input.line } : {}),
  };
}

function sideOfDetected(d: DetectedInput): Side {
  return {
    expression: d.match.license,
    confidence: d.match.confidence,
    path: d.file,
    line: d.match.startLine,
    endLine: d.match.endLine,
  };
}

/** Expressions that all apply, joined with AND (AND binds tighter than OR: a choice is wrapped). */
function allOf(expressions: readonly string[]): string {
  return expressions.map((e) => (/\sOR\s/i.test(e) ? `(${e})` : e)).join(' AND ');
}

/** The choices of an expression that is one at its top level (`A OR B`, no parentheses). */
function choicesOf(expression: string): string[] {
  return /[()]/.test(expression) ? [] : expression.split(/\s+OR\s+/);
}
