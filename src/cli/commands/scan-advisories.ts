/**
 * The vulnerability data `openvet scan` hands its analyzers: the advisories imported into the
 * store (`openvet db import`), plus the OSV API unless `--offline`.
 */
import {
  combineAdvisorySources,
  storeAdvisorySource,
  type AdvisorySource,
} from '../../analyzers/vulns/source.js';
import type { Store } from '../../store/index.js';
import type { CliIo } from '../io.js';
import type { ScanFlags } from './scan.js';

/** The advisory source for this scan, or undefined when there is no data at all. */
export async function advisorySourceFor(
  store: Store | undefined,
  flags: ScanFlags,
  io: CliIo,
): Promise<AdvisorySource | undefined> {
  const sources: AdvisorySource[] = [];
  if (store !== undefined && (await store.advisoryStatus()).advisories > 0)
    sources.push(storeAdvisorySource(store));
  void io;
  if (sources.length === 0) return undefined;
  return sources.length === 1 ? sources[0] : combineAdvisorySources(sources);
}
