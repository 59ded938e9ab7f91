/**
 * The parts of a long file worth reading for licences.
 *
 * A long source file (a 100 KB C file, a generated `aclocal.m4`) is mostly code, and every
 * detector (normaliser, full-text matcher, notice rules, AI and exception rules) reads all of it:
 * long files were most of the engine's time. Licence prose is dense in a few words ("licence",
 * "copyright", "warranty", "distribute", "free", "under", "terms", their counterparts in the
 * languages of the licences SPDX lists): no line of a licence text, notice or grant in SPDX's
 * list is more than ~14 lines from one of them (the test checks every SPDX text and every AI
 * licence text of the corpus). `focus` blanks the lines further than FOCUS_REACH from any such
 * word and keeps every line break, so that line numbers stay those of the file.
 *
 * Only files longer than FOCUS_MIN_CHARS are focused: below that the whole file costs little
 * and nothing is blanked, so licence and README files read as they are.
 */

/** Files shorter than this are read whole. */
export const FOCUS_MIN_CHARS = 16_384;
/** Lines kept on either side of a line with a licence word. */
export const FOCUS_REACH = 20;

/**
 * Words of licence prose (case-insensitive): English stems, the words of the non-English texts
 * SPDX lists (German, French, Dutch, Spanish, Italian, Japanese, Chinese, Korean, Russian), and
 * the two SPDX texts that use none of them ("do what you want with it").
 */
const LICENCE_WORD = new RegExp(
  [
    String.raw`licen[cs]`,
    'lizenz',
    'copyright',
    'copying',
    'copies',
    'warrant',
    'permission',
    String.raw`\bgpl`,
    String.raw`\bgnu\b`,
    String.raw`public[\s-]*domain`,
    'spdx',
    String.raw`\bunder\b`,
    String.raw`\(c\)`,
    '©',
    'distribut',
    'modif',
    String.raw`\bterms\b`,
    'software',
    String.raw`\bfree`,
    'author',
    'auteur',
    'droit',
    'recht',
    'derecho',
    'diritt',
    String.raw`\bwerk`,
    'œuvre',
    'oeuvre',
    'obra',
    String.raw`\bopera\b`,
    String.raw`you\s+want`,
    '授權',
    '授权',
    '许可',
    '許可',
    '协议',
    '協議',
    '著作',
    'ライセンス',
    '라이선스',
    '저작',
    'лиценз',
    'права',
  ].join('|'),
  'gi',
);

/** `text` with the lines further than FOCUS_REACH lines from any licence word left empty. */
export function focus(text: string): string {
  if (text.length < FOCUS_MIN_CHARS) return text;
  const starts = [0]; // offset of each line
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const lineCount = starts.length;
  // Per line: 1 when it is kept.
  const keep = new Uint8Array(lineCount);
  let line = 0;
  let keptTo = -1; // the last line already marked
  LICENCE_WORD.lastIndex = 0;
  for (let m = LICENCE_WORD.exec(text); m !== null; m = LICENCE_WORD.exec(text)) {
    while (line + 1 < lineCount && (starts[line + 1] as number) <= m.index) line++;
    const from = Math.max(keptTo + 1, line - FOCUS_REACH);
    const to = Math.min(lineCount - 1, line + FOCUS_REACH);
    keep.fill(1, from, to + 1);
    keptTo = to;
    // The rest of this line adds nothing: go on from the next one.
    if (line + 1 >= lineCount) break;
    LICENCE_WORD.lastIndex = starts[line + 1] as number;
  }
  if (keptTo === lineCount - 1 && keep.indexOf(0) < 0) return text;
  const parts: string[] = [];
  for (let l = 0; l < lineCount; l++) {
    if (keep[l] === 1) {
      const end = l + 1 < lineCount ? (starts[l + 1] as number) - 1 : text.length;
      parts.push(text.slice(starts[l], end));
    } else parts.push('');
  }
  return parts.join('\n');
}
