import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../testing/extract.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';
import { runCli } from './program.js';

function sink(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  }) as Writable & { isTTY: boolean; text: () => string };
  stream.isTTY = isTTY;
  stream.text = () => chunks.join('');
  return stream;
}

describe('progress line', () => {
  const step = {
    phase: 'extract' as const,
    filesWalked: 12,
    filesExtracted: 3,
    filesToExtract: 4,
    componentsFound: 7,
  };

  it('draws on a terminal and erases itself at the end', () => {
    const tty = sink(true);
    const progress = createProgress(tty, true);
    progress.update(step);
    progress.done();
    expect(tty.text()).toBe(
      '\r\u001b[2Kopenvet: 12 entries walked, 3/4 files read, 7 components\r\u001b[2K',
    );
  });

  it('stays silent when stderr is not a terminal, or when disabled', () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const stream = sink(isTTY);
      const progress = createProgress(stream, enabled);
      progress.update(step);
      progress.done();
      expect(stream.text()).toBe('');
    }
  });
});

describe('openvet scan in-process', () => {
  it('shows progress on a terminal stderr, keeps stdout clean, and --no-progress turns it off', async () => {
    const dir = await tempTree({ 'requirements.txt': 'requests==2.32.3\nidna==3.7\n' });
    const run = async (extra: string[]) => {
      const io: CliIo & { stdout: ReturnType<typeof sink>; stderr: ReturnType<typeof sink> } = {
        stdout: sink(false),
        stderr: sink(true),
        env: { SOURCE_DATE_EPOCH: '0' },
        cwd: dir,
      };
      const code = await runCli(['scan', '.', '--format', 'json', '--no-record', ...extra], io);
      return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
    };
    const shown = await run([]);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toMatch(/components/);
    expect((JSON.parse(shown.stdout) as { components: unknown[] }).components).toHaveLength(2);
    const hidden = await run(['--no-progress']);
    expect(hidden.stderr).toBe('');
    expect(hidden.stdout).toBe(shown.stdout);
  });
});
