#!/usr/bin/env node
// Vulnerability data benchmark (issue 4): `npm run build && npm run bench -- vulns`.
//
// 1. `openvet db import` of the real PyPI export (../shared/corpora/osv/pypi/all.zip): wall time
//    of the CLI, advisories per second, peak RSS (from /usr/bin/time when present).
// 2. The same for a generated osv.dev-style export of 200,000 advisories (20,000 npm/PyPI
//    packages × 10 advisories, ranges with several events), written once under bench/.work/ as
//    one ZIP64 archive.
// 3. Matching 10,000 components against those 200,000 advisories in one process after import, as
//    a scan does it: one Store.advisoriesForMany for all components, then matchAdvisories per
//    component, timed apart (first pass and a second pass; without and with the store's parsed
//    record cache). Then the per-component advisoriesFor path for comparison.
// Absolute figures: the goals are absolute (≥ 20,000 advisories/s, < 1 s for matching).
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const work = path.join(here, '.work', 'vulns');
const bin = path.join(repo, 'bin', 'openvet.js');
const pypiZip = path.resolve(repo, '..', 'shared', 'corpora', 'osv', 'pypi', 'all.zip');
const ADVISORIES = 200_000;
const PACKAGES = 20_000;
const COMPONENTS = 10_000;
// One ZIP64 archive, as osv.dev's large ecosystem exports (one `openvet db import`).
const SHARDS = 1;

if (!existsSync(path.join(repo, 'dist', 'cli', 'main.js'))) {
  console.error('bench: dist/ is missing: run `npm run build` first');
  process.exit(2);
}
mkdirSync(work, { recursive: true });

/**
 * A zip of stored (uncompressed) entries, written by hand (no zip writer is a dependency); ZIP64
 * end records when there are too many entries for a plain zip.
 */
function storedZip(entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    parts.push(local, nameBuf, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const centralBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const zip64 = entries.length >= 0xffff;
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  if (!zip64) return Buffer.concat([...parts, centralBuf, end]);
  // More than 65,534 entries: a ZIP64 end record and its locator, as osv.dev's large exports.
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(entries.length), 24);
  end64.writeBigUInt64LE(BigInt(entries.length), 32);
  end64.writeBigUInt64LE(BigInt(centralBuf.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + centralBuf.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...parts, centralBuf, end64, locator, end]);
}

function packageName(i) {
  return i % 2 === 0 ? `bench-npm-${i}` : `bench_py_${i}`;
}

function generate(file, shard) {
  if (existsSync(file)) return;
  console.log(`bench: generating ${path.relative(repo, file)} (once)`);
  const entries = [];
  const per = ADVISORIES / SHARDS;
  for (let a = shard * per; a < (shard + 1) * per; a++) {
    const p = a % PACKAGES;
    const npm = p % 2 === 0;
    const major = (a / PACKAGES) | 0;
    const record = {
      schema_version: '1.6.0',
      id: `BENCH-${String(a).padStart(7, '0')}`,
      modified: '2024-06-01T00:00:00Z',
      published: '2024-05-01T00:00:00Z',
      aliases: [`CVE-2099-${a}`],
      summary: `Generated advisory ${a}`,
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }],
      affected: [
        {
          package: { ecosystem: npm ? 'npm' : 'PyPI', name: packageName(p) },
          ranges: [
            {
              type: npm ? 'SEMVER' : 'ECOSYSTEM',
              events: [
                { introduced: `${major}.0.0` },
                { fixed: `${major}.4.${a % 7}` },
                { introduced: `${major}.6.0` },
                { fixed: `${major}.9.1` },
              ],
            },
          ],
        },
      ],
      references: [{ type: 'WEB', url: `https://example.org/advisories/${a}` }],
    };
    entries.push([`${record.id}.json`, Buffer.from(JSON.stringify(record))]);
  }
  writeFileSync(file, storedZip(entries));
}

function timedImport(zip, db, fresh = true) {
  if (fresh) rmSync(db, { force: true });
  const time = existsSync('/usr/bin/time');
  const args = [bin, 'db', 'import', zip, '--db', db, '--format', 'json'];
  const t0 = performance.now();
  const r = time
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  const summary = JSON.parse(r.stdout);
  const rssKiB = time ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { ms, summary, rssMiB: rssKiB / 1024 };
}

const rows = [];
if (existsSync(pypiZip)) {
  const r = timedImport(pypiZip, path.join(work, 'pypi.db'));
  const n = r.summary.imported;
  rows.push(['PyPI all.zip (real)', n, r.ms, r.rssMiB]);
}
// SHARDS > 1 splits the export into several archives, imported one after another into the same
// database (each import then pays Node's start-up).
const genDb = path.join(work, 'generated.db');
rmSync(genDb, { force: true });
let genCount = 0;
let genMs = 0;
let genRss = 0;
let genBytes = 0;
for (let shard = 0; shard < SHARDS; shard++) {
  const zip = path.join(
    work,
    SHARDS === 1 ? `generated-${ADVISORIES}.zip` : `generated-${ADVISORIES}-${shard}.zip`,
  );
  generate(zip, shard);
  const r = timedImport(zip, genDb, false);
  genCount += r.summary.imported ?? 0;
  genMs += r.ms;
  genRss = Math.max(genRss, r.rssMiB);
  genBytes += statSync(zip).size;
}
rows.push([
  `generated (${SHARDS} zip${SHARDS > 1 ? 's' : ''}, ${(genBytes / 1048576).toFixed(0)} MiB)`,
  genCount,
  genMs,
  genRss,
]);

console.log('\nimport (openvet db import, wall time incl. Node start-up)');
console.log('input                        advisories   seconds   advisories/s   peak RSS MiB');
for (const [name, n, ms, rss] of rows)
  console.log(
    `${name.padEnd(28)} ${String(n).padStart(10)} ${(ms / 1000).toFixed(2).padStart(9)} ${Math.round(
      n / (ms / 1000),
    )
      .toString()
      .padStart(14)} ${Number.isFinite(rss) ? rss.toFixed(0).padStart(14) : '             -'}`,
  );

// Matching in one process, after import.
const { openSqliteStore } = await import(
  pathToFileURL(path.join(repo, 'dist', 'store', 'index.js')).href
);
const { matchAdvisories } = await import(
  pathToFileURL(path.join(repo, 'dist', 'analyzers', 'vulns', 'match', 'index.js')).href
);
const { advisoryLookupKey } = await import(
  pathToFileURL(path.join(repo, 'dist', 'store', 'advisory-names.js')).href
);
const components = [];
for (let c = 0; c < COMPONENTS; c++) {
  const p = (c * 7919) % PACKAGES;
  components.push({
    ecosystem: p % 2 === 0 ? 'npm' : 'PyPI',
    name: packageName(p),
    version: `${c % 10}.${c % 10}.${c % 3}`,
  });
}
// The scan's path: one batched store lookup for every component (advisoriesForMany), then
// range evaluation per component. Each configuration opens the store anew (an empty in-process
// cache); its second pass looks the same names up again.
for (const [label, cacheRecords] of [
  ['no record cache', 0],
  ['default record cache', undefined],
]) {
  const s = await openSqliteStore(
    genDb,
    cacheRecords === undefined ? {} : { advisoryCacheRecords: cacheRecords },
  );
  for (const pass of ['first pass', 'second pass']) {
    const t0 = performance.now();
    const found = await s.advisoriesForMany(
      components.map((c) => ({ ecosystem: c.ecosystem, name: c.name })),
    );
    const t1 = performance.now();
    let matches = 0;
    for (const pkg of components) {
      const key = advisoryLookupKey(pkg.ecosystem, pkg.name);
      matches += matchAdvisories(pkg, found.get(key) ?? []).matches.length;
    }
    const t2 = performance.now();
    console.log(
      `\nmatching ${COMPONENTS} components against ${ADVISORIES} advisories (${label}, ${pass}): lookup ${((t1 - t0) / 1000).toFixed(2)} s + evaluation ${((t2 - t1) / 1000).toFixed(2)} s = ${((t2 - t0) / 1000).toFixed(2)} s, ${matches} matches, RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
    );
  }
  await s.close();
}
// The per-component path (openvet vuln match, one advisoriesFor per purl), for comparison.
{
  const s = await openSqliteStore(genDb, { advisoryCacheRecords: 0 });
  const t0 = performance.now();
  for (const pkg of components) await s.advisoriesFor(pkg.ecosystem, pkg.name);
  console.log(
    `\nper-component advisoriesFor for ${COMPONENTS} components (no cache): ${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );
  await s.close();
}
