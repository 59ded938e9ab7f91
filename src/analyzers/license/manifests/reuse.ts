/**
 * REUSE (https://reuse.software/spec/): a project keeps the text of each licence it uses in
 * `LICENSES/<SPDX id>.<ext>` (`LICENSES/MIT.txt`, `LICENSES/LicenseRef-Acme.txt`; the Linux
 * kernel, `LICENSES/preferred/GPL-2.0`). The file's name is the project's declaration of which
 * licence the text is: a `LicenseRef-` text has no other name, and a text that is another
 * licence than its name says is a disagreement to show.
 */
import { parseExpression } from '../declared/spdx.js';
import type { LicenseMatch } from '../match.js';
import { modernize } from '../notices/index.js';

/** A custom licence's id (SPDX: `LicenseRef-` then letters, digits, "." and "-"). */
const LICENSE_REF = /^LicenseRef-[A-Za-z0-9.-]+$/;

/**
 * The licence a REUSE `LICENSES/` file's name declares, `via: 'declared'` over the whole file,
 * or undefined when `filePath` (`/` or `\` separated) is none or its name is no licence id.
 * Only the folder REUSE names, in its case: "licenses/" is any folder.
 */
export function declaredByReuseName(filePath: string, lineCount: number): LicenseMatch | undefined {
  const parts = filePath.split(/[\\/]/);
  const folders = parts.slice(-3, -1);
  // LICENSES/<file>, or the kernel's LICENSES/<kind>/<file>.
  if (folders.at(-1) !== 'LICENSES' && folders.at(-2) !== 'LICENSES') return undefined;
  const name = (parts.at(-1) ?? '').replace(/\.(?:txt|md|markdown|rst|text)$/i, '');
  const id = LICENSE_REF.test(name)
    ? name
    : (() => {
        const parsed = parseExpression(name);
        return parsed !== undefined && !/\s/.test(parsed.expression)
          ? modernize(parsed.expression)
          : undefined;
      })();
  if (id === undefined) return undefined;
  return {
    license: id,
    confidence: 'high',
    score: 1,
    startLine: 1,
    endLine: Math.max(1, lineCount),
    via: 'declared',
    reason: `The project names this file after its licence (${parts.slice(-2).join('/')}), as REUSE has it.`,
  };
}
