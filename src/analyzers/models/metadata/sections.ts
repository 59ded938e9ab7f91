/**
 * Model-card sections found by their Markdown headings, and how complete the card is.
 *
 * The expected sections are those of the Hugging Face model-card template
 * (huggingface_hub `templates/modelcard_template.md`: Uses / Direct Use / Out-of-Scope Use,
 * Bias, Risks, and Limitations, Training Data, Training Procedure, Evaluation, Environmental
 * Impact, Citation, Model Card Contact) plus the variants older and hand-written cards use
 * ("Intended uses & limitations", "Limitations and bias", "Training data", "Eval results",
 * "BibTeX entry and citation info", …). A section is:
 * - `present`: a heading of it has content (prose, a table, code) of its own;
 * - `empty`: it has a heading, but only template placeholders (`[More Information Needed]`),
 *   HTML comments or nothing below it;
 * - `absent`: no heading of it.
 *
 * Hand-written rather than through a Markdown library: only headings matter (ATX `#`, setext
 * underlines, and a line that is a bold label alone, as many cards use), fenced code blocks
 * must be skipped, and the rest of the syntax is irrelevant. Bounded by the caller's read.
 */

/** The section ids, in report order. */
export const SECTION_IDS = [
  'uses',
  'out-of-scope-use',
  'bias-risks-limitations',
  'training-data',
  'training-procedure',
  'evaluation',
  'environmental-impact',
  'citation',
  'contact',
] as const;

/** One expected section. */
export type SectionId = (typeof SECTION_IDS)[number];

/** What the card says about one expected section. */
export interface CardSection {
  readonly id: SectionId;
  readonly status: 'present' | 'empty' | 'absent';
  readonly heading?: string;
  readonly line?: number;
  readonly words?: number;
  /** A present section's content as plain lines (see `sectionContent`), clipped. */
  readonly text?: string;
}

/** Sections present over expected. */
export interface TransparencySummary {
  readonly present: number;
  readonly expected: number;
  readonly score: number;
  readonly missing: readonly SectionId[];
}

/**
 * Patterns over a normalised heading (lower case, `&` → `and`, punctuation and markup gone).
 * One heading may name several sections ("Intended uses and limitations").
 */
const PATTERNS: readonly (readonly [SectionId, RegExp])[] = [
  [
    'uses',
    /\b(?:(?:intended|direct|downstream|primary|recommended) uses?|uses?|use cases?|intended purpose|applications?)\b/,
  ],
  [
    'out-of-scope-use',
    /\b(?:out of scope|misuse|malicious use|prohibited uses?|not intended|unintended uses?|limitations of use|restrictions? on use|acceptable use)\b/,
  ],
  [
    'bias-risks-limitations',
    /\b(?:bias(?:es)?|risks?|limitations?|ethical considerations?|ethics|safety|fairness|harms?|caveats?|recommendations)\b/,
  ],
  [
    'training-data',
    /\b(?:(?:pre ?)?training (?:data|dataset|datasets|corpus|corpora)|data(?:sets?)? used|fine ?tuning (?:data|dataset|datasets)|training and evaluation data|data sources?)\b/,
  ],
  [
    'training-procedure',
    /\b(?:training (?:procedure|details|hyperparameters|setup|process|regime|recipe|configuration|methodology)|fine ?tuning (?:procedure|details|process)|hyperparameters|training)\b/,
  ],
  [
    'evaluation',
    /\b(?:evaluations?|eval results|results|benchmarks?|performance|metrics|testing data)\b/,
  ],
  [
    'environmental-impact',
    /\b(?:environmental impact|carbon|co2|emissions?|energy (?:use|consumption)|compute infrastructure|hardware)\b/,
  ],
  ['citation', /\b(?:citations?|bibtex|cite|citing|how to cite|references?)\b/],
  ['contact', /\b(?:contacts?|get in touch|reach us|feedback|model card authors?|questions)\b/],
];

/**
 * Headings that match a pattern but say something else: "How to use" is getting-started code,
 * not intended use; "Training hardware" is environmental-impact material, not the procedure.
 */
const NOT: Readonly<Partial<Record<SectionId, RegExp>>> = {
  uses: /\b(?:how to use|use with|usage example|example usage|out of scope|misuse|uses? and limitations of use|prohibited|not intended|unintended|acceptable use)\b/,
  'training-procedure':
    /\b(?:training (?:data|dataset|datasets|corpus|corpora)|training hardware|training and evaluation data)\b/,
  evaluation: /^training results$|\btraining and evaluation data\b/,
  'bias-risks-limitations': /\b(?:safetensors|risk free)\b/,
};

/**
 * Template text that does not count as content: placeholders, and the default sentences the
 * Hugging Face template fills in when the author gave nothing (the Recommendations and
 * Environmental Impact boilerplate, the getting-started line).
 */
const PLACEHOLDERS = [
  /users \(both direct and downstream\) should be made aware of the risks, biases and limitations of the model\.?/gi,
  /more information needed for further recommendations\.?/gi,
  /carbon emissions can be estimated using the[^\n]*?lacoste et al\.? \(2019\)(?:\]\([^)]*\))?\.?/gi,
  /use the code below to get started with the model\.?/gi,
  /\[more information needed\]/gi,
  /\bmore information needed\b/gi,
  /\{\{[^}]*\}\}/g,
  /\{%[^%]*%\}/g,
  /^\s*(?:tbd|tba|todo|n\/a|coming soon|to be (?:added|announced|completed)|\[?needs more information\]?)\.?\s*$/gim,
];

/**
 * A line that is only a label once placeholders are gone: the template's
 * `- **Hardware Type:** [More Information Needed]`, or a bold label such as `**BibTeX:**`.
 */
const LABEL_ONLY =
  /^\s*(?:[-*+]\s+)?(?:\*\*|__)[^*_]{1,80}(?:\*\*|__)\s*[:：]?\s*$|^\s*(?:[-*+]\s+)?[^:]{1,60}:\s*$/;

/** A heading in the card. */
interface Heading {
  readonly text: string;
  readonly level: number;
  /** 0-based index of the heading's line in `lines`. */
  readonly index: number;
  /** 0-based index of the first line after it (setext headings take two lines). */
  readonly bodyStart: number;
}

/** Normalise heading text for matching. */
export function normaliseHeading(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .replace(/\[optional\]/gi, ' ')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/^\s*(?:\d+\s+)*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The sections a heading names. */
export function sectionsOfHeading(text: string): SectionId[] {
  const normal = normaliseHeading(text);
  // Headings are short; a long line in bold is prose that happens to contain "results".
  if (normal === '' || normal.split(' ').length > 10) return [];
  return PATTERNS.filter(([id, re]) => re.test(normal) && !(NOT[id]?.test(normal) ?? false)).map(
    ([id]) => id,
  );
}

/** A line that is only a bold label (`**Training data:**`), which cards use as a heading. */
const BOLD_LABEL = /^\s*(?:\*\*|__)([^*_]{2,80}?)[:：]?(?:\*\*|__)[:：]?\s*$/;

/** Every heading of `lines`, skipping fenced code blocks and HTML comments. */
function findHeadings(lines: readonly string[]): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length)
        fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    if (/^\s*<!--/.test(line) && !line.includes('-->')) {
      inComment = true;
      continue;
    }
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx !== null) {
      headings.push({ text: atx[2] ?? '', level: atx[1]?.length ?? 1, index: i, bodyStart: i + 1 });
      continue;
    }
    const next = lines[i + 1];
    if (
      next !== undefined &&
      line.trim() !== '' &&
      !/^\s*[-*>|]/.test(line) &&
      /^\s{0,3}(=+|-{2,})\s*$/.test(next) &&
      (i === 0 || (lines[i - 1] ?? '').trim() === '')
    ) {
      headings.push({
        text: line.trim(),
        level: next.trim().startsWith('=') ? 1 : 2,
        index: i,
        bodyStart: i + 2,
      });
      i++;
      continue;
    }
    const bold = BOLD_LABEL.exec(line);
    if (bold !== null && sectionsOfHeading(bold[1] ?? '').length > 0) {
      // Below every real heading level, so that it never closes a `##` section.
      headings.push({ text: (bold[1] ?? '').trim(), level: 7, index: i, bodyStart: i + 1 });
    }
  }
  return headings;
}

/** Longest section text kept (a summary for reports, not the card). */
export const MAX_SECTION_TEXT = 2000;

/**
 * The real content of `text`: comments, template placeholders, headings, table rules, labels
 * without a value and HTML tags removed; one trimmed line per non-empty line.
 */
export function sectionContent(text: string): string {
  let body = text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  for (const re of PLACEHOLDERS) body = body.replace(re, ' ');
  return body
    .split(/\r?\n/)
    .filter((l) => !/^\s{0,3}#{1,6}\s/.test(l) && !/^\s*[-=|:\s]+$/.test(l) && !LABEL_ONLY.test(l))
    .map((l) =>
      l
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l !== '')
    .join('\n');
}

/** Words of real content in `text` (see `sectionContent`). */
export function contentWords(text: string): number {
  const words = sectionContent(text).match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu);
  return words?.length ?? 0;
}

/** `text` clipped to `MAX_SECTION_TEXT` characters, at a word boundary when one is near. */
function clipText(text: string): string {
  if (text.length <= MAX_SECTION_TEXT) return text;
  const cut = text.slice(0, MAX_SECTION_TEXT);
  const space = cut.search(/\s\S*$/);
  return `${space > MAX_SECTION_TEXT - 200 ? cut.slice(0, space) : cut}…`;
}

/**
 * The expected sections of a card body (the Markdown after the front matter). `lineOffset` is
 * the number of lines before the body in the file, so that reported lines are the file's.
 */
export function cardSections(body: string, lineOffset = 0): CardSection[] {
  const lines = body.split(/\r?\n/);
  const headings = findHeadings(lines);
  const named = headings.map((h) => ({ ...h, ids: sectionsOfHeading(h.text) }));
  const found = new Map<SectionId, { heading: Heading; words: number; text: string }>();
  for (const [n, h] of named.entries()) {
    if (h.ids.length === 0) continue;
    // The heading's body runs to the next heading of the same or a higher level; a sub-heading
    // naming another section owns its own subtree (the template's "Training Details" holds
    // "Training Data" and "Training Procedure").
    const parts: string[] = [];
    let from = h.bodyStart;
    let skipUntilLevel: number | undefined;
    let end = lines.length;
    for (let k = n + 1; k < named.length; k++) {
      const sub = named[k];
      if (sub === undefined) break;
      if (sub.level <= h.level) {
        end = sub.index;
        break;
      }
      if (skipUntilLevel !== undefined) {
        if (sub.level > skipUntilLevel) continue;
        skipUntilLevel = undefined;
        from = sub.index;
      }
      const other = sub.ids.length > 0 && !sub.ids.some((id) => h.ids.includes(id));
      if (other) {
        parts.push(lines.slice(from, sub.index).join('\n'));
        skipUntilLevel = sub.level;
      }
    }
    if (skipUntilLevel === undefined) parts.push(lines.slice(from, end).join('\n'));
    const content = sectionContent(parts.join('\n'));
    const words = content.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
    for (const id of h.ids) {
      const previous = found.get(id);
      // The first heading with content wins; an empty one is kept until a better one comes.
      if (previous === undefined || (previous.words === 0 && words > 0))
        found.set(id, { heading: h, words, text: content });
    }
  }
  return SECTION_IDS.map((id): CardSection => {
    const hit = found.get(id);
    if (hit === undefined) return { id, status: 'absent' };
    return {
      id,
      status: hit.words > 0 ? 'present' : 'empty',
      heading: hit.heading.text.slice(0, 200),
      line: hit.heading.index + 1 + lineOffset,
      words: hit.words,
      ...(hit.words > 0 ? { text: clipText(hit.text) } : {}),
    };
  });
}

/** Sections present over expected, with the ids of the others. */
export function transparencyOf(sections: readonly CardSection[]): TransparencySummary {
  const present = sections.filter((s) => s.status === 'present').length;
  const expected = SECTION_IDS.length;
  return {
    present,
    expected,
    score: Math.round((present / expected) * 100) / 100,
    missing: sections
      .filter((s) => s.status !== 'present')
      .map((s) => s.id)
      .sort(),
  };
}
