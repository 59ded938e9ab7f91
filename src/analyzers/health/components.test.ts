import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeInput } from '../../core/analyzer.js';
import { createScanFs } from '../../core/fs.js';
import type { Component, HealthEvidence } from '../../core/types.js';
import { createGitRepo, daysBefore } from '../../testing/git-repo.js';
import { createHealthAnalyzer, indexClones } from './components.js';

const AS_OF = new Date('2026-06-01T00:00:00Z');
let project: string;
let repos: string;

function npm(name: string, extra: Partial<Component> = {}): Component {
  return {
    id: `pkg:npm/${name}@1.0.0`,
    kind: 'package',
    ecosystem: 'npm',
    name,
    version: '1.0.0',
    scope: 'direct',
    groups: [],
    locations: [{ path: `node_modules/${name}/package.json` }],
    foundBy: ['npm/node-modules'],
    dependsOn: [],
    ...extra,
  };
}

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'openvet-health-scan-'));
  repos = await mkdtemp(path.join(tmpdir(), 'openvet-health-repos-'));
  const put = async (rel: string, text: string): Promise<void> => {
    await mkdir(path.dirname(path.join(project, rel)), { recursive: true });
    await writeFile(path.join(project, rel), text);
  };
  await put(
    'node_modules/plain/package.json',
    JSON.stringify({ name: 'plain', version: '1.0.0', repository: 'github:acme/plain' }),
  );
  await put(
    'node_modules/risky/package.json',
    JSON.stringify({ name: 'risky', version: '1.0.0', scripts: { postinstall: 'node x.js' } }),
  );
  await mkdir(path.join(repos, 'acme', 'plain'), { recursive: true });
  const clone = await createGitRepo({
    dir: path.join(repos, 'acme', 'plain'),
    commits: [0, 10, 20, 30].map((days, i) => ({
      author: i % 2 === 0 ? 'Ann <ann@example.org>' : 'Bob <bob@example.org>',
      date: daysBefore(AS_OF, days + 1),
      files: { [`src/f${i}.js`]: `export const x = ${i};\n`, LICENSE: 'MIT License\n' },
    })),
  });
  execFileSync('git', [
    '-C',
    clone.dir,
    'remote',
    'add',
    'origin',
    'git@github.com:acme/plain.git',
  ]);
});

describe('indexClones', () => {
  it('maps each clone by its origin browse URL', async () => {
    const clones = await indexClones(repos);
    expect([...clones.entries()]).toEqual([
      ['https://github.com/acme/plain', path.join(repos, 'acme', 'plain')],
    ]);
  });
});

describe('the health analyzer of openvet scan --health', () => {
  async function run(
    options: { repos?: string },
    components: Component[],
  ): Promise<HealthEvidence[]> {
    const analyzer = createHealthAnalyzer({ asOf: AS_OF, ...options });
    const result = await analyzer.analyze({
      components,
      evidence: [],
      fs: createScanFs(project),
      env: {},
      allPaths: new Set(components.flatMap((c) => c.locations.map((l) => l.path))),
    } as unknown as AnalyzeInput);
    return result.evidence as HealthEvidence[];
  }

  it('records package traits, and scores a component whose repository has a local clone', async () => {
    const evidence = await run({ repos }, [npm('plain'), npm('risky')]);
    const plain = evidence.find((e) => e.componentId === 'pkg:npm/plain@1.0.0');
    expect(plain?.repository).toBe('https://github.com/acme/plain');
    expect(plain?.clone).toBe(path.join(repos, 'acme', 'plain'));
    expect(plain?.score).toBeGreaterThanOrEqual(0);
    expect(plain?.score).toBeLessThanOrEqual(10);
    expect(plain?.dimensions).toHaveProperty('activity');
    const risky = evidence.find((e) => e.componentId === 'pkg:npm/risky@1.0.0');
    expect(risky?.package?.installScripts).toEqual({ postinstall: 'node x.js' });
    expect(risky?.score).toBeUndefined();
    expect(risky?.detail).toBe('install scripts: postinstall');
  });

  it('without --repos nothing is scored; lockfile flags stand in for an uninstalled package', async () => {
    const lockOnly = npm('ghost', {
      locations: [{ path: 'package-lock.json', line: 10 }],
      properties: { 'npm:hasInstallScript': 'true', 'npm:deprecated': 'use other' },
    });
    const evidence = await run({}, [npm('plain'), lockOnly]);
    expect(evidence.every((e) => e.score === undefined)).toBe(true);
    expect(evidence.find((e) => e.componentId === lockOnly.id)?.package).toEqual({
      installScripts: { install: '(the lockfile records an install script)' },
      deprecated: 'use other',
    });
  });
});
