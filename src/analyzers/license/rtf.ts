/**
 * The text of an RTF document (a LICENSE.rtf shipped with an installer): control words,
 * destination groups (font and colour tables, styles, document info, pictures) and braces go,
 * escapes become their characters. Every line break of the source is kept, so line numbers
 * still point into the file.
 *
 * Written by hand: the npm RTF packages are converters to HTML or full document models, far more
 * than reading the words needs, and none bounds its work on hostile input. This is one linear
 * pass over the text that never interprets anything beyond the characters it keeps.
 */

const RTF_START = /^\s*\{\\rtf/;

/** Groups whose content is not document text. */
const DESTINATIONS: ReadonlySet<string> = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'object',
  'listtable',
  'listoverridetable',
  'rsidtbl',
  'xmlnstbl',
  'latentstyles',
  'themedata',
  'colorschememapping',
  'datastore',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'generator',
  'filetbl',
  'revtbl',
  'fldinst',
  'pgptbl',
  'mmathPr',
  'defchp',
  'defpap',
]);

/** Control words that stand for a character. */
const SYMBOLS: Readonly<Record<string, string>> = {
  par: ' ',
  line: ' ',
  sect: ' ',
  page: ' ',
  cell: ' ',
  row: ' ',
  tab: ' ',
  emdash: '-',
  endash: '-',
  emspace: ' ',
  enspace: ' ',
  lquote: "'",
  rquote: "'",
  ldblquote: '"',
  rdblquote: '"',
  bullet: '•',
};

/** Windows-1252 characters 0x80–0x9F (the rest of the code page is Latin-1). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function codePage(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? (CP1252[byte - 0x80] as string) : String.fromCharCode(byte);
}

/** The text of `text` when it is an RTF document; any other text as it is. */
export function rtfText(text: string): string {
  if (!RTF_START.test(text.slice(0, 64))) return text;
  const out: string[] = [];
  const skipStack: boolean[] = [];
  let skip = false;
  let fallback = 1; // characters after \uN that stand in for readers without Unicode (\ucN)
  let pendingFallback = 0;
  const n = text.length;
  for (let i = 0; i < n;) {
    const c = text[i] as string;
    if (c === '\n') {
      out.push('\n');
      i++;
      continue;
    }
    if (c === '\r') {
      i++;
      continue;
    }
    if (c === '{') {
      skipStack.push(skip);
      // A destination: "{\*\…}" (ignorable) or one of the known non-text groups.
      const head = /^\{\s*\\(\*|[a-zA-Z]+)/.exec(text.slice(i, i + 40));
      if (head && (head[1] === '*' || DESTINATIONS.has(head[1] as string))) skip = true;
      i++;
      continue;
    }
    if (c === '}') {
      skip = skipStack.pop() ?? false;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      if (/[a-zA-Z]/.test(next)) {
        const word = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(text.slice(i + 1, i + 48));
        const name = word?.[1] ?? next;
        const param = word?.[2];
        i += 1 + (word?.[0].length ?? 1);
        if (name === 'uc' && param !== undefined) fallback = Math.max(0, Number(param));
        if (skip) continue;
        if (name === 'u' && param !== undefined) {
          const code = Number(param);
          const cp = code < 0 ? code + 65536 : code;
          if (cp > 0 && cp <= 0xffff) out.push(String.fromCharCode(cp));
          pendingFallback = fallback;
          continue;
        }
        const symbol = SYMBOLS[name];
        if (symbol !== undefined) out.push(symbol);
        continue;
      }
      if (next === "'") {
        const hex = text.slice(i + 2, i + 4);
        i += 4;
        if (skip) continue;
        if (pendingFallback > 0) {
          pendingFallback--;
          continue;
        }
        if (/^[0-9a-fA-F]{2}$/.test(hex)) out.push(codePage(Number.parseInt(hex, 16)));
        continue;
      }
      i += 2;
      if (skip) continue;
      if (next === '\\' || next === '{' || next === '}') out.push(next);
      else if (next === '~') out.push(' ');
      else if (next === '_') out.push('-');
      else if (next === '\n') out.push('\n');
      // "\-" (optional hyphen) and other control symbols stand for nothing.
      continue;
    }
    i++;
    if (skip) continue;
    if (pendingFallback > 0) {
      pendingFallback--;
      continue;
    }
    out.push(c);
  }
  return out.join('');
}
