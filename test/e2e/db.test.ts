/**
 * `openvet db import` and `openvet db status` end to end: the built CLI on the real PyPI export
 * (when the corpora are present) and on small inputs written here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPORA, openvet } from './cli.js';

const ZIP = path.join(CORPORA, 'osv', 'pypi', 'all.zip');
const SCHEMA = path.join(CORPORA, 'schemas', 'osv.schema.json');
const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01T00:00:00Z

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-db-'));
});

interface Status {
  advisories: number;
  withdrawn: number;
  ecosystems: { ecosystem: string; advisories: number; withdrawn: number; lastUpdated: string }[];
  sources: { name: string; path: string; importedAt: string; counts: Record<string, number> }[];
}

describe('openvet db', () => {
  it.each([
    ['db', '--help'],
    ['db', 'import', '--help'],
    ['db', 'status', '--help'],
  ])('%s %s %s shows usage with examples', async (...args) => {
    const run = await openvet(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: openvet db/);
    expect(run.stdout).toMatch(/Examples:\n\s+\$ /);
  });

  it('imports one OSV file, exits 0 with invalid records listed, and shows status', async () => {
    const db = path.join(dir, 'small.db');
    const input = path.join(dir, 'advisories');
    await mkdir(input);
    await writeFile(
      path.join(input, 'GHSA-1.json'),
      JSON.stringify({
        id: 'GHSA-1',
        modified: '2024-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'npm', name: 'left-pad' } }],
      }),
    );
    await writeFile(
      path.join(input, 'BAD-1.json'),
      JSON.stringify({ id: 'BAD-1', modified: 'soon' }),
    );
    const run = await openvet(['db', 'import', input, '--db', db], { env: EPOCH });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/imported +1\n/);
    expect(run.stdout).toMatch(/invalid +1 /);
    expect(run.stdout).toContain('BAD-1: modified: must be an RFC 3339 timestamp');
    const status = await openvet(['db', 'status', '--db', db, '--format', 'json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      advisories: 1,
      ecosystems: [{ ecosystem: 'npm', advisories: 1, lastUpdated: '2026-01-01T00:00:00.000Z' }],
      sources: [{ name: 'npm', path: input, counts: { imported: 1, invalid: 1 } }],
    });
    const table = await openvet(['db', 'status', '--db', db]);
    expect(table.stdout).toMatch(/^ECOSYSTEM +ADVISORIES/m);
    expect(table.stdout).toMatch(/^npm +1 +0 +2026-01-01T00:00:00.000Z/m);
  });

  it.each([
    ['a missing path', 'nope.zip', undefined, /no such file or directory/],
    ['a file that is not OSV', 'notes.txt', 'hello', /not an OSV record/],
    ['a JSON file that is not OSV', 'package.json', '{"name": "x"}', /not an OSV record/],
  ])('exits 2 for %s', async (_, name, content, message) => {
    const target = path.join(dir, name);
    if (content !== undefined) await writeFile(target, content);
    const run = await openvet(['db', 'import', target, '--db', path.join(dir, 'x.db')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a bad --format', async () => {
    const run = await openvet(['db', 'status', '--format', 'xml', '--db', path.join(dir, 'x.db')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are table, json/);
  });
});

async function countValid(): Promise<{ valid: number; invalidIds: string[] }> {
  const ajv = new Ajv2020({ strict: false });
  addFormats.default(ajv);
  const isValid = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  const zip = await yauzl.openPromise(ZIP, { lazyEntries: true });
  const ids = new Set<string>();
  const invalidIds: string[] = [];
  for await (const entry of zip.eachEntry()) {
    if (!entry.fileName.endsWith('.json')) continue;
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
    const record = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
    const valid: boolean = isValid(record);
    if (valid) ids.add(record.id);
    else invalidIds.push(record.id);
  }
  return { valid: ids.size, invalidIds: invalidIds.sort() };
}

(existsSync(ZIP) && existsSync(SCHEMA) ? describe : describe.skip)(
  'openvet db import on the real PyPI export (skipped when ../shared/corpora is absent)',
  () => {
    it('imports every valid record, reports each invalid one, and status counts them', async () => {
      const { valid, invalidIds } = await countValid();
      const db = path.join(dir, 'pypi.db');
      const run = await openvet(['db', 'import', ZIP, '--db', db, '--format', 'json'], {
        env: EPOCH,
      });
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(run.stdout) as {
        imported: number;
        problems: { id?: string; reason: string }[];
      };
      expect(summary.imported).toBe(valid);
      expect(summary.problems.map((p) => p.id).sort()).toEqual(invalidIds);
      for (const p of summary.problems) expect(p.reason).not.toBe('');

      const status = await openvet(['db', 'status', '--db', db, '--format', 'json']);
      expect(status.code).toBe(0);
      const parsed = JSON.parse(status.stdout) as Status;
      expect(parsed.ecosystems.find((e) => e.ecosystem === 'PyPI')?.advisories).toBe(valid);

      // Importing the same export again changes nothing.
      const again = await openvet(['db', 'import', ZIP, '--db', db, '--format', 'json']);
      expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, updated: 0, unchanged: valid });
    });
  },
);
