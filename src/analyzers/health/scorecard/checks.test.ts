/**
 * Each file check against Scorecard's own examples: the inputs of its unit tests
 * (checks/*_test.go, checks/raw/*_test.go, checks/evaluation/*_test.go and their testdata),
 * reproduced as small files, must get the score Scorecard expects for them.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workTreeFiles } from '../repo/work-tree.js';
import { scorecardFileChecks } from './index.js';
import { parseWorkflow } from './workflow.js';
import type { RepoFiles, ScorecardCheckName } from './types.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

/** A directory-backed RepoFiles holding `files`. */
async function repo(files: Record<string, string | Buffer>): Promise<RepoFiles> {
  const root = await mkdtemp(path.join(tmpdir(), 'openvet-scorecard-'));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(root, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return workTreeFiles(root);
}

async function scoreOf(
  check: ScorecardCheckName,
  files: Record<string, string | Buffer>,
): Promise<number | null | undefined> {
  const results = await scorecardFileChecks(await repo(files));
  return results[check]?.score;
}

const WF = '.github/workflows';
const SHA = 'a81bbbf8298c0fa03ea29cdc473d45769f953675';
const DIGEST = 'sha256:45b23dee08af5e43a7fea6c4cf9c25ccf269ee113168c19722f87876677c5cb2';

function workflow(body: string): string {
  return `name: test\non: [push]\n${body}`;
}

const JOB_READ = `jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - run: echo hi
`;
const JOB_UNDECLARED = `jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

describe('Token-Permissions (checks/permissions_test.go)', () => {
  it.each<[string, Record<string, string>, number | null]>([
    [
      'no permission test (absent) → MinResultScore',
      { [`${WF}/absent.yaml`]: workflow(JOB_UNDECLARED) },
      0,
    ],
    [
      'workflow jobs only (an empty `permissions:` is declared) → 9',
      {
        [`${WF}/jobs-only.yaml`]: workflow(`jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
    steps:
      - run: make lint
  unit:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - run: make unit
`),
      },
      9,
    ],
    [
      'run workflow no codeql write → MaxResultScore',
      {
        [`${WF}/no-codeql.yaml`]: workflow(`permissions: read-all
jobs:
  scan:
    runs-on: ubuntu-latest
    permissions:
      security-events: write
    steps:
      - name: not the CodeQL action
        uses: github/other-scanner/analyze@v2
`),
      },
      10,
    ],
    [
      'write all test → MinResultScore',
      { [`${WF}/writeall.yaml`]: workflow(`permissions: write-all\n${JOB_UNDECLARED}`) },
      0,
    ],
    [
      'read all test → MaxResultScore',
      { [`${WF}/readall.yaml`]: workflow(`permissions: read-all\n${JOB_UNDECLARED}`) },
      10,
    ],
    [
      'status/checks write → MaxResultScore - 1',
      {
        [`${WF}/status.yaml`]: workflow(
          `permissions:\n  statuses: write\n  checks: write\n${JOB_UNDECLARED}`,
        ),
      },
      9,
    ],
    [
      'sec-events/deployments write → MaxResultScore - 2',
      {
        [`${WF}/secevents.yaml`]: workflow(
          `permissions:\n  security-events: write\n  deployments: write\n${JOB_UNDECLARED}`,
        ),
      },
      8,
    ],
    [
      'contents write → MinResultScore',
      { [`${WF}/contents.yaml`]: workflow(`permissions:\n  contents: write\n${JOB_READ}`) },
      0,
    ],
    [
      'none test → MaxResultScore',
      { [`${WF}/none.yaml`]: workflow(`permissions: {}\n${JOB_READ}`) },
      10,
    ],
    [
      'two files mix run-level and top-level → MaxResultScore - 1',
      {
        [`${WF}/top-level-only.yaml`]: workflow(`permissions: read-all\n${JOB_UNDECLARED}`),
        [`${WF}/run-level-only.yaml`]: workflow(JOB_READ),
      },
      9,
    ],
    [
      'two files mix top-level and absent → MinResultScore',
      {
        [`${WF}/top-level-only.yaml`]: workflow(`permissions: read-all\n${JOB_UNDECLARED}`),
        [`${WF}/absent.yaml`]: workflow(JOB_UNDECLARED),
      },
      0,
    ],
    [
      'release workflow contents write (goreleaser) → MaxResultScore',
      {
        [`${WF}/release.yaml`]: workflow(`permissions: read-all
jobs:
  release:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/setup-go@v3
      - uses: goreleaser/goreleaser-action@v4
`),
      },
      10,
    ],
    [
      'job-level contents write in a plain workflow, top read-all → 10 (no top-level write)',
      {
        [`${WF}/job-write.yaml`]: workflow(
          `permissions: read-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - run: echo\n`,
        ),
      },
      10,
    ],
    ['Non-yaml file → inconclusive', { 'script.sh': 'echo hi\n' }, null],
  ])('%s', async (_name, files, expected) => {
    expect(await scoreOf('Token-Permissions', files)).toBe(expected);
  });
});

describe('Dangerous-Workflow (checks/dangerous_workflow_test.go)', () => {
  const untrustedCheckout = `on: pull_request_target
jobs:
  preview:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.ref }}
      - run: make preview
`;
  const scriptInjection = `on: [pull_request]
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - name: Greet
        run: |
          echo "Thanks for the PR"
          echo "\${{ github.event.pull_request.title }}" > title.txt
`;
  const trustedInjection = `on: issue_comment
jobs:
  ack:
    runs-on: ubuntu-latest
    steps:
      - run: echo "Seen issue #\${{ github.event.issue.number }} by \${{ github.actor }}"
`;
  const safeTrigger = untrustedCheckout.replace('pull_request_target', 'pull_request');
  it.each<[string, string, number | null]>([
    ['untrusted checkout in pull_request_target → 0', untrustedCheckout, 0],
    ['untrusted script injection → 0', scriptInjection, 0],
    ['trusted script injection (issue number) → 10', trustedInjection, 10],
    ['checkout of the PR head under pull_request → 10', safeTrigger, 10],
    [
      'toJSON(github.event) in a run script → 0',
      "on: workflow_run\njobs:\n  dump:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo '${{ toJson( github.event ) }}' > event.json\n",
      0,
    ],
    [
      'github.head_ref in a run script → 0',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.head_ref }}\n',
      0,
    ],
  ])('%s', async (_name, text, expected) => {
    expect(await scoreOf('Dangerous-Workflow', { [`${WF}/w.yml`]: text })).toBe(expected);
  });

  it('is inconclusive without workflows, and names the injected line', async () => {
    expect(await scoreOf('Dangerous-Workflow', { 'README.md': 'hi' })).toBeNull();
    const results = await scorecardFileChecks(await repo({ [`${WF}/w.yml`]: scriptInjection }));
    expect(results['Dangerous-Workflow']?.evidence).toEqual([
      '.github/workflows/w.yml:12: script injection with untrusted input ${{ github.event.pull_request.title }}',
    ]);
  });
});

describe('Pinned-Dependencies (checks/evaluation/pinned_dependencies_test.go, raw tests)', () => {
  const steps = (...uses: string[]): string =>
    workflow(
      `jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${uses.map((u) => `      - uses: ${u}\n`).join('')}`,
    );
  it.each<[string, Record<string, string>, number | null]>([
    ['GitHub-owned pinned → 10', { [`${WF}/a.yml`]: steps(`actions/checkout@${SHA}`) }, 10],
    [
      'GitHub-owned unpinned, third-party pinned → weights 2/8 → 8',
      { [`${WF}/a.yml`]: steps('actions/checkout@v2', `other/checkout@${SHA}`) },
      8,
    ],
    [
      'GitHub-owned pinned, third-party unpinned → weights 2/8 → 2',
      { [`${WF}/a.yml`]: steps(`actions/checkout@${SHA}`, 'other/checkout@v2') },
      2,
    ],
    [
      'only third-party, unpinned → 0',
      { [`${WF}/a.yml`]: steps('other/checkout@v2', './local-action') },
      0,
    ],
    [
      'Dockerfile: one FROM by digest, one by tag → 5',
      { Dockerfile: `FROM python@${DIGEST}\nFROM python:3.7\n` },
      5,
    ],
    [
      'Dockerfile: stage built on a pinned stage, and scratch → 10',
      { Dockerfile: `FROM golang@${DIGEST} AS build\nFROM build\nFROM scratch\n` },
      10,
    ],
    [
      'testdata Dockerfile-pinned-as (mixed-case instructions, stages of pinned stages) → 10',
      {
        Dockerfile: `FROm python:3.7@${DIGEST} aS base\n\n FrOM base As build\nARG TARGETOS\nRUN CGO_ENABLED=0 make build-scorecard\n\nfrom build as build2\nRUN /hello-world\n\nFROM python@${DIGEST} as build3\n`,
      },
      10,
    ],
    [
      // Older Scorecard tests expected 0 here (any unpinned image failed the check); the
      // proportional evaluation of current Scorecard gives 3 pinned of 5 → 6.
      'testdata Dockerfile-not-pinned-as → 6',
      {
        Dockerfile: `FROM python:3.7@${DIGEST} as base\n\nFROM python:3.7 as build\nARG TARGETOS\nRUN CGO_ENABLED=0 make build-scorecard\n\n# Add spaces\n   FROM build\nRUN /hello-world\n\nFROM base\n\nFROM python@${DIGEST}`,
      },
      6,
    ],
    [
      'Dockerfile: digest from an ARG → 10',
      { 'Dockerfile.prod': `ARG IMG=alpine@${DIGEST}\nFROM \${IMG}\n` },
      10,
    ],
    [
      'script: curl | bash → 0',
      { 'install.sh': '#!/bin/bash\ncurl -s https://x.io/i.sh | bash\n' },
      0,
    ],
    [
      'pip install --require-hashes and npm ci → 10',
      { 'ci.sh': 'pip install --require-hashes -r requirements.txt\nnpm ci\n' },
      10,
    ],
    [
      'pip: one pinned wheel, one unpinned package → 5',
      { 'ci.sh': 'pip install ./dist/pkg.whl\npip install requests\n' },
      5,
    ],
    [
      'go: pinned by semver, unpinned @latest and without version → 3',
      {
        'ci.sh':
          'go install github.com/a/b@v1.2.3\ngo install github.com/a/c@latest\ngo get github.com/a/d\n',
      },
      3,
    ],
    [
      'workflow run: npm install unpinned, Dockerfile pinned → (0 + 10)/2 → 5',
      {
        [`${WF}/a.yml`]: workflow(
          'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm install\n',
        ),
        Dockerfile: `FROM node@${DIGEST}\n`,
      },
      5,
    ],
    [
      'windows job scripts are not parsed → inconclusive',
      {
        [`${WF}/a.yml`]: workflow(
          'jobs:\n  a:\n    runs-on: windows-latest\n    steps:\n      - run: npm install\n',
        ),
      },
      null,
    ],
    ['no dependencies → inconclusive', { 'README.md': 'hi' }, null],
  ])('%s', async (_name, files, expected) => {
    expect(await scoreOf('Pinned-Dependencies', files)).toBe(expected);
  });

  it('names the line of each unpinned command in a workflow, block or plain `run:`', async () => {
    const text = workflow(
      'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo hi\n          pip install flask\n      - run: npm install\n',
    );
    const results = await scorecardFileChecks(await repo({ [`${WF}/a.yml`]: text }));
    expect(results['Pinned-Dependencies']?.evidence).toEqual([
      '.github/workflows/a.yml:9: pipCommand not pinned by hash: pip install flask',
      '.github/workflows/a.yml:10: npmCommand not pinned by hash: npm install',
    ]);
  });

  it('downloaded then executed file, across lines (curl > f; bash f)', async () => {
    const results = await scorecardFileChecks(
      await repo({ 'get.sh': '#!/bin/sh\ncurl https://x.io/s.sh > /tmp/s.sh\nbash /tmp/s.sh\n' }),
    );
    expect(results['Pinned-Dependencies']).toMatchObject({ score: 0 });
    expect(results['Pinned-Dependencies']?.evidence).toEqual([
      'get.sh:3: downloadThenRun not pinned by hash: bash /tmp/s.sh',
    ]);
  });
});

describe('Binary-Artifacts (checks/binary_artifact_test.go)', () => {
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60, 1)]);
  const jar = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40, 0)]);
  const gradleValidation = workflow(
    'jobs:\n  v:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: gradle/wrapper-validation-action@v1\n',
  );
  it.each<[string, Record<string, string | Buffer>, number]>([
    ['no binaries → 10', { 'main.go': 'package main\n' }, 10],
    ['an ELF file, whatever its name → 9', { 'tools/helper': elf }, 9],
    ['a jar (zip magic, binary content) → 9', { 'lib/a.jar': jar }, 9],
    ['a text file named .exe is not a binary → 10', { 'x.exe': 'just text\n' }, 10],
    [
      'an image is binary but not in the list → 10',
      { 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]) },
      10,
    ],
    [
      'an extension-less ISO 9660 image (magic at 32769) → 9',
      { disk: Buffer.concat([Buffer.alloc(32769), Buffer.from('CD001'), Buffer.alloc(100)]) },
      9,
    ],
    [
      'a .pyc (no magic, not text) → 9',
      { 'm.pyc': Buffer.from([0x55, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]) },
      9,
    ],
    [
      'gradle-wrapper.jar with a validating workflow → 10',
      { 'gradle/wrapper/gradle-wrapper.jar': jar, [`${WF}/v.yml`]: gradleValidation },
      10,
    ],
    ['gradle-wrapper.jar without validation → 9', { 'gradle/wrapper/gradle-wrapper.jar': jar }, 9],
    [
      'eleven binaries → 0 (never below)',
      Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`b${i}.so`, elf])),
      0,
    ],
  ])('%s', async (_name, files, expected) => {
    expect(await scoreOf('Binary-Artifacts', files)).toBe(expected);
  });
});

describe('Security-Policy (checks/testdata/securitypolicy/NN_*: NN is the expected score)', () => {
  it.each<[string, Record<string, string>, number]>([
    ['no policy → 0', { 'README.md': 'hi' }, 0],
    ['an empty SECURITY.md is not a policy → 0', { 'SECURITY.md': '' }, 0],
    ['03_textOnly: text alone → 3', { 'SECURITY.md': 'Please be kind to maintainers\n' }, 3],
    [
      '04_textAndDisclosureVulns: text and two disclosure hints → 4',
      { 'SECURITY.md': 'We fix vulnerabilities and publish disclosures quickly\n' },
      4,
    ],
    [
      '06_urlAndEmailOnly: nothing but a link and an e-mail → 6',
      { 'SECURITY.md': 'https://sec.example.org team@example.org\n' },
      6,
    ],
    ['06_urlOnly → 6', { 'docs/SECURITY.md': 'https://example.com/security' }, 6],
    [
      '09_linkedContentAndText → 9',
      {
        'SECURITY.md': 'https://sec.example.org team@example.org\nPlease be kind to maintainers\n',
      },
      9,
    ],
    [
      '10_linkedContentAndTextAndDisclosureVuls → 10',
      {
        '.github/SECURITY.md':
          '# Security\nReport vulnerabilities to security@example.com.\nWe follow coordinated disclosure within 90 days.\nSee https://example.com/policy\n',
      },
      10,
    ],
  ])('%s', async (_name, files, expected) => {
    expect(await scoreOf('Security-Policy', files)).toBe(expected);
  });
});

describe('License (checks/evaluation/license_test.go, v5 weights 9 + 1)', () => {
  const require = createRequire(import.meta.url);
  const spdx = require('spdx-license-list/full') as Record<string, { licenseText: string }>;
  const mit = spdx.MIT?.licenseText ?? '';
  it.each<[string, Record<string, string>, number]>([
    ['no licence → 0', { 'README.md': 'hi' }, 0],
    ['LICENSE with the MIT text (OSI) → 10', { LICENSE: mit }, 10],
    ['COPYING with an unrecognised text → 9', { COPYING: 'All rights reserved by nobody.\n' }, 9],
    ['LICENSES/Apache-2.0.txt → 10', { 'LICENSES/Apache-2.0.txt': 'Apache License\n' }, 10],
    ['a source file named license.go is not a licence → 0', { 'license.go': 'package x\n' }, 0],
    ['a licence below the top level is not counted → 0', { 'sub/LICENSE': mit }, 0],
  ])('%s', async (_name, files, expected) => {
    expect(await scoreOf('License', files)).toBe(expected);
  });
});

describe('Dependency-Update-Tool, Packaging, Fuzzing, SAST', () => {
  it.each<[ScorecardCheckName, string, Record<string, string>, number | null]>([
    ['Dependency-Update-Tool', 'dependabot → 10', { '.github/dependabot.yml': 'version: 2\n' }, 10],
    ['Dependency-Update-Tool', 'renovate → 10', { '.renovaterc.json': '{}' }, 10],
    ['Dependency-Update-Tool', 'none → 0', { 'README.md': 'x' }, 0],
    [
      'Packaging',
      'pypi publish → 10',
      {
        [`${WF}/pub.yml`]: workflow(
          'jobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n',
        ),
      },
      10,
    ],
    [
      'Packaging',
      'npm publish with the npm registry → 10',
      {
        [`${WF}/pub.yml`]: workflow(`jobs:
  p:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          registry-url: https://registry.npmjs.org
      - run: npm publish --provenance
`),
      },
      10,
    ],
    [
      'Packaging',
      'npm publish to another registry → inconclusive',
      {
        [`${WF}/pub.yml`]: workflow(
          'jobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n      - run: npm publish\n',
        ),
      },
      null,
    ],
    ['Packaging', 'no workflow → inconclusive', { 'README.md': 'x' }, null],
    [
      'Fuzzing',
      'Go native fuzz function → 10',
      {
        'parse_test.go': 'package p\n\nfunc FuzzParse(f *testing.F) {}\n',
        'parse.go': 'package p\n',
      },
      10,
    ],
    [
      'Fuzzing',
      'ClusterFuzzLite → 10',
      { '.clusterfuzzlite/Dockerfile': 'FROM gcr.io/oss-fuzz-base/base-builder\n' },
      10,
    ],
    ['Fuzzing', 'nothing → 0', { 'main.go': 'package main\n' }, 0],
    [
      'Fuzzing',
      'fast-check in a minor language is not counted → 0',
      {
        'big.go': `package p\n${'// x\n'.repeat(5000)}`,
        'a.test.js': "import fc from 'fast-check';\n",
      },
      0,
    ],
    [
      'SAST',
      'CodeQL workflow → 10',
      {
        [`${WF}/codeql.yml`]: workflow(
          'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/analyze@v3\n',
        ),
      },
      10,
    ],
    [
      'SAST',
      'Sonar in pom.xml → 10',
      {
        'pom.xml':
          '<project><properties>\n<sonar.host.url>https://sonarcloud.io</sonar.host.url>\n</properties></project>\n',
      },
      10,
    ],
    ['SAST', 'nothing → 0', { 'README.md': 'x' }, 0],
  ])('%s: %s', async (check, _name, files, expected) => {
    expect(await scoreOf(check, files)).toBe(expected);
  });
});

describe('scorecardFileChecks', () => {
  it('returns the ten file checks, each with a reason and sorted `path:line: what` evidence', async () => {
    const results = await scorecardFileChecks(
      await repo({
        [`${WF}/ci.yml`]: workflow(JOB_UNDECLARED),
        'bad/.github/x': 'not a workflow',
        'a.sh': '#!/bin/sh\ncurl https://x | sh\ncurl https://y | sh\n',
      }),
    );
    expect(Object.keys(results).sort()).toEqual([
      'Binary-Artifacts',
      'Dangerous-Workflow',
      'Dependency-Update-Tool',
      'Fuzzing',
      'License',
      'Packaging',
      'Pinned-Dependencies',
      'SAST',
      'Security-Policy',
      'Token-Permissions',
    ]);
    for (const result of Object.values(results)) {
      expect(result.reason).not.toBe('');
      for (const e of result.evidence) expect(e).toMatch(/^[^:]+:\d+: \S/);
    }
    expect(results['Pinned-Dependencies']?.evidence).toEqual([
      'a.sh:2: downloadThenRun not pinned by hash: curl https://x | sh',
      'a.sh:3: downloadThenRun not pinned by hash: curl https://y | sh',
    ]);
  });

  it('an alias bomb in a workflow is never expanded', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`,
      );
    }
    const text = `${lines.join('\n')}\non: push\njobs: *l\n`;
    const results = await scorecardFileChecks(await repo({ [`${WF}/bomb.yml`]: text }));
    expect(results['Token-Permissions']?.score).toBe(9);
  });

  it('reports a workflow line of a million quotes as not YAML, with its line', () => {
    // (Quadratic in the YAML library's error excerpts: read without them, the line apart.)
    expect(parseWorkflow('w.yml', `on: push\njobs: ${'"'.repeat(1_000_000)}\n`)).toMatch(
      /^w\.yml:2: not valid YAML/,
    );
  });

  it('a workflow that is not YAML is reported and the other checks still score', async () => {
    const results = await scorecardFileChecks(
      await repo({
        [`${WF}/broken.yml`]: 'jobs: [unclosed\n',
        [`${WF}/ok.yml`]: workflow(`permissions: read-all\n${JOB_READ}`),
      }),
    );
    expect(results['Token-Permissions']?.score).toBe(10);
    expect(results['Token-Permissions']?.evidence[0]).toMatch(
      /^\.github\/workflows\/broken\.yml:\d+: not valid YAML/,
    );
    expect(results['Dangerous-Workflow']?.reason).toContain('1 workflow(s) not parsed');
  });
});
