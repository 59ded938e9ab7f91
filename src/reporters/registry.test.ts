import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reporters } from './registry.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('reporter registry', () => {
  it('lists every reporter folder under its own name', () => {
    const folders = readdirSync(here, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(Object.keys(reporters).sort()).toEqual(folders);
    for (const [key, reporter] of Object.entries(reporters)) expect(reporter?.name).toBe(key);
  });
});
