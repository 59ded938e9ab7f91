/**
 * Conformance with the Model Openness Tool on its own test declarations and on the 273 real
 * model declarations it publishes (../shared/corpora/openness/mof, see its README):
 *
 * - every test file gives the class-progress percentages its name encodes, after the MOT's
 *   own test script (scripts/test-model-files.php) zeroes the classes a less open class
 *   blocks (C2 and C1 when C3 < 100, C1 when C2 < 100), rounded as the MOT rounds;
 * - every entry of expected_results.json (the MOT's API output for the same files) gives the
 *   same class, label and unrounded progress, to the last bit;
 * - every real declaration parses and evaluates without error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseMofDeclaration } from './declaration.js';
import { declarationOpenness } from './openness.js';

const MOF = fileURLToPath(new URL('../../../../../shared/corpora/openness/mof/', import.meta.url));
const present = existsSync(MOF);
const skipped = present ? '' : ` (skipped: ${MOF} is absent)`;

function ymlFiles(dir: string): string[] {
  return present
    ? readdirSync(MOF + dir)
        .filter((f) => f.endsWith('.yml'))
        .sort()
    : [];
}

const CLASS_NUMBER = { I: 1, II: 2, III: 3 } as const;

describe.skipIf(!present)(`MOF test declarations: percentages in the file names${skipped}`, () => {
  const files = ymlFiles('test-data/');

  it('has the 27 test files', () => {
    expect(files).toHaveLength(27);
  });

  it.each(files)('%s', (file) => {
    const match = /_C1_(\d+)%-C2_(\d+)%-C3_(\d+)%_(\d+)C_/.exec(file);
    expect(match).not.toBeNull();
    const [c1, c2, c3, count] = (match as RegExpExecArray).slice(1).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const declaration = parseMofDeclaration(readFileSync(`${MOF}test-data/${file}`, 'utf8'), file);
    expect(declaration.components).toHaveLength(count);
    const result = declarationOpenness(declaration);
    const expected = {
      I: result.progress.III < 100 || result.progress.II < 100 ? 0 : c1,
      II: result.progress.III < 100 ? 0 : c2,
      III: c3,
    };
    expect(result.progress).toEqual(expected);
  });
});

interface ExpectedModel {
  readonly release: { readonly name: string };
  readonly classification: {
    readonly class: number;
    readonly label: string;
    readonly progress: Readonly<Record<'1' | '2' | '3', number>>;
  };
}

describe.skipIf(!present)(`MOF test declarations: expected_results.json${skipped}`, () => {
  // The MOT's output has a trailing comma; YAML reads it (JSON is YAML) where JSON.parse fails.
  const models: readonly ExpectedModel[] = present
    ? (
        parse(readFileSync(`${MOF}test-data/expected_results.json`, 'utf8')) as {
          models: ExpectedModel[];
        }
      ).models
    : [];

  it('has an entry per test file', () => {
    expect(models).toHaveLength(27);
  });

  it.each(models.map((m) => [m.release.name, m] as const))('%s', (_name, model) => {
    // The API output carries the release with its components and licences: evaluate it as is.
    const result = declarationOpenness(
      parseMofDeclaration(JSON.stringify(model.release), 'expected_results.json'),
    );
    const { classification } = model;
    expect(result.class === null ? 0 : CLASS_NUMBER[result.class]).toBe(classification.class);
    expect(result.label).toBe(classification.label);
    expect(result.progressExact).toEqual({
      I: classification.progress['1'],
      II: classification.progress['2'],
      III: classification.progress['3'],
    });
  });
});

describe.skipIf(!present)(`MOF real model declarations${skipped}`, () => {
  const files = ymlFiles('models/');

  it('has the 273 declarations', () => {
    expect(files).toHaveLength(273);
  });

  it.each(files)('%s evaluates', (file) => {
    const declaration = parseMofDeclaration(readFileSync(`${MOF}models/${file}`, 'utf8'), file);
    const result = declarationOpenness(declaration);
    expect(result.components).toHaveLength(17);
    expect(result.components.filter((c) => c.present)).toHaveLength(
      new Set(declaration.components.map((c) => c.name)).size,
    );
    expect(['open-source-ai', 'not-open-source-ai']).toContain(result.osaid.verdict);
    for (const value of Object.values(result.progress)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
  });

  // A regression guard, not an MOT expectation (the corpus carries none for these files):
  // a change to licence lists or rules that moves any of the 273 shows up here.
  it('keeps the distribution of classes across the 273', () => {
    const counts: Record<string, number> = {};
    for (const file of files) {
      const text = readFileSync(`${MOF}models/${file}`, 'utf8');
      const { class: cls } = declarationOpenness(parseMofDeclaration(text, file));
      counts[cls ?? 'none'] = (counts[cls ?? 'none'] ?? 0) + 1;
    }
    expect(counts).toEqual({ I: 14, II: 1, III: 16, none: 242 });
  });
});
