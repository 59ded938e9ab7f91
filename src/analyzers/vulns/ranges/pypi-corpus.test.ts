/**
 * Range evaluation on real data: the PyPI advisories of `../shared/corpora/osv/pypi/all.zip`.
 * osv.dev fills each record's `versions` list by enumerating the releases its `ECOSYSTEM`
 * ranges contain, so every listed version must also be found affected by the ranges alone —
 * an independent check of PEP 440 ordering and the event timeline on thousands of records.
 * A handful of records contradict themselves (a list built before a range was corrected), so
 * the bar is a share, with every miss printed. Skipped, saying why, when the corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unzip } from '../../../testing/zip.js';
import { pep440 } from '../../../versioning/pep440/index.js';
import { isAffected } from './index.js';
import type { OsvAffected } from './types.js';

const ZIP = fileURLToPath(
  new URL('../../../../../shared/corpora/osv/pypi/all.zip', import.meta.url),
);

interface AdvisoryFile {
  readonly id: string;
  readonly affected?: readonly OsvAffected[];
}

(existsSync(ZIP) ? describe : describe.skip)(
  existsSync(ZIP) ? 'PyPI advisories' : `PyPI advisories (skipped: ${ZIP} is absent)`,
  () => {
    it('finds (nearly) every listed version inside the ECOSYSTEM ranges', () => {
      let checked = 0;
      const misses: string[] = [];
      for (const [name, data] of unzip(readFileSync(ZIP))) {
        if (!name.endsWith('.json')) continue;
        const record = JSON.parse(data.toString('utf8')) as AdvisoryFile;
        for (const affected of record.affected ?? []) {
          const ranges = (affected.ranges ?? []).filter((r) => r.type === 'ECOSYSTEM');
          if (ranges.length === 0) continue;
          for (const version of affected.versions ?? []) {
            checked++;
            if (!isAffected(version, { ranges }, pep440).affected) {
              misses.push(`${record.id} ${version}`);
            }
          }
        }
      }
      console.info(
        `PyPI: ${checked - misses.length}/${checked} listed versions inside their ranges; ` +
          `misses: ${misses.join(', ')}`,
      );
      expect(checked).toBeGreaterThan(10_000);
      expect(misses.length / checked).toBeLessThan(1e-4);
    });
  },
);
