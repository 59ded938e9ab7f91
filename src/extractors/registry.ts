/**
 * The explicit list of extractors. Adding a format = one folder under `src/extractors/`
 * (named `<ecosystem>/<format>`, exporting `extractor`) + one line here + tests.
 * `registry.test.ts` fails when a folder is not listed or a plugin's name differs from its path.
 */
import type { Extractor } from '../core/extractor.js';

export const extractors: readonly Extractor[] = [
];
