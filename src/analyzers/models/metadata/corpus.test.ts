/**
 * Real Markdown from the shared corpora through the card reader: model cards under
 * `../shared/corpora/models` (every `README.md`/`*.md`), and, for robustness on real-world
 * Markdown, every other `.md` file of the corpora (licence policies, READMEs). Each must be read
 * without throwing: front matter parsed or warned about, the nine sections reported.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createScanFs } from '../../../core/fs.js';
import type { Warning } from '../../../extractors/model/shared/card.js';
import { readCardFile, readModelMetadata } from './index.js';
import { SECTION_IDS } from './sections.js';

const CORPORA = fileURLToPath(new URL('../../../../../shared/corpora/', import.meta.url));

async function markdownFiles(dir: string, depth = 0): Promise<string[]> {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await markdownFiles(full, depth + 1)));
    else if (entry.isFile() && /\.md$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

const present = existsSync(CORPORA);
const files = present ? await markdownFiles(CORPORA) : [];
const cards = files.filter((f) => f.startsWith(path.join(CORPORA, 'models')));

describe.skipIf(!present)('Markdown of ../shared/corpora through the card reader', () => {
  it('finds Markdown to read', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [path.relative(CORPORA, f)]))('%s', async (rel) => {
    const file = path.join(CORPORA, rel);
    const warnings: Warning[] = [];
    const read = await readCardFile(
      createScanFs(path.dirname(file)),
      path.basename(file),
      warnings,
    );
    expect(read).toBeDefined();
    expect(read?.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    for (const section of read?.sections ?? [])
      if (section.status !== 'absent') expect(section.line).toBeGreaterThan(0);
    expect(warnings.every((w) => w.path === path.basename(file))).toBe(true);
  });
});

describe.skipIf(!present || cards.length > 0)('model cards in ../shared/corpora/models', () => {
  it.skip('no model card in ../shared/corpora/models yet: nothing to check', () => {});
});

describe.skipIf(!present || cards.length === 0)('model cards in ../shared/corpora/models', () => {
  it.each(cards.map((f) => [path.relative(CORPORA, f)]))('%s parses without error', async (rel) => {
    const file = path.join(CORPORA, rel);
    const meta = await readModelMetadata({
      fs: createScanFs(path.dirname(file)),
      folder: '',
      names: ['README.md'],
    });
    expect(meta.warnings).toEqual([]);
  });
});

if (!present) {
  describe.skip('../shared/corpora is absent: corpus tests skipped', () => {
    it('skipped', () => {});
  });
}
