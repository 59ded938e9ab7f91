/**
 * How licences are named in notices and grants, written by the team: "the Apache License,
 * Version 2.0", "the GNU Lesser General Public License … version 2.1 … or (at your option) any
 * later version", "MIT", "the 3-clause BSD license". Each rule is a regular expression over
 * flattened, lower-case prose (flatten.ts) and the id it names, given the version the text
 * states after the name.
 *
 * A versioned family never gets a version the text does not state (the Mozilla Public License
 * with no number is no answer), except where the licence itself says what an unversioned
 * reference means (GPL §9/§14: "If the Program does not specify a version number of this
 * License, you may choose any version ever published" → GPL-1.0-or-later).
 */

/** The version statement found right after a licence name. */
export interface VersionInfo {
  /** "2", "2.1", "3.0" as written, normalised to at least one dot ("2" → "2.0"). */
  readonly version?: string;
  /** "or (at your option) any later version", "or later", "+". */
  readonly orLater: boolean;
  /** More than one distinct version stated ("version 2 or version 3"): no single answer. */
  readonly several: boolean;
  /** "only", "and no later version": said outright, not just a version with no "or later". */
  readonly only?: boolean;
  /** A second version offered with the first ("version 2 of the License, or (at your option) version 3"). */
  readonly also?: { readonly version: string; readonly orLater: boolean };
}

/** A licence name rule. */
export interface NameRule {
  /** Matches the name in flattened text (lower case). Must not use the `g`/`y` flags. */
  readonly re: RegExp;
  /** The SPDX id (or expression) the name states, or undefined when it states none. */
  readonly id: (v: VersionInfo, m: RegExpExecArray) => string | undefined;
  /**
   * The phrase is itself a grant ("under the same terms as Perl itself") or a title so specific
   * that a file consisting of it declares the licence: no grant context needed for `high`.
   */
  readonly selfGranting?: boolean;
  /**
   * The name says a licence is meant without saying which one ("the BSD license"): no id, but a
   * choice offering it is not known in full.
   */
  readonly unnamed?: boolean;
  /** Whether versions are looked for after the name (families with several versions). */
  readonly versioned?: boolean;
  /**
   * Substrings one of which every match contains: a text with none of them is not scanned with
   * `re` (one substring search instead of a regex pass; notices.test.ts checks them on the
   * corpora).
   */
  readonly anchors: readonly string[];
}

/** `id` for families whose versions are `<prefix>-<version>` for the listed versions. */
function versions(prefix: string, allowed: readonly string[], fallback?: string) {
  return (v: VersionInfo): string | undefined => {
    if (v.several) return undefined;
    if (v.version === undefined) return fallback;
    return allowed.includes(v.version) ? `${prefix}-${v.version}` : undefined;
  };
}

/** One fixed id. */
function fixed(id: string) {
  return (): string => id;
}

const L = 'licen[cs]e';

/**
 * The GNU family: GPL, LGPL (Library 2.0, Lesser 2.1 and 3.0), AGPL. Unversioned references
 * mean "any version" (GPL-2.0 §9, LGPL-2.1 §14, AGPL-3.0 §14); the oldest version of each name
 * is the floor ("Lesser" first appeared in 2.1, "Affero" as a GNU licence in 3.0; a bare "LGPL"
 * counts from 2.0, the Library GPL).
 */
function gnu(v: VersionInfo, m: RegExpExecArray): string | undefined {
  if (v.several) return undefined;
  const g = m.groups ?? {};
  const abbreviation = (g.abbr ?? '').toLowerCase();
  const family =
    g.affero !== undefined || abbreviation === 'a'
      ? 'AGPL'
      : g.lesser !== undefined || g.library !== undefined || abbreviation === 'l'
        ? 'LGPL'
        : 'GPL';
  const allowed: Record<string, readonly string[]> = {
    GPL: ['1.0', '2.0', '3.0'],
    LGPL: ['2.0', '2.1', '3.0'],
    AGPL: ['1.0', '3.0'],
  };
  const version = v.version;
  if (version !== undefined && v.also !== undefined) {
    const also = v.also;
    if (![version, also.version].every((x) => (allowed[family] ?? []).includes(x)))
      return undefined;
    return `${family}-${version}-only OR ${family}-${also.version}-${also.orLater ? 'or-later' : 'only'}`;
  }
  if (version === undefined) {
    const floor =
      family === 'AGPL' ? '3.0' : family === 'GPL' ? '1.0' : g.lesser !== undefined ? '2.1' : '2.0';
    return `${family}-${floor}-or-later`;
  }
  if (!(allowed[family] ?? []).includes(version)) return undefined;
  return `${family}-${version}-${v.orLater ? 'or-later' : 'only'}`;
}

/** Creative Commons names: "creative commons attribution-noncommercial-sharealike 4.0", "cc by-nc 4.0". */
function creativeCommons(v: VersionInfo, m: RegExpExecArray): string | undefined {
  const parts = (m.groups?.parts ?? '').replace(/[\s-]+/g, ' ');
  const nc = /non ?commercial|\bnc\b/.test(parts);
  const nd = /no ?deriv|\bnd\b/.test(parts);
  const sa = /share ?alike|\bsa\b/.test(parts);
  if (nd && sa) return undefined;
  const version = m.groups?.ver ?? v.version;
  if (version === undefined || !['1.0', '2.0', '2.5', '3.0', '4.0'].includes(version))
    return undefined;
  return `CC-BY${nc ? '-NC' : ''}${nd ? '-ND' : ''}${sa ? '-SA' : ''}-${version}`;
}

/** The rules, most specific first (a position claimed by an earlier rule is not re-read). */
export const NAME_RULES: readonly NameRule[] = [
  {
    anchors: ['general'],
    re: new RegExp(
      // ("Lesser Lesser": a word typed twice is still the name; "General Public version 2
      // License", the version inside it.)
      String.raw`\b(?:gnu\s+)?(?:(?<lesser>lesser)\s+(?:lesser\s+)?|(?<library>library)\s+)?(?:(?<affero>affero)\s+)?(?:gnu\s+)?general\s+public\s+(?:version\s+(?<ver>[123](?:\.[01])?)\s+)?${L}\b`,
    ),
    id: gnu,
    versioned: true,
  },
  {
    anchors: ['gnu'],
    re: new RegExp(String.raw`\bgnu\s+public\s+${L}\b`),
    id: gnu,
    versioned: true,
  },
  {
    anchors: ['gpl'],
    re: /\b(?:gnu\s+)?(?<abbr>[al])?gpl(?:[\s-]?v?(?<ver>[123](?:\.[01])?)(?<plus>\+|-or-later|-only)?)?(?![\w-])/,
    id: gnu,
    versioned: true,
  },
  {
    anchors: ['documentation', 'gfdl'],
    re: new RegExp(
      String.raw`\bgnu\s+free\s+documentation\s+${L}\b|\bgfdl(?=[\s,-]*(?:version\s*|v\.?\s*)?1\b)`,
    ),
    id: (v) => {
      if (v.several || v.version === undefined || !['1.1', '1.2', '1.3'].includes(v.version))
        return undefined;
      return `GFDL-${v.version}-${v.orLater ? 'or-later' : 'only'}`;
    },
    versioned: true,
  },
  {
    anchors: ['cecill'],
    re: /\bcecill(?:[\s-]*(?<variant>[bc])\b)?(?:\s+(?:free\s+software\s+)?licen[cs]e(?:\s+agreement)?)?/,
    id: (v, m) => {
      const variant = m.groups?.variant;
      if (variant !== undefined) return `CECILL-${variant.toUpperCase()}`;
      return v.version !== undefined && ['1.0', '1.1', '2.0', '2.1'].includes(v.version)
        ? `CECILL-${v.version}`
        : undefined;
    },
    versioned: true,
  },
  {
    anchors: ['apache', 'asl'],
    re: new RegExp(
      String.raw`\bapache(?:\s+software)?(?:\s+${L}|(?=[\s,-]*v?(?:ersion\s*)?[12]\b))|\basl(?=[\s,-]*(?:version\s*|v\.?\s*)?2\b)`,
    ),
    id: versions('Apache', ['1.0', '1.1', '2.0']),
    versioned: true,
  },
  {
    anchors: ['mozilla', 'mpl'],
    re: new RegExp(
      String.raw`\bmozilla\s+public\s+${L}\b|\bmpl(?=[\s,-]*(?:version\s*|v\.?\s*)?[12]\b)`,
    ),
    id: versions('MPL', ['1.0', '1.1', '2.0']),
    versioned: true,
  },
  {
    anchors: ['eclipse', 'epl'],
    re: new RegExp(
      String.raw`\beclipse\s+public\s+${L}\b|\bepl(?=[\s,-]*(?:version\s*|v\.?\s*)?[12]\b)`,
    ),
    id: versions('EPL', ['1.0', '2.0']),
    versioned: true,
  },
  {
    anchors: ['development', 'cddl'],
    re: new RegExp(
      String.raw`\bcommon\s+development\s+and\s+distribution\s+${L}\b|\bcddl(?=[\s,-]*(?:version\s*|v\.?\s*)?1\b)`,
    ),
    id: versions('CDDL', ['1.0', '1.1']),
    versioned: true,
  },
  {
    anchors: ['common'],
    re: new RegExp(String.raw`\bcommon\s+public\s+${L}\b`),
    id: versions('CPL', ['1.0'], 'CPL-1.0'),
    versioned: true,
  },
  {
    anchors: ['artistic'],
    re: new RegExp(String.raw`\bartistic\s+${L}\b`),
    id: versions('Artistic', ['1.0', '2.0']),
    versioned: true,
  },
  {
    anchors: ['boost'],
    re: new RegExp(String.raw`\bboost\s+software\s+${L}\b`),
    id: versions('BSL', ['1.0'], 'BSL-1.0'),
    versioned: true,
  },
  {
    anchors: ['european', 'eupl'],
    re: new RegExp(
      String.raw`\beuropean\s+union\s+public\s+${L}\b|\beupl(?=[\s,-]*(?:version\s*|v\.?\s*)?1\b)`,
    ),
    id: versions('EUPL', ['1.0', '1.1', '1.2']),
    versioned: true,
  },
  {
    anchors: ['academic', 'afl'],
    re: new RegExp(
      String.raw`\bacademic\s+free\s+${L}\b|\bafl(?=[\s,-]*(?:version\s*|v\.?\s*)?[123]\b)`,
    ),
    id: versions('AFL', ['1.1', '1.2', '2.0', '2.1', '3.0']),
    versioned: true,
  },
  {
    anchors: ['open', 'osl'],
    re: new RegExp(
      String.raw`\bopen\s+software\s+${L}\b|\bosl(?=[\s,-]*(?:version\s*|v\.?\s*)?[123]\b)`,
    ),
    id: versions('OSL', ['1.0', '1.1', '2.0', '2.1', '3.0']),
    versioned: true,
  },
  {
    anchors: ['font', 'ofl'],
    re: new RegExp(
      String.raw`\b(?:sil\s+)?open\s+font\s+${L}\b|\bofl(?=[\s,-]*(?:version\s*|v\.?\s*)?1\b)`,
    ),
    id: versions('OFL', ['1.0', '1.1']),
    versioned: true,
  },
  {
    anchors: ['php'],
    re: new RegExp(String.raw`\bphp\s+${L}\b`),
    id: (v) => (v.version === '3.01' ? 'PHP-3.01' : v.version === '3.0' ? 'PHP-3.0' : undefined),
    versioned: true,
  },
  {
    anchors: ['zope', 'zpl'],
    re: new RegExp(
      String.raw`\bzope\s+public\s+${L}\b|\bzpl(?=[\s,-]*(?:version\s*|v\.?\s*)?[12]\b)`,
    ),
    id: versions('ZPL', ['1.1', '2.0', '2.1']),
    versioned: true,
  },
  {
    anchors: ['latex', 'lppl'],
    re: new RegExp(
      String.raw`\blatex\s+project\s+public\s+${L}\b|\blppl(?=[\s,-]*(?:version\s*|v\.?\s*)?1\b)`,
    ),
    id: versions('LPPL', ['1.0', '1.1', '1.2', '1.3a', '1.3c']),
    versioned: true,
  },
  {
    anchors: ['elastic'],
    re: new RegExp(String.raw`\belastic\s+${L}\b`),
    id: versions('Elastic', ['2.0']),
    versioned: true,
  },
  {
    anchors: ['business', 'busl'],
    re: new RegExp(
      String.raw`\bbusiness\s+source\s+${L}\b|\bbusl(?=[\s,-]*(?:version\s*|v\.?\s*)?1\b)`,
    ),
    id: versions('BUSL', ['1.1']),
    versioned: true,
  },
  {
    anchors: ['creative'],
    re: /\bcreative\s+commons\s+(?<parts>attribution(?:[\s-]+(?:non[\s-]?commercial|share[\s-]?alike|no[\s-]?derivs|no[\s-]?derivatives))*)(?:\s+licen[cs]e)?(?:,?\s*(?:version\s*|v)?(?<ver>\d\.\d))?/,
    id: creativeCommons,
  },
  {
    anchors: ['cc'],
    re: /\bcc[\s-]by(?<parts>(?:[\s-](?:nc|nd|sa)\b)*)(?:[\s-]+v?(?<ver>\d\.\d))?/,
    id: creativeCommons,
  },
  {
    anchors: ['cc0', 'cc', 'commons'],
    re: /\b(?:cc0|cc[\s-]zero|creative\s+commons\s+zero)\b/,
    id: fixed('CC0-1.0'),
  },
  {
    anchors: ['bsd'],
    // (Haskell's Cabal writes "BSD3".)
    re: /\b(?:bsd[\s-]*(?:3|three)[\s-]*clause|(?:3|three)[\s-]*clause[\s-]*bsd|(?:new|modified|revised)\s+bsd|bsd-?3(?![\w.-]))\b/,
    id: fixed('BSD-3-Clause'),
  },
  {
    anchors: ['bsd'],
    re: new RegExp(
      String.raw`\b(?:bsd[\s-]*(?:2|two)[\s-]*clause|(?:2|two)[\s-]*clause[\s-]*bsd|simplified\s+bsd|freebsd\s+${L})\b`,
    ),
    id: fixed('BSD-2-Clause'),
  },
  {
    anchors: ['bsd'],
    re: /\b(?:bsd[\s-]*(?:4|four)[\s-]*clause|(?:4|four)[\s-]*clause[\s-]*bsd|original\s+bsd)\b/,
    id: fixed('BSD-4-Clause'),
  },
  {
    anchors: ['bsd'],
    re: /\b(?:0bsd|bsd[\s-]*0[\s-]*clause|zero[\s-]*clause\s+bsd)\b/,
    id: fixed('0BSD'),
  },
  {
    // MIT-0's SPDX name, "MIT No Attribution".
    anchors: ['mit'],
    re: /\bmit[\s-]+no[\s-]+attribution\b/,
    id: fixed('MIT-0'),
  },
  {
    anchors: ['mit', 'expat'],
    re: new RegExp(
      String.raw`\bmit\b(?![\s-]*(?:style|like|ish|type|variant|based|derived|similar|compatible|\/?\s*x11|(?:\/|or\b|and\b)\s*[\w.]+(?:[\s-]+[\w.]+)?[\s-]*(?:style|like|ish|type|variant|based|derived)\b))(?:\s+${L})?|\bexpat\s+${L}`,
    ),
    id: fixed('MIT'),
  },
  {
    anchors: ['isc'],
    re: new RegExp(String.raw`\bisc(?:\s+${L})?\b(?![\s-]*(?:style|like))`),
    id: fixed('ISC'),
  },
  { anchors: ['x11'], re: new RegExp(String.raw`\bx11\s+${L}\b`), id: fixed('X11') },
  {
    anchors: ['zlib'],
    re: new RegExp(String.raw`\bzlib(?:\/libpng)?\s+${L}\b`),
    id: fixed('Zlib'),
  },
  { anchors: ['unlicense'], re: /\b(?:the\s+)?unlicense\b/, id: fixed('Unlicense') },
  {
    anchors: ['what'],
    re: new RegExp(
      String.raw`\bdo\s+what\s+the\s+f\W{0,3}u?\W{0,3}ck\s+you\s+want\s+to\s+public\s+${L}\b`,
    ),
    id: fixed('WTFPL'),
    selfGranting: true,
  },
  { anchors: ['wtfpl'], re: /\bwtfpl\b/, id: fixed('WTFPL') },
  {
    anchors: ['perl'],
    re: /\b(?:under\s+)?the\s+same\s+terms\s+as\s+(?:the\s+)?perl(?:\s+itself|\s+5(?:\.\d+)*)?/,
    id: fixed('Artistic-1.0-Perl OR GPL-1.0-or-later'),
    selfGranting: true,
  },
  {
    anchors: ['microsoft', 'ms-pl'],
    re: new RegExp(String.raw`\bmicrosoft\s+public\s+${L}\b|\bms-pl\b`),
    id: fixed('MS-PL'),
  },
  {
    anchors: ['microsoft', 'ms-rl'],
    re: new RegExp(String.raw`\bmicrosoft\s+reciprocal\s+${L}\b|\bms-rl\b`),
    id: fixed('MS-RL'),
  },
  {
    anchors: ['permissive'],
    re: new RegExp(String.raw`\buniversal\s+permissive\s+${L}\b`),
    id: fixed('UPL-1.0'),
  },
  {
    anchors: ['postgresql'],
    re: new RegExp(String.raw`\bpostgresql\s+${L}\b`),
    id: fixed('PostgreSQL'),
  },
  {
    // (LLVM's headers before 2019: "the University of Illinois Open Source License".)
    anchors: ['ncsa', 'illinois'],
    re: new RegExp(
      String.raw`\b(?:university\s+of\s+illinois\/)?ncsa\s+open\s+source\s+${L}\b|\billinois\/ncsa\b|\buniversity\s+of\s+illinois\s+open\s+source\s+${L}\b`,
    ),
    id: fixed('NCSA'),
  },
  {
    anchors: ['server', 'sspl'],
    re: new RegExp(String.raw`\bserver\s+side\s+public\s+${L}\b|\bsspl\b`),
    id: fixed('SSPL-1.0'),
  },
  {
    anchors: ['oak'],
    re: new RegExp(String.raw`\bblue\s+oak\s+model\s+${L}\b`),
    id: fixed('BlueOak-1.0.0'),
  },
  { anchors: ['vim'], re: new RegExp(String.raw`\bvim\s+${L}\b`), id: fixed('Vim') },
  {
    anchors: ['w3c'],
    re: new RegExp(String.raw`\bw3c\s+software\s+(?:notice\s+and\s+)?${L}\b`),
    id: fixed('W3C'),
  },
  {
    // "the BSD license", "an MIT-style licence", "a Creative Commons license": a licence named
    // without saying which one (BSD has two, three and four clause versions; the style is of
    // many). Last, after the rules naming one BSD licence.
    anchors: ['bsd', 'mit', 'creative'],
    re: new RegExp(
      String.raw`\b(?:bsd|mit)[\s-]*(?:style|like|type|ish)\s+${L}|\bbsd\s+${L}|\bcreative\s+commons\s+${L}`,
    ),
    id: () => undefined,
    unnamed: true,
  },
];

/**
 * Licence exceptions named after a licence: "with the Classpath exception", "GCC Runtime Library
 * Exception". Appended as `WITH <id>`.
 */
export const EXCEPTION_RULES: readonly { readonly re: RegExp; readonly id: string }[] = [
  { re: /\bclasspath\s+exception\b/, id: 'Classpath-exception-2.0' },
  { re: /\bgcc\s+runtime\s+library\s+exception\b/, id: 'GCC-exception-3.1' },
  { re: /\bllvm\s+exceptions?\b/, id: 'LLVM-exception' },
  { re: /\bautoconf\s+exception\b/, id: 'Autoconf-exception-generic' },
  { re: /\bopenjdk\s+assembly\s+exception\b/, id: 'OpenJDK-assembly-exception-1.0' },
];
