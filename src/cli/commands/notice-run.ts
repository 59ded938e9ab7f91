/**
 * What `openvet notice` does: an offline scan with the licence analyzer only, then the notice.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzers } from '../../analyzers/registry.js';
import { createScanFs } from '../../core/fs.js';
import { scan } from '../../core/scan.js';
import { extractors } from '../../extractors/registry.js';
import { collectNotices } from '../../notice/collect.js';
import { renderNotice } from '../../notice/render.js';
import { clockFromEnv } from '../clock.js';
import type { CliIo } from '../io.js';
import { toolVersion } from '../version.js';
import type { NoticeFlags } from './notice.js';

export async function runNotice(target: string, flags: NoticeFlags, io: CliIo): Promise<void> {
  const root = path.resolve(io.cwd, target);
  const result = await scan({
    path: root,
    extractors,
    // Only licences matter here: no advisories, no model-file analysis.
    analyzers: analyzers.filter((a) => a.name.startsWith('license/')),
    tool: { name: 'openvet', version: toolVersion() },
    now: clockFromEnv(io.env),
    offline: true,
    exclude: flags.exclude,
    env: io.env,
  });
  const fs = createScanFs(result.target.type === 'file' ? path.dirname(root) : root);
  const doc = await collectNotices(result, fs, { includeDev: flags.includeDev });
  const text = renderNotice(doc, flags.format);
  if (flags.output !== undefined) await writeFile(path.resolve(io.cwd, flags.output), text);
  else io.stdout.write(text);
  for (const e of [...result.errors, ...doc.errors])
    io.stderr.write(`openvet: ${e.path}: ${e.message}\n`);
  if (doc.unknown.length > 0)
    io.stderr.write(
      `openvet: ${doc.unknown.length} component(s) with no determined licence are listed for review\n`,
    );
}
