/**
 * Test helper: the reference text of an SPDX licence, from the `spdx-license-list` package (the
 * texts the matcher's index is built from). Not part of the public API.
 */
import { createRequire } from 'node:module';

const full = createRequire(import.meta.url)('spdx-license-list/full.js') as Readonly<
  Record<string, { readonly licenseText: string }>
>;

/** The licence text of SPDX id `id`; throws for an id the list does not have. */
export function spdxText(id: string): string {
  const entry = full[id];
  if (!entry) throw new Error(`no text for ${id} in spdx-license-list`);
  return entry.licenseText;
}

/** Every licence id in `spdx-license-list`. */
export function spdxIds(): string[] {
  return Object.keys(full);
}
