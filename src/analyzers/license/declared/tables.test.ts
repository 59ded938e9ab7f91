import { describe, expect, it } from 'vitest';
import {
  HF_LICENSE_TAGS,
  parseDeclared,
  TROVE_CLASSIFIERS,
  type DeclaredLicense,
} from './index.js';
import { isSpdxLicenseId } from './spdx.js';

function declared(id: string): DeclaredLicense {
  return { expression: id, ids: [id], confidence: 'declared' };
}
function unknown(
  value: string,
  reason: string,
  extra: Partial<DeclaredLicense> = {},
): DeclaredLicense {
  return { ids: [], confidence: 'declared', unknown: value, reason, ...extra };
}

describe('tables', () => {
  it.each([
    ['trove classifiers', TROVE_CLASSIFIERS],
    ['Hugging Face tags', HF_LICENSE_TAGS],
  ] as const)('%s map only to SPDX ids that exist', (_name, table) => {
    const bad = [...table]
      .filter(([, e]) => 'spdx' in e && !isSpdxLicenseId(e.spdx))
      .map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('covers every License :: classifier in pypa/trove-classifiers', () => {
    expect(TROVE_CLASSIFIERS.size).toBe(84);
    expect([...TROVE_CLASSIFIERS.keys()].every((k) => k.startsWith('License :: '))).toBe(true);
  });

  it('covers every tag in the hub-docs licence table plus the in-the-wild AI tags', () => {
    expect(HF_LICENSE_TAGS.size).toBe(85);
  });

  it('gives every table entry a result with ids or a reason', () => {
    for (const [value, kind] of [
      ...[...TROVE_CLASSIFIERS.keys()].map((k) => [k, 'classifier'] as const),
      ...[...HF_LICENSE_TAGS.keys()].map((k) => [k, 'hf-tag'] as const),
    ]) {
      const r = parseDeclared({ value, kind });
      expect(r.ids.length > 0 || r.reason !== undefined, value).toBe(true);
    }
  });
});

describe('parseDeclared: trove classifiers', () => {
  const FAMILY = 'names a licence family, not one licence: the version or variant is not stated';
  it.each<[string, DeclaredLicense]>([
    ['License :: OSI Approved :: MIT License', declared('MIT')],
    ['License :: OSI Approved :: MIT No Attribution License (MIT-0)', declared('MIT-0')],
    [
      'License :: OSI Approved :: Apache Software License',
      unknown(
        'License :: OSI Approved :: Apache Software License',
        `trove classifier: Apache Software License ${FAMILY} (Apache-1.0, -1.1 or -2.0)`,
      ),
    ],
    [
      'License :: OSI Approved :: BSD License',
      unknown(
        'License :: OSI Approved :: BSD License',
        `trove classifier: BSD License ${FAMILY} (BSD-2-Clause, BSD-3-Clause and their variants)`,
      ),
    ],
    [
      'License :: OSI Approved :: GNU General Public License (GPL)',
      unknown(
        'License :: OSI Approved :: GNU General Public License (GPL)',
        `trove classifier: GNU General Public License ${FAMILY} (GPL-1.0, -2.0 or -3.0)`,
      ),
    ],
    ['License :: OSI Approved :: GNU General Public License v2 (GPLv2)', declared('GPL-2.0-only')],
    [
      'License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)',
      declared('GPL-2.0-or-later'),
    ],
    ['License :: OSI Approved :: GNU General Public License v3 (GPLv3)', declared('GPL-3.0-only')],
    [
      'License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)',
      declared('GPL-3.0-or-later'),
    ],
    ['License :: OSI Approved :: GNU Affero General Public License v3', declared('AGPL-3.0-only')],
    [
      'License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)',
      declared('AGPL-3.0-or-later'),
    ],
    [
      'License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)',
      declared('LGPL-3.0-only'),
    ],
    [
      'License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)',
      declared('LGPL-3.0-or-later'),
    ],
    [
      'License :: OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)',
      {
        expression: 'LGPL-2.0-only',
        ids: ['LGPL-2.0-only'],
        confidence: 'medium',
        reason:
          'the LGPLv2 classifier is often used for LGPL-2.1, which has no classifier of its own',
      },
    ],
    ['License :: OSI Approved :: ISC License (ISCL)', declared('ISC')],
    ['License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)', declared('MPL-2.0')],
    ['License :: OSI Approved :: Mozilla Public License 1.0 (MPL)', declared('MPL-1.0')],
    ['License :: OSI Approved :: The Unlicense (Unlicense)', declared('Unlicense')],
    ['License :: OSI Approved :: Zero-Clause BSD (0BSD)', declared('0BSD')],
    ['License :: OSI Approved :: zlib/libpng License', declared('Zlib')],
    [
      'License :: OSI Approved :: University of Illinois/NCSA Open Source License',
      declared('NCSA'),
    ],
    ['License :: OSI Approved :: Universal Permissive License (UPL)', declared('UPL-1.0')],
    ['License :: OSI Approved :: Boost Software License 1.0 (BSL-1.0)', declared('BSL-1.0')],
    ['License :: OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)', declared('EPL-2.0')],
    [
      'License :: OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)',
      declared('EUPL-1.2'),
    ],
    [
      'License :: OSI Approved :: Historical Permission Notice and Disclaimer (HPND)',
      declared('HPND'),
    ],
    ['License :: OSI Approved :: Python License (CNRI Python License)', declared('CNRI-Python')],
    [
      'License :: OSI Approved :: Python Software Foundation License',
      {
        expression: 'PSF-2.0',
        ids: ['PSF-2.0'],
        confidence: 'medium',
        reason:
          'the classifier states no version; PSF-2.0 is the only PSF licence SPDX lists, but packages also use it for the Python-2.0 licence stack',
      },
    ],
    ['License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication', declared('CC0-1.0')],
    ['License :: CeCILL-B Free Software License Agreement (CECILL-B)', declared('CECILL-B')],
    [
      'License :: OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)',
      declared('CECILL-2.1'),
    ],
    [
      'License :: OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)',
      declared('BlueOak-1.0.0'),
    ],
    ['License :: OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)', declared('OFL-1.1')],
    ['License :: OSI Approved :: PostgreSQL License', declared('PostgreSQL')],
    [
      'License :: OSI Approved',
      unknown(
        'License :: OSI Approved',
        'trove classifier: "OSI Approved" is a category of licences, not a licence',
      ),
    ],
    [
      'License :: Freeware',
      unknown(
        'License :: Freeware',
        'trove classifier: "Freeware" is a category of licences, not a licence',
      ),
    ],
    [
      'License :: Other/Proprietary License',
      unknown(
        'License :: Other/Proprietary License',
        'trove classifier: proprietary: the classifier says the licence is not an open-source one',
      ),
    ],
    [
      'License :: Public Domain',
      unknown(
        'License :: Public Domain',
        'trove classifier: public domain is a status, not a licence; no SPDX id states it',
      ),
    ],
    [
      'License :: Repoze Public License',
      unknown(
        'License :: Repoze Public License',
        'trove classifier: Repoze Public License has no SPDX id',
      ),
    ],
    // Whitespace around separators is forgiven; anything else is matched exactly.
    ['License::OSI Approved::MIT License', declared('MIT')],
    ['  License ::  OSI Approved :: MIT   License ', declared('MIT')],
    [
      'License :: OSI Approved :: MIT Licence',
      unknown('License :: OSI Approved :: MIT Licence', 'not a known License :: trove classifier'),
    ],
    [
      'Programming Language :: Python',
      unknown('Programming Language :: Python', 'not a License :: trove classifier'),
    ],
  ])('%j', (value, expected) => {
    expect(parseDeclared({ value, kind: 'classifier' })).toEqual(expected);
  });
});

describe('parseDeclared: Hugging Face licence tags', () => {
  const ONLY =
    'the tag cannot say "or later"; read as -only, which the source does not state in so many words';
  function ref(tag: string): DeclaredLicense {
    return declared(`LicenseRef-${tag}`);
  }
  it.each<[string, DeclaredLicense]>([
    ['apache-2.0', declared('Apache-2.0')],
    ['Apache-2.0', declared('Apache-2.0')],
    ['mit', declared('MIT')],
    ['bsd-3-clause', declared('BSD-3-Clause')],
    ['cc0-1.0', declared('CC0-1.0')],
    ['cc-by-4.0', declared('CC-BY-4.0')],
    ['cc-by-nc-4.0', declared('CC-BY-NC-4.0')],
    ['cc-by-nc-sa-4.0', declared('CC-BY-NC-SA-4.0')],
    ['cc-by-nc-nd-4.0', declared('CC-BY-NC-ND-4.0')],
    ['ms-pl', declared('MS-PL')],
    ['lgpl-lr', declared('LGPLLR')],
    ['c-uda', declared('C-UDA-1.0')],
    ['pddl', declared('PDDL-1.0')],
    ['etalab-2.0', declared('etalab-2.0')],
    ['openmdw-1.0', declared('OpenMDW-1.0')],
    [
      'gpl-3.0',
      { expression: 'GPL-3.0-only', ids: ['GPL-3.0-only'], confidence: 'medium', reason: ONLY },
    ],
    [
      'agpl-3.0',
      { expression: 'AGPL-3.0-only', ids: ['AGPL-3.0-only'], confidence: 'medium', reason: ONLY },
    ],
    [
      'lgpl-2.1',
      { expression: 'LGPL-2.1-only', ids: ['LGPL-2.1-only'], confidence: 'medium', reason: ONLY },
    ],
    [
      'odbl',
      {
        expression: 'ODbL-1.0',
        ids: ['ODbL-1.0'],
        confidence: 'medium',
        reason: 'the tag names the family; ODbL-1.0 is its only version',
      },
    ],
    ['llama2', ref('llama2')],
    ['llama3', ref('llama3')],
    ['llama3.1', ref('llama3.1')],
    ['llama3.2', ref('llama3.2')],
    ['llama3.3', ref('llama3.3')],
    ['llama4', ref('llama4')],
    ['gemma', ref('gemma')],
    ['creativeml-openrail-m', ref('creativeml-openrail-m')],
    ['bigscience-openrail-m', ref('bigscience-openrail-m')],
    ['bigscience-bloom-rail-1.0', ref('bigscience-bloom-rail-1.0')],
    ['bigcode-openrail-m', ref('bigcode-openrail-m')],
    ['openrail', ref('openrail')],
    ['openrail++', ref('openrail++')],
    ['deepfloyd-if-license', ref('deepfloyd-if-license')],
    ['apple-amlr', ref('apple-amlr')],
    ['apple-ascl', ref('apple-ascl')],
    ['fair-noncommercial-research-license', ref('fair-noncommercial-research-license')],
    ['deepseek', ref('deepseek')],
    ['deepseek-license', ref('deepseek')],
    ['tongyi-qianwen', ref('tongyi-qianwen')],
    ['LLaMA3.1', ref('llama3.1')],
    [
      'bsd',
      unknown(
        'bsd',
        'Hugging Face licence tag: the tag "bsd" names a licence family, not one licence: the version or variant is not stated',
      ),
    ],
    [
      'gpl',
      unknown(
        'gpl',
        'Hugging Face licence tag: the tag "gpl" names a licence family, not one licence: the version or variant is not stated (GNU General Public License)',
      ),
    ],
    [
      'cc',
      unknown(
        'cc',
        'Hugging Face licence tag: the tag "cc" names a licence family, not one licence: the version or variant is not stated (Creative Commons)',
      ),
    ],
    [
      'unknown',
      unknown('unknown', 'Hugging Face licence tag: the model card says the licence is unknown'),
    ],
    // Not a Hub tag, but an SPDX expression: read as SPDX.
    [
      'MIT OR Apache-2.0',
      { expression: 'MIT OR Apache-2.0', ids: ['Apache-2.0', 'MIT'], confidence: 'declared' },
    ],
    ['0bsd', declared('0BSD')],
    [
      'my-custom-licence',
      unknown('my-custom-licence', 'not a Hugging Face licence tag nor an SPDX expression'),
    ],
  ])('%j', (value, expected) => {
    expect(parseDeclared({ value, kind: 'hf-tag' })).toEqual(expected);
  });

  const OTHER =
    'the model card says license: other; its licence is named by license_name/license_link, not identified here';
  it.each<[string, { name?: string; link?: string }, DeclaredLicense]>([
    ['other without name', {}, unknown('other', OTHER)],
    [
      'other with name and link',
      { name: 'tongyi-qianwen', link: 'https://huggingface.co/Qwen/Qwen-7B/blob/main/LICENSE' },
      unknown('other', OTHER, {
        name: 'tongyi-qianwen',
        link: 'https://huggingface.co/Qwen/Qwen-7B/blob/main/LICENSE',
      }),
    ],
    [
      'other with blank name',
      { name: '  ', link: 'LICENSE.md' },
      unknown('other', OTHER, { link: 'LICENSE.md' }),
    ],
  ])('%s', (_label, extra, expected) => {
    expect(parseDeclared({ value: 'other', kind: 'hf-tag', ...extra })).toEqual(expected);
  });
});
