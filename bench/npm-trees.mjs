#!/usr/bin/env node
// Benchmark: openvet scan --format cyclonedx vs `npm sbom --sbom-format cyclonedx` vs
// `cdxgen -t js --no-install-deps` on real npm trees, side by side in one run.
//
//   npm run bench                 # all trees, 3 runs per tool
//   npm run bench -- --runs 5 --trees small,medium
//
// Trees are installed once with `npm install --ignore-scripts` under bench/.work/ (kept between
// runs; delete the folder to rebuild). Machines here are shared and noisy: the report gives
// ratios between tools measured in the same run, and medians of alternating runs.
//
// Besides time and peak memory (from /usr/bin/time), it checks the inventories: openvet's
// lockfile view must equal the packages package-lock.json locks, and its installed view the
// packages on disk (both computed here independently), and it prints how the peers differ.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const work = path.join(here, '.work');

// `large` (gatsby + @angular/cli, ~1,650 packages) is a tree npm itself considers invalid
// (gatsby pins an experimental react-server-dom-webpack whose react peer is not met), so
// `npm sbom` fails on it; `large-valid` (~1,550 packages) is one npm accepts, for a timing
// comparison in which every tool finishes.
const TREES = {
  small: { deps: ['ms', 'is-number', 'lodash'] },
  medium: { deps: ['eslint', 'jest', 'webpack'] },
  large: { deps: ['gatsby', '@angular/cli'] },
  'large-valid': { deps: ['@angular/cli', 'eslint@8', 'jest@27', 'react-scripts@5', 'webpack'] },
};

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const runs = Number(arg('runs', '3'));
const treeNames = arg('trees', Object.keys(TREES).join(',')).split(',');

function sh(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

function ensureTree(name) {
  const dir = path.join(work, 'trees', name);
  if (existsSync(path.join(dir, 'node_modules', '.package-lock.json'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `bench-${name}`, version: '1.0.0', private: true }, null, 2),
  );
  console.error(`bench: installing the ${name} tree (${TREES[name].deps.join(', ')})…`);
  const args = ['install', '--ignore-scripts', '--no-audit', '--no-fund', ...TREES[name].deps];
  try {
    sh('npm', args, dir);
  } catch {
    // Peer conflicts npm refuses to resolve: install as older npm did.
    sh('npm', [...args, '--legacy-peer-deps'], dir);
  }
  return dir;
}

function ensureCdxgen() {
  const dir = path.join(work, 'tools');
  const bin = path.join(dir, 'node_modules', '@cyclonedx', 'cdxgen', 'bin', 'cdxgen.js');
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-tools', private: true }),
  );
  console.error('bench: installing @cyclonedx/cdxgen…');
  sh('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '@cyclonedx/cdxgen'], dir);
  return bin;
}

/** Run under /usr/bin/time -v; returns seconds, peak RSS in MiB, exit code and output file. */
function measure(tool, cwd) {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', ...tool.argv], {
    cwd,
    env: { ...process.env, ...tool.env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  const exit = /Exit status: (\d+)/.exec(r.stderr ?? '');
  return {
    seconds,
    rssMiB: rss ? Number(rss[1]) / 1024 : NaN,
    code: exit ? Number(exit[1]) : (r.status ?? -1),
    stdout: r.stdout,
    stderr: (r.stderr ?? '').split('\n\tCommand being timed')[0],
  };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Packages package-lock.json locks: name@version of every node_modules/ entry that is not a link. */
function lockedPackages(dir) {
  const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  const set = new Set();
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!key.includes('node_modules/') || entry.link) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    set.add(`${name}@${entry.version}`);
  }
  return set;
}

/** Packages on disk: every node_modules/<name>/package.json, nested ones too (symlinks not followed). */
function installedPackages(dir) {
  const set = new Set();
  set.folders = 0;
  function visitModules(nm) {
    let names;
    try {
      names = readdirSync(nm);
    } catch {
      return;
    }
    for (const n of names) {
      if (n.startsWith('.')) continue;
      if (n.startsWith('@')) {
        for (const s of readdirSync(path.join(nm, n))) visitPackage(path.join(nm, n, s));
      } else visitPackage(path.join(nm, n));
    }
  }
  function visitPackage(p) {
    try {
      if (!statSync(p).isDirectory()) return;
      const pkg = JSON.parse(readFileSync(path.join(p, 'package.json'), 'utf8'));
      if (pkg.name && pkg.version) {
        set.add(`${pkg.name}@${pkg.version}`);
        set.folders++;
      }
    } catch {
      return;
    }
    visitModules(path.join(p, 'node_modules'));
  }
  visitModules(path.join(dir, 'node_modules'));
  return set;
}

function cdxPackages(text) {
  try {
    const bom = JSON.parse(text);
    const set = new Set();
    const visit = (list) => {
      for (const c of list ?? []) {
        if (c.type === 'application' && !c.purl) continue;
        set.add(`${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`);
        visit(c.components);
      }
    };
    visit(bom.components);
    return set;
  } catch {
    return undefined;
  }
}

function diff(a, b) {
  return [...a].filter((x) => !b.has(x)).sort();
}

function main() {
  if (!existsSync(path.join(repo, 'dist', 'cli', 'main.js'))) sh('npm', ['run', 'build'], repo);
  const cdxgen = ensureCdxgen();
  const npmCli =
    execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim() + '/npm/bin/npm-cli.js';
  const report = [];

  for (const name of treeNames) {
    if (!TREES[name]) throw new Error(`unknown tree ${name}`);
    const dir = ensureTree(name);
    const out = path.join(work, 'out');
    mkdirSync(out, { recursive: true });
    const tools = [
      {
        name: 'openvet',
        argv: [
          process.execPath,
          path.join(repo, 'bin', 'openvet.js'),
          'scan',
          dir,
          '--format',
          'cyclonedx',
          '--offline',
          '--no-record',
          '--no-progress',
          '--quiet',
        ],
      },
      { name: 'npm sbom', argv: [process.execPath, npmCli, 'sbom', '--sbom-format', 'cyclonedx'] },
      {
        name: 'cdxgen',
        argv: [
          process.execPath,
          cdxgen,
          '-t',
          'js',
          '--no-install-deps',
          '--no-recurse',
          '-o',
          path.join(out, `cdxgen-${name}.json`),
          dir,
        ],
        env: { FETCH_LICENSE: 'false', CDXGEN_DEBUG_MODE: '' },
      },
    ];
    const samples = Object.fromEntries(tools.map((t) => [t.name, []]));
    const outputs = {};
    for (let i = 0; i < runs; i++) {
      // Alternate the order so that no tool always runs on a warm or a cold cache.
      const order = i % 2 === 0 ? tools : [...tools].reverse();
      for (const tool of order) {
        const m = measure(tool, dir);
        samples[tool.name].push(m);
        if (tool.name === 'cdxgen') {
          try {
            m.stdout = readFileSync(path.join(out, `cdxgen-${name}.json`), 'utf8');
          } catch {
            m.stdout = '';
          }
        }
        outputs[tool.name] = m;
      }
    }
    const row = { tree: name, tools: {} };
    for (const tool of tools) {
      const ms = samples[tool.name];
      row.tools[tool.name] = {
        seconds: median(ms.map((m) => m.seconds)),
        rssMiB: median(ms.map((m) => m.rssMiB)),
        failures: ms.filter((m) => m.code !== 0).length,
        error: ms
          .find((m) => m.code !== 0)
          ?.stderr.trim()
          .split('\n')
          .slice(-3)
          .join(' | '),
        packages: cdxPackages(outputs[tool.name].stdout),
      };
    }
    // Inventory checks.
    const bom = JSON.parse(outputs.openvet.stdout);
    const byView = { lockfile: new Set(), installed: new Set() };
    for (const c of bom.components) {
      const found = (c.properties ?? []).find((p) => p.name === 'openvet:foundBy')?.value ?? '';
      const id = `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`;
      if (found.includes('npm/package-lock')) byView.lockfile.add(id);
      if (found.includes('npm/node-modules')) byView.installed.add(id);
    }
    const locked = lockedPackages(dir);
    const onDisk = installedPackages(dir);
    row.folders = onDisk.folders;
    row.check = {
      locked: locked.size,
      onDisk: onDisk.size,
      lockfileViewMissing: diff(locked, byView.lockfile),
      lockfileViewExtra: diff(byView.lockfile, locked),
      installedViewMissing: diff(onDisk, byView.installed),
      installedViewExtra: diff(byView.installed, onDisk),
    };
    report.push(row);
  }

  console.log(
    `\nopenvet benchmark: median of ${runs} alternating runs per tool (node ${process.version}, ${process.platform})\n`,
  );
  console.log(
    'tree     packages  tool        time (s)  peak RSS (MiB)  exit≠0  components   time ratio vs openvet',
  );
  for (const row of report) {
    const base = row.tools.openvet.seconds;
    for (const [tool, t] of Object.entries(row.tools)) {
      const ratio = tool === 'openvet' ? '1.00×' : `${(t.seconds / base).toFixed(2)}× slower`;
      console.log(
        `${row.tree.padEnd(12)} ${`${row.folders}/${row.check.onDisk}`.padStart(9)}  ${tool.padEnd(10)} ${t.seconds.toFixed(2).padStart(9)}  ${t.rssMiB.toFixed(0).padStart(14)}  ${String(t.failures).padStart(6)}  ${String(t.packages?.size ?? '-').padStart(10)}   ${ratio}`,
      );
      if (t.failures > 0) console.log(`         ${tool} failed: ${t.error ?? ''}`);
    }
    const c = row.check;
    console.log(
      `         check: lockfile locks ${c.locked}, openvet lockfile view misses ${c.lockfileViewMissing.length}, adds ${c.lockfileViewExtra.length}; ` +
        `on disk ${c.onDisk}, installed view misses ${c.installedViewMissing.length}, adds ${c.installedViewExtra.length}`,
    );
    for (const [k, v] of Object.entries(c))
      if (Array.isArray(v) && v.length > 0)
        console.log(`           ${k}: ${v.slice(0, 8).join(', ')}${v.length > 8 ? ' …' : ''}`);
    const ov = row.tools.openvet.packages ?? new Set();
    for (const peer of ['npm sbom', 'cdxgen']) {
      const p = row.tools[peer].packages;
      if (!p) continue;
      const missing = diff(ov, p);
      const extra = diff(p, ov);
      console.log(
        `         ${peer} vs openvet: lacks ${missing.length}${missing.length ? ` (${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ' …' : ''})` : ''}, has ${extra.length} openvet lacks${extra.length ? ` (${extra.slice(0, 4).join(', ')}${extra.length > 4 ? ' …' : ''})` : ''}`,
      );
    }
  }
  const summary = report.map((row) => ({
    tree: row.tree,
    packageFolders: row.folders,
    distinctPackages: row.check.onDisk,
    speedupVsCdxgen: row.tools.cdxgen.seconds / row.tools.openvet.seconds,
    speedupVsNpmSbom: row.tools['npm sbom'].seconds / row.tools.openvet.seconds,
    rssOpenvetMiB: row.tools.openvet.rssMiB,
    rssCdxgenMiB: row.tools.cdxgen.rssMiB,
    rssNpmSbomMiB: row.tools['npm sbom'].rssMiB,
    npmSbomFailures: row.tools['npm sbom'].failures,
    openvetFailures: row.tools.openvet.failures,
    inventoryExact:
      row.check.lockfileViewMissing.length +
        row.check.lockfileViewExtra.length +
        row.check.installedViewMissing.length +
        row.check.installedViewExtra.length ===
      0,
  }));
  mkdirSync(path.join(work), { recursive: true });
  writeFileSync(path.join(work, 'latest.json'), JSON.stringify(summary, null, 2));
  console.log('\nsummary:', JSON.stringify(summary, null, 2));
}

main();
