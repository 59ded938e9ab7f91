/**
 * Licence names from the SPDX list itself ("Educational Community License v2.0", "BitTorrent
 * Open Source License v1.0", "Ruby License"), for the hundreds of licences the hand-written rules
 * in names.ts do not cover. A name is its words up to and including "License"; the version, when
 * the SPDX name has one, must be stated after it ("… License, Version 2.0").
 */
import { createRequire } from 'node:module';
import { isSpdxLicenseId } from '../declared/spdx.js';

/** Versions a base name comes in: version ("" when unversioned) → id. */
export type NameVersions = ReadonlyMap<string, string>;

/** Longest base name, in words (searching backwards from "license"). */
export const MAX_NAME_WORDS = 8;

let bases: Map<string, Map<string, string>> | undefined;

// Names that are ambiguous or misleading as bare phrases, or covered better by names.ts.
const SKIP_BASES: ReadonlySet<string> = new Set([
  'mit license',
  'bsd license',
  'isc license',
  'open software license',
  'public license',
  'general public license',
  'free software license',
  'open source license',
  'software license',
  'the license',
]);

let lastWords: Set<string> | undefined;

/** The words right before "license" in the base names ("apache", "source", "public"). */
export function spdxNameLastWords(): ReadonlySet<string> {
  if (lastWords) return lastWords;
  lastWords = new Set();
  for (const base of spdxNameBases().keys()) {
    const words = base.split(' ');
    lastWords.add(words[words.length - 2] as string);
  }
  return lastWords;
}

/** Base name (lower case words ending in "license") → versions → SPDX id. */
export function spdxNameBases(): ReadonlyMap<string, NameVersions> {
  if (bases) return bases;
  const list = createRequire(import.meta.url)('spdx-license-list') as Record<
    string,
    { name: string }
  >;
  bases = new Map();
  for (const [id, { name }] of Object.entries(list)) {
    if (!isSpdxLicenseId(id) || /^(?:A|L)?GPL|^GFDL|exception/i.test(id)) continue;
    const m = /^(.*?\blicen[cs]e)(?:\s*,?\s*(?:v(?:ersion)?\.?\s*)?(\d+(?:\.\d+)*[a-z]?))?$/i.exec(
      name.replace(/\s*\([^)]*\)\s*/g, ' ').trim(),
    );
    if (!m) continue;
    const base = (m[1] as string)
      .toLowerCase()
      .replace(/[^a-z0-9 ]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (SKIP_BASES.has(base) || base.split(' ').length < 2) continue;
    const version = m[2] === undefined ? '' : m[2].includes('.') ? m[2] : `${m[2]}.0`;
    const versions = bases.get(base) ?? new Map<string, string>();
    if (versions.has(version))
      versions.set(version, ''); // two ids, one name: no answer
    else versions.set(version, id);
    bases.set(base, versions);
  }
  return bases;
}
