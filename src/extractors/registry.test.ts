/**
 * Meta-test (after Renovate's managers): every extractor folder is registered, and every
 * registered plugin's name is its folder path. A folder named `shared` holds helpers.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractors } from './registry.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function pluginFolders(): string[] {
  const folders: string[] = [];
  for (const ecosystem of readdirSync(here, { withFileTypes: true })) {
    if (!ecosystem.isDirectory()) continue;
    for (const format of readdirSync(path.join(here, ecosystem.name), { withFileTypes: true })) {
      if (!format.isDirectory() || format.name === 'shared' || format.name === '__fixtures__')
        continue;
      if (existsSync(path.join(here, ecosystem.name, format.name, 'index.ts')))
        folders.push(`${ecosystem.name}/${format.name}`);
    }
  }
  return folders.sort();
}

describe('extractor registry', () => {
  it('lists every extractor folder exactly once', () => {
    expect(extractors.map((e) => e.name).sort()).toEqual(pluginFolders());
  });

  it.each(extractors.map((e) => [e.name, e] as const))(
    '%s is exported by its own folder',
    async (name, extractor) => {
      const mod = (await import(
        /* @vite-ignore */ pathToFileURL(path.join(here, name, 'index.ts')).href
      )) as { extractor: unknown };
      expect(mod.extractor).toBe(extractor);
    },
  );

  it('has kebab-case folder names', () => {
    for (const name of pluginFolders())
      expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
