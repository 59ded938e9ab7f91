import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzers } from './registry.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

describe('analyzer registry', () => {
  it.each(analyzers.map((a) => [a.name, a] as const))(
    '%s is named after its folder, which exports it',
    async (name, analyzer) => {
      const index = path.join(HERE, name, 'index.ts');
      expect(existsSync(index)).toBe(true);
      expect(await readFile(index, 'utf8')).toMatch(/export const analyzer = \{/);
      const mod = (await import(/* @vite-ignore */ pathToFileURL(index).href)) as {
        analyzer: unknown;
      };
      expect(mod.analyzer).toBe(analyzer);
    },
  );

  it('has unique names', () => {
    const names = analyzers.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
