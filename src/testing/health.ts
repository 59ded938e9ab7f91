/** Test helpers for the health analysis. */
import type { HistoryMetrics } from '../analyzers/health/history/index.js';

/** A HistoryMetrics with everything zero/empty, as of `asOf`, with `overrides` applied. */
export function historyMetrics(
  asOf: string,
  overrides: Partial<HistoryMetrics> = {},
): HistoryMetrics {
  return {
    asOf,
    shallow: false,
    commits: { total: 0, bots: 0, human: 0, humanInWindow: { last90Days: 0, last365Days: 0 } },
    releases: { total: 0, perYear: {}, last365Days: 0 },
    activeMaintainers: { last90Days: 0, last365Days: 0 },
    topMaintainers: [],
    contributors: 0,
    contributorAbsenceFactor: { allTime: 0, last365Days: 0 },
    truckFactor: { value: 0, files: 0, authors: [] },
    recentCommitTimes: [],
    ...overrides,
  };
}
