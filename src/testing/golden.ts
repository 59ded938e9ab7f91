/**
 * Golden files for large reporter outputs: compare against the committed file, or rewrite it
 * when `UPDATE_GOLDEN=1`. Not part of the public API.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export function expectGolden(file: string, output: string, regenerate: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, output);
  }
  if (!existsSync(file)) throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 ${regenerate}`);
  expect(output).toBe(readFileSync(file, 'utf8'));
}
