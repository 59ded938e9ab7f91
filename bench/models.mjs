#!/usr/bin/env node
// Benchmark: scanning PyTorch zip checkpoints of ~1 MB, ~100 MB and ~1 GB as `openvet model
// scan` does (dist/analyzers/models/scan-file.js over the core's ScanFs) against reading the same files with
// `cat FILE > /dev/null` (what any scanner that reads tensor data pays at least).
//
//   npm run build && node bench/models.mjs
//   node bench/models.mjs --sizes 1,100      # only these sizes (MB)
//   node bench/models.mjs --torch python3    # generate with torch.save instead (needs torch)
//
// The checkpoints are generated at bench time under bench/.work/models/ (never committed): by
// default written here byte by byte in torch's layout (archive/data.pkl: a protocol-2 pickle of
// an OrderedDict of _rebuild_tensor_v2 calls with persistent storage ids, archive/data/<key>
// STORE members of 4 MiB, archive/byteorder, archive/version, archive/.data/serialization_id),
// or with `--torch PYTHON`, by torch.save of a state dict of the same size.
//
// Each file is scanned in a child process (so its peak RSS is that scan's alone), 7 times,
// median reported; `cat` runs after one warm-up read (page cache warm for both). Reported per
// file: scan ms, cat ms, ratio cat/scan, MB/s (file size / scan time), bytes the reader read,
// peak RSS; then files/s and MB/s over the whole set. Goal: 1 GB in < 200 ms, RSS flat.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextEncoder } from 'node:util';
import { crc32 } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const work = path.join(here, '.work', 'models');
const SCAN = path.join(root, 'dist', 'analyzers', 'models', 'scan-file.js');
const FS = path.join(root, 'dist', 'core', 'fs.js');
const RUNS = 7;

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/**
 * Scans one file RUNS times in this process, the way `openvet model scan` does (the core's
 * ScanFs.openFile, scanModelSource with every registered reader); prints JSON
 * {ms[], bytesRead, verdict, format, rss}.
 */
async function child(file) {
  const { scanModelSource, countingSource } = await import(pathToFileURL(SCAN).href);
  const { createScanFs } = await import(pathToFileURL(FS).href);
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const opened = await createScanFs(path.dirname(file)).openFile(path.basename(file));
    try {
      last = await scanModelSource(file, countingSource(path.basename(file), opened));
    } finally {
      await opened.close();
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  process.stdout.write(
    JSON.stringify({
      ms: times,
      bytesRead: last.bytesRead,
      verdict: last.verdict,
      format: last.format,
      tensors: last.metadata.dataMembers,
      rss: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

async function main() {
  if (!existsSync(SCAN)) {
    console.error(`bench/models: ${path.relative(root, SCAN)} missing; run npm run build first`);
    process.exit(2);
  }
  mkdirSync(work, { recursive: true });
  const sizes = (option('--sizes') ?? '1,100,1024').split(',').map(Number);
  const python = option('--torch');
  const rows = [];
  for (const mb of sizes) {
    const file = path.join(work, `checkpoint-${mb}mb${python ? '-torch' : ''}.pt`);
    if (!existsSync(file)) {
      const t0 = Date.now();
      if (python) generateWithTorch(python, file, mb);
      else generateZip(file, mb);
      console.log(`generated ${path.relative(root, file)} in ${Date.now() - t0} ms`);
    }
    const size = statSync(file).size;
    const cat = timeCat(file);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const res = JSON.parse(r.stdout);
    const scanMs = median(res.ms);
    rows.push({ mb, size, scanMs, catMs: cat, ...res });
  }
  const fmt = (n, d = 1) => n.toFixed(d);
  console.log(
    '\n' +
      [
        'size'.padEnd(10),
        'tensors'.padStart(8),
        'scan ms'.padStart(9),
        'cat ms'.padStart(9),
        'cat/scan'.padStart(9),
        'MB/s'.padStart(10),
        'read KB'.padStart(9),
        'peak RSS MB'.padStart(12),
        'verdict'.padStart(8),
      ].join(' '),
  );
  for (const r of rows) {
    console.log(
      [
        `${fmt(r.size / 1e6)} MB`.padEnd(10),
        String(r.tensors).padStart(8),
        fmt(r.scanMs, 2).padStart(9),
        fmt(r.catMs, 1).padStart(9),
        `${fmt(r.catMs / r.scanMs, 0)}x`.padStart(9),
        fmt(r.size / 1e6 / (r.scanMs / 1000), 0).padStart(10),
        fmt(r.bytesRead / 1024, 1).padStart(9),
        fmt(r.rss / 1e6, 1).padStart(12),
        r.verdict.padStart(8),
      ].join(' '),
    );
  }
  const totalMs = rows.reduce((s, r) => s + r.scanMs, 0);
  const totalBytes = rows.reduce((s, r) => s + r.size, 0);
  const catMs = rows.reduce((s, r) => s + r.catMs, 0);
  console.log(
    `\nall ${rows.length} files: ${fmt(rows.length / (totalMs / 1000), 0)} files/s, ` +
      `${fmt(totalBytes / 1e6 / (totalMs / 1000), 0)} MB/s (cat: ${fmt(rows.length / (catMs / 1000), 1)} files/s, ` +
      `${fmt(totalBytes / 1e6 / (catMs / 1000), 0)} MB/s)`,
  );
  const big = rows.find((r) => r.mb >= 1024);
  if (big) {
    console.log(
      `1 GB checkpoint: ${fmt(big.scanMs, 2)} ms (goal < 200 ms): ${big.scanMs < 200 ? 'met' : 'NOT met'}`,
    );
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of `cat FILE > /dev/null` after one warm-up. */
function timeCat(file) {
  const times = [];
  for (let i = 0; i < 4; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('sh', ['-c', `cat "${file}" > /dev/null`]);
    if (r.status !== 0) throw new Error(`cat ${file} failed`);
    if (i > 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

function generateWithTorch(python, file, mb) {
  const script = [
    'import sys, torch',
    'mb = int(sys.argv[2]); n = max(1, mb // 4)',
    'per = (mb * 1024 * 1024) // n // 4',
    "sd = {f'layer{i}.weight': torch.full((per,), float(i)) for i in range(n)}",
    'torch.save(sd, sys.argv[1])',
  ].join('\n');
  const r = spawnSync(python, ['-c', script, file, String(mb)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('torch generation failed');
}

// ------------------------------------------------------------------------ torch-layout zip writer

const enc = new TextEncoder();
const bytes = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const le4 = (n) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** data.pkl of an OrderedDict of `count` float tensors of `numel` elements, as torch writes it. */
function statePickle(count, numel) {
  const parts = [bytes('\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01(')];
  for (let i = 0; i < count; i++) {
    const name = `layer${i}.weight`;
    const key = String(i);
    parts.push(
      bytes('X'),
      Uint8Array.from(le4(name.length)),
      enc.encode(name),
      bytes('ctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storagectorch\nFloatStorage\nX'),
      Uint8Array.from(le4(key.length)),
      enc.encode(key),
      bytes('X\x03\x00\x00\x00cpuJ'),
      Uint8Array.from(le4(numel)),
      bytes('tQK\x00J'),
      Uint8Array.from(le4(numel)),
      bytes('\x85K\x01\x85\x89ccollections\nOrderedDict\n)RtR'),
    );
  }
  parts.push(bytes('u.'));
  return Buffer.concat(parts);
}

/** Writes a STORE-only zip in torch's layout, streaming the tensor data in 4 MiB members. */
function generateZip(file, mb) {
  const total = mb * 1024 * 1024;
  const chunk = Math.min(4 * 1024 * 1024, total / 4);
  const count = Math.max(1, Math.round(total / chunk));
  const data = Buffer.alloc(chunk);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  const dataCrc = crc32(data);
  const members = [
    ['archive/data.pkl', statePickle(count, chunk / 4)],
    ['archive/byteorder', Buffer.from('little')],
    ...Array.from({ length: count }, (_, i) => [`archive/data/${i}`, data, dataCrc]),
    ['archive/version', Buffer.from('3\n')],
    ['archive/.data/serialization_id', Buffer.from('1234567890123456789012345678901234567890')],
  ];
  const fd = openSync(file, 'w');
  let offset = 0;
  const central = [];
  const write = (buf) => {
    writeSync(fd, buf);
    offset += buf.length;
  };
  for (const [name, body, knownCrc] of members) {
    const crc = knownCrc ?? crc32(body);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(body.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const at = offset;
    write(local);
    write(nameBytes);
    write(body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(body.length, 24);
    cd.writeUInt16LE(nameBytes.length, 28);
    cd.writeUInt32LE(at, 42);
    central.push(cd, nameBytes);
  }
  const cdOffset = offset;
  for (const c of central) write(c);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(offset - cdOffset, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  write(eocd);
  closeSync(fd);
}

// Last, so every top-level const above is initialised before it runs.
if (args[0] === '--child') {
  await child(args[1]);
} else {
  await main();
}
