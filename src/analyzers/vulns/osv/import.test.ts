import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../core/errors.js';
import { openSqliteStore } from '../../../store/index.js';
import type { Store } from '../../../store/types.js';
import { matchAdvisories } from '../match/index.js';
import { importOsv } from './import.js';
import type { OsvRecord } from './types.js';

const now = () => new Date('2026-01-01T00:00:00Z');

function record(id: string, modified: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    modified,
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Demo_Pkg' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0' }] }],
      },
    ],
    ...extra,
  };
}

/**
 * A minimal zip archive written by hand (no zip writer is installed): entries stored, or
 * compressed with raw DEFLATE when `deflate` is set.
 */
function storedZip(files: Record<string, string>, deflate = false, zip64 = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const plain = Buffer.from(text, 'utf8');
    const data = deflate ? deflateRawSync(plain) : plain;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(plain);
    const method = deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(plain.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(plain.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // ZIP64: the offset moves to an extra field (as a writer does past 4 GiB).
    central.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    const extra = Buffer.alloc(zip64 ? 12 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(offset), 4);
      central.writeUInt16LE(extra.length, 30);
    }
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes, extra);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  if (!zip64) return Buffer.concat([...locals, directory, end]);
  const count = Object.keys(files).length;
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 16);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeBigUInt64LE(BigInt(count), 24);
  end64.writeBigUInt64LE(BigInt(count), 32);
  end64.writeBigUInt64LE(BigInt(directory.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...locals, directory, end64, locator, end]);
}

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'openvet-osv-'));
}

async function store(): Promise<Store> {
  return openSqliteStore(path.join(await tempDir(), 'openvet.db'));
}

describe('importOsv', () => {
  it('imports a directory recursively, reports malformed and invalid files, and goes on', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'sub', 'deeper'), { recursive: true });
    await writeFile(
      path.join(dir, 'PYSEC-1.json'),
      JSON.stringify(record('PYSEC-1', '2024-01-01T00:00:00Z')),
    );
    await writeFile(
      path.join(dir, 'sub', 'deeper', 'GHSA-2.json'),
      JSON.stringify(
        record('GHSA-2', '2024-01-01T00:00:00Z', { withdrawn: '2024-02-01T00:00:00Z' }),
      ),
    );
    await writeFile(path.join(dir, 'sub', 'broken.json'), '{"id": "X-1", ');
    await writeFile(
      path.join(dir, 'sub', 'PYSEC-3.json'),
      JSON.stringify({ id: 'PYSEC-3', modified: 'yesterday' }),
    );
    await writeFile(path.join(dir, 'README.md'), 'not read');
    const s = await store();
    const summary = await importOsv(dir, s, { now });
    expect(summary).toMatchObject({
      kind: 'directory',
      read: 4,
      imported: 2,
      updated: 0,
      unchanged: 0,
      withdrawn: 1,
      invalid: 2,
      ecosystems: ['PyPI'],
    });
    expect(summary.problems).toEqual([
      {
        source: 'sub/PYSEC-3.json',
        id: 'PYSEC-3',
        reason: expect.stringContaining('modified: must be an RFC 3339') as string,
      },
      { source: 'sub/broken.json', reason: expect.stringContaining('not valid JSON') as string },
    ]);
    // The withdrawn advisory is stored but never returned for matching.
    expect((await s.advisoriesFor('PyPI', 'demo-pkg')).map((r) => r.id)).toEqual(['PYSEC-1']);
    const status = await s.advisoryStatus();
    expect(status).toMatchObject({ advisories: 2, withdrawn: 1 });
    expect(status.sources).toEqual([
      {
        name: 'PyPI',
        path: dir,
        importedAt: '2026-01-01T00:00:00.000Z',
        counts: { read: 4, imported: 2, updated: 0, unchanged: 0, withdrawn: 1, invalid: 2 },
      },
    ]);
    await s.close();
  });

  it('does not follow symbolic links inside a directory', async () => {
    const outside = await tempDir();
    await writeFile(
      path.join(outside, 'PYSEC-9.json'),
      JSON.stringify(record('PYSEC-9', '2024-01-01T00:00:00Z')),
    );
    const dir = await tempDir();
    await writeFile(
      path.join(dir, 'PYSEC-1.json'),
      JSON.stringify(record('PYSEC-1', '2024-01-01T00:00:00Z')),
    );
    await symlink(outside, path.join(dir, 'linked'));
    await symlink(path.join(outside, 'PYSEC-9.json'), path.join(dir, 'PYSEC-9.json'));
    const s = await store();
    expect(await importOsv(dir, s, { now })).toMatchObject({ read: 1, imported: 1 });
    await s.close();
  });

  it('imports a zip archive and skips entries that are not JSON', async () => {
    const dir = await tempDir();
    const zip = path.join(dir, 'all.zip');
    await writeFile(
      zip,
      storedZip({
        'PYSEC-1.json': JSON.stringify(record('PYSEC-1', '2024-01-01T00:00:00Z')),
        'nested/GHSA-2.json': JSON.stringify(record('GHSA-2', '2024-01-01T00:00:00Z')),
        'LICENSE.txt': 'not read',
        'bad.json': '[1,',
      }),
    );
    const s = await store();
    const summary = await importOsv(zip, s, { now, displayPath: 'all.zip' });
    expect(summary).toMatchObject({
      path: 'all.zip',
      kind: 'zip',
      read: 3,
      imported: 2,
      invalid: 1,
    });
    expect(summary.problems[0]).toMatchObject({ source: 'bad.json' });
    expect((await s.advisoriesFor('PyPI', 'DEMO.pkg')).map((r) => r.id)).toEqual([
      'GHSA-2',
      'PYSEC-1',
    ]);
    await s.close();
  });

  it('imports deflated zip entries and returns them intact', async () => {
    const dir = await tempDir();
    const zip = path.join(dir, 'all.zip');
    const one = record('PYSEC-1', '2024-01-01T00:00:00Z', {
      summary: 'ü'.repeat(100),
      details: 'é'.repeat(500),
    });
    const text = JSON.stringify(one, null, 2);
    await writeFile(zip, storedZip({ 'PYSEC-1.json': text }, true));
    const file = path.join(await tempDir(), 'openvet.db');
    const s = await openSqliteStore(file);
    expect(await importOsv(zip, s, { now })).toMatchObject({ imported: 1, invalid: 0 });
    // Lookups return the package's view (no details); the record is stored whole, as read.
    const view = record('PYSEC-1', '2024-01-01T00:00:00Z', { summary: 'ü'.repeat(100) });
    expect(JSON.parse(JSON.stringify(await s.advisoriesFor('PyPI', 'demo-pkg')))).toEqual([view]);
    await s.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    const row = raw.prepare('SELECT json FROM osv_advisory').get() as { json: Uint8Array };
    raw.close();
    expect(inflateRawSync(row.json).toString('utf8')).toBe(text);
  });

  it('reads a ZIP64 archive (end records and extra fields), as osv.dev writes large exports', async () => {
    const zip = path.join(await tempDir(), 'all.zip');
    await writeFile(
      zip,
      storedZip(
        {
          'PYSEC-1.json': JSON.stringify(record('PYSEC-1', '2024-01-01T00:00:00Z')),
          'PYSEC-2.json': JSON.stringify(record('PYSEC-2', '2024-01-01T00:00:00Z')),
        },
        true,
        true,
      ),
    );
    const s = await store();
    expect(await importOsv(zip, s, { now })).toMatchObject({ read: 2, imported: 2, invalid: 0 });
    expect((await s.advisoriesFor('PyPI', 'demo-pkg')).map((r) => r.id)).toEqual([
      'PYSEC-1',
      'PYSEC-2',
    ]);
    await s.close();
  });

  it('reports a damaged zip entry (CRC mismatch) and imports the others', async () => {
    const dir = await tempDir();
    const zip = path.join(dir, 'all.zip');
    const good = JSON.stringify(record('PYSEC-1', '2024-01-01T00:00:00Z'));
    const bytes = storedZip({
      'PYSEC-1.json': good,
      'PYSEC-2.json': good.replace('PYSEC-1', 'PYSEC-2'),
    });
    // Flip one byte of the second entry's data.
    const second = bytes.indexOf('PYSEC-2', bytes.indexOf('PYSEC-2.json') + 12);
    bytes[second] = 'Q'.charCodeAt(0);
    await writeFile(zip, bytes);
    const s = await store();
    const summary = await importOsv(zip, s, { now });
    expect(summary).toMatchObject({ imported: 1, invalid: 1 });
    expect(summary.problems[0]?.reason).toMatch(/CRC-32 mismatch/);
    await s.close();
  });

  it('imports one OSV file; re-import replaces only by a newer modified', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'PYSEC-1.json');
    const s = await store();
    await writeFile(
      file,
      JSON.stringify(record('PYSEC-1', '2024-01-01T00:00:00Z', { summary: 'v1' })),
    );
    expect(await importOsv(file, s, { now })).toMatchObject({ kind: 'file', imported: 1 });
    // Same modified: unchanged, even with other content.
    await writeFile(
      file,
      JSON.stringify(record('PYSEC-1', '2024-01-01T00:00:00.000Z', { summary: 'v1b' })),
    );
    expect(await importOsv(file, s, { now })).toMatchObject({
      imported: 0,
      updated: 0,
      unchanged: 1,
    });
    // Older: unchanged.
    await writeFile(
      file,
      JSON.stringify(record('PYSEC-1', '2023-01-01T00:00:00Z', { summary: 'v0' })),
    );
    expect(await importOsv(file, s, { now })).toMatchObject({ unchanged: 1 });
    expect((await s.advisoriesFor('PyPI', 'demo-pkg'))[0]?.summary).toBe('v1');
    // Newer: replaced, and the package index follows the new record.
    await writeFile(
      file,
      JSON.stringify({
        ...record('PYSEC-1', '2024-06-01T00:00:00Z', { summary: 'v2' }),
        affected: [{ package: { ecosystem: 'PyPI', name: 'other' } }],
      }),
    );
    expect(await importOsv(file, s, { now })).toMatchObject({ updated: 1 });
    expect(await s.advisoriesFor('PyPI', 'demo-pkg')).toEqual([]);
    expect((await s.advisoriesFor('PyPI', 'Other'))[0]?.summary).toBe('v2');
    await s.close();
  });

  it.each<
    [string, (dir: string) => Promise<string>, RegExp, typeof UsageError | typeof InputError]
  >([
    [
      'a missing path',
      (dir) => Promise.resolve(path.join(dir, 'nope.zip')),
      /no such file or directory/,
      UsageError,
    ],
    [
      'a JSON file that is not an OSV record',
      async (dir) => {
        await writeFile(path.join(dir, 'package.json'), '{"name": "x"}');
        return path.join(dir, 'package.json');
      },
      /not an OSV record/,
      InputError,
    ],
    [
      'a text file',
      async (dir) => {
        await writeFile(path.join(dir, 'notes.txt'), 'hello');
        return path.join(dir, 'notes.txt');
      },
      /not an OSV record.*not valid JSON/,
      InputError,
    ],
    ['an empty directory', (dir) => Promise.resolve(dir), /no OSV JSON files found/, InputError],
    [
      'a directory of JSON that is not OSV',
      async (dir) => {
        await writeFile(path.join(dir, 'a.json'), '{"name": "x"}');
        return dir;
      },
      /none of the 1 JSON file\(s\) is an OSV record/,
      InputError,
    ],
    [
      'a broken zip',
      async (dir) => {
        await writeFile(path.join(dir, 'all.zip'), Buffer.from('PK\x03\x04 truncated'));
        return path.join(dir, 'all.zip');
      },
      /not a readable zip archive/,
      InputError,
    ],
  ])('refuses %s (exit code 2)', async (_, make, message, type) => {
    const s = await store();
    const target = await make(await tempDir());
    const error = await importOsv(target, s, { now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    await s.close();
  });

  it('gives the same result with worker threads as without, in input order', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 700; i++) {
      const id = `PYSEC-${String(i).padStart(4, '0')}`;
      files[`${id}.json`] =
        i % 97 === 5
          ? '{ not json'
          : i % 89 === 7
            ? JSON.stringify({ id, modified: 'yesterday' })
            : JSON.stringify(
                record(
                  id,
                  '2024-01-01T00:00:00Z',
                  i % 50 === 0 ? { withdrawn: '2024-02-01T00:00:00Z' } : {},
                ),
              );
    }
    const zip = path.join(await tempDir(), 'all.zip');
    await writeFile(zip, storedZip(files));
    const results = [];
    for (const workers of [0, 2]) {
      const s = await store();
      const summary = await importOsv(zip, s, { now, workers, batchSize: 100 });
      results.push({
        summary,
        stored: (await s.advisoriesFor('PyPI', 'demo-pkg')).map((r) => r.id),
      });
      await s.close();
    }
    const [inline, threaded] = results;
    expect(threaded).toEqual(inline);
    expect(inline?.summary).toMatchObject({ read: 700, invalid: 16, withdrawn: 14 });
    expect(inline?.summary.problems.slice(0, 2)).toEqual([
      { source: 'PYSEC-0005.json', reason: expect.stringMatching(/^not valid JSON/) as string },
      { source: 'PYSEC-0007.json', id: 'PYSEC-0007', reason: expect.any(String) as string },
    ]);
    expect(inline?.stored).toHaveLength(700 - 16 - 14);
  });

  it('bounds the size of one record', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, 'big.json'),
      JSON.stringify(record('PYSEC-1', '2024-01-01T00:00:00Z', { details: 'x'.repeat(2000) })),
    );
    await writeFile(
      path.join(dir, 'small.json'),
      JSON.stringify(record('PYSEC-2', '2024-01-01T00:00:00Z')),
    );
    const s = await store();
    const summary = await importOsv(dir, s, {
      now,
      limits: { maxRecordBytes: 1000, maxEntries: 10, maxDepth: 4 },
    });
    expect(summary).toMatchObject({ imported: 1, invalid: 1 });
    expect(summary.problems[0]).toEqual({ source: 'big.json', reason: 'larger than 1000 bytes' });
    await s.close();
  });
});

const CORPUS_ZIP = '../shared/corpora/osv/pypi/all.zip';

(existsSync(CORPUS_ZIP) ? describe : describe.skip)(
  `importOsv on ${CORPUS_ZIP}${existsSync(CORPUS_ZIP) ? '' : ' (skipped: ../shared/corpora is absent)'}`,
  () => {
    it('accounts for every entry and returns stored records for a package', async () => {
      const s = await store();
      const summary = await importOsv(CORPUS_ZIP, s, { now });
      expect(summary.kind).toBe('zip');
      expect(summary.imported + summary.invalid).toBe(summary.read);
      for (const p of summary.problems) expect(p.id).toBeDefined();
      const status = await s.advisoryStatus();
      expect(status.advisories).toBe(summary.imported);
      expect(status.withdrawn).toBe(summary.withdrawn);
      // Whatever package the first stored advisory names, looking it up returns that advisory.
      const sample = (await s.advisoriesFor('PyPI', 'django')).concat(
        await s.advisoriesFor('PyPI', 'jinja2'),
      );
      expect(sample.length).toBeGreaterThan(0);
      for (const r of sample) {
        expect(r.withdrawn).toBeUndefined();
        expect(
          r.affected?.some((a) =>
            ['django', 'jinja2'].includes(a.package?.name.toLowerCase() ?? ''),
          ),
        ).toBe(true);
      }
      await s.close();
    });

    it('matches through the store exactly as through the same views given whole', async () => {
      const s = await store();
      await importOsv(CORPUS_ZIP, s, { now });
      let compared = 0;
      for (const name of ['django', 'jinja2', 'pillow', 'urllib3', 'requests']) {
        const stored = await s.advisoriesFor('PyPI', name);
        // The same views as plain records: matched from `affected` as written, not the index.
        const whole = JSON.parse(JSON.stringify(stored)) as OsvRecord[];
        const versions = new Set(['0', '0.1', '99.0']);
        for (const r of whole)
          for (const a of r.affected ?? []) {
            for (const v of a.versions ?? []) versions.add(v);
            for (const range of a.ranges ?? [])
              for (const e of range.events) for (const v of Object.values(e)) versions.add(v);
          }
        for (const version of versions) {
          const pkg = { ecosystem: 'PyPI', name, version };
          expect(matchAdvisories(pkg, stored), `${name} ${version}`).toEqual(
            matchAdvisories(pkg, whole),
          );
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(500);
      await s.close();
    });
  },
);
