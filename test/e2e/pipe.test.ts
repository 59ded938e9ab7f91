/**
 * A reader that closes the pipe early (`openvet … | head`) ends openvet quietly: no EPIPE stack
 * trace on stderr.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from './cli.js';

describe('a closed stdout pipe', () => {
  it('ends the CLI without a stack trace', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'scan', 'examples/llm-app', '--offline', '--no-record', '--format', 'json'],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: '/nonexistent',
          HF_ENDPOINT: 'http://hf.invalid',
        },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The reader is gone before openvet writes anything.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).not.toBe(3);
  });
});
