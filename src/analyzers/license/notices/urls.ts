/**
 * Licence URLs: "You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0",
 * a package's `licenseUrl`, a README's link. Only canonical addresses of a licence's own text
 * are known: a project's own LICENSE file URL says nothing about which licence it holds.
 *
 * The table is the `url` of every licence in `spdx-license-list` that no other licence shares,
 * plus the address patterns of the licence stewards (OSI, SPDX, GNU, Creative Commons, Apache,
 * Mozilla, Eclipse, Boost), written by the team.
 */
import { createRequire } from 'node:module';
import { isDeprecatedId, isSpdxLicenseId } from '../declared/spdx.js';

/** A URL normalised for lookup: lower case, no scheme, no `www.`, no trailing slash or suffix. */
export function normalizeUrl(url: string): string {
  return (
    url
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[#?].*$/, '')
      // (From the start of a run only: from each mark of a long run, quadratic.)
      .replace(/(?<![.,;:)>\]'"])[.,;:)>\]'"]+$/, '')
      .replace(/(?<!\/)\/+$/, '')
      .replace(/(?:\.en)?\.(?:html?|php|txt|md|aspx)$/, '')
      .replace(/(?<!\/)\/+$/, '')
  );
}

let byUrl: Map<string, string> | undefined;
let idsLower: Map<string, string> | undefined;

function tables(): { byUrl: Map<string, string>; idsLower: Map<string, string> } {
  if (byUrl && idsLower) return { byUrl, idsLower };
  const list = createRequire(import.meta.url)('spdx-license-list') as Record<
    string,
    { url?: string }
  >;
  const owners = new Map<string, string[]>();
  idsLower = new Map();
  for (const [id, info] of Object.entries(list)) {
    if (isSpdxLicenseId(id)) idsLower.set(id.toLowerCase(), id);
    if (!info.url || isDeprecatedId(id)) continue;
    const key = normalizeUrl(info.url);
    owners.set(key, [...(owners.get(key) ?? []), id]);
  }
  byUrl = new Map();
  for (const [key, ids] of owners) if (ids.length === 1) byUrl.set(key, ids[0] as string);
  return { byUrl, idsLower };
}

const GNU_FAMILY: Readonly<Record<string, string>> = { gpl: 'GPL', lgpl: 'LGPL', agpl: 'AGPL' };
const GNU_FLOOR: Readonly<Record<string, string>> = { GPL: '1.0', LGPL: '2.0', AGPL: '3.0' };

/** The licence a URL is the canonical address of, or undefined. */
export function licenseOfUrl(url: string): string | undefined {
  const u = normalizeUrl(url);
  const { byUrl: urls, idsLower: ids } = tables();
  let m =
    /^(?:opensource\.org\/licenses?|spdx\.org\/licenses|choosealicense\.com\/licenses)\/([a-z0-9.+-]+?)(?:-license)?(?:\.json)?$/.exec(
      u,
    );
  if (m) {
    const key = m[1] as string;
    // OSI's historical page names.
    const alias: Record<string, string> = {
      apache2: 'Apache-2.0',
      'apache2.0': 'Apache-2.0',
      'artistic-license-2.0': 'Artistic-2.0',
      bsdpluspatent: 'BSD-2-Clause-Patent',
      cddl1: 'CDDL-1.0',
      'nosl3.0': 'NPOSL-3.0',
      upl: 'UPL-1.0',
      'eclipse-1.0': 'EPL-1.0',
      'cpl1.0': 'CPL-1.0',
      'mozilla1.1': 'MPL-1.1',
      ecl2: 'ECL-2.0',
    };
    return alias[key] ?? ids.get(key) ?? (key === 'mit' ? 'MIT' : undefined);
  }
  m = /^apache\.org\/licenses\/license-(1\.0|1\.1|2\.0)$/.exec(u);
  if (m) return `Apache-${m[1] as string}`;
  m = /^gnu\.org\/licenses\/(?:old-licenses\/)?fdl-(1\.[123])$/.exec(u);
  if (m) return `GFDL-${m[1] as string}-only`;
  if (/^(?:[a-z0-9-]+\.)?mit-license\.org$/.test(u)) return 'MIT';
  m =
    /^gnu\.org\/licenses\/(?:old-licenses\/)?(a?gpl|lgpl)(?:-(\d\.\d))?(?:-standalone)?(?:\.[a-z]{2})?$/.exec(
      u,
    );
  if (m) {
    const family = GNU_FAMILY[m[1] as string] as string;
    return m[2] === undefined
      ? `${family}-${GNU_FLOOR[family] as string}-or-later`
      : `${family}-${m[2]}-only`;
  }
  m =
    /^creativecommons\.org\/licenses\/(by(?:-nc)?(?:-nd|-sa)?)\/(\d\.\d)(?:\/[a-z]{2})?(?:\/legalcode(?:\.[a-z]{2})?)?$/.exec(
      u,
    );
  if (m) return `CC-${(m[1] as string).toUpperCase()}-${m[2] as string}`;
  if (/^creativecommons\.org\/publicdomain\/zero\/1\.0(?:\/legalcode)?$/.test(u)) return 'CC0-1.0';
  m = /^mozilla\.org\/(?:en-us\/)?mpl\/(?:(2\.0|1\.1|1\.0)|mpl-(1\.1|1\.0))$/.exec(u);
  if (m) return `MPL-${(m[1] ?? m[2]) as string}`;
  m = /^eclipse\.org\/legal\/epl-(v10|v20|2\.0)$/.exec(u);
  if (m) return m[1] === 'v10' ? 'EPL-1.0' : 'EPL-2.0';
  if (/^boost\.org\/license_1_0$/.test(u)) return 'BSL-1.0';
  return urls.get(u);
}
