/**
 * Licence text normalisation after the SPDX Matching Guidelines
 * (https://spdx.github.io/spdx-spec/v2.3/license-matching-guidelines-and-templates/).
 *
 * Written by hand: no maintained JavaScript library implements these guidelines. The result is
 * a flat array of word tokens, so that whitespace, line breaks (reflowed text), punctuation,
 * quotes, dashes, case, comment prefixes, list markers and Markdown markup all stop mattering;
 * `lines[i]` keeps, for token i, the 1-based source line it came from, so that a match over a
 * token range can be reported as a line range.
 */

import { rtfText } from './rtf.js';
import { WordTable, hashStart, hashStep } from './words.js';

export interface NormalizedText {
  /** Lower-case word tokens after all equivalences are applied. */
  readonly tokens: readonly string[];
  /** 1-based source line of each token (same length as `tokens`). */
  readonly lines: readonly number[];
  /**
   * Each token's id in `normalizedWords` (same length as `tokens`); -1 for a word the table does
   * not keep (longer than MAX_STORED_WORD, or met after the table reached its bound).
   */
  readonly ids: readonly number[];
}

/**
 * Equivalent words and phrases, guideline 8 ("Equivalent words"). Each entry maps a variant to
 * the canonical spelling; the pairs are the SPDX list (equivalentwords.txt), plus the inflected
 * forms of licence/licence that real licence texts use. Multi-word variants are handled after
 * tokenisation by PHRASES below.
 */
const EQUIVALENT_WORDS: ReadonlyMap<string, string> = new Map([
  ['acknowledgment', 'acknowledgement'],
  ['analogue', 'analog'],
  ['analyse', 'analyze'],
  ['artefact', 'artifact'],
  ['authorisation', 'authorization'],
  ['authorised', 'authorized'],
  ['calibre', 'caliber'],
  ['cancelled', 'canceled'],
  ['capitalisations', 'capitalizations'],
  ['catalogue', 'catalog'],
  ['categorise', 'categorize'],
  ['centre', 'center'],
  ['emphasised', 'emphasized'],
  ['favour', 'favor'],
  ['favourite', 'favorite'],
  ['fulfil', 'fulfill'],
  ['fulfilment', 'fulfillment'],
  ['initialise', 'initialize'],
  ['judgment', 'judgement'],
  ['labelling', 'labeling'],
  ['labour', 'labor'],
  ['licence', 'license'],
  ['licences', 'licenses'],
  ['licenced', 'licensed'],
  ['licencing', 'licensing'],
  ['licencee', 'licensee'],
  ['licencees', 'licensees'],
  ['licencor', 'licensor'],
  ['licencors', 'licensors'],
  ['sublicence', 'sublicense'],
  ['sublicences', 'sublicenses'],
  ['maximise', 'maximize'],
  ['merchantibility', 'merchantability'],
  ['modelled', 'modeled'],
  ['modelling', 'modeling'],
  ['offence', 'offense'],
  ['optimise', 'optimize'],
  ['organisation', 'organization'],
  ['organise', 'organize'],
  ['practise', 'practice'],
  ['programme', 'program'],
  ['realise', 'realize'],
  ['recognise', 'recognize'],
  ['signalling', 'signaling'],
  ['utilisation', 'utilization'],
  ['whilst', 'while'],
  ['wilful', 'wilfull'],
  // Guideline 10 (http/https) works on URLs; URLs are split into word tokens here.
  ['https', 'http'],
]);

/**
 * Two-token variants rewritten to one canonical token sequence (guideline 8): "sub license"
 * (hyphens between letters are removed before this, so "sub-license" is "sublicense" already),
 * "per cent", "copyright owner", "non commercial" written with a space.
 */
const PHRASES: readonly (readonly [string, string, readonly string[]])[] = [
  ['sub', 'license', ['sublicense']],
  ['sub', 'licenses', ['sublicenses']],
  ['sub', 'licensed', ['sublicensed']],
  ['per', 'cent', ['percent']],
  ['copyright', 'owner', ['copyright', 'holder']],
  ['copyright', 'owners', ['copyright', 'holders']],
  ['non', 'commercial', ['noncommercial']],
  ['royalty', 'free', ['royaltyfree']],
  ['non', 'exclusive', ['nonexclusive']],
];

/** Longest text considered; the rest is cut (no licence is within two orders of magnitude of this). */
const MAX_TEXT_CHARS = 2_000_000;

// The line rules below are `^`-anchored with the `m` flag and tried at line starts only
// (replaceAtLineStarts); they never match a line break (but for the copyright rules, which say
// so), so line numbers survive: hence `[ \t]` rather than `\s`.

/**
 * A line rule (`^`-anchored, flag `m`) that starts with optional blanks (spaces, tabs, and ">"
 * when `quoteIsBlank`) and then needs one of `firstChars`: replaceAtLineStarts tries it only at
 * the line starts where one of those follows the blanks.
 */
export interface LineRule {
  readonly rule: RegExp;
  readonly sticky: RegExp;
  /** 1 for the characters (UTF-16 code units) that may follow the blanks. */
  readonly first: Uint8Array;
  readonly quoteIsBlank: boolean;
}

export function lineRule(rule: RegExp, firstChars: string, quoteIsBlank = false): LineRule {
  const first = new Uint8Array(65536);
  for (let i = 0; i < firstChars.length; i++) first[firstChars.charCodeAt(i)] = 1;
  const sticky = new RegExp(rule.source, rule.flags.replace('g', '') + 'y');
  return { rule, sticky, first, quoteIsBlank };
}

/**
 * Calls `found` with each match of `rule` in `text` (offset and length), as a global regex pass
 * would find them, trying the rule (sticky) only at the line starts where it could match: a
 * regex pass tries every position of the text and was a third of the normaliser's time.
 * Returns false, having called nothing, for text with U+2028/U+2029 (which also start a line
 * for `^`): the caller takes the plain pass.
 */
function eachLineMatch(
  text: string,
  { sticky, first, quoteIsBlank }: LineRule,
  found: (at: number, match: RegExpExecArray) => void,
): boolean {
  if (/[\u2028\u2029]/.test(text)) return false;
  const n = text.length;
  for (let at = 0; at < n;) {
    let p = at;
    let c = text.charCodeAt(p);
    while (c === 32 || c === 9 || (c === 62 && quoteIsBlank)) c = text.charCodeAt(++p);
    let next = text.indexOf('\n', p);
    if (p < n && first[c] === 1) {
      sticky.lastIndex = at;
      const m = sticky.exec(text);
      if (m && m[0].length > 0) {
        found(at, m);
        // A match may run into the next line (a copyright line's "all rights reserved"): the
        // next try is at the first line start it leaves.
        const end = at + m[0].length;
        next = text.charCodeAt(end - 1) === 10 ? end - 1 : text.indexOf('\n', end);
      }
    }
    if (next < 0) break;
    at = next + 1;
  }
  return true;
}

/**
 * `text.replace(rule.rule, replacement)` by eachLineMatch, `replacement` '' or a function of the
 * match (`$1` is `m[1]`).
 */
export function replaceAtLineStarts(
  text: string,
  rule: LineRule,
  replacement: '' | ((match: readonly string[]) => string) = '',
): string {
  const parts: string[] = [];
  let kept = 0; // text before this is decided (copied or replaced)
  const done = eachLineMatch(text, rule, (at, m) => {
    parts.push(text.slice(kept, at));
    if (replacement !== '') parts.push(replacement(m));
    kept = at + m[0].length;
  });
  if (!done) {
    if (replacement === '') return text.replace(rule.rule, '');
    return text.replace(rule.rule, (...m: string[]) => replacement(m));
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

/** How many matches of `rule.rule` `text` has, by eachLineMatch. */
function countAtLineStarts(text: string, rule: LineRule): number {
  let count = 0;
  const done = eachLineMatch(text, rule, () => count++);
  return done ? count : (text.match(rule.rule)?.length ?? 0);
}

// Comment prefixes and suffixes (guideline 6, "code comment indicators"): "//", "#", "*",
// "/* */", "--", ";", "%", "!", "'", "::", REM, dnl, and Markdown heading marks ("#") and
// block quotes (">"). Repeated prefixes ("// * ") go in one match.
// (Case-insensitive although it runs on lower-cased text: V8 runs it twice as fast so.)
const COMMENT_PREFIX =
  /^[ \t>]*(?:(?:\/\*+|\*+\/|\/\/+|#+|\*+|--+|;+|%+|!+|'+|::|@?rem(?=[ \t]|$)|dnl(?=[ \t]|$))[ \t>]*)+/gim;
const COMMENT_SUFFIX = /\*+\/[ \t]*$/gm;
/** COMMENT_PREFIX after its blanks (">" among them) starts with one of / * # - ; % ! ' : @ r d. */
const COMMENT_PREFIX_RULE = lineRule(COMMENT_PREFIX, "/*#-;%!':@rd", true);

/** `text` (lower-cased) without its lines' comment prefixes. */
export function withoutCommentPrefixes(text: string): string {
  return replaceAtLineStarts(text, COMMENT_PREFIX_RULE);
}

// A copyright notice line (guideline 9: copyright notices are ignored). Only lines that *start*
// a notice: "Copyright (c) 2020 …", "Copyright 2020 …", "(c) 2020 …", "© …". A reflowed
// sentence line such as "copyright notice, this list of conditions" is kept. The text is
// already lower-cased here.
// "Copyright Jane Doe <jane@x>" counts too: "copyright" then any word that cannot continue a
// licence sentence (those are listed).
// "Portions Copyright (c) …" (PostgreSQL, Apache-2.0 appendices) likewise.
// Up to "All rights reserved" (what follows on the line is the next sentence), or up to a full
// stop after a placeholder or an address in angle brackets ("Copyright (c) <year> by <author's
// name>. This material may be distributed only …", the Open Publication License's example,
// which copies wrap anywhere: the sentence after it is licence text), else the whole
// line, or, on a long line (a licence written on one line after its copyright), the statement
// up to its first full stop (not an initial's).
const COPYRIGHT_LINE =
  /^[ \t]*(?:portions[ \t]+(?=copyright|\(c\)|©))?(?:copyright[ \t]*(?:\(c\)|©|\d|<|\[|\{|by\b|:|$)|copyright[ \t]+(?!(?:notices?|holders?|owners?|laws?|and|or|statements?|licen[cs]es?|licensing|protection|infringement|rights?|the|of|to|in|is|are|on|for|act|claims?|interests?|purposes|treaties|treaty|terms|status|assignment|disclaimer|information|transfer|ownership|policy|lines?|doctrines?|exceptions?|limitations?|restrictions?|permissions?|violations?|registrations?|office|symbol|as|that|which|this|under|with|by|not|will|shall|may|must|applies|also|at|from|be|has|have|it|its|so|such|was|were|remains|&)\b)[a-z]|\(c\)[ \t]*(?:\d{4}|<)|©)(?:[^\n]{0,300}?all\s+rights\s+reserved\.?|[^\n]{0,300}?>\.(?=\s)|[^\n]{0,300}$|[^\n]{0,300}?[a-z0-9]{2}\.(?=\s))/gm;

// List markers at the start of a line (guideline 7, "bullets and numbering"): "1.", "1.2.",
// A copyright line that ends in "by" goes on with its holders on the next line ("Copyright
// 1996-2002, 2006 by / David Turner, Robert Wilhelm, and Werner Lemberg"): the names join the
// line (which COPYRIGHT_LINE then drops) and their own line stays, empty, so lines still count.
const COPYRIGHT_BY_NEXT_LINE = lineRule(
  /^([ \t]*(?:copyright[ \t]*(?:\(c\)|©|\d)|\(c\)[ \t]*\d{4}|©)[^\n]{0,200}?[ \t]by)[ \t]*\n[ \t]*((?:[^\s\n]+[ \t]+){0,11}[^\s\n]+)[ \t]*$/gm,
  'c(©',
);
/** Whether a line ends in a hyphen or dash (SPLIT_WORD's precondition), by a scan of line ends. */
function hyphenAtLineEnd(text: string): boolean {
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    let end = at - 1;
    while (text[end] === ' ' || text[end] === '\t') end--;
    const c = text[end];
    if (c === '-' || c === '\u2010' || c === '\u2011') return true;
  }
  return false;
}

/** COPYRIGHT_BY_NEXT_LINE applied, after a cheap look for a line ending in "by". */
function withHoldersJoined(text: string): string {
  for (let at = text.indexOf('by'); at >= 0; at = text.indexOf('by', at + 2)) {
    let end = at + 2;
    while (text[end] === ' ' || text[end] === '\t') end++;
    if (text[end] === '\n')
      return replaceAtLineStarts(text, COPYRIGHT_BY_NEXT_LINE, (m) => `${m[1]} ${m[2]}\n`);
  }
  return text;
}
// "(a)", "a)", "iv.", "-", "*", "•". "(c)" is a marker, not a copyright sign, unless followed by
// a year (COPYRIGHT_LINE runs first).
const LIST_MARKER =
  /^[ \t]*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivxlc]{1,6})[.)](?=\s|$)|\((?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})\)|[-*•·◦▪‣–—+](?=\s|$))/gm;
/** COPYRIGHT_LINE starts "copyright", "(c)", "©" or "portions". */
const COPYRIGHT_LINE_RULE = lineRule(COPYRIGHT_LINE, 'c(©p');
/** LIST_MARKER starts with "(", a digit, a letter a–z, a bullet or a dash. */
const LIST_MARKER_RULE = lineRule(LIST_MARKER, '(0123456789abcdefghijklmnopqrstuvwxyz-*•·◦▪‣–—+');

// HTML markup and entities (licences are often served as HTML pages): tags vanish, entities
// become their characters. Only real HTML tag names, so "<year>" or "<owner>" placeholders stay.
export const HTML_TAG =
  /<\/?(?:p|br|div|span|a|b|i|u|em|strong|h[1-6]|ul|ol|li|pre|code|html|head|body|title|meta|link|table|tr|td|th|tbody|thead|font|center|blockquote|hr|img|section|article|header|footer|nav|small|sup|sub|tt|dl|dt|dd|!doctype|style|script)\b[^>\n]{0,300}>/gi;
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  ldquo: '"',
  rdquo: '"',
  bdquo: '"',
  lsquo: "'",
  rsquo: "'",
  sbquo: "'",
  laquo: '"',
  raquo: '"',
  ndash: '-',
  mdash: '-',
  hellip: '...',
  bull: '•',
  middot: '·',
  sect: '§',
  para: '¶',
  shy: '',
};
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi;
/** Replaces HTML entities: the named ones licence pages use, and numeric ones ("&#039;"). */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (e, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return HTML_ENTITIES[name.toLowerCase()] ?? e;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex as string, 16);
    // Control characters and values beyond Unicode stay as written.
    return code >= 32 && code <= 0x10ffff ? String.fromCodePoint(code) : e;
  });
}

// An HTML page (a licence saved from a website), told by its document-level tags near the start:
// every tag is markup, so any tag name goes and its attributes may span lines, and the head,
// styles and scripts are not text. Comments are text (licence headers live in them); only their
// markers go. Outside pages only known tag names are removed (HTML_TAG), so "<year>"
// placeholders in plain texts stay.
const HTML_PAGE = /<(?:!doctype\s+html|html[\s>]|body[\s>]|head>)/i;
const HTML_PAGE_START = 4000;
const HTML_NON_TEXT =
  /<head[\s>][\s\S]{0,100000}?<\/head>|<(style|script)\b[\s\S]{0,100000}?<\/\1>/gi;
// Element names only: a page pasted in unescaped keeps "<http://…>" and "<name of author>".
const PAGE_TAG =
  /<\/?(?:a|abbr|address|area|article|aside|b|base|basefont|big|blockquote|body|br|button|caption|center|cite|code|col|colgroup|dd|del|details|dfn|dir|div|dl|dt|em|fieldset|figcaption|figure|font|footer|form|frame|frameset|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|map|mark|menu|meta|nav|nobr|noscript|object|ol|optgroup|option|p|param|pre|q|s|samp|section|select|small|spacer|span|strike|strong|sub|summary|sup|table|tbody|td|textarea|tfoot|th|thead|time|title|tr|tt|u|ul|var|wbr|xmp)(?=[\s/>])[^<>]{0,1000}>|<!doctype[^<>]{0,1000}>|<!--|-->/gi;
/** The same number of line breaks as `s`: replaced markup keeps the lines after it in place. */
const breaksOf = (s: string): string => ' ' + '\n'.repeat(s.split('\n').length - 1);
/** Text of an HTML page, markup removed and entities decoded; other texts as they are. */
export function htmlText(text: string): string {
  if (!HTML_PAGE.test(text.slice(0, HTML_PAGE_START))) return decodeEntities(text);
  return decodeEntities(text.replace(HTML_NON_TEXT, breaksOf).replace(PAGE_TAG, breaksOf));
}

const MARKDOWN_LINK = /!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g;
// A word hyphenated across a line break ("infringe-\nment"), possibly inside a comment block:
// the word is joined on the first line and the rest of the second line stays on its line.
const SPLIT_WORD = /(\p{L})[-‐‑][ \t]*\n([\s>]*(?:(?:\/\/+|#+|\*+|--+|;+|%+|!+)[ \t]*)?)(\p{L}+)/gu;
export const QUOTES = /['‘’‚‛′`´"“”„‟″«»]/g;
// A hyphen or dash between two letters joins them ("non-infringement" = "noninfringement",
// "sub-license" = "sublicense"); guideline 5 treats hyphens and dashes as equivalent, so a dash
// typed as two hyphens does too ("reason--for" = "reason–for", CC 4.0's en dash).
const INNER_HYPHEN = /([a-z\u00df-\u024f])[-‐‑‒–—―]{1,3}(?=[a-z\u00df-\u024f])/g;

// Word characters: letters, digits and combining marks (\p{L}, \p{N}, \p{M}), told per UTF-16
// code unit and remembered (0: not yet told, 1: word, 2: not). The scanner below reads them
// character by character instead of running a regex, which allocated a match per token.
const WORD_UNIT = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
for (let c = 0; c < 128; c++) WORD_UNIT[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;

/**
 * How many code units the word character at `at` takes (its first unit is `code`): 1, or 2 for
 * a letter outside the Basic Multilingual Plane; 0 when it is not a word character.
 */
function wordUnits(text: string, at: number, code: number): number {
  let kind = WORD_UNIT[code] as number;
  if (kind === 0) {
    kind = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    WORD_UNIT[code] = kind;
  }
  if (kind === 1) return 1;
  if (code < 0xd800 || code > 0xdbff) return 0;
  const low = text.charCodeAt(at + 1);
  return low >= 0xdc00 && low <= 0xdfff && WORD_CHAR.test(String.fromCharCode(code, low)) ? 2 : 0;
}

// A listing copied with its line numbers ("13<TAB>The "New" BSD License:"): the numbers are not
// text. Told by most lines starting with a number and a tab (list items use "1." or "(a)").
const NUMBERED_LINE_RULE = lineRule(/^[ \t]*\d{1,6}\t/gm, '0123456789');
const MIN_NUMBERED_LINES = 5;
const NUMBERED_SHARE = 0.5;

/** `text` without the line numbers of a numbered listing; other texts as they are. */
export function withoutLineNumbers(text: string): string {
  if (text.indexOf('\t') < 0) return text;
  const numbered = countAtLineStarts(text, NUMBERED_LINE_RULE);
  if (numbered < MIN_NUMBERED_LINES) return text;
  let lines = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') lines++;
  return numbered >= NUMBERED_SHARE * lines ? replaceAtLineStarts(text, NUMBERED_LINE_RULE) : text;
}

/** The last text normalised and its result: the matchers of one file share one pass. */
let last: { readonly text: string; readonly result: NormalizedText } | undefined;

/** Normalises licence text into comparable tokens with their source lines. */
export function normalize(text: string): NormalizedText {
  if (last !== undefined && last.text === text) return last.result;
  const result = normalizeOnce(text);
  last = { text, result };
  return result;
}

function normalizeOnce(text: string): NormalizedText {
  // Passes whose pattern needs a character the text lacks are skipped: a plain search is much
  // cheaper than a regex pass over the whole text.
  let t = withoutLineNumbers(
    htmlText(
      rtfText(text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text).replace(
        /\r\n?/g,
        '\n',
      ),
    ),
  );
  if (t.includes('<')) t = t.replace(HTML_TAG, ' ');
  t = t.toLowerCase();
  if (hyphenAtLineEnd(t)) t = t.replace(SPLIT_WORD, '$1$3\n$2');
  if (t.includes('](')) t = t.replace(MARKDOWN_LINK, '$1');
  t = t
    .replace(QUOTES, '') // guideline 5: quotes vanish, "licensor's" = "licensors"
    .replace(INNER_HYPHEN, '$1');
  if (t.includes('&')) t = t.replace(/&/g, ' and '); // guideline 8: "&" = "and"
  t = withoutCommentPrefixes(t);
  if (t.includes('*/')) t = t.replace(COMMENT_SUFFIX, '');
  const withoutCopyrights = replaceAtLineStarts(withHoldersJoined(t), COPYRIGHT_LINE_RULE);
  return tokenize(replaceAtLineStarts(withoutCopyrights, LIST_MARKER_RULE));
}

/** The word tokens of prepared (lower-cased, marks removed) text, with the token rules applied. */
function tokenize(prepared: string): TokenList {
  const out: TokenList = { tokens: [], lines: [], ids: [] };
  const n = prepared.length;
  let line = 1;
  for (let i = 0; i < n;) {
    let code = prepared.charCodeAt(i);
    let units = code < 128 ? 2 - (WORD_UNIT[code] as number) : wordUnits(prepared, i, code);
    if (units === 0) {
      if (code === 10) line++;
      i++;
      continue;
    }
    const start = i;
    let hash = hashStart;
    do {
      hash = hashStep(hash, code);
      if (units === 2) hash = hashStep(hash, prepared.charCodeAt(i + 1));
      i += units;
      if (i >= n) break;
      code = prepared.charCodeAt(i);
      units = code < 128 ? 2 - (WORD_UNIT[code] as number) : wordUnits(prepared, i, code);
    } while (units !== 0);
    let id = normalizedWords.find(prepared, start, i, hash);
    if (id < 0) {
      // A word of untrusted text is stored only when short, so that no file fills the table
      // (kept for the whole run) with megabytes; past its bound nothing new is stored.
      if (i - start <= MAX_STORED_WORD) id = normalizedWords.idOf(prepared.slice(start, i), hash);
      if (id < 0) {
        // A word without an id is no equivalent variant nor phrase end (those are SEEDED).
        out.tokens.push(prepared.slice(start, i));
        out.lines.push(line);
        out.ids.push(-1);
        continue;
      }
    }
    if (id < SEEDED) {
      id = CANONICAL[id] as number;
      if (PHRASE_END[id] === 1 && rewrite(out, id)) continue;
    }
    out.tokens.push(normalizedWords.words[id] as string);
    out.lines.push(line);
    out.ids.push(id);
  }
  return out;
}

interface TokenList {
  tokens: string[];
  lines: number[];
  ids: number[];
}

function push(out: TokenList, word: string, line: number): void {
  out.tokens.push(word);
  out.lines.push(line);
  out.ids.push(normalizedWords.idOf(word));
}

function truncate(out: TokenList, length: number): void {
  out.tokens.length = length;
  out.lines.length = length;
  out.ids.length = length;
}

/** Every word the normaliser has met (NormalizedText.ids index it), up to MAX_STORED_WORD long. */
export const normalizedWords = new WordTable();
/**
 * Longest word stored, in UTF-16 units: longer than any word of a licence but for runs of CJK
 * text (no spaces; the longest reference word has 62); a longer one is a token without an id.
 */
const MAX_STORED_WORD = 100;

/** Most words naming the holder in the BSD endorsement clause ("the name of <holder> may not…"). */
const MAX_HOLDER_WORDS = 12;
const ENDORSE_TAIL = ['may', 'not', 'be', 'used', 'to'];
const ENDORSE_HEAD = ['neither', 'the', 'name', 'of', 'nor', 'names', 'its', 'contributors'];

// The words the token rules act on, stored first: ids below SEEDED. A word stored later is no
// equivalent variant and ends no phrase, so the scanner looks neither up for it.
for (const [variant, canonical] of EQUIVALENT_WORDS) {
  normalizedWords.idOf(variant);
  normalizedWords.idOf(canonical);
}
for (const [a, b, words] of PHRASES) for (const w of [a, b, ...words]) normalizedWords.idOf(w);
for (const w of [...ENDORSE_TAIL, ...ENDORSE_HEAD, 'endorse', 'all', 'rights', 'reserved'])
  normalizedWords.idOf(w);
const SEEDED = normalizedWords.size;
/** Each seeded word's canonical spelling (guideline 8), by id. */
const CANONICAL = Int32Array.from({ length: SEEDED }, (_, id) => {
  const canonical = EQUIVALENT_WORDS.get(normalizedWords.words[id] as string);
  return canonical === undefined ? id : normalizedWords.idOf(canonical);
});
/** 1 for the words the token rules (rewrite) start from: a phrase's last word. */
const PHRASE_END = new Uint8Array(SEEDED);
for (const w of [...PHRASES.map(([, b]) => b), 'reserved', 'endorse'])
  PHRASE_END[normalizedWords.idOf(w)] = 1;
const ENDORSE_ID = normalizedWords.idOf('endorse');
const RESERVED_ID = normalizedWords.idOf('reserved');

/**
 * The BSD no-endorsement clause comes in two wordings with one meaning: the 4.4BSD form
 * "Neither the name of <holder> nor the names of its contributors may be used to endorse" and the
 * older "The name of <holder> may not be used to endorse" (or "The name <holder> …", "Names of
 * <holder> …"), which many BSD-3-Clause copies keep.
 * The second is rewritten to the first, so that a BSD-3-Clause worded the old way differs from
 * the reference only in its filled-in holder. Returns true when `out` was rewritten (the
 * caller still adds "endorse").
 */
function endorsementClause(out: TokenList): boolean {
  const { tokens, lines, ids } = out;
  const n = tokens.length;
  for (let k = 0; k < ENDORSE_TAIL.length; k++)
    if (tokens[n - ENDORSE_TAIL.length + k] !== ENDORSE_TAIL[k]) return false;
  const holderEnd = n - ENDORSE_TAIL.length;
  for (let start = holderEnd - 1; start >= Math.max(2, holderEnd - MAX_HOLDER_WORDS); start--) {
    // "the name of <holder>", "the name <holder>" (d3's "The name Michael Bostock may not…"),
    // or "names of <holder>" ("Names of the contributors to this software may not…").
    const of = tokens[start - 1] === 'of' ? 1 : 0;
    const name = tokens[start - 1 - of];
    if (name !== 'name' && name !== 'names') continue;
    const the = tokens[start - 2 - of] === 'the' ? 1 : 0;
    if (the === 0 && of === 0) continue;
    if (tokens[start - 2 - of - the] === 'neither') return false;
    const first = start - 1 - of - the; // where the clause starts
    const line = lines[first] as number;
    const tailLine = lines[n - 1] as number;
    const holder = tokens.slice(start, holderEnd);
    const holderLines = lines.slice(start, holderEnd);
    const holderIds = ids.slice(start, holderEnd);
    truncate(out, first);
    for (const w of ['neither', 'the', 'name', 'of']) push(out, w, line);
    tokens.push(...holder);
    lines.push(...holderLines);
    ids.push(...holderIds);
    for (const w of ['nor', 'the', 'names', 'of', 'its', 'contributors']) push(out, w, tailLine);
    for (const w of ENDORSE_TAIL) if (w !== 'not') push(out, w, tailLine);
    return true;
  }
  return false;
}

/**
 * Token-level rules applied as each token arrives: "all rights reserved" belongs to copyright
 * notices (guideline 9) and is dropped wherever it is; two-word variants are rewritten (PHRASES).
 * `id` is the arriving token's. Returns true when it was consumed.
 */
function rewrite(out: TokenList, id: number): boolean {
  const { tokens } = out;
  const prev = tokens[tokens.length - 1];
  if (id === ENDORSE_ID) {
    endorsementClause(out);
    return false;
  }
  if (id === RESERVED_ID) {
    if (prev !== 'rights' || tokens[tokens.length - 2] !== 'all') return false;
    truncate(out, tokens.length - 2);
    return true;
  }
  const t = normalizedWords.words[id];
  const phrase = PHRASES.find(([a, b]) => prev === a && t === b);
  if (!phrase) return false;
  const at = out.lines[out.lines.length - 1] as number;
  truncate(out, tokens.length - 1);
  for (const w of phrase[2]) push(out, w, at);
  return true;
}
