/**
 * `openvet scan --use/--policy` end to end on the built CLI: a small SaaS project (an AGPL
 * library, an MIT library, a CC-BY-NC model) built in a temporary folder.
 */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/core/types.js';
import { REPO_ROOT, openvet } from './cli.js';

const SAFETENSORS = path.join(
  REPO_ROOT,
  'src/analyzers/models/formats/safetensors/__fixtures__/benign.safetensors',
);
const EPOCH = { SOURCE_DATE_EPOCH: '1780000000' };
let project: string;
let db: string;

async function writeProject(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'models', 'nc-model'), { recursive: true });
  await copyFile(SAFETENSORS, path.join(dir, 'models', 'nc-model', 'model.safetensors'));
  await writeFile(
    path.join(dir, 'models', 'nc-model', 'README.md'),
    '---\nlicense: cc-by-nc-4.0\n---\n# A non-commercial model\n',
  );
  const deps = { 'agpl-lib': '1.0.0', 'mit-lib': '2.0.0' };
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'saas-app', version: '1.0.0', private: true, dependencies: deps }),
  );
  await writeFile(
    path.join(dir, 'package-lock.json'),
    JSON.stringify(
      {
        name: 'saas-app',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'saas-app', version: '1.0.0', dependencies: deps },
          'node_modules/agpl-lib': { version: '1.0.0', license: 'AGPL-3.0-only' },
          'node_modules/mit-lib': { version: '2.0.0', license: 'MIT' },
        },
      },
      null,
      2,
    ),
  );
}

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-policy-'));
  db = path.join(project, '..', `${path.basename(project)}.db`);
  await writeProject(project);
});

const scan = (dir: string, ...more: string[]) =>
  openvet(['scan', dir, '--offline', '--no-record', '--db', db, '--format', 'json', ...more], {
    env: EPOCH,
  });

describe('openvet scan --use', () => {
  it('fails a SaaS project with exactly the AGPL library and the CC-BY-NC model denied', async () => {
    const run = await scan(project, '--use', 'saas');
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^openvet: verdict: fail — 3 component\(s\) found; saas use/m);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(result.findings.map((f) => [f.ruleId, f.componentId]).sort()).toEqual([
      ['license.denied', 'huggingface:nc-model?local=models/nc-model'],
      ['license.denied', 'pkg:npm/agpl-lib@1.0.0'],
    ]);
    const agpl = result.findings.find((f) => f.componentId === 'pkg:npm/agpl-lib@1.0.0');
    const lock = await readFile(path.join(project, 'package-lock.json'), 'utf8');
    const line = lock.split('\n').findIndex((l) => l.includes('"node_modules/agpl-lib"')) + 1;
    expect(agpl?.location).toEqual({ path: 'package-lock.json', line });
    expect(agpl?.message).toMatch(/AGPL-3\.0-only §13 Remote Network Interaction/);
    expect(agpl?.evidenceIds).toHaveLength(1);
    expect(result.verdict).toMatchObject({
      status: 'fail',
      use: 'saas',
      policy: 'preset saas',
      failing: result.findings.map((f) => f.fingerprint).sort(),
    });
  });

  it('does not deny the AGPL library under internal use', async () => {
    const run = await scan(project, '--use', 'internal');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(result.findings.map((f) => [f.ruleId, f.componentId])).toEqual([
      ['license.review', 'huggingface:nc-model?local=models/nc-model'],
    ]);
    expect(result.verdict.status).toBe('review');
  });

  it('gives the same findings and fingerprints on every run', async () => {
    const a = await scan(project, '--use', 'saas');
    const b = await scan(project, '--use', 'saas');
    expect(b.stderr).toMatch(/verdict: fail/);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe('');
  });

  it('rejects an unknown use with the choices (exit 2)', async () => {
    const run = await scan(project, '--use', 'cloud');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/argument 'cloud' is invalid.*internal, saas, distribution/s);
  });
});

describe('openvet scan with a policy file', () => {
  it('reads openvet.yml at the scan root and applies its changes to the preset', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-policy-file-'));
    await writeProject(dir);
    await writeFile(
      path.join(dir, 'openvet.yml'),
      '# our SaaS policy\nextends: saas\nlicenses:\n  allow: [AGPL-3.0-only]\n',
    );
    const run = await scan(dir);
    expect(run.code, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(result.findings.map((f) => [f.ruleId, f.componentId])).toEqual([
      ['license.denied', 'huggingface:nc-model?local=models/nc-model'],
    ]);
    expect(result.verdict.policy).toBe(`${path.join(dir, 'openvet.yml')} (extends saas)`);
    // --use judges the same file for another use.
    const research = await scan(dir, '--use', 'research');
    expect(research.code, research.stderr).toBe(0);
    expect((JSON.parse(research.stdout) as ScanResult).verdict).toMatchObject({
      status: 'pass',
      policy: `${path.join(dir, 'openvet.yml')} (extends saas, judged for research by --use)`,
    });
  });

  it('reports an invalid policy with file, line and what is allowed (exit 2, no scan)', async () => {
    const file = path.join(project, '..', `${path.basename(project)}-policy.yml`);
    await writeFile(
      file,
      'extends: saas\nvulns:\n  severity: urgent\n  ignore:\n    - id: GHSA-xxxx-yyyy-zzzz\n      expires: 2026-12-31\n',
    );
    const run = await openvet(
      ['scan', project, '--offline', '--no-record', '--db', db, '--policy', file],
      { cwd: path.dirname(file) },
    );
    expect(run.code).toBe(2);
    const shown = file;
    expect(run.stderr).toBe(
      `openvet: ${shown}:3: vulns.severity must be one of critical, high, medium, low\n` +
        `${shown}:5: vulns.ignore[0] needs reason\n`,
    );
    expect(run.stdout).toBe('');
  });

  it('says so when --policy names a missing file (exit 2)', async () => {
    const run = await scan(project, '--policy', 'no-such-policy.yml');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('openvet: --policy no-such-policy.yml: no such file\n');
  });
});
