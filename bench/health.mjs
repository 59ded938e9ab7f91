#!/usr/bin/env node
// Benchmark: the history pass of `openvet health` (dist/analyzers/health/history/index.js: one
// `git log` with --name-status, one ls-tree, one for-each-ref, then the truck factor) on
// generated histories of 5,000, 10,000 and 20,000 commits, to show how its cost grows.
//
//   npm run build && node bench/health.mjs
//   node bench/health.mjs --sizes 5000,20000     # only these sizes
//   node bench/health.mjs --runs 5               # runs per size (median reported), default 3
//
// Histories are generated once under bench/.work/health/<n>.git (never committed) by
// src/testing/git-repo.ts (loaded through tsx) with one `git fast-import`: 150 authors with a
// skewed share of the commits (a few do most of the work, as in real projects), 8% of the
// commits by bots, 1-4 files changed per commit over a tree that grows to ~2,000 files in 40
// folders, a file added every 10 commits, renamed every 97, deleted every 211, a release tag
// every 150 commits, one commit an hour. The generator is seeded: every run builds the same
// repositories, and the 5k and 10k ones are prefixes of the 20k one.
//
// On a busy machine wall time is mostly waiting for a core: the CPU seconds say what the pass
// costs (node and git run at the same time, streaming, so on 2 idle cores the wall time is close
// to the larger of the two plus Node's start).
//
// Each size is measured in a child process (`/usr/bin/time -v` when present), so the peak RSS
// is that pass alone: Node's own (process.resourceUsage().maxRSS) and the largest of Node and
// git (time -v). Reported per size: median wall ms, CPU s (user+sys, git included), peak RSS,
// and ms per 1,000 commits; then the growth from the smallest size to the largest.
// Goal: 20,000 commits ≤ 1.5 s and ≤ 250 MB, growing linearly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const work = path.join(here, '.work', 'health');
const HISTORY = path.join(root, 'dist', 'analyzers', 'health', 'history', 'index.js');
const AS_OF = new Date('2026-01-01T00:00:00Z');

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generated history, oldest first (see the header comment). */
function* history(n) {
  const random = rng(7);
  const start = AS_OF.getTime() / 1000 - n * 3600;
  const files = [];
  let next = 0;
  const add = () => `src/d${next % 40}/f${next++}.js`;
  for (let i = 0; i < 200; i++) files.push(add());
  const bots = [
    'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>',
    'renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>',
  ];
  for (let i = 0; i < n; i++) {
    // Skewed authorship: author k with probability ∝ 1/(k+1).
    const k = Math.floor(Math.pow(150, random())) - 1;
    const author = random() < 0.08 ? bots[i % 2] : `Dev ${k} <dev${k}@example.org>`;
    const change = {};
    const renames = {};
    if (i === 0) for (const f of files) change[f] = `// ${f}\n`;
    const count = 1 + Math.floor(random() * 4);
    for (let j = 0; j < count; j++)
      change[files[Math.floor(random() * files.length)]] = `// ${i}.${j}\n${'x'.repeat(40)}\n`;
    if (i % 10 === 0 && files.length < 2000) {
      const f = add();
      files.push(f);
      change[f] = `// new ${i}\n`;
    }
    if (i % 97 === 50) {
      const at = Math.floor(random() * files.length);
      const from = files[at];
      if (!(from in change)) {
        const to = add();
        renames[from] = to;
        files[at] = to;
      }
    }
    if (i % 211 === 100 && files.length > 50) {
      const at = Math.floor(random() * files.length);
      if (!(files[at] in change) && !Object.values(renames).includes(files[at])) {
        change[files[at]] = null;
        files.splice(at, 1);
      }
    }
    yield {
      author,
      date: start + i * 3600,
      files: change,
      renames,
      ...(i % 150 === 149 ? { tag: `v1.${Math.floor(i / 150)}.0` } : {}),
    };
  }
}

async function generate(n) {
  const dir = path.join(work, `${n}.git`);
  if (existsSync(path.join(dir, 'HEAD'))) return dir;
  const { register } = await import('tsx/esm/api');
  register();
  const { createGitRepo } = await import(
    pathToFileURL(path.join(root, 'src', 'testing', 'git-repo.ts')).href
  );
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  await createGitRepo({ commits: history(n), bare: true, dir });
  console.log(`generated ${n} commits in ${dir} (${Date.now() - t0} ms)`);
  return dir;
}

/** One history pass in this process; prints JSON { ms, commits, truckFactor, rss }. */
async function child(dir) {
  const { analyzeHistory } = await import(pathToFileURL(HISTORY).href);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const m = await analyzeHistory(dir, { asOf: AS_OF });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      ms,
      nodeCpu: (cpu.user + cpu.system) / 1e6,
      commits: m.commits.total,
      truckFactor: m.truckFactor.value,
      files: m.truckFactor.files,
      maintainers: m.activeMaintainers.last365Days,
      rss: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

function measure(dir) {
  const useTime = existsSync('/usr/bin/time');
  const cmd = useTime ? '/usr/bin/time' : process.execPath;
  const argv = [
    ...(useTime ? ['-v', process.execPath] : []),
    fileURLToPath(import.meta.url),
    '--child',
    dir,
  ];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  const res = JSON.parse(r.stdout);
  if (useTime) {
    const max = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
    res.peakAny = max ? Number(max[1]) * 1024 : undefined;
    res.cpu = user && sys ? Number(user[1]) + Number(sys[1]) : undefined;
  }
  return res;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b) => (b === undefined ? '–' : `${(b / 1048576).toFixed(0)} MB`);

async function main() {
  if (!existsSync(HISTORY)) {
    console.error(`bench/health: ${path.relative(root, HISTORY)} missing; run npm run build first`);
    process.exit(2);
  }
  mkdirSync(work, { recursive: true });
  const sizes = (option('--sizes') ?? '5000,10000,20000').split(',').map(Number);
  const runs = Number(option('--runs') ?? 3);
  const rows = [];
  for (const n of sizes) {
    const dir = await generate(n);
    measure(dir); // warm-up: page cache, git's pack index
    const results = Array.from({ length: runs }, () => measure(dir));
    const r = {
      n,
      ms: median(results.map((x) => x.ms)),
      cpu: median(results.map((x) => x.cpu ?? 0)),
      nodeCpu: median(results.map((x) => x.nodeCpu)),
      rss: Math.max(...results.map((x) => x.rss)),
      peakAny: Math.max(...results.map((x) => x.peakAny ?? 0)) || undefined,
      last: results[0],
    };
    rows.push(r);
    console.log(
      `${String(n).padStart(6)} commits: ${r.ms.toFixed(0).padStart(5)} ms wall, ${r.cpu.toFixed(2)} s CPU (node ${r.nodeCpu.toFixed(2)} s in the pass + git + startup), ` +
        `node peak RSS ${mb(r.rss)}, largest process ${mb(r.peakAny)}, ${(r.ms / (n / 1000)).toFixed(1)} ms/1k commits ` +
        `(truck factor ${r.last.truckFactor} over ${r.last.files} files, ${r.last.maintainers} maintainers in 365 days)`,
    );
  }
  if (rows.length >= 2) {
    const a = rows[0];
    const b = rows[rows.length - 1];
    console.log(
      `growth ${a.n} → ${b.n} commits (×${(b.n / a.n).toFixed(1)}): time ×${(b.ms / a.ms).toFixed(2)}, ` +
        `node RSS ×${(b.rss / a.rss).toFixed(2)} (linear would be ×${(b.n / a.n).toFixed(1)} for time)`,
    );
  }
  const top = rows.find((r) => r.n === 20000);
  if (top !== undefined)
    console.log(
      `goal 20,000 commits ≤ 1.5 s and ≤ 250 MB: ${top.ms <= 1500 && (top.peakAny ?? top.rss) <= 250 * 1048576 ? 'met' : 'NOT met'}`,
    );
}

if (args[0] === '--child') await child(args[1]);
else await main();
