/**
 * Lookup tables from two vocabularies that are not SPDX to SPDX ids: Python trove
 * `License ::` classifiers and Hugging Face Hub licence tags. Written by hand because no
 * maintained package carries either mapping; each entry was checked against the SPDX list
 * (a test asserts every id exists there).
 */

/** One table entry: what a classifier or tag says. */
export type TableEntry =
  /** An SPDX licence id. `medium` marks a reading the source cannot pin down fully. */
  | { readonly spdx: string; readonly medium?: string }
  /** A licence with no SPDX id, written `LicenseRef-<tag>`. */
  | { readonly ref: string }
  /** No id can be given: a family without a version, a category, or a non-licence. */
  | { readonly none: string };

const FAMILY = 'names a licence family, not one licence: the version or variant is not stated';
const CATEGORY = 'is a category of licences, not a licence';
const ONLY_GUESS =
  'cannot say "or later"; read as -only, which the source does not state in so many words';

/**
 * Every `License ::` classifier in pypa/trove-classifiers (src/trove_classifiers/__init__.py),
 * keyed exactly as written there.
 */
export const TROVE_CLASSIFIERS: ReadonlyMap<string, TableEntry> = new Map<string, TableEntry>([
  ['License :: Aladdin Free Public License (AFPL)', { spdx: 'Aladdin' }],
  ['License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication', { spdx: 'CC0-1.0' }],
  ['License :: CeCILL-B Free Software License Agreement (CECILL-B)', { spdx: 'CECILL-B' }],
  ['License :: CeCILL-C Free Software License Agreement (CECILL-C)', { spdx: 'CECILL-C' }],
  ['License :: DFSG approved', { none: `"DFSG approved" ${CATEGORY}` }],
  [
    'License :: Eiffel Forum License (EFL)',
    { none: `Eiffel Forum License ${FAMILY} (EFL-1.0 or EFL-2.0)` },
  ],
  ['License :: Free For Educational Use', { none: `"Free For Educational Use" ${CATEGORY}` }],
  ['License :: Free For Home Use', { none: `"Free For Home Use" ${CATEGORY}` }],
  ['License :: Free To Use But Restricted', { none: `"Free To Use But Restricted" ${CATEGORY}` }],
  ['License :: Free for non-commercial use', { none: `"Free for non-commercial use" ${CATEGORY}` }],
  ['License :: Freely Distributable', { none: `"Freely Distributable" ${CATEGORY}` }],
  ['License :: Freeware', { none: `"Freeware" ${CATEGORY}` }],
  ['License :: GUST Font License 1.0', { none: 'GUST Font License 1.0 has no SPDX id' }],
  [
    'License :: GUST Font License 2006-09-30',
    { none: 'GUST Font License 2006-09-30 has no SPDX id' },
  ],
  [
    'License :: Netscape Public License (NPL)',
    { none: `Netscape Public License ${FAMILY} (NPL-1.0 or NPL-1.1)` },
  ],
  ['License :: Nokia Open Source License (NOKOS)', { spdx: 'Nokia' }],
  ['License :: OSI Approved', { none: `"OSI Approved" ${CATEGORY}` }],
  [
    'License :: OSI Approved :: Academic Free License (AFL)',
    { none: `Academic Free License ${FAMILY} (AFL-1.1 to AFL-3.0)` },
  ],
  [
    'License :: OSI Approved :: Apache Software License',
    { none: `Apache Software License ${FAMILY} (Apache-1.0, -1.1 or -2.0)` },
  ],
  [
    'License :: OSI Approved :: Apple Public Source License',
    { none: `Apple Public Source License ${FAMILY} (APSL-1.0 to APSL-2.0)` },
  ],
  [
    'License :: OSI Approved :: Artistic License',
    { none: `Artistic License ${FAMILY} (Artistic-1.0 variants or Artistic-2.0)` },
  ],
  ['License :: OSI Approved :: Attribution Assurance License', { spdx: 'AAL' }],
  [
    'License :: OSI Approved :: BSD License',
    { none: `BSD License ${FAMILY} (BSD-2-Clause, BSD-3-Clause and their variants)` },
  ],
  ['License :: OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)', { spdx: 'BlueOak-1.0.0' }],
  ['License :: OSI Approved :: Boost Software License 1.0 (BSL-1.0)', { spdx: 'BSL-1.0' }],
  [
    'License :: OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)',
    { spdx: 'CECILL-2.1' },
  ],
  ['License :: OSI Approved :: CMU License (MIT-CMU)', { spdx: 'MIT-CMU' }],
  [
    'License :: OSI Approved :: Common Development and Distribution License 1.0 (CDDL-1.0)',
    { spdx: 'CDDL-1.0' },
  ],
  // CPL has only ever had version 1.0.
  ['License :: OSI Approved :: Common Public License', { spdx: 'CPL-1.0' }],
  ['License :: OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)', { spdx: 'EPL-1.0' }],
  ['License :: OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)', { spdx: 'EPL-2.0' }],
  [
    'License :: OSI Approved :: Educational Community License, Version 2.0 (ECL-2.0)',
    { spdx: 'ECL-2.0' },
  ],
  [
    'License :: OSI Approved :: Eiffel Forum License',
    { none: `Eiffel Forum License ${FAMILY} (EFL-1.0 or EFL-2.0)` },
  ],
  ['License :: OSI Approved :: European Union Public Licence 1.0 (EUPL 1.0)', { spdx: 'EUPL-1.0' }],
  ['License :: OSI Approved :: European Union Public Licence 1.1 (EUPL 1.1)', { spdx: 'EUPL-1.1' }],
  ['License :: OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)', { spdx: 'EUPL-1.2' }],
  // The trove list has both "v3" and "v3 or later", so plain "v3" is a deliberate "only".
  ['License :: OSI Approved :: GNU Affero General Public License v3', { spdx: 'AGPL-3.0-only' }],
  [
    'License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)',
    { spdx: 'AGPL-3.0-or-later' },
  ],
  [
    'License :: OSI Approved :: GNU Free Documentation License (FDL)',
    { none: `GNU Free Documentation License ${FAMILY} (GFDL-1.1, -1.2 or -1.3)` },
  ],
  [
    'License :: OSI Approved :: GNU General Public License (GPL)',
    { none: `GNU General Public License ${FAMILY} (GPL-1.0, -2.0 or -3.0)` },
  ],
  ['License :: OSI Approved :: GNU General Public License v2 (GPLv2)', { spdx: 'GPL-2.0-only' }],
  [
    'License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)',
    { spdx: 'GPL-2.0-or-later' },
  ],
  ['License :: OSI Approved :: GNU General Public License v3 (GPLv3)', { spdx: 'GPL-3.0-only' }],
  [
    'License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)',
    { spdx: 'GPL-3.0-or-later' },
  ],
  // "LGPLv2" is often written for LGPL 2.1 (which has no classifier of its own).
  [
    'License :: OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)',
    {
      spdx: 'LGPL-2.0-only',
      medium:
        'the LGPLv2 classifier is often used for LGPL-2.1, which has no classifier of its own',
    },
  ],
  [
    'License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)',
    {
      spdx: 'LGPL-2.0-or-later',
      medium:
        'the LGPLv2+ classifier is often used for LGPL-2.1-or-later, which has no classifier of its own',
    },
  ],
  [
    'License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)',
    { spdx: 'LGPL-3.0-only' },
  ],
  [
    'License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)',
    { spdx: 'LGPL-3.0-or-later' },
  ],
  [
    'License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)',
    { none: `GNU Lesser General Public License ${FAMILY} (LGPL-2.0, -2.1 or -3.0)` },
  ],
  [
    'License :: OSI Approved :: Historical Permission Notice and Disclaimer (HPND)',
    { spdx: 'HPND' },
  ],
  ['License :: OSI Approved :: IBM Public License', { spdx: 'IPL-1.0' }],
  ['License :: OSI Approved :: ISC License (ISCL)', { spdx: 'ISC' }],
  ['License :: OSI Approved :: MIT License', { spdx: 'MIT' }],
  ['License :: OSI Approved :: MIT No Attribution License (MIT-0)', { spdx: 'MIT-0' }],
  ['License :: OSI Approved :: MirOS License (MirOS)', { spdx: 'MirOS' }],
  ['License :: OSI Approved :: Motosoto License', { spdx: 'Motosoto' }],
  ['License :: OSI Approved :: Mozilla Public License 1.0 (MPL)', { spdx: 'MPL-1.0' }],
  ['License :: OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)', { spdx: 'MPL-1.1' }],
  ['License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)', { spdx: 'MPL-2.0' }],
  [
    'License :: OSI Approved :: Mulan Permissive Software License v2 (MulanPSL-2.0)',
    { spdx: 'MulanPSL-2.0' },
  ],
  ['License :: OSI Approved :: NASA Open Source Agreement v1.3 (NASA-1.3)', { spdx: 'NASA-1.3' }],
  ['License :: OSI Approved :: Nethack General Public License', { spdx: 'NGPL' }],
  ['License :: OSI Approved :: Nokia Open Source License', { spdx: 'Nokia' }],
  ['License :: OSI Approved :: Open Group Test Suite License', { spdx: 'OGTSL' }],
  ['License :: OSI Approved :: Open Software License 3.0 (OSL-3.0)', { spdx: 'OSL-3.0' }],
  ['License :: OSI Approved :: PostgreSQL License', { spdx: 'PostgreSQL' }],
  ['License :: OSI Approved :: Python License (CNRI Python License)', { spdx: 'CNRI-Python' }],
  [
    'License :: OSI Approved :: Python Software Foundation License',
    {
      spdx: 'PSF-2.0',
      medium:
        'the classifier states no version; PSF-2.0 is the only PSF licence SPDX lists, but packages also use it for the Python-2.0 licence stack',
    },
  ],
  [
    'License :: OSI Approved :: Qt Public License (QPL)',
    {
      spdx: 'QPL-1.0',
      medium: 'the classifier states no version; QPL-1.0 is the only OSI-approved version',
    },
  ],
  ['License :: OSI Approved :: Ricoh Source Code Public License', { spdx: 'RSCPL' }],
  ['License :: OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)', { spdx: 'OFL-1.1' }],
  ['License :: OSI Approved :: Sleepycat License', { spdx: 'Sleepycat' }],
  ['License :: OSI Approved :: Sun Public License', { spdx: 'SPL-1.0' }],
  ['License :: OSI Approved :: The Unlicense (Unlicense)', { spdx: 'Unlicense' }],
  ['License :: OSI Approved :: Universal Permissive License (UPL)', { spdx: 'UPL-1.0' }],
  ['License :: OSI Approved :: University of Illinois/NCSA Open Source License', { spdx: 'NCSA' }],
  ['License :: OSI Approved :: Vovida Software License 1.0', { spdx: 'VSL-1.0' }],
  [
    'License :: OSI Approved :: W3C License',
    {
      spdx: 'W3C',
      medium:
        'the classifier states no date; W3C is the 2002 notice, SPDX also lists W3C-19980720 and W3C-20150513',
    },
  ],
  ['License :: OSI Approved :: Zero-Clause BSD (0BSD)', { spdx: '0BSD' }],
  [
    'License :: OSI Approved :: Zope Public License',
    { none: `Zope Public License ${FAMILY} (ZPL-1.1, -2.0 or -2.1)` },
  ],
  ['License :: OSI Approved :: zlib/libpng License', { spdx: 'Zlib' }],
  [
    'License :: Other/Proprietary License',
    { none: 'proprietary: the classifier says the licence is not an open-source one' },
  ],
  [
    'License :: Public Domain',
    { none: 'public domain is a status, not a licence; no SPDX id states it' },
  ],
  ['License :: Repoze Public License', { none: 'Repoze Public License has no SPDX id' }],
]);

/**
 * Hugging Face Hub licence tags (model-card `license:`), from huggingface/hub-docs
 * `docs/hub/repositories-licenses.md`. Tags marked "in the wild" are not in that table but
 * are common on the Hub (older cards); they are AI licences and map the same way.
 */
export const HF_LICENSE_TAGS: ReadonlyMap<string, TableEntry> = new Map<string, TableEntry>([
  ['apache-2.0', { spdx: 'Apache-2.0' }],
  ['mit', { spdx: 'MIT' }],
  ['openrail', { ref: 'openrail' }],
  ['bigscience-openrail-m', { ref: 'bigscience-openrail-m' }],
  ['creativeml-openrail-m', { ref: 'creativeml-openrail-m' }],
  ['bigscience-bloom-rail-1.0', { ref: 'bigscience-bloom-rail-1.0' }],
  ['bigcode-openrail-m', { ref: 'bigcode-openrail-m' }],
  ['afl-3.0', { spdx: 'AFL-3.0' }],
  ['artistic-2.0', { spdx: 'Artistic-2.0' }],
  ['bsl-1.0', { spdx: 'BSL-1.0' }],
  ['bsd', { none: `the tag "bsd" ${FAMILY}` }],
  ['bsd-2-clause', { spdx: 'BSD-2-Clause' }],
  ['bsd-3-clause', { spdx: 'BSD-3-Clause' }],
  ['bsd-3-clause-clear', { spdx: 'BSD-3-Clause-Clear' }],
  ['c-uda', { spdx: 'C-UDA-1.0' }],
  ['cc', { none: `the tag "cc" ${FAMILY} (Creative Commons)` }],
  ['cc0-1.0', { spdx: 'CC0-1.0' }],
  ['cc-by-2.0', { spdx: 'CC-BY-2.0' }],
  ['cc-by-2.5', { spdx: 'CC-BY-2.5' }],
  ['cc-by-3.0', { spdx: 'CC-BY-3.0' }],
  ['cc-by-4.0', { spdx: 'CC-BY-4.0' }],
  ['cc-by-sa-3.0', { spdx: 'CC-BY-SA-3.0' }],
  ['cc-by-sa-4.0', { spdx: 'CC-BY-SA-4.0' }],
  ['cc-by-nc-2.0', { spdx: 'CC-BY-NC-2.0' }],
  ['cc-by-nc-3.0', { spdx: 'CC-BY-NC-3.0' }],
  ['cc-by-nc-4.0', { spdx: 'CC-BY-NC-4.0' }],
  ['cc-by-nd-4.0', { spdx: 'CC-BY-ND-4.0' }],
  ['cc-by-nc-nd-3.0', { spdx: 'CC-BY-NC-ND-3.0' }],
  ['cc-by-nc-nd-4.0', { spdx: 'CC-BY-NC-ND-4.0' }],
  ['cc-by-nc-sa-2.0', { spdx: 'CC-BY-NC-SA-2.0' }],
  ['cc-by-nc-sa-3.0', { spdx: 'CC-BY-NC-SA-3.0' }],
  ['cc-by-nc-sa-4.0', { spdx: 'CC-BY-NC-SA-4.0' }],
  ['cdla-sharing-1.0', { spdx: 'CDLA-Sharing-1.0' }],
  ['cdla-permissive-1.0', { spdx: 'CDLA-Permissive-1.0' }],
  ['cdla-permissive-2.0', { spdx: 'CDLA-Permissive-2.0' }],
  ['wtfpl', { spdx: 'WTFPL' }],
  ['ecl-2.0', { spdx: 'ECL-2.0' }],
  ['epl-1.0', { spdx: 'EPL-1.0' }],
  ['epl-2.0', { spdx: 'EPL-2.0' }],
  ['etalab-2.0', { spdx: 'etalab-2.0' }],
  ['eupl-1.1', { spdx: 'EUPL-1.1' }],
  ['eupl-1.2', { spdx: 'EUPL-1.2' }],
  ['agpl-3.0', { spdx: 'AGPL-3.0-only', medium: `the tag ${ONLY_GUESS}` }],
  ['gfdl', { none: `the tag "gfdl" ${FAMILY} (GNU Free Documentation License)` }],
  ['gpl', { none: `the tag "gpl" ${FAMILY} (GNU General Public License)` }],
  ['gpl-2.0', { spdx: 'GPL-2.0-only', medium: `the tag ${ONLY_GUESS}` }],
  ['gpl-3.0', { spdx: 'GPL-3.0-only', medium: `the tag ${ONLY_GUESS}` }],
  ['lgpl', { none: `the tag "lgpl" ${FAMILY} (GNU Lesser General Public License)` }],
  ['lgpl-2.1', { spdx: 'LGPL-2.1-only', medium: `the tag ${ONLY_GUESS}` }],
  ['lgpl-3.0', { spdx: 'LGPL-3.0-only', medium: `the tag ${ONLY_GUESS}` }],
  ['isc', { spdx: 'ISC' }],
  ['h-research', { ref: 'h-research' }],
  ['intel-research', { ref: 'intel-research' }],
  ['lppl-1.3c', { spdx: 'LPPL-1.3c' }],
  ['ms-pl', { spdx: 'MS-PL' }],
  ['apple-ascl', { ref: 'apple-ascl' }],
  ['apple-amlr', { ref: 'apple-amlr' }],
  ['mpl-2.0', { spdx: 'MPL-2.0' }],
  // Both families have had one version only.
  [
    'odc-by',
    { spdx: 'ODC-By-1.0', medium: 'the tag names the family; ODC-By-1.0 is its only version' },
  ],
  ['odbl', { spdx: 'ODbL-1.0', medium: 'the tag names the family; ODbL-1.0 is its only version' }],
  ['openmdw-1.0', { spdx: 'OpenMDW-1.0' }],
  ['openrail++', { ref: 'openrail++' }],
  ['osl-3.0', { spdx: 'OSL-3.0' }],
  ['postgresql', { spdx: 'PostgreSQL' }],
  ['ofl-1.1', { spdx: 'OFL-1.1' }],
  ['ncsa', { spdx: 'NCSA' }],
  ['unlicense', { spdx: 'Unlicense' }],
  ['zlib', { spdx: 'Zlib' }],
  ['pddl', { spdx: 'PDDL-1.0' }],
  ['lgpl-lr', { spdx: 'LGPLLR' }],
  ['deepfloyd-if-license', { ref: 'deepfloyd-if-license' }],
  ['fair-noncommercial-research-license', { ref: 'fair-noncommercial-research-license' }],
  ['llama2', { ref: 'llama2' }],
  ['llama3', { ref: 'llama3' }],
  ['llama3.1', { ref: 'llama3.1' }],
  ['llama3.2', { ref: 'llama3.2' }],
  ['llama3.3', { ref: 'llama3.3' }],
  ['llama4', { ref: 'llama4' }],
  ['grok2-community', { ref: 'grok2-community' }],
  ['gemma', { ref: 'gemma' }],
  // In the wild: common on older model cards, not in the hub-docs table.
  ['deepseek', { ref: 'deepseek' }],
  ['deepseek-license', { ref: 'deepseek' }],
  ['tongyi-qianwen', { ref: 'tongyi-qianwen' }],
  ['tongyi-qianwen-research', { ref: 'tongyi-qianwen-research' }],
  ['unknown', { none: 'the model card says the licence is unknown' }],
]);
