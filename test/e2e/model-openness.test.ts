/**
 * `openvet model openness --mof FILE`, end to end on the built CLI: a MOF declaration in,
 * class, progress, components and the OSAID verdict out; malformed input exits 2.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPORA, openvet } from './cli.js';

const CLASS_III = `framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: Weights-Plus-7B
  producer: Example Lab
  license:
    distribution:
      name: Apache-2.0
      path: LICENSE
    document:
      name: CC-BY-4.0
      path: ''
  components:
    - name: Model architecture
    - name: Model parameters (Final)
    - name: Evaluation results
    - name: Model card
    - name: Data card
    - name: Technical report
    - name: Training code
      license: Llama 3.1 Community License
    - name: Inference code
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-openness-'));
  await writeFile(path.join(dir, 'model.yml'), CLASS_III);
  await writeFile(path.join(dir, 'broken.yml'), 'release:\n  name: x\n  components: [\n');
  await writeFile(
    path.join(dir, 'unknown.yml'),
    'release:\n  name: x\n  components:\n    - name: Weights\n',
  );
});

interface OpennessJson {
  file: string;
  name: string;
  class: string | null;
  label: string;
  progress: { I: number; II: number; III: number };
  components: { key: string; status: string; license: string | null; reason: string }[];
  osaid: { verdict: string; reasons: { requirement: string; status: string; message: string }[] };
}

describe('openvet model openness', () => {
  it('prints class, progress, components and the OSAID verdict as JSON', async () => {
    const run = await openvet(['model', 'openness', '--mof', 'model.yml', '--format', 'json'], {
      cwd: dir,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as OpennessJson;
    expect(out).toMatchObject({
      file: 'model.yml',
      name: 'Weights-Plus-7B',
      class: 'III',
      label: 'Class III - Open Model',
      // Class II: 7 of 10 (training code closed, evaluation code and data missing).
      progress: { I: 0, II: 70, III: 100 },
    });
    expect(out.components).toHaveLength(17);
    const training = out.components.find((c) => c.key === 'training-code');
    expect(training).toMatchObject({ status: 'not-open', license: 'Llama 3.1 Community License' });
    expect(out.osaid.verdict).toBe('not-open-source-ai');
    expect(out.osaid.reasons.find((r) => r.requirement === 'code')?.status).toBe('not-met');
  });

  it('prints a table by default', async () => {
    const run = await openvet(['model', 'openness', '--mof', 'model.yml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('MOF class:  Class III - Open Model');
    expect(run.stdout).toContain('Progress:   Class III 100%, Class II 70%, Class I 0%');
    expect(run.stdout).toMatch(/Training code\s+II,I\s+NOT OPEN\s+Llama 3\.1 Community License/);
    expect(run.stdout).toContain('OSI OSAID:  not-open-source-ai');
  });

  it.each([
    [
      'a YAML syntax error, with the line',
      'broken.yml',
      /^openvet: broken\.yml:\d+: not valid YAML/,
    ],
    ['an unknown component', 'unknown.yml', /"Weights", not one of the 17 MOF component names/],
    ['a missing file', 'nope.yml', /^openvet: nope\.yml: no such file/],
  ])('exits 2 on %s with a clear message', async (_label, file, message) => {
    const run = await openvet(['model', 'openness', '--mof', file, '--format', 'json'], {
      cwd: dir,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  });

  it('exits 2 when --mof is not given', async () => {
    const run = await openvet(['model', 'openness'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--mof/);
  });

  const testData = path.join(CORPORA, 'openness', 'mof', 'test-data');
  it.skipIf(!existsSync(testData))(
    `matches the MOF tool on its class II test file${existsSync(testData) ? '' : ' (skipped: corpus absent)'}`,
    async () => {
      const file = path.join(
        testData,
        'Class2RTestFile_C1_77%-C2_100%-C3_100%_11C_1G_11L_11V_0I_11T.yml',
      );
      const run = await openvet(['model', 'openness', '--mof', file, '--format', 'json']);
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as OpennessJson;
      expect(out.class).toBe('II');
      expect(out.progress).toEqual({ I: 77, II: 100, III: 100 });
    },
  );
});
