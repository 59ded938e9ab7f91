/**
 * `openvet diff` end to end on the built CLI.
 */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, openvet } from './cli.js';

let dir: string;

const finding = (fingerprint: string, severity: string) => ({
  ruleId: 'vuln.severity',
  severity,
  componentId: 'pkg:npm/a@1.0.0',
  message: `problem ${fingerprint}`,
  evidenceIds: [],
  fingerprint,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-diff-'));
  const component = {
    id: 'pkg:npm/a@1.0.0',
    name: 'a',
    ecosystem: 'npm',
    kind: 'package',
    version: '1.0.0',
  };
  await writeFile(
    path.join(dir, 'old.json'),
    JSON.stringify({ components: [component], findings: [finding('f1', 'medium')] }),
  );
  await writeFile(
    path.join(dir, 'new.json'),
    JSON.stringify({
      components: [component],
      findings: [finding('f1', 'medium'), finding('f2', 'critical')],
    }),
  );
  await writeFile(path.join(dir, 'broken.json'), '{"components": 3}');
});

describe('openvet diff', () => {
  it('a scan compared with itself changes nothing and passes', async () => {
    const scan = await openvet(
      [
        'scan',
        'examples/llm-app',
        '--offline',
        '--no-record',
        '--format',
        'json',
        '-o',
        path.join(dir, 'scan.json'),
      ],
      { env: { OPENVET_DB: path.join(dir, 'none.db') } },
    );
    expect([0, 1]).toContain(scan.code);
    const run = await openvet([
      'diff',
      path.join(dir, 'scan.json'),
      path.join(dir, 'scan.json'),
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout) as {
      status: string;
      added: unknown[];
      newFindings: unknown[];
    };
    expect(diff.status).toBe('pass');
    expect(diff.added).toEqual([]);
    expect(diff.newFindings).toEqual([]);
  });

  it('a new critical finding fails with exit 1; the old one is not new', async () => {
    const run = await openvet(['diff', 'old.json', 'new.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'New findings (1)\n  [critical] vuln.severity pkg:npm/a@1.0.0: problem f2',
    );
    expect(run.stderr).toMatch(/1 new finding\(s\) since old\.json/);
    const back = await openvet(['diff', 'new.json', 'old.json'], { cwd: dir });
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('Resolved findings (1)');
  });

  it.each([
    ['missing.json', /missing\.json: cannot be read \(ENOENT\)/],
    ['broken.json', /broken\.json: not an openvet scan result/],
  ])('%s → exit 2 with a clear message', async (file, message) => {
    const run = await openvet(['diff', file, 'old.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('openvet scan --baseline', () => {
  it('findings already in the baseline are reported but do not fail; a new one does', async () => {
    const project = path.join(dir, 'project');
    await mkdir(path.join(project, 'models', 'a'), { recursive: true });
    const evil = path.join(
      REPO_ROOT,
      'src/analyzers/models/formats/pytorch/__fixtures__/malicious-extra-member.pt',
    );
    await copyFile(evil, path.join(project, 'models', 'a', 'pytorch_model.bin'));
    const args = ['scan', project, '--offline', '--no-record', '--no-progress', '--format', 'json'];
    const env = { OPENVET_DB: path.join(dir, 'none.db') };
    const first = await openvet([...args, '-o', path.join(dir, 'base.json')], { env });
    expect(first.code).toBe(1);
    const again = await openvet([...args, '--baseline', path.join(dir, 'base.json')], { env });
    expect(again.code, again.stderr).toBe(0);
    const verdict = (JSON.parse(again.stdout) as { verdict: { status: string; summary: string } })
      .verdict;
    expect(verdict.status).toBe('review');
    expect(verdict.summary).toMatch(/baseline .*base\.json: 0 new finding\(s\), 1 already known/);
    // A second unsafe model is new: the gate fails again.
    await mkdir(path.join(project, 'models', 'b'), { recursive: true });
    await copyFile(evil, path.join(project, 'models', 'b', 'pytorch_model.bin'));
    const worse = await openvet([...args, '--baseline', path.join(dir, 'base.json')], { env });
    expect(worse.code).toBe(1);
  });

  it('an unreadable baseline is exit 2 before scanning', async () => {
    const run = await openvet(
      ['scan', 'examples/llm-app', '--offline', '--baseline', 'nope.json'],
      {
        env: { OPENVET_DB: path.join(dir, 'none.db') },
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope\.json: cannot be read/);
  });
});
