import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { richScanResult, SCRIPT_BREAK_NAME, XSS_NAME } from '../../testing/scan-result-fixture.js';
import { sampleScanResult } from '../../testing/scan-results.js';
import { embedJson, escapeHtml, escapeInlineScript, reporter } from './index.js';

const rich = richScanResult();
const html = reporter.render(rich);

/** The markup without the contents of its script elements. */
function markupOnly(page: string): string {
  return page.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2');
}

function scripts(page: string): { attrs: string; body: string }[] {
  return [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({
    attrs: m[1] ?? '',
    body: m[2] ?? '',
  }));
}

describe('html reporter', () => {
  it('is one HTML document that loads nothing from anywhere', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    const markup = markupOnly(html);
    expect(markup).not.toMatch(/\s(src|href|srcset|action|poster|data)\s*=/i);
    expect(markup).not.toMatch(/<(link|img|iframe|object|embed|base|audio|video)\b/i);
    expect(markup).not.toMatch(/url\(/i);
  });

  it('has a CSP that forbids the network and allows only its own scripts, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const policy = csp!.replace(/&#39;/g, "'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toMatch(/https?:|\*/);
    const code = scripts(html).filter((s) => !s.attrs.includes('application/json'));
    expect(code).toHaveLength(2);
    for (const s of code) {
      const hash = createHash('sha256').update(s.body, 'utf8').digest('base64');
      expect(policy).toContain(`'sha256-${hash}'`);
    }
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(policy).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  });

  it('inlines chart.js', () => {
    const [, chart] = scripts(html);
    expect(chart?.body).toContain('Chart.js v4');
    expect(chart?.body).not.toContain('sourceMappingURL');
  });

  it('embeds the whole result as JSON that reads back unchanged', () => {
    const data = scripts(html).find((s) => s.attrs.includes('id="openvet-data"'));
    expect(data?.attrs).toContain('type="application/json"');
    const parsed = JSON.parse(data!.body) as { result: unknown; rules: Record<string, unknown> };
    expect(parsed.result).toEqual(rich);
    expect(Object.keys(parsed.rules)).toContain('license.denied');
  });

  it('lets no scanned text end a script, open a comment or become markup', () => {
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).not.toContain('<!--');
    expect(html).not.toContain(XSS_NAME);
    expect(html).not.toContain(SCRIPT_BREAK_NAME);
    const hostile = reporter.render({
      ...sampleScanResult(),
      target: { ...sampleScanResult().target, name: XSS_NAME, path: '"><b>x' },
      verdict: { status: 'fail', summary: SCRIPT_BREAK_NAME },
    });
    expect(hostile).toContain(
      '<title>openvet report: &lt;img src=x onerror=alert(1)&gt;@1.2.0</title>',
    );
    expect(hostile).toContain('Scanned &quot;&gt;&lt;b&gt;x with');
    expect(hostile).not.toContain(XSS_NAME);
    expect(hostile.match(/<\/script>/g)).toHaveLength(3);
  });

  it('shows the verdict and the counts without script', () => {
    expect(html).toContain('<section id="verdict" class="verdict verdict-fail"');
    expect(html).toContain('Verdict: <strong>FAIL</strong>');
    expect(html).toContain(
      '<div class="count sev-critical"><span class="n">2</span> <span class="label">critical</span></div>',
    );
  });

  it('gives the same bytes for the same input', () => {
    expect(reporter.render(richScanResult())).toBe(html);
  });

  it.each([
    ['</script>', '\\u003c/script\\u003e'],
    ['<!-- x -->', '\\u003c!-- x --\\u003e'],
    ['a & b', 'a \\u0026 b'],
    ['\u2028\u2029', '\\u2028\\u2029'],
  ])('embedJson escapes %j', (value, expected) => {
    const out = embedJson(value);
    expect(out).toBe(`"${expected}"`);
    expect(JSON.parse(out)).toBe(value);
  });

  it.each([
    ['var s = "</script>";', 'var s = "<\\/script>";'],
    ['var s = "</SCRIPT >";', 'var s = "<\\/SCRIPT >";'],
    ['var s = "<!--";', 'var s = "<\\!--";'],
  ])('escapeInlineScript(%j)', (code, expected) => {
    expect(escapeInlineScript(code)).toBe(expected);
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
