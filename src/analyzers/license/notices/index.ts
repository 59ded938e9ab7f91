/**
 * Short licence statements: notices and grants ("Licensed under the Apache License, Version
 * 2.0", "released under the MIT license", the GPL's "either version 2 … or (at your option) any
 * later version"), `SPDX-License-Identifier:` lines and canonical licence URLs.
 *
 * Written by hand (no maintained JavaScript library detects licence notices). A name alone is a
 * hint (`medium`); it becomes `high` only in a grant ("licensed under", "under the terms of",
 * "License:"), as an identifier line, or as the whole content of a tiny file. Negated or
 * comparative mentions ("not licensed under the GPL", "compatible with") are not grants.
 */
import { parseDeclared } from '../declared/index.js';
import { isSpdxExceptionId, MAX_EXPRESSION_LENGTH, parseExpression } from '../declared/spdx.js';
import type { LicenseMatch } from '../match.js';
import { dep5DefinedNames, dep5Fields, dep5Name, isDep5, readDep5License } from './dep5.js';
import { MAX_NOTICE_TEXT, flatten, lineAt, PARAGRAPH, type FlatText } from './flatten.js';
import { EXCEPTION_RULES, NAME_RULES, type NameRule, type VersionInfo } from './names.js';
import { MAX_NAME_WORDS, spdxNameBases, spdxNameLastWords } from './spdx-names.js';
import { licenseOfUrl } from './urls.js';
import { withSuccessors } from '../successors.js';
import { withoutCommentPrefixes } from '../normalize.js';

/** Line ranges (inclusive, 1-based) already explained by a full licence text. */
export interface NoticeOptions {
  readonly exclude?: readonly { readonly startLine: number; readonly endLine: number }[];
  /** Receives a sentence for each bound reached (see IdentifyOptions.limits). */
  readonly limits?: string[];
}

/** Most statements kept per file. */
const MAX_STATEMENTS = 64;
/** How far (characters) before a name a grant may start, and after it a version may be stated. */
const BEFORE = 160;
const AFTER = 240;
/** A file this short that names a licence declares it ("MIT", "// WTFPL"). */
const TINY_FILE_WORDS = 12;

interface Hit {
  readonly license: string;
  /** A versioned family named without a version ("the LGPL"): refers to a versioned statement when the file has one. */
  readonly unversioned?: boolean;
  readonly confidence: 'high' | 'medium';
  readonly via: NonNullable<LicenseMatch['via']>;
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly endLine: number;
  /** Why the statement reads as it does, when that needs saying. */
  readonly reason?: string;
  /** A GNU `-only` read from a version with no "or later" ("AGPLv3"), not from "only" said outright. */
  readonly impliedOnly?: boolean;
  /** A DEP-5 field's statement: the last line of its text, which statements inside it are part of. */
  readonly until?: number;
}

// A grant ending where the name starts. The gap after the grant words is bounded and may not
// cross a sentence end.
const GRANT_TRIGGER = String.raw`(?:\b(?:licen[cs]ed|licen[cs]es|released|distributed|(?:re)?distributable|usable|available|provided|published|offered|covered|governed|copyrighted|redistributed|relicensed|dual[\s-]?licensed)(?:\s+[\w/-]+){0,4}?\s+(?:under|by|with|as)\b|\bunder\s+(?:the\s+)?(?:terms|conditions|provisions)\s+(?:and\s+conditions\s+)?of\b|\b(?:subject|according)\s+to\b|\bin\s+compliance\s+with\b|\b(?:dual|double)[\s-]?licen[cs]e\s+under\b|\bfree\s+software\s*:|\blicen[cs]e\s+terms\s*:|\blicen[cs]es?\s*(?:[:=]|\bis\b|\btype\b|\bname\b|\bid\b)|\blicen[cs]ing\s*:|@licen[cs]e\b|\bcc:licen[cs]e\s+rdf:resource\s*=|\blicen[cs]es?\s*:\s*\[?\s*\{\s*(?:type|name)\b|\b(?:is|are|was|were|be|been|remains|stays|falls|code|files?|project|library|software|package|program|itself|work|it|this|modify|distribute|redistribute|copy|use)\s+(?:\w+\s+)?under\b)`;
// What may stand between the grant words and the name: articles, "terms of", "either", "(".
const GRANT_FILLER = String.raw`(?:\s*(?:the|a|an|terms|and|conditions|of|either|its|same|this|new|open|source|software|free|permissive|standard|liberal|version|osi|approved|at\s+your\s+(?:option|choice|election)|\(|\)|:|,|-|=|\[|\]|\{|\}))*\s*`;
const GRANT = new RegExp(`${GRANT_TRIGGER}${GRANT_FILLER}$`);
/**
 * "This file is GPLv2": a statement without a grant verb. It grants a licence whose version it
 * states; an unversioned one ("this file is GPL") stays a hint, the version being unknown.
 */
const INFORMAL_GRANT = new RegExp(
  String.raw`\b(?:this|the)\s+(?:file|program|software|code|library|project|package|module|source)\s+is${GRANT_FILLER}$`,
);
/**
 * "This project uses the MIT license": its licence when the name is the licence's title and
 * the statement ends with it (not "uses the GPL-licensed readline", "uses the MIT license file
 * of each package").
 */
const USES =
  /\b(?:this|the|our)\s+(?:project|library|package|code|software|repository|repo|app|application|module|crate|gem|plugin|program|work)\s+uses\s+(?:the\s+|an?\s+)?$/;
/** The parts of a work a licence may be stated for. */
const PART = String.raw`(?:(?:source\s+)?code|data(?:sets?)?|docs|documentation|(?:model\s+)?weights|models?|checkpoints|assets|content|images|artwork|fonts?)`;
/**
 * "Code: MIT. Weights: Apache 2.0.", "- Model weights: CC-BY-NC-4.0": a licence labelled with the
 * part of the work it covers, the name right after the label and ending the statement.
 */
const PART_LABEL = new RegExp(
  String.raw`(?:^|[\s.;!?\u2029])(?:[-*\u2022]\s*)?(?:the\s+)?${PART}\s*:\s*$`,
);
/**
 * The part a licence in a list is for, after its name: "MIT (code)", "CC-BY-4.0 for the
 * documentation".
 */
const SCOPE = String.raw`(?:\(\s*(?:for\s+)?(?:the\s+)?${PART}\s*\)|for\s+(?:the\s+|all\s+)?${PART})`;
const SCOPE_ANYWHERE = new RegExp(SCOPE);
/** "MIT (code) and CC BY 4.0 (docs)", "… for the code, and CC BY 4.0 for …": a second licence for another part. */
const SCOPED_AND = new RegExp(
  String.raw`^\s*(?:licen[cs]e)?\s*${SCOPE}\s*(?:[,;]\s*(?:and\s+)?|and\s+)(?:the\s+)?$`,
);
/** "Licensed MIT", "licensed Apache-2.0": the grant word right before the name. */
const LICENSED_BEFORE = /\blicen[cs]ed\s*:?\s*$/;
/** "Copyright © 2024 Jane Doe under MIT": a copyright line going on to its licence. */
const COPYRIGHT_UNDER =
  /(?:\bcopyright\b|\(c\)|©)[^.;\u2029]{0,160}?\s(?:released\s+)?under\s+(?:the\s+)?$/;
/** "Creative Commons" linked to one CC licence: the URL says which ("under [Creative Commons](…/by/3.0/)"). */
const FAMILY_BEFORE_URL = /(?:creative\s+commons|\bcc)(?:\s+licen[cs]es?)?\s*$/;
/** "MIT licensed", "BSD 2-Clause licensed", "Apache 2.0-licensed": the grant after the name. */
const LICENSED_AFTER = /^[\s-]*(?:v?\d+(?:\.\d+)*\+?[\s-]*)?licen[cs]ed\b/;
/** Text before a URL that points to "this licence", and how far back its grant may be. */
const LICENSE_POINTER =
  /\b(?:(?:copy|text|information|details)\s+(?:on|of|about)\s+(?:this|the)\s+licen[cs]e|this\s+licen[cs]e\s+(?:can\s+be\s+found|is\s+available))\b[^.]{0,60}$/;
const POINTER_CONTEXT = 400;
/**
 * A link target, reStructuredText's ".. _Open Publication License: <url>" or Markdown's
 * "[license]: <url>": where a link points, not a statement; the sentence using the link is.
 */
const LINK_TARGET = /(?:^|\s)(?:(?:\.\.\s+)?_[^:]{1,100}|\[[^\]]{1,100}\])\s*:\s*$/;
/** After a licence's name and version at the start of a line: where its text is. */
const LABEL_AFTER =
  /^[\s,;:(-]*(?:(?:which\s+)?can\s+be\s+found\s+in|(?:as\s+)?found\s+in|see\s+(?:the\s+)?(?:file\s+)?(?:copying|licen[cs]e))\b/;
/** A line's text before a name that is just the word "License". */
const LICENSE_WORD = /^\s*licen[cs]e\s+$/;
/** A clause ending in an opening parenthesis, and a grant anywhere in a clause. */
const PARENTHESISED = /\(\s*$/;
const GRANT_SOMEWHERE = new RegExp(GRANT_TRIGGER);
/**
 * Licence names written with a slash that are one licence, not a choice: "MIT/X11" (MIT), "X11/MIT",
 * "zlib/libpng" (SPDX's Zlib), "Illinois/NCSA".
 */
const ONE_LICENSE_SLASHED: readonly (readonly [RegExp, string])[] = [
  [/\b(?:mit\s*\/\s*x11|x11\s*\/\s*mit)\b/g, 'mit'],
  [/\bzlib\s*\/\s*libpng\b/g, 'zlib'],
  [/\billinois\s*\/\s*ncsa\b/g, 'ncsa'],
];

/** `value` with its slashes read as choices ("MIT/Apache-2.0" → "MIT or Apache-2.0"). */
function slashChoices(value: string): string {
  let v = value;
  for (const [re, id] of ONE_LICENSE_SLASHED) v = v.replace(re, id);
  return v.replace(/\s*\/\s*/g, ' or ');
}

/** A licence file's name or address ("LICENSE-MIT", "./LICENSE.md", "https://…/LICENSE"). */
const LICENSE_FILE = String.raw`(?:https?:\/\/\S*|\.{0,2}\/)?[\w./-]*(?:licen[cs]e|copying)[\w.-]*`;
/** A link or file name in brackets after a licence's name: "<http://…>", "(LICENSE-MIT or …)". */
const LINK = String.raw`(?:<[^<>\u2029]{0,200}>|\([^()\u2029]{0,200}\)|\[[^[\]\u2029]{0,200}\])`;
/** Eclipse's "which accompanies this distribution and is available at <url>" (the URL blanked). */
const WHERE_ITS_TEXT_IS = String.raw`(?:which\s+accompanies\s+this\s+distribution(?:\s*,?\s*and\s+is\s+available\s+at)?|(?:which\s+is\s+)?available\s+at)`;
const AT_YOUR_OPTION = String.raw`\(?at\s+your\s+(?:option|choice|election)\)?`;
/**
 * What may stand between two licences offered as a choice: "or the", ", or under the terms of"
 * (after an id that leaves out the word: "BSD-3-Clause License, or the"), after a link to the
 * first one's text; a slash ("MIT/Apache-2.0", Cargo's old way of writing a choice).
 */
const ALTERNATIVE = new RegExp(
  String.raw`^\s*(?:licen[cs]e)?[\s,]*(?:v(?:ersion)?\.?\s*[\d.]+[\s,]*)?(?:${LICENSE_FILE}[\s,]*)?(?:${WHERE_ITS_TEXT_IS}[\s,]*)?(?:${LINK}[\s,]*)?(?:${AT_YOUR_OPTION}[\s,]*)?(?:(?:and\/or|or)\s+|\/\s*)(?:under\s+)?(?:the\s+terms\s+of\s+)?(?:(?:the|an?)\s+)?$`,
);
/**
 * A grant introducing a list of choices on the lines below ("Licensed under either of", "any of
 * the following licenses, at your option:", "dual-licensed under:"), up to the first item's
 * bullet or number.
 */
const LIST_INTRO = new RegExp(
  String.raw`(?:${GRANT_TRIGGER}\s*(?:either\s+of|(?:one|any)\s+of(?:\s+the\s+following)?(?:\s+licen[cs]es)?|the\s+following\s+licen[cs]es\s*,?\s*${AT_YOUR_OPTION})|\b(?:dual|multi)[\s-]?licen[cs]ed\s+under(?:\s+the\s+following(?:\s+licen[cs]es)?)?)(?:\s*,?\s*${AT_YOUR_OPTION})?\s*:?[\s\u2029]*(?:(?:[-+\u2022]|\d+[.)])\s*)?(?:the\s+)?$`,
);
/** What may stand between two items of such a list: bullets, numbers, links, "or". */
const EXHIBIT_B =
  /\bincompatible\s+with\s+secondary\s+licen[cs]es,?\s+as\s+defined\s+by\s+the\s+mozilla\s+public\s+licen[cs]e,?\s+v(?:ersion)?\.?\s*2\.0\b/g;
/**
 * The public-domain notices CC0 and the Unlicense ask projects to put in their files: "To the
 * extent possible under law, the author(s) have dedicated all copyright and related and
 * neighboring rights to this software to the public domain worldwide … You should have received
 * a copy of the CC0 Public Domain Dedication …"; "This is free and unencumbered software released
 * into the public domain. For more information, please refer to <http://unlicense.org/>". The
 * dedication before the name or link is the grant.
 */
const DEDICATIONS: Readonly<Record<string, RegExp>> = {
  'CC0-1.0':
    /\b(?:have|has)\s+dedicated\s+all\s+copyright\s+and\s+related\s+and\s+neighbou?ring\s+rights\b/,
  Unlicense: /\bfree\s+and\s+unencumbered\s+software\s+released\s+into\s+the\s+public\s+domain\b/,
};
/** How far before a name or link its dedication may be (in characters). */
const DEDICATION_SPAN = 600;
function dedicated(id: string, text: string, start: number): boolean {
  return DEDICATIONS[id]?.test(text.slice(Math.max(0, start - DEDICATION_SPAN), start)) === true;
}
/**
 * Chinese READMEs' grants: "本项目采用 MIT 许可证" (the project adopts the MIT licence), "基于
 * AGPL-3.0 协议开源" (open source under the AGPL-3.0 agreement), "代码：MIT" (code: MIT).
 */
// (Not after 原/曾/之前 "originally, formerly": "本项目原采用 MIT 许可证" is the licence it had.)
const CJK_BEFORE = /(?<!原|曾|之前|以前|此前)(?:采用|基于|遵循|遵守|使用|依据|根据)\s*$/;
const CJK_AFTER = /^\s*(?:licen[cs]e\s*)?(?:许可证?|协议|授权|开源|[，,]\s*见)/;
const CJK_KEYED = /(?:许可证?|协议|授权|代码)\s*[：:]\s*$/;
function cjkGrant(clause: string, rest: string): boolean {
  return (CJK_BEFORE.test(clause) && CJK_AFTER.test(rest)) || CJK_KEYED.test(clause);
}
/**
 * A notice given as an example ("you might note so in your copyright message, ie something like
 * ¶ This file is licensed under the GPL v2, or a later version at the discretion of Linus").
 */
const EXAMPLE_BEFORE =
  /\b(?:something\s+like|for\s+example|for\s+instance|e\.g\.)\s*[:,]?[\s\u2029]*[^.\u2029]{0,120}$/;
/** Before a name that is a statement's defined term: "… or later (the "GPL")". */
const DEFINED_TERM_BEFORE = /^\s*\(\s*(?:the\s+)?$/;
/**
 * A grant offered instead of one stated before it: Mozilla's "Alternatively, the contents of this
 * file may be used under the terms of either the GPL … or the LGPL", Qt's "Alternatively, this
 * file may be used under the terms of the GNU General Public License version 3".
 */
const ALTERNATIVELY =
  /\balternatively,?\s+(?:(?:[\w.-]+\s+){0,6}?(?:may|can)\s+be\s+(?:used|distributed|redistributed|modified|licen[cs]ed|copied)\b|you\s+(?:may|can)\b)/;
/** How far back (in characters) the grant an "Alternatively, …" offers a choice to may be. */
const ALTERNATIVELY_SPAN = 3000;
/** "Dual licensed under the MIT and GPL licenses": in a dual licence, "and" offers a choice. */
/**
 * A second grant in the sentence of a first, its verb left out: "licensed under the MIT license,
 * and the documentation under CC BY 4.0", "…; the artwork under CC BY-SA 4.0".
 */
const ELLIPTICAL_GRANT =
  /^\s*(?:licen[cs]e)?[\s,]*(?:;|,?\s+(?:and|while|whereas|but))\s+(?:all\s+)?(?:the\s+|its\s+)?(?:[a-z][\w-]*\s+){1,4}?(?:(?:is|are)\s+)?under\s+(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?$/;
const DUAL = /\b(?:dual|double)[\s-]?licen[cs](?:ed|e)\b/;
// (After a name whose rule reads no version: "the Server Side Public License, v 1 and the …".)
const AND = /^\s*(?:licen[cs]e)?[\s,]*(?:v(?:ersion)?\.?\s*[\d.]+[\s,]*)?and\s+(?:the\s+)?$/;
const LIST_ITEM_GAP = new RegExp(
  String.raw`^(?:[\s\u2029,;]|[-+\u2022]|\d+[.)]|${LINK}|(?:and\/or|or|and|the|licen[cs]e)\b)*$`,
);
/** Where such a list ends at the latest ("at your option" closes it sooner). */
const LIST_SPAN = 600;
/**
 * EPL-2.0's Exhibit A: "This Source Code may also be made available under the following
 * Secondary Licenses when the conditions for such availability set forth in the Eclipse Public
 * License, v. 2.0 are satisfied: {secondary licences}". The EPL it names is the licence the
 * secondary ones are offered with; each of them is a choice (the Eclipse Foundation writes
 * `EPL-2.0 OR GPL-2.0 WITH Classpath-exception-2.0`).
 */
const SECONDARY_PRIMARY =
  /\bsecondary\s+licen[cs]es\s+when\s+the\s+conditions\s+for\s+such\s+availability\s+set\s+forth\s+in\s+(?:the\s+)?$/;
const SECONDARY_LIST = /^[^.\u2029]{0,40}?\bsatisfied\s*:/;
/**
 * A hyphen and more of the same token right after a name: the name is part of a longer id. A
 * versioned name may go on with its version ("GPL-2.0"), not with a word; "-licensed" after a
 * name is a grant ("Apache-2.0-licensed").
 */
const CONTINUED = /^-(?!licen[cs]ed?\b)[a-z0-9]/;
/** A name followed by "family": the licences of a kind ("the GNU Lesser General Public License family"), none stated. */
const FAMILY_AFTER = /^\s*famil(?:y|ies)\b/;
const CONTINUED_BY_WORD = /^-(?!licen[cs]ed?\b)[a-z]/;
/** Between two items of a list: a comma (and an article). */
const LIST_COMMA = /^\s*(?:licen[cs]e)?\s*,\s*(?:the\s+)?$/;
/** The rest of a list up to its "or" (the same sentence, a few items at most). */
const LIST_CLOSED_BY_OR = /^[^.;\u2029]{0,160}?,?\s+(?:and\/or|or)\s/;
/** A grant whose subject is another named work: a library, package or the rest of one. */
const OTHER_WORK =
  /\b(?:the\s+(?:actual\s+)?code\s+of\s+the\s+[\w.+-]+(?:\s+[\w.+-]+){0,3}\s+(?:library|package)|the\s+rest\s+of\s+the\s+[\w.+-]+(?:\s+[\w.+-]+){0,3}\s+(?:library|package)|(?:even\s+though|although|while)\s+the\s+(?:core\s+)?[\w.+-]+\s+library|(?:these|those)\s+libraries)\s+(?:[\w.+-]+\s+){0,2}?(?:is|are)\s+(?:\w+\s+)?(?:covered|released|licen[cs]ed|distributed)\b/;
/**
 * Other software the text talks about as the subject of a grant: "combine Python with other
 * software that is released under the GPL", "used by programs licensed under …".
 */
const OTHER_SOFTWARE =
  /\b(?:with|by|and|other|third[\s-]party)\s+(?:other\s+)?(?:software|programs|code|libraries|works|projects|packages|modules|applications|products|components)\s+(?:(?:that|which)\s+(?:is|are)\s+)?(?:released|licen[cs]ed|distributed|covered)\b/;
/**
 * A rule for other works rather than a grant: "Each NEP must either be placed in the public
 * domain or licensed under …", "Contributions should be released under …".
 */
const REQUIRED = /\b(?:must|should|shall|needs?\s+to|ha(?:s|ve)\s+to)\s+(?:\w+\s+){0,3}?be\b/;
/**
 * Another work the project uses, bundles, ports or rewrites, granted in a relative clause: "uses
 * FFmpeg, which is licensed under the LGPL", "ported from the proj4m project which is licensed
 * under …", "a rewrite of the FileList extension, which is …".
 */
const USED_WORK =
  /\b(?:uses?|using|used|includes?|including|bundles?|bundling|ships?|embeds?|relies\s+on|depends\s+on|linked\s+(?:with|against)|based\s+on|built\s+(?:on|with)|(?:ported|derived|forked|adapted|taken)\s+from|(?:rewrite|fork|port|clone)\s+of)\s[^.;\u2029]{0,120}?\s(?:which|that)\s+(?:is|are|was|were|has\s+been|had\s+been)\s+(?:\w+\s+){0,2}?(?:licen[cs]ed|released|distributed|available|covered|published)\b/;
/**
 * A licence the work had before: "Previous versions were licensed under …", "originally licensed
 * under …", "versions prior to 2.0 were …" (up to the grant's name, with no comma: "originally
 * licensed under MIT, the project has been re-licensed under …" grants the second; "previously
 * MIT, but is now licensed under …" too).
 */
const FORMER =
  /\b(?:previous(?:ly)?|originally|formerly|former|earlier|older|prior|past|legacy|(?:up\s+to|until|before|between)\s+v?(?:ersion\s*)?\d[\w.]*)\b(?:[\s,]+(?!now\b|currently\b|today\b)[\w.-]+){0,4}?\s+(?:licen[cs]ed|released|distributed|available|published|were|was)\b[^,;]{0,60}$/;
/**
 * Not a grant of the file now: BUSL's "Change License:" (what the work turns into later), and
 * instructions ("If you wish to allow use of your version of this file only under the terms of
 * the GPL …", Mozilla's tri-licence block).
 */
const NOT_NOW =
  /\bchange\s+licen[cs]e\s*:\s*$|\bif\s+you\s+(?:wish|want|choose|decide)\s+to\b[^.;]{0,200}$/;
/** Whether a grant in `clause` is about other works (see OTHER_WORK, OTHER_SOFTWARE, REQUIRED, USED_WORK) or a former licence. */
function aboutOtherWorks(clause: string): boolean {
  return (
    OTHER_WORK.test(clause) ||
    OTHER_SOFTWARE.test(clause) ||
    REQUIRED.test(clause) ||
    USED_WORK.test(clause) ||
    FORMER.test(clause) ||
    NOT_NOW.test(clause)
  );
}

// Flattened text has no apostrophes: "isn't" reads "isnt".
const NEGATED =
  /\b(?:not|(?:is|are|was|were|do|does|did|ca|wo|has|have|should|must)nt|cannot|never|no\s+longer|incompatible|unlike|instead\s+of|rather\s+than|except|compatible\s+with|similar\s+to|like\s+the|inspired\s+by|other\s+than)\b[^.;]{0,50}$/;
/**
 * Apache's "you may not use this file except in compliance with", "… this software except under
 * the terms of": a grant, not a negation.
 */
const COMPLIANCE =
  /\b(?:may\s+not|cannot|must\s+not)\s+(?:use|copy|modify|distribute)\s+(?:this|these)\s+(?:files?|software|code|program|library|work)\s+except\s+(?=in\s+compliance\s+with\b|under\s+the\s+terms\s+of\b)/g;
function negated(clause: string): boolean {
  return NEGATED.test(clause.replace(COMPLIANCE, ''));
}
const OR_LATER =
  /\bor\s+(?:\(\s*)?(?:at\s+(?:your|the\s+licensees?)\s+option\s*\)?,?\s*)?(?:any\s+)?(?:later|newer|higher|greater|subsequent)\b|\band\s+(?:any\s+)?later\b|\blater\s+versions?\b|^\+/;
const IMMEDIATE_VERSION =
  /^[\s,(-]*(?:version\s*|ver\.?\s*|v\.?\s*|-)?(\d+(?:\.\d+)*[a-z]?)(?![\d.]*\d)(\+)?/;
// "the GNU Affero General Public License (GNU AGPLv3)": the version in the abbreviation.
const PARENTHESISED_ABBREVIATION = /^\s*\(\s*(?:gnu\s+)?[al]?gpl\s*-?\s*v?(\d(?:\.\d)?)(\+)?\s*\)/;
// "under the terms of version 2 of the GNU General Public License": the version before the name.
const VERSION_BEFORE =
  /\bversion\s+(\d+(?:\.\d+)?)(\s+or\s+(?:\(\s*at\s+your\s+option\s*\)\s*)?(?:any\s+)?later(?:\s+version)?)?\s+of\s+(?:the\s+)?$/;
const STATED_VERSION = /\b(?:version|ver\.|v\.?)\s*(\d+(?:\.\d+)*[a-z]?)\b/g;
// A full stop (not an abbreviation's), "!" or "?", or an empty line (flatten's PARAGRAPH): a
// paragraph, a heading or a list item ends there even without punctuation.
const SENTENCE_END = /(?<!\b(?:v|ver|no|vol|inc))\.(?=\s+(?!\d)|$)|[!?](?=\s)|\u2029/;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"']{3,300}/g;
/**
 * A notice's pointer to a licence file whose version is known: the version an unversioned notice
 * of that licence means (read in the text right after the name).
 */
const VERSION_POINTERS: readonly { readonly re: RegExp; readonly id: string }[] = [
  // "See the file COPYING in the main directory of the Linux distribution": the kernel's COPYING
  // is GPL-2.0-only.
  {
    re: /^[^.]{0,20}\.?\s*see\s+(?:the\s+)?(?:file\s+)?"?copying"?\s+(?:file\s+)?in\s+the\s+(?:main|top(?:[\s-]level)?)\s+directory\s+of\s+the\s+linux(?:\s+kernel)?\s+(?:distribution|source|kernel|tree)\b/,
    id: 'GPL-2.0-only',
  },
  // The OpenSolaris CDDL header: "You can obtain a copy of the license at
  // usr/src/OPENSOLARIS.LICENSE", the CDDL 1.0 text OpenSolaris was released under (illumos and
  // OpenZFS tag these headers CDDL-1.0).
  {
    re: /^[^\u2029]{0,160}\u2029?[^\u2029]{0,80}?\bcopy\s+of\s+the\s+licen[cs]e\s+at\s+(?:[\w.-]+\/)*opensolaris\.licen[cs]e\b/,
    id: 'CDDL-1.0',
  },
];
// ("SPDX-Licence-Identifier", the British spelling, too.)
// (REUSE.toml writes it as a TOML key: `SPDX-License-Identifier = "MIT"`.)
const SPDX_ID = /spdx-licen[cs]e-identifier\s*[:=]\s*([^\n]*)/gi;

/** Every short licence statement in `text`, in file order. */
export function detectNotices(raw: string, options: NoticeOptions = {}): LicenseMatch[] {
  const excluded = options.exclude ?? [];
  // Lines a licence text explains are blanked (kept as empty lines, so line numbers stay):
  // nothing found there would be kept, and a full licence text is where the name rules do the
  // most work for nothing (the GPL names itself on every page).
  const text = excluded.length > 0 ? blankLines(raw, excluded) : raw;
  // Every line explained by a licence text (a LICENSE file that is one licence): nothing to read.
  if (excluded.length > 0 && !/\S/.test(text)) return [];
  const flat = flatten(text);
  // Whether what is read is the whole file: a name alone in a tiny file declares it, but a
  // name left over beside a licence text (a page's navigation link to another licence) is no
  // such file.
  const alone = excluded.length === 0;
  // Names inside URLs ("…/licenses/gpl-3.0.html") are the URL's business, not a second notice.
  // Identifier lines are read as expressions only.
  const withoutUrls = {
    ...flat,
    text: flat.text
      .replace(URL, (u) => ' '.repeat(u.length))
      .replace(/spdx-licen[cs]e-identifier\s*[:=][^\n]*?(?=\s{2}|$)/g, (u) => ' '.repeat(u.length)),
  };
  const unreadable: Unreadable[] = [];
  const found: Hit[] = [
    ...identifierLines(text),
    ...namedLicenses(withoutUrls, alone),
    ...keyedIds(withoutUrls, unreadable),
    ...onlyValidVersion(withoutUrls),
    ...headingExpressions(withoutUrls),
    ...urls(flat, alone),
  ];
  // A Debian machine-readable copyright file's License fields are read as the format says
  // (dep5.ts), not by the rules for prose.
  // (A field they cannot read, "MIT/X11", "GPL3+", is left to the prose rules.)
  const fields = dep5Hits(flat, raw);
  const fieldLines = new Set(fields.map((f) => f.startLine));
  const onFieldLine = (h: { readonly start: number }): boolean =>
    fieldLines.has(lineAt(flat, h.start));
  const hits =
    fields.length === 0
      ? found
      : withFieldTexts(
          found.filter((h) => !onFieldLine(h)),
          fields,
        );
  // MPL-2.0's Exhibit B ("This Source Code Form is "Incompatible With Secondary Licenses", as
  // defined by the Mozilla Public License, v. 2.0"): the MPL without its GPL compatibility,
  // SPDX's MPL-2.0-no-copyleft-exception, wherever the file states the MPL.
  const incompatible = [...flat.text.matchAll(EXHIBIT_B)].some(
    // (Not the MPL text's own template: 'Exhibit B - "Incompatible With Secondary Licenses"
    // Notice' heads it.)
    (m) => !/\bexhibit\s+b\b/.test(flat.text.slice(Math.max(0, m.index - 120), m.index)),
  );
  // A DEP-5 file's own short names ("GPL-3+ or Less" and a "License: Less" text) are defined
  // there, their texts read on their own.
  const defined = unreadable.length > 0 && isDep5(raw) ? dep5DefinedNames(raw) : undefined;
  const unread = unreadable.filter((u) => !onFieldLine(u) && !namesEach(u, hits, defined));
  const kept = hits
    .filter((h) => !excluded.some((r) => h.startLine >= r.startLine && h.endLine <= r.endLine))
    .map((h) => partOfUnreadable(h, unread))
    .map((h) =>
      incompatible
        ? {
            ...h,
            license: h.license.replace(/\bMPL-2\.0(?![-\w.])/g, 'MPL-2.0-no-copyleft-exception'),
          }
        : h,
    );
  const all = merge(kept);
  // (A DEP-5 file states a licence per group of files: each of its fields besides; dep5Fields
  // bounds them.)
  const most = MAX_STATEMENTS + fields.length;
  if (all.length > most)
    options.limits?.push(
      `at most ${most} short licence statements are reported for this file; it has more`,
    );
  if (text.length > MAX_NOTICE_TEXT)
    options.limits?.push(
      `only the first ${MAX_NOTICE_TEXT.toLocaleString('en')} characters are searched for licence statements`,
    );
  const merged = all.slice(0, most);
  // Many different licences named in short statements: a table or list of licence names (a
  // test file, a licence picker), not statements about this file.
  const named = new Set(merged.filter((m) => m.confidence === 'high').map((m) => m.license));
  // (A Debian machine-readable copyright file states a licence for each group of files: many
  // licences, each a statement.)
  if (named.size < LIST_OF_NAMES || isDep5(text)) return merged;
  return merged.map((m) => ({
    ...m,
    confidence: 'medium' as const,
    score: 0.5,
    reason: `${named.size} different licences named in short statements: a list of names, not a licence statement.`,
  }));
}

/**
 * Whether every licence a key's value joins is read: named by some hit (Debian's "License:
 * GPL-2+ or AFL-2.1", short names read whole as a choice; "GPLv3 or newer"), an SPDX id
 * ("GPL-2+ and Linux-man-pages-copyleft"), after "with", an exception ("GPL3+ with autoconf
 * exception", "GPL-2+ with Libtool exception"), or a name the DEP-5 file gives a text of
 * (`defined`), the value or a part.
 */
function namesEach(u: Unreadable, hits: readonly Hit[], defined?: ReadonlySet<string>): boolean {
  if (defined?.has(dep5Name(u.line))) return true;
  // (KEYED's values join single words: each word not an operator is a licence or exception.)
  let afterWith = false;
  for (const m of u.value.matchAll(/[^\s/]+/g)) {
    if (/^(?:or|and|with)$/.test(m[0])) {
      afterWith = m[0] === 'with';
      continue;
    }
    const start = u.start + m.index;
    const end = start + m[0].length;
    const read =
      hits.some((h) => h.via !== 'identifier' && h.start < end && h.end > start) ||
      defined?.has(dep5Name(m[0])) === true ||
      (afterWith
        ? EXCEPTION_RULES.some((e) => e.re.test(m[0])) ||
          isSpdxExceptionId(m[0]) ||
          isSpdxExceptionId(`${m[0]}-exception`)
        : parseExpression(m[0]) !== undefined);
    if (!read) return false;
  }
  return true;
}

/**
 * A licence named inside a key's value that is no SPDX expression and joins a licence nothing
 * reads, or the part of it that is one. "MIT AND BSD", "GPL-2.0-only WITH Foo-exception": the
 * value states more than that, a hint. "MIT OR BSD": MIT is still a licence one may choose (as
 * for an identifier line with an invalid alternative), with the reason.
 */
function partOfUnreadable(h: Hit, unreadable: readonly Unreadable[]): Hit {
  const u = unreadable.find((u) => h.start >= u.start && h.end <= u.end);
  if (u === undefined || h.confidence === 'medium') return h;
  if (!/\s(?:and|with)\s/.test(u.value))
    return {
      ...h,
      reason: `"${u.value}" also offers a licence no SPDX id names: ${h.license} is one of the choices.`,
    };
  return {
    ...h,
    confidence: 'medium',
    reason: `Part of "${u.value}", which joins licences but is no SPDX expression: ${h.license} alone is not what it states.`,
  };
}

/** What a DEP-5 file's License fields state (readDep5License), one statement per field. */
function dep5Hits(flat: FlatText, raw: string): Hit[] {
  const fields = dep5Fields(raw);
  if (fields.length === 0) return [];
  const defined = dep5DefinedNames(raw);
  const hits: Hit[] = [];
  for (const field of fields) {
    const stated = readDep5License(field.value, defined);
    if (stated === undefined) continue;
    const start = flat.lineStarts[field.line - 1] ?? 0;
    const end = Math.max(start, (flat.lineStarts[field.line] ?? flat.text.length + 1) - 1);
    hits.push({
      ...hit(
        modernize(stated.expression),
        stated.reading === 'part' ? 'medium' : 'high',
        'identifier',
        start,
        end,
        field.line,
        field.line,
      ),
      ...(stated.reason === undefined ? {} : { reason: stated.reason }),
      until: field.end,
    });
  }
  return hits;
}

/**
 * `found` and the DEP-5 `fields` read: a statement inside a field's text of licences that field
 * names ("GPL-3+ with Bison-2.2 exception" over the GPL's notice) is part of the field's, which
 * then spans it; it is not a second statement without the exception.
 */
function withFieldTexts(found: readonly Hit[], fields: readonly Hit[]): Hit[] {
  const out = fields.map((f) => ({ ...f }));
  const rest: Hit[] = [];
  for (const h of found) {
    const ids = licenceIds(h.license);
    const i = out.findIndex(
      (f) =>
        h.startLine > f.startLine &&
        h.endLine <= (f.until ?? f.startLine) &&
        ids.every((id) => licenceIds(f.license).includes(id)),
    );
    const field = out[i];
    if (field === undefined) rest.push(h);
    else out[i] = { ...field, endLine: Math.max(field.endLine, h.endLine) };
  }
  return [...rest, ...out];
}

/** The licence and exception ids of an expression. */
function licenceIds(expression: string): string[] {
  return expression.split(/[\s()]+/).filter((w) => w !== '' && !/^(?:AND|OR|WITH)$/.test(w));
}

/** `text` with the given line ranges (1-based, inclusive) emptied. */
export function blankLines(
  text: string,
  ranges: readonly { readonly startLine: number; readonly endLine: number }[],
): string {
  const lines = text.split(/\r\n?|\n/);
  for (const r of ranges) {
    for (let i = Math.max(1, r.startLine); i <= Math.min(lines.length, r.endLine); i++)
      lines[i - 1] = '';
  }
  return lines.join('\n');
}

/** Distinct licences named in short statements from which a file reads as a list of names. */
const LIST_OF_NAMES = 6;

/**
 * Linus Torvalds's note atop the Linux kernel's and git's COPYING: "the only valid version of the
 * GPL as far as this project is concerned is _this_ particular version of the license (ie v2, not
 * v2.2 or v3.x or whatever)": that version only.
 */
const ONLY_VALID =
  /\bthe\s+only\s+valid\s+version\s+of\s+the\s+gpl\b[^.]{0,160}?\b_?this_?\s+particular\s+version\s+of\s+the\s+licen[cs]e\s*\(\s*ie\s+v?([23])\b/g;
function onlyValidVersion(flat: FlatText): Hit[] {
  if (!flat.text.includes('only valid version')) return [];
  return [...flat.text.matchAll(ONLY_VALID)].slice(0, MAX_STATEMENTS).map((m) => {
    const end = m.index + m[0].length;
    return hit(
      `GPL-${m[1] as string}.0-only`,
      'high',
      'notice',
      m.index,
      end,
      lineAt(flat, m.index),
      lineAt(flat, end - 1),
    );
  });
}

/** `SPDX-License-Identifier:` lines, parsed as SPDX expressions (deprecated ids updated). */
function identifierLines(text: string): Hit[] {
  const hits: Hit[] = [];
  if (!/spdx-licen[cs]e-identifier/i.test(text)) return hits;
  const lines = text.split(/\r\n?|\n/);
  for (let i = 0; i < lines.length && hits.length < MAX_STATEMENTS; i++) {
    const line = lines[i] as string;
    SPDX_ID.lastIndex = 0;
    const m = SPDX_ID.exec(line);
    if (!m) continue;
    let value = m[1] as string;
    // An expression wrapped onto the next comment line ("… OR GPL-2.0 WITH" / "Classpath-…").
    if (/\s(?:OR|AND|WITH)\s*$/i.test(value) && i + 1 < lines.length) {
      value = `${value.trimEnd()} ${withoutCommentPrefixes(lines[i + 1] as string).trim()}`;
    }
    // (Blanks trimmed apart and quotes from the start of their run: patterns with a run of
    // either before the end were tried from each of its characters, quadratic in it.)
    const raw = value
      .trimEnd()
      .replace(/(?:\*\/|-->|#}|%>|\*\)|"|'|`|;|,)$/, '')
      .trimEnd()
      .replace(/^["'`]+|(?<!["'`])["'`]+$/g, '')
      .trim();
    const expression = balanced(raw);
    const parsed = parseExpression(expression);
    if (parsed) {
      hits.push(hit(modernize(parsed.expression), 'high', 'identifier', 0, 0, i + 1, i + 1));
      continue;
    }
    const choice = validChoices(expression);
    if (!choice) {
      // A misspelt id ("BSD-2", "Apache 2"): the correction, as a hint that says so.
      const read = parseDeclared({ value: expression, kind: 'spdx-field' });
      if (read.expression !== undefined && read.corrected !== undefined)
        hits.push({
          ...hit(modernize(read.expression), 'medium', 'identifier', 0, 0, i + 1, i + 1),
          reason: `"${read.corrected.from}" is not an SPDX expression; read as ${read.corrected.to}, a correction, not what the file states.`,
        });
      continue;
    }
    hits.push({
      ...hit(modernize(choice.expression), 'high', 'identifier', 0, 0, i + 1, i + 1),
      reason: `The identifier also offers ${choice.dropped.map((d) => `"${d}"`).join(' and ')}, not a valid SPDX expression (an id or exception not on the SPDX lists); the choice is among the others (a licence whose exception is not on the list, without it).`,
    });
  }
  return hits;
}

const TOP_LEVEL_OR = /^\sOR\s/i;

/**
 * The valid alternatives of an expression that is a choice ("A OR B OR C", at the top level)
 * with an invalid one: each alternative is a licence one may take on its own, so the others
 * stay a choice one may make. Undefined when it is no such choice or nothing in it is valid.
 * (A conjunction with an invalid part is not read: every part of it binds.)
 */
function validChoices(
  expression: string,
): { readonly expression: string; readonly dropped: readonly string[] } | undefined {
  if (expression.length > MAX_EXPRESSION_LENGTH) return undefined;
  const operands: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && TOP_LEVEL_OR.test(expression.slice(i, i + 4))) {
      operands.push(expression.slice(from, i).trim());
      from = i + 4;
    }
  }
  operands.push(expression.slice(from).trim());
  if (operands.length < 2) return undefined;
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const operand of operands) {
    // A licence with an exception not on the SPDX list ("LGPL-2.1-or-later WITH
    // LicenseRef-SCE-Linking-Exception") is that licence without it: an exception only adds
    // permissions, so the licence alone is what one may surely take.
    const withAt = operand.search(/\sWITH\s/i);
    const base = withAt > 0 ? parseExpression(operand.slice(0, withAt).trim()) : undefined;
    const parsed = parseExpression(operand) ?? base;
    if (parsed)
      kept.push(
        /\s(?:OR|AND)\s/.test(parsed.expression) ? `(${parsed.expression})` : parsed.expression,
      );
    if (!parsed || parsed === base) dropped.push(operand);
  }
  if (kept.length === 0) return undefined;
  const whole = parseExpression(kept.join(' OR '));
  return whole && { expression: whole.expression, dropped };
}

/**
 * The expression without a parenthesis the line wraps it in ("(SPDX-License-Identifier: MIT)"):
 * closing parentheses with no opening one are dropped from the end, and the reverse.
 */
function balanced(expression: string): string {
  // (Counted once, then as they are taken off: counting again for each was quadratic.)
  let open = 0;
  let close = 0;
  for (const c of expression) {
    if (c === '(') open++;
    else if (c === ')') close++;
  }
  let start = 0;
  let end = expression.length;
  const blank = (i: number): boolean => /\s/.test(expression[i] as string);
  while (end > start && expression[end - 1] === ')' && close > open) {
    close--;
    end--;
    while (end > start && blank(end - 1)) end--;
  }
  while (start < end && expression[start] === '(' && open > close) {
    open--;
    start++;
    while (start < end && blank(start)) start++;
  }
  return expression.slice(start, end);
}

/** Deprecated GNU ids in identifier lines mean what SPDX says they mean: `GPL-2.0` = only. */
export function modernize(expression: string): string {
  return (
    withSuccessors(expression)
      // (Not inside a LicenseRef: "LicenseRef-GPL-2.0" is the file's own id.)
      .replace(/(?<![\w.-])((?:A|L)?GPL-\d\.\d|GFDL-\d\.\d)\+/g, '$1-or-later')
      .replace(/(?<![\w.-])((?:A|L)?GPL-\d\.\d|GFDL-\d\.\d)(?![-+\w.])/g, '$1-only')
  );
}

interface RawName {
  readonly rule: NameRule;
  readonly m: RegExpExecArray;
  readonly start: number;
  readonly end: number;
}

/** A "License" heading (Markdown's "#" is gone after flattening): what follows declares. */
// (In the languages READMEs are written in: "Lizenz", "Licencia", "许可证", "ライセンス" …; a
// heading may give two, "许可证 | License".)
const HEADING_WORD = String.raw`(?:licen[cs](?:e|es|ing)|copying|lizenz|licencia|licen[cç]a|licenza|licentie|licencja|лицензия|许可证?|许可协议|开源协议|协议|授权|ライセンス|라이선스)`;
const LICENSE_HEADING = new RegExp(
  String.raw`^[^\p{L}\p{N}]{0,4}(?:the\s+)?${HEADING_WORD}(?:\s*[|/]\s*${HEADING_WORD})?(?:\s+(?:information|terms|and\s+copyright))?\s*:?$`,
  'u',
);
/**
 * What may follow the name on its line, in the forms READMEs use: punctuation; a link to the
 * licence file ("[MIT](./LICENSE)", flattened to "mit ./license"); a pointer to it ("3-clause BSD.
 * See LICENSE file.", "MIT — see [LICENSE](./LICENSE)"); the holder ("MIT © Sindre Sorhus",
 * "MIT. Copyright (c) 2008, Fair Oaks Labs, Inc.": a few words, not a sentence).
 */
const NAME_LINE_REST = new RegExp(
  // (A name ending in "License" may have taken the file's name: "mit license.md".)
  String.raw`^(?:\.\w{1,4}|\s+${LICENSE_FILE})?(?:\s+licen[cs]e)?(?:[\s.,;:]*` +
    String.raw`|[\s.,;:—–-]*(?:\(?\s*)?see\s+(?:the\s+)?(?:licen[cs]e|copying|[\w./-]*package\.json)(?:\.\w{1,4})?(?:\s+${LICENSE_FILE})?(?:\s+file)?(?:\s+for\s+(?:details|more(?:\s+information)?))?\s*\)?[\s.,;:]*` +
    String.raw`|[\s.,;:]*(?:©|\(c\)|copyright\b(?:\s*(?:\(c\)|©))?)(?:\s+\S+){1,7}\s*)$`,
);
/** A heading's underline or a rule ("=====", "-----"). */
const RULE_LINE = /^[\s=~*_#-]*$/;
/** A line that is empty (a paragraph end) or a heading's underline. */
function emptyOrRule(line: string): boolean {
  const content = line.trim();
  return content === '' || content === PARAGRAPH || RULE_LINE.test(content);
}

/** Longest line (in characters) read as a heading. */
const MAX_HEADING_LENGTH = 80;
/** A cheap test before reading lines one by one: the text has some heading word at all. */
const LICENSE_HEADING_ANYWHERE = new RegExp(HEADING_WORD);

/**
 * The name is a line of its own under a "License" heading ("## License" then "MIT"): a README's
 * declaration of its licence.
 */
function underLicenseHeading(flat: FlatText, start: number, end: number): boolean {
  const text = flat.text;
  const line = lineAt(flat, start);
  const lineStart = flat.lineStarts[line - 1] ?? 0;
  const lineEnd = flat.lineStarts[line] ?? text.length + 1;
  if (!/^\s*(?:the\s+)?$/.test(text.slice(lineStart, start))) return false;
  if (!declarationRest(text.slice(end, lineEnd - 1))) return false;
  return afterLicenseHeading(flat, line);
}

/** The text of 1-based line `line` of the flattened text. */
function lineText(flat: FlatText, line: number): string {
  return flat.text.slice(flat.lineStarts[line - 1] ?? 0, (flat.lineStarts[line] ?? 1) - 1);
}

/** Whether line `line` is the first under a "License" heading (past empty lines and rules). */
function afterLicenseHeading(flat: FlatText, line: number): boolean {
  for (let l = line - 1, seen = 0; l >= 1 && seen < 4; l--) {
    const content = lineText(flat, l).trim();
    if (
      content === '' ||
      content === PARAGRAPH ||
      (RULE_LINE.test(content) && content.length > 2)
    ) {
      seen++;
      continue;
    }
    return LICENSE_HEADING.test(content);
  }
  return false;
}

/** An id or expression opening a line, "MIT OR Apache-2.0", "CC0-1.0", "MIT/Apache-2.0". */
const LINE_EXPRESSION =
  /^\s*(?:the\s+)?([a-z0-9][a-z0-9.+-]*(?:(?:\s+(?:or|and|with)\s+|\s*\/\s*)[a-z0-9][a-z0-9.+-]*){0,5})/;
/** Another licence's name in a comment after a declaration ("MIT. See the GPL for more."). */
const OTHER_NAME = String.raw`(?<![\w-])(?:[al]?gpl|gplv?\d|bsd|mit|apache|mpl|epl|isc|ofl|cc[\s-]?by|cc0|unlicense|zlib|artistic)(?![\w-])`;
/**
 * A comment after the name or expression that names no other licence: "— see `package.json`",
 * "(same as the original R package)", ". Do whatever you like with it.", the holder then such
 * a comment ("© Jan — vrij te gebruiken"), in any language.
 */
const TRAILING_COMMENT = new RegExp(
  String.raw`^(?:\s+${LICENSE_FILE})?\s*(?:\.\s+|[—–]|\s-\s|\(|,\s|©(?:\s+\S+){1,7}?\s*(?:[—–]|\s-\s))(?!.*${OTHER_NAME}).*$`,
);
/** What may follow a declaration on its line: NAME_LINE_REST, "at your option", a comment. */
function declarationRest(rest: string): boolean {
  return NAME_LINE_REST.test(rest) || EXPRESSION_REST.test(rest) || TRAILING_COMMENT.test(rest);
}
/** "…, at your option." after a choice. */
const EXPRESSION_REST = /^\s*,?\s*\(?at\s+your\s+(?:option|choice)\)?\s*[.;]?\s*$/;

/**
 * SPDX ids or expressions alone on the line under a "License" heading ("MIT-0. See LICENSE",
 * "MIT OR Apache-2.0", "Zlib. © 2015 …"): the README's declaration, read as an expression.
 */
function headingExpressions(flat: FlatText): Hit[] {
  const hits: Hit[] = [];
  if (!LICENSE_HEADING_ANYWHERE.test(flat.text)) return hits;
  // The first non-empty line below each heading (a short line, so most lines cost one length
  // test): where a declaration may be.
  const below: number[] = [];
  const lines = flat.lineStarts.length;
  for (let line = 1; line < lines && below.length < MAX_STATEMENTS; line++) {
    const start = flat.lineStarts[line - 1] ?? 0;
    if ((flat.lineStarts[line] ?? start) - start > MAX_HEADING_LENGTH) continue;
    if (!LICENSE_HEADING.test(lineText(flat, line).trim())) continue;
    let next = line + 1;
    while (next <= lines && next <= line + 4 && emptyOrRule(lineText(flat, next))) next++;
    if (next <= lines) below.push(next);
  }
  for (const line of below) {
    if (hits.length >= MAX_STATEMENTS) break;
    const content = lineText(flat, line);
    const m = LINE_EXPRESSION.exec(content);
    if (!m || !afterLicenseHeading(flat, line)) continue;
    // The rest of the line after the words taken (their original spelling, slash included)
    // must be a pointer, "at your option" or a comment, not more prose.
    const found = leadingExpression(m[1] as string, (words) => {
      const taken = new RegExp(
        String.raw`^\s*(?:the\s+)?${words
          .map((w) => w.replace(/[.+]/g, '\\$&'))
          .join(String.raw`(?:\s+|\s*\/\s*)`)}`,
      ).exec(content);
      const rest = taken ? content.slice(taken[0].length) : '';
      return declarationRest(rest);
    });
    if (found === undefined || found.partial) continue;
    const start = (flat.lineStarts[line - 1] ?? 0) + (m.index ?? 0);
    hits.push(hit(found.expression, 'high', 'identifier', start, start, line, line));
  }
  return hits;
}

/**
 * The longest leading run of `value`'s words that is an SPDX expression (slashes read as
 * choices, "MIT/Apache-2.0"; trailing punctuation dropped), modernised, when `fits` accepts the
 * words taken; undefined when no run is, or the longest goes on with an operator.
 */
function leadingExpression(
  value: string,
  fits: (words: readonly string[]) => boolean = () => true,
): { readonly expression: string; readonly partial?: true } | undefined {
  // (Trailing punctuation from the start of its run only: tried from each mark of a long run
  // that does not end the value, the pattern is quadratic.)
  const words = slashChoices(value.replace(/(?<![.,;:])[.,;:]+$/, '')).split(/\s+/);
  for (let k = words.length; k >= 1; k -= 1) {
    const taken = words.slice(0, k);
    const candidate = taken.join(' ');
    if (/\s(?:or|and|with)$/.test(candidate) || !fits(taken)) continue;
    const parsed = parseExpression(candidate);
    if (!parsed) continue;
    const expression = modernize(parsed.expression);
    // "MIT AND BSD": the expression goes on with words no id names; its first part alone is
    // not what it states.
    return /^(?:or|and|with)$/i.test(words[k] ?? '')
      ? { expression, partial: true }
      : { expression };
  }
  return undefined;
}

/**
 * A licence that is a field of a banner line, "/*! normalize.css v8.0.1 | MIT License |
 * github.com/necolas/normalize.css *\/" (minified files keep only this line): after a "|" and
 * followed by another "|", the comment's end or the end of the line.
 */
function bannerField(flat: FlatText, start: number, end: number): boolean {
  const text = flat.text;
  const line = lineAt(flat, start);
  const lineStart = flat.lineStarts[line - 1] ?? 0;
  const lineEnd = flat.lineStarts[line] ?? text.length + 1;
  return (
    /\|\s*$/.test(text.slice(Math.max(lineStart, start - 200), start)) &&
    /^\s*(?:\||\*?\/|$)/.test(text.slice(end, lineEnd - 1))
  );
}

/** NAME_RULES' expressions, global (each scan starts at lastIndex 0). */
const GLOBAL_NAME_RES = NAME_RULES.map((rule) => new RegExp(rule.re.source, 'g'));

/** Every rule's anchor words, found in one pass (anchorsIn). */
const ANCHORS: readonly string[] = [...new Set(NAME_RULES.flatMap((rule) => rule.anchors))];
const ANY_ANCHOR = new RegExp(
  [...ANCHORS]
    .sort((a, b) => b.length - a.length)
    .map((a) => a.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))
    .join('|'),
  'g',
);
const ANCHORS_BY_FIRST = new Map<string, string[]>();
for (const a of ANCHORS)
  ANCHORS_BY_FIRST.set(a[0] as string, [...(ANCHORS_BY_FIRST.get(a[0] as string) ?? []), a]);

/**
 * The anchor words `text` contains: one regex pass instead of a substring search per word over
 * the whole text. At each place one matches, every anchor starting there is checked, so an
 * anchor inside another ("cc" in "cc0") is found too.
 */
function anchorsIn(text: string): Set<string> {
  const found = new Set<string>();
  ANY_ANCHOR.lastIndex = 0;
  for (let m = ANY_ANCHOR.exec(text); m; m = ANY_ANCHOR.exec(text)) {
    const at = m.index;
    for (const a of ANCHORS_BY_FIRST.get(text[at] as string) ?? []) {
      if (!found.has(a) && text.startsWith(a, at)) found.add(a);
    }
    if (found.size === ANCHORS.length) break;
    ANY_ANCHOR.lastIndex = at + 1;
  }
  return found;
}

/** Licence names, resolved with their version and judged by their context. */
function namedLicenses(flat: FlatText, alone: boolean): Hit[] {
  const text = flat.text;
  const raws: RawName[] = [];
  const taken: [number, number][] = [];
  const present = anchorsIn(text);
  for (const [r, rule] of NAME_RULES.entries()) {
    // A text without any of the rule's anchor words cannot match it: one substring search
    // instead of a regex pass (most texts name few licence families).
    if (!rule.anchors.some((a) => present.has(a))) continue;
    const re = GLOBAL_NAME_RES[r] as RegExp;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      // Part of a longer hyphenated id ("BSD-3-Clause-Clear", "MIT-0", "BSD-2-Clause-style",
      // "GPL-compatible"): another licence, or none, not this one.
      if ((rule.versioned ? CONTINUED_BY_WORD : CONTINUED).test(text.slice(end, end + 16)))
        continue;
      taken.push([start, end]);
      raws.push({ rule, m, start, end });
      if (raws.length > 4 * MAX_STATEMENTS) break;
    }
  }
  raws.push(...spdxNamed(text, taken));
  raws.sort((a, b) => a.start - b.start);
  const words = alone ? tinyWordCount(text) : Infinity;
  const hits: Hit[] = [];
  let statedUntil = -1;
  /** Where the last granted statement ended (-1: the last one was not granted). */
  let previousGranted = -1;
  /** A list of choices being read (LIST_INTRO, EPL's secondary licences), and where it ends. */
  let choices: { readonly until: number; readonly items: 'listed' | 'any' } | undefined;
  /** The name of the last granted statement when it named a licence without saying which. */
  let unnamed: string | undefined;
  for (let i = 0; i < raws.length; i++) {
    const { rule, m, start, end } = raws[i] as RawName;
    // Part of the previous statement: "the GNU Affero General Public License (GNU AGPLv3)".
    if (start < statedUntil) continue;
    // The defined term after a statement, "Version 2 or later (the "GPL")": part of it.
    if (
      statedUntil >= 0 &&
      DEFINED_TERM_BEFORE.test(text.slice(statedUntil, start)) &&
      /^\s*\)/.test(text.slice(end, end + 8))
    )
      continue;
    // A name in parentheses right after this one is its abbreviation ("GNU General Public
    // License (GPL) version 2"): the statement reads on past it.
    let next = i + 1;
    while (raws[next] && /^\s*\(\s*$/.test(text.slice(end, raws[next]?.start))) next++;
    const nextStart = raws[next]?.start ?? text.length;
    const after = sentence(text.slice(end, Math.min(end + AFTER, nextStart)));
    // "(GNU AGPLv3)" right after the name belongs to it, though it is also a name of its own.
    const abbreviation = PARENTHESISED_ABBREVIATION.exec(text.slice(end, end + 40));
    const before = text.slice(Math.max(0, start - BEFORE), start);
    const fullClause = before.slice(lastSentenceEnd(before));
    const stated = rule.versioned ? VERSION_BEFORE.exec(fullClause) : null;
    // The grant reads through a version stated before the name ("under the terms of version 2
    // of the GPL"), which is the version of the statement.
    const clause = stated ? fullClause.slice(0, stated.index) : fullClause;
    const version = rule.versioned
      ? withVersionBefore(
          versionAfter(m, abbreviation ? sentence(text.slice(end, end + AFTER)) : after),
          stated,
        )
      : { orLater: false, several: false };
    // A version pointed to rather than stated (VERSION_POINTERS).
    const pointed =
      rule.versioned && version.version === undefined
        ? pointedId(rule, version, m, text.slice(end, end + AFTER))
        : undefined;
    const named = pointed?.id ?? rule.id(version, m);
    // A name whose version is not one of the licence's ("GPL version 4") or several ("GPL
    // versions 2 and 3") states nothing; one naming a licence without saying which is one
    // choice of a statement, the others then only some of its choices.
    if (named === undefined && rule.unnamed !== true) continue;
    const id = named === undefined ? undefined : statedId(named, version, after);
    if (negated(clause)) continue;
    // A bare abbreviation ("isc", "gpl") in a tiny file is as likely a word as a declaration.
    const titled = /licen[cs]e|\s/.test(m[0]);
    // The second licence of a choice granted together ("under the MIT License or the Apache
    // License, Version 2.0", "the GPL version 2 or the LGPL version 2.1").
    // Only a versioned licence reads on to its version ("…License, Version 2.0"): after an
    // unversioned name, a version belongs to the next licence named.
    // (A pointer to the licence's file is part of the statement.)
    const statedEnd = end + (pointed?.length ?? (rule.versioned ? statedLength(after) : 0));
    // In a list of three or more ("the MIT License, the BSD-3-Clause License, or the Apache
    // License"), a licence after a comma is one of the choice when the list goes on to "or".
    // An item of a list of choices after the first ("Licensed under either of" and a bulleted
    // list; EPL's secondary licences).
    const listed =
      choices !== undefined &&
      start < choices.until &&
      (choices.items === 'any' || LIST_ITEM_GAP.test(text.slice(previousGranted, start)));
    const alternative =
      previousGranted >= 0 &&
      (listed ||
        ALTERNATIVE.test(text.slice(previousGranted, start)) ||
        (AND.test(text.slice(previousGranted, start)) && DUAL.test(fullClause)) ||
        (LIST_COMMA.test(text.slice(previousGranted, start)) &&
          LIST_CLOSED_BY_OR.test(text.slice(statedEnd, statedEnd + AFTER))));
    const listIntro = LIST_INTRO.test(before);
    const secondaryPrimary = SECONDARY_PRIMARY.test(fullClause);
    const versionKnown = !(rule.versioned && version.version === undefined);
    // A header line that is the licence's name and version, pointing to its text ("GPL v2, can
    // be found in COPYING").
    const lineStart = flat.lineStarts[lineAt(flat, start) - 1] ?? 0;
    const label =
      versionKnown &&
      text.slice(lineStart, start).trim() === '' &&
      LABEL_AFTER.test(text.slice(statedEnd, statedEnd + 60));
    // GNU programs' --version line, "License GPLv3+: GNU GPL version 3 or later <url>": the
    // licence's short name after "License" at the start of the line, then a colon.
    const versionLine =
      versionKnown &&
      LICENSE_WORD.test(text.slice(lineStart, start)) &&
      /^\s*:/.test(text.slice(statedEnd, statedEnd + 8));
    // "the actual code of the GNU gettext library is covered by …", "these libraries are
    // licensed under GPL", "with other software released under …": the licence of another
    // work the file talks about, not the file's; "must be released under …", a rule for them.
    // The statement ends with the name (and its version), or its line does: "…uses the MIT
    // license.", "Code: MIT."
    // (A function: only the rules that need it ask.)
    const endsStatement = (): boolean =>
      /^\s*(?:[.;,!)\u2029]|$)/.test(text.slice(statedEnd, statedEnd + 4)) ||
      text
        .slice(statedEnd, flat.lineStarts[lineAt(flat, Math.max(start, statedEnd - 1))])
        .trim() === '';
    const granted =
      !aboutOtherWorks(clause) &&
      !FAMILY_AFTER.test(text.slice(statedEnd, statedEnd + 24)) &&
      !EXAMPLE_BEFORE.test(before) &&
      (rule.selfGranting === true ||
        GRANT.test(clause) ||
        LICENSED_BEFORE.test(clause) ||
        COPYRIGHT_UNDER.test(clause) ||
        LICENSED_AFTER.test(text.slice(end, end + 40)) ||
        alternative ||
        (previousGranted >= 0 && ELLIPTICAL_GRANT.test(text.slice(previousGranted, start))) ||
        (previousGranted >= 0 && SCOPED_AND.test(text.slice(previousGranted, start))) ||
        (id !== undefined && dedicated(id, text, start)) ||
        cjkGrant(clause, text.slice(statedEnd, statedEnd + 40)) ||
        bannerField(flat, start, statedEnd) ||
        listIntro ||
        secondaryPrimary ||
        label ||
        versionLine ||
        (INFORMAL_GRANT.test(clause) && versionKnown) ||
        (USES.test(clause) && /licen[cs]e/.test(m[0]) && endsStatement()) ||
        (PART_LABEL.test(clause) && endsStatement()) ||
        (titled && declares(m[0], words)) ||
        underLicenseHeading(flat, start, statedEnd));
    statedUntil = statedEnd;
    previousGranted = granted ? statedEnd : -1;
    // The statement before this one named a licence without saying which one.
    const afterUnnamed = alternative ? unnamed : undefined;
    unnamed = granted && id === undefined ? m[0] : undefined;
    if (!granted) choices = undefined;
    else if (listIntro) choices = { until: listEnd(text, start), items: 'listed' };
    const chosenFrom = afterUnnamed === undefined ? hits[hits.length - 1] : undefined;
    // "Alternatively, … under the terms of X": a choice with the grant before it.
    const alternativelyTo =
      granted && !alternative && ALTERNATIVELY.test(fullClause)
        ? hits.findLastIndex((h) => h.confidence === 'high' && start - h.end <= ALTERNATIVELY_SPAN)
        : -1;
    if (id === undefined) {
      // A choice of a licence named without saying which one ("either the GPL version 2 or the
      // BSD license"): the one named in full stays a licence to choose, with the reason.
      const k = alternative && chosenFrom !== undefined ? hits.length - 1 : alternativelyTo;
      const offered = hits[k];
      if (offered?.confidence === 'high') hits[k] = oneOfTheChoices(offered, m[0]);
      continue;
    }
    const alternativeOf = hits[alternativelyTo];
    if (alternativeOf !== undefined && !id.includes(' OR ') && alternativeOf.license !== id) {
      hits[alternativelyTo] = offering(
        alternativeOf,
        id,
        statedEnd,
        lineAt(flat, Math.max(start, statedEnd - 1)),
      );
      continue;
    }
    if (secondaryPrimary && granted) {
      const colon = SECONDARY_LIST.exec(text.slice(statedEnd, statedEnd + AFTER));
      if (colon) {
        const from = statedEnd + colon[0].length;
        choices = { until: from + sentence(text.slice(from, from + AFTER)).length, items: 'any' };
      }
      // The EPL granted just before ("made available under the terms of the Eclipse Public
      // License 2.0 … or the Apache License"): the secondary licences add to that choice.
      if (chosenFrom?.confidence === 'high' && chosenFrom.license.split(' OR ').includes(id))
        continue;
    }
    if (alternative && chosenFrom !== undefined && !id.includes(' OR ')) {
      // One statement offering a choice: one expression, `A OR B`.
      hits[hits.length - 1] = offering(
        chosenFrom,
        id,
        statedEnd,
        lineAt(flat, Math.max(start, statedEnd - 1)),
      );
      continue;
    }
    const statement = hit(
      id,
      granted ? 'high' : 'medium',
      'notice',
      start,
      statedEnd,
      lineAt(flat, start),
      lineAt(flat, Math.max(start, statedEnd - 1)),
    );
    hits.push({
      ...(afterUnnamed === undefined ? statement : oneOfTheChoices(statement, afterUnnamed)),
      ...(rule.versioned && version.version === undefined && pointed === undefined
        ? { unversioned: true }
        : {}),
      ...(id.endsWith('-only') && version.only !== true && pointed === undefined
        ? { impliedOnly: true }
        : {}),
    });
  }
  return hits;
}

/**
 * The id an unversioned name means when the text `after` it points to a licence file of known
 * version (VERSION_POINTERS) of that very licence, and the length of that pointer.
 */
function pointedId(
  rule: NameRule,
  version: VersionInfo,
  m: RegExpExecArray,
  after: string,
): { readonly id: string; readonly length: number } | undefined {
  for (const { re, id } of VERSION_POINTERS) {
    const pointer = re.exec(after);
    if (pointer === null) continue;
    const v = /-(\d+\.\d+)/.exec(id)?.[1];
    return rule.id({ ...version, version: v, only: true }, m) === id
      ? { id, length: pointer[0].length }
      : undefined;
  }
  return undefined;
}

/**
 * The id a statement naming `named` states: its "or later" (SPDX writes any licence's with `+`,
 * the GNU ids have their own -or-later: "the Eclipse Public License either version 1.0 or (at
 * your option) any later version"), an exception named after it.
 */
function statedId(named: string, version: VersionInfo, after: string): string {
  let id = named;
  if (version.orLater && version.version !== undefined && !/-only$|-or-later$|\+$|\s/.test(id))
    id = `${id}+`;
  const exception = EXCEPTION_RULES.find((e) => e.re.test(after));
  return exception && !id.includes(' ') ? `${id} WITH ${exception.id}` : id;
}

/**
 * `h` offered as a choice with a licence `name`d without saying which one ("the BSD license",
 * "a Creative Commons license"): still a licence one may choose (as for an identifier line with
 * an invalid alternative), with the reason naming the other.
 */
function oneOfTheChoices(h: Hit, name: string): Hit {
  return {
    ...h,
    reason: `Offered as a choice with "${name}", which does not say which licence it is: ${h.license} is one of the choices, the other not named in full.`,
  };
}

/** `h` offering `id` as one more choice (`A OR B`), the statement now ending at `end`. */
function offering(h: Hit, id: string, end: number, endLine: number): Hit {
  return { ...h, license: `${h.license} OR ${id}`, end, endLine };
}

/** Where a list of choices starting at `start` ends: at "at your option", or LIST_SPAN on. */
function listEnd(text: string, start: number): number {
  const rest = text.slice(start, start + LIST_SPAN);
  const closed = /\bat\s+your\s+(?:option|choice)\b/.exec(rest);
  return start + (closed ? closed.index : rest.length);
}

/**
 * Names from the SPDX list, found from each "license" word backwards (the longest known name
 * ending there), where the hand-written rules found nothing.
 */
/** The word (letters and digits) ending before offset `at`, past spaces and hyphens. */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && /[\s-]/.test(text[end - 1] as string)) end--;
  let start = end;
  while (start > 0 && /[a-z0-9]/.test(text[start - 1] as string)) start--;
  return text.slice(start, end);
}

function spdxNamed(text: string, taken: readonly [number, number][]): RawName[] {
  const bases = spdxNameBases();
  const lastWords = spdxNameLastWords();
  const out: RawName[] = [];
  for (const l of text.matchAll(/\blicen[cs]e\b/g)) {
    const at = l.index;
    const end = at + l[0].length;
    if (taken.some(([a, b]) => at < b && end > a)) continue;
    // Most "license" words ("this License", "the License") end no SPDX name: one look at the
    // word before instead of trying every name length.
    if (!lastWords.has(wordBefore(text, at))) continue;
    const prefix = text.slice(Math.max(0, at - 150), at);
    const words = [...prefix.matchAll(/[a-z0-9]+(?=[\s-]*$|[\s-]+)/g)];
    for (let k = Math.min(MAX_NAME_WORDS - 1, words.length); k >= 1; k--) {
      const first = words[words.length - k] as RegExpMatchArray;
      const start = at - prefix.length + (first.index as number);
      const between = text.slice(start, at);
      if (!/^[a-z0-9\s-]+$/.test(between)) continue;
      const base = `${between.replace(/[\s-]+/g, ' ').trim()} license`;
      const versions = bases.get(base);
      if (!versions) continue;
      const re = /[\s\S]*/y;
      re.lastIndex = start;
      const m = re.exec(text.slice(0, end)) as RegExpExecArray;
      out.push({
        rule: {
          re,
          anchors: [],
          versioned: true,
          id: (v) => {
            if (v.several) return undefined;
            const id =
              versions.get(v.version ?? '') ??
              (v.version === undefined ? undefined : versions.get(''));
            return id === '' ? undefined : id;
          },
        },
        m,
        start,
        end,
      });
      break;
    }
    if (out.length > MAX_STATEMENTS) break;
  }
  return out;
}

// "License: zlib", "@license MIT", "licence = Apache-2.0": an SPDX expression as a value.
// (One run of blanks, then perhaps a parenthesis and more: blanks read by two patterns in a row
// were tried every way of splitting them, quadratic in a long run.)
const KEYED =
  /(?:\blicen[cs]es?\s*[:=]|@licen[cs]e\b|\blicen[cs]e\s+(?:is|type|id)\b(?:\s*:)?)\s*(?:\(\s*)?([a-z0-9][a-z0-9.+-]*(?:(?:\s+(?:or|and|with)\s+|\s*\/\s*)[a-z0-9][a-z0-9.+-]*){0,5})/g;

/** A licence key's value joining licences with operators that is no SPDX expression. */
interface Unreadable {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** The rest of the value's line ("gpl-2+ with autoconf-data exception"). */
  readonly line: string;
}

/**
 * SPDX ids and expressions given as the value of a licence key; the values joining licences
 * that are no SPDX expression ("MIT AND BSD") go to `unreadable`.
 */
function keyedIds(flat: FlatText, unreadable: Unreadable[]): Hit[] {
  const hits: Hit[] = [];
  for (const m of flat.text.matchAll(KEYED)) {
    // BUSL's "Change License: MPL 2.0": the licence the work turns into later.
    if (/\bchange\s*$/.test(flat.text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const value = m[1] as string;
    const start = m.index + m[0].length - value.length;
    const lineNumber = lineAt(flat, start);
    const found = leadingExpression(value);
    // A value that is no SPDX expression, or only in part ("Apache-2.0 or CC0-1.0 or
    // OpenSSL+SSLeay"): its part is stated, but not alone unless the rest is read elsewhere
    // (partOfUnreadable).
    if ((found === undefined || found.partial) && /\s(?:or|and|with)\s/.test(value)) {
      const line = flat.text.slice(start, flat.lineStarts[lineNumber]).trimEnd();
      unreadable.push({ start, end: start + value.length, value, line });
    }
    if (found === undefined) continue;
    const lineEnd = flat.lineStarts[lineNumber] ?? flat.text.length;
    const items = [
      { expression: found.expression, start, end: start + value.length },
      ...(found.partial ? [] : listedAfter(flat.text, start + value.length, lineEnd)),
    ];
    // "MIT, Apache-2.0": listed without saying whether all apply or one may be chosen; read as
    // all applying, the stricter reading (a part named for each, "MIT (code), CC-BY-4.0
    // (docs)", says so).
    const unsaid =
      items.length > 1 && !SCOPE_ANYWHERE.test(flat.text.slice(start, items.at(-1)?.end))
        ? {
            reason: `"${items.map((i) => i.expression).join(', ')}" lists licences without saying whether all apply or one may be chosen: read as all applying.`,
          }
        : {};
    for (const item of items)
      hits.push({
        ...hit(item.expression, 'high', 'identifier', item.start, item.end, lineNumber, lineNumber),
        ...unsaid,
      });
    if (hits.length >= MAX_STATEMENTS) break;
  }
  return hits;
}

/** A list item after a licence key's value: a separator, the part the one before is for. */
const KEYED_ITEM = new RegExp(
  String.raw`^\s*(?:${SCOPE}\s*(?:[,;]\s*(?:and\s+)?|and\s+)|[,;]\s*)(?:the\s+)?([a-z0-9][a-z0-9.+-]*(?:\s+(?:or|with)\s+[a-z0-9][a-z0-9.+-]*){0,3})`,
);
/** Most licences read from one key's list. */
const MAX_KEYED_ITEMS = 6;

/**
 * The licences listed after a licence key's value, from `from` to the line's end `to`: "MIT
 * (code), CC-BY-4.0 (docs)", "MIT for code; CC-BY-4.0 for data", "MIT, Apache-2.0". Each item
 * an SPDX expression; the list ends at the first that is not.
 */
function listedAfter(
  text: string,
  from: number,
  to: number,
): { readonly expression: string; readonly start: number; readonly end: number }[] {
  const items: { expression: string; start: number; end: number }[] = [];
  let at = from;
  while (items.length < MAX_KEYED_ITEMS) {
    const m = KEYED_ITEM.exec(text.slice(at, Math.min(to, at + 200)));
    if (m === null) break;
    const found = leadingExpression(m[1] as string);
    if (found === undefined || found.partial) break;
    const start = at + m[0].length - (m[1] as string).length;
    at = start + (m[1] as string).length;
    items.push({ expression: found.expression, start, end: at });
  }
  return items;
}

/**
 * Words in the flattened text (runs between spaces with a letter or digit), counted only up to
 * one more than a tiny file has: all that TINY_FILE_WORDS tests need, without splitting a long
 * file into words.
 */
function tinyWordCount(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/[^ ]+/g)) if (/\w/.test(m[0]) && ++n > TINY_FILE_WORDS) break;
  return n;
}

function declares(name: string, fileWords: number): boolean {
  const nameWords = name.split(/[\s-]+/).filter((w) => /\w/.test(w)).length;
  return fileWords <= TINY_FILE_WORDS && nameWords * 2 >= fileWords;
}

/**
 * GNOME's and KDE's "either version 2 of the License, or (at your option) version 3[, or any
 * later version]", Qt's "version 2.1 or version 3": two versions offered, the second perhaps "or later" (KDE's "any later version
 * accepted by the membership of KDE e.V." is a proxy's choice, not any later version).
 */
const VERSION_CHOICE =
  /^[\s,;]*(?:as\s+published\s+by\s+the\s+free\s+software\s+foundation[\s,;]*)?(?:either\s+)?version\s+(\d+(?:\.\d+)?)(?:\s+of\s+the\s+licen[cs]e)?\s*,?\s+or\s+(?:\(?at\s+your\s+option\)?\s*,?\s+)?version\s+(\d+(?:\.\d+)?)(\s*,?\s*or\s+(?:\(?at\s+your\s+option\)?\s+)?any\s+later\s+version(?!\s+accepted))?/;
/** R's and CRAN's "GPL (>= 2)": version 2 or later. */
const AT_LEAST = /^\s*\(\s*>=\s*v?(\d+(?:\.\d+)?)\s*\)/;

/** The version statement after a name (or inside it: "gplv2", "GPL-2.0+"). */
function versionAfter(m: RegExpExecArray, after: string): VersionInfo {
  const atLeast = m.groups?.ver === undefined ? AT_LEAST.exec(after) : null;
  if (atLeast) return { version: dotted(atLeast[1] as string), orLater: true, several: false };
  const choice = m.groups?.ver === undefined ? VERSION_CHOICE.exec(after) : null;
  if (choice)
    return {
      version: dotted(choice[1] as string),
      orLater: false,
      several: false,
      also: { version: dotted(choice[2] as string), orLater: choice[3] !== undefined },
    };
  const abbreviated = PARENTHESISED_ABBREVIATION.exec(after);
  const inName = m.groups?.ver ?? abbreviated?.[1];
  const plus = m.groups?.plus ?? abbreviated?.[2];
  const found = new Set<string>();
  if (inName !== undefined) found.add(dotted(inName));
  else {
    const immediate = IMMEDIATE_VERSION.exec(after);
    if (immediate) found.add(dotted(immediate[1] as string));
    else
      for (const s of after.matchAll(STATED_VERSION)) {
        found.add(dotted(s[1] as string));
        if (found.size > 2) break;
      }
  }
  const immediatePlus = inName === undefined && /^[\s-]*v?\d+(?:\.\d+)*\+/.test(after);
  const orLater =
    plus === '+' ||
    plus === '-or-later' ||
    immediatePlus ||
    (plus !== '-only' && OR_LATER.test(after));
  const only =
    /^\s*(?:version\s+\S+\s+)?only\b/.test(after) ||
    /\b(?:no|not\s+(?:any|a))\s+later\b|\bnot\s+later\b/.test(after);
  const version = found.size === 1 ? [...found][0] : undefined;
  return {
    ...(version !== undefined ? { version } : {}),
    orLater: orLater && !only,
    several: found.size > 1,
    ...(only || plus === '-only' ? { only: true } : {}),
  };
}

/** A version stated before the name applies when none is stated after it. */
function withVersionBefore(v: VersionInfo, stated: RegExpExecArray | null): VersionInfo {
  if (!stated || v.version !== undefined || v.several) return v;
  return {
    version: dotted(stated[1] as string),
    orLater: v.orLater || stated[2] !== undefined,
    several: false,
  };
}

/** "2" → "2.0"; "2.1" and "3.01" stay. */
function dotted(v: string): string {
  return v.includes('.') ? v : `${v}.0`;
}

/** The text up to the end of the sentence it starts in. */
function sentence(s: string): string {
  const m = SENTENCE_END.exec(s);
  return m ? s.slice(0, m.index) : s;
}

/** Offset just after the last sentence end in `s` (0 when none). */
function lastSentenceEnd(s: string): number {
  let at = 0;
  const re = new RegExp(SENTENCE_END.source, 'g');
  for (let m = re.exec(s); m; m = re.exec(s)) at = m.index + 1;
  return at;
}

/** How much of `after` still belongs to the statement (its version and "or later" clause). */
function statedLength(after: string): number {
  const atLeast = AT_LEAST.exec(after) ?? VERSION_CHOICE.exec(after);
  if (atLeast) return atLeast[0].length;
  const later = OR_LATER.exec(after);
  if (later) return later.index + later[0].length;
  const v = IMMEDIATE_VERSION.exec(after) ?? new RegExp(STATED_VERSION.source).exec(after);
  if (!v) return 0;
  // "Version 2 only": the word belongs to the statement.
  const end = v.index + v[0].length;
  return end + (/^\s*only\b/.exec(after.slice(end))?.[0].length ?? 0);
}

/** Canonical licence URLs; `high` in a grant, alone in a tiny file, or after "License:". */
function urls(flat: FlatText, alone: boolean): Hit[] {
  const text = flat.text;
  const hits: Hit[] = [];
  const words = alone ? tinyWordCount(text) : Infinity;
  for (const m of text.matchAll(URL)) {
    const found = licenseOfUrl(m[0]);
    if (found === undefined) continue;
    const id = modernize(found);
    const start = m.index;
    const before = text.slice(Math.max(0, start - BEFORE), start);
    const clause = before.slice(lastSentenceEnd(before));
    if (negated(clause)) continue;
    // "Released under the Creative Commons Attribution License (http://…/by/2.5)": the URL in
    // parentheses after a granted name says which licence (and version) the grant means.
    // "…licensed under the Creative Commons Attribution-NonCommercial-NoDerivs License. To
    // view a copy of this license, visit http://…/by-nc-nd/2.0/": the URL says which licence
    // the grant before it means.
    const context = text.slice(Math.max(0, start - POINTER_CONTEXT), start);
    const granted =
      (!aboutOtherWorks(clause) &&
        !LINK_TARGET.test(clause) &&
        (GRANT.test(clause) ||
          GRANT.test(clause.replace(FAMILY_BEFORE_URL, '')) ||
          (PARENTHESISED.test(clause) && GRANT_SOMEWHERE.test(clause)))) ||
      (LICENSE_POINTER.test(context) &&
        GRANT_SOMEWHERE.test(context) &&
        !aboutOtherWorks(context)) ||
      words <= TINY_FILE_WORDS ||
      dedicated(id, text, start);
    const line = lineAt(flat, start);
    hits.push({
      ...hit(id, granted ? 'high' : 'medium', 'reference', start, start + m[0].length, line, line),
      // A URL never says "only": the file's "or later" statement of that version is what it means.
      ...(id.endsWith('-only') ? { impliedOnly: true } : {}),
    });
    if (hits.length >= MAX_STATEMENTS) break;
  }
  return hits;
}

function hit(
  license: string,
  confidence: 'high' | 'medium',
  via: Hit['via'],
  start: number,
  end: number,
  startLine: number,
  endLine: number,
): Hit {
  return { license, confidence, via, start, end, startLine, endLine };
}

/** Lines between two statements of one licence that still make them one notice. */
const SAME_NOTICE_GAP = 4;
/** Hints this close to a confident statement are part of it ("See the GNU GPL for details"). */
const HINT_SHADOW = 12;

/**
 * Whether statements `a` and `b` (after it) of the same licence on nearby lines are one. A DEP-5
 * field's statement is its paragraph's (the statements inside its text are part of it already:
 * withFieldTexts); one after it is not (the next paragraph's text states its own field's
 * licence); fields next to each other are one when read alike (a field whose exception openvet
 * cannot name stays a hint of its own).
 */
function oneStatement(a: Hit, b: Hit): boolean {
  if (a.until === undefined) return true;
  return b.until !== undefined && a.confidence === b.confidence;
}

/**
 * One match per notice: statements of the same licence on nearby lines merge (a notice's name,
 * its URL and its "see the licence" line), and hints next to a confident statement go.
 */
function merge(hits: readonly Hit[]): LicenseMatch[] {
  // "Licensed under the LGPL, see above": an unversioned reference to a family the file states
  // with a version elsewhere is that statement, not a second licence.
  const family = (id: string): string => id.replace(/-\d.*$/, '');
  // (A statement of the very same id is not "another version": it merges below.)
  const versioned = (h: Hit): boolean =>
    hits.some(
      (o) => !o.unversioned && family(o.license) === family(h.license) && o.license !== h.license,
    );
  // A name restating an identifier or keyed expression on the same line ("license: MIT OR
  // Apache-2.0") is part of it.
  const expressions = hits.filter((h) => h.via === 'identifier');
  // "licensed under AGPLv3" in a file whose notice says "version 3 … or any later version":
  // the short name is that statement, not a second, narrower one.
  // (Not an unversioned one that yields to a version stated elsewhere: "the GNU LGPL, see
  // /usr/share/common-licenses/LGPL-2.1" would lose both.)
  const stated = hits.filter((h) => !(h.unversioned && versioned(h)));
  const orLater = new Set(stated.filter((h) => h.confidence === 'high').map((h) => h.license));
  const sorted = stated
    .filter(
      (h) =>
        !(
          h.impliedOnly &&
          !h.license.includes(' ') &&
          orLater.has(h.license.replace(/-only$/, '-or-later'))
        ),
    )
    .filter(
      (h) =>
        h.via === 'identifier' ||
        !expressions.some(
          (e) =>
            e.startLine <= h.startLine &&
            e.endLine >= h.endLine &&
            e.license.split(/\s+/).includes(h.license),
        ),
    )
    .sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
  const merged: Hit[] = [];
  for (const h of sorted) {
    const i = merged.findLastIndex((o) => o.license === h.license);
    const prev = merged[i];
    if (prev && h.startLine <= prev.endLine + SAME_NOTICE_GAP && oneStatement(prev, h)) {
      // The statement read with confidence gives the reason (a hint's says why it is one).
      const from = prev.confidence === 'medium' && h.confidence === 'high' ? h : prev;
      merged[i] = {
        ...prev,
        reason: from.reason,
        endLine: Math.max(prev.endLine, h.endLine),
        ...(h.until === undefined ? {} : { until: h.until }),
        confidence: prev.confidence === 'high' || h.confidence === 'high' ? 'high' : 'medium',
      };
      continue;
    }
    merged.push(h);
  }
  // A licence restated next to a choice it is one of (the URLs under "Dual licensed under the
  // MIT and GPL licenses:", Elastic's "Licensed under the Elastic License 2.0 and the SSPL; …
  // at your election, the Elastic License 2.0 or the SSPL"): part of that choice.
  const choices = merged.filter((h) => h.confidence === 'high' && h.license.includes(' OR '));
  const restated = (h: Hit): boolean =>
    !h.license.includes(' ') &&
    choices.some(
      (c) =>
        c.license.split(' OR ').includes(h.license) &&
        h.startLine <= c.endLine + SAME_NOTICE_GAP &&
        c.startLine <= h.endLine + SAME_NOTICE_GAP,
    );
  const confident = merged.filter((h) => h.confidence === 'high' && !restated(h));
  return merged
    .filter((h) => !restated(h))
    .filter(
      (h) =>
        h.confidence === 'high' ||
        !confident.some(
          (c) => h.startLine >= c.startLine - HINT_SHADOW && h.endLine <= c.endLine + HINT_SHADOW,
        ),
    )
    .map((h) => ({
      license: h.license,
      confidence: h.confidence,
      score: h.confidence === 'high' ? 1 : 0.5,
      startLine: h.startLine,
      endLine: h.endLine,
      via: h.via,
      ...(h.reason !== undefined ? { reason: h.reason } : {}),
    }));
}
