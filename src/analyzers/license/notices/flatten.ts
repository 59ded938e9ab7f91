/**
 * Flattened text for notice detection: one lower-case line of prose with comment markers,
 * quotes, Markdown emphasis and line breaks gone, and a map back to source lines.
 *
 * Notices are short sentences that real files wrap anywhere and prefix with `//`, `#`, ` * `;
 * matching them with regular expressions over the flattened prose is what makes "licensed
 * under the\n * Apache License, Version 2.0" read as one sentence. Unlike normalize.ts, this keeps
 * punctuation and symbols that carry meaning in notices (`GPL-2.0+`, `v2.1`, `;`, URLs).
 */
import {
  HTML_TAG,
  QUOTES,
  htmlText,
  withoutCommentPrefixes,
  withoutLineNumbers,
} from '../normalize.js';
import { rtfText } from '../rtf.js';

/** Flattened text and the offset at which each source line starts in it. */
export interface FlatText {
  readonly text: string;
  /** `lineStarts[i]` = offset in `text` where source line i + 1 begins. */
  readonly lineStarts: readonly number[];
}

/** What an empty line leaves in the flattened text (U+2029 PARAGRAPH SEPARATOR). */
export const PARAGRAPH = '\u2029';

/** Longest text searched for notices; notices sit in headers, and a header is never this long. */
export const MAX_NOTICE_TEXT = 1_000_000;

// A comment's closing marker, or the right edge of a boxed comment ("% … %", "# … #").
// (Each run tried from its start only: tried from every blank or asterisk of a long run that
// does not end the line, the pattern was quadratic in the run.)
const COMMENT_ENDS = /(?<!\*)\*+\/[ \t]*$|(?<![ \t])[ \t]+(?:%+|#+|\*+)[ \t]*$/gm;
// `[text](url)` → `text url`; emphasis and code marks vanish.
// (The text may wrap onto a second line; a link's "title" is not part of the sentence.)
const MARKDOWN_LINK =
  /\[([^\]\n]{0,500}(?:\n[^\]\n]{0,500})?)\]\(([^)\s]{0,2000})(?:\s+"[^"\n]{0,200}")?\)/g;
const EMPHASIS = /[*`]+/g;
// A reStructuredText reference, "`MIT`_" or "`MIT`__": the words referred by.
const REST_REFERENCE = /`([^`\n]{1,200})`_{1,2}(?![\w`])/g;
// Runs of white space other than line breaks become one space; a single space already is one
// and is left alone (matching every single space made this the costliest pass).
const SPACES = / [^\S\n]+|[^\S\n ][^\S\n]*/g;
// "the W3C(r) Software License": trademark signs are not part of a name.
const TRADEMARK = /\((?:r|tm)\)|[®™]/g;
const POM_LICENSE_TAGS = /<(license|name)>/gi;

/**
 * Flattens `raw` (bounded to MAX_NOTICE_TEXT characters). Every replacement keeps line breaks,
 * so it runs once over the whole text (not line by line: source files run to 10,000 lines).
 */
export function flatten(raw: string): FlatText {
  // The notice rules and the riders read the same file's text one after the other.
  if (lastFlattened?.raw === raw) return lastFlattened.flat;
  const flat = flattenNow(raw);
  lastFlattened = { raw, flat };
  return flat;
}

/** The text flattened last, and its result. */
let lastFlattened: { readonly raw: string; readonly flat: FlatText } | undefined;

function flattenNow(raw: string): FlatText {
  const source = raw.length > MAX_NOTICE_TEXT ? raw.slice(0, MAX_NOTICE_TEXT) : raw;
  // Passes whose pattern needs a character the text lacks are skipped (a plain search is much
  // cheaper than a regex pass over the whole text).
  let t = withoutLineNumbers(htmlText(rtfText(source).replace(/\r\n?/g, '\n')));
  if (t.includes('<')) {
    // A Maven POM names its licence in `<license><name>…</name>`: keep those two tag names
    // as words, so "license name Apache 2" reads as the declaration it is.
    t = t.replace(POM_LICENSE_TAGS, ' $1 ').replace(HTML_TAG, ' ');
  }
  t = withoutCommentPrefixes(t.toLowerCase()).replace(COMMENT_ENDS, '');
  if (t.includes('](')) t = t.replace(MARKDOWN_LINK, '$1 $2');
  if (t.includes('`_')) t = t.replace(REST_REFERENCE, '$1');
  t = t.replace(QUOTES, '');
  if (t.includes('*') || t.includes('`')) t = t.replace(EMPHASIS, ' ');
  if (['(r)', '(tm)', '®', '™'].some((mark) => t.includes(mark))) t = t.replace(TRADEMARK, '');
  const cleaned = t.replace(SPACES, ' ');
  const parts: string[] = [];
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of cleaned.split('\n')) {
    // An empty line ends a paragraph, a heading or a list item: it stays as a paragraph
    // separator (white space to every pattern, a sentence end to the notices).
    const clean = line.trim() || PARAGRAPH;
    lineStarts.push(offset);
    parts.push(clean);
    offset += clean.length + 1;
  }
  return { text: parts.join(' '), lineStarts };
}

/** 1-based source line of an offset in the flattened text. */
export function lineAt(flat: FlatText, offset: number): number {
  let lo = 0;
  let hi = flat.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((flat.lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
