/**
 * `openvet scan --format sarif|markdown|html` on the built CLI: the example project with a
 * pickle that runs code added, so that the reports carry real findings. SARIF is validated
 * against the official schema and GitHub's rules; the HTML report is opened in Chromium.
 */
import { copyFile, cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  githubSarifErrors,
  sarifSchemaAvailable,
  sarifSchemaErrors,
} from '../../src/testing/sarif-validate.js';
import { REPO_ROOT, openvet } from './cli.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'llm-app');
const EVIL = path.join(
  REPO_ROOT,
  'src/analyzers/models/formats/pytorch/__fixtures__/malicious-extra-member.pt',
);
const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01T00:00:00Z
const CHROMIUM = '/usr/bin/chromium';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-reporters-'));
  await cp(EXAMPLE, path.join(dir, 'app'), { recursive: true });
  await mkdir(path.join(dir, 'app', 'models', 'legacy'), { recursive: true });
  await copyFile(EVIL, path.join(dir, 'app', 'models', 'legacy', 'pytorch_model.bin'));
});

function scan(format: string, extra: string[] = []): ReturnType<typeof openvet> {
  const db = path.join(dir, 'openvet.db');
  return openvet(
    ['scan', 'app', '--format', format, '--no-record', '--offline', '--db', db, ...extra],
    {
      cwd: dir,
      env: EPOCH,
    },
  );
}

interface SarifLog {
  runs: {
    results: {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
  }[];
}

describe('openvet scan --format sarif', () => {
  it('writes a valid log, located from the repository root, byte-for-byte reproducible', async () => {
    const a = await scan('sarif');
    const b = await scan('sarif');
    expect(a.code, a.stderr).toBe(1); // the pickle fails the verdict; the report is still out
    expect(a.stdout).toBe(b.stdout);
    const log = JSON.parse(a.stdout) as SarifLog;
    expect(githubSarifErrors(log)).toEqual([]);
    if (sarifSchemaAvailable()) expect(sarifSchemaErrors(log)).toEqual([]);
    const unsafe = log.runs[0]!.results.find((r) => r.ruleId === 'model.unsafe-file');
    expect(unsafe?.level).toBe('error');
    // `scan app` from the repository root: paths are prefixed with `app/`.
    expect(unsafe?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      'app/models/legacy/pytorch_model.bin',
    );
  });
});

describe('openvet scan --format markdown', () => {
  it('writes a pull-request comment with the verdict and the findings', async () => {
    const run = await scan('markdown');
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^## openvet: FAIL\n\n\*\*Verdict: FAIL\*\*/);
    expect(run.stdout).toMatch(/^\| `model\.unsafe-file` \| legacy \|/m);
    expect(run.stdout.length).toBeLessThanOrEqual(65_536);
  });
});

describe('openvet scan --format html', () => {
  it('writes one self-contained file with --output', async () => {
    const run = await scan('html', ['--output', 'report.html']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Verdict: <strong>FAIL</strong>');
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'renders in Chromium with no error and no request',
    async () => {
      const file = path.join(dir, 'report.html');
      const run = await scan('html', ['--output', 'report.html']);
      expect(run.code, run.stderr).toBe(1);
      const browser = await chromium.launch({ executablePath: CHROMIUM });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        const url = pathToFileURL(file).href;
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(m.text());
        });
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('request', (r) => {
          if (r.url() !== url) problems.push(`request ${r.url()}`);
        });
        await page.goto(url);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
        expect(await page.locator('#components tbody tr').count()).toBeGreaterThan(3);
        expect(await page.locator('#findings tbody tr').count()).toBeGreaterThan(0);
        const shot = path.join(dir, 'report.png');
        await page.screenshot({ path: shot, fullPage: true });
        expect(existsSync(shot)).toBe(true);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

if (!existsSync(CHROMIUM)) console.warn(`Chromium checks skipped: ${CHROMIUM} is absent`);
