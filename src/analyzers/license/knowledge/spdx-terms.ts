/**
 * Full terms, with clauses, for the most used SPDX licences. Clause references cite
 * the section numbers and a few words of the licence text (texts: spdx.org/licenses).
 * Deprecated ids (`GPL-3.0`, `GPL-2.0+`, …) share the terms of their current id
 * through `SPDX_TERM_ALIASES`.
 */
import { disclose, term, terms } from './terms-helpers.js';
import type { LicenseTerms } from './types.js';

const PD_COMMERCIAL = 'no conditions: rights waived or dedicated to the public domain';

const mit = terms({
  attribution: term(
    true,
    '"The above copyright notice and this permission notice shall be included"',
  ),
  commercialUse: term(
    'allowed',
    '"to use, copy, modify, merge, publish, distribute, sublicense, and/or sell"',
  ),
});

const bsd2 = terms({
  attribution: term(
    true,
    'clauses 1-2: "retain the above copyright notice" / "reproduce the above copyright notice"',
  ),
  commercialUse: term(
    'allowed',
    '"Redistribution and use in source and binary forms … are permitted"',
  ),
});

const bsd3 = terms({
  ...bsd2,
  useRestrictions: term(
    {
      restrictions: [
        'no use of the copyright holder or contributor names to endorse derived products',
      ],
      passDownstream: false,
    },
    'clause 3: "Neither the name of the copyright holder nor the names of its contributors may be used to endorse"',
  ),
});

const isc = terms({
  attribution: term(
    true,
    '"provided that the above copyright notice and this permission notice appear in all copies"',
  ),
  commercialUse: term(
    'allowed',
    '"Permission to use, copy, modify, and/or distribute this software for any purpose"',
  ),
});

const zeroBsd = terms({
  attribution: term(
    false,
    '"for any purpose with or without fee is hereby granted" (no notice condition)',
  ),
  commercialUse: term('allowed', '"for any purpose with or without fee"'),
});

const mit0 = terms({
  attribution: term(false, '"without restriction" (MIT-0 drops the notice condition)'),
  commercialUse: term(
    'allowed',
    '"to use, copy, modify, merge, publish, distribute, sublicense, and/or sell"',
  ),
});

const unlicense = terms({
  attribution: term(false, '"released into the public domain"'),
  commercialUse: term('allowed', '"for any purpose, commercial or non-commercial"'),
});

const cc0 = terms({
  attribution: term(false, '§2 Waiver: rights waived "to the greatest extent permitted"'),
  patentGrant: term(false, '§4(a) "No trademark or patent rights held by Affirmer are waived"'),
  commercialUse: term(
    'allowed',
    `§2 "for any purpose whatsoever, including … commercial" (${PD_COMMERCIAL})`,
  ),
});

const wtfpl = terms({
  commercialUse: term('allowed', '"You just DO WHAT THE FUCK YOU WANT TO"'),
});

const apache2 = terms({
  attribution: term(
    true,
    '§4(a) give recipients a copy of this License; §4(c) retain copyright, patent, trademark and attribution notices',
  ),
  noticeFile: term(
    true,
    '§4(d) "If the Work includes a \\"NOTICE\\" text file … must include a readable copy"',
  ),
  patentGrant: term(true, '§3 Grant of Patent License (terminates on patent litigation)'),
  commercialUse: term(
    'allowed',
    '§2 Grant of Copyright License: "perpetual, worldwide, non-exclusive, no-charge"',
  ),
  sameLicense: term(false, '§4 "You may … provide additional or different license terms"'),
  derivativeNaming: term(
    null,
    '§6 Trademarks: no permission to use trade names; §4(b) modified files must carry notices',
    'no naming rule, but changed files must say they were changed',
  ),
});

const bsl1 = terms({
  attribution: term(
    true,
    'notice must be in all copies "unless such copies … are solely in the form of machine-executable object code"',
    'source copies only',
  ),
  commercialUse: term(
    'allowed',
    '"to use, reproduce, display, distribute, execute, and transmit the Software"',
  ),
});

const zlib = terms({
  attribution: term(
    true,
    'condition 3: "This notice may not be removed or altered from any source distribution"',
  ),
  commercialUse: term(
    'allowed',
    '"to use this software for any purpose, including commercial applications"',
  ),
  derivativeNaming: term(
    'altered source versions must be plainly marked and not misrepresented as the original',
    'condition 2: "Altered source versions must be plainly marked as such"',
  ),
});

const psf = terms({
  attribution: term(
    true,
    '§2 retain "Copyright (c) … Python Software Foundation; All Rights Reserved"',
  ),
  commercialUse: term(
    'allowed',
    '§2 "royalty-free, world-wide license to reproduce, analyze, test, perform and/or display publicly, prepare derivative works, distribute"',
  ),
  derivativeNaming: term(
    'derivative works must include a brief summary of the changes made',
    '§3 "agrees to include in any such work a brief summary of the changes made to Python"',
  ),
  useRestrictions: term(
    { restrictions: ['no use of PSF trademarks or name to endorse'], passDownstream: false },
    '§7 "does not grant permission to use PSF trademarks or trade name"',
  ),
});

const artistic2 = terms({
  attribution: term(
    true,
    '§4 and §5: retain the Copyright Notice; §4(a) document how the Modified Version differs',
  ),
  sourceDisclosure: term(
    false,
    '§4: distributing a Modified Version may instead (a) make it Freely Available, (b) rename it, or (c) license it under the Artistic or a compatible licence',
    'one of several options; not a source-disclosure duty',
  ),
  patentGrant: term(
    true,
    '§10 "This license includes the non-exclusive, worldwide, free-of-charge patent license"',
  ),
  commercialUse: term('allowed', '§2 / §9 "you may … charge … for the Package"'),
  derivativeNaming: term(
    'a Modified Version distributed without source must not prevent installing the Standard Version and must be named differently',
    '§4(c)(ii) "the Modified Version … does not prevent the user installing a Standard Version"; §4(a)',
  ),
});

const blueOak = terms({
  attribution: term(
    true,
    '"Notices": everyone who gets a copy must get the text of this license or a link to it',
  ),
  patentGrant: term(
    true,
    '"Patent": each contributor licenses you to do everything with this software that would otherwise infringe',
  ),
  commercialUse: term(
    'allowed',
    '"Purpose": "This license gives everyone as much permission to work with this software as possible"',
  ),
});

const mpl2 = terms({
  attribution: term(
    true,
    '§3.4 Notices: "You may not remove or alter the substance of any license notices"',
  ),
  sourceDisclosure: disclose(
    'file',
    '§3.2(a) Executable Form: "such Covered Software must also be made available in Source Code Form"',
  ),
  sameLicense: term(
    true,
    '§3.1 Distribution of Source Form: "must be under the terms of this License"; §3.3 Larger Works may use other licences',
  ),
  patentGrant: term(true, '§2.1(b) patent claims licence for Contributions'),
  commercialUse: term('allowed', '§2.1 "worldwide, royalty-free, non-exclusive license"'),
});

const epl2 = terms({
  attribution: term(
    true,
    '§3.3 "Contributor may not remove or alter any copyright, patent, trademark, attribution notices"',
  ),
  sourceDisclosure: disclose(
    'file',
    '§3.1(a) Program in Object Code must be "made available under this Agreement" in Source Code form',
    'scope: the Program and its Modified Works (files), not separate Modules',
  ),
  sameLicense: term(
    true,
    '§3.2 Source Code form "must be made available under this Agreement" (or a Secondary License if designated)',
  ),
  patentGrant: term(true, '§2(b) patent license'),
  commercialUse: term(
    'allowed',
    '§2(a) "non-exclusive, worldwide, royalty-free copyright license"; §4 Commercial Distribution',
  ),
});

const epl1 = terms({
  ...epl2,
  sourceDisclosure: disclose(
    'file',
    '§3(b)(iv) "states that source code for the Program is available from such Contributor"',
    'scope: the Program and its modifications, not separate modules',
  ),
  sameLicense: term(
    true,
    '§3 "When the Program is made available in source code form: a) it must be made available under this Agreement"',
  ),
});

const cddl1 = terms({
  attribution: term(true, '§3.3 Required Notices'),
  sourceDisclosure: disclose(
    'file',
    '§3.1 Availability of Source Code: "Any Covered Software that You distribute … in Executable form must also be made available in Source Code form"',
  ),
  sameLicense: term(
    true,
    '§3.2 Modifications "are governed by the terms of this License"; §3.6 Larger Works may use other licences',
  ),
  patentGrant: term(true, '§2.1(b) and §2.2(b) patent licences'),
  commercialUse: term('allowed', '§2.1 "world-wide, royalty-free, non-exclusive license"'),
});

const lgpl21 = terms({
  attribution: term(true, '§1 "keep intact all the notices that refer to this License"'),
  sourceDisclosure: disclose(
    'library',
    '§4 accompany with "complete corresponding machine-readable source code"; §6 for works that use the Library',
  ),
  sameLicense: term(
    true,
    '§2(c) "You must cause the whole of the work to be licensed at no charge … under the terms of this License"',
    'for the Library and works based on it; a work that uses the Library may keep its own terms under §6',
  ),
  patentGrant: term(false, 'no express patent licence (§11 only addresses patent conditions)'),
  commercialUse: term(
    'allowed',
    '§1 "You may charge a fee for the physical act of transferring a copy"',
  ),
  useRestrictions: term(
    {
      restrictions: [
        'allow modification of the combined work and reverse engineering for debugging',
      ],
      passDownstream: true,
    },
    '§6 "permit modification of the work for the customer\'s own use and reverse engineering"',
  ),
});

const lgpl3 = terms({
  attribution: term(
    true,
    '§4(a)/(b) give prominent notice that the Library is used and that it is covered by this License',
  ),
  sourceDisclosure: disclose(
    'library',
    '§4(d) Combined Works: Minimal Corresponding Source or a shared-library mechanism; GPL-3.0 §6',
  ),
  sameLicense: term(
    true,
    '§2 modified versions under "this License" or the GNU GPL',
    'for the Library; the Combined Work may keep its own terms under §4',
  ),
  patentGrant: term(true, 'GPL-3.0 §11 Patents (incorporated by §0/§1)'),
  commercialUse: term('allowed', 'GPL-3.0 §4 "You may charge any price or no price for each copy"'),
  useRestrictions: term(
    {
      restrictions: [
        'allow modification of the Library portion and reverse engineering for debugging; Installation Information for User Products',
      ],
      passDownstream: true,
    },
    '§4 "terms that … do not restrict modification … and reverse engineering"',
  ),
});

const gpl2 = terms({
  attribution: term(true, '§1 "keep intact all the notices that refer to this License"'),
  sourceDisclosure: disclose(
    'work',
    '§3 accompany binaries with "the complete corresponding machine-readable source code" or a written offer',
  ),
  sameLicense: term(
    true,
    '§2(b) "any work that … is derived from the Program … be licensed as a whole at no charge … under the terms of this License"',
  ),
  patentGrant: term(false, 'no express patent licence (§7 and §8 only address patent conditions)'),
  commercialUse: term(
    'allowed',
    '§1 "You may charge a fee for the physical act of transferring a copy"',
  ),
});

const gpl3 = terms({
  attribution: term(
    true,
    '§4 "keep intact all notices"; §5(a) modified versions carry prominent notices',
  ),
  sourceDisclosure: disclose(
    'work',
    '§6 Conveying Non-Source Forms: "convey the machine-readable Corresponding Source"',
  ),
  sameLicense: term(
    true,
    '§5(c) "You must license the entire work, as a whole, under this License"',
  ),
  patentGrant: term(
    true,
    '§11 Patents: "each contributor grants you a non-exclusive, worldwide, royalty-free patent license"',
  ),
  commercialUse: term('allowed', '§4 "You may charge any price or no price for each copy"'),
  useRestrictions: term(
    { restrictions: ['User Products: provide Installation Information'], passDownstream: true },
    '§6 "Installation Information"',
  ),
});

const agpl3 = terms({
  ...gpl3,
  sourceDisclosure: disclose(
    'network',
    '§13 Remote Network Interaction: users interacting "remotely through a computer network" must be offered the Corresponding Source',
  ),
});

const ccBy4 = terms({
  attribution: term(
    true,
    '§3(a) Attribution: identify the creator, keep notices, indicate modifications, link the licence',
  ),
  patentGrant: term(
    false,
    '§2(b)(2) "Patent and trademark rights are not licensed under this Public License"',
  ),
  commercialUse: term('allowed', '§2(a)(1) licence to "reproduce and Share the Licensed Material"'),
  useRestrictions: term(
    {
      restrictions: ['no Effective Technological Measures that restrict recipients'],
      passDownstream: true,
    },
    '§2(a)(5)(C) "No downstream restrictions"',
  ),
});

const ccBySa4 = terms({
  ...ccBy4,
  sameLicense: term(
    true,
    '§3(b) ShareAlike: Adapted Material under "this Public License" or a BY-SA Compatible License',
  ),
});

const ccByNc4 = terms({
  ...ccBy4,
  commercialUse: term(
    'forbidden',
    '§2(a)(1) "for NonCommercial purposes only"; §1(i) NonCommercial definition',
  ),
});

const ccByNcSa4 = terms({
  ...ccByNc4,
  sameLicense: term(
    true,
    '§3(b) ShareAlike: Adapted Material under "this Public License" or a BY-NC-SA Compatible License',
  ),
});

const ccByNcNd4 = terms({
  ...ccByNc4,
  useRestrictions: term(
    {
      restrictions: ['no sharing of Adapted Material (adaptations may be made but not shared)'],
      passDownstream: true,
    },
    '§2(a)(1)(B) "produce and reproduce, but not Share, Adapted Material"',
  ),
});

const ccByNd4 = terms({
  ...ccBy4,
  useRestrictions: term(
    {
      restrictions: ['no sharing of Adapted Material (adaptations may be made but not shared)'],
      passDownstream: true,
    },
    '§2(a)(1)(B) "produce and reproduce, but not Share, Adapted Material"',
  ),
});

const sspl = terms({
  ...gpl3,
  sourceDisclosure: disclose(
    'network',
    '§13 Offering the Program as a Service: make available the "Service Source Code", i.e. all programs used to offer the service',
  ),
  commercialUse: term(
    'conditional',
    '§13: offering the Program as a service requires releasing the Service Source Code under this License',
  ),
  patentGrant: term(true, '§11 Patents'),
});

const busl = terms({
  attribution: term(
    true,
    '"You must conspicuously display this License on each original or modified copy of the Licensed Work"',
  ),
  commercialUse: term(
    'conditional',
    '"Additional Use Grant" decides production use; "any use … in violation of this License will automatically terminate"',
    'non-production use is allowed; production use only as the Additional Use Grant of the release says, until the Change Date',
  ),
  useRestrictions: term(
    {
      restrictions: [
        "production use only as permitted by the licensor's Additional Use Grant, until the Change Date when the Change License applies",
      ],
      passDownstream: true,
    },
    '"Licensor hereby grants you the right to copy, modify, create derivative works … and make non-production use"',
  ),
});

const elastic2 = terms({
  attribution: term(
    true,
    'Limitations: "You may not alter, remove, or obscure any licensing, copyright, or other notices"',
  ),
  commercialUse: term(
    'conditional',
    'Limitations: "You may not provide the software to third parties as a hosted or managed service"',
  ),
  useRestrictions: term(
    {
      restrictions: [
        "no hosted or managed service offering the software's features",
        'no circumventing licence-key functionality',
      ],
      passDownstream: true,
    },
    'Limitations; "Notices": anyone receiving a copy must also get these terms',
  ),
  patentGrant: term(
    true,
    'Patents: "The licensor grants you a license, under any patent claims the licensor can license"',
  ),
});

const polyformNc = terms({
  attribution: term(
    true,
    'Notices: "must ensure that anyone who gets a copy … also gets a copy of these terms"',
  ),
  commercialUse: term(
    'forbidden',
    'Noncommercial Purposes: "Any noncommercial purpose is a permitted purpose"',
  ),
  patentGrant: term(true, 'Patent License'),
});

/** Terms by current SPDX id. */
export const SPDX_TERMS: Readonly<Record<string, LicenseTerms>> = {
  MIT: mit,
  'MIT-0': mit0,
  'BSD-2-Clause': bsd2,
  'BSD-3-Clause': bsd3,
  ISC: isc,
  '0BSD': zeroBsd,
  Unlicense: unlicense,
  'CC0-1.0': cc0,
  WTFPL: wtfpl,
  'Apache-2.0': apache2,
  'BSL-1.0': bsl1,
  Zlib: zlib,
  'Python-2.0': psf,
  'PSF-2.0': psf,
  'Artistic-2.0': artistic2,
  'BlueOak-1.0.0': blueOak,
  'MPL-2.0': mpl2,
  'EPL-1.0': epl1,
  'EPL-2.0': epl2,
  'CDDL-1.0': cddl1,
  'LGPL-2.1-only': lgpl21,
  'LGPL-2.1-or-later': lgpl21,
  'LGPL-3.0-only': lgpl3,
  'LGPL-3.0-or-later': lgpl3,
  'GPL-2.0-only': gpl2,
  'GPL-2.0-or-later': gpl2,
  'GPL-3.0-only': gpl3,
  'GPL-3.0-or-later': gpl3,
  'AGPL-3.0-only': agpl3,
  'AGPL-3.0-or-later': agpl3,
  'CC-BY-4.0': ccBy4,
  'CC-BY-SA-4.0': ccBySa4,
  'CC-BY-NC-4.0': ccByNc4,
  'CC-BY-NC-SA-4.0': ccByNcSa4,
  'CC-BY-NC-ND-4.0': ccByNcNd4,
  'CC-BY-ND-4.0': ccByNd4,
  'SSPL-1.0': sspl,
  'BUSL-1.1': busl,
  'Elastic-2.0': elastic2,
  'PolyForm-Noncommercial-1.0.0': polyformNc,
};

/** Deprecated SPDX ids → the current id whose terms they share. */
export const SPDX_TERM_ALIASES: Readonly<Record<string, string>> = {
  'GPL-2.0': 'GPL-2.0-only',
  'GPL-2.0+': 'GPL-2.0-or-later',
  'GPL-3.0': 'GPL-3.0-only',
  'GPL-3.0+': 'GPL-3.0-or-later',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-2.1+': 'LGPL-2.1-or-later',
  'LGPL-3.0': 'LGPL-3.0-only',
  'LGPL-3.0+': 'LGPL-3.0-or-later',
  'AGPL-3.0': 'AGPL-3.0-only',
};
