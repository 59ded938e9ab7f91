/**
 * Scorecard's License check.
 *
 * Scorecard source read: checks/raw/license.go (licence file names converted from licensee's
 * `license_file.rb`: LICENSE/LICENCE/UNLICENSE/COPYING/COPYRIGHT/OFL/PATENTS/GPL-n with the
 * usual extensions and `-suffix`/`prefix-` forms, at the top level or in `LICENSES/`; on GitHub
 * the SPDX id comes from GitHub's licence API, which runs licensee on the file's text) and
 * checks/evaluation/license.go (v5: a licence file 9, FSF- or OSI-approved +1; none → 0).
 * Here the SPDX id comes from openvet's own licence identification of the file's text (or the
 * `LICENSES/<id>.txt` name), and approval from the OSI and FSF lists openvet already carries.
 */
import { FSF_LIBRE, OSI_APPROVED } from '../../models/openness/mof-data.js';
import { identifyLicenses } from '../../license/identify.js';
import { basename, checkResult, evidenceLine, readText } from './common.js';
import type { CheckResult, RepoFiles } from './types.js';

const LICENSE = '(un)?licen[sc]e';
const COPYING = 'copy(ing|right)';
const PREFERRED_EXT = '(\\.(md|markdown|html|txt|rst|adoc))?';
/** licensee's file name patterns (anchored, as in licensee's Ruby `\A…\z` expressions). */
const NAME_PATTERNS: readonly RegExp[] = [
  new RegExp(`^${LICENSE}${PREFERRED_EXT}$`),
  new RegExp(`^${COPYING}${PREFERRED_EXT}$`),
  new RegExp(`^${LICENSE}[-_.][^/]*$`),
  new RegExp(`^${COPYING}[-_.][^/]*$`),
  new RegExp(`^\\w+[-_]${LICENSE}[^/]*$`),
  new RegExp(`^\\w+[-_]${COPYING}[^/]*$`),
  /^ofl(\.(md|markdown|html|txt))?$/,
  /^patents(\.(md|markdown|html|txt))?$/,
  /^gpl(v|-)\d/,
];
/** Source files named like licences (license.go, license.js) are code, not licences. */
const CODE_EXTENSIONS = /\.(go|js|ts|py|rb|java|c|h|cc|cpp|rs|cs|php|swift|kt|scala|gemspec|xml)$/;

/** Whether a path is a licence file Scorecard would count. */
export function isLicenseFile(path: string): boolean {
  const lower = path.toLowerCase();
  const slash = lower.lastIndexOf('/');
  const dir = slash === -1 ? '' : lower.slice(0, slash);
  const name = basename(lower);
  if (dir === 'licenses') return !CODE_EXTENSIONS.test(name) || name.endsWith('.txt');
  if (dir !== '') return false;
  if (CODE_EXTENSIONS.test(name)) return false;
  return NAME_PATTERNS.some((re) => re.test(name));
}

/** License: 0 without a licence file, 9 with one, 10 when it is FSF- or OSI-approved. */
export async function license(files: RepoFiles): Promise<CheckResult> {
  const candidates = files.list().filter(isLicenseFile);
  // Top-level files first, as GitHub's licence detection prefers them.
  candidates.sort((a, b) => Number(a.includes('/')) - Number(b.includes('/')) || (a < b ? -1 : 1));
  const path = candidates[0];
  if (path === undefined) return checkResult(0, 'license file not detected', []);
  const ids = await licenseIds(files, path);
  const approved = ids.filter((id) => OSI_APPROVED.has(id) || FSF_LIBRE.has(id));
  const evidence = [
    evidenceLine(path, 1, `license file${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`),
  ];
  if (approved.length > 0) {
    evidence.push(evidenceLine(path, 1, `FSF or OSI recognized license: ${approved.join(', ')}`));
    return checkResult(10, 'license file detected', evidence);
  }
  return checkResult(9, 'license file detected (not an FSF or OSI recognized license)', evidence);
}

async function licenseIds(files: RepoFiles, path: string): Promise<string[]> {
  if (path.toLowerCase().startsWith('licenses/')) {
    return [basename(path).replace(/\.(txt|md)$/i, '')];
  }
  const text = await readText(files, path, 256 * 1024);
  if (text === undefined) return [];
  const ids = new Set<string>();
  for (const m of identifyLicenses(text)) {
    if (m.confidence === 'medium') continue;
    for (const id of m.family ?? [m.license]) ids.add(id);
  }
  return [...ids].sort();
}
