/**
 * A one-line progress display on stderr, only when stderr is a terminal: files walked and
 * components found, redrawn at most ten times a second, erased at the end.
 */
import type { ScanProgress } from '../core/scan.js';

export interface Progress {
  update(progress: ScanProgress): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  enabled: boolean,
): Progress {
  if (!enabled || stream.isTTY !== true) return SILENT;
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.phase !== 'done') return;
      last = now;
      const text =
        p.phase === 'walk'
          ? `openvet: walking… ${p.filesWalked} entries`
          : `openvet: ${p.filesWalked} entries walked, ${p.filesExtracted}/${p.filesToExtract} files read, ${p.componentsFound} components`;
      stream.write(`\r\u001b[2K${text}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}
