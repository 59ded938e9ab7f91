/**
 * picklescan's test files (`../shared/corpora/models/picklescan`, with `expected.tsv`) through
 * the real dispatcher: every `safe` file must be `safe`, every `flag` file anything else.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanBytes } from '../../testing/models.js';
import type { ModelVerdict } from './types.js';
import { makeZip } from '../../testing/make-zip.js';

const DIR = '../shared/corpora/models/picklescan';

async function verdictFor(name: string, bytes: Uint8Array): Promise<ModelVerdict> {
  return (await scanBytes(name, bytes)).verdict;
}

const present = existsSync(`${DIR}/expected.tsv`);

describe.skipIf(!present)(
  'picklescan corpus (../shared/corpora/models/picklescan is absent: skipped)',
  () => {
    const rows = present
      ? readFileSync(`${DIR}/expected.tsv`, 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split('\t') as [string, string])
      : [];
    const files = present ? readdirSync(DIR).filter((f) => f !== 'expected.tsv') : [];

    it('lists every file in expected.tsv', () => {
      expect(rows.map(([f]) => f).sort()).toEqual([...files].sort());
    });

    it.each(rows)('%s must be %s', async (file, expected) => {
      const verdict = await verdictFor(file, new Uint8Array(readFileSync(`${DIR}/${file}`)));
      if (expected === 'safe') expect(verdict).toBe('safe');
      else expect(['unsafe', 'suspicious', 'error', 'unverifiable']).toContain(verdict);
    });

    // Variants generated at test time: each flagged raw pickle hidden in a torch zip under
    // another member name, and after the magic number of a legacy torch file.
    const pickles = rows
      .filter(([f, e]) => e === 'flag' && /\.(pkl|pickle)$/.test(f))
      .map(([f]) => f);
    const magic = Uint8Array.from([
      0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e,
    ]);

    it.each(pickles)('%s inside a torch zip as archive/extra.pkl is flagged', async (file) => {
      const data = new Uint8Array(readFileSync(`${DIR}/${file}`));
      const zip = makeZip([
        { name: 'archive/data.pkl', data: Uint8Array.from([0x80, 0x02, 0x7d, 0x2e]) },
        { name: 'archive/extra.pkl', data },
      ]);
      expect(await verdictFor('model.pt', zip)).not.toBe('safe');
    });

    it.each(pickles)('%s as the 2nd pickle of a legacy torch file is flagged', async (file) => {
      const data = new Uint8Array(readFileSync(`${DIR}/${file}`));
      expect(await verdictFor('model.pt', new Uint8Array([...magic, ...data]))).not.toBe('safe');
    });
  },
);
