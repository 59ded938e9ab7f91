/** Test helpers for the health analysis. */
import { emptyHistory, type HistoryMetrics } from '../analyzers/health/history/index.js';

/** A HistoryMetrics with everything zero/empty, as of `asOf`, with `overrides` applied. */
export function historyMetrics(
  asOf: string,
  overrides: Partial<HistoryMetrics> = {},
): HistoryMetrics {
  return { ...emptyHistory(new Date(asOf)), asOf, ...overrides };
}
