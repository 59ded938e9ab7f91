/**
 * AI model licences and acceptable-use policies, identified by rules (rules.ts): titles, version
 * dates and distinctive clauses, looked for as normalised token phrases.
 *
 * 1. The text is normalised once (normalize.ts); every rule phrase is looked up at each token
 *    through an index keyed by the phrase's first token, so the pass is linear in the text.
 * 2. Hits of one family (Llama licences, Llama policies, the RAIL licences, …) that lie close
 *    together form a region; a region with several family phrases is a full text, otherwise a
 *    notice ("licensed under the Llama 3.1 Community License").
 * 3. A full text is `high` only when its title, its version line and its required clauses are
 *    all there, nothing of a sibling contradicts it, and no marker names another version;
 *    anything less is `medium` with the reason. A notice is `high` when a grant word precedes
 *    the exact licence name, `medium` for a bare mention.
 */
import type { LicenseMatch } from '../match.js';
import { normalize } from '../normalize.js';
import { findPhrases, indexByFirstToken, type PhraseHit, type PhraseIndex } from '../phrases.js';
import { AI_RULES, CC_FULL_TEXT, FAMILY_PHRASES, GRANT_WORDS, type AiRule } from './rules.js';

type Kind = 'title' | 'version' | 'required' | 'clause' | 'absent' | 'name' | 'tag' | 'family';

interface PhraseRef {
  readonly kind: Kind | 'cc-full';
  readonly family: string;
  /** Index into AI_RULES; -1 for family phrases. */
  readonly rule: number;
}

interface Phrase {
  readonly id: number;
  readonly tokens: readonly string[];
  readonly refs: PhraseRef[];
}

type Hit = PhraseHit<Phrase>;

interface Compiled {
  readonly byFirst: PhraseIndex<Phrase>;
}

/** Largest distance in tokens between two hits of one region. */
const MAX_GAP = 1500;
/** Distinct family phrases that make a region a full text rather than a notice. */
const TEXT_MIN_PHRASES = 3;
/** Distinct family phrases a region without any title or name needs to be reported at all. */
const ANONYMOUS_MIN_PHRASES = 5;
/** Longest name or title phrase, in tokens (bounds the look-back when names nest). */
const MAX_NAME_TOKENS = 16;
/** Most phrase hits looked at in one text; beyond this a file is a list, not a licence. */
const MAX_HITS = 5000;
/** Distinct licences named in one notice region from which it is taken for a list. */
const LIST_MIN_NAMES = 3;
/** Tokens looked at before a name for a grant word. */
const GRANT_WINDOW = 5;

/** A line starting like a copyright notice but longer than any notice (see identifyAiLicense). */
const LONG_COPYRIGHT_LINE = /^(?=[ \t]*(?:copyright|\(c\)|©)[^\n]{300})/gim;

/** `text` with LONG_COPYRIGHT_LINE's lines prefixed, after a cheap look for any line that long. */
function withLongCopyrightLinesKept(text: string): string {
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > 300) return text.replace(LONG_COPYRIGHT_LINE, 'x ');
    start = end + 1;
  }
  return text;
}

let compiled: Compiled | undefined;

/**
 * Both spellings of a hyphenated Creative Commons name: normalize joins "a-b" but keeps "a b"
 * apart, and notices write "Attribution-NonCommercial" both ways. Not for other families, where
 * the split form would be a sibling's name ("Open RAIL-M" split is "Open RAIL++-M").
 */
function spellings(text: string, family: string): string[] {
  if (family !== 'cc') return [text];
  const split = text.replace(/([A-Za-z])-(?=[A-Za-z])/g, '$1 ');
  return split === text ? [text] : [text, split];
}

function compile(): Compiled {
  const byKey = new Map<string, Phrase>();
  const add = (text: string, ref: PhraseRef): void => {
    for (const spelling of spellings(text, ref.family)) {
      const tokens = normalize(spelling).tokens;
      if (tokens.length === 0) continue;
      const key = tokens.join(' ');
      let phrase = byKey.get(key);
      if (!phrase) {
        phrase = { id: byKey.size, tokens, refs: [] };
        byKey.set(key, phrase);
      }
      if (!phrase.refs.some((r) => r.kind === ref.kind && r.rule === ref.rule)) {
        phrase.refs.push(ref);
      }
    }
  };
  AI_RULES.forEach((rule, i) => {
    const f = rule.family;
    for (const t of rule.titles) add(t, { kind: 'title', family: f, rule: i });
    for (const t of rule.versions ?? []) add(t, { kind: 'version', family: f, rule: i });
    for (const t of rule.required ?? []) add(t, { kind: 'required', family: f, rule: i });
    for (const t of rule.clauses ?? []) add(t, { kind: 'clause', family: f, rule: i });
    for (const t of rule.absent ?? []) add(t, { kind: 'absent', family: f, rule: i });
    for (const t of rule.names ?? []) add(t, { kind: 'name', family: f, rule: i });
    for (const t of rule.tags ?? []) add(t, { kind: 'tag', family: f, rule: i });
  });
  for (const [family, phrases] of Object.entries(FAMILY_PHRASES)) {
    for (const t of phrases) add(t, { kind: 'family', family, rule: -1 });
  }
  for (const t of CC_FULL_TEXT) add(t, { kind: 'cc-full', family: 'cc', rule: -1 });
  return { byFirst: indexByFirstToken(byKey.values()) };
}

/** True when a grant word ("under", "subject to", "license:") comes just before token `start`. */
function granted(tokens: readonly string[], start: number): boolean {
  for (let k = start - 1; k >= 0 && k >= start - GRANT_WINDOW; k--) {
    if (GRANT_WORDS.has(tokens[k] as string)) return true;
  }
  return false;
}

interface RuleEvidence {
  title: boolean;
  /** Token index of the first title hit. */
  firstTitle?: number;
  version: boolean;
  required: Set<number>;
  clauses: Set<number>;
  absent: boolean;
  /** Name or title mentions: granted ones, bare ones. */
  grantedNames: Hit[];
  bareNames: Hit[];
}

function evidenceOf(region: readonly Hit[], tokens: readonly string[]): Map<number, RuleEvidence> {
  const byRule = new Map<number, RuleEvidence>();
  // A name inside a longer name or tag ("llama3" inside "llama3 1") is not a mention of its own.
  const nameHits = region.filter((h) =>
    h.phrase.refs.some((r) => r.kind === 'name' || r.kind === 'tag' || r.kind === 'title'),
  );
  // Name hits are in text order; only those starting a phrase length before one can cover it.
  const coveredHits = new Set<Hit>();
  nameHits.forEach((h, at) => {
    for (let k = at - 1; k >= 0 && (nameHits[k] as Hit).start >= h.start - MAX_NAME_TOKENS; k--) {
      const o = nameHits[k] as Hit;
      if (o.end >= h.end && o.end - o.start > h.end - h.start) coveredHits.add(h);
    }
    for (let k = at + 1; k < nameHits.length && (nameHits[k] as Hit).start === h.start; k++) {
      if ((nameHits[k] as Hit).end > h.end) coveredHits.add(h);
    }
  });
  const covered = (h: Hit): boolean => coveredHits.has(h);
  for (const hit of region) {
    for (const ref of hit.phrase.refs) {
      if (ref.rule < 0) continue;
      let ev = byRule.get(ref.rule);
      if (!ev) {
        ev = {
          title: false,
          version: false,
          required: new Set(),
          clauses: new Set(),
          absent: false,
          grantedNames: [],
          bareNames: [],
        };
        byRule.set(ref.rule, ev);
      }
      switch (ref.kind) {
        case 'title':
          ev.title = true;
          ev.firstTitle = Math.min(ev.firstTitle ?? hit.start, hit.start);
          break;
        case 'version':
          ev.version = true;
          break;
        case 'required':
          ev.required.add(hit.phrase.id);
          break;
        case 'clause':
          ev.clauses.add(hit.phrase.id);
          break;
        case 'absent':
          ev.absent = true;
          break;
        default:
          break;
      }
      if ((ref.kind === 'name' || ref.kind === 'tag' || ref.kind === 'title') && !covered(hit)) {
        if (granted(tokens, hit.start)) ev.grantedNames.push(hit);
        else if (ref.kind !== 'tag') ev.bareNames.push(hit);
      }
    }
  }
  return byRule;
}

const requiredCounts = new Map<AiRule, number>();

/** Distinct required phrases of `rule` (two may normalise alike). */
function requiredCount(rule: AiRule): number {
  let n = requiredCounts.get(rule);
  if (n === undefined) {
    n = new Set((rule.required ?? []).map((t) => normalize(t).tokens.join(' '))).size;
    requiredCounts.set(rule, n);
  }
  return n;
}

/** How strongly the region's own markers point at a rule. */
function weight(rule: AiRule, ev: RuleEvidence): number {
  return (
    (ev.title ? 3 : 0) +
    (ev.version ? 3 : 0) +
    ev.required.size +
    ev.clauses.size * 0.5 +
    (ev.grantedNames.length + ev.bareNames.length > 0 ? 1 : 0) -
    (ev.absent ? 3 : 0) -
    (rule.noticeOnly ? 100 : 0)
  );
}

/** Rules the region names outright: by title, version line or a licence name. */
function claimedRules(evidence: ReadonlyMap<number, RuleEvidence>): number[] {
  return [...evidence]
    .filter(
      ([, ev]) => ev.title || ev.version || ev.grantedNames.length > 0 || ev.bareNames.length > 0,
    )
    .map(([i]) => i);
}

function lineSpan(hits: readonly Hit[], lines: readonly number[]): [number, number] {
  let start = Infinity;
  let end = 0;
  for (const h of hits) {
    start = Math.min(start, lines[h.start] as number);
    end = Math.max(end, lines[h.end - 1] as number);
  }
  return [start, end];
}

function idOf(i: number): string {
  return (AI_RULES[i] as AiRule).id;
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}

function judgeText(
  region: readonly Hit[],
  evidence: ReadonlyMap<number, RuleEvidence>,
  familyFound: number,
  familySize: number,
  lines: readonly number[],
): LicenseMatch | undefined {
  const ranked = [...evidence]
    .map(([i, ev]) => ({ i, ev, w: weight(AI_RULES[i] as AiRule, ev) }))
    .sort((a, b) => b.w - a.w);
  const best = ranked[0];
  if (!best || best.w <= 0) return undefined;
  const rule = AI_RULES[best.i] as AiRule;
  const { ev } = best;
  // Texts open with their title; hits before it are references from a preceding text (a
  // licence citing its policy's URL), not part of this one.
  const titleAt = ev.firstTitle ?? -1;
  const own = titleAt < 0 ? region : region.filter((h) => h.start >= titleAt);
  const [startLine, endLine] = lineSpan(own, lines);
  const reqTotal = requiredCount(rule);
  const hasVersions = (rule.versions ?? []).length > 0;
  const expected = 1 + (hasVersions ? 1 : 0) + reqTotal + (rule.clauses ?? []).length + familySize;
  const found =
    (ev.title ? 1 : 0) + (ev.version ? 1 : 0) + ev.required.size + ev.clauses.size + familyFound;
  const score = round(found / Math.max(1, expected));
  const others = claimedRules(evidence).filter((i) => i !== best.i);
  const problems: string[] = [];
  if (others.length > 0) {
    problems.push(`the text also names ${others.map(idOf).join(', ')}`);
  }
  if (ranked[1] && ranked[1].w === best.w) {
    problems.push(`it reads as much like ${idOf(ranked[1].i)}`);
  }
  if (!ev.title) problems.push('its title is missing');
  if (hasVersions && !ev.version) problems.push('its version line is missing');
  if (ev.required.size < reqTotal) {
    problems.push(`${reqTotal - ev.required.size} of its distinctive clauses are missing`);
  }
  if (ev.absent) problems.push('it has a clause this licence does not have');
  const base = { license: rule.id, score, startLine, endLine, via: 'text' as const };
  if (problems.length === 0) return { ...base, confidence: 'high' };
  return { ...base, confidence: 'medium', reason: `${rule.id}? ${problems.join('; ')}` };
}

function judgeNotices(
  evidence: ReadonlyMap<number, RuleEvidence>,
  lines: readonly number[],
): LicenseMatch[] {
  const named = [...evidence].filter(
    ([, ev]) => ev.grantedNames.length > 0 || ev.bareNames.length > 0,
  );
  // Three or more licences named close together are a list (licence lists, badge tables), not
  // a statement about this file.
  if (named.length >= LIST_MIN_NAMES) return [];
  const several = named.length > 1;
  return named.map(([i, ev]) => {
    const hits = ev.grantedNames.length > 0 ? ev.grantedNames : ev.bareNames;
    const [startLine, endLine] = lineSpan(hits, lines);
    const base = { license: idOf(i), startLine, endLine, via: 'notice' as const };
    if (several) {
      return {
        ...base,
        confidence: 'medium' as const,
        score: 0.5,
        reason: `the notice names several licences: ${named.map(([j]) => idOf(j)).join(', ')}`,
      };
    }
    if (ev.grantedNames.length > 0) return { ...base, confidence: 'high' as const, score: 1 };
    return {
      ...base,
      confidence: 'medium' as const,
      score: 0.5,
      reason: `${idOf(i)} is named, but not in a grant or notice ("licensed under …")`,
    };
  });
}

/** The rule whose title `hit` is, if it is a title. */
function titleRule(hit: Hit, family: string): number | undefined {
  return hit.phrase.refs.find((r) => r.kind === 'title' && r.family === family)?.rule;
}

function isBody(hit: Hit, family: string): boolean {
  return hit.phrase.refs.some(
    (r) => r.family === family && (r.kind === 'family' || r.kind === 'required'),
  );
}

/**
 * Splits a family's hits (sorted by position) into regions: nearby hits go together, and a
 * title of another licence after a body of its own starts a new region (two Llama licences
 * one after the other are two texts, not one text naming two versions).
 */
function regions(hits: readonly Hit[], family: string): Hit[][] {
  const out: Hit[][] = [];
  let current: Hit[] = [];
  let lastEnd = -Infinity;
  let currentTitle: number | undefined;
  let bodySinceTitle = new Set<number>();
  for (const h of hits) {
    const title = titleRule(h, family);
    const newText =
      title !== undefined &&
      currentTitle !== undefined &&
      title !== currentTitle &&
      bodySinceTitle.size >= TEXT_MIN_PHRASES;
    if (current.length > 0 && (h.start - lastEnd > MAX_GAP || newText)) {
      out.push(current);
      current = [];
      currentTitle = undefined;
      bodySinceTitle = new Set();
    }
    if (title !== undefined && currentTitle === undefined) currentTitle = title;
    if (isBody(h, family)) bodySinceTitle.add(h.phrase.id);
    current.push(h);
    lastEnd = Math.max(lastEnd, h.end);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Identifies AI model licences and acceptable-use policies in `text`, each with its line range. */
export function identifyAiLicense(text: string): LicenseMatch[] {
  compiled ??= compile();
  // normalize drops a line that starts like a copyright notice; a licence reflowed onto one
  // line after its copyright notice would vanish whole. A long line is text, not a notice:
  // a leading word keeps it.
  const { tokens, lines, ids } = normalize(withLongCopyrightLinesKept(text));
  const hits = findPhrases(tokens, compiled.byFirst, MAX_HITS, ids);
  if (hits.length === 0) return [];
  const ccFullText = hits.some((h) => h.phrase.refs.some((r) => r.kind === 'cc-full'));
  const byFamily = new Map<string, Hit[]>();
  for (const h of hits) {
    for (const family of new Set(h.phrase.refs.map((r) => r.family))) {
      if (family === 'cc' && ccFullText) continue;
      const list = byFamily.get(family) ?? [];
      list.push(h);
      byFamily.set(family, list);
    }
  }
  const texts: LicenseMatch[] = [];
  const notices: LicenseMatch[] = [];
  for (const [family, familyHits] of byFamily) {
    const familySize = (FAMILY_PHRASES[family] ?? []).length;
    for (const region of regions(familyHits, family)) {
      const scoped = region.map((h) => ({
        ...h,
        phrase: { ...h.phrase, refs: h.phrase.refs.filter((r) => r.family === family) },
      }));
      const evidence = evidenceOf(scoped, tokens);
      const distinct = new Set(
        scoped
          .filter((h) => h.phrase.refs.some((r) => r.kind === 'family' || r.kind === 'required'))
          .map((h) => h.phrase.id),
      );
      const familyFound = new Set(
        scoped
          .filter((h) => h.phrase.refs.some((r) => r.kind === 'family'))
          .map((h) => h.phrase.id),
      ).size;
      const anyNamed = claimedRules(evidence).length > 0;
      if (
        distinct.size >= TEXT_MIN_PHRASES &&
        (anyNamed || distinct.size >= ANONYMOUS_MIN_PHRASES)
      ) {
        const match = judgeText(scoped, evidence, familyFound, familySize, lines);
        if (match) {
          texts.push(match);
          continue;
        }
      }
      notices.push(...judgeNotices(evidence, lines));
    }
  }
  // A name inside a full text (the AUP citing "Section 1(a) of the Llama 3.3 Community License
  // Agreement") is part of that text, not a notice of its own.
  // Two texts in one file (a licence, then its policy): the first ends where the next begins.
  texts.sort((a, b) => a.startLine - b.startLine);
  for (let k = 0; k + 1 < texts.length; k++) {
    const cur = texts[k] as LicenseMatch;
    const next = texts[k + 1] as LicenseMatch;
    if (cur.endLine >= next.startLine && cur.startLine < next.startLine) {
      texts[k] = { ...cur, endLine: next.startLine - 1 };
    }
  }
  const inText = (m: LicenseMatch): boolean =>
    texts.some((t) => t.startLine <= m.startLine && m.endLine <= t.endLine);
  const found = [...texts, ...notices.filter((n) => !inText(n))];
  return found.sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}
