/**
 * `openvet notice` end to end on the built CLI: the bundled example and a written file.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openvet } from './cli.js';

describe('openvet notice', () => {
  it('prints the notice of the bundled example as text', async () => {
    const run = await openvet(['notice', 'examples/llm-app']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^THIRD-PARTY SOFTWARE NOTICES AND INFORMATION\nllm-app uses/);
    // The example's fine-tuned classifier declares apache-2.0 in its card.
    expect(run.stdout).toMatch(/^Apache-2\.0 \(Apache License 2\.0\)$/m);
    expect(run.stdout).toContain('* support-classifier');
    expect(run.stdout).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(run.stderr).toMatch(/component\(s\) with no determined licence are listed for review/);
  });

  it('writes Markdown to a file with --output', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-notice-'));
    const out = path.join(dir, 'NOTICES.md');
    const run = await openvet(['notice', 'examples/llm-app', '--format', 'markdown', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const text = await readFile(out, 'utf8');
    expect(text).toMatch(/^# Third-party notices\n/);
    expect(text).toContain('## Apache-2.0 (Apache License 2.0)');
  });

  it('rejects an unknown format with exit 2', async () => {
    const run = await openvet(['notice', 'examples/llm-app', '--format', 'pdf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pdf/);
  });
});
