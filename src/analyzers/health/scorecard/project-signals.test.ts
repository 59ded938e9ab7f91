import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workTreeFiles } from '../repo/work-tree.js';
import { projectFileSignals } from './index.js';
import type { ProjectFileSignals } from './index.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

async function signals(files: Record<string, string>): Promise<ProjectFileSignals> {
  const root = await mkdtemp(path.join(tmpdir(), 'openvet-signals-'));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(root, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return projectFileSignals(await workTreeFiles(root));
}

const WORKFLOW = (run: string): string =>
  `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          ${run}\n`;

describe('projectFileSignals', () => {
  it('finds every signal in a well-kept project, each with its files', async () => {
    const s = await signals({
      'package.json': '{}',
      'package-lock.json': '{}',
      'src/a.ts': 'export {};',
      'src/a.test.ts': 'test',
      'tests/e2e/run.py': '',
      '.github/workflows/ci.yml': WORKFLOW('npm test'),
      'CHANGELOG.md': '# 1.0.0',
      '.github/CONTRIBUTING.md': 'PRs welcome',
      '.github/CODEOWNERS': '* @alice',
      'SECURITY.md':
        '# Security\n\nPlease report vulnerabilities to security@example.org.\nWe respond within 3 business days and coordinate disclosure.\n',
    });
    expect(s.tests).toEqual({
      present: true,
      paths: ['src/a.test.ts', 'tests/e2e/run.py'],
      count: 2,
    });
    expect(s.ci).toEqual({
      present: true,
      systems: ['github-actions'],
      runsTests: true,
      evidence: [
        '.github/workflows/ci.yml:1: GitHub Actions workflow',
        '.github/workflows/ci.yml:9: runs tests: npm test',
      ],
    });
    expect(s.lockfiles.paths).toEqual(['package-lock.json']);
    expect(s.changelog.paths).toEqual(['CHANGELOG.md']);
    expect(s.contributing.paths).toEqual(['.github/CONTRIBUTING.md']);
    expect(s.codeowners.paths).toEqual(['.github/CODEOWNERS']);
    expect(s.securityPolicy).toEqual({
      present: true,
      path: 'SECURITY.md',
      hasContact: true,
      hasDisclosurePolicy: true,
      evidence: [
        'SECURITY.md:3: e-mail: security@example.org',
        'SECURITY.md:3: how to report: report',
        'SECURITY.md:4: disclosure: disclos',
        'SECURITY.md:4: response time: within 3 business days',
      ],
    });
  });

  it('finds nothing in a bare project', async () => {
    const s = await signals({ 'main.c': 'int main(){}', 'node_modules/x/test/a.test.js': '' });
    expect(s.tests.present).toBe(false);
    expect(s.ci).toEqual({ present: false, systems: [], runsTests: false, evidence: [] });
    for (const key of ['lockfiles', 'changelog', 'contributing', 'codeowners'] as const) {
      expect(s[key]).toEqual({ present: false, paths: [], count: 0 });
    }
    expect(s.securityPolicy.present).toBe(false);
  });

  it.each<[string, Record<string, string>, boolean, readonly string[]]>([
    [
      'CI that only builds does not run tests',
      { '.github/workflows/b.yml': WORKFLOW('npm run build') },
      false,
      ['github-actions'],
    ],
    [
      'echoing "npm test" is not running it',
      { '.github/workflows/b.yml': WORKFLOW('echo "run npm test later"') },
      false,
      ['github-actions'],
    ],
    [
      'GitLab CI running pytest',
      { '.gitlab-ci.yml': 'test:\n  script:\n    - pytest -q\n' },
      true,
      ['gitlab-ci'],
    ],
    [
      'Travis running go test',
      { '.travis.yml': 'language: go\nscript: go test ./...\n' },
      true,
      ['travis-ci'],
    ],
    [
      'CircleCI running cargo test',
      { '.circleci/config.yml': 'jobs:\n  b:\n    steps:\n      - run: cargo test\n' },
      true,
      ['circleci'],
    ],
    [
      'Jenkinsfile running mvn verify',
      { Jenkinsfile: "pipeline { stages { stage('t') { steps { sh 'mvn -B verify' } } } }\n" },
      true,
      ['jenkins'],
    ],
  ])('%s', async (_name, files, runsTests, systems) => {
    const s = await signals(files);
    expect(s.ci.runsTests).toBe(runsTests);
    expect(s.ci.systems).toEqual(systems);
  });

  it.each<[string, string, boolean, boolean]>([
    [
      'a GitHub advisory link is a contact',
      'Use https://github.com/o/r/security/advisories/new',
      true,
      false,
    ],
    [
      'words without a way to reach anyone',
      'We take security seriously and handle disclosure under embargo.',
      false,
      true,
    ],
    [
      'a template with neither',
      '# Security Policy\n\n## Supported Versions\n\n| Version | Supported |\n',
      false,
      false,
    ],
  ])('SECURITY.md: %s', async (_name, text, contact, disclosure) => {
    const s = await signals({ '.github/SECURITY.md': text });
    expect([s.securityPolicy.hasContact, s.securityPolicy.hasDisclosurePolicy]).toEqual([
      contact,
      disclosure,
    ]);
  });

  it('CODEOWNERS in docs/ and lockfiles of several ecosystems', async () => {
    const s = await signals({
      'docs/CODEOWNERS': '* @a',
      'go.sum': '',
      'py/uv.lock': '',
      'Cargo.lock': '',
    });
    expect(s.codeowners.paths).toEqual(['docs/CODEOWNERS']);
    expect(s.lockfiles).toEqual({
      present: true,
      paths: ['Cargo.lock', 'go.sum', 'py/uv.lock'],
      count: 3,
    });
  });
});
