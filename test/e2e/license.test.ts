/**
 * `openvet license identify` end to end: the built CLI on a temporary project with its own
 * licence files (texts from the spdx-license-list dependency, not from the corpora).
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, openvet, type CliRun } from './cli.js';

interface Entry {
  file: string;
  matches: {
    license: string;
    confidence: string;
    score: number;
    startLine: number;
    endLine: number;
  }[];
  truncated?: true;
  error?: string;
}

const require = createRequire(import.meta.url);
const spdx = require('spdx-license-list/full.js') as Record<string, { licenseText: string }>;
const MIT = spdx.MIT!.licenseText.trim();
const APACHE = spdx['Apache-2.0']!.licenseText.trim();
const README = '# demo\n\nA small demo project.\n\n## Usage\n\nRun it.\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-license-'));
  await writeFile(path.join(dir, 'LICENSE'), `${MIT}\n`);
  await writeFile(path.join(dir, 'LICENSE-APACHE.txt'), `${APACHE}\n`);
  await writeFile(path.join(dir, 'README.md'), README);
  await writeFile(
    path.join(dir, 'NOTICE'),
    `# Demo\n\nA small demo project.\n\n## Usage\n\nRun demo --help.\n\n## License\n\n${MIT}\n\n## Contributing\n\nWelcome.\n`,
  );
  await writeFile(path.join(dir, 'package.json'), '{ "name": "demo", "license": "MIT" }\n');
  await mkdir(path.join(dir, 'src'));
  await writeFile(path.join(dir, 'src', 'index.js'), `/* ${MIT} */\n`);
  await writeFile(path.join(dir, 'src', 'license.js'), `/* ${MIT} */\n`);
  await mkdir(path.join(dir, 'node_modules', 'dep'), { recursive: true });
  await writeFile(path.join(dir, 'node_modules', 'dep', 'LICENSE'), `${MIT}\n`);
});

function lineCount(text: string): number {
  return text.split('\n').length;
}

async function identify(args: string[]): Promise<{ run: CliRun; entries: Entry[] }> {
  const run = await openvet(['license', 'identify', ...args], { cwd: dir });
  return { run, entries: JSON.parse(run.stdout) as Entry[] };
}

/** Run the CLI with `input` on stdin (cli.ts's helper has no stdin). */
function openvetWithStdin(args: string[], input: string, cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 3, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('openvet license identify', () => {
  it('identifies each file, in input order, with line ranges (JSON)', async () => {
    const { run, entries } = await identify(['README.md', 'LICENSE-APACHE.txt', 'LICENSE']);
    expect(run.code, run.stderr).toBe(0);
    expect(entries.map((e) => e.file)).toEqual(['README.md', 'LICENSE-APACHE.txt', 'LICENSE']);
    expect(entries[0]).toEqual({ file: 'README.md', matches: [] });
    expect(entries[1]!.matches).toEqual([
      expect.objectContaining({
        license: 'Apache-2.0',
        confidence: 'exact',
        startLine: 1,
        endLine: lineCount(APACHE),
      }),
    ]);
    expect(entries[2]!.matches).toEqual([
      {
        license: 'MIT',
        confidence: 'exact',
        score: 1,
        startLine: 1,
        endLine: lineCount(MIT),
      },
    ]);
  });

  it('reports the line range of a licence inside a larger file', async () => {
    const { entries } = await identify(['NOTICE']);
    expect(entries[0]!.matches).toEqual([
      expect.objectContaining({
        license: 'MIT',
        startLine: 11,
        endLine: 10 + lineCount(MIT),
      }),
    ]);
  });

  it('expands a directory to its licence-bearing files, sorted, skipping source and node_modules', async () => {
    const { run, entries } = await identify(['.']);
    expect(run.code, run.stderr).toBe(0);
    expect(entries.map((e) => e.file)).toEqual([
      'LICENSE',
      'LICENSE-APACHE.txt',
      'NOTICE',
      'README.md',
      'package.json',
    ]);
    const sub = await identify([path.join(dir, 'src'), 'LICENSE']);
    expect(sub.entries.map((e) => e.file)).toEqual(['LICENSE']);
    expect(sub.run.stderr).toMatch(/src: no licence-bearing files in this directory/);
  });

  it('joins the directory as given with the relative path', async () => {
    const { entries } = await openvet(['license', 'identify', path.basename(dir)], {
      cwd: path.dirname(dir),
    }).then((run) => ({ entries: JSON.parse(run.stdout) as Entry[] }));
    expect(entries[0]!.file).toBe(path.join(path.basename(dir), 'LICENSE'));
  });

  it('reads paths from stdin with --files-from -, ignoring blank lines', async () => {
    const run = await openvetWithStdin(
      ['license', 'identify', '--files-from', '-'],
      'LICENSE\n\n  \r\nREADME.md\r\n',
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    const entries = JSON.parse(run.stdout) as Entry[];
    expect(entries.map((e) => [e.file, e.matches.map((m) => m.license)])).toEqual([
      ['LICENSE', ['MIT']],
      ['README.md', []],
    ]);
  });

  it('reads paths from a file with --files-from FILE, after the arguments', async () => {
    await writeFile(path.join(dir, 'list.txt'), 'LICENSE-APACHE.txt\n');
    const { run, entries } = await identify(['LICENSE', '--files-from', 'list.txt']);
    expect(run.code).toBe(0);
    expect(entries.map((e) => e.file)).toEqual(['LICENSE', 'LICENSE-APACHE.txt']);
  });

  it('gives an unreadable or missing file an entry with an error, goes on, and exits 2', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-license-'));
    const locked = path.join(other, 'COPYING');
    await writeFile(locked, `${MIT}\n`);
    await chmod(locked, 0o000);
    const { run, entries } = await identify(['missing.txt', 'LICENSE', 'src']);
    expect(run.code).toBe(2);
    expect(entries[0]).toEqual({
      file: 'missing.txt',
      matches: [],
      error: 'no such file or directory',
    });
    expect(entries[1]!.matches[0]!.license).toBe('MIT');
    expect(run.stderr).toMatch(/1 of 2 file\(s\) could not be read \(first: missing\.txt: /);

    // root reads everything, so the permission case is only checked for other users.
    const asRoot = process.getuid?.() === 0;
    const perm = await identify([locked]);
    if (!asRoot) expect(perm.entries[0]!.error).toBe('permission denied');
    await chmod(locked, 0o644);
  });

  it('exits 2 with a helpful message when no files are given', async () => {
    const run = await openvet(['license', 'identify'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/no files given.*--files-from/);
  });

  it('exits 2 for an unknown format, without a stack trace', async () => {
    const run = await openvet(['license', 'identify', 'LICENSE', '--format', 'xml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are json, table/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints one aligned line per match with --format table', async () => {
    const run = await openvet(
      ['license', 'identify', 'LICENSE', 'README.md', 'missing.txt', '--format', 'table'],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n')).toEqual([
      `LICENSE      MIT                       exact   lines 1-${lineCount(MIT)}`,
      'README.md    (no licence found)',
      'missing.txt  error: no such file or directory',
      '',
    ]);
  });

  it('marks a file read only in part as truncated', async () => {
    const text = `${MIT}\n\n${'Some words that are not a licence.\n'.repeat(40_000)}`;
    const big = path.join(await mkdtemp(path.join(tmpdir(), 'openvet-e2e-license-')), 'LICENSE');
    await writeFile(big, text);
    const { entries } = await identify([big]);
    expect(entries[0]).toMatchObject({ file: big, truncated: true });
  });

  it.each([
    ['license', '--help'],
    ['license', 'identify', '--help'],
  ])('%s %s shows usage with examples', async (...args) => {
    const run = await openvet(args, { cwd: REPO_ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: openvet license/);
    expect(run.stdout).toMatch(/Examples:\n\s+\$ openvet license identify /);
  });
});
