/**
 * The HTML report in headless Chromium (Debian `chromium`, driven by playwright-core): it
 * loads with no console error and no network request, the charts are drawn, hostile names stay
 * text, and filtering, sorting and the details panel work. A screenshot is written to the
 * system temp folder. Skipped with a message when /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/types.js';
import {
  manyFindingsScanResult,
  richScanResult,
  XSS_NAME,
} from '../../testing/scan-result-fixture.js';
import { reporter } from './index.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM)
  console.warn(`HTML report browser tests skipped: ${CHROMIUM} is absent (apt install chromium)`);

/** Everything a page did that a self-contained, offline report must not do. */
interface Trouble {
  readonly console: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

const outDir = mkdtempSync(path.join(os.tmpdir(), 'openvet-html-'));

async function open(
  browser: Browser,
  result: ScanResult,
  name: string,
): Promise<{ page: Page; trouble: Trouble }> {
  const file = path.join(outDir, `${name}.html`);
  writeFileSync(file, reporter.render(result));
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const trouble: Trouble = { console: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      trouble.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => trouble.console.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== url) trouble.requests.push(r.url());
  });
  page.on('dialog', (d) => {
    trouble.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return { page, trouble };
}

async function rowCount(page: Page): Promise<number> {
  return page.locator('#components tbody tr').count();
}

async function column(page: Page, index: number): Promise<string[]> {
  return page.locator(`#components tbody tr td:nth-child(${index})`).allTextContents();
}

describe.skipIf(!HAVE_CHROMIUM)('html report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let trouble: Trouble;
  const rich = richScanResult();

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM });
    ({ page, trouble } = await open(browser, rich, 'rich'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error, no request and no dialog', () => {
    expect(trouble).toEqual({ console: [], requests: [], dialogs: [] });
  });

  it('draws the three charts with chart.js', async () => {
    // The function runs in the page; the DOM types are not in this project's lib, hence the casts.
    const charts = await page.evaluate(() => {
      interface Canvas {
        width: number;
        dataset: { values?: string };
      }
      const g = globalThis as unknown as {
        document: { getElementById(id: string): Canvas };
        Chart: { getChart(c: Canvas): unknown };
      };
      return ['chart-licenses', 'chart-severities', 'chart-health'].map((id) => {
        const canvas = g.document.getElementById(id);
        return {
          id,
          drawn: g.Chart.getChart(canvas) !== undefined,
          width: canvas.width,
          values: canvas.dataset.values ?? '[]',
        };
      });
    });
    expect(charts.map((c) => c.drawn)).toEqual([true, true, true]);
    for (const c of charts) expect(c.width).toBeGreaterThan(100);
    expect(JSON.parse(charts[1]!.values)).toEqual([2, 5, 2, 2, 1]);
    // health bands 0-2.9, 3-4.9, 5-6.9, 7-10, no data: pdf-forge 2.1, requests 6.4, babel 8.7
    expect(JSON.parse(charts[2]!.values)).toEqual([1, 0, 1, 1, rich.components.length - 3]);
  });

  it('keeps hostile names as text', async () => {
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#components tbody').textContent()).toContain(XSS_NAME);
    expect(await page.locator('#components tbody').textContent()).toContain('</script>');
    expect(trouble.dialogs).toEqual([]);
  });

  it('lists every component, then filters by text, ecosystem, kind and findings', async () => {
    expect(await rowCount(page)).toBe(rich.components.length);
    await page.fill('#filter', 'debug');
    expect(await column(page, 1)).toEqual(['debug', 'debug']);
    await page.fill('#filter', '');
    await page.selectOption('#filter-ecosystem', 'PyPI');
    expect(await column(page, 1)).toEqual(['requests', 'six', 'urllib3']);
    await page.selectOption('#filter-ecosystem', '');
    await page.selectOption('#filter-kind', 'model');
    expect(await rowCount(page)).toBe(4);
    await page.selectOption('#filter-kind', '');
    await page.check('#filter-findings');
    expect((await column(page, 1)).sort()).toEqual(
      [
        'acme/phi-custom',
        'acme/sentiment-nc',
        'legacy',
        'meta-llama/Llama-3.2-1B',
        'pdf-forge',
        'requests',
        'six',
      ].sort(),
    );
    expect(await page.locator('#shown').textContent()).toBe(
      `7 of ${rich.components.length} components`,
    );
    await page.uncheck('#filter-findings');
    expect(await rowCount(page)).toBe(rich.components.length);
  });

  it('sorts by a column, both ways, numbers as numbers', async () => {
    const names = await column(page, 1);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    await page.click('#components th[data-key="name"] button');
    expect(await column(page, 1)).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en')));
    expect(await page.getAttribute('#components th[data-key="name"]', 'aria-sort')).toBe(
      'descending',
    );
    await page.click('#components th[data-key="health"] button');
    expect((await column(page, 9)).filter((h) => h !== '')).toEqual(['2.1', '6.4', '8.7']);
    await page.click('#components th[data-key="health"] button');
    expect((await column(page, 9)).slice(0, 3)).toEqual(['8.7', '6.4', '2.1']);
    await page.click('#components th[data-key="findings"] button');
    await page.click('#components th[data-key="findings"] button');
    expect((await column(page, 8)).slice(0, 2)).toEqual(['1 critical', '1 critical']);
    expect(await page.getAttribute('#components th[data-key="name"]', 'aria-sort')).toBe('none');
  });

  it('shows a component with its evidence, model card and lineage', async () => {
    await page.fill('#filter', 'phi-custom');
    await page.click('#components tbody tr button.link');
    const details = page.locator('#details');
    await expect
      .poll(() => details.locator('h3').first().textContent())
      .toBe('acme/phi-custom@89abcdef0123456789abcdef0123456789abcdef');
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('Model card');
    expect(text).toContain('A fine-tune of Phi for <support> tickets.');
    expect(text).toContain('Lineage');
    expect(await details.locator('.lineage-step').allTextContents()).toEqual([
      'acme/phi-custom',
      '\u2190 microsoft/phi-2',
    ]);
    expect(await details.locator('.lineage-data').textContent()).toBe('trained on: acme/tickets');
    expect(await details.locator('.evidence').count()).toBe(4);
    expect(text).toContain('model.remote-code');
    await page.fill('#filter', '');
  });

  it('filters the findings by severity', async () => {
    expect(await page.locator('#findings tbody tr').count()).toBe(rich.findings.length);
    await page.selectOption('#finding-severity', 'high');
    expect(await page.locator('#findings tbody tr').count()).toBe(5);
    await page.selectOption('#finding-severity', '');
  });

  it('takes a screenshot', async () => {
    const shot = path.join(outDir, 'html-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    console.info(`HTML report screenshot: ${shot}`);
    expect(trouble).toEqual({ console: [], requests: [], dialogs: [] });
  });

  it('loads and filters a report of 2,000 components', async () => {
    const big = await open(browser, manyFindingsScanResult(2_000), 'large');
    expect(await rowCount(big.page)).toBe(2_000);
    await big.page.fill('#filter', 'pkg-0199');
    expect(await rowCount(big.page)).toBe(10);
    expect(big.trouble).toEqual({ console: [], requests: [], dialogs: [] });
    await big.page.close();
  }, 60_000);
});

mkdirSync(outDir, { recursive: true });
